// Kubernetes strategic merge patch, server side (StrategicMergeMapPatch with MergeParallelList and
// IgnoreUnmatchedNulls), driven by PatchMeta instead of Go struct tags. List ordering follows
// apimachinery's normalizeElementOrder so results match a real API server element for element.
import { PatchError } from "./patch-error";
import { clone, hasKey, isObject, setKey, type JsonObject } from "./json-value";
import { fieldMeta, hasStrategy, itemMeta, type PatchMeta } from "./patch-meta";

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const SET_ORDER_PREFIX = "$setElementOrder/";
const DELETE_PRIMITIVE_PREFIX = "$deleteFromPrimitiveList/";

/** Applies a strategic merge patch; `original` is left untouched and a new object is returned. */
export function applyStrategicMergePatch(original: unknown, patch: unknown, meta: PatchMeta): unknown {
  if (!isObject(patch)) throw new PatchError(`expected a map[string]interface {}, but received a ${goType(patch)}`);
  const base = isObject(original) ? clone(original) : {};
  return mergeMap(base, clone(patch), meta);
}

function goType(v: unknown): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return "[]interface {}";
  if (isObject(v)) return "map[string]interface {}";
  if (typeof v === "number") return "float64";
  return typeof v === "string" ? "string" : "bool";
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function describe(v: unknown): string {
  return JSON.stringify(v);
}

/** Both arguments are owned copies and may be modified. */
function mergeMap(original: JsonObject, patch: JsonObject, meta: PatchMeta | undefined): JsonObject {
  if (hasKey(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === "replace") {
      delete patch[DIRECTIVE];
      return stripDirectives(patch, meta) as JsonObject;
    }
    if (directive === "delete") return {};
    if (directive !== "merge") throw new PatchError(`unknown patch type: ${String(directive)} in map: ${describe(patch)}`);
    delete patch[DIRECTIVE];
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, meta);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    if (rawKey.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      const key = rawKey.slice(DELETE_PRIMITIVE_PREFIX.length);
      if (!Array.isArray(patchV)) throw new PatchError("invalid patch format of primitive list");
      if (Array.isArray(original[key])) original[key] = deleteFromSlice(original[key] as unknown[], patchV);
      continue;
    }
    const key = rawKey;
    if (patchV === null) {
      delete original[key];
      continue;
    }
    const fm = fieldMeta(meta, key);
    const origV = hasKey(original, key) ? original[key] : undefined;
    if (origV === undefined || kindOf(origV) !== kindOf(patchV)) {
      setKey(original, key, stripDirectives(patchV, fm));
    } else if (isObject(origV) && isObject(patchV)) {
      original[key] = fm?.strategy === "replace" ? stripDirectives(patchV, fm) : mergeMap(origV, patchV, fm);
    } else if (Array.isArray(origV) && Array.isArray(patchV)) {
      original[key] = mergeSliceHandler(origV, patchV, fm);
    } else {
      original[key] = patchV;
    }
  }
  return original;
}

/** A value taken from the patch where the original has nothing: merging into nothing drops directives and nulls. */
function stripDirectives(value: unknown, meta: PatchMeta | undefined): unknown {
  if (isObject(value)) return mergeMap({}, value, meta);
  if (Array.isArray(value)) {
    if (hasStrategy(meta, "merge") && value.some(isObject)) return mergeSliceHandler([], value, meta);
    return value.map((v) => (isObject(v) ? mergeMap({}, v, itemMeta(meta)) : v));
  }
  return value;
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw new PatchError("invalid patch format of retainKeys");
  const keep = new Set(retain.map((k) => String(k)));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith("$")) continue;
    if (!keep.has(k)) throw new PatchError("invalid patch format of retainKeys");
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function applySetElementOrder(original: JsonObject, patch: JsonObject, meta: PatchMeta | undefined): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ORDER_PREFIX)) continue;
    const order = patch[directiveKey];
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw new PatchError("invalid patch format of setElementOrder list");
    const key = directiveKey.slice(SET_ORDER_PREFIX.length);
    const fm = fieldMeta(meta, key);
    const mergeKey = fm?.mergeKey ?? "";
    const origList = original[key];
    const patchList = patch[key];
    if (origList !== undefined && !Array.isArray(origList)) throw new PatchError(`expected a []interface {}, but received a ${goType(origList)}`);
    if (patchList !== undefined && patchList !== null && !Array.isArray(patchList)) {
      throw new PatchError(`expected a []interface {}, but received a ${goType(patchList)}`);
    }
    const originalItems = Array.isArray(origList) ? origList : undefined;
    const patchItems = Array.isArray(patchList) ? patchList : undefined;
    if (!originalItems && !patchItems) continue;
    let merged: unknown[];
    if (originalItems && patchItems) merged = mergeSliceHandler(originalItems.slice(), patchItems, fm);
    else if (patchItems) merged = stripDirectives(patchItems, fm) as unknown[];
    else merged = originalItems ?? [];
    const inOrder = (item: unknown) => order.some((o) => sameElement(o, item, mergeKey));
    const fromPatch = merged.filter(inOrder);
    const serverOnly = merged.filter((item) => !inOrder(item));
    original[key] = normalizeElementOrder(fromPatch, serverOnly, order, originalItems ?? [], mergeKey);
    delete patch[key];
  }
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: PatchMeta | undefined): unknown[] {
  if (!hasStrategy(meta, "merge")) return stripDirectives(patch, { ...meta, strategy: undefined }) as unknown[];
  return mergeSlice(original, patch, meta);
}

function mergeSlice(original: unknown[], patch: unknown[], meta: PatchMeta | undefined): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const elementKind = sliceElementKind(original, patch);
  const mergeKey = meta?.mergeKey ?? "";
  let merged: unknown[];
  let patchItems = patch;
  let base = original;
  if (elementKind !== "object") {
    merged = dedupe([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError("cannot merge lists without merge key for type map");
    const special = withoutSpecialElements(original, patch, mergeKey);
    if (special.replace) return special.patch.map((p) => stripDirectives(p, itemMeta(meta)));
    base = special.original;
    patchItems = special.patch;
    merged = base.slice();
    for (const p of patchItems) {
      const item = p as JsonObject;
      if (!hasKey(item, mergeKey)) throw new PatchError(`map: ${describe(item)} does not contain declared merge key: ${mergeKey}`);
      const idx = merged.findIndex((o) => isObject(o) && o[mergeKey] === item[mergeKey]);
      if (idx >= 0) merged[idx] = mergeMap(merged[idx] as JsonObject, item, itemMeta(meta));
      else merged.push(mergeMap({}, item, itemMeta(meta)));
    }
  }
  const inPatch = (item: unknown) => patchItems.some((p) => sameElement(p, item, mergeKey));
  return normalizeElementOrder(merged.filter(inPatch), merged.filter((i) => !inPatch(i)), patchItems, base, mergeKey);
}

function sliceElementKind(...lists: unknown[][]): string {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = isObject(v) ? "object" : kindOf(v);
      if (k === "array") throw new PatchError("lists of lists are not supported");
      if (kind === undefined) kind = k;
      else if (kind !== k) throw new PatchError(`list element types are not identical: ${describe(lists)}`);
    }
  }
  return kind ?? "null";
}

function withoutSpecialElements(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): { original: unknown[]; patch: unknown[]; replace: boolean } {
  const kept: unknown[] = [];
  let replace = false;
  let base = original;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!hasKey(item, DIRECTIVE)) {
      kept.push(v);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === "delete") {
      if (!hasKey(item, mergeKey)) throw new PatchError(`map: ${describe(item)} does not contain declared merge key: ${mergeKey}`);
      base = base.filter((o) => !(isObject(o) && o[mergeKey] === item[mergeKey]));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw new PatchError("merging lists cannot yet be specified in the patch");
    } else {
      throw new PatchError(`unknown patch type: ${String(directive)} in map: ${describe(item)}`);
    }
  }
  return replace ? { original: kept, patch: kept, replace } : { original: base, patch: kept, replace };
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  return current.filter((v) => !toDelete.some((d) => d === v));
}

function dedupe(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => o === v)) out.push(v);
  return out;
}

function elementId(item: unknown, mergeKey: string): unknown {
  if (mergeKey) return isObject(item) ? item[mergeKey] : undefined;
  return item;
}

function sameElement(a: unknown, b: unknown, mergeKey: string): boolean {
  const ia = elementId(a, mergeKey);
  return ia !== undefined && ia === elementId(b, mergeKey);
}

function indexIn(list: unknown[], item: unknown, mergeKey: string): number {
  return list.findIndex((x) => sameElement(x, item, mergeKey));
}

/**
 * Orders `patchItems` by `patchOrder` and `serverOnly` by `serverOrder`, then interleaves them:
 * a server-only item goes first only while it sits before the next patch item in the live list.
 */
function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function sortByOrder(items: unknown[], order: unknown[], mergeKey: string): unknown[] {
  const positioned = items.map((item, pos) => ({ item, pos, at: indexIn(order, item, mergeKey) }));
  // Items missing from `order` keep their place relative to each other, after ordered ones.
  positioned.sort((a, b) => {
    if (a.at >= 0 && b.at >= 0) return a.at - b.at || a.pos - b.pos;
    if (a.at >= 0) return -1;
    if (b.at >= 0) return 1;
    return a.pos - b.pos;
  });
  return positioned.map((p) => p.item);
}
