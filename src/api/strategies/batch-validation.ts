// batch/v1 Job and CronJob: generated selectors, restart policy, schedule and immutability.
import type { FieldCause } from "../resource";
import { invalid, notSupported, required } from "../validation/field-errors";
import { maxLenError, validateNonnegativeField } from "../validation/names";
import { cronScheduleError } from "../cron/parse";
import { goLabelSelector, goOpaque } from "./go-format";
import { validateMetadata } from "./meta-validation";
import { validatePodTemplateSpec } from "./pod-validation";
import { child, isRec, num, rec, semanticEqual, str, type Json } from "./json";
import { asLabelSelector, FIELD_IMMUTABLE, validateSelectorImmutable, validateSelectorMatchesTemplate } from "./selector-checks";
import { validateLabelSelector } from "../selectors/label-selector";

export const JOB_UID_LABEL = "batch.kubernetes.io/controller-uid";
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const LEGACY_JOB_UID_LABEL = "controller-uid";
export const LEGACY_JOB_NAME_LABEL = "job-name";

const specOf = (obj: Json): Json => rec(obj.spec) ?? {};
const nonneg = (v: unknown, path: string): FieldCause[] => (typeof v === "number" ? validateNonnegativeField(v, path) : []);

/**
 * generateSelector of the job strategy: unless manualSelector, the template gets the uid/name labels
 * and the selector matches on the uid. Runs once the name is final (generateName resolved).
 */
export function generateJobSelector(job: Json): void {
  const spec = child(job, "spec");
  if (spec.manualSelector === true) return;
  const meta = child(job, "metadata");
  const uid = str(meta.uid) ?? "";
  const name = str(meta.name) ?? "";
  const template = child(spec, "template");
  const tmeta = child(template, "metadata");
  const labels = child(tmeta, "labels");
  for (const [k, v] of [[LEGACY_JOB_UID_LABEL, uid], [LEGACY_JOB_NAME_LABEL, name], [JOB_UID_LABEL, uid], [JOB_NAME_LABEL, name]]) {
    if (!(k in labels)) labels[k] = v;
  }
  if (!isRec(spec.selector)) spec.selector = {};
  const selector = child(spec, "selector");
  const matchLabels = child(selector, "matchLabels");
  if (!(JOB_UID_LABEL in matchLabels)) matchLabels[JOB_UID_LABEL] = uid;
  // what a read back from storage shows: a job without labels of its own takes its template's
  if (!isRec(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
}

const JOB_RESTART = ["OnFailure", "Never"];

function validateJobSpecCommon(spec: Json, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  causes.push(...nonneg(spec.parallelism, `${path}.parallelism`));
  causes.push(...nonneg(spec.completions, `${path}.completions`));
  causes.push(...nonneg(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`));
  causes.push(...nonneg(spec.backoffLimit, `${path}.backoffLimit`));
  causes.push(...nonneg(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`));
  const mode = str(spec.completionMode);
  if (mode !== undefined && mode !== "NonIndexed" && mode !== "Indexed") {
    causes.push(notSupported(`${path}.completionMode`, mode, ["NonIndexed", "Indexed"]));
  }
  if (mode === "Indexed" && (spec.completions === undefined || spec.completions === null)) {
    causes.push(required(`${path}.completions`, "when completion mode is Indexed"));
  }
  const template = rec(spec.template);
  causes.push(...validatePodTemplateSpec(template, `${path}.template`));
  const policy = str(rec(template?.spec)?.restartPolicy) ?? "";
  if (!JOB_RESTART.includes(policy)) causes.push(notSupported(`${path}.template.spec.restartPolicy`, policy, JOB_RESTART));
  return causes;
}

export function validateJob(job: Json): FieldCause[] {
  // first write: the name is final now, so the generated selector can be completed (upstream does it in Validate)
  if (!rec(job.metadata)?.resourceVersion) generateJobSelector(job);
  const spec = specOf(job);
  const causes = validateMetadata(job, true);
  if (spec.manualSelector !== true && isRec(spec.selector)) {
    const meta = rec(job.metadata) ?? {};
    if (!str(meta.uid)) causes.push(required("metadata.uid"));
  }
  causes.push(...validateJobSpecCommon(spec, "spec"));
  if (!isRec(spec.selector)) causes.push(required("spec.selector"));
  else causes.push(...validateLabelSelector(asLabelSelector(spec.selector), "spec.selector"));
  causes.push(...validateSelectorMatchesTemplate(spec.selector ?? null, rec(spec.template), "spec.template", "spec.selector"));
  return causes;
}

export function validateJobUpdate(job: Json, old: Json): FieldCause[] {
  const spec = specOf(job);
  const oldSpec = specOf(old);
  const causes = validateSelectorImmutable(spec.selector, oldSpec.selector, "spec.selector");
  if (!semanticEqual(spec.completions, oldSpec.completions)) causes.push(invalid("spec.completions", num(spec.completions) ?? null, FIELD_IMMUTABLE));
  // a suspended job that never started may still change its template
  const mayChangeTemplate = oldSpec.suspend === true && !rec(old.status)?.startTime;
  if (!mayChangeTemplate && !semanticEqual(spec.template, oldSpec.template)) {
    causes.push(invalid("spec.template", goOpaque("core.PodTemplateSpec", spec.template), FIELD_IMMUTABLE));
  }
  return causes;
}

const CONCURRENCY = ["Allow", "Forbid", "Replace"];
const CRONJOB_NAME_MAX = 52;

export function validateCronJob(obj: Json): FieldCause[] {
  const causes = validateMetadata(obj, true);
  const name = str(rec(obj.metadata)?.name) ?? "";
  if (name.length > CRONJOB_NAME_MAX) causes.push(invalid("metadata.name", name, maxLenError(CRONJOB_NAME_MAX)));
  const spec = specOf(obj);
  const schedule = str(spec.schedule) ?? "";
  if (!schedule) causes.push(required("spec.schedule"));
  else {
    const err = cronScheduleError(schedule);
    if (err) causes.push(invalid("spec.schedule", schedule, err));
    if (schedule.includes("TZ")) {
      causes.push(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
    }
  }
  causes.push(...nonneg(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  const cp = str(spec.concurrencyPolicy) ?? "";
  if (!cp) causes.push(required("spec.concurrencyPolicy"));
  else if (!CONCURRENCY.includes(cp)) causes.push(notSupported("spec.concurrencyPolicy", cp, CONCURRENCY));
  const jobSpec = rec(rec(spec.jobTemplate)?.spec) ?? {};
  causes.push(...validateJobSpecCommon(jobSpec, "spec.jobTemplate.spec"));
  if (isRec(jobSpec.selector)) causes.push(invalid("spec.jobTemplate.spec.selector", goLabelSelector(jobSpec.selector), "`selector` will be auto-generated"));
  if (jobSpec.manualSelector === true) causes.push(notSupported("spec.jobTemplate.spec.manualSelector", true, ["nil", "false"]));
  causes.push(...nonneg(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  causes.push(...nonneg(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  return causes;
}
