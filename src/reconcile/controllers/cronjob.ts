// CronJob controller (pkg/controller/cronjob, v2): one Job per scheduled time,
// named `<cronjob>-<minutes since epoch>`, history limits, concurrency policy.
import type { CronJob, Job } from "../../api/kinds";
import type { Action, Reconciler } from "../types";
import { clone } from "../shared/clone";
import { sameContent } from "../shared/diff";
import { event } from "../shared/events";
import { controllerRef, newControllerRef } from "../shared/owners";
import { created } from "../shared/pods";
import { parseTime, rfc3339 } from "../shared/time";
import { mostRecent, nextAfter } from "../../api/cron/next-time";
import { parseSchedule, type Schedule } from "../../api/cron/parse";
import { isValidTimeZone, zoneOffset } from "../../api/cron/time-zone";
import { goQuote } from "../../api/validation/field-errors";
import { isJobFinished } from "./job";

const COMPONENT = "cronjob-controller";
const CRONJOBS = "batch/cronjobs";
const JOBS = "batch/jobs";
export const SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
/** upstream requeues 100ms after the next schedule time */
const NEXT_SLACK_MS = 100;

function finishedType(job: Job): "Complete" | "Failed" | undefined {
  const c = (job.status?.conditions ?? []).find((x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  return c?.type as "Complete" | "Failed" | undefined;
}

function rfc3339InZone(ms: number, zone: string): string {
  const off = zoneOffset(ms, zone);
  if (off === 0) return rfc3339(ms);
  const wall = new Date(ms + off).toISOString().slice(0, 19);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off) / 60_000;
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** formatSchedule: spec.timeZone as a TZ= prefix, unless the schedule already names a zone itself. */
function formatSchedule(schedule: string, timeZone: string | undefined): string {
  return timeZone === undefined || schedule.includes("TZ") ? schedule : `TZ=${timeZone} ${schedule}`;
}

export const reconcileCronJob: Reconciler = (ctx, key) => {
  const cj = ctx.view.get<CronJob>(CRONJOBS, key.namespace, key.name);
  if (!cj) return { actions: [] };
  const actions: Action[] = [];
  const ev = (reason: string, message: string, type: "Normal" | "Warning" = "Normal"): void => {
    actions.push(event(cj, COMPONENT, reason, message, type));
  };
  const jobs = ctx.view.list<Job>(JOBS, cj.metadata.namespace).filter((j) => controllerRef(j)?.uid === cj.metadata.uid);
  const status: NonNullable<CronJob["status"]> = clone(cj.status ?? {});
  const wasActive = new Set((cj.status?.active ?? []).map((r) => r.uid ?? r.name));
  const deleted = new Set<string>();
  const deleteJob = (j: Job): void => {
    deleted.add(j.metadata.name!);
    actions.push({ type: "delete", resource: JOBS, namespace: j.metadata.namespace, name: j.metadata.name!, uid: j.metadata.uid, propagationPolicy: "Background" });
    ev("SuccessfulDelete", `Deleted job ${j.metadata.name}`);
  };

  for (const j of jobs) {
    const fin = finishedType(j);
    if (!fin) continue;
    if (wasActive.has(j.metadata.uid) || wasActive.has(j.metadata.name)) ev("SawCompletedJob", `Saw completed job: ${j.metadata.name}, status: ${fin}`);
    if (fin === "Complete" && j.status?.completionTime) {
      const t = parseTime(j.status.completionTime)!;
      if (t > (parseTime(status.lastSuccessfulTime) ?? 0)) status.lastSuccessfulTime = j.status.completionTime;
    }
  }

  // history limits: oldest first by start time
  const byStart = (a: Job, b: Job): number => (parseTime(a.status?.startTime) ?? created(a)) - (parseTime(b.status?.startTime) ?? created(b)) || created(a) - created(b);
  const prune = (list: Job[], limit: number | undefined): void => {
    if (limit === undefined || limit === null) return;
    const sorted = [...list].sort(byStart);
    for (const j of sorted.slice(0, Math.max(0, sorted.length - limit))) if (!j.metadata.deletionTimestamp) deleteJob(j);
  };
  if (!cj.metadata.deletionTimestamp) {
    prune(jobs.filter((j) => finishedType(j) === "Complete"), cj.spec?.successfulJobsHistoryLimit ?? 3);
    prune(jobs.filter((j) => finishedType(j) === "Failed"), cj.spec?.failedJobsHistoryLimit ?? 1);
  }

  let running = jobs.filter((j) => !isJobFinished(j) && !deleted.has(j.metadata.name!));
  const refs = (): NonNullable<typeof status.active> =>
    running.map((j) => ({ apiVersion: "batch/v1", kind: "Job", name: j.metadata.name, namespace: j.metadata.namespace, uid: j.metadata.uid, resourceVersion: j.metadata.resourceVersion }));
  status.active = refs();

  const finish = (requeueAt?: number) => {
    if (!status.active?.length) delete status.active;
    if (!sameContent(status, cj.status ?? {})) actions.push({ type: "updateStatus", resource: CRONJOBS, object: { ...clone(cj), status } });
    return requeueAt !== undefined ? { actions, requeueAfterMs: Math.max(1, requeueAt + NEXT_SLACK_MS - ctx.now) } : { actions };
  };
  if (cj.metadata.deletionTimestamp || cj.spec?.suspend) return finish();

  const timeZone = cj.spec?.timeZone ?? undefined;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    ev("UnknownTimeZone", `invalid timeZone: "${timeZone}"`, "Warning");
    return finish();
  }
  const spec = cj.spec?.schedule ?? "";
  if (spec.includes("TZ")) {
    ev("UnsupportedSchedule", `CRON_TZ or TZ used in schedule ${goQuote(spec)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`, "Warning");
  }
  let schedule: Schedule;
  try {
    schedule = parseSchedule(formatSchedule(spec, timeZone));
  } catch (e) {
    ev("UnparseableSchedule", `unparseable schedule: ${goQuote(spec)} : ${(e as Error).message}`, "Warning");
    return finish();
  }
  const zone = schedule.zone ?? "UTC";
  const sds = cj.spec?.startingDeadlineSeconds;
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? created(cj);
  if (sds !== undefined && sds !== null) earliest = Math.max(earliest, ctx.now - sds * 1000);
  const recent = mostRecent(schedule, earliest, ctx.now, zone);
  const next = nextAfter(schedule, ctx.now, zone);
  if (recent.time === undefined) return finish(next);
  const scheduled = recent.time;
  if (recent.missed > 100) ev("TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew", "Warning");
  if (sds !== undefined && sds !== null && scheduled + sds * 1000 < ctx.now) {
    ev("MissSchedule", `Missed scheduled time to start a job: ${rfc3339InZone(scheduled, zone)}`, "Warning");
    return finish(next);
  }
  const name = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
  if (jobs.some((j) => j.metadata.name === name) || ctx.view.get(JOBS, cj.metadata.namespace, name)) {
    status.lastScheduleTime = rfc3339(scheduled);
    return finish(next);
  }
  const policy = cj.spec?.concurrencyPolicy ?? "Allow";
  if (policy === "Forbid" && running.length > 0) {
    ev("JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
    return finish(next);
  }
  if (policy === "Replace") {
    for (const j of running) deleteJob(j);
    running = [];
  }
  const tpl = clone(cj.spec?.jobTemplate ?? {});
  const job: Job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}) },
      annotations: { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339InZone(scheduled, zone) },
      ownerReferences: [newControllerRef(cj, "batch/v1", "CronJob")],
    },
    spec: tpl.spec ?? { template: { spec: { containers: [] } } },
  };
  actions.push({ type: "create", resource: JOBS, object: job });
  ev("SuccessfulCreate", `Created job ${name}`);
  status.active = [...refs(), { apiVersion: "batch/v1", kind: "Job", name, namespace: cj.metadata.namespace }];
  status.lastScheduleTime = rfc3339(scheduled);
  return finish(next);
};
