// Scheduling beyond the course's nodeName and nodeSelector, with the real kubectl: pod anti-affinity
// spreads replicas one per node, pod affinity co-locates, topology spread balances over a zone label.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { describeEvents } from "./pod-helpers";

const deployment = (name: string, replicas: number, affinity: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${affinity}
      containers:
      - name: nginx
        image: nginx:1.15-alpine
`;

async function placement(k: Sandbox, app: string): Promise<Array<{ name: string; status: string; node: string }>> {
  const r = await k.kubectl(["get", "pods", "-l", `app=${app}`, "-o", "wide", "--no-headers"]);
  expect(r.stderr).toBe("");
  return r.stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0], status: cols[2], node: cols[6] };
    });
}

describe("pod affinity, anti-affinity and topology spread", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("spreads replicas one per node with required anti-affinity, and leaves the fifth Pending", async () => {
    const anti = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: spread
            topologyKey: kubernetes.io/hostname`;
    expect((await k.kubectl(["apply", "-f", k.file("spread.yml", deployment("spread", 5, anti))])).code).toBe(0);
    await k.advance(30);
    const pods = await placement(k, "spread");
    const running = pods.filter((p) => p.status === "Running");
    expect(running.map((p) => p.node).sort()).toEqual(["k8s-master1", "k8s-master2", "k8s-master3", "k8s-worker1"]);
    const pending = pods.filter((p) => p.status === "Pending");
    expect(pending).toHaveLength(1);
    expect(pending[0].node).toBe("<none>");
    const events = await describeEvents(k, pending[0].name);
    expect(events.at(-1)).toMatchObject({
      type: "Warning",
      reason: "FailedScheduling",
      from: "default-scheduler",
      message: "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.",
    });
  });

  it("co-locates with required pod affinity", async () => {
    expect((await k.kubectl(["run", "cache", "--image=nginx:1.15-alpine", "--labels=app=cache", "--overrides", JSON.stringify({ spec: { nodeName: "k8s-master2" } })])).code).toBe(0);
    const near = `      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels:
                app: cache
            topologyKey: kubernetes.io/hostname`;
    expect((await k.kubectl(["apply", "-f", k.file("near.yml", deployment("near", 3, near))])).code).toBe(0);
    await k.advance(30);
    const pods = await placement(k, "near");
    expect(pods.map((p) => `${p.status} ${p.node}`)).toEqual(["Running k8s-master2", "Running k8s-master2", "Running k8s-master2"]);
  });

  it("balances over a zone label with topologySpreadConstraints", async () => {
    for (const [node, zone] of [["k8s-master1", "A"], ["k8s-master2", "A"], ["k8s-master3", "B"], ["k8s-worker1", "B"]]) {
      expect((await k.kubectl(["label", "node", node, `zone=${zone}`])).code).toBe(0);
    }
    const spread = `      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: zoned`;
    expect((await k.kubectl(["apply", "-f", k.file("zoned.yml", deployment("zoned", 6, spread))])).code).toBe(0);
    await k.advance(30);
    const pods = await placement(k, "zoned");
    expect(pods.every((p) => p.status === "Running")).toBe(true);
    const inA = pods.filter((p) => p.node === "k8s-master1" || p.node === "k8s-master2").length;
    expect([inA, pods.length - inA]).toEqual([3, 3]);
  });
});
