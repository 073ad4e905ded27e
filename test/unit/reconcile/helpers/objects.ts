import type { Node, Pod, Taint } from "../../../../src/api/kinds";
import { iso } from "./fake-cluster";

export function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[]; cpu?: string; memory?: string; pods?: string; unschedulable?: boolean } = {}): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...(opts.labels ?? {}) } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { allocatable: { cpu: opts.cpu ?? "2", memory: opts.memory ?? "4Gi", pods: opts.pods ?? "110" } },
  };
}

/** Make a pod Running and Ready (as the kubelet would) at time `at`. */
export function makeReady(pod: Pod, at: number, nodeName = pod.spec?.nodeName ?? "node-1"): Pod {
  return {
    ...pod,
    spec: { ...pod.spec!, nodeName },
    status: {
      phase: "Running",
      podIP: "10.244.0.10",
      conditions: [
        { type: "PodScheduled", status: "True" },
        { type: "Ready", status: "True", lastTransitionTime: iso(at) },
      ],
    },
  };
}

export function finish(pod: Pod, phase: "Succeeded" | "Failed"): Pod {
  return { ...pod, status: { phase, conditions: [{ type: "Ready", status: "False" }] } };
}

export const nginxTemplate = (labels: Record<string, string>, image = "nginx:1.15-alpine") => ({
  metadata: { labels },
  spec: { containers: [{ name: "nginx", image, ports: [{ containerPort: 80 }] }] },
});
