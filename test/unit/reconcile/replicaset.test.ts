import { describe, expect, it } from "vitest";
import type { Pod, ReplicaSet } from "../../../src/api/kinds";
import { podsToDelete, reconcileReplicaSet } from "../../../src/reconcile/controllers/replicaset";
import { FakeCluster, iso } from "./helpers/fake-cluster";
import { makeReady, nginxTemplate } from "./helpers/objects";

const KEY = { resource: "apps/replicasets", namespace: "default", name: "rs-nginx" };
function rs(replicas: number, minReadySeconds = 0): ReplicaSet {
  return { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "rs-nginx", namespace: "default" }, spec: { replicas, minReadySeconds, selector: { matchLabels: { app: "nginx" } }, template: nginxTemplate({ app: "nginx" }) } };
}

describe("replicaset controller", () => {
  it("creates owned pods with random suffix names and counts status", () => {
    const c = new FakeCluster();
    const set = c.add("apps/replicasets", rs(2));
    c.run(reconcileReplicaSet, KEY);
    const pods = c.list<Pod>("/pods");
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^rs-nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe("rs-nginx-");
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs-nginx", uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(c.eventMessages("SuccessfulCreate").sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    for (const p of pods) c.put("/pods", makeReady(p, c.now));
    c.run(reconcileReplicaSet, KEY);
    expect(c.get<ReplicaSet>("apps/replicasets", "default", "rs-nginx")!.status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });

  it("adopts a matching orphan instead of creating a pod", () => {
    const c = new FakeCluster();
    c.add("/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "orphan", namespace: "default", labels: { app: "nginx" } }, spec: { containers: [] } });
    c.add("apps/replicasets", rs(1));
    c.run(reconcileReplicaSet, KEY);
    const pods = c.list<Pod>("/pods");
    expect(pods.map((p) => p.metadata.name)).toEqual(["orphan"]);
    expect(pods[0].metadata.ownerReferences![0]).toMatchObject({ kind: "ReplicaSet", controller: true });
  });

  it("availableReplicas waits for minReadySeconds and requeues", () => {
    const c = new FakeCluster();
    c.add("apps/replicasets", rs(1, 10));
    c.run(reconcileReplicaSet, KEY);
    const [p] = c.list<Pod>("/pods");
    c.put("/pods", makeReady(p, c.now));
    c.now += 4000;
    const r = c.run(reconcileReplicaSet, KEY);
    expect(r.requeueAfterMs).toBe(6000);
    const status = c.get<ReplicaSet>("apps/replicasets", "default", "rs-nginx")!.status;
    expect(status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(status).not.toHaveProperty("availableReplicas");
  });

  it("deletes victims in upstream order: unscheduled, pending, not ready, then newer", () => {
    const base = Date.UTC(2024, 0, 1);
    const mk = (name: string, extra: Partial<Pod>): Pod => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", creationTimestamp: iso(base) }, spec: { containers: [] }, ...extra });
    const ready = (name: string, created: number, readyAt: number, node = "n1"): Pod =>
      ({ ...makeReady(mk(name, {}), readyAt, node), metadata: { name, namespace: "default", creationTimestamp: iso(created) } });
    const pods = [
      ready("old-ready", base, base),
      ready("new-ready", base + 5000, base + 6000, "n2"),
      mk("running-notready", { spec: { containers: [], nodeName: "n3" }, status: { phase: "Running", conditions: [{ type: "Ready", status: "False" }] } }),
      mk("pending", { spec: { containers: [], nodeName: "n4" }, status: { phase: "Pending" } }),
      mk("unscheduled", { status: { phase: "Pending" } }),
    ];
    expect(podsToDelete(pods, 5).map((p) => p.metadata.name)).toEqual(["unscheduled", "pending", "running-notready", "new-ready", "old-ready"]);
  });

  it("scales down with SuccessfulDelete events", () => {
    const c = new FakeCluster();
    c.add("apps/replicasets", rs(3));
    c.run(reconcileReplicaSet, KEY);
    const s = c.get<ReplicaSet>("apps/replicasets", "default", "rs-nginx")!;
    s.spec!.replicas = 1;
    c.put("apps/replicasets", s);
    c.run(reconcileReplicaSet, KEY);
    expect(c.list("/pods")).toHaveLength(1);
    expect(c.eventMessages("SuccessfulDelete")).toHaveLength(2);
    expect(c.eventMessages("SuccessfulDelete")[0]).toMatch(/^Deleted pod: rs-nginx-\w{5}$/);
  });
});
