// When the kubelet shows an exit, restarts after a probe kill, signals a killed container, and
// notices a deletion: the timings `kubectl get pods` makes visible.
import { describe, expect, it } from "vitest";
import { PodRun, FAST } from "./pod-harness";

const OOM = `
apiVersion: v1
kind: Pod
metadata: { name: pod-stress3, namespace: namespace1 }
spec:
  containers:
  - name: c1
    image: polinux/stress
    resources:
      limits: { memory: "200Mi" }
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`;

/** The STATUS column kubectl derives from a single container's state. */
function column(r: PodRun): string {
  const s = r.cs("c1")?.state;
  return s?.waiting?.reason ?? s?.terminated?.reason ?? (s?.running ? "Running" : "?");
}

describe("status after a crash", () => {
  it("shows OOMKilled until the pod worker's next sync, then CrashLoopBackOff until the restart", () => {
    const r = new PodRun(OOM, FAST);
    const samples: Array<{ t: number; status: string; restarts: number }> = [];
    for (let i = 0; i < 400; i++) {
      r.advance(0.25, 250);
      samples.push({ t: r.now, status: column(r), restarts: r.cs("c1")?.restartCount ?? 0 });
    }
    const at = (t: number) => samples.filter((x) => x.t <= t).pop();
    const starts = r.eventsOf("Started").map((e) => e.time);
    // the second run ends with a 10 s back-off: its exit stays on show the whole time
    expect(at(starts[1] + 5000)).toMatchObject({ status: "OOMKilled", restarts: 1 });
    expect(at(starts[2] - 500)).toMatchObject({ status: "OOMKilled", restarts: 1 });
    // the third ends with 20 s: 10 s of OOMKilled, then the kubelet reports the back-off
    expect(at(starts[2] + 5000)).toMatchObject({ status: "OOMKilled", restarts: 2 });
    expect(at(starts[2] + 15_000)).toMatchObject({ status: "CrashLoopBackOff", restarts: 2 });
    expect(r.cs("c1")?.lastState?.terminated?.reason).toBe("OOMKilled");
  });

  it("the restart waits out the back-off, measured from the exit", () => {
    const r = new PodRun(OOM, FAST);
    r.advance(200, 250);
    const starts = r.eventsOf("Started").map((e) => e.time);
    const gaps = starts.slice(1).map((t, i) => Math.round((t - starts[i]) / 1000));
    // each run lasts well under a second before the OOM kill
    expect(gaps.slice(0, 5)).toEqual([0, 10, 20, 40, 80]);
  });
});

describe("killing a container", () => {
  it("a liveness kill of nginx: SIGTERM at once, restarted without back-off", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: liveness-httpget }
spec:
  containers:
  - name: liveness
    image: nginx:1.15-alpine
    ports: [{ name: http, containerPort: 80 }]
    livenessProbe:
      httpGet: { port: http, path: /index.html }
      initialDelaySeconds: 3
      periodSeconds: 5
`, FAST);
    r.jump(10);
    expect(r.exec("liveness", ["rm", "-rf", "/usr/share/nginx/html/index.html"]).exitCode).toBe(0);
    r.jump(20);
    const kill = r.eventsOf("Killing")[0];
    expect(kill.message).toBe("Container liveness failed liveness probe, will be restarted");
    const started = r.eventsOf("Started");
    expect(started).toHaveLength(2);
    // nginx handles SIGTERM: the new container starts within a second of the kill
    expect(started[1].time - kill.time).toBeLessThan(1000);
    expect(r.eventsOf("BackOff")).toHaveLength(0);
    const cs = r.cs("liveness");
    expect(cs?.restartCount).toBe(1);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(cs?.state?.running).toBeDefined();
  });

  it("a deletion is dated when the kubelet hears of it, not at its last wake-up", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: prestop }
spec:
  containers:
  - name: prestop
    image: nginx:1.15-alpine
    lifecycle:
      preStop:
        exec: { command: ["/bin/sh", "-c", "sleep 60000000"] }
`, FAST);
    r.jump(2);
    // nothing was due for a minute: the kubelet's last step is far behind the deletion
    r.now += 60_000;
    r.pod.metadata.deletionTimestamp = new Date(r.now + 30_000).toISOString();
    r.pod.metadata.deletionGracePeriodSeconds = 30;
    r.step();
    expect(r.eventsOf("Killing")[0].time).toBe(r.now);
    expect(r.finished).toBe(false);
    r.jump(29);
    expect(r.finished).toBe(false);
    r.jump(3);
    expect(r.finished).toBe(true);
  });
});
