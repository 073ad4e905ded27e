import { describe, expect, it } from "vitest";
import type { ControllerRevision, CronJob, DaemonSet, Deployment, Job, ReplicaSet, ReplicationController, StatefulSet } from "../../../src/api/kinds";
import {
  controllerRevisionTable,
  daemonSetTable,
  deploymentTable,
  replicaSetTable,
  replicationControllerTable,
  statefulSetTable,
} from "../../../src/api/tables/workloads";
import { cronJobTable, jobTable } from "../../../src/api/tables/batch";
import { ago, ctx } from "./helpers";

const template = {
  metadata: { labels: { app: "nginx" } },
  spec: { containers: [{ name: "nginx", image: "nginx:1.25" }, { name: "sidecar", image: "busybox:1.36" }] },
};

const names = (cols: Array<{ name: string; priority: number }>) => cols.map((c) => (c.priority ? `(${c.name})` : c.name)).join(" ");

describe("Deployment", () => {
  const deploy: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "nginx-server1", namespace: "demo", creationTimestamp: ago(3 * 3600 + 20 * 60) },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "nginx", tier: "web" }, matchExpressions: [{ key: "env", operator: "In", values: ["prod", "dev"] }] },
      template,
    },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };

  it("has READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR", () => {
    expect(names(deploymentTable.columns)).toBe("Name Ready Up-to-date Available Age (Containers) (Images) (Selector)");
  });

  it("renders ready/desired and the selector string", () => {
    expect(deploymentTable.cells(deploy, ctx)).toEqual([
      "nginx-server1",
      "2/3",
      3,
      2,
      "3h20m",
      "nginx,sidecar",
      "nginx:1.25,busybox:1.36",
      "app=nginx,env in (dev,prod),tier=web",
    ]);
  });

  it("shows 0/N before the controller has reported status", () => {
    const fresh: Deployment = { ...deploy, status: undefined, metadata: { ...deploy.metadata, creationTimestamp: ago(3) } };
    expect(deploymentTable.cells(fresh, ctx).slice(0, 5)).toEqual(["nginx-server1", "0/3", 0, 0, "3s"]);
  });
});

describe("ReplicaSet / ReplicationController / StatefulSet / DaemonSet", () => {
  it("ReplicaSet: DESIRED CURRENT READY", () => {
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "nginx-7c5ddbdf54", creationTimestamp: ago(45) },
      spec: { replicas: 3, selector: { matchLabels: { app: "nginx", "pod-template-hash": "7c5ddbdf54" } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    };
    expect(names(replicaSetTable.columns)).toBe("Name Desired Current Ready Age (Containers) (Images) (Selector)");
    expect(replicaSetTable.cells(rs, ctx)).toEqual([
      "nginx-7c5ddbdf54",
      3,
      3,
      1,
      "45s",
      "nginx,sidecar",
      "nginx:1.25,busybox:1.36",
      "app=nginx,pod-template-hash=7c5ddbdf54",
    ]);
  });

  it("ReplicationController: map selector formatted like labels", () => {
    const rc: ReplicationController = {
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name: "rc", creationTimestamp: ago(120) },
      spec: { replicas: 2, selector: { app: "nginx" }, template },
      status: { replicas: 2, readyReplicas: 2 },
    };
    expect(replicationControllerTable.cells(rc, ctx)).toEqual(["rc", 2, 2, 2, "2m", "nginx,sidecar", "nginx:1.25,busybox:1.36", "app=nginx"]);
  });

  it("StatefulSet: READY as ready/desired", () => {
    const sts: StatefulSet = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web", creationTimestamp: ago(3 * 86400 + 4 * 3600) },
      spec: { replicas: 3, serviceName: "web", selector: { matchLabels: { app: "nginx" } }, template },
      status: { replicas: 2, readyReplicas: 2 },
    };
    expect(names(statefulSetTable.columns)).toBe("Name Ready Age (Containers) (Images)");
    expect(statefulSetTable.cells(sts, ctx)).toEqual(["web", "2/3", "3d4h", "nginx,sidecar", "nginx:1.25,busybox:1.36"]);
  });

  it("DaemonSet: scheduling counters and NODE SELECTOR", () => {
    const ds: DaemonSet = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "fluentd", creationTimestamp: ago(120 * 86400) },
      spec: {
        selector: { matchLabels: { name: "fluentd" } },
        template: { ...template, spec: { ...template.spec, nodeSelector: { "kubernetes.io/os": "linux" } } },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
    };
    expect(names(daemonSetTable.columns)).toBe(
      "Name Desired Current Ready Up-to-date Available Node Selector Age (Containers) (Images) (Selector)",
    );
    expect(daemonSetTable.cells(ds, ctx)).toEqual([
      "fluentd",
      3,
      3,
      2,
      3,
      2,
      "kubernetes.io/os=linux",
      "120d",
      "nginx,sidecar",
      "nginx:1.25,busybox:1.36",
      "name=fluentd",
    ]);
    const noSelector: DaemonSet = { ...ds, spec: { ...ds.spec!, template } };
    expect(daemonSetTable.cells(noSelector, ctx)[6]).toBe("<none>");
  });

  it("ControllerRevision: controller as kind.group/name", () => {
    const cr: ControllerRevision = {
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: {
        name: "web-6d4b7d8b9c",
        creationTimestamp: ago(60),
        ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "u1", controller: true }],
      },
      revision: 2,
    };
    expect(controllerRevisionTable.cells(cr, ctx)).toEqual(["web-6d4b7d8b9c", "statefulset.apps/web", 2, "60s"]);
    expect(controllerRevisionTable.cells({ ...cr, metadata: { name: "orphan" } }, ctx)[1]).toBe("<none>");
  });
});

describe("Job", () => {
  const job = (status: Job["status"], spec: Partial<NonNullable<Job["spec"]>> = {}, deleting = false): Job => ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi", creationTimestamp: ago(300), ...(deleting ? { deletionTimestamp: ago(1) } : {}) },
    spec: { completions: 1, parallelism: 1, template: { spec: { containers: [{ name: "pi", image: "perl:5.34" }], restartPolicy: "Never" } }, selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "abc" } }, ...spec },
    status,
  });

  it("has NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR", () => {
    expect(names(jobTable.columns)).toBe("Name Status Completions Duration Age (Containers) (Images) (Selector)");
  });

  it("Complete with a fixed duration", () => {
    const done = job({
      succeeded: 1,
      startTime: ago(290),
      completionTime: ago(250),
      conditions: [{ type: "SuccessCriteriaMet", status: "True" }, { type: "Complete", status: "True" }],
    });
    expect(jobTable.cells(done, ctx)).toEqual(["pi", "Complete", "1/1", "40s", "5m", "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=abc"]);
  });

  it("Running measures the duration until now", () => {
    expect(jobTable.cells(job({ active: 1, startTime: ago(150) }), ctx).slice(1, 4)).toEqual(["Running", "0/1", "2m30s"]);
  });

  it("Failed, Suspended, FailureTarget, Terminating", () => {
    expect(jobTable.cells(job({ failed: 2, conditions: [{ type: "Failed", status: "True" }] }), ctx)[1]).toBe("Failed");
    expect(jobTable.cells(job({ conditions: [{ type: "Suspended", status: "True" }] }), ctx)[1]).toBe("Suspended");
    expect(jobTable.cells(job({ conditions: [{ type: "FailureTarget", status: "True" }] }), ctx)[1]).toBe("FailureTarget");
    expect(jobTable.cells(job({ active: 1 }, {}, true), ctx)[1]).toBe("Terminating");
    expect(jobTable.cells(job({ conditions: [{ type: "Complete", status: "False" }] }), ctx)[1]).toBe("Running");
  });

  it("COMPLETIONS for work queues and without a start time", () => {
    expect(jobTable.cells(job({ succeeded: 2 }, { completions: undefined, parallelism: 3 }), ctx).slice(2, 4)).toEqual(["2/1 of 3", ""]);
    expect(jobTable.cells(job({}, { completions: undefined, parallelism: 1 }), ctx)[2]).toBe("0/1");
    expect(jobTable.cells(job({ succeeded: 3 }, { completions: 5, parallelism: 2 }), ctx)[2]).toBe("3/5");
  });
});

describe("CronJob", () => {
  const cj: CronJob = {
      apiVersion: "batch/v1",
      kind: "CronJob",
    metadata: { name: "hello", creationTimestamp: ago(2 * 86400) },
    spec: {
      schedule: "*/1 * * * *",
      jobTemplate: { spec: { template: { spec: { containers: [{ name: "hello", image: "busybox:1.28" }], restartPolicy: "OnFailure" } } } },
      suspend: false,
    },
    status: { active: [{ name: "hello-29000000", namespace: "default" }], lastScheduleTime: ago(42) },
  };

  it("has NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE | ...", () => {
    expect(names(cronJobTable.columns)).toBe("Name Schedule Timezone Suspend Active Last Schedule Age (Containers) (Images) (Selector)");
  });

  it("renders schedule, timezone, suspend and last schedule", () => {
    expect(cronJobTable.cells(cj, ctx)).toEqual(["hello", "*/1 * * * *", "<none>", "False", 1, "42s", "2d", "hello", "busybox:1.28", "<none>"]);
    const tz: CronJob = { ...cj, spec: { ...cj.spec!, timeZone: "Asia/Shanghai", suspend: true }, status: {} };
    expect(cronJobTable.cells(tz, ctx).slice(2, 6)).toEqual(["Asia/Shanghai", "True", 0, "<none>"]);
    const unset: CronJob = { ...cj, spec: { ...cj.spec!, suspend: undefined } };
    expect(cronJobTable.cells(unset, ctx)[3]).toBe("<unset>");
  });
});
