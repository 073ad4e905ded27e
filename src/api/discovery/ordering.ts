// Order of groups, versions and resources in discovery. kubectl expands `all`, resolves short
// names and prints `api-resources` in discovery order, so it has to match kube-apiserver:
// groups by the aggregator's group priority (kube-aggregator + controlplane tables, v1.31),
// versions by "kube-aware" version priority, resources alphabetically within a group-version.
import type { ResourceDef } from "../resource";

/** groupPriorityMinimum of built-in groups; ties are broken by group name. */
export const GROUP_PRIORITY: Readonly<Record<string, number>> = {
  "": 18000,
  "apiregistration.k8s.io": 17900,
  apps: 17800,
  "events.k8s.io": 17750,
  "authentication.k8s.io": 17700,
  "authorization.k8s.io": 17600,
  autoscaling: 17500,
  batch: 17400,
  "certificates.k8s.io": 17300,
  "networking.k8s.io": 17200,
  policy: 17100,
  "rbac.authorization.k8s.io": 17000,
  "storage.k8s.io": 16800,
  "admissionregistration.k8s.io": 16700,
  "apiextensions.k8s.io": 16700,
  "scheduling.k8s.io": 16600,
  "coordination.k8s.io": 16500,
  "node.k8s.io": 16300,
  "discovery.k8s.io": 16200,
  "flowcontrol.apiserver.k8s.io": 16100,
  "internal.apiserver.k8s.io": 16000,
  "resource.k8s.io": 15900,
  "storagemigration.k8s.io": 15800,
};

/** CRD groups get groupPriorityMinimum 1000 from the apiextensions controller. */
const CUSTOM_GROUP_PRIORITY = 1000;

export function groupPriority(group: string): number {
  return GROUP_PRIORITY[group] ?? CUSTOM_GROUP_PRIORITY;
}

export function compareGroups(a: string, b: string): number {
  const byPriority = groupPriority(b) - groupPriority(a);
  if (byPriority !== 0) return byPriority;
  return a < b ? -1 : a > b ? 1 : 0;
}

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Sort comparator putting the most preferred version first: GA before beta before alpha, higher
 * numbers first; versions that do not look like Kubernetes versions go last, alphabetically.
 */
export function compareVersions(a: string, b: string): number {
  const ma = KUBE_VERSION.exec(a);
  const mb = KUBE_VERSION.exec(b);
  if (!ma || !mb) {
    if (ma) return -1;
    if (mb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const stability = (m: RegExpExecArray): number => (m[2] === undefined ? 2 : m[2] === "beta" ? 1 : 0);
  if (stability(ma) !== stability(mb)) return stability(mb) - stability(ma);
  if (Number(ma[1]) !== Number(mb[1])) return Number(mb[1]) - Number(ma[1]);
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}

export type ResourceOrder = "upstream" | "input";

export interface DiscoveryOptions {
  /**
   * "upstream" (default): resources sorted by name within a group-version like kube-apiserver;
   * "input": keep the order of the ResourceDef array.
   */
  resourceOrder?: ResourceOrder;
}

export interface GroupInfo {
  group: string;
  /** served versions, preferred first */
  versions: string[];
}

export function servesVersion(res: ResourceDef, version: string): boolean {
  return res.versions.some((v) => v.version === version && v.served);
}

/** Groups (core included as "") with their served versions, in discovery order. */
export function servedGroups(resources: readonly ResourceDef[]): GroupInfo[] {
  const byGroup = new Map<string, Set<string>>();
  for (const res of resources) {
    for (const v of res.versions) {
      if (!v.served) continue;
      let set = byGroup.get(res.group);
      if (!set) {
        set = new Set();
        byGroup.set(res.group, set);
      }
      set.add(v.version);
    }
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => compareGroups(a, b))
    .map(([group, versions]) => ({ group, versions: [...versions].sort(compareVersions) }));
}

/** Resources served in one group-version, in discovery order. */
export function resourcesIn(
  resources: readonly ResourceDef[],
  group: string,
  version: string,
  order: ResourceOrder = "upstream",
): ResourceDef[] {
  const selected = resources.filter((r) => r.group === group && servesVersion(r, version));
  if (order === "input") return selected;
  return [...selected].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}

export function groupVersionString(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

export function sortedVerbs(verbs: readonly string[]): string[] {
  return [...new Set(verbs)].sort();
}
