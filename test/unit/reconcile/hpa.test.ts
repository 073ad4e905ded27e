import { describe, expect, it } from "vitest";
import type { Deployment, KubeObject, Pod, ReplicationController } from "../../../src/api/kinds";
import { horizontalPodAutoscalerTable, type HorizontalPodAutoscaler } from "../../../src/api/tables/autoscaling";
import { HPAS, HPA_SYNC_PERIOD_MS, reconcileHorizontalPodAutoscaler } from "../../../src/reconcile/controllers/hpa";
import { keysFor } from "../../../src/reconcile";
import type { ObjectRef } from "../../../src/reconcile/types";
import { FakeCluster, iso } from "./helpers/fake-cluster";
import { deployment } from "./helpers/workloads";

const NO_METRICS = "unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";
const CPU_CAUSE = `failed to get cpu utilization: unable to get metrics for resource cpu: ${NO_METRICS}`;

type MetricSpec = NonNullable<NonNullable<HorizontalPodAutoscaler["spec"]>["metrics"]>[number];
const cpu = (percent: number): MetricSpec => ({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: percent } } });

function hpa(name: string, target: { kind: string; name: string; apiVersion?: string }, min: number | undefined, max: number, metrics: MetricSpec[] = [cpu(50)]): HorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace: "default" },
    spec: { scaleTargetRef: { apiVersion: target.apiVersion ?? "apps/v1", kind: target.kind, name: target.name }, minReplicas: min, maxReplicas: max, metrics },
  };
}

const key = (name: string): ObjectRef => ({ resource: HPAS, namespace: "default", name });
const getHpa = (c: FakeCluster, name: string): HorizontalPodAutoscaler => c.get<HorizontalPodAutoscaler>(HPAS, "default", name)!;
const conditions = (c: FakeCluster, name: string) => getHpa(c, name).status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message]);
const warnings = (c: FakeCluster) => c.events.map((e) => [e.type, e.reason, e.message, e.component]);

/** creates the HPA and moves the clock to its first sync */
function createAndWait(c: FakeCluster, obj: HorizontalPodAutoscaler): void {
  c.add(HPAS, obj);
  c.now += HPA_SYNC_PERIOD_MS;
}

describe("horizontal-pod-autoscaler controller", () => {
  it("first syncs one period after creation, then every 15 s", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 3));
    c.add(HPAS, hpa("web", { kind: "Deployment", name: "web" }, 2, 5));
    expect(c.run(reconcileHorizontalPodAutoscaler, key("web"))).toEqual({ actions: [], requeueAfterMs: 15_000 });
    c.now += 5_000;
    expect(c.run(reconcileHorizontalPodAutoscaler, key("web"))).toEqual({ actions: [], requeueAfterMs: 10_000 });
    c.now += 10_000;
    const r = c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(r.requeueAfterMs).toBe(15_000);
    expect(r.actions.length).toBeGreaterThan(0);
  });

  it("reports a missing target with FailedGetScale", () => {
    const c = new FakeCluster();
    createAndWait(c, hpa("web", { kind: "Deployment", name: "web" }, 2, 5));
    const r = c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(r.requeueAfterMs).toBe(15_000);
    expect(warnings(c)).toEqual([["Warning", "FailedGetScale", 'deployments/scale.apps "web" not found', "horizontal-pod-autoscaler"]]);
    expect(conditions(c, "web")).toEqual([["AbleToScale", "False", "FailedGetScale", `the HPA controller was unable to get the target's current scale: deployments/scale.apps "web" not found`]]);
    const status = getHpa(c, "web").status!;
    expect(status.desiredReplicas).toBe(0);
    expect(status.currentReplicas).toBeUndefined();
    expect(status.conditions![0].lastTransitionTime).toBe(iso(c.now));
  });

  it("words other unresolvable targets like the RESTMapper and the scale client", () => {
    const c = new FakeCluster();
    c.add(HPAS, hpa("typo", { kind: "Deploymnet", name: "web" }, 1, 3));
    c.add(HPAS, hpa("rc", { kind: "ReplicationController", name: "old", apiVersion: "v1" }, 1, 3));
    c.add(HPAS, hpa("bad", { kind: "Deployment", name: "web", apiVersion: "apps/v1/x" }, 1, 3));
    c.now += HPA_SYNC_PERIOD_MS;
    for (const n of ["typo", "rc", "bad"]) c.run(reconcileHorizontalPodAutoscaler, key(n));
    expect(c.eventMessages("FailedGetScale")).toEqual([
      'no matches for kind "Deploymnet" in group "apps"',
      'replicationcontrollers/scale "old" not found',
      "unexpected GroupVersion string: apps/v1/x",
    ]);
  });

  it("scales a target below minReplicas up without reading metrics", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 1));
    createAndWait(c, hpa("web", { kind: "Deployment", name: "web" }, 2, 5));
    const scaledAt = c.now;
    c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(c.get<Deployment>("apps/deployments", "default", "web")!.spec!.replicas).toBe(2);
    expect(c.events.map((e) => [e.type, e.reason, e.message])).toEqual([["Normal", "SuccessfulRescale", "New size: 2; reason: Current number of replicas below Spec.MinReplicas"]]);
    expect(conditions(c, "web")).toEqual([["AbleToScale", "True", "SucceededRescale", "the HPA controller was able to update the target scale to 2"]]);
    const status = getHpa(c, "web").status!;
    expect(status).toMatchObject({ currentReplicas: 1, desiredReplicas: 2, lastScaleTime: iso(scaledAt) });

    // the next sync finds the target within bounds and fails on the metrics
    c.events = [];
    c.now += HPA_SYNC_PERIOD_MS;
    c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(conditions(c, "web")).toEqual([
      ["AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale"],
      ["ScalingActive", "False", "FailedGetResourceMetric", `the HPA was unable to compute the replica count: ${CPU_CAUSE}`],
    ]);
    const after = getHpa(c, "web");
    expect(after.status).toMatchObject({ currentReplicas: 2, desiredReplicas: 2, lastScaleTime: iso(scaledAt), currentMetrics: [{ type: "" }] });
    // AbleToScale stayed True: its transition time is the first sync's
    expect(after.status!.conditions![0].lastTransitionTime).toBe(iso(scaledAt));
    expect(horizontalPodAutoscalerTable.cells(after, { now: c.now } as Parameters<typeof horizontalPodAutoscalerTable.cells>[1]).slice(0, 6)).toEqual([
      "web",
      "Deployment/web",
      "cpu: <unknown>/50%",
      "2",
      5,
      2,
    ]);
  });

  it("scales a target above maxReplicas down", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 10));
    createAndWait(c, hpa("web", { kind: "Deployment", name: "web" }, undefined, 5));
    c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(c.get<Deployment>("apps/deployments", "default", "web")!.spec!.replicas).toBe(5);
    expect(c.eventMessages("SuccessfulRescale")).toEqual(["New size: 5; reason: Current number of replicas above Spec.MaxReplicas"]);
  });

  it("within bounds: ScalingActive False with the metrics API error, replicas unchanged", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 3));
    createAndWait(c, hpa("web", { kind: "Deployment", name: "web" }, 2, 5));
    const r = c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(r.actions.some((a) => a.type === "update")).toBe(false);
    expect(c.get<Deployment>("apps/deployments", "default", "web")!.spec!.replicas).toBe(3);
    expect(warnings(c)).toEqual([
      ["Warning", "FailedGetResourceMetric", CPU_CAUSE, "horizontal-pod-autoscaler"],
      [
        "Warning",
        "FailedComputeMetricsReplicas",
        `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${CPU_CAUSE}`,
        "horizontal-pod-autoscaler",
      ],
    ]);
    expect(conditions(c, "web")).toEqual([
      ["AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale"],
      [
        "ScalingActive",
        "False",
        "FailedGetResourceMetric",
        "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)",
      ],
    ]);
    const status = getHpa(c, "web").status!;
    expect(status).toMatchObject({ currentReplicas: 3, desiredReplicas: 0, currentMetrics: [{ type: "" }] });
    expect(status.lastScaleTime).toBeUndefined();

    // an unchanged outcome writes no status, only the (aggregated) events again
    c.now += HPA_SYNC_PERIOD_MS;
    const again = c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(again.actions.map((a) => a.type)).toEqual(["event", "event"]);
  });

  it("reports each metric and quotes the first one", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 2));
    const memory: MetricSpec = { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "200Mi" } } };
    const pods: MetricSpec = { type: "Pods", pods: { metric: { name: "packets-per-second" }, target: { type: "AverageValue", averageValue: "1k" } } };
    createAndWait(c, hpa("web", { kind: "Deployment", name: "web" }, 1, 5, [memory, pods]));
    c.run(reconcileHorizontalPodAutoscaler, key("web"));
    const memoryCause = `failed to get memory usage: unable to get metrics for resource memory: ${NO_METRICS}`;
    const podsCause = "unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";
    expect(c.events.map((e) => [e.reason, e.message])).toEqual([
      ["FailedGetResourceMetric", memoryCause],
      ["FailedGetPodsMetric", podsCause],
      ["FailedComputeMetricsReplicas", `invalid metrics (2 invalid out of 2), first error is: failed to get memory resource metric value: ${memoryCause}`],
    ]);
    expect(getHpa(c, "web").status!.currentMetrics).toEqual([{ type: "" }, { type: "" }]);
  });

  it("disables scaling when the target has zero replicas", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 0));
    createAndWait(c, hpa("web", { kind: "Deployment", name: "web" }, 2, 5));
    const r = c.run(reconcileHorizontalPodAutoscaler, key("web"));
    expect(r.requeueAfterMs).toBe(15_000);
    expect(c.events).toEqual([]);
    expect(c.get<Deployment>("apps/deployments", "default", "web")!.spec!.replicas).toBe(0);
    expect(conditions(c, "web")).toEqual([
      ["AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale"],
      ["ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"],
    ]);
    const status = getHpa(c, "web").status!;
    expect(status.currentReplicas).toBeUndefined();
    expect(status.desiredReplicas).toBe(0);
  });

  it("scales a ReplicationController through its scale", () => {
    const c = new FakeCluster();
    const rc: ReplicationController = {
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name: "old", namespace: "default" },
      spec: { replicas: 1, selector: { app: "old" }, template: { metadata: { labels: { app: "old" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    };
    c.add("/replicationcontrollers", rc);
    createAndWait(c, hpa("old", { kind: "ReplicationController", name: "old", apiVersion: "v1" }, 3, 5));
    c.run(reconcileHorizontalPodAutoscaler, key("old"));
    expect(c.get<ReplicationController>("/replicationcontrollers", "default", "old")!.spec!.replicas).toBe(3);
    expect(c.eventMessages("SuccessfulRescale")).toEqual(["New size: 3; reason: Current number of replicas below Spec.MinReplicas"]);
  });

  it("refuses pods selected by two HPAs", () => {
    const c = new FakeCluster();
    c.add("apps/deployments", deployment("web", 2));
    const pod: Pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web-1", namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    c.add("/pods", pod);
    c.add(HPAS, hpa("web-b", { kind: "Deployment", name: "web" }, 1, 5));
    createAndWait(c, hpa("web-a", { kind: "Deployment", name: "web" }, 1, 5));
    c.run(reconcileHorizontalPodAutoscaler, key("web-a"));
    const message = "pods by selector app=web are controlled by multiple HPAs: [default/web-a default/web-b]";
    expect(c.events.map((e) => [e.reason, e.message])).toEqual([
      ["AmbiguousSelector", message],
      ["FailedComputeMetricsReplicas", message],
    ]);
    expect(conditions(c, "web-a")?.[1]).toEqual(["ScalingActive", "False", "AmbiguousSelector", message]);
  });

  it("is started by a new HPA or a new spec, not by its own status writes", () => {
    const c = new FakeCluster();
    const created = c.add(HPAS, hpa("web", { kind: "Deployment", name: "web" }, 1, 5));
    const opts = { resources: [HPAS], namespacedResources: [HPAS] };
    const controllers = (change: Parameters<typeof keysFor>[0]) => keysFor(change, c, opts).map((w) => w.controller);
    expect(controllers({ resource: HPAS, object: created })).toContain("horizontal-pod-autoscaler");
    const statusWrite: KubeObject = { ...created, status: { desiredReplicas: 0 } };
    expect(controllers({ resource: HPAS, object: statusWrite, old: created })).not.toContain("horizontal-pod-autoscaler");
    const edited: KubeObject = { ...created, metadata: { ...created.metadata, generation: 2 } };
    expect(controllers({ resource: HPAS, object: edited, old: created })).toContain("horizontal-pod-autoscaler");
  });
});
