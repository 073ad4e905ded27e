// The strategy hooks each resource definition spreads in: defaults, create/update preparation,
// validation and which fields bump metadata.generation.
import type { KubeObject } from "../kinds";
import type { FieldCause, ResourceDef } from "../resource";
import { admitPodCreate, resetPodStatus } from "../defaults/pod-admission";
import { defaultPodObject } from "../defaults/pod-defaults";
import {
  defaultCronJob, defaultDaemonSet, defaultDeployment, defaultJob, defaultPodTemplateObject, defaultReplicaSet,
  defaultReplicationController, defaultStatefulSet,
} from "../defaults/workload-defaults";
import { defaultService, keepAllocatedServiceFields } from "../defaults/service-defaults";
import { defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from "../defaults/storage-defaults";
import {
  defaultEndpoints, defaultEndpointSlice, defaultHorizontalPodAutoscaler, defaultNamespace, defaultNetworkPolicy,
  defaultSecret, prepareNamespaceCreate, prepareNamespaceUpdate,
} from "../defaults/misc-defaults";
import { validatePod, validatePodTemplateObject } from "./pod-validation";
import { validatePodUpdate } from "./pod-update";
import {
  validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetUpdate, validateDeployment,
  validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateReplicationController, validateStatefulSet,
  validateStatefulSetUpdate,
} from "./workload-validation";
import { validateCronJob, validateJob, validateJobUpdate } from "./batch-validation";
import { validateService, validateServiceUpdate } from "./service-validation";
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from "./config-validation";
import {
  validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validateStorageClass,
  validateStorageClassUpdate,
} from "./storage-validation";
import {
  validateBindingUpdate, validateClusterRole, validateClusterRoleBinding, validateClusterScoped, validateEndpointSlice,
  validateEndpoints, validateEvent, validateHorizontalPodAutoscaler, validateIngress, validateIngressClass, validateLease,
  validateLimitRange, validateNamespace, validateNamespaced, validateNetworkPolicy, validateNode, validateResourceQuota,
  validateRole, validateRoleBinding,
} from "./misc-validation";
import type { Json } from "./json";

export type StrategyHooks = Pick<ResourceDef, "defaults" | "prepareForCreate" | "prepareForUpdate" | "validate" | "validateUpdate" | "generationFields">;

type Mutator = (obj: Json) => void;
type Validator = (obj: Json) => FieldCause[];
type UpdateValidator = (obj: Json, old: Json) => FieldCause[];

const defaulting = (fn: Mutator) => (obj: KubeObject): KubeObject => {
  fn(obj);
  return obj;
};

interface Spec {
  defaults?: Mutator;
  prepareForCreate?: Mutator;
  prepareForUpdate?: (obj: Json, old: Json) => void;
  validate: Validator;
  validateUpdate?: UpdateValidator;
  tracksGeneration?: boolean;
}

function hooks(s: Spec): StrategyHooks {
  const out: StrategyHooks = { validate: (obj: KubeObject) => s.validate(obj) };
  if (s.defaults) out.defaults = defaulting(s.defaults);
  if (s.prepareForCreate) {
    const fn = s.prepareForCreate;
    out.prepareForCreate = (obj: KubeObject) => fn(obj);
  }
  if (s.prepareForUpdate) {
    const fn = s.prepareForUpdate;
    out.prepareForUpdate = (obj: KubeObject, old: KubeObject) => fn(obj, old);
  }
  if (s.validateUpdate) {
    const fn = s.validateUpdate;
    out.validateUpdate = (obj: KubeObject, old: KubeObject) => fn(obj, old);
  }
  if (s.tracksGeneration) out.generationFields = ["spec"];
  return out;
}

export const podHooks = hooks({
  defaults: defaultPodObject,
  prepareForCreate: (pod) => {
    admitPodCreate(pod);
    resetPodStatus(pod);
  },
  validate: validatePod,
  validateUpdate: validatePodUpdate,
});
export const podTemplateHooks = hooks({ defaults: defaultPodTemplateObject, validate: validatePodTemplateObject });
export const deploymentHooks = hooks({ defaults: defaultDeployment, validate: validateDeployment, validateUpdate: validateDeploymentUpdate, tracksGeneration: true });
export const replicaSetHooks = hooks({ defaults: defaultReplicaSet, validate: validateReplicaSet, validateUpdate: validateReplicaSetUpdate, tracksGeneration: true });
export const statefulSetHooks = hooks({ defaults: defaultStatefulSet, validate: validateStatefulSet, validateUpdate: validateStatefulSetUpdate, tracksGeneration: true });
export const daemonSetHooks = hooks({ defaults: defaultDaemonSet, validate: validateDaemonSet, validateUpdate: validateDaemonSetUpdate, tracksGeneration: true });
export const replicationControllerHooks = hooks({ defaults: defaultReplicationController, validate: validateReplicationController, tracksGeneration: true });
export const controllerRevisionHooks = hooks({ validate: validateControllerRevision, validateUpdate: validateControllerRevisionUpdate });
export const jobHooks = hooks({ defaults: defaultJob, validate: validateJob, validateUpdate: validateJobUpdate, tracksGeneration: true });
export const cronJobHooks = hooks({ defaults: defaultCronJob, validate: validateCronJob, tracksGeneration: true });
export const serviceHooks = hooks({ defaults: defaultService, prepareForUpdate: keepAllocatedServiceFields, validate: validateService, validateUpdate: validateServiceUpdate });
export const namespaceHooks = hooks({ defaults: defaultNamespace, prepareForCreate: prepareNamespaceCreate, prepareForUpdate: prepareNamespaceUpdate, validate: validateNamespace });
export const nodeHooks = hooks({ validate: validateNode });
export const configMapHooks = hooks({ validate: validateConfigMap, validateUpdate: validateConfigMapUpdate });
export const secretHooks = hooks({ defaults: defaultSecret, validate: validateSecret, validateUpdate: validateSecretUpdate });
export const serviceAccountHooks = hooks({ validate: validateNamespaced });
export const eventHooks = hooks({ validate: validateEvent });
export const endpointsHooks = hooks({ defaults: defaultEndpoints, validate: validateEndpoints });
export const endpointSliceHooks = hooks({ defaults: defaultEndpointSlice, validate: validateEndpointSlice });
export const persistentVolumeHooks = hooks({
  defaults: defaultPersistentVolume,
  prepareForCreate: (pv) => {
    pv.status = { phase: "Pending" };
  },
  validate: validatePersistentVolume,
});
export const persistentVolumeClaimHooks = hooks({
  defaults: defaultPersistentVolumeClaim,
  prepareForCreate: (pvc) => {
    pvc.status = { phase: "Pending" };
  },
  validate: validatePersistentVolumeClaim,
  validateUpdate: validatePersistentVolumeClaimUpdate,
});
export const storageClassHooks = hooks({ defaults: defaultStorageClass, validate: validateStorageClass, validateUpdate: validateStorageClassUpdate });
export const limitRangeHooks = hooks({ validate: validateLimitRange });
export const resourceQuotaHooks = hooks({ validate: validateResourceQuota });
export const leaseHooks = hooks({ validate: validateLease });
export const horizontalPodAutoscalerHooks = hooks({ defaults: defaultHorizontalPodAutoscaler, validate: validateHorizontalPodAutoscaler, tracksGeneration: true });
export const ingressHooks = hooks({ validate: validateIngress, tracksGeneration: true });
export const ingressClassHooks = hooks({ validate: validateIngressClass });
export const networkPolicyHooks = hooks({ defaults: defaultNetworkPolicy, validate: validateNetworkPolicy, tracksGeneration: true });
export const roleHooks = hooks({ validate: validateRole });
export const clusterRoleHooks = hooks({ validate: validateClusterRole });
export const roleBindingHooks = hooks({ validate: validateRoleBinding, validateUpdate: validateBindingUpdate });
export const clusterRoleBindingHooks = hooks({ validate: validateClusterRoleBinding, validateUpdate: validateBindingUpdate });
export const clusterScopedHooks = hooks({ validate: validateClusterScoped });
