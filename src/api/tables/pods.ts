// Pod and PodTemplate printers (printPod, printPodTemplate).
import type { TableConvertor, TableContext } from "../resource";
import type { ObjectMeta, Pod, Container, ContainerStatus } from "../kinds";
import type { IPodTemplate } from "kubernetes-models/v1/PodTemplate";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn, wide } from "./columns";
import { formatLabels, layoutContainerCells } from "./format";
import { humanDuration, parseTime, since } from "./human-duration";

type PodTemplate = Omit<IPodTemplate, "metadata"> & { metadata: ObjectMeta };

/** The pod's node became unreachable (node lifecycle controller's reason). */
const NODE_UNREACHABLE_REASON = "NodeLost";
const SCHEDULING_GATED = "SchedulingGated";

export interface TableRowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface PodRowSummary {
  ready: string;
  status: string;
  restarts: string;
}

function isRestartable(container: Container | undefined): boolean {
  return container?.restartPolicy === "Always";
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");
}

function initializedConditionTrue(pod: Pod): boolean {
  const cond = (pod.status?.conditions ?? []).find((c) => c.type === "Initialized");
  return cond?.status === "True";
}

function terminatedAt(status: ContainerStatus): number | undefined {
  return parseTime(status.lastState?.terminated?.finishedAt);
}

/** READY, STATUS and RESTARTS exactly as printPod derives them. */
export function summarizePod(pod: Pod, ctx: TableContext): PodRowSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;

  const phase = status.phase ?? "";
  let reason: string = status.reason ? status.reason : phase;

  for (const cond of status.conditions ?? []) {
    if (cond.type === "PodScheduled" && cond.reason === SCHEDULING_GATED) reason = SCHEDULING_GATED;
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }
  const initCount = spec?.initContainers?.length ?? 0;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const finished = terminatedAt(cs);
    if (finished !== undefined && (lastRestart === undefined || lastRestart < finished)) lastRestart = finished;
    const restartable = isRestartable(initContainers.get(cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount ?? 0;
      if (finished !== undefined && (lastRestartableInitRestart === undefined || lastRestartableInitRestart < finished)) {
        lastRestartableInitRestart = finished;
      }
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting && waiting.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(pod)) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // walked backwards so the first container's state has the last word
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const finished = terminatedAt(cs);
      if (finished !== undefined && (lastRestart === undefined || lastRestart < finished)) lastRestart = finished;
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting && waiting.reason) {
        reason = waiting.reason;
      } else if (terminated && terminated.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
    }
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && status.reason === NODE_UNREACHABLE_REASON) {
    reason = "Unknown";
  } else if (deleting && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsText = `${restarts} (${humanDuration(ctx.now - lastRestart)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return "<none>";
  let trueConditions = 0;
  for (const gate of gates) {
    const cond = (pod.status?.conditions ?? []).find((c) => c.type === gate.conditionType);
    if (cond?.status === "True") trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

export const podTable: TableConvertor<Pod> & { conditions(pod: Pod): TableRowCondition[] } = {
  columns: [
    nameColumn,
    col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    col("Status", "string", "The aggregate status of the containers in this pod."),
    col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
    ageColumn,
    wide("IP", "string", doc["PodStatus.podIP"]),
    wide("Node", "string", doc["PodSpec.nodeName"]),
    wide("Nominated Node", "string", doc["PodStatus.nominatedNodeName"]),
    wide("Readiness Gates", "string", doc["PodSpec.readinessGates"]),
  ],
  cells(pod, ctx) {
    const s = summarizePod(pod, ctx);
    // the internal PodStatus always carries podIPs; v1 objects may only have podIP
    const podIP = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || "<none>";
    return [
      pod.metadata.name ?? "",
      s.ready,
      s.status,
      s.restarts,
      since(pod.metadata.creationTimestamp, ctx.now),
      podIP,
      pod.spec?.nodeName || "<none>",
      pod.status?.nominatedNodeName || "<none>",
      readinessGates(pod),
    ];
  },
  conditions(pod) {
    switch (pod.status?.phase) {
      case "Succeeded":
        return [{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." }];
      case "Failed":
        return [{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }];
      default:
        return [];
    }
  },
};

export const podTemplateTable: TableConvertor<PodTemplate> = {
  columns: [
    nameColumn,
    col("Containers", "string", "Names of each container in the template."),
    col("Images", "string", "Images referenced by each container in the template."),
    col("Pod Labels", "string", "The labels for the pod template."),
  ],
  cells(obj) {
    const [names, images] = layoutContainerCells(obj.template?.spec?.containers);
    return [obj.metadata.name ?? "", names, images, formatLabels(obj.template?.metadata?.labels)];
  },
};
