// Aggregated discovery (apidiscovery.k8s.io/v2 and v2beta1): all groups, versions and resources
// in the answer to GET /api or GET /apis, so kubectl needs two requests instead of one per group.
import type { ResourceDef } from "../resource";
import { resourcesIn, servedGroups, sortedVerbs, type DiscoveryOptions } from "./ordering";

export const AGGREGATED_DISCOVERY_V2_CONTENT_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
export const AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

export type AggregatedDiscoveryVersion = "v2" | "v2beta1";

export interface GroupVersionKindRef {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind?: GroupVersionKindRef;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GroupVersionKindRef;
  scope: "Namespaced" | "Cluster";
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: "Current" | "Stale";
}

export interface APIGroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: "APIGroupDiscoveryList";
  apiVersion: string;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

export interface AggregatedDiscoveryOptions extends DiscoveryOptions {
  version?: AggregatedDiscoveryVersion;
}

export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return version === "v2" ? AGGREGATED_DISCOVERY_V2_CONTENT_TYPE : AGGREGATED_DISCOVERY_V2BETA1_CONTENT_TYPE;
}

function resourceEntry(res: ResourceDef, version: string): APIResourceDiscovery {
  const entry: APIResourceDiscovery = {
    resource: res.plural,
    responseKind: { group: res.group, version, kind: res.kind },
    scope: res.namespaced ? "Namespaced" : "Cluster",
    singularResource: res.singular,
    verbs: sortedVerbs(res.verbs),
  };
  // upstream omits empty lists (omitempty)
  if (res.shortNames.length > 0) entry.shortNames = [...res.shortNames];
  if (res.categories.length > 0) entry.categories = [...res.categories];
  if (res.subresources.length > 0) {
    entry.subresources = [...res.subresources]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((sub) => ({
        subresource: sub.name,
        // the status subresource of a multi-version resource answers in the version asked for
        responseKind:
          sub.kind.group === res.group && sub.kind.kind === res.kind
            ? { group: res.group, version, kind: res.kind }
            : { ...sub.kind },
        verbs: sortedVerbs(sub.verbs),
      }));
  }
  return entry;
}

/** Body of GET /api (scope "api": the core group) or GET /apis (every named group). */
export function buildAggregatedDiscovery(
  resources: readonly ResourceDef[],
  scope: "api" | "apis",
  options: AggregatedDiscoveryOptions = {},
): APIGroupDiscoveryList {
  const version = options.version ?? "v2";
  const groups = servedGroups(resources).filter((g) => (scope === "api" ? g.group === "" : g.group !== ""));
  const items: APIGroupDiscovery[] = groups.map((g) => ({
    metadata: g.group === "" ? { creationTimestamp: null } : { name: g.group, creationTimestamp: null },
    versions: g.versions.map((v) => ({
      version: v,
      resources: resourcesIn(resources, g.group, v, options.resourceOrder).map((r) => resourceEntry(r, v)),
      freshness: "Current",
    })),
  }));
  return { kind: "APIGroupDiscoveryList", apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
