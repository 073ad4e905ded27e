// Server-side apply and managed-fields bookkeeping, a simplified structured-merge-diff: applied
// configurations merge into the live object by the same list keys strategic merge patch uses,
// ownership is tracked per manager, and changing someone else's field is a conflict.
import { clone, deepEqual, hasKey, isObject, setKey, type JsonObject } from "./json-value";
import {
  FieldSet,
  fieldSetOf,
  isPrefix,
  keyElement,
  listKind,
  pathString,
  removePath,
  valueAtPath,
  type FieldPath,
} from "./field-set";
import {
  encodeManagedFields,
  printManager,
  readManagedFields,
  sameOwner,
  type ManagedOperation,
  type ManagerFields,
} from "./managed-fields";
import { fieldMeta, itemMeta, type PatchMeta } from "./patch-meta";

export interface Conflict {
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  /** `.spec.replicas`, the StatusCause field */
  field: string;
  /** `conflict with "kubectl-client-side-apply" using apps/v1`, the StatusCause message */
  message: string;
}

export interface ApplyResult {
  object: unknown;
  conflicts: Conflict[];
}

/** The Status message for a 409 apply conflict, worded like the API server. */
export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0];
    return `Apply failed with 1 conflict: ${c.message}: ${c.field}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const who = c.message.slice("conflict with ".length);
    byManager.set(who, [...(byManager.get(who) ?? []), c.field]);
  }
  const lines: string[] = [];
  for (const who of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${who}:`);
    for (const f of byManager.get(who) ?? []) lines.push(`- ${f}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}

/**
 * Applies `applied` for `manager`. With conflicts and no force, `object` is the unchanged live
 * object. Status is not applied through the main resource, as upstream resets it there.
 */
export function applyServerSide(
  live: unknown | undefined,
  applied: unknown,
  manager: string,
  force: boolean,
  meta: PatchMeta,
  apiVersion: string,
  now: string,
): ApplyResult {
  const config = sanitizeApplied(applied);
  const appliedSet = fieldSetOf(config, meta);
  const entries = readManagedFields(live);
  const self = { manager, operation: "Apply" as const, apiVersion };
  const mine = entries.find((e) => sameOwner(e, self));
  const others = entries.filter((e) => !sameOwner(e, self));

  const liveBody = stripManagedFields(live);
  const mergedValue = mergeApplied(liveBody, config, meta);
  const merged: JsonObject = isObject(mergedValue) ? mergedValue : {};

  const conflicts: Conflict[] = [];
  for (const other of others) {
    for (const path of appliedSet.paths()) {
      if (!other.set.has(path) || sameAt(liveBody, merged, path, meta, appliedSet)) continue;
      conflicts.push({
        manager: other.manager,
        operation: other.operation,
        apiVersion: other.apiVersion,
        field: pathString(path),
        message: `conflict with ${printManager(other)}`,
      });
    }
  }
  if (conflicts.length > 0 && !force) return { object: clone(live), conflicts };

  const conflicting = new FieldSet(conflicts.map((c) => findPath(c, appliedSet)).filter((p): p is FieldPath => p !== undefined));
  const kept: ManagerFields[] = others.map((o) => ({ ...o, set: o.set.difference(conflicting) }));

  // Fields this manager applied before and dropped now go away unless somebody else still owns them.
  const dropped = mine ? mine.set.difference(appliedSet).paths() : [];
  dropped.sort((a, b) => b.length - a.length);
  for (const path of dropped) {
    if (kept.some((o) => o.set.hasPrefix(path)) || appliedSet.hasPrefix(path)) continue;
    removePath(merged, path, meta);
  }

  // A no-op apply must hand back the stored object byte for byte (same resourceVersion downstream).
  if (mine !== undefined && mine.set.equals(appliedSet) && conflicts.length === 0 && deepEqual(merged, liveBody)) {
    return { object: clone(live), conflicts: [] };
  }
  setManagedFields(merged, [{ ...self, time: now, set: appliedSet }, ...kept]);
  return { object: merged, conflicts: [] };
}

function findPath(c: Conflict, set: FieldSet): FieldPath | undefined {
  return set.paths().find((p) => pathString(p) === c.field);
}

/**
 * Records a non-apply write: `manager` owns what it added or changed, other managers lose those
 * fields, and removed fields leave every set. A write that changes nothing keeps managedFields.
 */
export function recordUpdate(
  old: unknown | undefined,
  updated: unknown,
  manager: string,
  operation: ManagedOperation,
  apiVersion: string,
  now: string,
  meta: PatchMeta,
  subresource?: string,
): unknown {
  const result = stripManagedFields(updated);
  const entries = readManagedFields(old);
  const oldBody = stripManagedFields(old);
  const oldSet = fieldSetOf(oldBody, meta);
  const newSet = fieldSetOf(result, meta);
  const removed = oldSet.difference(newSet);
  const changed = newSet.difference(oldSet);
  for (const path of newSet.intersection(oldSet).paths()) {
    if (!deepEqual(valueAtPath(oldBody, path, meta).value, valueAtPath(result, path, meta).value) && isLeaf(path, newSet)) {
      changed.add(path);
    }
  }
  if (changed.size === 0 && removed.size === 0) {
    const previous = isObject(old) && isObject(old.metadata) ? old.metadata.managedFields : undefined;
    if (isObject(result) && isObject(result.metadata) && previous !== undefined) result.metadata.managedFields = clone(previous);
    return result;
  }
  const self = { manager, operation, apiVersion, subresource };
  const mine = entries.find((e) => sameOwner(e, self));
  const touched = changed.union(removed);
  const next: ManagerFields[] = entries
    .filter((e) => e !== mine)
    .map((e) => ({ ...e, set: e.set.difference(touched) }));
  const entry: ManagerFields = {
    manager,
    operation,
    apiVersion,
    time: now,
    set: (mine ? mine.set.union(changed) : changed).difference(removed),
  };
  if (subresource) entry.subresource = subresource;
  next.unshift(entry);
  if (isObject(result)) setManagedFields(result, next);
  return result;
}

function isLeaf(path: FieldPath, set: FieldSet): boolean {
  return !set.paths().some((p) => p.length > path.length && isPrefix(path, p));
}

/** A list item or map is "the same" when it exists on both sides; leaves compare by value. */
function sameAt(before: unknown, after: unknown, path: FieldPath, meta: PatchMeta, set: FieldSet): boolean {
  const a = valueAtPath(before, path, meta);
  const b = valueAtPath(after, path, meta);
  if (!a.found || !b.found) return a.found === b.found;
  return isLeaf(path, set) ? deepEqual(a.value, b.value) : true;
}

function sanitizeApplied(applied: unknown): JsonObject {
  const config = isObject(applied) ? clone(applied) : {};
  delete config.status;
  if (isObject(config.metadata)) {
    delete config.metadata.managedFields;
    delete config.metadata.resourceVersion;
    delete config.metadata.uid;
    delete config.metadata.creationTimestamp;
    delete config.metadata.generation;
  }
  return config;
}

function stripManagedFields(obj: unknown): JsonObject {
  const out = isObject(obj) ? clone(obj) : {};
  if (isObject(out.metadata)) delete out.metadata.managedFields;
  return out;
}

function setManagedFields(obj: JsonObject, entries: ManagerFields[]): void {
  const metadata = isObject(obj.metadata) ? obj.metadata : (obj.metadata = {});
  const encoded = encodeManagedFields(entries);
  if (encoded.length > 0) metadata.managedFields = encoded;
  else delete metadata.managedFields;
}

/** Merges an applied configuration into the live object using the list semantics of `meta`. */
export function mergeApplied(live: unknown, applied: unknown, meta: PatchMeta | undefined): unknown {
  if (isObject(applied) && !meta?.atomic) {
    const out: JsonObject = isObject(live) ? clone(live) : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete out[k];
      else setKey(out, k, mergeApplied(hasKey(out, k) ? out[k] : undefined, v, fieldMeta(meta, k)));
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const kind = listKind(meta);
    const base = Array.isArray(live) ? clone(live) : [];
    if (kind === "map") {
      for (const item of applied) {
        const key = isObject(item) ? keyElement(item, meta) : undefined;
        const idx = key === undefined ? -1 : base.findIndex((b) => isObject(b) && keyElement(b, meta) === key);
        if (idx >= 0) base[idx] = mergeApplied(base[idx], item, itemMeta(meta));
        else base.push(clone(item));
      }
      return base;
    }
    if (kind === "set") {
      for (const item of applied) if (!base.some((b) => deepEqual(b, item))) base.push(clone(item));
      return base;
    }
  }
  return clone(applied);
}
