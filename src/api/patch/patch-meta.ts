// Per-kind patch metadata: the `patchStrategy`/`patchMergeKey` struct tags (and, for server-side
// apply, the `listType`/`listMapKey`/`structType=atomic` markers) of the upstream Go types in
// k8s.io/api core/v1, apps/v1, batch/v1 and apimachinery meta/v1. Fields not described here are
// plain maps and atomic lists, which is what the Go types default to as well.

export type PatchStrategy = "merge" | "replace" | "retainKeys" | "merge,retainKeys";

export interface PatchMeta {
  /** on a list field: the item field that identifies an element (strategic merge patch) */
  mergeKey?: string;
  strategy?: PatchStrategy;
  /** on a list field: the key fields server-side apply uses (`listMapKey`); defaults to [mergeKey] */
  listMapKeys?: string[];
  /** key values the API server defaults when absent, e.g. protocol TCP, so SSA keys match */
  listMapKeyDefaults?: Record<string, unknown>;
  /** server-side apply treats the value as one leaf (`structType=atomic`, `mapType=atomic`) */
  atomic?: boolean;
  /** on a list field: metadata of each element */
  items?: PatchMeta;
  /** on an object: metadata per field */
  fields?: Record<string, PatchMeta>;
}

const mergeBy = (mergeKey: string, items: PatchMeta = {}, extra: Partial<PatchMeta> = {}): PatchMeta => ({
  strategy: "merge",
  mergeKey,
  items,
  ...extra,
});
const mergeSet: PatchMeta = { strategy: "merge" };
const atomic: PatchMeta = { atomic: true };
const obj = (fields: Record<string, PatchMeta>): PatchMeta => ({ fields });
const conditions = mergeBy("type");

const objectMeta = obj({
  finalizers: mergeSet,
  ownerReferences: mergeBy("uid"),
});

/** The SMD schema marks metav1.LabelSelector `structType=atomic`. */
const labelSelector = atomic;

const containerFields: Record<string, PatchMeta> = {
  ports: mergeBy("containerPort", {}, {
    listMapKeys: ["containerPort", "protocol"],
    listMapKeyDefaults: { protocol: "TCP" },
  }),
  env: mergeBy("name"),
  volumeMounts: mergeBy("mountPath"),
  volumeDevices: mergeBy("devicePath"),
  resources: obj({ claims: { listMapKeys: ["name"], items: {} } }),
};
const container = obj(containerFields);

const podSpec = obj({
  volumes: mergeBy("name", {}, { strategy: "merge,retainKeys" }),
  initContainers: mergeBy("name", container),
  containers: mergeBy("name", container),
  ephemeralContainers: mergeBy("name", container),
  imagePullSecrets: mergeBy("name"),
  hostAliases: mergeBy("ip"),
  topologySpreadConstraints: mergeBy("topologyKey", {}, { listMapKeys: ["topologyKey", "whenUnsatisfiable"] }),
  resourceClaims: mergeBy("name", {}, { strategy: "merge,retainKeys" }),
  schedulingGates: mergeBy("name"),
  readinessGates: atomic,
  tolerations: atomic,
});

const podStatus = obj({
  conditions,
  podIPs: mergeBy("ip"),
  hostIPs: mergeBy("ip"),
  resourceClaimStatuses: mergeBy("name", {}, { strategy: "merge,retainKeys" }),
});

const podTemplateSpec = obj({ metadata: objectMeta, spec: podSpec });

const pvcMeta = obj({ metadata: objectMeta, status: obj({ conditions }) });

const workloadStatus = obj({ conditions });

const kinds: Record<string, PatchMeta> = {
  Pod: obj({ metadata: objectMeta, spec: podSpec, status: podStatus }),
  PodTemplate: obj({ metadata: objectMeta, template: podTemplateSpec }),
  ReplicationController: obj({
    metadata: objectMeta,
    spec: obj({ template: podTemplateSpec, selector: atomic }),
    status: workloadStatus,
  }),
  Deployment: obj({
    metadata: objectMeta,
    spec: obj({ template: podTemplateSpec, selector: labelSelector, strategy: { strategy: "retainKeys" } }),
    status: workloadStatus,
  }),
  ReplicaSet: obj({
    metadata: objectMeta,
    spec: obj({ template: podTemplateSpec, selector: labelSelector }),
    status: workloadStatus,
  }),
  StatefulSet: obj({
    metadata: objectMeta,
    spec: obj({ template: podTemplateSpec, selector: labelSelector, volumeClaimTemplates: atomic }),
    status: workloadStatus,
  }),
  DaemonSet: obj({
    metadata: objectMeta,
    spec: obj({ template: podTemplateSpec, selector: labelSelector }),
    status: workloadStatus,
  }),
  Job: obj({
    metadata: objectMeta,
    spec: obj({ template: podTemplateSpec, selector: labelSelector }),
    status: workloadStatus,
  }),
  CronJob: obj({
    metadata: objectMeta,
    spec: obj({
      jobTemplate: obj({
        metadata: objectMeta,
        spec: obj({ template: podTemplateSpec, selector: labelSelector }),
      }),
    }),
  }),
  Service: obj({
    metadata: objectMeta,
    spec: obj({
      ports: mergeBy("port", {}, { listMapKeys: ["port", "protocol"], listMapKeyDefaults: { protocol: "TCP" } }),
      selector: atomic,
    }),
    status: obj({ conditions }),
  }),
  Node: obj({
    metadata: objectMeta,
    spec: obj({ podCIDRs: mergeSet, taints: atomic }),
    status: obj({ conditions, addresses: mergeBy("type") }),
  }),
  Namespace: obj({ metadata: objectMeta, status: obj({ conditions }) }),
  PersistentVolumeClaim: pvcMeta,
  ServiceAccount: obj({ metadata: objectMeta, secrets: mergeBy("name") }),
};

const generic = obj({ metadata: objectMeta });

/**
 * Patch metadata for a served kind. Kinds without lists that merge by key (ConfigMap, Secret,
 * Endpoints, EndpointSlice, Event, Lease, PersistentVolume, StorageClass, ControllerRevision, ...)
 * share the generic shape: only metadata has merge semantics, every other list is atomic.
 */
export function patchMetaFor(kind: string): PatchMeta {
  return kinds[kind] ?? generic;
}

/** Metadata of a field of an object, or of the items of a list. */
export function fieldMeta(meta: PatchMeta | undefined, field: string): PatchMeta | undefined {
  return meta?.fields?.[field];
}

export function itemMeta(meta: PatchMeta | undefined): PatchMeta | undefined {
  return meta?.items;
}

export function hasStrategy(meta: PatchMeta | undefined, strategy: "merge" | "retainKeys" | "replace"): boolean {
  return meta?.strategy?.split(",").includes(strategy) ?? false;
}
