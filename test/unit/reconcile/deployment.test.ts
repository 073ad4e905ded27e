import { describe, expect, it } from "vitest";
import type { Deployment, Pod, ReplicaSet } from "../../../src/api/kinds";
import { reconcileDeployment } from "../../../src/reconcile/controllers/deployment";
import { reconcileReplicaSet } from "../../../src/reconcile/controllers/replicaset";
import { podTemplateHash } from "../../../src/reconcile/controllers/deployment-util";
import { FakeCluster } from "./helpers/fake-cluster";
import { deployment, settle, step } from "./helpers/workloads";

const DKEY = { resource: "apps/deployments", namespace: "default", name: "deploy-nginx" };

function setImage(c: FakeCluster, image: string, cause?: string): void {
  const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
  d.spec!.template!.spec!.containers[0].image = image;
  d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  if (cause) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), "kubernetes.io/change-cause": cause };
  c.put("apps/deployments", d);
}

function rsByImage(c: FakeCluster): Record<string, { replicas: number; revision?: string; cause?: string; name: string }> {
  const out: Record<string, { replicas: number; revision?: string; cause?: string; name: string }> = {};
  for (const rs of c.list<ReplicaSet>("apps/replicasets")) {
    out[rs.spec!.template!.spec!.containers[0].image!] = {
      name: rs.metadata.name!,
      replicas: rs.spec!.replicas!,
      revision: rs.metadata.annotations?.["deployment.kubernetes.io/revision"],
      cause: rs.metadata.annotations?.["kubernetes.io/change-cause"],
    };
  }
  return out;
}

describe("deployment controller", () => {
  it("creates a ReplicaSet named after the template hash with the hash label in selector and template", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 1));
    c.run(reconcileDeployment, DKEY);
    const [rs] = c.list<ReplicaSet>("apps/replicasets");
    const hash = rs.metadata.labels!["pod-template-hash"];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs.metadata.name).toBe(`deploy-nginx-${hash}`);
    expect(rs.spec!.selector!.matchLabels).toEqual({ app: "deploy-nginx", "pod-template-hash": hash });
    expect(rs.spec!.template!.metadata!.labels).toEqual({ app: "deploy-nginx", "pod-template-hash": hash });
    expect(rs.spec!.replicas).toBe(1);
    expect(rs.metadata.ownerReferences).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", name: "deploy-nginx", uid: expect.any(String), controller: true, blockOwnerDeletion: true },
    ]);
    expect(rs.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "1",
      "deployment.kubernetes.io/max-replicas": "2",
    });
    expect(c.eventMessages("ScalingReplicaSet")).toEqual([`Scaled up replica set deploy-nginx-${hash} to 1 from 0`]);
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    expect(d.metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("1");
    expect(d.status!.conditions!.find((x) => x.type === "Progressing")).toMatchObject({ reason: "NewReplicaSetCreated", message: `Created new replica set "deploy-nginx-${hash}"` });
  });

  it("template hash ignores empty fields and creationTimestamp: null", () => {
    const a = { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "n", image: "nginx" }] } };
    const b = { metadata: { labels: { app: "x" }, creationTimestamp: null, annotations: {} }, spec: { containers: [{ name: "n", image: "nginx", resources: {} }], volumes: [] } };
    expect(podTemplateHash(a)).toBe(podTemplateHash(b as never));
    expect(podTemplateHash(a)).not.toBe(podTemplateHash({ ...a, spec: { containers: [{ name: "n", image: "nginx:2" }] } }));
  });

  it("reaches complete status with Available and Progressing conditions", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 2));
    settle(c, "deploy-nginx");
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    // omitempty counters: a zero is not written
    expect(d.status).not.toHaveProperty("unavailableReplicas");
    const conds = Object.fromEntries(d.status!.conditions!.map((x) => [x.type, x]));
    expect(conds.Available).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." });
    expect(conds.Progressing).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
    expect(conds.Progressing.message).toMatch(/^ReplicaSet "deploy-nginx-.+" has successfully progressed\.$/);
    expect(c.list<Pod>("/pods")).toHaveLength(2);
  });

  it("rolls 16 replicas in the upstream maxSurge/maxUnavailable steps", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 16));
    settle(c, "deploy-nginx");
    setImage(c, "nginx:1.17-alpine");
    const seq: Array<[number, number]> = [];
    for (let i = 0; i < 8; i++) {
      step(c, "deploy-nginx");
      const by = rsByImage(c);
      seq.push([by["nginx:1.17-alpine"]?.replicas ?? 0, by["nginx:1.15-alpine"].replicas]);
    }
    expect(seq.slice(0, 5)).toEqual([
      [4, 12],
      [8, 12],
      [8, 4],
      [16, 4],
      [16, 0],
    ]);
    const msgs = c.eventMessages("ScalingReplicaSet").slice(1);
    expect(msgs[0]).toMatch(/^Scaled up replica set deploy-nginx-\S+ to 4 from 0$/);
    expect(msgs[1]).toMatch(/^Scaled down replica set deploy-nginx-\S+ to 12 from 16$/);
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    expect(d.status).toMatchObject({ replicas: 16, updatedReplicas: 16, availableReplicas: 16 });
  });

  it("never drops below replicas - maxUnavailable available pods while pods are slow", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 16));
    settle(c, "deploy-nginx");
    setImage(c, "nginx:1.17-alpine");
    const syncSets = () => {
      for (const rs of c.list<ReplicaSet>("apps/replicasets")) c.run(reconcileReplicaSet, { resource: "apps/replicasets", namespace: "default", name: rs.metadata.name! });
    };
    c.run(reconcileDeployment, DKEY);
    syncSets(); // new pods exist but never become ready
    c.run(reconcileDeployment, DKEY);
    syncSets();
    expect(rsByImage(c)["nginx:1.17-alpine"].replicas).toBe(8);
    expect(rsByImage(c)["nginx:1.15-alpine"].replicas).toBe(12);
    const before = rsByImage(c);
    c.run(reconcileDeployment, DKEY);
    expect(rsByImage(c)).toEqual(before);
    syncSets();
    c.run(reconcileDeployment, DKEY);
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    expect(d.status).toMatchObject({ replicas: 20, updatedReplicas: 8, availableReplicas: 12, unavailableReplicas: 8 });
  });

  it("copies change-cause, and undo reuses the old ReplicaSet with revision max+1", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 1));
    settle(c, "deploy-nginx");
    const original = rsByImage(c)["nginx:1.15-alpine"];
    setImage(c, "nginx:1.16-alpine", "kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record=true");
    settle(c, "deploy-nginx");
    setImage(c, "nginx:1.17-alpine", "kubectl set image deployment deploy-nginx nginx=nginx:1.17-alpine --record=true");
    settle(c, "deploy-nginx");
    let by = rsByImage(c);
    expect(by["nginx:1.16-alpine"]).toMatchObject({ revision: "2", replicas: 0, cause: "kubectl set image deployment deploy-nginx nginx=nginx:1.16-alpine --record=true" });
    expect(by["nginx:1.17-alpine"]).toMatchObject({ revision: "3", replicas: 1 });
    // kubectl rollout undo --to-revision=1: template and annotations of revision 1's RS
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    const rs1 = c.get<ReplicaSet>("apps/replicasets", "default", original.name)!;
    const template = JSON.parse(JSON.stringify(rs1.spec!.template));
    delete template.metadata.labels["pod-template-hash"];
    d.spec!.template = template;
    d.metadata.annotations = { "deployment.kubernetes.io/revision": "3" };
    d.metadata.generation = 4;
    c.put("apps/deployments", d);
    settle(c, "deploy-nginx");
    by = rsByImage(c);
    expect(Object.keys(by)).toHaveLength(3);
    expect(by["nginx:1.15-alpine"]).toMatchObject({ name: original.name, revision: "4", replicas: 1 });
    expect(c.get<ReplicaSet>("apps/replicasets", "default", original.name)!.metadata.annotations!["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(by["nginx:1.17-alpine"].replicas).toBe(0);
    expect(c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!.metadata.annotations!["deployment.kubernetes.io/revision"]).toBe("4");
  });

  it("scales the only active ReplicaSet on a scaling event", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 2));
    settle(c, "deploy-nginx");
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    d.spec!.replicas = 4;
    c.put("apps/deployments", d);
    step(c, "deploy-nginx");
    expect(c.list<Pod>("/pods")).toHaveLength(4);
    expect(c.eventMessages("ScalingReplicaSet").at(-1)).toMatch(/to 4 from 2$/);
  });

  it("Recreate scales old to zero before creating the new ReplicaSet", () => {
    const c = new FakeCluster();
    const d0 = deployment("deploy-nginx", 3);
    d0.spec!.strategy = { type: "Recreate" };
    c.add("apps/deployments", d0);
    settle(c, "deploy-nginx");
    setImage(c, "nginx:1.16-alpine");
    c.run(reconcileDeployment, DKEY);
    expect(Object.keys(rsByImage(c))).toEqual(["nginx:1.15-alpine"]);
    expect(rsByImage(c)["nginx:1.15-alpine"].replicas).toBe(0);
    settle(c, "deploy-nginx");
    expect(rsByImage(c)["nginx:1.16-alpine"].replicas).toBe(3);
  });

  it("paused deployments do not roll out", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("deploy-nginx", 2));
    settle(c, "deploy-nginx");
    const d = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!;
    d.spec!.paused = true;
    c.put("apps/deployments", d);
    setImage(c, "nginx:1.16-alpine");
    settle(c, "deploy-nginx");
    expect(Object.keys(rsByImage(c))).toEqual(["nginx:1.15-alpine"]);
    const p = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!.status!.conditions!.find((x) => x.type === "Progressing");
    expect(p).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
  });

  it("cleans up old ReplicaSets beyond revisionHistoryLimit", () => {
    const c = new FakeCluster();
    const d0 = deployment("deploy-nginx", 1);
    d0.spec!.revisionHistoryLimit = 1;
    c.add("apps/deployments", d0);
    settle(c, "deploy-nginx");
    for (const tag of ["1.16", "1.17", "1.18"]) {
      setImage(c, `nginx:${tag}-alpine`);
      settle(c, "deploy-nginx");
    }
    expect(Object.keys(rsByImage(c)).sort()).toEqual(["nginx:1.17-alpine", "nginx:1.18-alpine"]);
  });

  it("times out progressing after progressDeadlineSeconds", () => {
    const c = new FakeCluster();
    const d0 = deployment("deploy-nginx", 1);
    d0.spec!.progressDeadlineSeconds = 60;
    c.add("apps/deployments", d0);
    c.run(reconcileDeployment, DKEY); // pods never become ready
    c.now += 61_000;
    const r = c.run(reconcileDeployment, DKEY);
    expect(r.actions.length).toBeGreaterThan(0);
    const p = c.get<Deployment>("apps/deployments", "default", "deploy-nginx")!.status!.conditions!.find((x) => x.type === "Progressing");
    expect(p).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
  });
});
