// Hooks see decoded JSON whose shape the schema has only loosely checked, so they read it through
// these narrowing helpers instead of trusting the generated wire types.
export type Json = Record<string, unknown>;

export function isRec(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export const rec = (v: unknown): Json | undefined => (isRec(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const recs = (v: unknown): Json[] => arr(v).filter(isRec);

export function strMap(v: unknown): Record<string, string> | undefined {
  if (!isRec(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) out[k] = typeof val === "string" ? val : String(val);
  return out;
}

/** The child object at `key`, created empty when missing (or not an object). */
export function child(parent: Json, key: string): Json {
  const v = parent[key];
  if (isRec(v)) return v;
  const made: Json = {};
  parent[key] = made;
  return made;
}

/** Sets `parent[key]` only when absent (undefined or null), as Go defaulters fill nil pointers. */
export function setDefault(parent: Json, key: string, value: unknown): void {
  if (parent[key] === undefined || parent[key] === null) parent[key] = value;
}

/** Go's `== ""` / nil check for strings that default. */
export function setDefaultString(parent: Json, key: string, value: string): void {
  if (parent[key] === undefined || parent[key] === null || parent[key] === "") parent[key] = value;
}

/** Deep equality with nil == empty for maps and lists, like apiequality.Semantic.DeepEqual on decoded objects. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const emptyish = (v: unknown) =>
    v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0) || (isRec(v) && Object.keys(v).length === 0);
  if (emptyish(a) && emptyish(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isRec(a) && isRec(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}
