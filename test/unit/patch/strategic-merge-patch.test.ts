import { describe, expect, it } from "vitest";
import { applyStrategicMergePatch, patchMetaFor, PatchError } from "../../../src/api/patch";
import { deployment, service } from "./fixtures";

type Deploy = ReturnType<typeof deployment>;
const smp = (kind: string, original: unknown, patch: unknown) => applyStrategicMergePatch(original, patch, patchMetaFor(kind));
const containersOf = (d: unknown) => (d as Deploy).spec.template.spec.containers;
const names = (list: Array<{ name: string }>) => list.map((c) => c.name);

describe("strategic merge patch: kubectl request bodies", () => {
  it("kubectl set image --record changes one container and keeps the others", () => {
    const live = deployment();
    const out = smp("Deployment", live, {
      metadata: { annotations: { "kubernetes.io/change-cause": "kubectl set image deployment nginx-server1 nginx=nginx:1.16-alpine" } },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }],
            containers: [{ image: "nginx:1.16-alpine", name: "nginx" }],
          },
        },
      },
    }) as Deploy;
    expect(out.spec.template.spec.containers).toEqual([
      { ...live.spec.template.spec.containers[0], image: "nginx:1.16-alpine" },
      live.spec.template.spec.containers[1],
    ]);
    expect(out.metadata.annotations["kubernetes.io/change-cause"]).toContain("nginx=nginx:1.16-alpine");
    expect(out.metadata.annotations["deployment.kubernetes.io/revision"]).toBe("2");
    expect(live.spec.template.spec.containers[0].image).toBe("nginx:1.14");
  });

  it("kubectl set image body whose $setElementOrder names only the patched container keeps the rest", () => {
    const out = smp("Deployment", deployment(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }],
            containers: [{ image: "nginx:1.16-alpine", name: "nginx" }],
          },
        },
      },
    });
    expect(names(containersOf(out))).toEqual(["nginx", "sidecar"]);
    expect(containersOf(out)[0].image).toBe("nginx:1.16-alpine");
  });

  it("kubectl set image on a StatefulSet (no $setElementOrder for one container)", () => {
    const sts = { ...deployment(), kind: "StatefulSet" };
    const out = smp("StatefulSet", sts, {
      spec: { template: { spec: { containers: [{ image: "nginx:latest", name: "sidecar" }] } } },
    });
    expect(containersOf(out).map((c) => c.image)).toEqual(["nginx:1.14", "nginx:latest"]);
  });

  it("kubectl apply with a changed replica count", () => {
    const out = smp("Deployment", deployment(), {
      metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"spec":{"replicas":3}}\n' } },
      spec: { replicas: 3 },
    }) as Deploy;
    expect(out.spec.replicas).toBe(3);
    expect(Object.keys(out.metadata.annotations)).toHaveLength(3);
  });

  it("kubectl apply removing a container sends $patch: delete", () => {
    const out = smp("Deployment", deployment(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }],
            containers: [{ $patch: "delete", name: "sidecar" }],
          },
        },
      },
    });
    expect(names(containersOf(out))).toEqual(["nginx"]);
  });

  it("kubectl apply adding a container in the middle honours $setElementOrder", () => {
    const out = smp("Deployment", deployment(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }, { name: "logger" }, { name: "sidecar" }],
            containers: [{ image: "fluentd", name: "logger" }],
          },
        },
      },
    });
    expect(names(containersOf(out))).toEqual(["nginx", "logger", "sidecar"]);
  });

  it("kubectl apply removing an env var and a port inside a container", () => {
    const out = smp("Deployment", deployment(), {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "nginx" }, { name: "sidecar" }],
            containers: [
              {
                "$setElementOrder/env": [{ name: "B" }],
                env: [{ name: "B", value: "2" }, { $patch: "delete", name: "A" }],
                name: "nginx",
                ports: [{ $patch: "delete", containerPort: 80 }],
              },
            ],
          },
        },
      },
    });
    expect(containersOf(out)[0]).toEqual({ name: "nginx", image: "nginx:1.14", ports: [], env: [{ name: "B", value: "2" }] });
  });

  it("kubectl apply switching the deployment strategy to Recreate uses $retainKeys", () => {
    const out = smp("Deployment", deployment(), {
      spec: { strategy: { $retainKeys: ["type"], rollingUpdate: null, type: "Recreate" } },
    }) as Deploy;
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("kubectl rollout restart adds a template annotation", () => {
    const out = smp("Deployment", deployment(), {
      spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2024-01-01T00:00:00Z" } } } },
    }) as Deploy & { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(out.spec.template.metadata).toEqual({
      labels: { app: "nginx-server1" },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2024-01-01T00:00:00Z" },
    });
  });

  it("kubectl patch svc sets a scalar and keeps ports", () => {
    const out = smp("Service", service(), { spec: { sessionAffinity: "ClientIP" } }) as ReturnType<typeof service>;
    expect(out.spec).toMatchObject({ sessionAffinity: "ClientIP", type: "ClusterIP" });
    expect(out.spec.ports).toHaveLength(2);
  });

  it("kubectl patch sts partition creates nested maps", () => {
    const out = smp("StatefulSet", { spec: { replicas: 3 } }, { spec: { updateStrategy: { rollingUpdate: { partition: 2 } } } });
    expect(out).toEqual({ spec: { replicas: 3, updateStrategy: { rollingUpdate: { partition: 2 } } } });
  });

  it("kubectl edit configmap replaces a data key", () => {
    const cm = { kind: "ConfigMap", metadata: { name: "kube-proxy" }, data: { "config.conf": "mode: iptables\n", other: "x" } };
    expect(smp("ConfigMap", cm, { data: { "config.conf": "mode: ipvs\n" } })).toEqual({
      ...cm,
      data: { "config.conf": "mode: ipvs\n", other: "x" },
    });
  });

  it("kubectl cordon sets unschedulable on a node", () => {
    const node = { kind: "Node", metadata: { name: "node-1" }, spec: { podCIDR: "10.0.0.0/24" } };
    expect(smp("Node", node, { spec: { unschedulable: true } })).toEqual({
      ...node,
      spec: { podCIDR: "10.0.0.0/24", unschedulable: true },
    });
  });
});

describe("strategic merge patch: semantics", () => {
  const cases: Array<{ name: string; kind: string; original: unknown; patch: unknown; want: unknown }> = [
    {
      name: "null deletes a label",
      kind: "Pod",
      original: { metadata: { labels: { a: "1", b: "2" } } },
      patch: { metadata: { labels: { a: null } } },
      want: { metadata: { labels: { b: "2" } } },
    },
    {
      name: "null for a missing key is ignored",
      kind: "Pod",
      original: { metadata: { name: "p" } },
      patch: { metadata: { labels: { a: null } } },
      want: { metadata: { name: "p", labels: {} } },
    },
    {
      name: "service ports merge by port",
      kind: "Service",
      original: service(),
      patch: { spec: { ports: [{ port: 443, targetPort: 8443 }, { name: "metrics", port: 9090 }] } },
      want: {
        ...service(),
        spec: {
          ...service().spec,
          ports: [
            { name: "http", port: 80, protocol: "TCP", targetPort: 80 },
            { name: "https", port: 443, protocol: "TCP", targetPort: 8443 },
            { name: "metrics", port: 9090 },
          ],
        },
      },
    },
    {
      name: "new list items follow the patched item they came after",
      kind: "Pod",
      original: { spec: { containers: [{ name: "a" }, { name: "b" }, { name: "c" }] } },
      patch: { spec: { containers: [{ name: "b", image: "x" }, { name: "d" }] } },
      want: { spec: { containers: [{ name: "a" }, { name: "b", image: "x" }, { name: "d" }, { name: "c" }] } },
    },
    {
      name: "$retainKeys on a volume drops the old volume source",
      kind: "Pod",
      original: { spec: { volumes: [{ name: "data", emptyDir: {} }, { name: "keep", secret: { secretName: "s" } }] } },
      patch: { spec: { volumes: [{ name: "data", $retainKeys: ["configMap", "name"], configMap: { name: "cm" } }] } },
      want: { spec: { volumes: [{ name: "data", configMap: { name: "cm" } }, { name: "keep", secret: { secretName: "s" } }] } },
    },
    {
      name: "$patch: replace on a map",
      kind: "Deployment",
      original: { spec: { selector: { matchLabels: { a: "1" }, matchExpressions: [] } } },
      patch: { spec: { selector: { $patch: "replace", matchLabels: { b: "2" } } } },
      want: { spec: { selector: { matchLabels: { b: "2" } } } },
    },
    {
      name: "$patch: delete on a map",
      kind: "Deployment",
      original: { spec: { replicas: 1, strategy: { type: "Recreate" } } },
      patch: { spec: { strategy: { $patch: "delete" } } },
      want: { spec: { replicas: 1, strategy: {} } },
    },
    {
      name: "$patch: replace as a list element replaces the list",
      kind: "Pod",
      original: { spec: { containers: [{ name: "a" }, { name: "b" }] } },
      patch: { spec: { containers: [{ name: "c", image: "x" }, { $patch: "replace" }] } },
      want: { spec: { containers: [{ name: "c", image: "x" }] } },
    },
    {
      name: "finalizers merge as a set",
      kind: "ConfigMap",
      original: { metadata: { finalizers: ["a", "b"] } },
      patch: { metadata: { finalizers: ["b", "c"] } },
      want: { metadata: { finalizers: ["a", "b", "c"] } },
    },
    {
      name: "$deleteFromPrimitiveList removes finalizers",
      kind: "ConfigMap",
      original: { metadata: { finalizers: ["a", "b", "c"] } },
      patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["b"] } },
      want: { metadata: { finalizers: ["a", "c"] } },
    },
    {
      name: "$setElementOrder on a primitive list",
      kind: "ConfigMap",
      original: { metadata: { finalizers: ["a", "b"] } },
      patch: { metadata: { "$setElementOrder/finalizers": ["c", "b", "a"], finalizers: ["c"] } },
      want: { metadata: { finalizers: ["c", "b", "a"] } },
    },
    {
      name: "tolerations are replaced (no patch strategy upstream)",
      kind: "Pod",
      original: { spec: { tolerations: [{ key: "a", operator: "Exists" }] } },
      patch: { spec: { tolerations: [{ key: "b", operator: "Exists" }] } },
      want: { spec: { tolerations: [{ key: "b", operator: "Exists" }] } },
    },
    {
      name: "node taints are replaced",
      kind: "Node",
      original: { spec: { taints: [{ key: "a", effect: "NoSchedule" }] } },
      patch: { spec: { taints: [{ key: "b", effect: "NoExecute" }] } },
      want: { spec: { taints: [{ key: "b", effect: "NoExecute" }] } },
    },
    {
      name: "node conditions merge by type",
      kind: "Node",
      original: { status: { conditions: [{ type: "Ready", status: "True" }, { type: "MemoryPressure", status: "False" }] } },
      patch: { status: { conditions: [{ type: "Ready", status: "False" }] } },
      want: { status: { conditions: [{ type: "Ready", status: "False" }, { type: "MemoryPressure", status: "False" }] } },
    },
    {
      // Upstream quirk: with no patched item to anchor on, new items land before server-only ones.
      name: "ownerReferences merge by uid, new items first",
      kind: "ReplicaSet",
      original: { metadata: { ownerReferences: [{ uid: "1", name: "a" }] } },
      patch: { metadata: { ownerReferences: [{ uid: "2", name: "b" }] } },
      want: { metadata: { ownerReferences: [{ uid: "2", name: "b" }, { uid: "1", name: "a" }] } },
    },
    {
      name: "a list missing from the original is taken from the patch without directives",
      kind: "Pod",
      original: { spec: {} },
      patch: { spec: { "$setElementOrder/containers": [{ name: "a" }], containers: [{ name: "a", env: [{ name: "X", $patch: "delete" }] }] } },
      want: { spec: { containers: [{ name: "a", env: [] }] } },
    },
    {
      name: "a value of another type replaces",
      kind: "ConfigMap",
      original: { data: { a: "1" } },
      patch: { data: ["x"] },
      want: { data: ["x"] },
    },
    {
      name: "top-level $patch: delete empties the object",
      kind: "ConfigMap",
      original: { data: { a: "1" } },
      patch: { $patch: "delete" },
      want: {},
    },
  ];
  it.each(cases)("$name", ({ kind, original, patch, want }) => {
    const before = structuredClone(original);
    expect(smp(kind, original, patch)).toEqual(want);
    expect(original).toEqual(before);
  });

  it.each([
    ["ReplicaSet", ["spec", "template"]],
    ["ReplicationController", ["spec", "template"]],
    ["StatefulSet", ["spec", "template"]],
    ["DaemonSet", ["spec", "template"]],
    ["Job", ["spec", "template"]],
    ["CronJob", ["spec", "jobTemplate", "spec", "template"]],
    ["PodTemplate", ["template"]],
  ])("%s merges pod template containers by name", (kind, path) => {
    const wrap = (v: unknown): unknown => path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), v);
    const original = wrap({ spec: { containers: [{ name: "a", image: "1", env: [{ name: "E", value: "x" }] }, { name: "b", image: "1" }] } });
    const patch = wrap({ spec: { containers: [{ name: "a", image: "2", env: [{ name: "F", value: "y" }] }] } });
    const want = wrap({
      spec: {
        containers: [
          { name: "a", image: "2", env: [{ name: "F", value: "y" }, { name: "E", value: "x" }] },
          { name: "b", image: "1" },
        ],
      },
    });
    expect(smp(kind, original, patch)).toEqual(want);
  });

  it.each([
    [{ spec: { containers: [{ image: "x" }] } }, 'does not contain declared merge key: name'],
    [{ spec: { containers: [{ name: "a", $patch: "frob" }] } }, "unknown patch type: frob"],
    [{ spec: { $patch: "frob" } }, "unknown patch type: frob"],
    [{ spec: { volumes: [{ name: "data", $retainKeys: ["name"], secret: {} }] } }, "invalid patch format of retainKeys"],
    [{ spec: { containers: [{ name: "a" }, { $patch: "merge" }] } }, "merging lists cannot yet be specified in the patch"],
  ])("rejects %j", (patch, message) => {
    const pod = { spec: { containers: [{ name: "a" }], volumes: [{ name: "data", emptyDir: {} }] } };
    expect(() => smp("Pod", pod, patch)).toThrow(PatchError);
    expect(() => smp("Pod", pod, patch)).toThrow(message);
  });

  it("rejects a patch that is not an object", () => {
    expect(() => smp("Pod", {}, [1])).toThrow(PatchError);
  });
});
