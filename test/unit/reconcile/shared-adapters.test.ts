// The controllers' selector and size matching, now done by the API server's own selector and
// quantity code.
import { describe, expect, it } from "vitest";
import type { PersistentVolume, PersistentVolumeClaim } from "../../../src/api/kinds";
import { findMatchingVolume } from "../../../src/reconcile/controllers/pv-binder";
import { mapMatches, selectorMatches, selectsEverything } from "../../../src/reconcile/shared/selectors";

describe("selector adapters", () => {
  it("matches matchLabels and matchExpressions like LabelSelectorAsSelector", () => {
    const sel = { matchLabels: { app: "nginx" }, matchExpressions: [{ key: "tier", operator: "In", values: ["web", "api"] }, { key: "canary", operator: "DoesNotExist" }] };
    expect(selectorMatches(sel, { app: "nginx", tier: "web" })).toBe(true);
    expect(selectorMatches(sel, { app: "nginx", tier: "db" })).toBe(false);
    expect(selectorMatches(sel, { app: "nginx", tier: "web", canary: "yes" })).toBe(false);
    expect(selectorMatches(sel, undefined)).toBe(false);
  });

  it("an empty selector selects everything, a missing or uncompilable one nothing", () => {
    expect(selectorMatches({}, { any: "thing" })).toBe(true);
    expect(selectsEverything({})).toBe(true);
    expect(selectsEverything({ matchLabels: { a: "b" } })).toBe(false);
    expect(selectsEverything(undefined)).toBe(false);
    expect(selectorMatches(undefined, { a: "b" })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "a", operator: "Near", values: ["b"] }] }, { a: "b" })).toBe(false);
  });

  it("maps select like SelectorFromSet", () => {
    expect(mapMatches({ app: "nginx" }, { app: "nginx", x: "y" })).toBe(true);
    expect(mapMatches({ app: "nginx" }, { app: "web" })).toBe(false);
    expect(mapMatches({}, { app: "web" })).toBe(true);
    expect(mapMatches(undefined, undefined)).toBe(true);
  });
});

describe("volume matching by size", () => {
  const pv = (name: string, storage: string): PersistentVolume => ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name },
    spec: { capacity: { storage }, accessModes: ["ReadWriteOnce"], storageClassName: "" },
    status: { phase: "Available" },
  });
  const claim = (storage: string): PersistentVolumeClaim => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "c", namespace: "default", uid: "u1" },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName: "", resources: { requests: { storage } } },
  });

  it("picks the smallest volume at least as large as the request, comparing quantities exactly", () => {
    const volumes = [pv("big", "10Gi"), pv("exact", "1024Mi"), pv("small", "500Mi")];
    expect(findMatchingVolume(claim("1Gi"), volumes)?.metadata.name).toBe("exact");
    expect(findMatchingVolume(claim("1G"), volumes)?.metadata.name).toBe("exact");
    expect(findMatchingVolume(claim("1025Mi"), volumes)?.metadata.name).toBe("big");
    expect(findMatchingVolume(claim("11Gi"), volumes)).toBeUndefined();
  });
});
