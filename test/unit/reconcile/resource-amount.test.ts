import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/kinds";
import { podRequests, resourceAmount } from "../../../src/reconcile/scheduler/resources";

describe("scheduler resource amounts", () => {
  it("reads quantities with the API server's parser, absent as zero and rejected as NaN", () => {
    expect(resourceAmount("250m")).toBeCloseTo(0.25);
    expect(resourceAmount("128Mi")).toBe(134_217_728);
    expect(resourceAmount("1G")).toBe(1e9);
    expect(resourceAmount(3)).toBe(3);
    expect(resourceAmount(undefined)).toBe(0);
    expect(resourceAmount("1.2.3")).toBeNaN();
  });

  it("sums containers, takes the largest init container and adds overhead", () => {
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default" },
      spec: {
        containers: [
          { name: "a", image: "x", resources: { requests: { cpu: "250m", memory: "64Mi" } } },
          { name: "b", image: "x", resources: { requests: { cpu: "500m" } } },
        ],
        initContainers: [{ name: "i", image: "x", resources: { requests: { cpu: "1", memory: "32Mi" } } }],
        overhead: { memory: "1Mi" },
      },
    };
    const req = podRequests(pod);
    expect(req.cpu).toBeCloseTo(1);
    expect(req.memory).toBe(65 * 2 ** 20);
  });
});
