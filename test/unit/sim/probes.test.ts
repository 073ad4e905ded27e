import { describe, expect, it } from "vitest";
import { PodRun, FAST } from "./pod-harness";
import { LIVENESS_EXEC } from "./course-pods";


const NGINX_PROBE = (probe: string): string => `
apiVersion: v1
kind: Pod
metadata: { name: probe-pod }
spec:
  containers:
  - name: c
    image: nginx:1.15-alpine
    ports: [{ name: http, containerPort: 80 }]
${probe}
`;

describe("probes", () => {
  it("liveness exec: fails after the file goes and restarts the container", () => {
    const r = new PodRun(LIVENESS_EXEC());
    r.advance(30);
    expect(r.eventsOf("Unhealthy")).toHaveLength(0);
    expect(r.ready()).toBe("1/1");
    r.advance(20);
    const unhealthy = r.eventsOf("Unhealthy");
    expect(unhealthy.length).toBeGreaterThanOrEqual(3);
    expect(unhealthy[0].message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n".trimEnd() + "\n");
    expect(r.eventsOf("Killing")[0].message).toBe("Container liveness failed liveness probe, will be restarted");
    // busybox sh as PID 1 ignores SIGTERM: killed after the 30 s grace period with 137
    r.advance(40);
    expect(r.cs("liveness")?.restartCount).toBe(1);
    expect(r.cs("liveness")?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
    r.advance(240);
    expect(r.cs("liveness")?.restartCount).toBeGreaterThanOrEqual(2);
  });

  it("liveness with restartPolicy Never: the pod ends Failed", () => {
    const r = new PodRun(LIVENESS_EXEC("Never"));
    r.advance(90);
    expect(r.status?.phase).toBe("Failed");
    expect(r.cs("liveness")?.restartCount).toBe(0);
  });

  it("readiness httpGet flips to 0/1 after rm index.html and back after touch", () => {
    const r = new PodRun(NGINX_PROBE(`    readinessProbe:
      httpGet: { port: http, path: /index.html }
      initialDelaySeconds: 3
      periodSeconds: 5`), FAST);
    r.advance(2, 100);
    expect(r.ready()).toBe("0/1");
    r.advance(6);
    expect(r.ready()).toBe("1/1");
    expect(r.exec("c", ["rm", "-rf", "/usr/share/nginx/html/index.html"]).exitCode).toBe(0);
    r.advance(20);
    expect(r.ready()).toBe("0/1");
    expect(r.status?.phase).toBe("Running");
    expect(r.eventsOf("Unhealthy")[0].message).toBe("Readiness probe failed: HTTP probe failed with statuscode: 404");
    expect(r.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [c]" });
    expect(r.logs("c")).toMatch(/\[error\] 29#29: \*1 open\(\) "\/usr\/share\/nginx\/html\/index.html" failed \(2: No such file or directory\)/);
    expect(r.logs("c")).toContain('"GET /index.html HTTP/1.1" 404 ');
    r.exec("c", ["touch", "/usr/share/nginx/html/index.html"]);
    r.advance(6);
    expect(r.ready()).toBe("1/1");
    expect(r.cs("c")?.restartCount).toBe(0);
  });

  it("liveness httpGet restarts once and the restart brings index.html back", () => {
    const r = new PodRun(NGINX_PROBE(`    livenessProbe:
      httpGet: { port: http, path: /index.html }
      initialDelaySeconds: 3
      periodSeconds: 5`), FAST);
    r.advance(10);
    r.exec("c", ["rm", "-rf", "/usr/share/nginx/html/index.html"]);
    r.advance(60);
    expect(r.cs("c")?.restartCount).toBe(1);
    expect(r.cs("c")?.lastState?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(r.exec("c", ["ls", "/usr/share/nginx/html"]).stdout).toBe("50x.html\nindex.html\n");
  });

  it("liveness tcpSocket: nginx -s stop ends the container, restarted once", () => {
    const r = new PodRun(NGINX_PROBE(`    livenessProbe:
      tcpSocket: { port: 80 }
      initialDelaySeconds: 3
      periodSeconds: 5`), FAST);
    r.advance(10);
    const stop = r.exec("c", ["/usr/sbin/nginx", "-s", "stop"]);
    expect(stop.exitCode).toBe(0);
    r.advance(1, 100);
    expect(r.cs("c")?.restartCount).toBe(1);
    expect(r.cs("c")?.lastState?.terminated?.exitCode).toBe(0);
    r.advance(60);
    expect(r.cs("c")?.restartCount).toBe(1);
    expect(r.ready()).toBe("1/1");
  });

  it("tcp probe on a closed port reports connection refused", () => {
    const r = new PodRun(NGINX_PROBE(`    readinessProbe:
      tcpSocket: { port: 8080 }
      periodSeconds: 2`), FAST);
    r.advance(5);
    expect(r.eventsOf("Unhealthy")[0].message).toBe("Readiness probe failed: dial tcp 10.244.1.5:8080: connect: connection refused");
  });

  it("startup probe gates liveness and readiness", () => {
    const r = new PodRun(NGINX_PROBE(`    startupProbe:
      httpGet: { port: 80, path: /ready.html }
      periodSeconds: 2
      failureThreshold: 10
    readinessProbe:
      httpGet: { port: 80, path: / }
      periodSeconds: 2`), FAST);
    r.advance(5, 100);
    expect(r.cs("c")?.started).toBe(false);
    expect(r.ready()).toBe("0/1");
    expect(r.eventsOf("Unhealthy")[0].message).toBe("Startup probe failed: HTTP probe failed with statuscode: 404");
    r.exec("c", ["touch", "/usr/share/nginx/html/ready.html"]);
    r.advance(5);
    expect(r.cs("c")?.started).toBe(true);
    expect(r.ready()).toBe("1/1");
  });
});

describe("lifecycle hooks", () => {
  it("postStart creates a directory before the container counts as running", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: poststart }
spec:
  containers:
  - name: poststart
    image: nginx:1.15-alpine
    lifecycle:
      postStart:
        exec: { command: ["mkdir", "-p", "/usr/share/nginx/html/haha"] }
`, FAST);
    r.advance(2, 100);
    expect(r.status?.phase).toBe("Running");
    const ls = r.exec("poststart", ["ls", "-l", "/usr/share/nginx/html"]);
    // busybox ls -l columns
    expect(ls.stdout).toMatch(/^total \d+\n-rw-r--r-- {4}1 root {5}root {9,11}\d+ Apr 16 {2}2019 50x\.html\ndrwxr-xr-x {4}2 root {5}root {10}4096 Jan {2}1 00:00 haha\n-rw-r--r-- {4}1 root {5}root {11}612 Apr 16 {2}2019 index\.html\n$/);
  });

  it("a failing postStart is reported and kills the container", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: badhook }
spec:
  containers:
  - name: c
    image: nginx:1.15-alpine
    lifecycle:
      postStart:
        exec: { command: ["mkdir", "/no/such/dir"] }
`, FAST);
    r.advance(3, 100);
    const ev = r.eventsOf("FailedPostStartHook")[0];
    expect(ev.type).toBe("Warning");
    expect(ev.message).toContain(`Exec lifecycle hook ([mkdir /no/such/dir]) for Container "c" in Pod "badhook_default(uid-1)" failed - error: command 'mkdir /no/such/dir' exited with 1: mkdir: can't create directory '/no/such/dir': No such file or directory`);
    expect(r.cs("c")?.restartCount).toBeGreaterThanOrEqual(1);
  });

  it("preStop sleeping holds deletion for the grace period", () => {
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
    r.advance(3, 100);
    r.pod.metadata.deletionTimestamp = new Date(r.now + 30_000).toISOString();
    r.pod.metadata.deletionGracePeriodSeconds = 30;
    r.step();
    expect(r.eventsOf("Killing")[0].message).toBe("Stopping container prestop");
    r.advance(29);
    expect(r.finished).toBe(false);
    expect(r.cs("prestop")?.state?.running).toBeDefined();
    r.advance(4);
    expect(r.finished).toBe(true);
  });

  it("deleting a plain nginx pod finishes almost at once", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: quick }
spec:
  containers:
  - { name: c, image: "nginx:1.15-alpine" }
`, FAST);
    r.advance(2, 100);
    r.pod.metadata.deletionTimestamp = new Date(r.now + 30_000).toISOString();
    r.step();
    r.advance(1, 100);
    expect(r.finished).toBe(true);
  });
});
