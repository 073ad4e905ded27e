import { describe, expect, it } from "vitest";
import { nonResourceURLMatches, resourceMatches, ruleAllows } from "../../../src/api/rbac/rules";
import type { Attributes } from "../../../src/api/rbac/types";

const res = (verb: string, resource: string, extra: Partial<Attributes> = {}): Attributes => ({ resourceRequest: true, verb, apiGroup: "", resource, namespace: "default", ...extra });

describe("RBAC rule matching", () => {
  it("matches verbs, groups and resources exactly or by *", () => {
    const rule = { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] };
    expect(ruleAllows(res("get", "pods"), rule)).toBe(true);
    expect(ruleAllows(res("delete", "pods"), rule)).toBe(false);
    expect(ruleAllows(res("get", "pods", { apiGroup: "apps" }), rule)).toBe(false);
    expect(ruleAllows(res("get", "services"), rule)).toBe(false);
    expect(ruleAllows(res("delete", "deployments", { apiGroup: "apps" }), { verbs: ["*"], apiGroups: ["*"], resources: ["*"] })).toBe(true);
  });

  it("needs the subresource named, or */<subresource>", () => {
    const podsOnly = { verbs: ["get"], apiGroups: [""], resources: ["pods"] };
    expect(ruleAllows(res("get", "pods", { subresource: "log" }), podsOnly)).toBe(false);
    expect(ruleAllows(res("get", "pods", { subresource: "log" }), { ...podsOnly, resources: ["pods/log"] })).toBe(true);
    expect(resourceMatches({ resources: ["*/scale"] }, "deployments/scale", "scale")).toBe(true);
    expect(resourceMatches({ resources: ["*/scale"] }, "deployments/status", "status")).toBe(false);
    expect(resourceMatches({ resources: ["*/scale"] }, "deployments", "")).toBe(false);
  });

  it("limits to resourceNames when the rule has them", () => {
    const rule = { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"] };
    expect(ruleAllows(res("get", "configmaps", { name: "app-config" }), rule)).toBe(true);
    expect(ruleAllows(res("get", "configmaps", { name: "other" }), rule)).toBe(false);
    // a list names nothing, so a rule with resourceNames does not allow it
    expect(ruleAllows(res("list", "configmaps"), { ...rule, verbs: ["list"] })).toBe(false);
  });

  it("matches non-resource URLs exactly or by a trailing *", () => {
    expect(nonResourceURLMatches({ nonResourceURLs: ["/apis/*"] }, "/apis/apps/v1")).toBe(true);
    expect(nonResourceURLMatches({ nonResourceURLs: ["/apis/*"] }, "/apis")).toBe(false);
    expect(nonResourceURLMatches({ nonResourceURLs: ["/version"] }, "/version/")).toBe(false);
    expect(nonResourceURLMatches({ nonResourceURLs: ["*"] }, "/anything")).toBe(true);
    const nonRes: Attributes = { resourceRequest: false, verb: "get", path: "/healthz" };
    expect(ruleAllows(nonRes, { verbs: ["get"], nonResourceURLs: ["/healthz"] })).toBe(true);
    expect(ruleAllows({ ...nonRes, verb: "post" }, { verbs: ["get"], nonResourceURLs: ["/healthz"] })).toBe(false);
    // a resource rule never allows a path, nor a URL rule a resource
    expect(ruleAllows(nonRes, { verbs: ["*"], apiGroups: ["*"], resources: ["*"] })).toBe(false);
    expect(ruleAllows(res("get", "pods"), { verbs: ["*"], nonResourceURLs: ["*"] })).toBe(false);
  });
});
