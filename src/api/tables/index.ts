// Server-side printing: picks the printer of a kind and builds meta.k8s.io/v1 Table
// responses the way the apiserver does for `Accept: application/json;as=Table`.
import type { TableColumn, TableContext, TableConvertor } from "../resource";
import type { KubeObject } from "../kinds";
import { podTable, podTemplateTable, type TableRowCondition } from "./pods";
import {
  controllerRevisionTable,
  daemonSetTable,
  deploymentTable,
  replicaSetTable,
  replicationControllerTable,
  statefulSetTable,
} from "./workloads";
import { cronJobTable, jobTable } from "./batch";
import { endpointSliceTable, endpointsTable, ingressClassTable, ingressTable, networkPolicyTable, serviceTable } from "./services";
import { leaseTable, nodeTable } from "./nodes";
import { persistentVolumeClaimTable, persistentVolumeTable, storageClassTable } from "./storage";
import { eventTable, eventsV1EventTable } from "./events";
import { configMapTable, secretTable, serviceAccountTable } from "./config";
import { horizontalPodAutoscalerTable } from "./autoscaling";
import {
  clusterRoleBindingTable,
  namespaceTable,
  podDisruptionBudgetTable,
  priorityClassTable,
  resourceQuotaTable,
  roleBindingTable,
} from "./misc";
import { defaultTableConvertor } from "./default-table";

export { defaultTableConvertor } from "./default-table";
export { humanDuration, shortHumanDuration } from "./human-duration";
export type { TableRowCondition } from "./pods";

const printers = new Map<string, TableConvertor>([
  ["/Pod", podTable],
  ["/PodTemplate", podTemplateTable],
  ["/ReplicationController", replicationControllerTable],
  ["/Service", serviceTable],
  ["/Endpoints", endpointsTable],
  ["/Namespace", namespaceTable],
  ["/Node", nodeTable],
  ["/ConfigMap", configMapTable],
  ["/Secret", secretTable],
  ["/ServiceAccount", serviceAccountTable],
  ["/Event", eventTable],
  ["/PersistentVolume", persistentVolumeTable],
  ["/PersistentVolumeClaim", persistentVolumeClaimTable],
  ["/ResourceQuota", resourceQuotaTable],
  ["apps/Deployment", deploymentTable],
  ["apps/ReplicaSet", replicaSetTable],
  ["apps/StatefulSet", statefulSetTable],
  ["apps/DaemonSet", daemonSetTable],
  ["apps/ControllerRevision", controllerRevisionTable],
  ["batch/Job", jobTable],
  ["batch/CronJob", cronJobTable],
  ["autoscaling/HorizontalPodAutoscaler", horizontalPodAutoscalerTable],
  ["discovery.k8s.io/EndpointSlice", endpointSliceTable],
  ["events.k8s.io/Event", eventsV1EventTable],
  ["coordination.k8s.io/Lease", leaseTable],
  ["storage.k8s.io/StorageClass", storageClassTable],
  ["networking.k8s.io/Ingress", ingressTable],
  ["networking.k8s.io/IngressClass", ingressClassTable],
  ["networking.k8s.io/NetworkPolicy", networkPolicyTable],
  ["rbac.authorization.k8s.io/RoleBinding", roleBindingTable],
  ["rbac.authorization.k8s.io/ClusterRoleBinding", clusterRoleBindingTable],
  ["policy/PodDisruptionBudget", podDisruptionBudgetTable],
  ["scheduling.k8s.io/PriorityClass", priorityClassTable],
]);

/** The printer of a kind (group "" for core), undefined when upstream has none (Role, LimitRange, ...). */
export function tableFor(group: string, kind: string): TableConvertor | undefined {
  return printers.get(`${group}/${kind}`);
}

/** The printer of a kind, or the Name + Created At fallback. */
export function tableForOrDefault(group: string, kind: string): TableConvertor {
  return tableFor(group, kind) ?? defaultTableConvertor;
}

export type IncludeObject = "None" | "Metadata" | "Object";

export interface TableColumnDefinition {
  name: string;
  type: TableColumn["type"];
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: Array<string | number | boolean | null>;
  conditions?: TableRowCondition[];
  object: KubeObject | { kind: "PartialObjectMetadata"; apiVersion: "meta.k8s.io/v1"; metadata: KubeObject["metadata"] } | null;
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

export interface TableOptions {
  /** omit columnDefinitions, as the apiserver does for every watch event after the first */
  noHeaders?: boolean;
  /** list resourceVersion; a single-object Table carries none */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A printer may also flag rows (pods: Completed) through an optional `conditions` hook. */
function rowConditions(convertor: TableConvertor, obj: KubeObject): TableRowCondition[] {
  const hook: unknown = (convertor as { conditions?: unknown }).conditions;
  if (typeof hook !== "function") return [];
  const result: unknown = hook.call(convertor, obj);
  return Array.isArray(result) ? (result as TableRowCondition[]) : [];
}

function rowObject(obj: KubeObject, includeObject: IncludeObject): TableRow["object"] {
  switch (includeObject) {
    case "None":
      return null;
    case "Object":
      return obj;
    default:
      return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
  }
}

export function columnDefinitions(convertor: TableConvertor): TableColumnDefinition[] {
  return convertor.columns.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? "",
    description: c.description,
    priority: c.priority,
  }));
}

/** The meta.k8s.io/v1 Table for some objects: every column is sent, wide ones too (kubectl filters by priority). */
export function toTable(
  rows: KubeObject[],
  convertor: TableConvertor,
  ctx: TableContext,
  includeObject: IncludeObject = "Metadata",
  options: TableOptions = {},
): Table {
  const metadata: Table["metadata"] = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continue) metadata.continue = options.continue;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  const tableRows = rows.map((obj): TableRow => {
    const row: TableRow = { cells: convertor.cells(obj, ctx), object: rowObject(obj, includeObject) };
    const conditions = rowConditions(convertor, obj);
    if (conditions.length > 0) row.conditions = conditions;
    return row;
  });
  if (options.noHeaders) return { kind: "Table", apiVersion: "meta.k8s.io/v1", metadata, rows: tableRows };
  return { kind: "Table", apiVersion: "meta.k8s.io/v1", metadata, columnDefinitions: columnDefinitions(convertor), rows: tableRows };
}
