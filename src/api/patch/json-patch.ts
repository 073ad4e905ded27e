// RFC 6902 JSON Patch. Error texts follow gopkg.in/evanphx/json-patch.v4, which the API server
// uses, so kubectl users see the familiar "... operation does not apply: ..." messages.
import { PatchError } from "./patch-error";
import { clone, deepEqual, isObject, setKey, type JsonObject } from "./json-value";

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

const MISSING = "missing value";
const INVALID_INDEX = "invalid index referenced";

/** Splits a JSON pointer into unescaped reference tokens; "" is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PatchError(`JSON pointer must start with "/": ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parseOperations(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) throw new PatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  return patch.map((raw) => {
    if (!isObject(raw)) throw new PatchError("json: cannot unmarshal into Go value of type jsonpatch.Operation");
    const op = typeof raw.op === "string" ? raw.op : "unknown";
    if (typeof raw.path !== "string") {
      throw new PatchError(`${op} operation does not apply: doc is missing path: "": ${MISSING}`);
    }
    const out: JsonPatchOperation = { op, path: raw.path };
    if (typeof raw.from === "string") out.from = raw.from;
    if ("value" in raw) out.value = raw.value;
    return out;
  });
}

interface Slot {
  parent: JsonObject | unknown[];
  key: string;
}

/** Finds the container holding the last token of `tokens`, or undefined when a step is missing. */
function locate(doc: unknown, tokens: string[]): Slot | undefined {
  let cur: unknown = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (Array.isArray(cur)) {
      const idx = arrayIndex(t, cur.length - 1);
      if (idx === undefined) return undefined;
      cur = cur[idx];
    } else if (isObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
      cur = cur[t];
    } else {
      return undefined;
    }
  }
  if (Array.isArray(cur) || isObject(cur)) return { parent: cur, key: tokens[tokens.length - 1] };
  return undefined;
}

function arrayIndex(token: string, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const n = Number(token);
  return n <= max ? n : undefined;
}

function getAt(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return { found: true, value: doc };
  const slot = locate(doc, tokens);
  if (!slot) return { found: false };
  if (Array.isArray(slot.parent)) {
    const idx = arrayIndex(slot.key, slot.parent.length - 1);
    return idx === undefined ? { found: false } : { found: true, value: slot.parent[idx] };
  }
  return Object.prototype.hasOwnProperty.call(slot.parent, slot.key)
    ? { found: true, value: slot.parent[slot.key] }
    : { found: false };
}

function addAt(doc: unknown, pointer: string, value: unknown, opName: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const slot = locate(doc, tokens);
  if (!slot) throw new PatchError(`${opName} operation does not apply: doc is missing path: "${pointer}": ${MISSING}`);
  if (Array.isArray(slot.parent)) {
    if (slot.key === "-") {
      slot.parent.push(value);
    } else {
      const idx = arrayIndex(slot.key, slot.parent.length);
      if (idx === undefined) throw new PatchError(`Unable to access invalid index: ${slot.key}: ${INVALID_INDEX}`);
      slot.parent.splice(idx, 0, value);
    }
  } else {
    setKey(slot.parent, slot.key, value);
  }
  return doc;
}

function removeAt(doc: unknown, pointer: string, opName: string): unknown {
  const tokens = parsePointer(pointer);
  const slot = tokens.length === 0 ? undefined : locate(doc, tokens);
  if (!slot) throw new PatchError(`${opName} operation does not apply: doc is missing path: "${pointer}": ${MISSING}`);
  if (Array.isArray(slot.parent)) {
    const idx = arrayIndex(slot.key, slot.parent.length - 1);
    if (idx === undefined) throw new PatchError(`Unable to access invalid index: ${slot.key}: ${INVALID_INDEX}`);
    slot.parent.splice(idx, 1);
  } else {
    if (!Object.prototype.hasOwnProperty.call(slot.parent, slot.key)) {
      throw new PatchError(`Unable to remove nonexistent key: ${slot.key}: ${MISSING}`);
    }
    delete slot.parent[slot.key];
  }
  return doc;
}

function replaceAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const slot = locate(doc, tokens);
  if (!slot) throw new PatchError(`replace operation does not apply: doc is missing path: ${pointer}: ${MISSING}`);
  if (Array.isArray(slot.parent)) {
    const idx = arrayIndex(slot.key, slot.parent.length - 1);
    if (idx === undefined) throw new PatchError(`Unable to access invalid index: ${slot.key}: ${INVALID_INDEX}`);
    slot.parent[idx] = value;
  } else {
    if (!Object.prototype.hasOwnProperty.call(slot.parent, slot.key)) {
      throw new PatchError(`replace operation does not apply: doc is missing key: ${pointer}: ${MISSING}`);
    }
    setKey(slot.parent, slot.key, value);
  }
  return doc;
}

/** Applies an RFC 6902 patch; `original` is left untouched and a new document is returned. */
export function applyJsonPatch(original: unknown, patch: unknown): unknown {
  const ops = parseOperations(patch);
  let doc = clone(original);
  for (const op of ops) {
    switch (op.op) {
      case "add":
        doc = addAt(doc, op.path, clone(op.value ?? null), "add");
        break;
      case "remove":
        doc = removeAt(doc, op.path, "remove");
        break;
      case "replace":
        doc = replaceAt(doc, op.path, clone(op.value ?? null));
        break;
      case "move": {
        const from = op.from ?? "";
        const got = getAt(doc, from);
        if (!got.found) throw new PatchError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        if (op.path !== from && op.path.startsWith(`${from}/`)) {
          throw new PatchError(`move operation does not apply: path ${op.path} is a child of from ${from}`);
        }
        doc = removeAt(doc, from, "move");
        const dest = parsePointer(op.path);
        if (dest.length > 0 && !locate(doc, dest)) {
          throw new PatchError(`move operation does not apply: doc is missing destination path: ${op.path}: ${MISSING}`);
        }
        doc = addAt(doc, op.path, got.value, "move");
        break;
      }
      case "copy": {
        const from = op.from ?? "";
        const got = getAt(doc, from);
        if (!got.found) throw new PatchError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
        const dest = parsePointer(op.path);
        if (dest.length > 0 && !locate(doc, dest)) {
          throw new PatchError(`copy operation does not apply: doc is missing destination path: ${op.path}: ${MISSING}`);
        }
        doc = addAt(doc, op.path, clone(got.value), "copy");
        break;
      }
      case "test": {
        const got = getAt(doc, op.path);
        const expected = op.value ?? null;
        const matches = got.found ? deepEqual(got.value, expected) : expected === null;
        if (!matches) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
