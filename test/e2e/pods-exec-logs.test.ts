// The course's pod chapter with the real kubectl, part 3: exec (exit codes, errors, piped stdin,
// interactive shells on a pseudo-terminal), `run -it --rm`, and logs (-f, --tail, --timestamps,
// --previous) including a Job-style pod printing 2000 digits of pi.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { eventually, jsonpath, kubectlStream, kubectlTty, piBySpigot, podRow, podYaml } from "./pod-helpers";

const STRESS_C = (n: string) =>
  `  - name: ${n}\n    image: polinux/stress\n    imagePullPolicy: IfNotPresent\n    resources:\n      limits:\n        memory: "200Mi"\n      requests:\n        memory: "100Mi"\n    command: ["stress"]\n    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]\n`;

describe("kubectl exec", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
    await k.kubectl(["apply", "-f", k.file("pod4.yml", podYaml("pod-stress4", `  containers:\n${STRESS_C("c1")}${STRESS_C("c2")}`))]);
    await k.advance(5);
    expect(await podRow(k, "pod-stress4")).toMatchObject({ ready: "2/2", status: "Running" });
  });

  it("runs commands in a chosen container and returns their exit codes", async () => {
    const missing = await k.kubectl(["exec", "pod-stress4", "-c", "c2", "--", "ls", "/111"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "ls: /111: No such file or directory\ncommand terminated with exit code 1\n" });
    expect(await k.kubectl(["exec", "pod-stress4", "-c", "c2", "--", "touch", "/111"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await k.kubectl(["exec", "pod-stress4", "-c", "c2", "--", "ls", "/111"])).toEqual({ code: 0, stdout: "/111\n", stderr: "" });
    // without -c kubectl takes the first container; its filesystem is its own
    const defaulted = await k.kubectl(["exec", "pod-stress4", "--", "touch", "/222"]);
    expect(defaulted).toEqual({ code: 0, stdout: "", stderr: 'Defaulted container "c1" out of: c1, c2\n' });
    expect((await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "ls", "/111"])).code).toBe(1);
    expect((await k.kubectl(["exec", "pod-stress4", "-c", "c2", "--", "ls", "/222"])).code).toBe(1);

    expect(await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "sh", "-c", "exit 3"])).toEqual({ code: 3, stdout: "", stderr: "command terminated with exit code 3\n" });
    expect(await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "sh", "-c", "echo out; echo err >&2; exit 0"])).toEqual({ code: 0, stdout: "out\n", stderr: "err\n" });
    expect(await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "sh", "-c", "xxx"])).toEqual({ code: 127, stdout: "", stderr: "sh: xxx: not found\ncommand terminated with exit code 127\n" });
  });

  it("gives the real errors for a missing binary, container or pod, and a completed or crashed container", async () => {
    const nobin = await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "xxx"]);
    expect(nobin.code).toBe(1);
    expect(nobin.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "xxx": executable file not found in \$PATH: unknown\n$/);
    expect(await k.kubectl(["exec", "pod-stress4", "-c", "c3", "--", "ls"])).toEqual({ code: 1, stdout: "", stderr: "Error from server (BadRequest): container c3 is not valid for pod pod-stress4\n" });
    expect(await k.kubectl(["exec", "nope", "--", "ls"])).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' });

    await k.kubectl(["apply", "-f", k.file("done.yml", podYaml("done", '  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo finished"]\n'))]);
    await k.kubectl(["apply", "-f", k.file("crash.yml", podYaml("crash", '  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo bye; exit 1"]\n'))]);
    await k.advance(3);
    expect(await podRow(k, "done")).toMatchObject({ ready: "0/1", status: "Completed" });
    expect(await k.kubectl(["exec", "done", "--", "ls"])).toEqual({ code: 1, stdout: "", stderr: "error: cannot exec into a container in a completed pod; current phase is Succeeded\n" });
    expect(await jsonpath(k, "crash", ".status.containerStatuses[0].state.running")).toBe("");
    expect(await k.kubectl(["exec", "crash", "--", "ls"])).toEqual({ code: 1, stdout: "", stderr: 'error: unable to upgrade connection: container not found ("c")\n' });
  });

  it("feeds piped stdin to the command with -i", async () => {
    const r = await k.kubectl(["exec", "-i", "pod-stress4", "-c", "c1", "--", "sh"], { stdin: "echo piped $((6*7)); cat /etc/hostname; exit 4\n" });
    expect(r).toEqual({ code: 4, stdout: "piped 42\npod-stress4\n", stderr: "command terminated with exit code 4\n" });
    const cat = await k.kubectl(["exec", "-i", "pod-stress4", "-c", "c1", "--", "cat"], { stdin: "line one\nline two\n" });
    expect(cat).toEqual({ code: 0, stdout: "line one\nline two\n", stderr: "" });
  });

  it("gives sh -c's commands the piped stdin: writing a file, reading lines", async () => {
    const write = await k.kubectl(["exec", "-i", "pod-stress4", "-c", "c1", "--", "sh", "-c", "cat > /tmp/notes.txt; wc -l < /tmp/notes.txt"], { stdin: "第一行\nsecond\n" });
    expect(write).toMatchObject({ code: 0, stdout: "2\n" });
    expect((await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "cat", "/tmp/notes.txt"])).stdout).toBe("第一行\nsecond\n");
    const read = await k.kubectl(["exec", "-i", "pod-stress4", "-c", "c1", "--", "sh", "-c", "while read l; do echo \"[$l]\"; done"], { stdin: "a\nb\n" });
    expect(read.stdout).toBe("[a]\n[b]\n");
  });

  it("kubectl exec -it gives an interactive shell on a terminal", async () => {
    const r = await kubectlTty(k, ["exec", "-it", "pod-stress4", "-c", "c1", "--", "/bin/bash"], [
      { after: "bash-5.0# ", text: "touch /333\r" },
      { after: "bash-5.0# ", text: "ls /\r" },
      { after: "bash-5.0# ", text: "echo $((40+2)) > /tmp/x; cat /tmp/x\r" },
      { after: "bash-5.0# ", text: "exit 5\r" },
    ]);
    expect(r.code, r.stdout).toBe(5);
    const screen = r.stdout.replace(/\r/g, "");
    expect(screen).toContain("bash-5.0# touch /333\n");
    expect(screen).toMatch(/bash-5\.0# ls \/\n222\s+bin\s+etc[^\n]*\n333\s+dev\s+home/);
    expect(screen).toContain("bash-5.0# echo $((40+2)) > /tmp/x; cat /tmp/x\n42\n");
    expect(screen).toContain("bash-5.0# exit 5\nexit\n");
    expect(screen).toContain("command terminated with exit code 5");
    // what the shell did stays in the container
    expect((await k.kubectl(["exec", "pod-stress4", "-c", "c1", "--", "ls", "/333"])).stdout).toBe("/333\n");
  });

  it("kubectl run -it --rm returns the container's exit code and removes the pod", async () => {
    const r = await kubectlTty(k, ["run", "-it", "--rm", "--restart=Never", "busybox", "--image=busybox", "--", "sh", "-c", "exit 3"], []);
    expect(r.code, r.stdout).toBe(3);
    expect(r.stdout).toContain('pod "busybox" deleted');
    await eventually("busybox removed", async () => (await k.kubectl(["get", "pod", "busybox", "--ignore-not-found", "-o", "name"])).stdout === "");

    const shell = await kubectlTty(k, ["run", "-it", "--rm", "--restart=Never", "bb", "--image=busybox", "--", "sh"], [
      { after: "try pressing enter.", text: "echo inside-$((1+2))\r" },
      { after: "/ # ", text: "hostname\r" },
      { after: "/ # ", text: "exit 7\r" },
    ]);
    expect(shell.code, shell.stdout).toBe(7);
    const screen = shell.stdout.replace(/\r/g, "");
    expect(screen).toContain("If you don't see a command prompt, try pressing enter.");
    expect(screen).toMatch(/inside-3\n\/ # hostname\nbb\n\/ # exit 7\n/);
    expect(screen).toContain('pod "bb" deleted');
  });
});

describe("kubectl logs", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("a Job-style pod prints 2000 digits of pi", async () => {
    await k.kubectl(["apply", "-f", k.file("pi.yml", podYaml("pi", '  restartPolicy: Never\n  containers:\n  - name: pi\n    image: perl\n    imagePullPolicy: IfNotPresent\n    command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]\n'))]);
    await k.advance(1);
    expect(await podRow(k, "pi")).toMatchObject({ ready: "1/1", status: "Running" });
    await k.advance(20);
    expect(await podRow(k, "pi")).toMatchObject({ ready: "0/1", status: "Completed", restarts: 0 });
    const logs = await k.kubectl(["logs", "pi"]);
    // bpi(2000): 2000 significant digits, the last one rounded
    const digits = piBySpigot(2005);
    const rounded = (BigInt(digits.slice(0, 2000)) + (Number(digits[2000]) >= 5 ? 1n : 0n)).toString();
    expect(logs.stdout).toBe(`3.${rounded.slice(1)}\n`);
    expect(logs.stdout.length).toBe(2002);

    const job = await k.kubectl(["create", "job", "pi-job", "--image=perl", "--", "perl", "-Mbignum=bpi", "-wle", "print bpi(50)"]);
    expect(job.stdout).toBe("job.batch/pi-job created\n");
    await k.advance(30);
    expect((await k.kubectl(["logs", "job/pi-job"])).stdout).toBe("3.1415926535897932384626433832795028841971693993751\n");
  });

  it("logs -f streams until the container stops; --tail and --timestamps", async () => {
    await k.kubectl(["apply", "-f", k.file("counter.yml", podYaml("counter", '  restartPolicy: Never\n  containers:\n  - name: count\n    image: busybox\n    args: ["/bin/sh", "-c", "i=0; while [ $i -lt 5 ]; do i=$((i+1)); echo line $i; sleep 10; done; echo done"]\n'))]);
    await k.advance(1);
    const follow = kubectlStream(k, ["logs", "-f", "counter"]);
    await eventually("first line", async () => follow.output() === "line 1\n");
    await k.advance(10);
    await eventually("second line", async () => follow.output() === "line 1\nline 2\n");
    let ended = false;
    void follow.done.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(ended).toBe(false);
    await k.advance(45);
    const r = await follow.done;
    expect(r).toEqual({ code: 0, stdout: "line 1\nline 2\nline 3\nline 4\nline 5\ndone\n", stderr: "" });
    expect(await podRow(k, "counter")).toMatchObject({ status: "Completed" });

    expect((await k.kubectl(["logs", "counter", "--tail=2"])).stdout).toBe("line 5\ndone\n");
    const stamped = (await k.kubectl(["logs", "counter", "--timestamps"])).stdout.trim().split("\n");
    expect(stamped).toHaveLength(6);
    const times = stamped.map((l) => {
      const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) (.*)$/.exec(l);
      expect(m, l).not.toBeNull();
      return Date.parse(m?.[1] ?? "");
    });
    // one line every 10 s of cluster time
    expect(times.slice(1).map((t, i) => Math.round((t - times[i]) / 1000))).toEqual([10, 10, 10, 10, 10]);
  });

  it("--previous shows the last run of a restarted container", async () => {
    await k.kubectl(["apply", "-f", k.file("flaky.yml", podYaml("flaky", '  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "echo run at $(date +%s); sleep 5; exit 2"]\n'))]);
    await k.advance(8);
    expect(await podRow(k, "flaky")).toMatchObject({ restarts: 1 });
    const current = await k.kubectl(["logs", "flaky"]);
    const previous = await k.kubectl(["logs", "flaky", "--previous"]);
    expect(current.stdout).toMatch(/^run at \d+\n$/);
    expect(previous.stdout).toMatch(/^run at \d+\n$/);
    // each run printed the second it started at, as the container's status records it
    const startedAt = async (path: string) => Date.parse(await jsonpath(k, "flaky", path)) / 1000;
    const started = await startedAt(".status.containerStatuses[0].state.running.startedAt");
    const startedBefore = await startedAt(".status.containerStatuses[0].lastState.terminated.startedAt");
    expect(started - startedBefore).toBeGreaterThanOrEqual(5);
    expect(Number(/\d+/.exec(current.stdout)?.[0]) - Number(/\d+/.exec(previous.stdout)?.[0])).toBe(started - startedBefore);
    expect(await jsonpath(k, "flaky", ".status.containerStatuses[0].lastState.terminated.exitCode")).toBe("2");
    const none = await k.kubectl(["logs", "counter", "--previous"]);
    expect(none).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): previous terminated container "count" in pod "counter" not found\n' });
  });
});
