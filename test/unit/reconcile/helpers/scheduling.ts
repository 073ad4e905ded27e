// Pods and runs for the scheduler plugin tests.
import type { Namespace, Pod } from "../../../../src/api/kinds";
import { reconcileScheduler } from "../../../../src/reconcile/scheduler/scheduler";
import type { FakeCluster } from "./fake-cluster";

export const CP_TAINT = [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" as const }];

type Spec = Partial<NonNullable<Pod["spec"]>>;

export function labelledPod(name: string, labels: Record<string, string>, spec: Spec = {}, opts: { namespace?: string; owner?: string } = {}): Pod {
  const owner = opts.owner;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: opts.namespace ?? "default",
      labels,
      ownerReferences: owner ? [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner, controller: true }] : undefined,
    },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
  };
}

/** a pod already bound and running on `node` */
export function running(p: Pod, node: string): Pod {
  return { ...p, spec: { ...p.spec!, nodeName: node }, status: { phase: "Running" } };
}

export function namespace(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } } };
}

/** create the pod, run the scheduler for it, return its node ("" when it stays Pending) */
export function schedule(c: FakeCluster, p: Pod): string {
  c.add("/pods", p);
  const ns = p.metadata.namespace ?? "default";
  c.run(reconcileScheduler, { resource: "/pods", namespace: ns, name: p.metadata.name! });
  return c.get<Pod>("/pods", ns, p.metadata.name!)?.spec?.nodeName ?? "";
}

export function lastFailure(c: FakeCluster): string | undefined {
  return c.eventMessages("FailedScheduling").at(-1);
}
