// Wire-shaped interfaces named by Kind. Types only: kubernetes-models is a dev
// dependency whose declarations mirror the upstream OpenAPI; nothing of it is bundled.
import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import type { IOwnerReference } from "@kubernetes-models/apimachinery/apis/meta/v1/OwnerReference";
import type { ILabelSelector } from "@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector";
import type { IPod } from "kubernetes-models/v1/Pod";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IPodStatus } from "kubernetes-models/v1/PodStatus";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IContainerStatus } from "kubernetes-models/v1/ContainerStatus";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { INode } from "kubernetes-models/v1/Node";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServicePort } from "kubernetes-models/v1/ServicePort";
import type { IEndpoints } from "kubernetes-models/v1/Endpoints";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IEvent } from "kubernetes-models/v1/Event";
import type { IPersistentVolume } from "kubernetes-models/v1/PersistentVolume";
import type { IPersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import type { IReplicationController } from "kubernetes-models/v1/ReplicationController";
import type { ITaint } from "kubernetes-models/v1/Taint";
import type { IToleration } from "kubernetes-models/v1/Toleration";
import type { IVolume } from "kubernetes-models/v1/Volume";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IReplicaSet } from "kubernetes-models/apps/v1/ReplicaSet";
import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IControllerRevision } from "kubernetes-models/apps/v1/ControllerRevision";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { ICronJob } from "kubernetes-models/batch/v1/CronJob";
import type { IEndpointSlice } from "kubernetes-models/discovery.k8s.io/v1/EndpointSlice";
import type { ILease } from "kubernetes-models/coordination.k8s.io/v1/Lease";
import type { IStorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";

export type ObjectMeta = IObjectMeta;
export type OwnerReference = IOwnerReference;
export type LabelSelector = ILabelSelector;

/** Any stored object: metadata is always present once it has passed the store. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

type Stored<T extends { metadata?: ObjectMeta }> = Omit<T, "metadata"> & { metadata: ObjectMeta };

export type Pod = Stored<IPod>;
export type PodSpec = IPodSpec;
export type PodStatus = IPodStatus;
export type Container = IContainer;
export type ContainerStatus = IContainerStatus;
export type Probe = IProbe;
export type PodTemplateSpec = IPodTemplateSpec;
export type Node = Stored<INode>;
export type Namespace = Stored<INamespace>;
export type Service = Stored<IService>;
export type ServicePort = IServicePort;
export type Endpoints = Stored<IEndpoints>;
export type ConfigMap = Stored<IConfigMap>;
export type Secret = Stored<ISecret>;
export type Event = Stored<IEvent>;
export type PersistentVolume = Stored<IPersistentVolume>;
export type PersistentVolumeClaim = Stored<IPersistentVolumeClaim>;
export type ReplicationController = Stored<IReplicationController>;
export type Taint = ITaint;
export type Toleration = IToleration;
export type Volume = IVolume;
export type Deployment = Stored<IDeployment>;
export type ReplicaSet = Stored<IReplicaSet>;
export type StatefulSet = Stored<IStatefulSet>;
export type DaemonSet = Stored<IDaemonSet>;
export type ControllerRevision = Stored<IControllerRevision>;
export type Job = Stored<IJob>;
export type CronJob = Stored<ICronJob>;
export type EndpointSlice = Stored<IEndpointSlice>;
export type Lease = Stored<ILease>;
export type StorageClass = Stored<IStorageClass>;
