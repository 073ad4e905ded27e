// autoscaling/v1 over the v2 storage: the CPU target in the spec, the rest in the alpha annotations.
import { describe, expect, it } from "vitest";
import { hpaFromV1, hpaToV1 } from "../../../src/api/conversions/hpa-v1";
import type { KubeObject } from "../../../src/api/kinds";

const v1: KubeObject = {
  apiVersion: "autoscaling/v1",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "default" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
};

describe("autoscaling/v1 HorizontalPodAutoscaler conversion", () => {
  it("turns the CPU target into a v2 Resource metric and back", () => {
    const stored = hpaFromV1(v1);
    expect(stored.apiVersion).toBe("autoscaling/v2");
    expect(stored.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
    });
    expect(hpaToV1(stored)).toEqual(v1);
  });

  it("keeps what v1 cannot say in the alpha annotations", () => {
    const memory = { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "100Mi" } } };
    const behavior = { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] } };
    const conditions = [{ type: "AbleToScale", status: "True", reason: "SucceededGetScale" }];
    const stored: KubeObject = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web" },
      spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }, memory], behavior },
      status: { currentReplicas: 1, desiredReplicas: 1, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 12 } } }], conditions },
    };
    const served = hpaToV1(stored);
    expect(served.spec).toEqual({ scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 });
    expect(served.status).toEqual({ currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 12 });
    expect(JSON.parse(served.metadata.annotations?.["autoscaling.alpha.kubernetes.io/metrics"] ?? "")).toEqual([memory]);
    expect(JSON.parse(served.metadata.annotations?.["autoscaling.alpha.kubernetes.io/conditions"] ?? "")).toEqual(conditions);
    expect(hpaFromV1(served)).toEqual(stored);
  });

  it("ignores an annotation that is not JSON", () => {
    const stored = hpaFromV1({ ...v1, metadata: { name: "web", annotations: { "autoscaling.alpha.kubernetes.io/metrics": "{not json" } } });
    expect(stored.metadata.annotations).toBeUndefined();
    expect((stored.spec as { metrics: unknown[] }).metrics).toHaveLength(1);
  });
});
