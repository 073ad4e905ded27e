// The parts of create/update every resource shares (the API server's BeforeCreate/BeforeUpdate),
// with the per-resource hooks of its ResourceDef called at the same points.
import type { KubeObject } from "../api/kinds";
import type { ResourceDef } from "../api/resource";
import { apiVersionOf } from "../api/define";
import { deepEqual } from "../api/patch/json-value";

function hasStatusSubresource(def: ResourceDef): boolean {
  return def.subresources.some((s) => s.name === "status");
}

function storageVersion(def: ResourceDef): string {
  return def.versions.find((v) => v.storage)?.version ?? def.versions[0].version;
}

export function prepareCreate(def: ResourceDef, input: KubeObject, now: string): KubeObject {
  const obj = structuredClone(input);
  obj.apiVersion = apiVersionOf(def.group, storageVersion(def));
  obj.kind = def.kind;
  const m = obj.metadata;
  if (!def.namespaced) delete m.namespace;
  m.uid = crypto.randomUUID();
  m.creationTimestamp = now;
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (def.generationFields) m.generation = 1;
  else delete m.generation;
  if (hasStatusSubresource(def)) delete obj.status;
  if (def.defaults) def.defaults(obj);
  if (def.prepareForCreate) def.prepareForCreate(obj);
  return obj;
}

export function prepareUpdate(def: ResourceDef, input: KubeObject, old: KubeObject, statusOnly: boolean): KubeObject {
  let obj: KubeObject;
  if (statusOnly) {
    obj = structuredClone(old);
    if (input.status !== undefined) obj.status = structuredClone(input.status);
    else delete obj.status;
  } else {
    obj = structuredClone(input);
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
    if (!def.namespaced) delete obj.metadata.namespace;
    if (hasStatusSubresource(def)) {
      if (old.status !== undefined) obj.status = structuredClone(old.status);
      else delete obj.status;
    }
    if (def.defaults) def.defaults(obj);
    if (def.prepareForUpdate) def.prepareForUpdate(obj, old);
  }
  // fields only the server sets
  const m = obj.metadata;
  m.uid = old.metadata.uid;
  m.creationTimestamp = old.metadata.creationTimestamp;
  m.resourceVersion = old.metadata.resourceVersion;
  if (old.metadata.generation !== undefined) m.generation = old.metadata.generation;
  else delete m.generation;
  if (old.metadata.deletionTimestamp) {
    m.deletionTimestamp = old.metadata.deletionTimestamp;
    m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  } else {
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
  }
  return obj;
}

/** whether anything a generation tracks (all but metadata and status) changed */
export function specChanged(def: ResourceDef, obj: KubeObject, old: KubeObject): boolean {
  const fields = def.generationFields ?? ["spec"];
  return fields.some((f) => !sameJson(obj[f], old[f]));
}

/** equal as JSON: key order and undefined members do not count */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  return deepEqual(norm(a), norm(b));
}
