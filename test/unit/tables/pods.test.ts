import { describe, expect, it } from "vitest";
import type { ContainerStatus, Pod } from "../../../src/api/kinds";
import { podTable, podTemplateTable, summarizePod } from "../../../src/api/tables/pods";
import { ago, ctx } from "./helpers";

type Status = NonNullable<Pod["status"]>;

function pod(name: string, status: Status, extra: Partial<Pod> = {}, containers = ["app"]): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", creationTimestamp: ago(600), ...(extra.metadata ?? {}) },
    spec: { containers: containers.map((c) => ({ name: c, image: "nginx:1.25" })), nodeName: "node-1", ...(extra.spec ?? {}) },
    status,
  };
}

const running = (name = "app", restartCount = 0): ContainerStatus => ({
  name,
  image: "nginx:1.25",
  imageID: "",
  ready: true,
  restartCount,
  started: true,
  state: { running: { startedAt: ago(300) } },
});

const waiting = (reason: string, restartCount = 0, lastState: ContainerStatus["lastState"] = {}): ContainerStatus => ({
  name: "app",
  image: "nginx:1.25",
  imageID: "",
  ready: false,
  restartCount,
  state: { waiting: { reason } },
  lastState,
});

const terminated = (reason: string | undefined, exitCode: number, signal?: number): ContainerStatus => ({
  name: "app",
  image: "busybox",
  imageID: "",
  ready: false,
  restartCount: 0,
  state: { terminated: { reason, exitCode, signal, finishedAt: ago(60) } },
});

const readyCond = (status: "True" | "False") => ({ type: "Ready", status });

describe("pod columns", () => {
  it("match the upstream definitions", () => {
    expect(podTable.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ["Name", "string", 0],
      ["Ready", "string", 0],
      ["Status", "string", 0],
      ["Restarts", "string", 0],
      ["Age", "string", 0],
      ["IP", "string", 1],
      ["Node", "string", 1],
      ["Nominated Node", "string", 1],
      ["Readiness Gates", "string", 1],
    ]);
    expect(podTable.columns[0].format).toBe("name");
  });
});

describe("pod STATUS / READY / RESTARTS", () => {
  const cases: Array<[string, Pod, string, string, string]> = [
    ["pending, unscheduled", pod("p", { phase: "Pending" }, { spec: { containers: [{ name: "app" }] } }), "0/1", "Pending", "0"],
    [
      "scheduling gated",
      pod("p", { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] }),
      "0/1",
      "SchedulingGated",
      "0",
    ],
    ["container creating", pod("p", { phase: "Pending", containerStatuses: [waiting("ContainerCreating")] }), "0/1", "ContainerCreating", "0"],
    ["running", pod("p", { phase: "Running", containerStatuses: [running()], conditions: [readyCond("True")] }), "1/1", "Running", "0"],
    [
      "crash loop with last restart",
      pod("p", {
        phase: "Running",
        containerStatuses: [waiting("CrashLoopBackOff", 5, { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(300) } })],
      }),
      "0/1",
      "CrashLoopBackOff",
      "5 (5m ago)",
    ],
    ["OOMKilled", pod("p", { phase: "Running", containerStatuses: [terminated("OOMKilled", 137)] }), "0/1", "OOMKilled", "0"],
    ["error exit", pod("p", { phase: "Failed", containerStatuses: [terminated("Error", 1)] }), "0/1", "Error", "0"],
    ["completed", pod("p", { phase: "Succeeded", containerStatuses: [terminated("Completed", 0)] }), "0/1", "Completed", "0"],
    ["image pull error", pod("p", { phase: "Pending", containerStatuses: [waiting("ErrImagePull")] }), "0/1", "ErrImagePull", "0"],
    ["image pull back-off", pod("p", { phase: "Pending", containerStatuses: [waiting("ImagePullBackOff")] }), "0/1", "ImagePullBackOff", "0"],
    ["terminated by signal", pod("p", { phase: "Running", containerStatuses: [terminated(undefined, 0, 9)] }), "0/1", "Signal:9", "0"],
    ["terminated exit code", pod("p", { phase: "Running", containerStatuses: [terminated("", 3)] }), "0/1", "ExitCode:3", "0"],
    [
      "terminating",
      pod("p", { phase: "Running", containerStatuses: [running()] }, { metadata: { name: "p", creationTimestamp: ago(600), deletionTimestamp: ago(0) } }),
      "1/1",
      "Terminating",
      "0",
    ],
    [
      "terminal pods are not Terminating",
      pod("p", { phase: "Succeeded", containerStatuses: [terminated("Completed", 0)] }, { metadata: { name: "p", creationTimestamp: ago(600), deletionTimestamp: ago(0) } }),
      "0/1",
      "Completed",
      "0",
    ],
    [
      "node lost",
      pod(
        "p",
        { phase: "Running", reason: "NodeLost", containerStatuses: [running()] },
        { metadata: { name: "p", creationTimestamp: ago(600), deletionTimestamp: ago(0) } },
      ),
      "1/1",
      "Unknown",
      "0",
    ],
    ["evicted (status.reason)", pod("p", { phase: "Failed", reason: "Evicted" }), "0/1", "Evicted", "0"],
  ];

  it.each(cases)("%s", (_title, p, ready, status, restarts) => {
    expect(summarizePod(p, ctx)).toEqual({ ready, status, restarts });
  });

  it("shows the first container's reason when several are unhappy, counting only ready running ones", () => {
    const p = pod(
      "multi",
      {
        phase: "Running",
        containerStatuses: [{ ...waiting("CrashLoopBackOff", 2), name: "a" }, running("b", 1), { ...waiting("ImagePullBackOff"), name: "c" }],
      },
      {},
      ["a", "b", "c"],
    );
    expect(summarizePod(p, ctx)).toEqual({ ready: "1/3", status: "CrashLoopBackOff", restarts: "3" });
  });

  it("turns Completed back into Running/NotReady while another container still runs", () => {
    const statuses = [{ ...terminated("Completed", 0), name: "job" }, running("sidecar")];
    const withReady = pod("p", { phase: "Running", containerStatuses: statuses, conditions: [readyCond("True")] }, {}, ["job", "sidecar"]);
    const notReady = pod("p", { phase: "Running", containerStatuses: statuses, conditions: [readyCond("False")] }, {}, ["job", "sidecar"]);
    expect(summarizePod(withReady, ctx).status).toBe("Running");
    expect(summarizePod(notReady, ctx).status).toBe("NotReady");
  });
});

describe("pod init containers", () => {
  const initSpec = {
    containers: [{ name: "app", image: "nginx" }],
    initContainers: [
      { name: "init-a", image: "busybox" },
      { name: "init-b", image: "busybox" },
    ],
  };
  const initStatus = (name: string, state: ContainerStatus["state"], restartCount = 0): ContainerStatus => ({
    name,
    image: "busybox",
    imageID: "",
    ready: false,
    restartCount,
    state,
  });

  it("counts finished init containers: Init:1/2", () => {
    const p = pod(
      "p",
      {
        phase: "Pending",
        initContainerStatuses: [
          initStatus("init-a", { terminated: { exitCode: 0, reason: "Completed" } }),
          initStatus("init-b", { running: { startedAt: ago(5) } }),
        ],
        containerStatuses: [waiting("PodInitializing")],
      },
      { spec: initSpec },
    );
    expect(summarizePod(p, ctx)).toEqual({ ready: "0/1", status: "Init:1/2", restarts: "0" });
  });

  it("Init:0/2 while the first one waits to be initialised", () => {
    const p = pod(
      "p",
      { phase: "Pending", initContainerStatuses: [initStatus("init-a", { waiting: { reason: "PodInitializing" } })] },
      { spec: initSpec },
    );
    expect(summarizePod(p, ctx).status).toBe("Init:0/2");
  });

  it("Init:CrashLoopBackOff with init restarts counted", () => {
    const p = pod(
      "p",
      {
        phase: "Pending",
        initContainerStatuses: [
          {
            ...initStatus("init-a", { waiting: { reason: "CrashLoopBackOff" } }, 4),
            lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(90) } },
          },
        ],
      },
      { spec: initSpec },
    );
    expect(summarizePod(p, ctx)).toEqual({ ready: "0/1", status: "Init:CrashLoopBackOff", restarts: "4 (90s ago)" });
  });

  it("Init:Error, Init:Signal and Init:ExitCode for failed init containers", () => {
    const withInit = (t: { exitCode: number; reason?: string; signal?: number }) =>
      pod("p", { phase: "Pending", initContainerStatuses: [initStatus("init-a", { terminated: t })] }, { spec: initSpec });
    expect(summarizePod(withInit({ exitCode: 1, reason: "Error" }), ctx).status).toBe("Init:Error");
    expect(summarizePod(withInit({ exitCode: 137, signal: 9 }), ctx).status).toBe("Init:Signal:9");
    expect(summarizePod(withInit({ exitCode: 2 }), ctx).status).toBe("Init:ExitCode:2");
  });

  it("counts a started restartable (sidecar) init container as a ready container", () => {
    const p = pod(
      "p",
      {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }, readyCond("True")],
        initContainerStatuses: [{ ...initStatus("proxy", { running: { startedAt: ago(100) } }, 1), started: true, ready: true }],
        containerStatuses: [running()],
      },
      { spec: { containers: [{ name: "app" }], initContainers: [{ name: "proxy", restartPolicy: "Always" }] } },
    );
    expect(summarizePod(p, ctx)).toEqual({ ready: "2/2", status: "Running", restarts: "1" });
  });
});

describe("pod rows", () => {
  it("renders every cell, wide ones included", () => {
    const p = pod(
      "web-0",
      {
        phase: "Running",
        podIP: "10.244.1.5",
        podIPs: [{ ip: "10.244.1.5" }],
        containerStatuses: [running()],
        conditions: [readyCond("True"), { type: "example.com/gate", status: "True" }],
      },
      { spec: { containers: [{ name: "app" }], nodeName: "node-2", readinessGates: [{ conditionType: "example.com/gate" }, { conditionType: "other" }] } },
    );
    expect(podTable.cells(p, ctx)).toEqual(["web-0", "1/1", "Running", "0", "10m", "10.244.1.5", "node-2", "<none>", "1/2"]);
  });

  it("prints <none> for unscheduled pods and falls back to status.podIP", () => {
    const unscheduled = pod("p", { phase: "Pending" }, { spec: { containers: [{ name: "app" }], nodeName: undefined } });
    expect(podTable.cells(unscheduled, ctx).slice(5)).toEqual(["<none>", "<none>", "<none>", "<none>"]);
    const v1Only = pod("p", { phase: "Running", podIP: "10.0.0.9", nominatedNodeName: "node-3" });
    expect(podTable.cells(v1Only, ctx).slice(5, 8)).toEqual(["10.0.0.9", "node-1", "node-3"]);
  });

  it("flags finished pods with a Completed row condition", () => {
    expect(podTable.conditions(pod("p", { phase: "Succeeded" }))).toEqual([
      { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
    ]);
    expect(podTable.conditions(pod("p", { phase: "Failed" }))[0].reason).toBe("Failed");
    expect(podTable.conditions(pod("p", { phase: "Running" }))).toEqual([]);
  });
});

describe("pod template rows", () => {
  it("lists containers, images and pod labels", () => {
    const tpl = {
      apiVersion: "v1" as const,
      kind: "PodTemplate" as const,
      metadata: { name: "tpl", creationTimestamp: ago(5) },
      template: {
        metadata: { labels: { tier: "web", app: "nginx" } },
        spec: { containers: [{ name: "web", image: "nginx:1.25" }, { name: "log", image: "busybox" }] },
      },
    };
    expect(podTemplateTable.cells(tpl, ctx)).toEqual(["tpl", "web,log", "nginx:1.25,busybox", "app=nginx,tier=web"]);
  });
});
