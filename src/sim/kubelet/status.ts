// PodStatus as the kubelet reports it: phase, conditions, container statuses.
import type { ContainerStatus, Pod, PodStatus } from "../../api/kinds";
import { rfc3339 } from "../time-format";
import { resolveImage } from "../images/catalog";
import { qosClass } from "./qos";
import type { ContainerSim, PodSimState, TerminatedInfo } from "./types";

function terminatedJson(t: TerminatedInfo): NonNullable<ContainerStatus["state"]>["terminated"] {
  const out: NonNullable<NonNullable<ContainerStatus["state"]>["terminated"]> = {
    exitCode: t.exitCode, reason: t.reason, startedAt: rfc3339(t.startedAt), finishedAt: rfc3339(t.finishedAt), containerID: `containerd://${t.containerID}`,
  };
  if (t.signal !== undefined) out.signal = t.signal;
  if (t.message) out.message = t.message;
  return out;
}

function containerStatus(c: ContainerSim): ContainerStatus {
  const parsed = resolveImage(c.image);
  const image = c.imageFull ?? (parsed.ok ? parsed.image.ref.full : c.image);
  const s: ContainerStatus = {
    name: c.name,
    image,
    imageID: c.imageID ?? "",
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.phase === "running" ? c.started : false,
    state: {},
    lastState: {},
  };
  if (c.containerID) s.containerID = `containerd://${c.containerID}`;
  if (c.phase === "running" && !c.postStart) s.state = { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
  else if (c.phase === "running") s.state = { waiting: { reason: c.init ? "PodInitializing" : "ContainerCreating" } };
  else if (c.phase === "terminated" && c.terminated) s.state = { terminated: terminatedJson(c.terminated) };
  else s.state = { waiting: { reason: c.waiting?.reason ?? "ContainerCreating", ...(c.waiting?.message ? { message: c.waiting.message } : {}) } };
  if (c.lastTerminated) s.lastState = { terminated: terminatedJson(c.lastTerminated) };
  return s;
}

export function computePhase(st: PodSimState, pod: Pod): "Pending" | "Running" | "Succeeded" | "Failed" {
  if (st.terminal) return st.terminal;
  const policy = pod.spec?.restartPolicy ?? "Always";
  const inits = st.containers.filter((c) => c.init);
  for (const c of inits) {
    const t = c.phase === "terminated" ? c.terminated : undefined;
    if (t && t.exitCode === 0) continue;
    if (policy === "Never" && t && t.exitCode !== 0) return "Failed";
    return "Pending";
  }
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of st.containers.filter((x) => !x.init)) {
    if (c.phase === "running") running++;
    else if (c.phase === "terminated" && c.terminated) {
      stopped++;
      if (c.terminated.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    // OnFailure with a failed container: it is being restarted
    return "Running";
  }
  return "Pending";
}

function cond(st: PodSimState, type: string, status: boolean, now: number): { status: "True" | "False"; time: number } {
  const want = status ? "True" : "False";
  const cur = st.conditions[type];
  if (!cur || cur.status !== want) st.conditions[type] = { status: want, time: now };
  return st.conditions[type];
}

export function buildStatus(st: PodSimState, pod: Pod, podIP: string, hostIP: string, now: number): PodStatus {
  const phase = computePhase(st, pod);
  const regular = st.containers.filter((c) => !c.init);
  const inits = st.containers.filter((c) => c.init);
  const initDone = inits.every((c) => c.phase === "terminated" && c.terminated?.exitCode === 0);
  const sandbox = st.sandboxReadyAt !== undefined && st.sandboxReadyAt <= st.at && !(st.deletion && regular.every((c) => c.phase !== "running"));
  const unready = regular.filter((c) => !c.ready).map((c) => c.name);
  const allReady = unready.length === 0 && phase === "Running";
  const conditions: NonNullable<PodStatus["conditions"]> = [];
  const existing = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  const startIso = rfc3339(st.createdAt);
  const push = (type: string, c: { status: "True" | "False"; time: number }, reason?: string, message?: string): void => {
    conditions.push({ type, status: c.status, lastProbeTime: null as unknown as string, lastTransitionTime: rfc3339(c.time), ...(reason ? { reason } : {}), ...(message ? { message } : {}) });
  };
  push("PodReadyToStartContainers", cond(st, "PodReadyToStartContainers", sandbox, now));
  const incompleteInit = inits.filter((c) => !(c.phase === "terminated" && c.terminated?.exitCode === 0)).map((c) => c.name);
  const ic = cond(st, "Initialized", initDone, now);
  push("Initialized", ic, initDone ? undefined : "ContainersNotInitialized", initDone ? undefined : `containers with incomplete status: [${incompleteInit.join(" ")}]`);
  const completed = phase === "Succeeded" || phase === "Failed";
  const notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
  const notReadyMsg = completed ? undefined : `containers with unready status: [${unready.join(" ")}]`;
  push("Ready", cond(st, "Ready", allReady, now), allReady ? undefined : notReadyReason, allReady ? undefined : notReadyMsg);
  push("ContainersReady", cond(st, "ContainersReady", allReady, now), allReady ? undefined : notReadyReason, allReady ? undefined : notReadyMsg);
  conditions.push(existing ?? { type: "PodScheduled", status: "True", lastProbeTime: null as unknown as string, lastTransitionTime: startIso });
  const status: PodStatus = {
    phase,
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: rfc3339(st.startTime ?? st.createdAt),
    containerStatuses: regular.map(containerStatus),
    qosClass: qosClass(pod),
  };
  if (inits.length) status.initContainerStatuses = inits.map(containerStatus);
  return status;
}
