// Builds a ResourceDef from the few facts that differ between resources.
import { z } from "zod";
import type { KubeObject } from "./kinds";
import type { ResourceDef, SubresourceDef } from "./resource";
import { schemaForKind } from "./schemas";

export const STANDARD_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

type Options<T extends KubeObject> = Omit<ResourceDef<T>, "versions" | "listKind" | "singular" | "shortNames" | "categories" | "verbs" | "subresources" | "schema"> & {
  versions?: ResourceDef<T>["versions"];
  version?: string;
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: Array<SubresourceDef["name"]>;
  schema?: z.ZodType;
};

const SUBRESOURCE_VERBS: Record<SubresourceDef["name"], string[]> = {
  status: ["get", "patch", "update"],
  scale: ["get", "patch", "update"],
  binding: ["create"],
  log: ["get"],
  exec: ["create", "get"],
  attach: ["create", "get"],
  proxy: ["create", "delete", "get", "patch", "update"],
  eviction: ["create"],
  ephemeralcontainers: ["get", "patch", "update"],
  portforward: ["create", "get"],
};

const SUBRESOURCE_KIND: Partial<Record<SubresourceDef["name"], { group: string; version: string; kind: string }>> = {
  scale: { group: "autoscaling", version: "v1", kind: "Scale" },
  binding: { group: "", version: "v1", kind: "Binding" },
  exec: { group: "", version: "v1", kind: "PodExecOptions" },
  attach: { group: "", version: "v1", kind: "PodAttachOptions" },
  log: { group: "", version: "v1", kind: "Pod" },
  eviction: { group: "policy", version: "v1", kind: "Eviction" },
  portforward: { group: "", version: "v1", kind: "PodPortForwardOptions" },
};

export function defineResource<T extends KubeObject = KubeObject>(o: Options<T>): ResourceDef<T> {
  const versions = o.versions ?? [{ version: o.version ?? "v1", served: true, storage: true }];
  const storageVersion = versions.find((v) => v.storage)?.version ?? versions[0].version;
  const self = { group: o.group, version: storageVersion, kind: o.kind };
  return {
    ...o,
    versions,
    listKind: `${o.kind}List`,
    singular: o.singular ?? o.kind.toLowerCase(),
    shortNames: o.shortNames ?? [],
    categories: o.categories ?? [],
    verbs: o.verbs ?? STANDARD_VERBS,
    subresources: (o.subresources ?? []).map((name) => ({
      name,
      // connect subresources answer with their options kind (ServiceProxyOptions...), never the resource's own
      kind: SUBRESOURCE_KIND[name] ?? (name === "proxy" ? { group: o.group, version: storageVersion, kind: `${o.kind}ProxyOptions` } : self),
      verbs: SUBRESOURCE_VERBS[name],
    })),
    // resolved lazily so that the registry can be imported before every schema module has loaded
    schema: o.schema ?? z.lazy(() => schemaForKind(o.group, storageVersion, o.kind) ?? z.looseObject({})),
  };
}

export function resourceKey(def: Pick<ResourceDef, "group" | "plural">): string {
  return `${def.group}/${def.plural}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
