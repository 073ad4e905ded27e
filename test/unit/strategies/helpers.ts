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

export function update(old: KubeObject, input: Record<string, unknown>): { obj: KubeObject; messages: string[] } {
  const def = defFor(String(old.apiVersion), String(old.kind));
  const stored = structuredClone(old);
  stored.metadata.resourceVersion = stored.metadata.resourceVersion ?? "10";
  const obj = prepareUpdate(def, asObject(input), stored, false);
  const causes = [...(def.validate ? def.validate(obj) : []), ...(def.validateUpdate ? def.validateUpdate(obj, stored) : [])];
  return { obj, messages: causes.map(causeToString) };
}
