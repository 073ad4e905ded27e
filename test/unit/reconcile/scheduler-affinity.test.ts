import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/kinds";
import { FakeCluster } from "./helpers/fake-cluster";
import { node } from "./helpers/objects";
import { CP_TAINT, labelledPod, lastFailure, namespace, running, schedule } from "./helpers/scheduling";

const HOST = "kubernetes.io/hostname";
type Affinity = NonNullable<NonNullable<Pod["spec"]>["affinity"]>;

/** one tainted control-plane node and three workers */
function cluster(): FakeCluster {
  const c = new FakeCluster();
  c.add("/nodes", node("k8s-master1", { taints: CP_TAINT }));
  for (const n of ["k8s-worker1", "k8s-worker2", "k8s-worker3"]) c.add("/nodes", node(n));
  c.add("/namespaces", namespace("default"));
  return c;
}

const antiWeb: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: HOST }] } };
const nodeOf = (c: FakeCluster, name: string, ns = "default") => c.get<Pod>("/pods", ns, name)?.spec?.nodeName;

describe("scheduler: InterPodAffinity", () => {
  it("required anti-affinity puts one replica per node and leaves the extra one Pending", () => {
    const c = cluster();
    const placed = [0, 1, 2].map((i) => schedule(c, labelledPod(`web-${i}`, { app: "web" }, { affinity: antiWeb }, { owner: "web-rs" })));
    expect(placed.sort()).toEqual(["k8s-worker1", "k8s-worker2", "k8s-worker3"]);
    expect(schedule(c, labelledPod("web-3", { app: "web" }, { affinity: antiWeb }, { owner: "web-rs" }))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
    expect(c.get<Pod>("/pods", "default", "web-3")!.status!.conditions![0]).toMatchObject({ type: "PodScheduled", status: "False", reason: "Unschedulable" });
  });

  it("required affinity co-locates with the labelled pod; with no match anywhere only a self-matching pod may go", () => {
    const c = cluster();
    c.add("/pods", running(labelledPod("redis", { app: "store" }), "k8s-worker2"));
    const withStore: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "store" } }, topologyKey: HOST }] } };
    for (const i of [1, 2, 3]) expect(schedule(c, labelledPod(`web-${i}`, { app: "web" }, { affinity: withStore }))).toBe("k8s-worker2");

    const withCache: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "cache" } }, topologyKey: HOST }] } };
    // the first pod of a group with affinity to itself: nothing matches yet, it matches its own term
    expect(schedule(c, labelledPod("cache-0", { app: "cache" }, { affinity: withCache }))).toMatch(/^k8s-worker/);
    expect(schedule(c, labelledPod("cache-1", { app: "cache" }, { affinity: withCache }))).toBe(nodeOf(c, "cache-0"));

    const withQueue: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "queue" } }, topologyKey: HOST }] } };
    expect(schedule(c, labelledPod("consumer", { app: "consumer" }, { affinity: withQueue }))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });

  it("a node without the topology key fails required affinity, even for the first self-matching pod", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("a", { labels: { zone: "A" } }));
    c.add("/nodes", node("b"));
    const group = (app: string): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: "zone" }] } });
    for (const app of ["g1", "g2", "g3"]) expect(schedule(c, labelledPod(`${app}-0`, { app }, { affinity: group(app) }))).toBe("a");
    c.put("/nodes", { ...node("a", { labels: { zone: "A" } }), spec: { unschedulable: true } });
    expect(schedule(c, labelledPod("g4-0", { app: "g4" }, { affinity: group("g4") }))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/2 nodes are available: 1 node(s) didn't match pod affinity rules, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it("preferred weights choose the node, outweighing a less allocated one", () => {
    const c = cluster();
    const busy = { containers: [{ name: "c", image: "x", resources: { requests: { cpu: "1" } } }] };
    c.add("/pods", running(labelledPod("a", { app: "a" }), "k8s-worker1"));
    c.add("/pods", running(labelledPod("b", { app: "b" }, busy), "k8s-worker2"));
    const prefs: Affinity = {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: "a" } }, topologyKey: HOST } },
          { weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: "b" } }, topologyKey: HOST } },
        ],
      },
    };
    expect(schedule(c, labelledPod("near-b", { app: "x" }, { affinity: prefs }))).toBe("k8s-worker2");
    const away: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: "a" } }, topologyKey: HOST } }] } };
    // worker1 and worker3 are equally free; the preference rules out worker1
    for (const i of [1, 2, 3]) expect(schedule(c, labelledPod(`away-${i}`, { app: "y" }, { affinity: away }))).not.toBe("k8s-worker1");
  });

  it("existing pods' required anti-affinity keeps matching pods off their node (symmetry)", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1"));
    const noWeb: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: HOST }] } };
    c.add("/pods", running(labelledPod("loner", { app: "loner" }, { affinity: noWeb }), "n1"));
    expect(schedule(c, labelledPod("web", { app: "web" }))).toBe("");
    expect(lastFailure(c)).toBe(
      "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    expect(schedule(c, labelledPod("api", { app: "api" }))).toBe("n1");
    c.add("/nodes", node("n2"));
    expect(schedule(c, labelledPod("web-2", { app: "web" }))).toBe("n2");
  });

  it("namespaceSelector and namespaces pick the namespaces a term looks at", () => {
    const c = cluster();
    c.add("/namespaces", namespace("team-a", { team: "a" }));
    c.add("/namespaces", namespace("team-b", { team: "b" }));
    c.add("/pods", running(labelledPod("db", { app: "db" }, {}, { namespace: "team-a" }), "k8s-worker3"));
    c.add("/pods", running(labelledPod("db", { app: "db" }, {}, { namespace: "team-b" }), "k8s-worker1"));
    const term = (extra: object): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: HOST, ...extra }] } });
    expect(schedule(c, labelledPod("by-selector", { app: "api" }, { affinity: term({ namespaceSelector: { matchLabels: { team: "a" } } }) }))).toBe("k8s-worker3");
    expect(schedule(c, labelledPod("by-name", { app: "api" }, { affinity: term({ namespaces: ["team-b"] }) }))).toBe("k8s-worker1");
    // own namespace only: no db in default, and the pod does not match its own term
    expect(schedule(c, labelledPod("own-ns", { app: "api" }, { affinity: term({}) }))).toBe("");
    expect(lastFailure(c)).toContain("3 node(s) didn't match pod affinity rules");
  });

  it("matchLabelKeys limits anti-affinity to pods of the same revision", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1"));
    c.add("/nodes", node("n2"));
    const anti: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: HOST, matchLabelKeys: ["pod-template-hash"] }] } };
    c.add("/pods", running(labelledPod("old-1", { app: "web", "pod-template-hash": "old" }, { affinity: anti }), "n1"));
    c.add("/pods", running(labelledPod("old-2", { app: "web", "pod-template-hash": "old" }, { affinity: anti }), "n2"));
    // the old pods' terms select only hash=old, the new pod's only hash=new
    expect(schedule(c, labelledPod("new-1", { app: "web", "pod-template-hash": "new" }, { affinity: anti }))).not.toBe("");
    expect(schedule(c, labelledPod("new-2", { app: "web", "pod-template-hash": "new" }, { affinity: anti }))).not.toBe(nodeOf(c, "new-1"));
    expect(schedule(c, labelledPod("new-3", { app: "web", "pod-template-hash": "new" }, { affinity: anti }))).toBe("");
  });
});
