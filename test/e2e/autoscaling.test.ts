// kubectl autoscale on a cluster without metrics-server, as on a fresh kubeadm cluster: the HPA keeps
// the replicas within its bounds and reports that it cannot read CPU usage.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";

describe("HorizontalPodAutoscaler without metrics-server", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("autoscale creates an autoscaling/v1 HPA that scales the Deployment up to its minimum", async () => {
    expect(await k.ok(["create", "deployment", "web", "--image=nginx:1.15-alpine"])).toBe("deployment.apps/web created\n");
    expect(await k.ok(["autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu-percent=80"])).toBe("horizontalpodautoscaler.autoscaling/web autoscaled\n");
    const v1 = JSON.parse(await k.ok(["get", "horizontalpodautoscalers.v1.autoscaling", "web", "-o", "json"])) as { apiVersion: string; spec: Record<string, unknown> };
    expect(v1.apiVersion).toBe("autoscaling/v1");
    expect(v1.spec).toEqual({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 });
    const v2 = JSON.parse(await k.ok(["get", "hpa", "web", "-o", "json"])) as { apiVersion: string; spec: { metrics: unknown[] } };
    expect(v2.apiVersion).toBe("autoscaling/v2");
    expect(v2.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);

    await k.advance(40);
    expect((await k.ok(["get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"]))).toBe("2");
    const row = (await k.ok(["get", "hpa", "web", "--no-headers"])).trim().split(/\s{2,}/);
    expect(row.slice(0, 5)).toEqual(["web", "Deployment/web", "cpu: <unknown>/80%", "2", "5"]);
    const describe = await k.ok(["describe", "hpa", "web"]);
    expect(describe).toContain("New size: 2; reason: Current number of replicas below Spec.MinReplicas");
    expect(describe).toMatch(/ScalingActive\s+False\s+FailedGetResourceMetric\s+the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource \(get pods\.metrics\.k8s\.io\)/);
  });

  it("kubectl top has no metrics API to read", async () => {
    const r = await k.kubectl(["top", "pods"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: Metrics API not available\n");
  });
});
