import { describe, expect, it } from "vitest";
import { makeFs, runSh } from "./harness";
import { advanceProgram } from "../../../src/sim/shell/proc";
import { parseScript } from "../../../src/sim/shell/parse";

describe("shell", () => {
  it("runs ; && || and exit codes", () => {
    const r = runSh("echo a; false && echo no || echo yes; true && echo b");
    expect(r.out).toBe("a\nyes\nb\n");
    expect(r.proc.exitCode).toBe(0);
    expect(runSh("exit 3").proc.exitCode).toBe(3);
    expect(runSh("echo x; exit 7; echo y").out).toBe("x\n");
  });

  it("reports unknown commands with 127", () => {
    const r = runSh("xxx");
    expect(r.err).toBe("sh: xxx: not found\n");
    expect(r.proc.exitCode).toBe(127);
    const b = runSh("xxx", { image: "nginx:latest" });
    expect(b.err).toBe("sh: xxx: not found\n");
  });

  it("expands variables and quotes, redirects to files", () => {
    const { fs } = makeFs("busybox");
    const r = runSh(`A=hello; echo "$A world" > /tmp/f; echo 'not $A' >> /tmp/f; cat /tmp/f; echo \${B:-dflt}`, { fs });
    expect(r.out).toBe("hello world\nnot $A\ndflt\n");
    const r2 = runSh("ls /111 2>&1; echo rc=$?", { fs });
    expect(r2.out).toBe("ls: /111: No such file or directory\nrc=1\n");
  });

  it("pipes, command substitution and loops", () => {
    const r = runSh("echo -e 'a\\nb\\nc' | wc -l; echo $(echo hi); for i in 1 2 3; do echo n$i; done; i=0; while [ $i -lt 2 ]; do i=$((i+1)); echo w$i; done");
    expect(r.out).toBe("3\nhi\nn1\nn2\nn3\nw1\nw2\n");
  });

  it("sleep blocks and resumes across simulated time", () => {
    const { fs } = makeFs("busybox");
    const r = runSh("touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600", { fs, until: 10_000 });
    expect(fs.exists("/tmp/healthy")).toBe(true);
    expect(r.proc.untilMs).toBe(30_000);
    advanceProgram(r.proc, 31_000, (t) => ({ ...r.ctx, now: t }));
    expect(fs.exists("/tmp/healthy")).toBe(false);
    expect(r.proc.untilMs).toBe(630_000);
    advanceProgram(r.proc, 700_000, (t) => ({ ...r.ctx, now: t }));
    expect(r.proc.exitCode).toBe(0);
  });

  it("cat of a missing file reads like busybox", () => {
    const r = runSh("cat /tmp/healthy");
    expect(r.err).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(r.proc.exitCode).toBe(1);
  });

  it("mkdir -p, ls -l, hostname, date", () => {
    const { fs } = makeFs("nginx:1.15-alpine");
    const r = runSh("mkdir -p /usr/share/nginx/html/haha; ls /usr/share/nginx/html; hostname; date", { fs, image: "nginx:1.15-alpine", now: Date.UTC(2020, 10, 21, 4, 29, 12) });
    expect(r.out).toBe("50x.html\nhaha\nindex.html\npod1\nSat Nov 21 04:29:12 UTC 2020\n");
    const l = runSh("ls -l /usr/share/nginx/html", { fs, image: "nginx:1.15-alpine", now: Date.UTC(2019, 5, 1) });
    expect(l.out.split("\n")[0]).toMatch(/^total \d+$/);
    expect(l.out).toContain("   612 Apr 16 13:08 index.html");
  });

  it("nginx -v prints the tag's version", () => {
    const r = runSh("nginx -v", { image: "nginx:1.15-alpine" });
    expect(r.err).toBe("nginx version: nginx/1.15.12\n");
  });

  it("parses syntax errors without throwing", () => {
    expect(() => parseScript("echo 'x")).toThrow();
    const r = runSh("echo 'x");
    expect(r.proc.exitCode).toBe(2);
    expect(r.err).toContain("unterminated quoted string");
  });

  it("if/elif/else and test", () => {
    const r = runSh("if [ -f /etc/passwd ]; then echo yes; else echo no; fi; if test -d /nope; then echo a; elif [ 1 -eq 1 ]; then echo b; fi");
    expect(r.out).toBe("yes\nb\n");
  });
});
