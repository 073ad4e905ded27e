// Namespace, ResourceQuota, RBAC bindings, PodDisruptionBudget and PriorityClass printers.
import type { TableConvertor } from "../resource";
import type { Namespace, ObjectMeta } from "../kinds";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { IRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import type { IClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import type { ISubject } from "kubernetes-models/rbac.authorization.k8s.io/v1/Subject";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IPriorityClass } from "kubernetes-models/scheduling.k8s.io/v1/PriorityClass";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn, wide } from "./columns";
import { since } from "./human-duration";
import { canonicalQuantity } from "./quantity";

type Stored<T extends { metadata?: ObjectMeta }> = Omit<T, "metadata"> & { metadata: ObjectMeta };
export type ResourceQuota = Stored<IResourceQuota>;
export type RoleBinding = Stored<IRoleBinding>;
export type ClusterRoleBinding = Stored<IClusterRoleBinding>;
export type PodDisruptionBudget = Stored<IPodDisruptionBudget>;
export type PriorityClass = Stored<IPriorityClass>;

export const namespaceTable: TableConvertor<Namespace> = {
  columns: [nameColumn, col("Status", "string", "The status of the namespace"), ageColumn],
  cells(ns, ctx) {
    return [ns.metadata.name ?? "", ns.status?.phase ?? "", since(ns.metadata.creationTimestamp, ctx.now)];
  },
};

/** `requests.cpu: 500m/1, pods: 2/10` split into the request and limits.* columns. */
export function quotaColumns(rq: ResourceQuota): [string, string] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const resource of Object.keys(hard).sort()) {
    const pieces = resource.split(".");
    const target = pieces.length > 1 && pieces[0] === "limits" ? limit : request;
    target.push(`${resource}: ${canonicalQuantity(used[resource])}/${canonicalQuantity(hard[resource])}`);
  }
  return [request.join(", "), limit.join(", ")];
}

export const resourceQuotaTable: TableConvertor<ResourceQuota> = {
  columns: [
    nameColumn,
    col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
    col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    ageColumn,
  ],
  cells(rq, ctx) {
    const [request, limit] = quotaColumns(rq);
    return [rq.metadata.name ?? "", request, limit, since(rq.metadata.creationTimestamp, ctx.now)];
  },
};

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjectCells(subjects: ISubject[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === "ServiceAccount") sas.push(`${s.namespace ?? ""}/${s.name}`);
    else if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
  }
  return [users.join(", "), groups.join(", "), sas.join(", ")];
}

function bindingTable<T extends RoleBinding | ClusterRoleBinding>(what: string): TableConvertor<T> {
  return {
    columns: [
      nameColumn,
      col("Role", "string", doc[what === "roleBinding" ? "RoleBinding.roleRef" : "ClusterRoleBinding.roleRef"]),
      ageColumn,
      wide("Users", "string", `Users in the ${what}`),
      wide("Groups", "string", `Groups in the ${what}`),
      wide("ServiceAccounts", "string", `ServiceAccounts in the ${what}`),
    ],
    cells(b, ctx) {
      return [
        b.metadata.name ?? "",
        `${b.roleRef.kind}/${b.roleRef.name}`,
        since(b.metadata.creationTimestamp, ctx.now),
        ...subjectCells(b.subjects),
      ];
    },
  };
}

export const roleBindingTable: TableConvertor<RoleBinding> = bindingTable<RoleBinding>("roleBinding");
export const clusterRoleBindingTable: TableConvertor<ClusterRoleBinding> = bindingTable<ClusterRoleBinding>("clusterRoleBinding");

export const podDisruptionBudgetTable: TableConvertor<PodDisruptionBudget> = {
  columns: [
    nameColumn,
    col("Min Available", "string", "The minimum number of pods that must be available."),
    col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
    col("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
    ageColumn,
  ],
  cells(pdb, ctx) {
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return [
      pdb.metadata.name ?? "",
      min === undefined || min === null ? "N/A" : String(min),
      max === undefined || max === null ? "N/A" : String(max),
      pdb.status?.disruptionsAllowed ?? 0,
      since(pdb.metadata.creationTimestamp, ctx.now),
    ];
  },
};

export const priorityClassTable: TableConvertor<PriorityClass> = {
  columns: [
    nameColumn,
    col("Value", "integer", doc["PriorityClass.value"]),
    col("Global-Default", "boolean", doc["PriorityClass.globalDefault"]),
    ageColumn,
    col("PreemptionPolicy", "string", doc["PriorityClass.preemptionPolicy"]),
  ],
  cells(pc, ctx) {
    return [
      pc.metadata.name ?? "",
      pc.value ?? 0,
      pc.globalDefault ?? false,
      since(pc.metadata.creationTimestamp, ctx.now),
      pc.preemptionPolicy ?? "",
    ];
  },
};
