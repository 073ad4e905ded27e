// One OpenAPI v3 document per group-version (what kubectl fetches from /openapi/v3/apis/<g>/<v>)
// and the /openapi/v3 index that points at them by content hash. Documents are large and pure
// functions of the resource definitions, so each is built once per resource list and memoized.
import { z } from "zod";
import type { ResourceDef, SubresourceDef } from "../resource";
import { SERVER_GIT_VERSION } from "../discovery/version-info";
import { definitionId, groupVersionIndexKey } from "./names";
import { resourcePaths } from "./paths";
import { sha256HexUpper } from "../../util/hash";
import {
  API_VERSION_DESCRIPTION,
  BUILTIN_COMPONENTS,
  ID,
  KIND_DESCRIPTION,
  LIST_META_FIELD_DESCRIPTION,
  gvkExtension,
  refTo,
  type JsonObject,
} from "./well-known-schemas";
import { ComponentCollector, combineMetaSources, gvksFromMeta, type GroupVersionKind, type SchemaMetaSource } from "./zod-components";

export interface OpenApiOptions {
  /** extra registry holding named zod schemas; zod's global registry is always consulted too */
  registry?: SchemaMetaSource;
  /** `info.version`, defaults to the simulated server's gitVersion */
  kubernetesVersion?: string;
}

export interface OpenApiDocument {
  openapi: "3.0.0";
  info: { title: "Kubernetes"; version: string };
  paths: Record<string, JsonObject>;
  components: { schemas: Record<string, JsonObject> };
}

export interface BuiltDocument {
  doc: OpenApiDocument;
  /** serialized body, ready to send */
  json: string;
  /** content hash used in `?hash=` and as an ETag */
  hash: string;
}

export interface OpenApiIndex {
  paths: Record<string, { serverRelativeURL: string }>;
}

export interface GroupVersion {
  group: string;
  version: string;
}

/** Stable content hash (SHA-256, upper-case hex like upstream's SHA-512 hashes). */
export function openApiHash(json: string): string {
  return sha256HexUpper(json);
}

function servesVersion(res: ResourceDef, version: string): boolean {
  return res.versions.some((v) => v.version === version && v.served);
}

/** Every served group-version, ordered by its index key. */
export function servedGroupVersions(resources: readonly ResourceDef[]): GroupVersion[] {
  const seen = new Map<string, GroupVersion>();
  for (const res of resources) {
    for (const v of res.versions) {
      if (!v.served) continue;
      seen.set(groupVersionIndexKey(res.group, v.version), { group: res.group, version: v.version });
    }
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, gv]) => gv);
}

function sameGvk(a: GroupVersionKind, b: GroupVersionKind): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

function replaceLastSegment(id: string, name: string): string {
  const dot = id.lastIndexOf(".");
  return dot < 0 ? name : `${id.slice(0, dot + 1)}${name}`;
}

function listSchema(res: ResourceDef, group: string, version: string, kindId: string): JsonObject {
  return {
    description: `${res.listKind} is a list of ${res.kind} objects.`,
    properties: {
      apiVersion: { description: API_VERSION_DESCRIPTION, type: "string" },
      items: {
        description: `List of ${res.plural}.`,
        items: refTo(kindId),
        type: "array",
      },
      kind: { description: KIND_DESCRIPTION, type: "string" },
      metadata: refTo(ID.listMeta, { description: LIST_META_FIELD_DESCRIPTION }),
    },
    required: ["items"],
    type: "object",
    "x-kubernetes-group-version-kind": gvkExtension(group, version, res.listKind),
  };
}

/** Builds (without memo) the document of one group-version. */
function buildDocument(
  resources: readonly ResourceDef[],
  group: string,
  version: string,
  registry: SchemaMetaSource,
  kubernetesVersion: string,
): OpenApiDocument {
  const collector = new ComponentCollector(registry);
  const paths: Record<string, JsonObject> = {};
  const selected = resources.filter((r) => r.group === group && servesVersion(r, version));

  for (const res of selected) {
    const current: GroupVersionKind = { group, version, kind: res.kind };
    const named = collector.namedTypeThroughWrappers(res.schema);
    const kindId = named?.id ?? definitionId(group, version, res.kind);
    collector.ensure(kindId, named?.owner ?? res.schema);
    const declared = gvksFromMeta(registry.get(named?.owner ?? res.schema));
    collector.setGvks(kindId, declared.some((g) => sameGvk(g, current)) ? declared : [current]);

    const listId = replaceLastSegment(kindId, res.listKind);
    if (collector.schemaById(listId)) {
      collector.ensure(listId);
    } else if (!collector.has(listId)) {
      collector.put(listId, listSchema(res, group, version, kindId));
    }
    collector.ensure(ID.listMeta);

    const subresourceKindId = (sub: SubresourceDef): string | undefined => {
      if (sub.name === "log" || ["exec", "attach", "portforward", "proxy"].includes(sub.name)) return undefined;
      if (sameGvk(sub.kind, current)) return kindId;
      const id = definitionId(sub.kind.group, sub.kind.version, sub.kind.kind);
      if (collector.schemaById(id) || BUILTIN_COMPONENTS[id]) {
        collector.ensure(id);
      } else if (!collector.has(id)) {
        collector.put(id, {
          description: `${sub.kind.kind} is the body of the ${sub.name} subresource of ${res.kind}.`,
          type: "object",
          "x-kubernetes-group-version-kind": gvkExtension(sub.kind.group, sub.kind.version, sub.kind.kind),
        });
      }
      return id;
    };

    Object.assign(paths, resourcePaths({ resource: res, group, version, kindId, listId, subresourceKindId }));
  }

  if (selected.length > 0) {
    for (const id of [ID.status, ID.deleteOptions, ID.patch]) collector.ensure(id);
  }

  const sortedPaths: Record<string, JsonObject> = {};
  for (const key of Object.keys(paths).sort()) sortedPaths[key] = paths[key];
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: kubernetesVersion },
    paths: sortedPaths,
    components: { schemas: collector.toJSON() },
  };
}

// memo: registry -> resource list -> "group/version@k8sVersion" -> document
const memo = new WeakMap<object, WeakMap<readonly ResourceDef[], Map<string, BuiltDocument>>>();

// combined sources are memoized so the per-registry document cache keeps hitting
const combined = new WeakMap<SchemaMetaSource, SchemaMetaSource>();

function metaSource(registry: SchemaMetaSource | undefined): SchemaMetaSource {
  if (!registry || registry === z.globalRegistry) return z.globalRegistry;
  let source = combined.get(registry);
  if (!source) {
    source = combineMetaSources([z.globalRegistry, registry]);
    combined.set(registry, source);
  }
  return source;
}

/** The memoized document of a group-version with its JSON text and hash; undefined when not served. */
export function getGroupVersionDocument(
  resources: readonly ResourceDef[],
  group: string,
  version: string,
  options: OpenApiOptions = {},
): BuiltDocument | undefined {
  if (!resources.some((r) => r.group === group && servesVersion(r, version))) return undefined;
  const registry = metaSource(options.registry);
  const kubernetesVersion = options.kubernetesVersion ?? SERVER_GIT_VERSION;
  let byResources = memo.get(registry);
  if (!byResources) {
    byResources = new WeakMap();
    memo.set(registry, byResources);
  }
  let byGv = byResources.get(resources);
  if (!byGv) {
    byGv = new Map();
    byResources.set(resources, byGv);
  }
  const key = `${group}/${version}@${kubernetesVersion}`;
  const cached = byGv.get(key);
  if (cached) return cached;
  const doc = buildDocument(resources, group, version, registry, kubernetesVersion);
  const json = JSON.stringify(doc);
  const built: BuiltDocument = { doc, json, hash: openApiHash(json) };
  byGv.set(key, built);
  return built;
}

/** Document for kubectl's `/openapi/v3/api/v1` or `/openapi/v3/apis/<g>/<v>` (empty paths when not served). */
export function buildGroupVersionDoc(
  resources: readonly ResourceDef[],
  group: string,
  version: string,
  options: OpenApiOptions = {},
): OpenApiDocument {
  const built = getGroupVersionDocument(resources, group, version, options);
  if (built) return built.doc;
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: options.kubernetesVersion ?? SERVER_GIT_VERSION },
    paths: {},
    components: { schemas: {} },
  };
}

/** GET /openapi/v3 */
export function buildOpenApiIndex(resources: readonly ResourceDef[], options: OpenApiOptions = {}): OpenApiIndex {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of servedGroupVersions(resources)) {
    const built = getGroupVersionDocument(resources, group, version, options);
    if (!built) continue;
    const key = groupVersionIndexKey(group, version);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${built.hash}` };
  }
  return { paths };
}

/**
 * Maps the part of the URL after `/openapi/v3/` (`api/v1`, `apis/apps/v1`) to its document;
 * undefined for anything else, which the route answers with 404.
 */
export function resolveOpenApiPath(
  resources: readonly ResourceDef[],
  relativePath: string,
  options: OpenApiOptions = {},
): BuiltDocument | undefined {
  const parts = relativePath.replace(/^\/+|\/+$/g, "").split("/");
  if (parts.length === 2 && parts[0] === "api") return getGroupVersionDocument(resources, "", parts[1], options);
  if (parts.length === 3 && parts[0] === "apis") return getGroupVersionDocument(resources, parts[1], parts[2], options);
  return undefined;
}
