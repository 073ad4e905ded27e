import { describe, expect, it } from "vitest";
import { PodRun, FAST } from "./pod-harness";
import { piDigits } from "../../../src/sim/processes/pi";
import { openExecSession, execSessionInput, attachInput, readLogs } from "../../../src/sim/kubelet/index";

const PI_50 = "3.1415926535897932384626433832795028841971693993751";

describe("perl pi", () => {
  it("computes real digits", () => {
    expect(piDigits(50)).toBe(PI_50.slice(0, 51).replace(/1$/, "1"));
    expect(piDigits(5)).toBe("3.1416");
    expect(piDigits(2000).length).toBe(2001);
    expect(piDigits(2000).slice(0, 51)).toBe(PI_50);
  });

  it("a Job-style pod prints 2000 digits after a time that grows with N, then Completes", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: pi }
spec:
  restartPolicy: Never
  containers:
  - name: pi
    image: perl
    command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
`, FAST);
    r.advance(2, 100);
    expect(r.status?.phase).toBe("Running");
    expect(r.logs("pi")).toBe("");
    r.advance(10);
    expect(r.status?.phase).toBe("Succeeded");
    const out = r.logs("pi");
    expect(out.startsWith(PI_50)).toBe(true);
    expect(out.trim().length).toBe(2001);
  });
});

const BUSY = `
apiVersion: v1
kind: Pod
metadata: { name: pod-stress4 }
spec:
  containers:
  - { name: c1, image: polinux/stress, command: ["stress"], args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"] }
  - { name: c2, image: busybox, command: ["sleep", "3600"] }
`;

describe("exec", () => {
  it("returns the command's exit code and output", () => {
    const r = new PodRun(BUSY, FAST);
    r.advance(2, 100);
    expect(r.exec("c2", ["touch", "/111"]).exitCode).toBe(0);
    expect(r.exec("c2", ["ls", "/111"]).stdout).toBe("/111\n");
    const miss = r.exec("c2", ["ls", "/222"]);
    expect(miss.exitCode).toBe(1);
    expect(miss.stderr).toBe("ls: /222: No such file or directory\n");
    expect(r.exec("c2", ["sh", "-c", "xxx"]).exitCode).toBe(127);
    expect(r.exec("c2", ["sh", "-c", "exit 5"]).exitCode).toBe(5);
    const nf = r.exec("c2", ["xxx"]);
    expect(nf.error?.message).toContain('exec: "xxx": executable file not found in $PATH');
    expect(r.exec("c3", ["ls"]).error?.code).toBe("ContainerNotFound");
    // files are per container
    expect(r.exec("c1", ["ls", "/111"]).exitCode).toBe(1);
  });

  it("sees kubelet-managed files", () => {
    const r = new PodRun(BUSY, FAST);
    r.advance(2, 100);
    expect(r.exec("c2", ["cat", "/etc/resolv.conf"]).stdout).toBe("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
    expect(r.exec("c2", ["hostname"]).stdout).toBe("pod-stress4\n");
    expect(r.exec("c2", ["cat", "/etc/hosts"]).stdout).toContain("10.244.1.5\tpod-stress4\n");
  });

  it("interactive shell: prompt, echo, backspace, exit", () => {
    const r = new PodRun(BUSY, FAST);
    r.advance(2, 100);
    const input = { pod: r.pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: r.now };
    const open = openExecSession(r.state!, input, "c1", ["/bin/bash"], true);
    expect(open.output).toBe("bash-5.0# ");
    let res = execSessionInput(open.state, input, "c1", open.session!, "touch /333\r");
    expect(res.output).toBe("touch /333\r\nbash-5.0# ");
    res = execSessionInput(res.state, input, "c1", res.session!, "ls /3x\x7f33\r");
    expect(res.output).toBe("ls /3x\b \b33\r\n/333\r\nbash-5.0# ");
    res = execSessionInput(res.state, input, "c1", res.session!, "exit\r");
    expect(res.exitCode).toBe(0);
    expect(res.output).toBe("exit\r\nexit\r\n");
    const ash = openExecSession(r.state!, input, "c2", ["/bin/sh"], true);
    expect(ash.output).toBe("/ # ");
    const cd = execSessionInput(ash.state, input, "c2", ash.session!, "cd /tmp\r");
    expect(cd.output).toBe("cd /tmp\r\n/tmp # ");
  });

  it("kubectl run -it: attach to the console and exit with its code", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: bb }
spec:
  restartPolicy: Never
  containers:
  - { name: bb, image: busybox, stdin: true, tty: true, command: ["sh"] }
`, FAST);
    r.advance(2, 100);
    expect(r.status?.phase).toBe("Running");
    const input = { pod: r.pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: r.now };
    const a = attachInput(r.state!, input, "bb", "echo hi\rexit 3\r");
    expect(a.output).toBe("echo hi\r\nhi\r\n/ # exit 3\r\n");
    expect(a.exitCode).toBe(3);
    r.state = a.state;
    r.advance(1, 100);
    expect(r.status?.phase).toBe("Failed");
    expect(r.cs("bb")?.state?.terminated?.exitCode).toBe(3);
  });

  it("readLogs: tail, timestamps, previous errors", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: counter }
spec:
  containers:
  - { name: c, image: busybox, command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 1; done"] }
`, FAST);
    r.advance(10);
    const all = readLogs(r.state!, "counter", "c", {});
    expect(all.ok && all.text.startsWith("line 1\nline 2\n")).toBe(true);
    const tail = readLogs(r.state!, "counter", "c", { tailLines: 2 });
    expect(tail.ok && tail.text.split("\n").length).toBe(3);
    const ts = readLogs(r.state!, "counter", "c", { tailLines: 1, timestamps: true });
    expect(ts.ok && ts.text).toMatch(/^2024-01-01T00:00:\d\d\.\d{9}Z line \d+\n$/);
    const prev = readLogs(r.state!, "counter", "c", { previous: true });
    expect(prev).toEqual({ ok: false, message: 'previous terminated container "c" in pod "counter" not found' });
  });
});
