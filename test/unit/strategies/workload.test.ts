import { describe, expect, it } from "vitest";
import { cloneAs, create, update } from "./helpers";

const template = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: "web", image: "nginx:1.25" }], ...extra },
});

const deployment = (spec: Record<string, unknown>) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec });

describe("workload defaults", () => {
  it("fills a Deployment like kubectl create deployment sees it", () => {
    const { obj, messages } = create(deployment({ selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }) }));
    expect(messages).toEqual([]);
    const spec = obj.spec as Record<string, unknown> & { template: { metadata: unknown; spec: Record<string, unknown> } };
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.metadata).toEqual({ labels: { app: "web" }, creationTimestamp: null });
    expect(spec.template.spec.restartPolicy).toBe("Always");
    expect(spec.template.spec.serviceAccountName).toBeUndefined();
    expect(spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(obj.metadata.generation).toBe(1);
  });

  it("fills StatefulSet, DaemonSet, Job and CronJob defaults", () => {
    const sts = create({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        serviceName: "db",
        selector: { matchLabels: { app: "db" } },
        template: template({ app: "db" }),
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      },
    });
    expect(sts.messages).toEqual([]);
    const stsSpec = sts.obj.spec as Record<string, unknown> & { volumeClaimTemplates: Array<Record<string, unknown>> };
    expect(stsSpec.podManagementPolicy).toBe("OrderedReady");
    expect(stsSpec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    expect(stsSpec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(stsSpec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: "v1", kind: "PersistentVolumeClaim", spec: { volumeMode: "Filesystem" }, status: { phase: "Pending" } });

    const ds = create({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec: { selector: { matchLabels: { app: "a" } }, template: template({ app: "a" }) } });
    expect(ds.messages).toEqual([]);
    expect((ds.obj.spec as Record<string, unknown>).updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });

    const job = create({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { template: template({}, { restartPolicy: "Never" }) } });
    expect(job.messages).toEqual([]);
    const uid = job.obj.metadata.uid ?? "";
    expect(uid).not.toBe("");
    const jobSpec = job.obj.spec as Record<string, unknown> & { template: { metadata: { labels: Record<string, string> } } };
    expect(jobSpec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: "NonIndexed", suspend: false, manualSelector: false });
    expect(jobSpec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    const expectedLabels = { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi" };
    expect(jobSpec.template.metadata.labels).toEqual(expectedLabels);
    expect(job.obj.metadata.labels).toEqual(expectedLabels);

    const cj = create({
      apiVersion: "batch/v1beta1",
      kind: "CronJob",
      metadata: { name: "hello" },
      spec: { schedule: "*/1 * * * *", jobTemplate: { spec: { template: template({}, { restartPolicy: "OnFailure" }) } } },
    });
    expect(cj.messages).toEqual([]);
    expect(cj.obj.apiVersion).toBe("batch/v1");
    expect(cj.obj.spec).toMatchObject({ concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
  });
});

describe("workload validation messages", () => {
  it("reports a missing selector and the mismatch with the template", () => {
    expect(create(deployment({ template: template({ app: "x" }) })).messages).toEqual([
      "spec.selector: Required value",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
  });

  it("reports negative replicas", () => {
    expect(create(deployment({ replicas: -1, selector: { matchLabels: { app: "x" } }, template: template({ app: "x" }) })).messages).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });

  it("rejects a non-Always restart policy in a Deployment", () => {
    expect(create(deployment({ selector: { matchLabels: { app: "x" } }, template: template({ app: "x" }, { restartPolicy: "Never" }) })).messages).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("keeps the selector immutable", () => {
    const { obj } = create(deployment({ selector: { matchLabels: { app: "x" } }, template: template({ app: "x", tier: "web" }) }));
    const next = cloneAs<Record<string, unknown> & { spec: Record<string, unknown> }>(obj);
    next.spec.selector = { matchLabels: { app: "x", tier: "web" } };
    expect(update(obj, next).messages).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it("checks the StatefulSet partition", () => {
    const sts = create({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: { selector: { matchLabels: { app: "db" } }, template: template({ app: "db" }), updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: -1 } } },
    });
    expect(sts.messages).toEqual(["spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("rejects a Job whose pods would restart", () => {
    const job = create({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { template: template({}) } });
    expect(job.messages).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"']);
  });

  it("rejects an unparseable CronJob schedule", () => {
    const cj = create({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "hello" },
      spec: { schedule: "bad", jobTemplate: { spec: { template: template({}, { restartPolicy: "OnFailure" }) } } },
    });
    expect(cj.messages).toEqual(['spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]']);
  });

  it("keeps Job templates immutable", () => {
    const { obj } = create({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: { template: template({}, { restartPolicy: "Never" }) } });
    const next = cloneAs<Record<string, unknown> & { spec: { template: { spec: { containers: Array<{ image: string }> } } } }>(obj);
    next.spec.template.spec.containers[0].image = "perl";
    const { messages } = update(obj, next);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^spec\.template: Invalid value: core\.PodTemplateSpec.*: field is immutable$/s);
  });
});
