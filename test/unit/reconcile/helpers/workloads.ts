import type { Deployment, Pod, ReplicaSet } from "../../../../src/api/kinds";
import { reconcileDeployment } from "../../../../src/reconcile/controllers/deployment";
import { reconcileReplicaSet } from "../../../../src/reconcile/controllers/replicaset";
import type { FakeCluster } from "./fake-cluster";
import { makeReady, nginxTemplate } from "./objects";

export function deployment(name: string, replicas: number, image = "nginx:1.15-alpine"): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: nginxTemplate({ app: name }, image) },
  };
}

/** Simulated kubelet: every pod without status becomes Running and Ready now. */
export function kubeletTick(c: FakeCluster): void {
  for (const p of c.list<Pod>("/pods")) if (!p.status?.phase) c.put("/pods", makeReady(p, c.now));
}

export function syncReplicaSets(c: FakeCluster): void {
  for (const rs of c.list<ReplicaSet>("apps/replicasets")) c.run(reconcileReplicaSet, { resource: "apps/replicasets", namespace: rs.metadata.namespace, name: rs.metadata.name! });
  kubeletTick(c);
  for (const rs of c.list<ReplicaSet>("apps/replicasets")) c.run(reconcileReplicaSet, { resource: "apps/replicasets", namespace: rs.metadata.namespace, name: rs.metadata.name! });
}

/** Deployment sync, then its ReplicaSets and pods settle; returns RS name → spec.replicas after the deployment step. */
export function step(c: FakeCluster, name: string): Record<string, number> {
  c.run(reconcileDeployment, { resource: "apps/deployments", namespace: "default", name });
  const sizes: Record<string, number> = {};
  for (const rs of c.list<ReplicaSet>("apps/replicasets")) sizes[rs.metadata.name!] = rs.spec?.replicas ?? 0;
  syncReplicaSets(c);
  return sizes;
}

export function settle(c: FakeCluster, name: string, max = 30): void {
  for (let i = 0; i < max; i++) {
    const before = JSON.stringify([c.list("apps/replicasets"), c.list("apps/deployments")]);
    step(c, name);
    c.run(reconcileDeployment, { resource: "apps/deployments", namespace: "default", name });
    if (JSON.stringify([c.list("apps/replicasets"), c.list("apps/deployments")]) === before) return;
  }
}
