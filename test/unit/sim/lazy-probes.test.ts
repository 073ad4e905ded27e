import { describe, expect, it } from "vitest";
import { both, drive, type Action, type Trace } from "./lazy-harness";
import { FAST, REALISTIC, T0 } from "./pod-harness";
import { PodLogs } from "../../../src/durable/pod-logs";
import type { SimStore } from "../../../src/durable/sim-store";
import { LIVENESS_EXEC } from "./course-pods";

/** the SimStore calls the log store makes, in memory */
class MapSimStore {
  readonly map = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const v = this.map.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  put<T>(key: string, value: T): void {
    this.map.set(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}


const nginx = (probes: string): string => `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - name: c
    image: nginx:1.15-alpine
    ports: [{ name: http, containerPort: 80 }]
${probes}
`;

const HTTP_PROBES = nginx(`    livenessProbe:
      httpGet: { port: http, path: /index.html }
      initialDelaySeconds: 3
      periodSeconds: 10
    readinessProbe:
      httpGet: { port: 80, path: / }
      periodSeconds: 5`);

function same(eager: Trace, lazy: Trace): void {
  expect(lazy.events).toEqual(eager.events);
  expect(lazy.statuses).toEqual(eager.statuses);
  expect(lazy.seen).toEqual(eager.seen);
}

const logsAt = (...seconds: number[]): Action[] => seconds.map((at) => ({ at, logs: "c" }));

describe("lazy probes give what eager probes give", () => {
  it("the course's liveness exec: same Unhealthy events, kills and restarts at the same times", () => {
    const { eager, lazy } = both(LIVENESS_EXEC(), { until: 1800, actions: [{ at: 200.5, logs: "liveness" }, { at: 1799.5, logs: "liveness", previous: true }] });
    same(eager, lazy);

    const unhealthy = eager.events.filter((e) => e.reason === "Unhealthy");
    expect(unhealthy.length).toBeGreaterThan(10);
    expect(unhealthy[0].message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(lazy.state.containers[0].restartCount).toBeGreaterThanOrEqual(4);
    expect(lazy.steps).toBeLessThan(eager.steps);
  });

  it("httpGet after exec rm index.html: same 404s, restart, readiness and access log", () => {
    const { eager, lazy } = both(HTTP_PROBES, {
      profile: FAST,
      until: 1800,
      actions: [...logsAt(300.25, 1799.75), { at: 600.3, exec: ["rm", "-f", "/usr/share/nginx/html/index.html"] }, { at: 1799.8, logs: "c", previous: true }],
    });
    same(eager, lazy);

    const unhealthy = eager.events.filter((e) => e.reason === "Unhealthy").map((e) => e.message);
    expect(unhealthy).toContain("Liveness probe failed: HTTP probe failed with statuscode: 404");
    expect(unhealthy).toContain("Readiness probe failed: HTTP probe failed with statuscode: 403");
    expect(lazy.state.containers[0].restartCount).toBe(1);
    // the kubelet's requests are in nginx's access log, one line per period
    const early = eager.seen[0].text.split("\n").filter((l) => l.includes("kube-probe/1.30"));
    expect(early.length).toBe(Math.floor((300 - 3) / 10) + 1 + Math.floor(300 / 5) + 1);
    // once both probes pass the pod sleeps until something happens
    expect(lazy.steps).toBeLessThan(eager.steps / 10);
  });

  it("readiness flips with the file a script removes and puts back, and with exec", () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata: { name: flip }
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "touch /tmp/ready; sleep 100; rm /tmp/ready; sleep 100; touch /tmp/ready; sleep 3600"]
    readinessProbe:
      exec: { command: ["cat", "/tmp/ready"] }
      initialDelaySeconds: 2
      periodSeconds: 3
      successThreshold: 2
      failureThreshold: 2
`;
    const { eager, lazy } = both(yaml, {
      until: 900,
      actions: [
        { at: 400.7, exec: ["rm", "/tmp/ready"] },
        { at: 431.2, exec: ["touch", "/tmp/ready"] },
        { at: 600.1, exec: ["cat", "/tmp/ready"] },
      ],
    });
    same(eager, lazy);

    const ready = eager.statuses.map((s) => s.status.containerStatuses?.[0].ready);
    expect(ready.filter((r, i) => i > 0 && r !== ready[i - 1]).length).toBeGreaterThanOrEqual(4);
    expect(lazy.steps).toBeLessThan(eager.steps / 2);
  });

  it("tcpSocket after nginx -s stop: the same exit, restart and readiness", () => {
    const yaml = nginx(`    livenessProbe:
      tcpSocket: { port: 80 }
      initialDelaySeconds: 3
      periodSeconds: 5
    readinessProbe:
      tcpSocket: { port: http }
      periodSeconds: 7`);
    const { eager, lazy } = both(yaml, { profile: FAST, until: 1200, actions: [{ at: 500.4, exec: ["/usr/sbin/nginx", "-s", "stop"] }, ...logsAt(1199.9)] });
    same(eager, lazy);

    expect(lazy.state.containers[0].restartCount).toBe(1);
    expect(eager.statuses.at(-1)?.status.containerStatuses?.[0].ready).toBe(true);
  });

  it("deletion of a pod whose probes were asleep: the same Killing and end", () => {
    const { eager, lazy } = both(HTTP_PROBES, { profile: FAST, until: 900, actions: [{ at: 400.5, delete: 30 }] });
    same(eager, lazy);

    expect(eager.events.at(-1)?.reason).toBe("Killing");
  });

  it("a probe that reads the clock stays eager", () => {
    const yaml = nginx(`    readinessProbe:
      exec: { command: ["sh", "-c", "test $(date +%S) -lt 30"] }
      periodSeconds: 7
      failureThreshold: 1`);
    const { eager, lazy } = both(yaml, { profile: FAST, until: 600 });
    same(eager, lazy);

    expect(eager.events.filter((e) => e.reason === "Unhealthy").length).toBeGreaterThan(10);
    expect(lazy.steps).toBe(eager.steps);
  });

  it("a probe with side effects stays eager", () => {
    const yaml = nginx(`    livenessProbe:
      exec: { command: ["sh", "-c", "echo x >> /tmp/probes"] }
      periodSeconds: 5`);
    const { eager, lazy } = both(yaml, { profile: FAST, until: 300, actions: [{ at: 299.5, exec: ["wc", "-l", "/tmp/probes"] }] });
    same(eager, lazy);

    expect(lazy.seen[0].text).toMatch(/^0 +60 \/tmp\/probes\n$/);
    expect(lazy.steps).toBe(eager.steps);
  });

  it("a probe reading a volume others can write stays eager", () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata: { name: vol }
spec:
  volumes: [{ name: data, persistentVolumeClaim: { claimName: data } }]
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts: [{ name: data, mountPath: /data }]
    livenessProbe:
      exec: { command: ["cat", "/data/ok"] }
      periodSeconds: 5
`;
    const volumes = { "pv:p1": { upper: { "/ok": { t: "f" as const, mode: 0o644, mtime: 0, data: "" } } } };
    const lazy = drive(yaml, { lazy: true, profile: FAST, until: 100, volumes, volumeIds: { data: "pv:p1" } });
    expect(lazy.events.filter((e) => e.reason === "Unhealthy")).toHaveLength(0);
    expect(lazy.steps).toBeGreaterThan(15);
  });

  it("an idle pod with passing probes asks for no wake-up at all", () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata: { name: dns }
spec:
  containers:
  - name: c
    image: nginx:1.15-alpine
    readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 10 }
    livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 60, periodSeconds: 10 }
`;
    const { eager, lazy } = both(yaml, { profile: FAST, until: 86_400 });
    same(eager, lazy);

    expect(eager.steps).toBeGreaterThan(8_600);
    expect(lazy.steps).toBeLessThan(20);
    expect(lazy.state.at).toBe(T0 + 86_400_000);
  });

  it("a long sleep of a logging probe: the last 5000 access-log lines are those eager runs write", () => {
    const yaml = nginx(`    readinessProbe:
      httpGet: { port: 80, path: / }
      periodSeconds: 1`);
    const store = (): PodLogs => new PodLogs(new MapSimStore() as unknown as SimStore);
    const eagerLogs = store();
    const lazyLogs = store();
    const run = (lazy: boolean, logs: PodLogs): Trace => drive(yaml, {
      lazy, profile: FAST, until: 7200, actions: logsAt(7199.5),
      store: { save: (prev, next) => logs.save("uid-1", prev, next), source: logs.source("uid-1") },
    });
    const eager = run(false, eagerLogs);
    const lazy = run(true, lazyLogs);
    same(eager, lazy);

    expect(lazy.seen[0].text.split("\n").length - 1).toBe(5000);
    expect(lazy.state.containers[0].log.n).toBe(eager.state.containers[0].log.n);
  });

  it("logs kept outside the pod's state read the same, --previous included, across restarts", () => {
    const yaml = `
apiVersion: v1
kind: Pod
metadata: { name: chatty }
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "i=0; while [ $i -lt 150 ]; do echo line $i; i=$((i+1)); done; printf tail; sleep 20; echo done >&2; exit 1"]
    livenessProbe: { exec: { command: ["true"] }, periodSeconds: 3 }
`;
    const actions: Action[] = [...[10.5, 95.5, 400.5, 899.5].flatMap((at) => [{ at, logs: "c" }, { at: at + 0.1, logs: "c", previous: true }])];
    const eager = drive(yaml, { lazy: false, until: 900, actions });
    const sim = new MapSimStore();
    const logs = new PodLogs(sim as unknown as SimStore);
    const lazy = drive(yaml, { lazy: true, until: 900, actions, store: { save: (prev, next) => logs.save("uid-1", prev, next), source: logs.source("uid-1") } });
    same(eager, lazy);
    expect(lazy.seen.at(-2)?.text.split("\n")).toHaveLength(152);
    expect(lazy.seen.at(-1)?.text).toMatch(/ line 149\n.* done\n$/);
    expect(lazy.state.containers[0].restartCount).toBeGreaterThanOrEqual(4);
    // the lines moved out of the state, and only the current and the previous container's logs are kept
    expect(lazy.state.containers[0].log.pending).toEqual([]);
    expect(new Set([...sim.map.keys()].map((k) => k.split(":")[3])).size).toBe(2);
  });

  it("realistic profile: pulls and starts are unchanged, probes sleep once passing", () => {
    const { eager, lazy } = both(HTTP_PROBES, { profile: REALISTIC, until: 600, actions: logsAt(599.9) });
    same(eager, lazy);

    expect(lazy.steps).toBeLessThan(15);
  });
});
