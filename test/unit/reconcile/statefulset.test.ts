import { describe, expect, it } from "vitest";
import type { PersistentVolumeClaim, Pod, StatefulSet } from "../../../src/api/kinds";
import { reconcileStatefulSet } from "../../../src/reconcile/controllers/statefulset";
import { FakeCluster } from "./helpers/fake-cluster";
import { makeReady, nginxTemplate } from "./helpers/objects";

const KEY = { resource: "apps/statefulsets", namespace: "default", name: "web" };

function web(replicas: number): StatefulSet {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas,
      serviceName: "nginx",
      selector: { matchLabels: { app: "nginx" } },
      template: { ...nginxTemplate({ app: "nginx" }), spec: { containers: [{ name: "nginx", image: "nginx:1.15-alpine", volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }] }] } },
      volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "nfs-client", resources: { requests: { storage: "1Gi" } } } }],
    },
  };
}

const podNames = (c: FakeCluster): string[] => c.list<Pod>("/pods").map((p) => p.metadata.name!);
function readyAll(c: FakeCluster): void {
  for (const p of c.list<Pod>("/pods")) if (!p.status?.phase) c.put("/pods", makeReady(p, c.now));
}
function settle(c: FakeCluster): void {
  for (let i = 0; i < 20; i++) {
    c.run(reconcileStatefulSet, KEY);
    readyAll(c);
  }
}

describe("statefulset controller", () => {
  it("creates pods one at a time, each after the previous is Running and Ready", () => {
    const c = new FakeCluster();
    c.add("apps/statefulsets", web(3));
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0"]);
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0"]); // web-0 not ready yet
    readyAll(c);
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0", "web-1"]);
    settle(c);
    expect(podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
    const p = c.get<Pod>("/pods", "default", "web-1")!;
    expect(p.spec!.hostname).toBe("web-1");
    expect(p.spec!.subdomain).toBe("nginx");
    expect(p.metadata.labels).toMatchObject({ app: "nginx", "statefulset.kubernetes.io/pod-name": "web-1", "apps.kubernetes.io/pod-index": "1" });
    expect(p.metadata.labels!["controller-revision-hash"]).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(p.spec!.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-1" } }]);
    const pvcs = c.list<PersistentVolumeClaim>("/persistentvolumeclaims").map((x) => x.metadata.name);
    expect(pvcs).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
    expect(c.eventMessages("SuccessfulCreate").slice(0, 2)).toEqual(["create Claim www-web-0 Pod web-0 in StatefulSet web success", "create Pod web-0 in StatefulSet web successful"]);
    const sts = c.get<StatefulSet>("apps/statefulsets", "default", "web")!;
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(sts.status!.currentRevision).toBe(sts.status!.updateRevision);
    expect(c.list("apps/controllerrevisions")).toHaveLength(1);
  });

  it("Parallel creates all pods at once", () => {
    const c = new FakeCluster();
    const s = web(3);
    s.spec!.podManagementPolicy = "Parallel";
    c.add("apps/statefulsets", s);
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
  });

  it("scales down from the highest ordinal and keeps the claims", () => {
    const c = new FakeCluster();
    c.add("apps/statefulsets", web(4));
    settle(c);
    const s = c.get<StatefulSet>("apps/statefulsets", "default", "web")!;
    s.spec!.replicas = 2;
    c.put("apps/statefulsets", s);
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0", "web-1"]);
    expect(c.eventMessages("SuccessfulDelete")).toEqual(["delete Pod web-3 in StatefulSet web successful", "delete Pod web-2 in StatefulSet web successful"]);
    expect(c.list("/persistentvolumeclaims")).toHaveLength(4);
  });

  it("rolls out from the highest ordinal down, honouring the partition", () => {
    const c = new FakeCluster();
    c.add("apps/statefulsets", web(3));
    settle(c);
    const oldRev = c.get<StatefulSet>("apps/statefulsets", "default", "web")!.status!.currentRevision!;
    const s = c.get<StatefulSet>("apps/statefulsets", "default", "web")!;
    s.spec!.template!.spec!.containers[0].image = "nginx:1.16-alpine";
    s.spec!.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 2 } };
    s.metadata.generation = 2;
    c.put("apps/statefulsets", s);
    settle(c);
    const images = () => Object.fromEntries(c.list<Pod>("/pods").map((p) => [p.metadata.name, p.spec!.containers[0].image]));
    expect(images()).toEqual({ "web-0": "nginx:1.15-alpine", "web-1": "nginx:1.15-alpine", "web-2": "nginx:1.16-alpine" });
    let st = c.get<StatefulSet>("apps/statefulsets", "default", "web")!.status!;
    expect(st.currentRevision).toBe(oldRev);
    expect(st.updateRevision).not.toBe(oldRev);
    expect(st).toMatchObject({ updatedReplicas: 1, currentReplicas: 2 });
    // partition 0 finishes the rollout
    const s2 = c.get<StatefulSet>("apps/statefulsets", "default", "web")!;
    s2.spec!.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
    c.put("apps/statefulsets", s2);
    c.run(reconcileStatefulSet, KEY);
    expect(c.eventMessages("SuccessfulDelete").at(-1)).toBe("delete Pod web-1 in StatefulSet web successful");
    settle(c);
    expect(Object.values(images())).toEqual(["nginx:1.16-alpine", "nginx:1.16-alpine", "nginx:1.16-alpine"]);
    st = c.get<StatefulSet>("apps/statefulsets", "default", "web")!.status!;
    expect(st.currentRevision).toBe(st.updateRevision);
    expect(st).toMatchObject({ updatedReplicas: 3, currentReplicas: 3 });
    const revs = c.list<{ metadata: { name?: string }; revision: number; kind?: string }>("apps/controllerrevisions").map((r) => r.revision).sort();
    expect(revs).toEqual([1, 2]);
  });

  it("recreates a deleted pod with the same name", () => {
    const c = new FakeCluster();
    c.add("apps/statefulsets", web(2));
    settle(c);
    c.remove("/pods", "default", "web-0");
    c.run(reconcileStatefulSet, KEY);
    expect(podNames(c)).toEqual(["web-0", "web-1"]);
    expect(c.get<Pod>("/pods", "default", "web-0")!.spec!.volumes![0].persistentVolumeClaim!.claimName).toBe("www-web-0");
  });
});
