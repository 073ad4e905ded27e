import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/kinds";
import { FakeCluster } from "./helpers/fake-cluster";
import { node } from "./helpers/objects";
import { CP_TAINT, labelledPod, lastFailure, running, schedule } from "./helpers/scheduling";

type Constraint = NonNullable<NonNullable<Pod["spec"]>["topologySpreadConstraints"]>[number];
const HOST = "kubernetes.io/hostname";

function spread(topologyKey: string, extra: Partial<Constraint> = {}): Constraint {
  return { maxSkew: 1, topologyKey, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } }, ...extra };
}
const web = (name: string, constraints: Constraint[], spec: object = {}) => labelledPod(name, { app: "web" }, { topologySpreadConstraints: constraints, ...spec }, { owner: "web-rs" });
const placements = (c: FakeCluster) =>
  c
    .list<Pod>("/pods")
    .map((p) => p.spec?.nodeName ?? "")
    .sort();

/** the course's nodes; the control plane tainted as in the scheduler tests */
function courseCluster(zones: Record<string, string> = {}): FakeCluster {
  const c = new FakeCluster();
  for (const n of ["k8s-master1", "k8s-master2", "k8s-master3"]) c.add("/nodes", node(n, { taints: CP_TAINT, labels: zones[n] ? { zone: zones[n] } : {} }));
  c.add("/nodes", node("k8s-worker1", { labels: zones["k8s-worker1"] ? { zone: zones["k8s-worker1"] } : {} }));
  return c;
}

describe("scheduler: PodTopologySpread", () => {
  it("maxSkew 1 over hostname fills nodes evenly", () => {
    const c = new FakeCluster();
    for (const n of ["n1", "n2", "n3"]) c.add("/nodes", node(n));
    for (let i = 0; i < 6; i++) expect(schedule(c, web(`web-${i}`, [spread(HOST)]))).not.toBe("");
    expect(placements(c)).toEqual(["n1", "n1", "n2", "n2", "n3", "n3"]);
  });

  it("counts tainted nodes as domains unless nodeTaintsPolicy is Honor", () => {
    const c = courseCluster();
    expect(schedule(c, web("web-0", [spread(HOST)]))).toBe("k8s-worker1");
    // the control-plane nodes hold 0 matching pods, so a second pod on the worker is a skew of 2
    expect(schedule(c, web("web-1", [spread(HOST)]))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
    expect(schedule(c, web("web-2", [spread(HOST, { nodeTaintsPolicy: "Honor" })]))).toBe("k8s-worker1");
  });

  it("spreads over a custom zone label and rejects nodes without it", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1", { labels: { zone: "A" } }));
    c.add("/nodes", node("n2", { labels: { zone: "A" } }));
    c.add("/nodes", node("n3", { labels: { zone: "B" } }));
    c.add("/nodes", node("n4"));
    c.add("/pods", running(web("old", []), "n1"));
    // zone A holds 1, zone B 0: only n3 keeps the skew at 1
    expect(schedule(c, web("web-1", [spread("zone")]))).toBe("n3");
    c.put("/nodes", { ...node("n3", { labels: { zone: "B" } }), spec: { unschedulable: true } });
    c.add("/pods", running(web("old-2", []), "n2"));
    // A holds 2, B 1: A's nodes would make it 3 against 1, n3 is cordoned, n4 has no zone
    expect(schedule(c, web("web-3", [spread("zone")]))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it("the course's zone labels: control plane in A, worker in B", () => {
    const c = courseCluster({ "k8s-master1": "A", "k8s-master2": "A", "k8s-master3": "A", "k8s-worker1": "B" });
    const tolerant = { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] };
    for (let i = 0; i < 4; i++) schedule(c, web(`web-${i}`, [spread("zone")], tolerant));
    const onWorker = c.list<Pod>("/pods").filter((p) => p.spec?.nodeName === "k8s-worker1").length;
    expect(onWorker).toBe(2);
    expect(placements(c).filter((n) => n.startsWith("k8s-master"))).toHaveLength(2);
  });

  it("minDomains treats the global minimum as 0 while there are fewer domains", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1", { labels: { zone: "A" } }));
    c.add("/nodes", node("n2", { labels: { zone: "B" } }));
    const three = [spread("zone", { minDomains: 3 })];
    expect([schedule(c, web("web-0", three)), schedule(c, web("web-1", three))].sort()).toEqual(["n1", "n2"]);
    expect(schedule(c, web("web-2", three))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
    // without minDomains both zones hold one, so a third fits
    expect(schedule(c, web("web-3", [spread("zone")]))).not.toBe("");
  });

  it("ScheduleAnyway only scores: it prefers the emptier node but never blocks", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1", { labels: { disk: "ssd" } }));
    c.add("/nodes", node("n2"));
    for (const i of [1, 2, 3]) c.add("/pods", running(labelledPod(`old-${i}`, { app: "web" }), "n1"));
    // n2 is busier, so without the constraint n1 would win on free resources
    c.add("/pods", running(labelledPod("hog", { app: "hog" }, { containers: [{ name: "c", image: "x", resources: { requests: { cpu: "1" } } }] }), "n2"));
    const soft = [spread(HOST, { whenUnsatisfiable: "ScheduleAnyway" })];
    expect(schedule(c, labelledPod("plain", { app: "web" }))).toBe("n1");
    expect(schedule(c, labelledPod("soft", { app: "web" }, { topologySpreadConstraints: soft }))).toBe("n2");
    expect(schedule(c, labelledPod("pinned", { app: "web" }, { topologySpreadConstraints: soft, nodeSelector: { disk: "ssd" } }))).toBe("n1");
    expect(c.eventMessages("FailedScheduling")).toEqual([]);
  });

  it("matchLabelKeys counts only pods of the same revision", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1"));
    c.add("/nodes", node("n2"));
    for (const i of [1, 2]) c.add("/pods", running(labelledPod(`old-${i}`, { app: "web", "pod-template-hash": "old" }), "n1"));
    const byRevision = [spread(HOST, { matchLabelKeys: ["pod-template-hash"] })];
    const next = (name: string) => schedule(c, labelledPod(name, { app: "web", "pod-template-hash": "new" }, { topologySpreadConstraints: byRevision }));
    expect([next("new-1"), next("new-2")].sort()).toEqual(["n1", "n2"]);
    // counting every app=web pod, n1 would be at 3 against 1 and refused
    expect(schedule(c, labelledPod("all", { app: "web" }, { topologySpreadConstraints: [spread(HOST)] }))).toBe("n2");
  });
});
