// Runs an object through the same hook sequence the generic store uses, without storage.
import type { KubeObject } from "../../../src/api/kinds";
import type { FieldCause, ResourceDef } from "../../../src/api/resource";
import { resourceForKind } from "../../../src/api/registry";
import { prepareCreate, prepareUpdate } from "../../../src/store/strategy";
import { causeToString } from "../../../src/api/validation/field-errors";

export const NOW = "2024-05-01T10:00:00Z";

export function defFor(apiVersion: string, kind: string): ResourceDef {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const def = resourceForKind(group, kind);
  if (!def) throw new Error(`no resource for ${apiVersion} ${kind}`);
  return def;
}

export function asObject(input: Record<string, unknown>): KubeObject {
  const obj = structuredClone(input) as KubeObject;
  if (typeof obj.metadata !== "object" || obj.metadata === null) obj.metadata = {};
  return obj;
}

export function create(input: Record<string, unknown>): { obj: KubeObject; causes: FieldCause[]; messages: string[] } {
  const def = defFor(String(input.apiVersion), String(input.kind));
  const obj = prepareCreate(def, asObject(input), NOW);
  if (def.namespaced && !obj.metadata.namespace) obj.metadata.namespace = "default";
  if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}abcde`;
  const causes = def.validate ? def.validate(obj) : [];
  return { obj, causes, messages: causes.map(causeToString) };
}

/** A PUT of `input` over the stored `old`; the namespace comes from the URL as it would. */
export function update(old: Record<string, unknown>, input: Record<string, unknown>): { obj: KubeObject; messages: string[] } {
  const def = defFor(String(old.apiVersion), String(old.kind));
  const stored = asObject(old);
  stored.metadata.resourceVersion = stored.metadata.resourceVersion ?? "10";
  const next = asObject(input);
  if (def.namespaced && !next.metadata.namespace) next.metadata.namespace = stored.metadata.namespace;
  const obj = prepareUpdate(def, next, stored, false);
  const causes = [...(def.validate ? def.validate(obj) : []), ...(def.validateUpdate ? def.validateUpdate(obj, stored) : [])];
  return { obj, messages: causes.map(causeToString) };
}

/** A copy of a created object typed for the edit a test makes. */
export function cloneAs<T>(obj: KubeObject): T {
  return structuredClone(obj) as unknown as T;
}
