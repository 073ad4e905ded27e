// The course's pod chapter with the real kubectl, part 2: health checks (liveness exec, httpGet,
// tcpSocket; readiness), the restart policy, postStart and a preStop hook that holds deletion.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { describeEvents, eventually, jsonpath, podRow, podYaml } from "./pod-helpers";

const NGINX_PROBED = (name: string, container: string, probes: string) =>
  podYaml(
    name,
    `  containers:
  - name: ${container}
    image: nginx:1.15-alpine
    imagePullPolicy: IfNotPresent
    ports:
    - name: http
      containerPort: 80
${probes}`,
  );

const LIVENESS_EXEC = (restartPolicy = "") =>
  podYaml(
    "liveness-exec",
    `${restartPolicy}  containers:
  - name: liveness
    image: busybox
    imagePullPolicy: IfNotPresent
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`,
  );

describe("health checks", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("liveness exec: fails once /tmp/healthy is gone, the container is killed and restarted", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-liveness-exec.yml", LIVENESS_EXEC())]);
    await k.advance(37);
    // healthy for 30 s; probes every 5 s fail from then on and the third failure kills it
    expect(await podRow(k, "liveness-exec")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
    let events = await describeEvents(k, "liveness-exec");
    expect(events.find((e) => e.reason === "Unhealthy")).toMatchObject({ type: "Warning", from: "kubelet", message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory" });
    expect(events.some((e) => e.reason === "Killing")).toBe(false);

    await k.advance(9);
    events = await describeEvents(k, "liveness-exec");
    const unhealthy = await k.kubectl(["get", "events", "--field-selector", "involvedObject.name=liveness-exec,reason=Unhealthy", "-o", "jsonpath={.items[*].count}"]);
    expect(unhealthy.stdout).toBe("3");
    expect(events.find((e) => e.reason === "Killing")?.message).toBe("Container liveness failed liveness probe, will be restarted");
    // sh as PID 1 ignores SIGTERM: the container lives out its 30 s grace period, then SIGKILL
    await k.advance(20);
    expect(await podRow(k, "liveness-exec")).toMatchObject({ restarts: 0 });
    await k.advance(15);
    expect(await podRow(k, "liveness-exec")).toMatchObject({ ready: "1/1", status: "Running", restarts: 1 });
    expect(await jsonpath(k, "liveness-exec", ".status.containerStatuses[0].lastState.terminated.exitCode")).toBe("137");

    await k.advance(240);
    const row = await podRow(k, "liveness-exec");
    expect(row?.restarts).toBeGreaterThanOrEqual(3);
    events = await describeEvents(k, "liveness-exec");
    // restarts find the image on the node
    expect(events.filter((e) => e.reason === "Pulled").map((e) => e.message)).toContain('Container image "busybox" already present on machine');
    await k.kubectl(["delete", "pod", "liveness-exec", "--wait=false"]);
    await k.advance(40);
  });

  it("with restartPolicy Never the liveness kill ends the pod", async () => {
    await eventually("old liveness-exec gone", async () => (await k.kubectl(["get", "pod", "liveness-exec", "--ignore-not-found", "-o", "name"])).stdout === "");
    await k.kubectl(["apply", "-f", k.file("pod-liveness-exec.yml", LIVENESS_EXEC("  restartPolicy: Never\n"))]);
    await k.advance(90);
    expect(await podRow(k, "liveness-exec")).toEqual({ name: "liveness-exec", ready: "0/1", status: "Error", restarts: 0 });
    expect(await jsonpath(k, "liveness-exec", ".status.phase")).toBe("Failed");
  });

  it("liveness httpGet: removing index.html restarts the container once", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-liveness-httpget.yml", NGINX_PROBED("liveness-httpget", "liveness", "    livenessProbe:\n      httpGet:\n        port: http\n        path: /index.html\n      initialDelaySeconds: 3\n      periodSeconds: 5\n"))]);
    await k.advance(10);
    expect(await podRow(k, "liveness-httpget")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
    const rm = await k.kubectl(["exec", "-it", "liveness-httpget", "--", "rm", "-rf", "/usr/share/nginx/html/index.html"], { stdin: "" });
    expect(rm.code).toBe(0);
    await k.advance(20);
    expect(await podRow(k, "liveness-httpget")).toMatchObject({ ready: "1/1", status: "Running", restarts: 1 });
    const events = await describeEvents(k, "liveness-httpget");
    expect(events.find((e) => e.reason === "Unhealthy")?.message).toBe("Liveness probe failed: HTTP probe failed with statuscode: 404");
    // the new container has the image's index.html again: no more restarts
    await k.advance(120);
    expect(await podRow(k, "liveness-httpget")).toMatchObject({ ready: "1/1", status: "Running", restarts: 1 });
    expect((await k.kubectl(["exec", "liveness-httpget", "--", "ls", "/usr/share/nginx/html"])).stdout).toBe("50x.html\nindex.html\n");
  });

  it("liveness tcpSocket: stopping nginx restarts the container; a closed port fails the probe", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-liveness-tcp.yml", NGINX_PROBED("liveness-tcp", "liveness", "    livenessProbe:\n      tcpSocket:\n        port: 80\n      initialDelaySeconds: 3\n      periodSeconds: 5\n"))]);
    await k.advance(10);
    expect(await podRow(k, "liveness-tcp")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
    const stop = await k.kubectl(["exec", "-it", "liveness-tcp", "--", "/usr/sbin/nginx", "-s", "stop"], { stdin: "" });
    expect(stop.code).toBe(0);
    expect(stop.stderr).toMatch(/\[notice\] \d+#\d+: signal process started/);
    await k.advance(10);
    expect(await podRow(k, "liveness-tcp")).toMatchObject({ ready: "1/1", status: "Running", restarts: 1 });
    await k.advance(60);
    expect(await podRow(k, "liveness-tcp")).toMatchObject({ restarts: 1 });

    await k.kubectl(["apply", "-f", k.file("pod-liveness-tcp8080.yml", NGINX_PROBED("liveness-tcp8080", "liveness", "    livenessProbe:\n      tcpSocket:\n        port: 8080\n      initialDelaySeconds: 3\n      periodSeconds: 5\n"))]);
    await k.advance(20);
    const ip = await jsonpath(k, "liveness-tcp8080", ".status.podIP");
    const events = await describeEvents(k, "liveness-tcp8080");
    expect(events.find((e) => e.reason === "Unhealthy")?.message).toBe(`Liveness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    expect(events.find((e) => e.reason === "Killing")?.message).toBe("Container liveness failed liveness probe, will be restarted");
    expect((await podRow(k, "liveness-tcp8080"))?.restarts).toBe(1);
  });

  it("readiness httpGet: 0/1 after index.html is removed, 1/1 once it is back", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-readiness-httpget.yml", NGINX_PROBED("readiness-httpget", "readiness", "    readinessProbe:\n      httpGet:\n        port: http\n        path: /index.html\n      initialDelaySeconds: 3\n      periodSeconds: 5\n"))]);
    await k.advance(1);
    // not ready before the first probe succeeds
    expect(await podRow(k, "readiness-httpget")).toMatchObject({ ready: "0/1", status: "Running" });
    await k.advance(9);
    expect(await podRow(k, "readiness-httpget")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
    await k.kubectl(["exec", "-it", "readiness-httpget", "--", "rm", "-rf", "/usr/share/nginx/html/index.html"], { stdin: "" });
    await k.advance(20);
    expect(await podRow(k, "readiness-httpget")).toEqual({ name: "readiness-httpget", ready: "0/1", status: "Running", restarts: 0 });
    expect(await jsonpath(k, "readiness-httpget", '.status.conditions[?(@.type=="Ready")].status')).toBe("False");
    const events = await describeEvents(k, "readiness-httpget");
    expect(events.find((e) => e.reason === "Unhealthy")?.message).toBe("Readiness probe failed: HTTP probe failed with statuscode: 404");
    await k.kubectl(["exec", "-it", "readiness-httpget", "--", "touch", "/usr/share/nginx/html/index.html"], { stdin: "" });
    await k.advance(6);
    expect(await podRow(k, "readiness-httpget")).toEqual({ name: "readiness-httpget", ready: "1/1", status: "Running", restarts: 0 });
  });

  it("readiness and liveness together: not ready until the readiness probe passes", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-readiness-liveiness.yml", NGINX_PROBED("readiness-liveness-httpget", "readiness-liveness", "    livenessProbe:\n      httpGet:\n        port: http\n        path: /index.html\n      initialDelaySeconds: 1\n      periodSeconds: 3\n    readinessProbe:\n      httpGet:\n        port: http\n        path: /index.html\n      initialDelaySeconds: 5\n      periodSeconds: 5\n"))]);
    await k.advance(3);
    expect(await podRow(k, "readiness-liveness-httpget")).toMatchObject({ ready: "0/1", status: "Running" });
    await k.advance(5);
    expect(await podRow(k, "readiness-liveness-httpget")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
  });
});

describe("lifecycle hooks", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("postStart creates a directory before the container counts as started", async () => {
    await k.kubectl(["apply", "-f", k.file("pod-poststart.yml", NGINX_PROBED("poststart", "poststart", '    lifecycle:\n      postStart:\n        exec:\n          command: ["mkdir","-p","/usr/share/nginx/html/haha"]\n'))]);
    await k.advance(5);
    expect(await podRow(k, "poststart")).toMatchObject({ ready: "1/1", status: "Running", restarts: 0 });
    const ls = await k.kubectl(["exec", "-it", "poststart", "--", "ls", "/usr/share/nginx/html", "-l"], { stdin: "" });
    expect(ls.code).toBe(0);
    const lines = ls.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^total \d+$/);
    expect(lines.find((l) => l.endsWith(" haha"))).toMatch(/^drwxr-xr-x\s+2 root\s+root\s+\d+ \w{3}\s+\d+ \d\d:\d\d haha$/);
    expect(lines.some((l) => l.endsWith(" index.html"))).toBe(true);
  });

  it("preStop sleeping holds `kubectl delete` for the grace period", async () => {
    await k.kubectl(["apply", "-f", k.file("prestop.yml", NGINX_PROBED("prestop", "prestop", '    lifecycle:\n      preStop:\n        exec:\n          command: ["/bin/sh","-c","sleep 60000000"]\n'))]);
    await k.advance(60);
    expect(await podRow(k, "prestop")).toMatchObject({ ready: "1/1", status: "Running" });
    let done = false;
    const deleting = k.kubectl(["delete", "-f", k.file("prestop.yml", NGINX_PROBED("prestop", "prestop", '    lifecycle:\n      preStop:\n        exec:\n          command: ["/bin/sh","-c","sleep 60000000"]\n'))]).then((r) => {
      done = true;
      return r;
    });
    await eventually("deletion started", async () => (await jsonpath(k, "prestop", ".metadata.deletionTimestamp")) !== "");
    expect(await podRow(k, "prestop")).toMatchObject({ status: "Terminating" });
    await k.advance(20);
    await new Promise((r) => setTimeout(r, 500));
    expect(done).toBe(false);
    expect(await podRow(k, "prestop")).toMatchObject({ status: "Terminating" });
    await k.advance(15);
    const r = await deleting;
    expect(r).toMatchObject({ code: 0, stdout: 'pod "prestop" deleted\n' });
    const events = await k.kubectl(["get", "events", "--field-selector", "involvedObject.name=prestop", "-o", "jsonpath={range .items[*]}{.reason}:{.message}{\"\\n\"}{end}"]);
    expect(events.stdout).toContain("Killing:Stopping container prestop\n");
  });
});
