// batch/v1 printers: Job (with the Status column) and CronJob (with Timezone).
import type { TableConvertor } from "../resource";
import type { CronJob, Job } from "../kinds";
import { doc } from "./descriptions";
import { ageColumn, col, containersColumn, imagesColumn, nameColumn, wide } from "./columns";
import { formatLabelSelector, layoutContainerCells, printBoolPtr } from "./format";
import { humanDuration, parseTime, since } from "./human-duration";

function hasCondition(job: Job, type: string): boolean {
  // like hasJobCondition, only the first condition of a type counts
  const cond = (job.status?.conditions ?? []).find((c) => c.type === type);
  return cond?.status === "True";
}

export function jobStatus(job: Job): string {
  if (hasCondition(job, "Complete")) return "Complete";
  if (hasCondition(job, "Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  if (hasCondition(job, "Suspended")) return "Suspended";
  if (hasCondition(job, "FailureTarget")) return "FailureTarget";
  return "Running";
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return "";
  const end = parseTime(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

export const jobTable: TableConvertor<Job> = {
  columns: [
    nameColumn,
    col("Status", "string", "Status of the job."),
    col("Completions", "string", doc["JobStatus.succeeded"]),
    col("Duration", "string", "Time required to complete the job."),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", doc["JobSpec.selector"]),
  ],
  cells(obj, ctx) {
    const [names, images] = layoutContainerCells(obj.spec?.template?.spec?.containers);
    return [
      obj.metadata.name ?? "",
      jobStatus(obj),
      completions(obj),
      jobDuration(obj, ctx.now),
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(obj.spec?.selector),
    ];
  },
};

export const cronJobTable: TableConvertor<CronJob> = {
  columns: [
    nameColumn,
    col("Schedule", "string", doc["CronJobSpec.schedule"]),
    col("Timezone", "string", doc["CronJobSpec.timeZone"]),
    col("Suspend", "boolean", doc["CronJobSpec.suspend"]),
    col("Active", "integer", doc["CronJobStatus.active"]),
    col("Last Schedule", "string", doc["CronJobStatus.lastScheduleTime"]),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide("Selector", "string", doc["JobSpec.selector"]),
  ],
  cells(obj, ctx) {
    const jobSpec = obj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    const last = obj.status?.lastScheduleTime ? since(obj.status.lastScheduleTime, ctx.now) : "<none>";
    return [
      obj.metadata.name ?? "",
      obj.spec?.schedule ?? "",
      obj.spec?.timeZone ?? "<none>",
      printBoolPtr(obj.spec?.suspend),
      obj.status?.active?.length ?? 0,
      last,
      since(obj.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
