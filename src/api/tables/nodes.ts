// Node and Lease printers.
import type { TableConvertor } from "../resource";
import type { Lease, Node } from "../kinds";
import { doc } from "./descriptions";
import { ageColumn, col, nameColumn, wide } from "./columns";
import { sortedUnique } from "./format";
import { since } from "./human-duration";

const NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const LEGACY_ROLE_LABEL = "kubernetes.io/role";

/** `Ready`, `NotReady`, `Unknown`, plus `SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  // the printer only reports the Ready condition (the last one of that type wins)
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === "Ready").pop();
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

export function nodeRoles(node: Node): string {
  const roles: string[] = [];
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.push(role);
    } else if (k === LEGACY_ROLE_LABEL && v !== "") {
      roles.push(v);
    }
  }
  const list = sortedUnique(roles);
  return list.length > 0 ? list.join(",") : "<none>";
}

function nodeAddress(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? "<none>";
}

export const nodeTable: TableConvertor<Node> = {
  columns: [
    nameColumn,
    col("Status", "string", "The status of the node"),
    col("Roles", "string", "The roles of the node"),
    ageColumn,
    col("Version", "string", doc["NodeSystemInfo.kubeletVersion"]),
    wide("Internal-IP", "string", doc["NodeStatus.addresses"]),
    wide("External-IP", "string", doc["NodeStatus.addresses"]),
    wide("OS-Image", "string", doc["NodeSystemInfo.osImage"]),
    wide("Kernel-Version", "string", doc["NodeSystemInfo.kernelVersion"]),
    wide("Container-Runtime", "string", doc["NodeSystemInfo.containerRuntimeVersion"]),
  ],
  cells(node, ctx) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata.name ?? "",
      nodeStatus(node),
      nodeRoles(node),
      since(node.metadata.creationTimestamp, ctx.now),
      info?.kubeletVersion ?? "",
      nodeAddress(node, "InternalIP"),
      nodeAddress(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
};

export const leaseTable: TableConvertor<Lease> = {
  columns: [nameColumn, col("Holder", "string", doc["LeaseSpec.holderIdentity"]), ageColumn],
  cells(obj, ctx) {
    return [obj.metadata.name ?? "", obj.spec?.holderIdentity ?? "", since(obj.metadata.creationTimestamp, ctx.now)];
  },
};
