// Job controller (pkg/controller/job), with pods counted directly instead of
// through finalizers and uncountedTerminatedPods.
import type { Job, Pod } from "../../api/kinds";
import type { Action, Reconciler } from "../types";
import { claimPods } from "../shared/adoption";
import { clone } from "../shared/clone";
import { type Condition, findCondition } from "../shared/conditions";
import { sameContent } from "../shared/diff";
import { OMIT_ZERO, omitZero } from "../shared/status";
import { event } from "../shared/events";
import { generateName } from "../shared/names";
import { newControllerRef } from "../shared/owners";
import { podFromTemplate } from "../shared/pod-template";
import { isPodReady, isTerminal, totalRestarts } from "../shared/pods";
import { mapMatches } from "../shared/selectors";
import { parseTime, rfc3339 } from "../shared/time";

const COMPONENT = "job-controller";
const JOBS = "batch/jobs";
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;
type JobStatus = NonNullable<Job["status"]>;
type JobCondition = NonNullable<JobStatus["conditions"]>[number];

export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

function finishedAt(job: Job): number | undefined {
  const c = (job.status?.conditions ?? []).find((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  return parseTime(job.status?.completionTime) ?? parseTime(c?.lastTransitionTime);
}

function jobSelectorLabels(job: Job): Record<string, string> {
  const uid = job.metadata.uid!;
  return job.spec?.selector?.matchLabels ?? { "batch.kubernetes.io/controller-uid": uid };
}

export const reconcileJob: Reconciler = (ctx, key) => {
  const job = ctx.view.get<Job>(JOBS, key.namespace, key.name);
  if (!job) return { actions: [] };
  const actions: Action[] = [];
  const now = rfc3339(ctx.now);
  const cond = (type: string, reason: string, message: string): JobCondition => ({ type, status: "True", reason, message, lastProbeTime: now, lastTransitionTime: now });

  if (isJobFinished(job)) {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null) return { actions };
    const expireAt = (finishedAt(job) ?? ctx.now) + ttl * 1000;
    if (expireAt <= ctx.now) {
      actions.push({ type: "delete", resource: JOBS, namespace: job.metadata.namespace, name: job.metadata.name!, uid: job.metadata.uid, propagationPolicy: "Foreground" });
      return { actions };
    }
    return { actions, requeueAfterMs: expireAt - ctx.now };
  }

  const selector = jobSelectorLabels(job);
  const pods = claimPods(ctx.view, job, "batch/v1", "Job", (p) => mapMatches(selector, p.metadata.labels), actions);
  const active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  const terminating = pods.filter((p) => !isTerminal(p) && p.metadata.deletionTimestamp);
  const succeeded = Math.max(job.status?.succeeded ?? 0, pods.filter((p) => p.status?.phase === "Succeeded").length);
  const failed = Math.max(job.status?.failed ?? 0, pods.filter((p) => p.status?.phase === "Failed").length);
  const status: JobStatus = { ...clone(job.status ?? {}) };
  const suspended = job.spec?.suspend === true;
  if (!status.startTime && !suspended) status.startTime = now;
  const startMs = parseTime(status.startTime) ?? ctx.now;
  const completions = job.spec?.completions;
  const parallelism = job.spec?.parallelism ?? 1;
  const backoffLimit = job.spec?.backoffLimit ?? 6;
  const restartPolicy = job.spec?.template?.spec?.restartPolicy ?? "Never";
  let requeue: number | undefined;

  let failure = findCondition(status.conditions as Condition[] | undefined, "FailureTarget") as JobCondition | undefined;
  let success = findCondition(status.conditions as Condition[] | undefined, "SuccessCriteriaMet") as JobCondition | undefined;
  if (!failure && !success) {
    const restarts = restartPolicy === "OnFailure" ? active.reduce((s, p) => s + totalRestarts(p), 0) : 0;
    const ads = job.spec?.activeDeadlineSeconds;
    const pastOnFailure = restartPolicy === "OnFailure" && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit);
    if (failed > backoffLimit || pastOnFailure) {
      failure = cond("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    } else if (ads !== undefined && ads !== null && !suspended && startMs + ads * 1000 <= ctx.now) {
      failure = cond("FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline");
    } else if (completions !== undefined && completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      success = cond("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods");
    }
    if (failure) status.conditions = [...(status.conditions ?? []), failure];
    if (success) status.conditions = [...(status.conditions ?? []), success];
    if (ads !== undefined && ads !== null && !failure && !success) requeue = Math.max(1, startMs + ads * 1000 - ctx.now);
  }

  const deleteActive = (): void => {
    for (const p of active) actions.push({ type: "delete", resource: "/pods", namespace: p.metadata.namespace, name: p.metadata.name!, uid: p.metadata.uid });
  };
  if (failure || success) {
    deleteActive();
    if (active.length === 0 && terminating.length === 0) {
      if (failure) {
        status.conditions = [...(status.conditions ?? []), cond("Failed", failure.reason!, failure.message!)];
        actions.push(event(job, COMPONENT, failure.reason!, failure.message!, "Warning"));
      } else {
        status.conditions = [...(status.conditions ?? []), cond("Complete", "CompletionsReached", "Reached expected number of succeeded pods")];
        status.completionTime = now;
        actions.push(event(job, COMPONENT, "Completed", "Job completed"));
      }
      const ttl = job.spec?.ttlSecondsAfterFinished;
      if (ttl !== undefined && ttl !== null) requeue = ttl * 1000;
    }
  } else if (suspended) {
    deleteActive();
  } else {
    let want = parallelism;
    if (completions !== undefined && completions !== null) want = Math.min(parallelism, completions - succeeded);
    else if (succeeded > 0) want = active.length;
    const diff = want - active.length;
    if (diff > 0) {
      // exponential backoff after failures, from the last failure
      const lastFail = Math.max(0, ...pods.filter((p) => p.status?.phase === "Failed").map((p) => parseTime(p.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt) ?? parseTime(p.metadata.creationTimestamp) ?? 0));
      const delay = failed > 0 ? Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)) * ctx.timeScale : 0;
      if (lastFail && lastFail + delay > ctx.now) requeue = lastFail + delay - ctx.now;
      else {
        const taken = new Set(ctx.view.list<Pod>("/pods", job.metadata.namespace).map((p) => p.metadata.name!));
        const ref = newControllerRef(job, "batch/v1", "Job");
        const uid = job.metadata.uid!;
        for (let i = 0; i < diff; i++) {
          const prefix = `${job.metadata.name}-`;
          const pod = podFromTemplate(job.spec?.template, job, ref, generateName(prefix, ctx.random, taken), prefix);
          pod.metadata.labels = {
            ...pod.metadata.labels,
            "batch.kubernetes.io/controller-uid": uid,
            "batch.kubernetes.io/job-name": job.metadata.name!,
            "controller-uid": uid,
            "job-name": job.metadata.name!,
          };
          actions.push({ type: "create", resource: "/pods", object: pod });
          actions.push(event(job, COMPONENT, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
        }
      }
    } else if (diff < 0) {
      for (const p of active.slice(diff)) actions.push({ type: "delete", resource: "/pods", namespace: p.metadata.namespace, name: p.metadata.name!, uid: p.metadata.uid });
    }
  }

  status.active = active.length;
  status.succeeded = succeeded;
  status.failed = failed;
  status.ready = active.filter(isPodReady).length;
  status.terminating = terminating.length;
  status.uncountedTerminatedPods = {};
  omitZero(status, OMIT_ZERO.job);
  if (!sameContent(status, job.status ?? {})) actions.push({ type: "updateStatus", resource: JOBS, object: { ...clone(job), status } });
  return requeue !== undefined ? { actions, requeueAfterMs: requeue } : { actions };
};
