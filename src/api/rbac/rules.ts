// One PolicyRule against one request, exactly as rbac/v1 helpers match them upstream: `*` matches
// any verb, group or resource, `*/<sub>` any resource's subresource, an empty resourceNames any
// name, and a nonResourceURL ending in `*` every path with that prefix.
import type { Attributes, PolicyRule } from "./types";

const has = (list: readonly string[] | undefined, value: string): boolean => !!list && (list.includes("*") || list.includes(value));

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, group);
}

export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === "*" || r === combined) return true;
    if (subresource && r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === "*" || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.replace(/\*+$/, ""))) return true;
  }
  return false;
}

export function ruleAllows(attrs: Attributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.resourceRequest) return nonResourceURLMatches(rule, attrs.path ?? "");
  const sub = attrs.subresource ?? "";
  const resource = attrs.resource ?? "";
  return (
    apiGroupMatches(rule, attrs.apiGroup ?? "") &&
    resourceMatches(rule, sub ? `${resource}/${sub}` : resource, sub) &&
    resourceNameMatches(rule, attrs.name ?? "")
  );
}
