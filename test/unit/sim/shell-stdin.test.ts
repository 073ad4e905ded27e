// A script from -c leaves the shell's stdin to the commands it runs (`echo x | kubectl exec -i pod -- sh -c 'cat > f'`).
import { describe, expect, it } from "vitest";
import { makeFs, runProgram } from "./harness";

describe("the shell's stdin", () => {
  it("goes to the first command that reads it", () => {
    expect(runProgram(["sh", "-c", "cat"], { stdin: "a\nb\n" }).out).toBe("a\nb\n");
    expect(runProgram(["sh", "-c", "echo first; cat; echo last"], { stdin: "body\n" }).out).toBe("first\nbody\nlast\n");
    // once read, it is gone
    expect(runProgram(["sh", "-c", "cat; cat"], { stdin: "once\n" }).out).toBe("once\n");
    expect(runProgram(["sh", "-c", "wc -l | tr -d ' '"], { stdin: "1\n2\n3\n" }).out).toBe("3\n");
  });

  it("is read a line at a time by read", () => {
    expect(runProgram(["sh", "-c", "read a; read b; echo \"$b-$a\""], { stdin: "one\ntwo\n" }).out).toBe("two-one\n");
    expect(runProgram(["sh", "-c", "while read l; do echo \"<$l>\"; done"], { stdin: "x\ny\n" }).out).toBe("<x>\n<y>\n");
    expect(runProgram(["sh", "-c", "read a; cat"], { stdin: "head\nrest\n" }).out).toBe("rest\n");
  });

  it("is not what a redirected command reads", () => {
    const { fs } = makeFs("ubuntu:22.04");
    fs.writeFile("/f", "from file\n", 0);
    expect(runProgram(["sh", "-c", "cat < /f; cat"], { stdin: "from stdin\n", fs }).out).toBe("from file\nfrom stdin\n");
  });

  it("lands in a file with cat >", () => {
    const { fs } = makeFs("ubuntu:22.04");
    runProgram(["sh", "-c", "cat > /tmp/copy"], { stdin: "payload\n", fs });
    const read = fs.readFile("/tmp/copy");
    expect("data" in read ? read.data : read.error).toBe("payload\n");
  });
});
