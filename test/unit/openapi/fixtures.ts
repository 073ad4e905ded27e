// Small zod schemas using the same meta conventions as src/api/schemas, in a private registry
// so the tests do not depend on (or pollute) the global one.
import { z } from "zod";
import type { ResourceDef } from "../../../src/api/resource";

export const registry = z.registry<Record<string, unknown>>();

function named<T extends z.ZodType>(schema: T, meta: Record<string, unknown>): T {
  registry.add(schema, meta);
  return schema;
}

export const IntOrString = named(z.union([z.number().int(), z.string()]), {
  id: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  description: "IntOrString holds an int32 or a string.",
});
export const Quantity = named(z.union([z.string(), z.number()]), {
  id: "io.k8s.apimachinery.pkg.api.resource.Quantity",
  description: "Quantity is a fixed-point number.",
});
export const Time = named(z.string(), { id: "io.k8s.apimachinery.pkg.apis.meta.v1.Time", description: "Time wraps time.Time." });

export const ObjectMeta = named(
  z.looseObject({
    name: named(z.string().optional(), { description: "Name must be unique within a namespace." }),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    creationTimestamp: named(Time.optional(), { description: "CreationTimestamp is a timestamp." }),
  }),
  { id: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", description: "ObjectMeta is metadata." },
);

export const ContainerPort = named(
  z.object({ containerPort: z.number().int(), name: z.string().optional(), protocol: z.enum(["TCP", "UDP", "SCTP"]).optional() }),
  { id: "io.k8s.api.core.v1.ContainerPort", description: "ContainerPort represents a network port." },
);

export const Container = named(
  z.object({
    name: named(z.string(), { description: "Name of the container." }),
    image: z.string().optional(),
    args: z.array(z.string()).optional(),
    ports: named(z.array(ContainerPort).optional(), {
      description: "List of ports to expose from the container.",
      "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
      "x-kubernetes-list-type": "map",
      "x-kubernetes-patch-merge-key": "containerPort",
      "x-kubernetes-patch-strategy": "merge",
    }),
    resources: z
      .object({ limits: z.record(z.string(), Quantity).optional(), requests: z.record(z.string(), Quantity).optional() })
      .optional(),
  }),
  { id: "io.k8s.api.core.v1.Container", description: "A single application container." },
);

export const Probe = named(z.object({ port: IntOrString.optional().describe("Port to probe.") }), {
  id: "io.k8s.api.core.v1.Probe",
  description: "Probe describes a health check.",
});

export const PodSpec = named(
  z.object({
    containers: named(z.array(Container), {
      description: "List of containers belonging to the pod.",
      "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-patch-strategy": "merge",
    }),
    restartPolicy: z.enum(["Always", "OnFailure", "Never"]).optional(),
    probe: Probe.meta({ description: "A probe, documented at the field." }).optional(),
    terminationGracePeriodSeconds: named(z.number().int().optional(), { format: "int64" }),
  }),
  { id: "io.k8s.api.core.v1.PodSpec", description: "PodSpec is a description of a pod." },
);

export const Pod = named(
  z.object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: named(ObjectMeta.optional(), { description: "Standard object's metadata." }),
    spec: named(PodSpec.optional(), { description: "Specification of the desired behavior of the pod." }),
  }),
  { id: "io.k8s.api.core.v1.Pod", description: "Pod is a collection of containers.", gvk: [{ group: "", version: "v1", kind: "Pod" }] },
);

export const DeploymentSpec = named(
  z.object({
    replicas: z.number().int().optional(),
    template: z.object({ metadata: ObjectMeta.optional(), spec: PodSpec.optional() }).optional(),
  }),
  { id: "io.k8s.api.apps.v1.DeploymentSpec", description: "DeploymentSpec is the specification of the desired behavior of the Deployment." },
);

export const Deployment = named(
  z.object({ apiVersion: z.string().optional(), kind: z.string().optional(), metadata: ObjectMeta.optional(), spec: DeploymentSpec.optional() }),
  {
    id: "io.k8s.api.apps.v1.Deployment",
    description: "Deployment enables declarative updates for Pods and ReplicaSets.",
    gvk: [{ group: "apps", version: "v1", kind: "Deployment" }],
  },
);

/** A schema without any id, to check derived component ids. */
export const ConfigMapSchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMeta.optional(),
  data: z.record(z.string(), z.string()).optional(),
});

const CRUD = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const podDef: ResourceDef = {
  group: "",
  versions: [{ version: "v1", served: true, storage: true }],
  kind: "Pod",
  listKind: "PodList",
  plural: "pods",
  singular: "pod",
  namespaced: true,
  shortNames: ["po"],
  categories: ["all"],
  verbs: CRUD,
  subresources: [
    { name: "status", kind: { group: "", version: "v1", kind: "Pod" }, verbs: ["get", "patch", "update"] },
    { name: "log", kind: { group: "", version: "v1", kind: "Pod" }, verbs: ["get"] },
    { name: "exec", kind: { group: "", version: "v1", kind: "PodExecOptions" }, verbs: ["create", "get"] },
    { name: "eviction", kind: { group: "policy", version: "v1", kind: "Eviction" }, verbs: ["create"] },
  ],
  schema: Pod,
};

export const deploymentDef: ResourceDef = {
  group: "apps",
  versions: [{ version: "v1", served: true, storage: true }],
  kind: "Deployment",
  listKind: "DeploymentList",
  plural: "deployments",
  singular: "deployment",
  namespaced: true,
  shortNames: ["deploy"],
  categories: ["all"],
  verbs: CRUD,
  subresources: [
    { name: "scale", kind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
    { name: "status", kind: { group: "apps", version: "v1", kind: "Deployment" }, verbs: ["get", "patch", "update"] },
  ],
  schema: Deployment,
};

export const configMapDef: ResourceDef = {
  group: "",
  versions: [{ version: "v1", served: true, storage: true }],
  kind: "ConfigMap",
  listKind: "ConfigMapList",
  plural: "configmaps",
  singular: "configmap",
  namespaced: true,
  shortNames: ["cm"],
  categories: [],
  verbs: CRUD,
  subresources: [],
  schema: ConfigMapSchema,
};

export const namespaceDef: ResourceDef = {
  group: "",
  versions: [{ version: "v1", served: true, storage: true }],
  kind: "Namespace",
  listKind: "NamespaceList",
  plural: "namespaces",
  singular: "namespace",
  namespaced: false,
  shortNames: ["ns"],
  categories: [],
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  subresources: [{ name: "status", kind: { group: "", version: "v1", kind: "Namespace" }, verbs: ["get", "patch", "update"] }],
  schema: z.object({ apiVersion: z.string().optional(), kind: z.string().optional(), metadata: ObjectMeta.optional() }),
};

export const allResources: ResourceDef[] = [podDef, configMapDef, namespaceDef, deploymentDef];
