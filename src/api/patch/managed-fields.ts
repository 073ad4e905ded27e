// metadata.managedFields entries, decoded to field sets and encoded back in the order the API
// server writes them (Apply before Update, then by time, manager, apiVersion).
import { isObject } from "./json-value";
import { FieldSet, fromFieldsV1, toFieldsV1, type FieldsV1 } from "./field-set";

export type ManagedOperation = "Apply" | "Update";

export interface ManagedFieldsEntry {
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: FieldsV1;
  subresource?: string;
}

export interface ManagerFields {
  manager: string;
  operation: ManagedOperation;
  apiVersion: string;
  time: string;
  subresource?: string;
  set: FieldSet;
}

export function readManagedFields(obj: unknown): ManagerFields[] {
  const meta = isObject(obj) ? obj.metadata : undefined;
  const raw = isObject(meta) ? meta.managedFields : undefined;
  if (!Array.isArray(raw)) return [];
  const out: ManagerFields[] = [];
  for (const e of raw) {
    if (!isObject(e) || typeof e.manager !== "string") continue;
    if (e.operation !== "Apply" && e.operation !== "Update") continue;
    const entry: ManagerFields = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: typeof e.apiVersion === "string" ? e.apiVersion : "",
      time: typeof e.time === "string" ? e.time : "",
      set: fromFieldsV1(e.fieldsV1),
    };
    if (typeof e.subresource === "string" && e.subresource !== "") entry.subresource = e.subresource;
    out.push(entry);
  }
  return out;
}

/** Identity of an entry: Update entries are per apiVersion and subresource, Apply entries per manager. */
export function sameOwner(a: Omit<ManagerFields, "set" | "time">, b: Omit<ManagerFields, "set" | "time">): boolean {
  if (a.manager !== b.manager || a.operation !== b.operation) return false;
  if ((a.subresource ?? "") !== (b.subresource ?? "")) return false;
  return a.operation === "Apply" || a.apiVersion === b.apiVersion;
}

export function encodeManagedFields(entries: ManagerFields[]): ManagedFieldsEntry[] {
  return entries
    .filter((e) => e.set.size > 0)
    .sort(
      (p, q) =>
        cmp(p.operation, q.operation) || cmp(p.time, q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion),
    )
    .map((e) => {
      const out: ManagedFieldsEntry = {
        manager: e.manager,
        operation: e.operation,
        apiVersion: e.apiVersion,
        time: e.time,
        fieldsType: "FieldsV1",
        fieldsV1: toFieldsV1(e.set),
      };
      if (e.subresource) out.subresource = e.subresource;
      return out;
    });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `"kubectl"` for appliers, `"kubectl-edit" using apps/v1` for updaters, as conflict messages print them. */
export function printManager(e: Pick<ManagerFields, "manager" | "operation" | "apiVersion">): string {
  const name = JSON.stringify(e.manager);
  return e.operation === "Update" ? `${name} using ${e.apiVersion}` : name;
}
