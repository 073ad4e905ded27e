import type { KubeObject, OwnerReference } from "../../api/kinds";
import type { ResourceKey } from "../types";

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const ref = controllerRef(obj);
  return !!ref && ref.uid === owner.metadata.uid;
}

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

const KNOWN: Record<string, ResourceKey> = {
  Pod: "/pods",
  ReplicationController: "/replicationcontrollers",
  Service: "/services",
  Endpoints: "/endpoints",
  Node: "/nodes",
  Namespace: "/namespaces",
  PersistentVolume: "/persistentvolumes",
  PersistentVolumeClaim: "/persistentvolumeclaims",
  ConfigMap: "/configmaps",
  Secret: "/secrets",
  ServiceAccount: "/serviceaccounts",
  Event: "/events",
  Deployment: "apps/deployments",
  ReplicaSet: "apps/replicasets",
  StatefulSet: "apps/statefulsets",
  DaemonSet: "apps/daemonsets",
  ControllerRevision: "apps/controllerrevisions",
  Job: "batch/jobs",
  CronJob: "batch/cronjobs",
  EndpointSlice: "discovery.k8s.io/endpointslices",
  StorageClass: "storage.k8s.io/storageclasses",
  Lease: "coordination.k8s.io/leases",
};

/** The resource key an ownerReference (apiVersion + kind) points at. */
export function resourceKeyFor(apiVersion: string, kind: string): ResourceKey {
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const known = KNOWN[kind];
  if (known && known.startsWith(`${group}/`)) return known;
  const lower = kind.toLowerCase();
  const plural = /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return `${group}/${plural}`;
}

export function ownsByUid(obj: KubeObject, uid: string | undefined): boolean {
  return !!uid && (obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

/** the API serialises empty ownerReferences / finalizers by omitting them (omitempty), so do we */
export function setList<K extends "ownerReferences" | "finalizers">(obj: KubeObject, key: K, list: NonNullable<KubeObject["metadata"][K]>): void {
  if (list.length > 0) obj.metadata[key] = list;
  else delete obj.metadata[key];
}
