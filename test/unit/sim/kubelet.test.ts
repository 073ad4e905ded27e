import { describe, expect, it } from "vitest";
import { PodRun, FAST } from "./pod-harness";

const NGINX1 = `
apiVersion: v1
kind: Pod
metadata: { name: nginx1 }
spec:
  containers:
  - name: nginx1
    image: nginx:1.15-alpine
`;

describe("kubelet: pull and start", () => {
  it("pulls, creates and starts nginx, then serves its index", () => {
    const r = new PodRun(NGINX1);
    expect(r.status?.phase).toBe("Pending");
    expect(r.cs("nginx1")?.state?.waiting?.reason).toBe("ContainerCreating");
    r.advance(30);
    expect(r.status?.phase).toBe("Running");
    expect(r.ready()).toBe("1/1");
    const reasons = r.events.map((e) => e.reason);
    expect(reasons).toEqual(["Pulling", "Pulled", "Created", "Started"]);
    expect(r.events[0].message).toBe('Pulling image "nginx:1.15-alpine"');
    expect(r.events[1].message).toMatch(/^Successfully pulled image "nginx:1.15-alpine" in \d+(\.\d+)?s \(\d+(\.\d+)?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(r.events[2].message).toBe("Created container nginx1");
    const cs = r.cs("nginx1");
    expect(cs?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs?.image).toBe("docker.io/library/nginx:1.15-alpine");
    expect(r.status?.qosClass).toBe("BestEffort");
    expect(r.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"]);
    const curl = r.exec("nginx1", ["wget", "-q", "-O", "-", "http://localhost/"]);
    expect(curl.stdout).toContain("<h1>Welcome to nginx!</h1>");
    expect(r.exec("nginx1", ["nginx", "-v"]).stderr).toBe("nginx version: nginx/1.15.12\n");
  });

  it("uses the node's image cache: already present on machine", () => {
    const first = new PodRun(NGINX1);
    first.advance(30);
    const second = new PodRun(NGINX1.replace("name: nginx1 }", "name: nginx2 }"), undefined, first.images);
    second.advance(5);
    expect(second.events.map((e) => e.reason)).toEqual(["Pulled", "Created", "Started"]);
    expect(second.events[0].message).toBe('Container image "nginx:1.15-alpine" already present on machine');
  });

  it("an impossible tag gives ErrImagePull then ImagePullBackOff", () => {
    const r = new PodRun(NGINX1.replace("nginx:1.15-alpine", "nginx:9.9"), FAST);
    r.advance(2, 100);
    const failed = r.eventsOf("Failed").map((e) => e.message);
    expect(failed[0]).toBe('Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve reference "docker.io/library/nginx:9.9": docker.io/library/nginx:9.9: not found');
    expect(failed).toContain("Error: ErrImagePull");
    expect(failed).toContain("Error: ImagePullBackOff");
    expect(r.cs("nginx1")?.state?.waiting?.reason).toBe("ImagePullBackOff");
    expect(r.status?.phase).toBe("Pending");
  });

  it("an invalid reference is InvalidImageName", () => {
    const r = new PodRun(NGINX1.replace("nginx:1.15-alpine", "Nginx:latest"), FAST);
    r.advance(1, 100);
    expect(r.cs("nginx1")?.state?.waiting?.reason).toBe("InvalidImageName");
    expect(r.eventsOf("InspectFailed")[0].message).toContain('couldn\'t parse image reference "Nginx:latest": invalid reference format');
  });

  it("unknown images run a generic long-running process", () => {
    const r = new PodRun(NGINX1.replace("nginx:1.15-alpine", "example.com/team/app:v3"), FAST);
    r.advance(5, 100);
    expect(r.status?.phase).toBe("Running");
    expect(r.ready()).toBe("1/1");
  });
});

describe("kubelet: resources and restarts", () => {
  const stress = (bytes: string): string => `
apiVersion: v1
kind: Pod
metadata: { name: pod-stress3, namespace: namespace1 }
spec:
  containers:
  - name: c1
    image: polinux/stress
    imagePullPolicy: IfNotPresent
    resources:
      limits: { memory: "200Mi" }
      requests: { memory: "150Mi" }
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]
`;

  it("stays Running under the limit", () => {
    const r = new PodRun(stress("150M"));
    r.advance(120);
    expect(r.status?.phase).toBe("Running");
    expect(r.cs("c1")?.restartCount).toBe(0);
    expect(r.logs("c1")).toBe("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n");
    expect(r.status?.qosClass).toBe("Burstable");
  });

  it("is OOMKilled over the limit, with growing restarts and CrashLoopBackOff", () => {
    const r = new PodRun(stress("250M"));
    r.advance(30);
    const cs = r.cs("c1");
    const term = cs?.state?.terminated ?? cs?.lastState?.terminated;
    expect(term?.reason).toBe("OOMKilled");
    expect(term?.exitCode).toBe(137);
    r.advance(120);
    const later = r.cs("c1");
    expect(later?.restartCount).toBeGreaterThanOrEqual(3);
    expect(later?.lastState?.terminated?.reason).toBe("OOMKilled");
    const backoffs = r.eventsOf("BackOff");
    expect(backoffs[0].message).toBe("Back-off restarting failed container c1 in pod pod-stress3_namespace1(uid-1)");
    // the restarts space out: 0, 10, 20, 40 s of back-off
    const starts = r.eventsOf("Started").map((e) => e.time);
    const gaps = starts.slice(1).map((t, i) => Math.round((t - starts[i]) / 1000));
    expect(gaps[1]).toBeGreaterThan(gaps[0] + 5);
    expect(gaps[2]).toBeGreaterThan(gaps[1] + 5);
    r.advance(300);
    const waiting = r.cs("c1")?.state?.waiting;
    if (waiting) {
      expect(waiting.reason).toBe("CrashLoopBackOff");
      expect(waiting.message).toMatch(/^back-off (\d+s|\dm\d*s?) restarting failed container=c1 pod=pod-stress3_namespace1\(uid-1\)$/);
    }
    expect(r.status?.phase).toBe("Running");
  });

  it("two nginx in one pod: the second cannot bind and crash-loops", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: nginx2 }
spec:
  containers:
  - { name: c1, image: "nginx:1.15-alpine" }
  - { name: c2, image: "nginx:1.15-alpine" }
`);
    // sampled during a back-off wait (c2 runs ~2.5 s per attempt, then waits 10, 20, 40 s)
    r.advance(80);
    expect(r.ready()).toBe("1/2");
    expect(r.cs("c2")?.state?.waiting?.reason).toBe("CrashLoopBackOff");
    expect(r.cs("c1")?.state?.running).toBeDefined();
    expect(r.cs("c2")?.restartCount).toBeGreaterThanOrEqual(2);
    const reasons = r.events.slice(0, 8).map((e) => `${e.reason}:${e.fieldPath}`);
    expect(reasons).toEqual(["Pulling:spec.containers{c1}", "Pulled:spec.containers{c1}", "Created:spec.containers{c1}", "Started:spec.containers{c1}", "Pulled:spec.containers{c2}", "Created:spec.containers{c2}", "Started:spec.containers{c2}", expect.stringMatching(/^(Pulled|BackOff):spec\.containers\{c2\}$/)]);
    const log = r.logs("c2", true);
    expect(log).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] 1#1: bind\(\) to 0.0.0.0:80 failed \(98: Address in use\)\nnginx: \[emerg\] bind\(\) to 0.0.0.0:80 failed \(98: Address in use\)\n/);
    expect(log).toContain("nginx: [emerg] still could not bind()\n");
    expect(r.cs("c2")?.lastState?.terminated?.exitCode).toBe(1);
  });

  it("restartPolicy Never leaves a failed container and a Failed pod", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: once }
spec:
  restartPolicy: Never
  containers:
  - { name: c, image: busybox, command: ["sh", "-c", "echo bye; exit 3"] }
`, FAST);
    r.advance(2, 100);
    expect(r.status?.phase).toBe("Failed");
    expect(r.cs("c")?.state?.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    expect(r.logs("c")).toBe("bye\n");
  });

  it("OnFailure completes a succeeding container: Succeeded", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: job }
spec:
  restartPolicy: OnFailure
  containers:
  - { name: c, image: busybox, command: ["sh", "-c", "sleep 5; echo done"] }
`, FAST);
    r.advance(3, 500);
    expect(r.status?.phase).toBe("Running");
    r.advance(5, 500);
    expect(r.status?.phase).toBe("Succeeded");
    expect(r.cs("c")?.state?.terminated?.reason).toBe("Completed");
    expect(r.status?.conditions?.find((c) => c.type === "Ready")?.reason).toBe("PodCompleted");
  });

  it("init containers run first, in order", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: withinit }
spec:
  initContainers:
  - { name: i1, image: busybox, command: ["sh", "-c", "sleep 3"] }
  containers:
  - { name: app, image: busybox, command: ["sleep", "3600"] }
`, FAST);
    r.advance(1, 100);
    expect(r.status?.phase).toBe("Pending");
    expect(r.cs("app")?.state?.waiting?.reason).toBe("PodInitializing");
    expect(r.status?.conditions?.find((c) => c.type === "Initialized")?.status).toBe("False");
    r.advance(5, 100);
    expect(r.status?.phase).toBe("Running");
    expect(r.status?.initContainerStatuses?.[0].state?.terminated?.reason).toBe("Completed");
  });

  it("a missing executable is a StartError with the runtime's message", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: bad }
spec:
  containers:
  - { name: c, image: busybox, command: ["nosuchcmd"] }
`, FAST);
    r.advance(3, 100);
    const term = r.cs("c")?.state?.terminated ?? r.cs("c")?.lastState?.terminated;
    expect(term?.reason).toBe("StartError");
    expect(term?.exitCode).toBe(128);
    expect(term?.message).toContain('exec: "nosuchcmd": executable file not found in $PATH');
  });
});
