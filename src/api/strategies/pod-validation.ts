// ValidatePodSpec / ValidatePodTemplateSpec / ValidatePodCreate of pkg/apis/core/validation.
import type { FieldCause } from "../resource";
import { forbidden, invalid, notSupported, required } from "../validation/field-errors";
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isValidLabelValue, validateAnnotations, validateLabelName, validateLabels } from "../validation/names";
import { validateContainers, validateInitContainers } from "./container-validation";
import { validateMetadata } from "./meta-validation";
import { validateVolumes } from "./volume-validation";
import { num, rec, recs, str, strMap, type Json } from "./json";

export const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const MAX_INT32 = 2147483647;

export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldCause[] {
  if (!effect) return allowEmpty ? [] : [required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  recs(tolerations).forEach((t, i) => {
    const at = `${path}[${i}]`;
    const key = str(t.key) ?? "";
    const operator = str(t.operator) ?? "";
    const effect = str(t.effect) ?? "";
    const value = str(t.value) ?? "";
    if (key) causes.push(...validateLabelName(key, `${at}.key`));
    if (!key && operator !== "Exists") {
      causes.push(invalid(`${at}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== "NoExecute") {
      causes.push(invalid(`${at}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === "Equal" || operator === "") {
      const errs = isValidLabelValue(value);
      if (errs.length > 0) causes.push(invalid(`${at}.operator`, value, errs.join(";")));
    } else if (operator === "Exists") {
      if (value) causes.push(invalid(`${at}.operator`, value, "value must be empty when `operator` is 'Exists'"));
    } else {
      causes.push(notSupported(`${at}.operator`, operator, ["Equal", "Exists"]));
    }
    if (effect) causes.push(...validateTaintEffect(effect, true, `${at}.effect`));
  });
  return causes;
}

function enumField(value: string, path: string, allowed: readonly string[]): FieldCause[] {
  if (!value) return [required(path)];
  return allowed.includes(value) ? [] : [notSupported(path, value, allowed)];
}

export function validatePodSpec(spec: Json, path: string): FieldCause[] {
  const { causes, names } = validateVolumes(spec.volumes, `${path}.volumes`);
  causes.push(...validateContainers(spec.containers, names, `${path}.containers`));
  causes.push(...validateInitContainers(spec.initContainers, spec.containers, names, `${path}.initContainers`));
  causes.push(...enumField(str(spec.restartPolicy) ?? "", `${path}.restartPolicy`, RESTART_POLICIES));
  const dnsPolicy = str(spec.dnsPolicy) ?? "";
  causes.push(...enumField(dnsPolicy, `${path}.dnsPolicy`, DNS_POLICIES));
  if (dnsPolicy === "None" && !rec(spec.dnsConfig)) {
    causes.push(required(`${path}.dnsConfig`, "must provide `dnsConfig` when `dnsPolicy` is None"));
  }
  causes.push(...validateLabels(strMap(spec.nodeSelector), `${path}.nodeSelector`));
  for (const key of ["serviceAccountName", "nodeName", "priorityClassName"]) {
    const v = str(spec[key]) ?? "";
    if (v) causes.push(...isDNS1123Subdomain(v).map((m) => invalid(`${path}.${key}`, v, m)));
  }
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    causes.push(invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const key of ["hostname", "subdomain"]) {
    const v = str(spec[key]) ?? "";
    if (v) causes.push(...isDNS1123Label(v).map((m) => invalid(`${path}.${key}`, v, m)));
  }
  causes.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  const preemption = str(spec.preemptionPolicy);
  if (preemption !== undefined && preemption !== "PreemptLowerPriority" && preemption !== "Never") {
    causes.push(notSupported(`${path}.preemptionPolicy`, preemption, ["Never", "PreemptLowerPriority"]));
  }
  const grace = num(spec.terminationGracePeriodSeconds);
  if (grace !== undefined && grace < 0) causes.push(invalid(`${path}.terminationGracePeriodSeconds`, grace, "must be greater than or equal to 0"));
  return causes;
}

/** ValidatePodTemplateSpec: note upstream reports template labels at `<path>.labels`. */
export function validatePodTemplateSpec(template: Json | undefined, path: string): FieldCause[] {
  if (!template) return [required(path)];
  const meta = rec(template.metadata) ?? {};
  const causes = validateLabels(strMap(meta.labels), `${path}.labels`);
  causes.push(...validateAnnotations(strMap(meta.annotations), `${path}.annotations`));
  causes.push(...validatePodSpec(rec(template.spec) ?? {}, `${path}.spec`));
  if (recs(rec(template.spec)?.ephemeralContainers).length > 0) {
    causes.push(forbidden(`${path}.spec.ephemeralContainers`, "ephemeral containers not allowed in pod template"));
  }
  return causes;
}

export function validatePod(pod: Json): FieldCause[] {
  return [...validateMetadata(pod, true), ...validatePodSpec(rec(pod.spec) ?? {}, "spec")];
}

export function validatePodTemplateObject(obj: Json): FieldCause[] {
  return [...validateMetadata(obj, true), ...validatePodTemplateSpec(rec(obj.template), "template")];
}
