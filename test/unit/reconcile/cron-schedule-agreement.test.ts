// The API server and the CronJob controller read schedules with one parser; this asks both of them
// about the same schedules: what the validator accepts the controller schedules, and what the
// validator rejects the controller refuses with the same text.
import { describe, expect, it } from "vitest";
import type { CronJob, Job } from "../../../src/api/kinds";
import { cronScheduleError } from "../../../src/api/cron/parse";
import { reconcileCronJob } from "../../../src/reconcile/controllers/cronjob";
import { FakeCluster, iso } from "./helpers/fake-cluster";

const KEY = { resource: "batch/cronjobs", namespace: "default", name: "cj" };
const T0 = Date.parse("2024-01-01T00:00:30Z"); // a Monday
const SLACK_MS = 100;

function cronjob(schedule: string, timeZone?: string): CronJob {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "cj", namespace: "default" },
    spec: { schedule, ...(timeZone ? { timeZone } : {}), jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }], restartPolicy: "OnFailure" } } } } },
  };
}

/** The controller's answer: its first activation after T0, "never", or the UnparseableSchedule text. */
function controllerAnswer(schedule: string, timeZone?: string): { next: string | "never" } | { error: string } {
  const c = new FakeCluster();
  c.now = T0;
  c.add("batch/cronjobs", cronjob(schedule, timeZone));
  const result = c.run(reconcileCronJob, KEY);
  const [unparseable] = c.eventMessages("UnparseableSchedule");
  if (unparseable !== undefined) return { error: unparseable };
  return { next: result.requeueAfterMs === undefined ? "never" : iso(T0 + result.requeueAfterMs - SLACK_MS) };
}

// schedule, first activation after T0 (UTC) or "never"
const ACCEPTED: Array<[string, string]> = [
  ["*/1 * * * *", "2024-01-01T00:01:00Z"],
  ["0 0 * * *", "2024-01-02T00:00:00Z"],
  [" 0 0 * * * ", "2024-01-02T00:00:00Z"],
  ["0 9-17/2 * * mon-fri", "2024-01-01T09:00:00Z"],
  ["15 3 1,15 jan,jul *", "2024-01-01T03:15:00Z"],
  ["30 2 1,15 FEB *", "2024-02-01T02:30:00Z"],
  ["? * * * ?", "2024-01-01T00:01:00Z"],
  ["+5 * * * *", "2024-01-01T00:05:00Z"],
  ["1,,2 * * * *", "2024-01-01T00:01:00Z"],
  ["10/20 * * * *", "2024-01-01T00:10:00Z"],
  ["0 0 13 * 5", "2024-01-05T00:00:00Z"], // day of month OR day of week
  ["0 0 1 * */1", "2024-02-01T00:00:00Z"], // `*/1` is a star: day of month AND day of week
  ["0 0 1 * */2", "2024-01-02T00:00:00Z"], // a real step is not: either
  ["@yearly", "2025-01-01T00:00:00Z"],
  ["@annually", "2025-01-01T00:00:00Z"],
  ["@monthly", "2024-02-01T00:00:00Z"],
  ["@weekly", "2024-01-07T00:00:00Z"],
  ["@daily", "2024-01-02T00:00:00Z"],
  ["@midnight", "2024-01-02T00:00:00Z"],
  ["@hourly", "2024-01-01T01:00:00Z"],
  ["@every 1h30m", "2024-01-01T01:30:30Z"],
  ["@every 1.5m", "2024-01-01T00:02:00Z"],
  ["@every 500ms", "2024-01-01T00:00:31Z"], // at least a second
  ["@every 90s", "2024-01-01T00:02:00Z"],
  ["TZ=Asia/Shanghai 0 9 * * *", "2024-01-01T01:00:00Z"],
  ["CRON_TZ=UTC @daily", "2024-01-02T00:00:00Z"],
  ["0 0 30 2 *", "never"],
  [", * * * *", "never"],
];

// schedule, robfig/cron's error text
const REJECTED: Array<[string, string]> = [
  ["bad", "expected exactly 5 fields, found 1: [bad]"],
  ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
  ["* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]"],
  ["60 * * * *", "end of range (60) above maximum (59): 60"],
  ["0 0 * * 7", "end of range (7) above maximum (6): 7"],
  ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
  ["5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"],
  ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
  ["1/2/3 * * * *", "too many slashes: 1/2/3"],
  ["*/0 * * * *", "step of range should be a positive number: */0"],
  ["*/-1 * * * *", "negative number (-1) not allowed: -1"],
  ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
  ["99999999999999999999 * * * *", 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
  ["@fortnightly", "unrecognized descriptor: @fortnightly"],
  ["@hourly ", "unrecognized descriptor: @hourly "],
  ["@every", "unrecognized descriptor: @every"],
  ["@every 1d", 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
  ["@every 5", 'failed to parse duration @every 5: time: missing unit in duration "5"'],
  ["@every .s", 'failed to parse duration @every .s: time: invalid duration ".s"'],
  ["TZ=UTC", "invalid location descriptior: TZ=UTC"],
  ["TZ=Nowhere/City 0 * * * *", "provided bad location Nowhere/City: unknown time zone Nowhere/City"],
  ["TZ=UTC TZ=UTC 0 * * * *", "expected exactly 5 fields, found 6: [TZ=UTC 0 * * * *]"],
];

describe("validator and controller agree on schedules", () => {
  it.each(ACCEPTED)("%j: valid, and scheduled at %s", (schedule, next) => {
    expect(cronScheduleError(schedule)).toBeNull();
    expect(controllerAnswer(schedule)).toEqual({ next });
  });

  it.each(REJECTED)("%j: invalid with the same text on both sides", (schedule, message) => {
    expect(cronScheduleError(schedule)).toBe(message);
    expect(controllerAnswer(schedule)).toEqual({ error: `unparseable schedule: "${schedule}" : ${message}` });
  });

  it("spec.timeZone is the zone unless the schedule names its own", () => {
    expect(controllerAnswer("0 9 * * *", "Asia/Shanghai")).toEqual({ next: "2024-01-01T01:00:00Z" });
    expect(controllerAnswer("TZ=UTC 0 9 * * *", "Asia/Shanghai")).toEqual({ next: "2024-01-01T09:00:00Z" });
  });

  it("a schedule with its own zone runs there, stamps the zone's offset and is flagged as unsupported", () => {
    const c = new FakeCluster();
    c.now = T0;
    c.add("batch/cronjobs", cronjob("CRON_TZ=Asia/Shanghai 5 8 * * *"));
    c.now = Date.parse("2024-01-01T00:05:00.1Z");
    c.run(reconcileCronJob, KEY);
    const [job] = c.list<Job>("batch/jobs");
    expect(job.metadata.annotations!["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2024-01-01T08:05:00+08:00");
    expect(c.eventMessages("UnsupportedSchedule")[0]).toBe(
      'CRON_TZ or TZ used in schedule "CRON_TZ=Asia/Shanghai 5 8 * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details',
    );
  });
});
