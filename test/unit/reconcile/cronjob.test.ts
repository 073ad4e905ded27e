import { describe, expect, it } from "vitest";
import type { CronJob, Job } from "../../../src/api/kinds";
import { nextAfter } from "../../../src/api/cron/next-time";
import { parseSchedule } from "../../../src/api/cron/parse";
import { reconcileCronJob } from "../../../src/reconcile/controllers/cronjob";
import { FakeCluster, iso } from "./helpers/fake-cluster";

const KEY = { resource: "batch/cronjobs", namespace: "default", name: "cronjob1" };
const at = (s: string) => Date.parse(s);

function cronjob(spec: Partial<NonNullable<CronJob["spec"]>> = {}): CronJob {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "cronjob1", namespace: "default" },
    spec: {
      schedule: "* * * * *",
      jobTemplate: { spec: { template: { spec: { containers: [{ name: "hello", image: "busybox" }], restartPolicy: "OnFailure" } } } },
      ...spec,
    },
  };
}

describe("cron schedule parser", () => {
  it("handles steps, ranges, lists, names and macros", () => {
    const t0 = at("2024-01-01T00:00:30Z"); // a Monday
    expect(iso(nextAfter(parseSchedule("*/15 * * * *"), t0)!)).toBe("2024-01-01T00:15:00Z");
    expect(iso(nextAfter(parseSchedule("0 9-17/4 * * MON-FRI"), t0)!)).toBe("2024-01-01T09:00:00Z");
    expect(iso(nextAfter(parseSchedule("30 2 1,15 FEB *"), t0)!)).toBe("2024-02-01T02:30:00Z");
    expect(iso(nextAfter(parseSchedule("@hourly"), t0)!)).toBe("2024-01-01T01:00:00Z");
    expect(iso(nextAfter(parseSchedule("@weekly"), t0)!)).toBe("2024-01-07T00:00:00Z");
    expect(iso(nextAfter(parseSchedule("0 0 13 * 5"), t0)!)).toBe("2024-01-05T00:00:00Z"); // dom OR dow
    expect(iso(nextAfter(parseSchedule("@every 90s"), t0)!)).toBe("2024-01-01T00:02:00Z");
    expect(() => parseSchedule("61 * * * *")).toThrow();
    expect(() => parseSchedule("* * * *")).toThrow(/5 fields/);
  });

  it("evaluates in a time zone", () => {
    // 09:00 in Shanghai is 01:00 UTC
    expect(iso(nextAfter(parseSchedule("0 9 * * *"), at("2024-01-01T00:00:00Z"), "Asia/Shanghai")!)).toBe("2024-01-01T01:00:00Z");
  });
});

describe("cronjob controller", () => {
  it("creates one job per minute named by scheduled minutes; five minutes → five jobs, history limits applied", () => {
    const c = new FakeCluster();
    c.now = at("2024-01-01T00:00:30Z");
    c.add("batch/cronjobs", cronjob());
    const first = c.run(reconcileCronJob, KEY);
    expect(c.list("batch/jobs")).toHaveLength(0);
    expect(first.requeueAfterMs).toBe(30_100);
    const created: string[] = [];
    for (let m = 1; m <= 5; m++) {
      c.now = at(`2024-01-01T00:0${m}:00.100Z`);
      c.run(reconcileCronJob, KEY);
      const names = c.list<Job>("batch/jobs").map((j) => j.metadata.name!);
      const newest = names.filter((n) => !created.includes(n));
      created.push(...newest);
      // the job completes before the next minute
      for (const j of c.list<Job>("batch/jobs")) {
        if (!j.status?.conditions) c.put("batch/jobs", { ...j, status: { startTime: iso(c.now), completionTime: iso(c.now + 5000), conditions: [{ type: "Complete", status: "True" }] } });
      }
      c.run(reconcileCronJob, KEY);
    }
    const minute = at("2024-01-01T00:01:00Z") / 60_000;
    expect(created).toEqual([0, 1, 2, 3, 4].map((i) => `cronjob1-${minute + i}`));
    expect(c.list<Job>("batch/jobs").map((j) => j.metadata.name)).toEqual(created.slice(2));
    expect(c.eventMessages("SuccessfulCreate")[0]).toBe(`Created job cronjob1-${minute}`);
    expect(c.eventMessages("SawCompletedJob")[0]).toBe(`Saw completed job: cronjob1-${minute}, status: Complete`);
    expect(c.eventMessages("SuccessfulDelete")).toEqual([`Deleted job cronjob1-${minute}`, `Deleted job cronjob1-${minute + 1}`]);
    const cj = c.get<CronJob>("batch/cronjobs", "default", "cronjob1")!;
    expect(cj.status!.lastScheduleTime).toBe("2024-01-01T00:05:00Z");
    expect(cj.status!.lastSuccessfulTime).toBe("2024-01-01T00:05:05Z");
    const job = c.get<Job>("batch/jobs", "default", created[4])!;
    expect(job.metadata.ownerReferences![0]).toMatchObject({ kind: "CronJob", name: "cronjob1", controller: true });
    expect(job.metadata.annotations!["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2024-01-01T00:05:00Z");
  });

  it("Forbid skips while a job is running; Replace deletes it; suspend does nothing", () => {
    const c = new FakeCluster();
    c.now = at("2024-01-01T00:00:30Z");
    c.add("batch/cronjobs", cronjob({ concurrencyPolicy: "Forbid" }));
    c.now = at("2024-01-01T00:01:00.1Z");
    c.run(reconcileCronJob, KEY);
    c.now = at("2024-01-01T00:02:00.1Z");
    c.run(reconcileCronJob, KEY);
    expect(c.list("batch/jobs")).toHaveLength(1);
    expect(c.eventMessages("JobAlreadyActive")).toHaveLength(1);
    const cj = c.get<CronJob>("batch/cronjobs", "default", "cronjob1")!;
    expect(cj.status!.active).toHaveLength(1);
    cj.spec!.concurrencyPolicy = "Replace";
    c.put("batch/cronjobs", cj);
    c.run(reconcileCronJob, KEY);
    expect(c.list<Job>("batch/jobs").map((j) => j.metadata.name)).toEqual([`cronjob1-${at("2024-01-01T00:02:00Z") / 60_000}`]);
    const s = c.get<CronJob>("batch/cronjobs", "default", "cronjob1")!;
    s.spec!.suspend = true;
    c.put("batch/cronjobs", s);
    c.now = at("2024-01-01T00:03:00.1Z");
    c.run(reconcileCronJob, KEY);
    expect(c.list("batch/jobs")).toHaveLength(1);
  });

  it("startingDeadlineSeconds skips a schedule missed by too much", () => {
    const c = new FakeCluster();
    c.now = at("2024-01-01T00:00:30Z");
    c.add("batch/cronjobs", cronjob({ schedule: "0 * * * *", startingDeadlineSeconds: 10 }));
    c.now = at("2024-01-01T01:00:30Z");
    c.run(reconcileCronJob, KEY);
    expect(c.list("batch/jobs")).toHaveLength(0);
  });
});
