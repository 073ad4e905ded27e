// The course's DaemonSet, Job and CronJob sections ("pod控制器Controller进阶") with the real kubectl.
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, createCluster, type Sandbox } from "./harness";
import { advanceUntil, jsonpath, ok, table } from "./controllers-helpers";
import { CRONJOB, DAEMONSET_NGINX, JOB_BUSYBOX, JOB_PI, PI_PREFIX } from "./course-controllers";

const NODES = ["k8s-master1", "k8s-master2", "k8s-master3", "k8s-worker1"];

describe("DaemonSet: one nginx pod on each of the 4 nodes", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("shows DESIRED 4 … and a pod on every node", async () => {
    expect(await ok(k, ["apply", "-f", k.file("daemonset-nginx.yml", DAEMONSET_NGINX)])).toBe("daemonset.apps/daemonset-nginx created\n");
    await advanceUntil(k, async () => (await k.kubectl(["get", "ds", "daemonset-nginx", "-o", "jsonpath={.status.numberAvailable}"])).stdout === "4", { what: "4 available" });
    const ds = await table(k, ["get", "ds"]);
    expect(ds.headerLine).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/);
    expect(ds.rows).toHaveLength(1);
    expect(ds.rows[0]).toMatchObject({ NAME: "daemonset-nginx", DESIRED: "4", CURRENT: "4", READY: "4", "UP-TO-DATE": "4", AVAILABLE: "4", "NODE SELECTOR": "<none>" });
    const long = await table(k, ["get", "daemonset"]);
    expect(long.rows[0].NAME).toBe("daemonset-nginx");

    const pods = await table(k, ["get", "pods", "-o", "wide"]);
    expect(pods.rows).toHaveLength(4);
    expect(pods.rows.map((r) => r.NODE).sort()).toEqual(NODES);
    for (const p of pods.rows) {
      expect(p.NAME).toMatch(/^daemonset-nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p).toMatchObject({ READY: "1/1", STATUS: "Running", RESTARTS: "0" });
    }
    // each pod is pinned to its node by required node affinity, as the real controller does
    const affinity = await jsonpath(k, ["get", "pods"], "{range .items[*]}{.spec.nodeName}={.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}{\"\\n\"}{end}");
    for (const line of affinity.trim().split("\n")) {
      const [node, pinned] = line.split("=");
      expect(pinned).toBe(node);
    }
  });

  it("recreates a killed pod on the same node", async () => {
    const pods = await table(k, ["get", "pods", "-o", "wide"]);
    const victim = pods.rows.find((r) => r.NODE === "k8s-worker1")!;
    await ok(k, ["delete", "pod", victim.NAME]);
    await advanceUntil(k, async () => {
      const rows = (await table(k, ["get", "pods", "-o", "wide"])).rows;
      return rows.length === 4 && rows.every((r) => r.STATUS === "Running") && !rows.some((r) => r.NAME === victim.NAME);
    }, { what: "replacement" });
    const after = await table(k, ["get", "pods", "-o", "wide"]);
    expect(after.rows.map((r) => r.NODE).sort()).toEqual(NODES);
  });

  it("deletes its pods with it", async () => {
    expect(await ok(k, ["delete", "ds", "daemonset-nginx"])).toBe('daemonset.apps "daemonset-nginx" deleted\n');
    await advanceUntil(k, async () => (await k.kubectl(["get", "pods"])).stderr.includes("No resources found"), { what: "pods gone" });
  });
});

describe("Jobs: pi and busybox-job", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "realistic" });
  });

  it("computes pi to 2000 digits and `kubectl logs` prints them", async () => {
    expect(await ok(k, ["apply", "-f", k.file("job1.yml", JOB_PI)])).toBe("job.batch/pi created\n");
    await advanceUntil(k, async () => (await k.kubectl(["get", "job", "pi", "-o", "jsonpath={.status.succeeded}"])).stdout === "1", { step: 2, pauseMs: 0, what: "pi done" });
    const jobs = await table(k, ["get", "jobs"]);
    expect(jobs.headerLine).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/);
    expect(jobs.rows[0]).toMatchObject({ NAME: "pi", STATUS: "Complete", COMPLETIONS: "1/1" });
    expect(jobs.rows[0].DURATION).toMatch(/^\d+s$/);
    const pods = await table(k, ["get", "pods"]);
    expect(pods.rows).toHaveLength(1);
    expect(pods.rows[0].NAME).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods.rows[0]).toMatchObject({ READY: "0/1", STATUS: "Completed", RESTARTS: "0" });
    const logs = await ok(k, ["logs", pods.rows[0].NAME]);
    expect(logs.startsWith(PI_PREFIX.slice(0, 200))).toBe(true);
    expect(logs).toMatch(/^3\.\d{1999}\n$/);
    expect(await jsonpath(k, ["get", "job", "pi"], "{.status.conditions[?(@.type==\"Complete\")].status} {.spec.completions} {.spec.parallelism} {.spec.backoffLimit}")).toBe("True 1 1 6");
  });

  it("runs busybox-job 10 times, one pod at a time, COMPLETIONS 10/10", async () => {
    expect(await ok(k, ["apply", "-f", k.file("job2.yml", JOB_BUSYBOX)])).toBe("job.batch/busybox-job created\n");
    const seen = new Set<string>();
    await advanceUntil(k, async () => {
      const row = (await table(k, ["get", "job", "busybox-job"])).rows[0];
      seen.add(row.COMPLETIONS);
      const running = (await k.kubectl(["get", "pods", "-l", "job-name=busybox-job", "--field-selector", "status.phase!=Succeeded", "--no-headers"])).stdout.trim();
      expect(running.split("\n").filter((l) => l).length).toBeLessThanOrEqual(1);
      return row.COMPLETIONS === "10/10";
    }, { step: 2, pauseMs: 0, tries: 200, what: "10 completions" });
    // progress shows up in between, as in the course's repeated `kubectl get job`
    expect([...seen].filter((c) => /^[1-9]\/10$/.test(c)).length).toBeGreaterThan(2);
    const job = (await table(k, ["get", "job", "busybox-job"])).rows[0];
    expect(job).toMatchObject({ NAME: "busybox-job", STATUS: "Complete", COMPLETIONS: "10/10" });
    const duration = Number(/^(\d+)s$/.exec(job.DURATION)?.[1]);
    expect(duration).toBeGreaterThanOrEqual(10);
    expect(duration).toBeLessThan(120);

    const pods = await table(k, ["get", "pods", "-l", "job-name=busybox-job"]);
    expect(pods.rows).toHaveLength(10);
    for (const p of pods.rows) {
      expect(p.NAME).toMatch(/^busybox-job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p).toMatchObject({ READY: "0/1", STATUS: "Completed", RESTARTS: "0" });
    }
    // parallelism 1: each pod starts after the previous one finished
    const times = (await jsonpath(k, ["get", "pods", "-l", "job-name=busybox-job", "--sort-by=.metadata.creationTimestamp"], "{range .items[*]}{.metadata.creationTimestamp} {.status.containerStatuses[0].state.terminated.finishedAt}{\"\\n\"}{end}"))
      .trim()
      .split("\n")
      .map((l) => l.split(" ").map((t) => Date.parse(t)));
    for (let i = 1; i < times.length; i++) expect(times[i][0]).toBeGreaterThanOrEqual(times[i - 1][1]);
    expect(await ok(k, ["logs", pods.rows[0].NAME])).toBe("hello\n");
    const events = await ok(k, ["get", "events", "--field-selector", "involvedObject.kind=Job,involvedObject.name=busybox-job", "-o", "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}"]);
    expect(events.split("\n").filter((r) => r === "SuccessfulCreate")).toHaveLength(10);
    expect(events.split("\n")).toContain("Completed");
  });
});

describe("CronJob every minute (batch/v1beta1 manifest)", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("is accepted and listed like the course shows", async () => {
    const r = await k.kubectl(["apply", "-f", k.file("cronjob.yml", CRONJOB)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("cronjob.batch/cronjob1 created\n");
    const cj = await table(k, ["get", "cronjob"]);
    expect(cj.headerLine).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/);
    expect(cj.rows[0]).toMatchObject({ NAME: "cronjob1", SCHEDULE: "* * * * *", TIMEZONE: "<none>", SUSPEND: "False", ACTIVE: "0", "LAST SCHEDULE": "<none>" });
    expect(await jsonpath(k, ["get", "cronjob", "cronjob1"], "{.apiVersion} {.spec.concurrencyPolicy} {.spec.successfulJobsHistoryLimit} {.spec.failedJobsHistoryLimit} {.spec.suspend}")).toBe("batch/v1 Allow 3 1 false");
  });

  it("starts one Job per minute: 5 minutes → 5 Jobs, the last 3 kept", async () => {
    for (let i = 0; i < 5; i++) await k.advance(60);
    await advanceUntil(k, async () => {
      const rows = (await table(k, ["get", "jobs"])).rows;
      return rows.length === 3 && rows.every((r) => r.STATUS === "Complete");
    }, { step: 1, what: "jobs complete" });
    const created = (await ok(k, ["get", "events", "--field-selector", "involvedObject.kind=CronJob,reason=SuccessfulCreate", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}"])).trim().split("\n");
    expect(created).toHaveLength(5);
    const names = created.map((m) => /^Created job (cronjob1-\d+)$/.exec(m)?.[1]);
    expect(names.every((n) => n !== undefined)).toBe(true);
    const minutes = names.map((n) => Number(n!.slice("cronjob1-".length))).sort((a, b) => a - b);
    for (let i = 1; i < minutes.length; i++) expect(minutes[i]).toBe(minutes[i - 1] + 1);

    const jobs = await table(k, ["get", "jobs"]);
    expect(jobs.rows.map((r) => r.NAME)).toEqual(minutes.slice(2).map((m) => `cronjob1-${m}`));
    for (const j of jobs.rows) expect(j.COMPLETIONS).toBe("1/1");
    const deleted = (await ok(k, ["get", "events", "--field-selector", "involvedObject.kind=CronJob,reason=SuccessfulDelete", "-o", "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}"])).trim().split("\n");
    expect(deleted).toEqual(minutes.slice(0, 2).map((m) => `Deleted job cronjob1-${m}`));

    const pods = await table(k, ["get", "pods"]);
    expect(pods.rows).toHaveLength(3);
    for (const p of pods.rows) {
      expect(p.NAME).toMatch(/^cronjob1-\d+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.STATUS).toBe("Completed");
    }
    const logs = await ok(k, ["logs", pods.rows[2].NAME]);
    expect(logs).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:00 UTC \d{4}\nhello kubernetes\n$/);

    const cj = (await table(k, ["get", "cronjob"])).rows[0];
    expect(cj.ACTIVE).toBe("0");
    expect(cj["LAST SCHEDULE"]).toMatch(/^\d+s$/);
    // the job name is the scheduled time in minutes since the epoch on the cluster's clock; served
    // timestamps are on the wall clock, behind the advanced cluster clock by aheadSeconds
    const last = await jsonpath(k, ["get", "cronjob", "cronjob1"], "{.status.lastScheduleTime}");
    const clock = (await (await fetch(`${baseUrl()}/v1/clusters/${k.id}/clock`, { headers: { authorization: "Bearer dev-admin-token" } })).json()) as { aheadSeconds: number };
    expect((Date.parse(last) + clock.aheadSeconds * 1000) / 60_000).toBe(minutes[4]);
  });

  it("is also served as batch/v1beta1", async () => {
    const r = await k.api("/apis/batch/v1beta1/namespaces/default/cronjobs/cronjob1");
    expect(r.status).toBe(200);
    expect(((await r.json()) as { apiVersion: string }).apiVersion).toBe("batch/v1beta1");
  });
});
