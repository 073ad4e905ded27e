import { describe, expect, it } from "vitest";
import type { DaemonSet, Node, Pod, Toleration } from "../../../src/api/kinds";
import { reconcileDaemonSet } from "../../../src/reconcile/controllers/daemonset";
import { FakeCluster } from "./helpers/fake-cluster";
import { makeReady, nginxTemplate, node } from "./helpers/objects";

const KEY = { resource: "apps/daemonsets", namespace: "default", name: "daemonset-nginx" };
const CP = [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" as const }];

function ds(tolerations?: Toleration[]): DaemonSet {
  const template = nginxTemplate({ name: "nginx-ds" });
  return { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "daemonset-nginx", namespace: "default" }, spec: { selector: { matchLabels: { name: "nginx-ds" } }, template: { ...template, spec: { ...template.spec, tolerations } } } };
}
const nodeOf = (p: Pod) => p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0].matchFields![0].values![0];

describe("daemonset controller", () => {
  it("puts one pod on every node whose taints are tolerated, pinned by matchFields", () => {
    const c = new FakeCluster();
    for (const n of ["k8s-master1", "k8s-master2", "k8s-master3"]) c.add("/nodes", node(n, { taints: CP }));
    c.add("/nodes", node("k8s-worker1"));
    c.add("apps/daemonsets", ds());
    c.run(reconcileDaemonSet, KEY);
    expect(c.list<Pod>("/pods").map(nodeOf)).toEqual(["k8s-worker1"]);
    for (const p of c.list<Pod>("/pods")) c.put("/pods", makeReady(p, c.now, nodeOf(p)));
    const d = c.get<DaemonSet>("apps/daemonsets", "default", "daemonset-nginx")!;
    d.spec!.template!.spec!.tolerations = [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }];
    d.metadata.generation = 2;
    c.put("apps/daemonsets", d);
    c.run(reconcileDaemonSet, KEY);
    const pods = c.list<Pod>("/pods");
    expect(pods.map(nodeOf).sort()).toEqual(["k8s-master1", "k8s-master2", "k8s-master3", "k8s-worker1"]);
    const tol = pods[0].spec!.tolerations!.map((t) => `${t.key}:${t.effect}`);
    expect(tol).toEqual(expect.arrayContaining(["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"]));
    expect(pods[0].metadata.labels!["controller-revision-hash"]).toBeTruthy();
    for (const p of c.list<Pod>("/pods")) c.put("/pods", makeReady(p, c.now, nodeOf(p)));
    c.run(reconcileDaemonSet, KEY);
    // the old-revision worker pod is replaced by the rolling update, one at a time
    const st = c.get<DaemonSet>("apps/daemonsets", "default", "daemonset-nginx")!.status!;
    expect(st).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, numberMisscheduled: 0, updatedNumberScheduled: 3 });
    expect(c.eventMessages("SuccessfulDelete")).toHaveLength(1);
  });

  it("follows nodes: a new node gets a pod, a NoExecute-tainted node loses it", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("a"));
    c.add("apps/daemonsets", ds());
    c.run(reconcileDaemonSet, KEY);
    c.add("/nodes", node("b"));
    c.run(reconcileDaemonSet, KEY);
    expect(c.list<Pod>("/pods").map(nodeOf).sort()).toEqual(["a", "b"]);
    const b = c.get<Node>("/nodes", undefined, "b")!;
    b.spec = { taints: [{ key: "evict", effect: "NoExecute" }] };
    c.put("/nodes", b);
    c.run(reconcileDaemonSet, KEY);
    expect(c.list<Pod>("/pods").map(nodeOf)).toEqual(["a"]);
  });
});
