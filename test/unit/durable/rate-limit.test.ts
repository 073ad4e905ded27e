import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../src/durable/rate-limit";

describe("per-cluster token bucket", () => {
  it("allows a burst, then asks the client to wait, then refills", () => {
    const b = new TokenBucket(10, 3);
    const t0 = Date.now();
    expect([b.take(t0), b.take(t0), b.take(t0)]).toEqual([0, 0, 0]);
    expect(b.take(t0)).toBe(1);
    expect(b.take(t0 + 100)).toBe(0);
    expect(b.take(t0 + 100)).toBe(1);
  });
});
