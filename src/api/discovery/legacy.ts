// Unaggregated discovery documents, used by clients that do not ask for aggregated discovery
// (and by kubectl when the aggregated answer is missing): /api, /apis, /apis/<g>, /api/v1, /apis/<g>/<v>.
import type { ResourceDef } from "../resource";
import { groupVersionString, resourcesIn, servedGroups, sortedVerbs, type DiscoveryOptions } from "./ordering";
import { resourceStorageVersionHash } from "./storage-version-hash";

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  kind?: "APIGroup";
  apiVersion?: "v1";
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIGroupList {
  kind: "APIGroupList";
  apiVersion: "v1";
  groups: APIGroup[];
}

export interface APIVersions {
  kind: "APIVersions";
  versions: string[];
  serverAddressByClientCIDRs: Array<{ clientCIDR: string; serverAddress: string }>;
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: "APIResourceList";
  apiVersion?: "v1";
  groupVersion: string;
  resources: APIResource[];
}

export interface LegacyDiscoveryOptions extends DiscoveryOptions {
  /** include storageVersionHash on main resources (default true, like kube-apiserver) */
  storageVersionHash?: boolean;
}

/** GET /api (legacy). `serverAddress` is host:port as the client reached the server. */
export function buildApiVersions(resources: readonly ResourceDef[], serverAddress = ""): APIVersions {
  const core = servedGroups(resources).find((g) => g.group === "");
  return {
    kind: "APIVersions",
    versions: core ? core.versions : ["v1"],
    serverAddressByClientCIDRs: serverAddress ? [{ clientCIDR: "0.0.0.0/0", serverAddress }] : [],
  };
}

function groupEntry(group: string, versions: string[]): APIGroup {
  const list = versions.map((version) => ({ groupVersion: groupVersionString(group, version), version }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

/** GET /apis (legacy) */
export function buildApiGroupList(resources: readonly ResourceDef[]): APIGroupList {
  const groups = servedGroups(resources)
    .filter((g) => g.group !== "")
    .map((g) => groupEntry(g.group, g.versions));
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

/** GET /apis/<group>; undefined when the group is not served (answer 404). */
export function buildApiGroup(resources: readonly ResourceDef[], group: string): APIGroup | undefined {
  const found = servedGroups(resources).find((g) => g.group === group && group !== "");
  if (!found) return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...groupEntry(found.group, found.versions) };
}

/** GET /api/v1 or /apis/<group>/<version>; undefined when not served. */
export function buildApiResourceList(
  resources: readonly ResourceDef[],
  group: string,
  version: string,
  options: LegacyDiscoveryOptions = {},
): APIResourceList | undefined {
  const selected = resourcesIn(resources, group, version, options.resourceOrder);
  if (selected.length === 0) return undefined;
  const entries: APIResource[] = [];
  for (const res of selected) {
    const main: APIResource = {
      name: res.plural,
      singularName: res.singular,
      namespaced: res.namespaced,
      kind: res.kind,
      verbs: sortedVerbs(res.verbs),
    };
    if (res.shortNames.length > 0) main.shortNames = [...res.shortNames];
    if (res.categories.length > 0) main.categories = [...res.categories];
    if (options.storageVersionHash !== false) {
      const hash = resourceStorageVersionHash(res);
      if (hash) main.storageVersionHash = hash;
    }
    entries.push(main);
    const subs = [...res.subresources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const sub of subs) {
      const entry: APIResource = { name: `${res.plural}/${sub.name}`, singularName: "", namespaced: res.namespaced, kind: sub.kind.kind, verbs: sortedVerbs(sub.verbs) };
      // group/version are only spelled out when the subresource answers another group-version (Scale)
      if (sub.kind.group !== group || sub.kind.version !== version) {
        if (!(sub.kind.group === group && sub.kind.kind === res.kind)) {
          entry.group = sub.kind.group;
          entry.version = sub.kind.version;
        }
      }
      entries.push(entry);
    }
  }
  if (options.resourceOrder !== "input") entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const list: APIResourceList = { kind: "APIResourceList", groupVersion: groupVersionString(group, version), resources: entries };
  // the core list is served without apiVersion by kube-apiserver; named groups carry it
  return group === "" ? list : { kind: "APIResourceList", apiVersion: "v1", groupVersion: list.groupVersion, resources: entries };
}
