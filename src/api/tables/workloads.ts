// apps/v1 and ReplicationController printers.
import type { TableConvertor } from "../resource";
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, ReplicationController, StatefulSet } from "../kinds";
import { doc } from "./descriptions";
import { ageColumn, col, containersColumn, imagesColumn, nameColumn, wide } from "./columns";
import { formatLabelSelector, formatLabels, labelSelectorString, layoutContainerCells } from "./format";
import { since } from "./human-duration";

// Defaulting always fills spec.replicas with 1; tolerate objects that skipped it.
const DEFAULT_REPLICAS = 1;

export const deploymentTable: TableConvertor<Deployment> = {
  columns: [
    nameColumn,
    col("Ready", "string", "Number of the pod with ready state"),
    col("Up-to-date", "string", doc["DeploymentStatus.updatedReplicas"]),
    col("Available", "string", doc["DeploymentStatus.availableReplicas"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", doc["DeploymentSpec.selector"]),
  ],
  cells(obj, ctx) {
    const desired = obj.spec?.replicas ?? DEFAULT_REPLICAS;
    const st = obj.status ?? {};
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    const selector = labelSelectorString(obj.spec?.selector) ?? "<invalid>";
    return [
      obj.metadata.name ?? "",
      `${st.readyReplicas ?? 0}/${desired}`,
      st.updatedReplicas ?? 0,
      st.availableReplicas ?? 0,
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      selector,
    ];
  },
};

export const replicaSetTable: TableConvertor<ReplicaSet> = {
  columns: [
    nameColumn,
    col("Desired", "integer", doc["ReplicaSetSpec.replicas"]),
    col("Current", "integer", doc["ReplicaSetStatus.replicas"]),
    col("Ready", "integer", doc["ReplicaSetStatus.readyReplicas"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", doc["ReplicaSetSpec.selector"]),
  ],
  cells(obj, ctx) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      obj.spec?.replicas ?? DEFAULT_REPLICAS,
      obj.status?.replicas ?? 0,
      obj.status?.readyReplicas ?? 0,
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

export const replicationControllerTable: TableConvertor<ReplicationController> = {
  columns: [
    nameColumn,
    col("Desired", "integer", doc["ReplicationControllerSpec.replicas"]),
    col("Current", "integer", doc["ReplicationControllerStatus.replicas"]),
    col("Ready", "integer", doc["ReplicationControllerStatus.readyReplicas"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", doc["ReplicationControllerSpec.selector"]),
  ],
  cells(obj, ctx) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      obj.spec?.replicas ?? DEFAULT_REPLICAS,
      obj.status?.replicas ?? 0,
      obj.status?.readyReplicas ?? 0,
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabels(obj.spec?.selector),
    ];
  },
};

export const statefulSetTable: TableConvertor<StatefulSet> = {
  columns: [nameColumn, col("Ready", "string", "Number of the pod with ready state"), ageColumn, containersColumn, imagesColumn],
  cells(obj, ctx) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      `${obj.status?.readyReplicas ?? 0}/${obj.spec?.replicas ?? DEFAULT_REPLICAS}`,
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
    ];
  },
};

export const daemonSetTable: TableConvertor<DaemonSet> = {
  columns: [
    nameColumn,
    col("Desired", "integer", doc["DaemonSetStatus.desiredNumberScheduled"]),
    col("Current", "integer", doc["DaemonSetStatus.currentNumberScheduled"]),
    col("Ready", "integer", doc["DaemonSetStatus.numberReady"]),
    col("Up-to-date", "integer", doc["DaemonSetStatus.updatedNumberScheduled"]),
    col("Available", "integer", doc["DaemonSetStatus.numberAvailable"]),
    col("Node Selector", "string", doc["PodSpec.nodeSelector"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", doc["DaemonSetSpec.selector"]),
  ],
  cells(obj, ctx) {
    const st = obj.status;
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(obj.spec?.template?.spec?.nodeSelector),
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

/** `statefulset.apps/web`: GroupKind.String() lower-cased, the group taken from the owner's apiVersion. */
function controllerName(obj: ControllerRevision): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return "<none>";
  const slash = ref.apiVersion.indexOf("/");
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : "";
  if (!ref.kind && !group) return ref.name;
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${groupKind.toLowerCase()}/${ref.name}`;
}

export const controllerRevisionTable: TableConvertor<ControllerRevision> = {
  columns: [
    nameColumn,
    col("Controller", "string", "Controller of the object"),
    col("Revision", "string", doc["ControllerRevision.revision"]),
    ageColumn,
  ],
  cells(obj, ctx) {
    return [obj.metadata.name ?? "", controllerName(obj), obj.revision ?? 0, since(obj.metadata.creationTimestamp, ctx.now)];
  },
};
