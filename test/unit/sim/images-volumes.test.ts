import { describe, expect, it } from "vitest";
import { parseImageRef, defaultPullPolicy } from "../../../src/sim/images/reference";
import { resolveImage } from "../../../src/sim/images/catalog";
import { PodRun, FAST } from "./pod-harness";
import { answerHttp } from "../../../src/sim/kubelet/index";

describe("image references", () => {
  it("normalises Docker Hub names", () => {
    const r = parseImageRef("nginx");
    expect(r.ok && r.ref.full).toBe("docker.io/library/nginx:latest");
    const s = parseImageRef("polinux/stress");
    expect(s.ok && s.ref.full).toBe("docker.io/polinux/stress:latest");
    const q = parseImageRef("registry.k8s.io/pause:3.9");
    expect(q.ok && q.ref.repository).toBe("registry.k8s.io/pause");
  });

  it("rejects bad references", () => {
    expect(parseImageRef("Nginx")).toEqual({ ok: false, error: "invalid reference format: repository name (library/Nginx) must be lowercase" });
    expect(parseImageRef("nginx:").ok).toBe(false);
    expect(parseImageRef("ngi nx").ok).toBe(false);
    expect(parseImageRef("nginx::1").ok).toBe(false);
  });

  it("defaults the pull policy from the tag", () => {
    expect(defaultPullPolicy("nginx")).toBe("Always");
    expect(defaultPullPolicy("nginx:latest")).toBe("Always");
    expect(defaultPullPolicy("nginx:1.15-alpine")).toBe("IfNotPresent");
  });

  it("knows real tags, ids are stable, unknown repos pull", () => {
    const a = resolveImage("nginx:1.15-alpine");
    const b = resolveImage("docker.io/library/nginx:1.15-alpine");
    expect(a.ok && b.ok && a.image.id === b.image.id).toBe(true);
    expect(a.ok && a.image.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.ok && a.image.version).toBe("1.15.12");
    expect(resolveImage("nginx:9.9").ok).toBe(false);
    expect(resolveImage("busybox:1.28").ok).toBe(true);
    const unknown = resolveImage("myorg/thing:v1");
    expect(unknown.ok && unknown.image.program).toBe("generic");
  });
});

describe("volumes and networking inside a pod", () => {
  it("an emptyDir is shared between containers; own files are not", () => {
    const r = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: shared }
spec:
  volumes: [{ name: data, emptyDir: {} }]
  containers:
  - name: writer
    image: busybox
    command: ["sh", "-c", "echo hello > /data/msg; echo private > /tmp/p; sleep 3600"]
    volumeMounts: [{ name: data, mountPath: /data }]
  - name: web
    image: nginx:1.15-alpine
    volumeMounts: [{ name: data, mountPath: /usr/share/nginx/html }]
`, FAST);
    r.advance(2, 100);
    expect(r.exec("web", ["cat", "/usr/share/nginx/html/msg"]).stdout).toBe("hello\n");
    expect(r.exec("web", ["cat", "/tmp/p"]).exitCode).toBe(1);
    const got = answerHttp(r.state!, { pod: r.pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: r.now }, 80, "/msg", { clientIP: "10.244.2.7" });
    expect(got.answer).toMatchObject({ ok: true, status: 200, body: "hello\n" });
    const idx = answerHttp(got.state, { pod: r.pod, podIP: "10.244.1.5", hostIP: "192.168.10.12", now: r.now }, 80, "/", { clientIP: "10.244.2.7" });
    expect(idx.answer).toMatchObject({ ok: true, status: 403 });
  });

  it("mysql needs a root password option", () => {
    const bad = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: db }
spec:
  containers: [{ name: mysql, image: "mysql:5.7" }]
`, FAST);
    bad.advance(3, 100);
    const log = bad.logs("mysql").includes("ERR") ? bad.logs("mysql", true) : bad.logs("mysql");
    expect(log).toContain("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified");
    expect(bad.cs("mysql")?.restartCount).toBeGreaterThanOrEqual(1);
    const good = new PodRun(`
apiVersion: v1
kind: Pod
metadata: { name: db }
spec:
  containers:
  - name: mysql
    image: "mysql:5.7"
    env: [{ name: MYSQL_ROOT_PASSWORD, value: "123456" }]
    readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 }
`, FAST);
    good.advance(5);
    expect(good.ready()).toBe("0/1");
    good.advance(20);
    expect(good.ready()).toBe("1/1");
    expect(good.logs("mysql")).toContain("port: 3306  MySQL Community Server (GPL)");
  });
});
