import { describe, expect, it } from "vitest";
import type { Job, Pod } from "../../../src/api/kinds";
import { reconcileJob } from "../../../src/reconcile/controllers/job";
import { FakeCluster } from "./helpers/fake-cluster";
import { finish } from "./helpers/objects";

const KEY = { resource: "batch/jobs", namespace: "default", name: "busybox-job" };
function job(spec: Partial<NonNullable<Job["spec"]>> = {}): Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "busybox-job", namespace: "default" },
    spec: { template: { spec: { containers: [{ name: "busybox", image: "busybox", command: ["echo", "hello"] }], restartPolicy: "Never" } }, ...spec },
  };
}
const pods = (c: FakeCluster) => c.list<Pod>("/pods");
function completeActive(c: FakeCluster, phase: "Succeeded" | "Failed" = "Succeeded"): void {
  for (const p of pods(c)) if (!p.status?.phase) c.put("/pods", finish(p, phase));
}

describe("job controller", () => {
  it("runs completions 10 with parallelism 1, one pod at a time, then Complete", () => {
    const c = new FakeCluster();
    c.add("batch/jobs", job({ completions: 10, parallelism: 1 }));
    for (let i = 0; i < 10; i++) {
      c.run(reconcileJob, KEY);
      expect(pods(c).filter((p) => !p.status?.phase)).toHaveLength(1);
      c.now += 3000;
      completeActive(c);
    }
    c.run(reconcileJob, KEY);
    const j = c.get<Job>("batch/jobs", "default", "busybox-job")!;
    expect(j.status).toMatchObject({ succeeded: 10, ready: 0 });
    expect(j.status).not.toHaveProperty("active");
    expect(j.status).not.toHaveProperty("failed");
    expect(j.status!.conditions!.map((x) => [x.type, x.reason])).toEqual([
      ["SuccessCriteriaMet", "CompletionsReached"],
      ["Complete", "CompletionsReached"],
    ]);
    expect(j.status!.completionTime).toBeDefined();
    expect(j.status!.startTime).toBe("2024-01-01T00:00:00Z");
    expect(c.eventMessages("Completed")).toEqual(["Job completed"]);
    const p = pods(c)[0];
    expect(p.metadata.name).toMatch(/^busybox-job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata.labels).toMatchObject({ "batch.kubernetes.io/job-name": "busybox-job", "job-name": "busybox-job", "controller-uid": j.metadata.uid });
    expect(c.eventMessages("SuccessfulCreate").sort()).toEqual(pods(c).map((x) => `Created pod: ${x.metadata.name}`).sort());
    expect(c.run(reconcileJob, KEY).actions).toEqual([]);
  });

  it("fails with BackoffLimitExceeded after backoffLimit+1 failures, with backoff between pods", () => {
    const c = new FakeCluster();
    c.add("batch/jobs", job({ backoffLimit: 1 }));
    c.run(reconcileJob, KEY);
    completeActive(c, "Failed");
    const r = c.run(reconcileJob, KEY);
    expect(r.requeueAfterMs).toBeGreaterThan(0); // backoff before the retry
    c.now += 10_000;
    c.run(reconcileJob, KEY);
    expect(pods(c)).toHaveLength(2);
    completeActive(c, "Failed");
    c.run(reconcileJob, KEY);
    const j = c.get<Job>("batch/jobs", "default", "busybox-job")!;
    expect(j.status!.failed).toBe(2);
    expect(j.status!.conditions!.find((x) => x.type === "Failed")).toMatchObject({ reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" });
    expect(c.events.find((e) => e.reason === "BackoffLimitExceeded")!.type).toBe("Warning");
  });

  it("activeDeadlineSeconds kills active pods and fails with DeadlineExceeded", () => {
    const c = new FakeCluster();
    c.add("batch/jobs", job({ activeDeadlineSeconds: 30 }));
    const r = c.run(reconcileJob, KEY);
    expect(r.requeueAfterMs).toBe(30_000);
    c.now += 30_000;
    c.run(reconcileJob, KEY);
    expect(pods(c)).toHaveLength(0);
    c.run(reconcileJob, KEY);
    const j = c.get<Job>("batch/jobs", "default", "busybox-job")!;
    expect(j.status!.conditions!.map((x) => `${x.type}/${x.reason}`)).toEqual(["FailureTarget/DeadlineExceeded", "Failed/DeadlineExceeded"]);
  });

  it("deletes a finished job after ttlSecondsAfterFinished", () => {
    const c = new FakeCluster();
    c.add("batch/jobs", job({ ttlSecondsAfterFinished: 100 }));
    c.run(reconcileJob, KEY);
    completeActive(c);
    c.run(reconcileJob, KEY);
    expect(c.run(reconcileJob, KEY).requeueAfterMs).toBe(100_000);
    c.now += 100_000;
    c.run(reconcileJob, KEY);
    expect(c.get("batch/jobs", "default", "busybox-job")).toBeUndefined();
  });

  it("parallelism 3 with completions 5 never overshoots", () => {
    const c = new FakeCluster();
    c.add("batch/jobs", job({ completions: 5, parallelism: 3 }));
    c.run(reconcileJob, KEY);
    expect(pods(c)).toHaveLength(3);
    completeActive(c);
    c.run(reconcileJob, KEY);
    expect(pods(c).filter((p) => !p.status?.phase)).toHaveLength(2);
  });
});
