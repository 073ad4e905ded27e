import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/kinds";
import { reconcileScheduler } from "../../../src/reconcile/scheduler/scheduler";
import { FakeCluster } from "./helpers/fake-cluster";
import { node } from "./helpers/objects";

const CP = [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" as const }];
function cluster(): FakeCluster {
  const c = new FakeCluster();
  for (const n of ["k8s-master1", "k8s-master2", "k8s-master3"]) c.add("/nodes", node(n, { taints: CP }));
  c.add("/nodes", node("k8s-worker1"));
  return c;
}
function pod(name: string, spec: Partial<NonNullable<Pod["spec"]>> = {}, owner?: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", ownerReferences: owner ? [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: owner, controller: true }] : undefined },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
  };
}
const key = (name: string) => ({ resource: "/pods", namespace: "default", name });

describe("scheduler", () => {
  it("binds to the only untainted node with the Scheduled event", () => {
    const c = cluster();
    c.add("/pods", pod("nginx1"));
    c.run(reconcileScheduler, key("nginx1"));
    const p = c.get<Pod>("/pods", "default", "nginx1")!;
    expect(p.spec!.nodeName).toBe("k8s-worker1");
    expect(p.status!.conditions).toEqual([expect.objectContaining({ type: "PodScheduled", status: "True" })]);
    expect(c.events).toEqual([expect.objectContaining({ reason: "Scheduled", message: "Successfully assigned default/nginx1 to k8s-worker1", component: "default-scheduler", type: "Normal" })]);
  });

  it("words FailedScheduling like 1.31 for selectors and taints", () => {
    const c = cluster();
    c.add("/pods", pod("p", { nodeSelector: { disktype: "ssd" } }));
    const r = c.run(reconcileScheduler, key("p"));
    expect(r.requeueAfterMs).toBeGreaterThan(0);
    expect(c.eventMessages("FailedScheduling")).toEqual([
      "0/4 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    ]);
    const st = c.get<Pod>("/pods", "default", "p")!.status!;
    expect(st.phase).toBe("Pending");
    expect(st.conditions![0]).toMatchObject({ type: "PodScheduled", status: "False", reason: "Unschedulable" });
  });

  it("reports Insufficient memory/cpu with the preemption tail", () => {
    const c = cluster();
    c.add("/pods", pod("big", { containers: [{ name: "c", image: "nginx", resources: { requests: { memory: "100Gi", cpu: "64" } } }] }));
    c.run(reconcileScheduler, key("big"));
    expect(c.eventMessages("FailedScheduling")[0]).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
  });

  it("counts requests of pods already on the node and honours tolerations and affinity operators", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("a", { memory: "1Gi", labels: { size: "10" } }));
    c.add("/nodes", node("b", { memory: "1Gi", labels: { size: "3" }, taints: [{ key: "dedicated", value: "x", effect: "NoSchedule" }] }));
    c.add("/pods", { ...pod("existing", { nodeName: "a", containers: [{ name: "c", image: "x", resources: { requests: { memory: "800Mi" } } }] }), status: { phase: "Running" } });
    c.add("/pods", pod("new", { containers: [{ name: "c", image: "x", resources: { requests: { memory: "300Mi" } } }], tolerations: [{ key: "dedicated", operator: "Equal", value: "x", effect: "NoSchedule" }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "size", operator: "Lt", values: ["5"] }] }] } } } }));
    c.run(reconcileScheduler, key("new"));
    expect(c.get<Pod>("/pods", "default", "new")!.spec!.nodeName).toBe("b");
  });

  it("spreads replicas of one owner across nodes", () => {
    const c = new FakeCluster();
    for (const n of ["n1", "n2", "n3"]) c.add("/nodes", node(n));
    for (let i = 0; i < 3; i++) {
      c.add("/pods", pod(`r${i}`, {}, "rs1"));
      c.run(reconcileScheduler, key(`r${i}`));
    }
    const nodes = c.list<Pod>("/pods").map((p) => p.spec!.nodeName).sort();
    expect(nodes).toEqual(["n1", "n2", "n3"]);
  });

  it("leaves pods with spec.nodeName alone and conflicts on host ports", () => {
    const c = new FakeCluster();
    c.add("/nodes", node("n1"));
    c.add("/pods", pod("fixed", { nodeName: "n1", containers: [{ name: "c", image: "x", ports: [{ containerPort: 80, hostPort: 8080 }] }] }));
    expect(c.run(reconcileScheduler, key("fixed")).actions).toEqual([]);
    c.add("/pods", pod("clash", { containers: [{ name: "c", image: "x", ports: [{ containerPort: 80, hostPort: 8080 }] }] }));
    c.run(reconcileScheduler, key("clash"));
    expect(c.eventMessages("FailedScheduling")[0]).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });
});
