// apps/v1 Deployment, ReplicaSet, StatefulSet, DaemonSet and core/v1 ReplicationController validation.
import type { FieldCause } from "../resource";
import { forbidden, invalid, notSupported, required } from "../validation/field-errors";
import { validatePositiveIntOrPercent, isNotMoreThan100Percent, validateRollingUpdate, type IntOrString } from "../validation/int-or-string";
import { validateAnnotations, validateLabels, validateNonnegativeField } from "../validation/names";
import { selectorFromSet, matchesLabels } from "../selectors/label-selector";
import { goOpaque, goStringMap } from "./go-format";
import { validateMetadata } from "./meta-validation";
import { validatePodTemplateSpec } from "./pod-validation";
import { num, rec, semanticEqual, str, strMap, type Json } from "./json";
import { SELECTOR_MISMATCH, templateLabels, validateRequiredSelector, validateSelectorImmutable, validateSelectorMatchesTemplate } from "./selector-checks";

const specOf = (obj: Json): Json => rec(obj.spec) ?? {};
const nonneg = (v: unknown, path: string): FieldCause[] => (typeof v === "number" ? validateNonnegativeField(v, path) : []);

/** The restart-policy and deadline rules for pods that must keep running (RS, Deployment, DS, STS, RC). */
function alwaysRunningTemplate(template: Json | undefined, path: string, kind: string, deadlineAsInvalid = false): FieldCause[] {
  const spec = rec(template?.spec) ?? {};
  const causes: FieldCause[] = [];
  const policy = str(spec.restartPolicy) ?? "";
  if (policy !== "Always") causes.push(notSupported(`${path}.spec.restartPolicy`, policy, ["Always"]));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    causes.push(
      deadlineAsInvalid
        ? invalid(`${path}.spec.activeDeadlineSeconds`, num(spec.activeDeadlineSeconds) ?? 0, "activeDeadlineSeconds must be nil for daemonset")
        : forbidden(`${path}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`),
    );
  }
  return causes;
}

function replicaSetLikeSpec(spec: Json, kindWord: string, kindName: string): FieldCause[] {
  const causes: FieldCause[] = [];
  causes.push(...nonneg(spec.replicas, "spec.replicas"));
  causes.push(...validateRequiredSelector(spec.selector, "spec.selector", kindWord));
  const template = rec(spec.template);
  causes.push(...validateSelectorMatchesTemplate(spec.selector ?? null, template, "spec.template", "spec.selector"));
  causes.push(...validatePodTemplateSpec(template, "spec.template"));
  if (template) causes.push(...alwaysRunningTemplate(template, "spec.template", kindName));
  causes.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  return causes;
}

function validateDeploymentStrategy(strategy: Json | undefined, path: string): FieldCause[] {
  const s = strategy ?? {};
  const type = str(s.type) ?? "";
  const rollingUpdate = rec(s.rollingUpdate);
  if (type === "Recreate") {
    return rollingUpdate ? [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === "RollingUpdate") {
    if (!rollingUpdate) return [required(`${path}.rollingUpdate`, "this should be defaulted and never be nil")];
    return validateRollingUpdate(rollingUpdate as { maxSurge?: IntOrString; maxUnavailable?: IntOrString }, `${path}.rollingUpdate`);
  }
  return [notSupported(path, goOpaque("apps.DeploymentStrategy", s), ["Recreate", "RollingUpdate"])];
}

export function validateDeployment(obj: Json): FieldCause[] {
  const spec = specOf(obj);
  const causes = [...validateMetadata(obj, true), ...replicaSetLikeSpec(spec, "deployment", "ReplicaSet")];
  causes.push(...validateDeploymentStrategy(rec(spec.strategy), "spec.strategy"));
  causes.push(...nonneg(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  const pds = num(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    causes.push(...validateNonnegativeField(pds, "spec.progressDeadlineSeconds"));
    if (pds <= (num(spec.minReadySeconds) ?? 0)) causes.push(invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"));
  }
  return causes;
}

export function validateDeploymentUpdate(obj: Json, old: Json): FieldCause[] {
  return validateSelectorImmutable(specOf(obj).selector, specOf(old).selector, "spec.selector");
}

export function validateReplicaSet(obj: Json): FieldCause[] {
  return [...validateMetadata(obj, true), ...replicaSetLikeSpec(specOf(obj), "deployment", "ReplicaSet")];
}

export const validateReplicaSetUpdate = validateDeploymentUpdate;

export function validateDaemonSet(obj: Json): FieldCause[] {
  const spec = specOf(obj);
  const causes = validateMetadata(obj, true);
  const template = rec(spec.template);
  if (!rec(spec.selector)) causes.push(required("spec.selector"));
  else causes.push(...validateRequiredSelector(spec.selector, "spec.selector", "daemonset"));
  causes.push(...validateSelectorMatchesTemplate(spec.selector ?? null, template, "spec.template", "spec.selector"));
  causes.push(...validatePodTemplateSpec(template, "spec.template"));
  if (template) causes.push(...alwaysRunningTemplate(template, "spec.template", "DaemonSet", true));
  causes.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  causes.push(...nonneg(spec.templateGeneration, "spec.templateGeneration"));
  const strategy = rec(spec.updateStrategy) ?? {};
  const type = str(strategy.type) ?? "";
  if (type === "RollingUpdate") {
    const ru = rec(strategy.rollingUpdate);
    if (!ru) causes.push(required("spec.updateStrategy.rollingUpdate"));
    else causes.push(...validateDaemonSetRollingUpdate(ru, "spec.updateStrategy.rollingUpdate"));
  } else if (type !== "OnDelete") {
    causes.push(notSupported("spec.updateStrategy", goOpaque("apps.DaemonSetUpdateStrategy", strategy), ["RollingUpdate", "OnDelete"]));
  }
  causes.push(...nonneg(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return causes;
}

const intOrPercent = (v: unknown): IntOrString => (typeof v === "number" || typeof v === "string" ? v : 0);
const nonZero = (v: IntOrString): boolean => (typeof v === "number" ? v !== 0 : v.replace(/%$/, "") !== "0" && v !== "");

function validateDaemonSetRollingUpdate(ru: Json, path: string): FieldCause[] {
  const maxUnavailable = intOrPercent(ru.maxUnavailable);
  const maxSurge = intOrPercent(ru.maxSurge);
  const causes = [
    ...validatePositiveIntOrPercent(maxUnavailable, `${path}.maxUnavailable`),
    ...isNotMoreThan100Percent(maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(maxSurge, `${path}.maxSurge`),
    ...isNotMoreThan100Percent(maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = nonZero(maxUnavailable);
  const hasSurge = nonZero(maxSurge);
  if (hasUnavailable && hasSurge) causes.push(invalid(`${path}.maxSurge`, maxSurge, "may not be set when maxUnavailable is non-zero"));
  else if (!hasUnavailable && !hasSurge) causes.push(required(`${path}.maxUnavailable`, "cannot be 0 when maxSurge is 0"));
  return causes;
}

export function validateDaemonSetUpdate(obj: Json, old: Json): FieldCause[] {
  const causes = validateSelectorImmutable(specOf(obj).selector, specOf(old).selector, "spec.selector");
  const gen = num(specOf(obj).templateGeneration) ?? 0;
  const oldGen = num(specOf(old).templateGeneration) ?? 0;
  if (gen < oldGen) causes.push(invalid("spec.templateGeneration", gen, "must not be decremented"));
  return causes;
}

const RETENTION = ["Retain", "Delete"];

export function validateStatefulSet(obj: Json): FieldCause[] {
  const spec = specOf(obj);
  const causes = validateMetadata(obj, true, "label");
  const pmp = str(spec.podManagementPolicy) ?? "";
  if (!pmp) causes.push(required("spec.podManagementPolicy"));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel") causes.push(invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = rec(spec.updateStrategy) ?? {};
  const type = str(strategy.type) ?? "";
  const ru = rec(strategy.rollingUpdate);
  if (!type) causes.push(required("spec.updateStrategy"));
  else if (type === "OnDelete") {
    if (ru) causes.push(invalid("spec.updateStrategy.rollingUpdate", goOpaque("apps.RollingUpdateStatefulSetStrategy", ru), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === "RollingUpdate") {
    if (ru) {
      causes.push(...nonneg(ru.partition, "spec.updateStrategy.rollingUpdate.partition"));
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        const mu = intOrPercent(ru.maxUnavailable);
        causes.push(...validatePositiveIntOrPercent(mu, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
        if (!nonZero(mu)) causes.push(invalid("spec.updateStrategy.rollingUpdate.maxUnavailable", mu, "must be greater than 0"));
        causes.push(...isNotMoreThan100Percent(mu, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
      }
    }
  } else {
    causes.push(invalid("spec.updateStrategy", goOpaque("apps.StatefulSetUpdateStrategy", strategy), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = rec(spec.persistentVolumeClaimRetentionPolicy);
  if (retention) {
    for (const k of ["whenDeleted", "whenScaled"]) {
      const v = str(retention[k]) ?? "";
      if (!RETENTION.includes(v)) causes.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, v, RETENTION));
    }
  }
  causes.push(...nonneg(spec.replicas, "spec.replicas"));
  causes.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  const ordinals = rec(spec.ordinals);
  if (ordinals) causes.push(...nonneg(ordinals.start, "spec.ordinals.start"));
  causes.push(...validateRequiredSelector(spec.selector, "spec.selector", "statefulset"));
  const template = rec(spec.template);
  causes.push(...validateSelectorMatchesTemplate(spec.selector ?? null, template, "spec.template", "spec.selector"));
  // upstream only checks a StatefulSet template's metadata: its volumes come partly from the claim templates
  const tmeta = rec(template?.metadata) ?? {};
  causes.push(...validateLabels(strMap(tmeta.labels), "spec.template.labels"));
  causes.push(...validateAnnotations(strMap(tmeta.annotations), "spec.template.annotations"));
  causes.push(...alwaysRunningTemplate(template, "spec.template", "StatefulSet"));
  return causes;
}

const STS_MUTABLE = ["replicas", "template", "updateStrategy", "minReadySeconds", "ordinals", "persistentVolumeClaimRetentionPolicy"];

export function validateStatefulSetUpdate(obj: Json, old: Json): FieldCause[] {
  const next = { ...specOf(obj) };
  const prev = { ...specOf(old) };
  for (const k of STS_MUTABLE) {
    delete next[k];
    delete prev[k];
  }
  if (semanticEqual(next, prev)) return [];
  return [
    forbidden(
      "spec",
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

export function validateReplicationController(obj: Json): FieldCause[] {
  const spec = specOf(obj);
  const causes = validateMetadata(obj, true);
  causes.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  const selector = strMap(spec.selector) ?? {};
  if (Object.keys(selector).length === 0) causes.push(required("spec.selector"));
  else causes.push(...validateLabels(selector, "spec.selector"));
  causes.push(...nonneg(spec.replicas, "spec.replicas"));
  const template = rec(spec.template);
  if (!template) {
    causes.push(required("spec.template"));
    return causes;
  }
  if (Object.keys(selector).length > 0 && !matchesLabels(selectorFromSet(selector), templateLabels(template))) {
    causes.push(invalid("spec.template.metadata.labels", goStringMap(templateLabels(template)), SELECTOR_MISMATCH));
  }
  causes.push(...validatePodTemplateSpec(template, "spec.template"));
  causes.push(...alwaysRunningTemplate(template, "spec.template", "ReplicationController"));
  return causes;
}

export function validateControllerRevision(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  if (obj.data === undefined || obj.data === null) causes.push(required("data", "data is mandatory"));
  causes.push(...nonneg(obj.revision, "revision"));
  return causes;
}

export function validateControllerRevisionUpdate(obj: Json, old: Json): FieldCause[] {
  return semanticEqual(obj.data, old.data) ? [] : [invalid("data", goOpaque("runtime.RawExtension", obj.data), "field is immutable")];
}

