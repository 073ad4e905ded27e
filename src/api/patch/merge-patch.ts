// RFC 7386 JSON Merge Patch: objects merge recursively, null deletes, everything else replaces.
import { clone, hasKey, isObject, setKey, type JsonObject } from "./json-value";

/** Applies a merge patch; `original` is left untouched and a fresh value is returned. */
export function applyMergePatch(original: unknown, patch: unknown): unknown {
  return mergeInto(clone(original), patch);
}

function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setKey(out, key, mergeInto(hasKey(out, key) ? out[key] : undefined, value));
  }
  return out;
}
