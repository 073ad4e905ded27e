// apps/v1, batch/v1 and core/v1 controller defaults (SetDefaults_Deployment, _StatefulSet, _DaemonSet,
// _ReplicaSet, _ReplicationController, _Job, _CronJob), each also defaulting its pod template.
import { child, isRec, rec, recs, setDefault, setDefaultString, strMap, type Json } from "../strategies/json";
import { defaultPodTemplate } from "./pod-defaults";
import { defaultClaimSpec } from "./storage-defaults";

const specOf = (obj: Json): Json => child(obj, "spec");

export function defaultDeployment(obj: Json): void {
  const spec = specOf(obj);
  setDefault(spec, "replicas", 1);
  const strategy = child(spec, "strategy");
  setDefaultString(strategy, "type", "RollingUpdate");
  if (strategy.type === "RollingUpdate") {
    const ru = child(strategy, "rollingUpdate");
    setDefault(ru, "maxUnavailable", "25%");
    setDefault(ru, "maxSurge", "25%");
  }
  setDefault(spec, "revisionHistoryLimit", 10);
  setDefault(spec, "progressDeadlineSeconds", 600);
  defaultPodTemplate(child(spec, "template"));
}

export function defaultReplicaSet(obj: Json): void {
  const spec = specOf(obj);
  setDefault(spec, "replicas", 1);
  defaultPodTemplate(child(spec, "template"));
}

export function defaultStatefulSet(obj: Json): void {
  const spec = specOf(obj);
  setDefaultString(spec, "podManagementPolicy", "OrderedReady");
  const strategy = child(spec, "updateStrategy");
  setDefaultString(strategy, "type", "RollingUpdate");
  if (strategy.type === "RollingUpdate") {
    const ru = child(strategy, "rollingUpdate");
    setDefault(ru, "partition", 0);
  }
  const retention = child(spec, "persistentVolumeClaimRetentionPolicy");
  setDefaultString(retention, "whenDeleted", "Retain");
  setDefaultString(retention, "whenScaled", "Retain");
  setDefault(spec, "replicas", 1);
  setDefault(spec, "revisionHistoryLimit", 10);
  for (const claim of recs(spec.volumeClaimTemplates)) {
    setDefaultString(claim, "apiVersion", "v1");
    setDefaultString(claim, "kind", "PersistentVolumeClaim");
    const meta = child(claim, "metadata");
    if (!("creationTimestamp" in meta)) meta.creationTimestamp = null;
    defaultClaimSpec(child(claim, "spec"));
    setDefaultString(child(claim, "status"), "phase", "Pending");
  }
  defaultPodTemplate(child(spec, "template"));
}

export function defaultDaemonSet(obj: Json): void {
  const spec = specOf(obj);
  const strategy = child(spec, "updateStrategy");
  setDefaultString(strategy, "type", "RollingUpdate");
  if (strategy.type === "RollingUpdate") {
    const ru = child(strategy, "rollingUpdate");
    setDefault(ru, "maxUnavailable", 1);
    setDefault(ru, "maxSurge", 0);
  }
  setDefault(spec, "revisionHistoryLimit", 10);
  defaultPodTemplate(child(spec, "template"));
}

/** An empty RC selector, and empty RC labels, come from the template's labels. */
export function defaultReplicationController(obj: Json): void {
  const spec = specOf(obj);
  const template = rec(spec.template);
  const templateLabels = strMap(rec(template?.metadata)?.labels);
  if (templateLabels && Object.keys(templateLabels).length > 0) {
    if (!isRec(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...templateLabels };
    const meta = child(obj, "metadata");
    if (!isRec(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...templateLabels };
  }
  setDefault(spec, "replicas", 1);
  if (template) defaultPodTemplate(template);
}

export function defaultJobSpec(spec: Json): void {
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, "parallelism", 1);
  setDefault(spec, "backoffLimit", spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? 2147483647 : 6);
  setDefaultString(spec, "completionMode", "NonIndexed");
  setDefault(spec, "suspend", false);
  const failurePolicy = rec(spec.podFailurePolicy);
  for (const rule of recs(failurePolicy?.rules)) {
    for (const cond of recs(rule.onPodConditions)) setDefaultString(cond, "status", "True");
  }
  setDefaultString(spec, "podReplacementPolicy", failurePolicy ? "Failed" : "TerminatingOrFailed");
  setDefault(spec, "manualSelector", false);
}

export function defaultJob(obj: Json): void {
  const spec = specOf(obj);
  defaultJobSpec(spec);
  const template = child(spec, "template");
  const labels = strMap(rec(template.metadata)?.labels);
  const meta = child(obj, "metadata");
  if (labels && (!isRec(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = { ...labels };
  defaultPodTemplate(template);
}

export function defaultCronJob(obj: Json): void {
  const spec = specOf(obj);
  setDefaultString(spec, "concurrencyPolicy", "Allow");
  setDefault(spec, "suspend", false);
  setDefault(spec, "successfulJobsHistoryLimit", 3);
  setDefault(spec, "failedJobsHistoryLimit", 1);
  const jobTemplate = child(spec, "jobTemplate");
  const jtMeta = child(jobTemplate, "metadata");
  if (!("creationTimestamp" in jtMeta)) jtMeta.creationTimestamp = null;
  defaultPodTemplate(child(child(jobTemplate, "spec"), "template"));
}

export function defaultPodTemplateObject(obj: Json): void {
  defaultPodTemplate(child(obj, "template"));
}
