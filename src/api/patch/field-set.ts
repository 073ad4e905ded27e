// Field sets as structured-merge-diff tracks them: each member is a path of elements
// `f:<field>`, `k:<json of key fields>`, `v:<json value>` or `i:<index>`, serialised as FieldsV1
// (`{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{}}}}}`).
import { hasKey, isObject, type JsonObject } from "./json-value";
import { fieldMeta, hasStrategy, itemMeta, type PatchMeta } from "./patch-meta";

export type PathElement = string;
export type FieldPath = readonly PathElement[];
export interface FieldsV1 {
  [element: string]: FieldsV1;
}

export class FieldSet {
  private readonly members = new Map<string, FieldPath>();

  constructor(paths: Iterable<FieldPath> = []) {
    for (const p of paths) this.add(p);
  }

  add(path: FieldPath): void {
    this.members.set(JSON.stringify(path), [...path]);
  }

  has(path: FieldPath): boolean {
    return this.members.has(JSON.stringify(path));
  }

  /** true when `path` or anything below it is a member */
  hasPrefix(path: FieldPath): boolean {
    for (const p of this.members.values()) if (isPrefix(path, p)) return true;
    return false;
  }

  get size(): number {
    return this.members.size;
  }

  paths(): FieldPath[] {
    return [...this.members.values()];
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this.paths(), ...other.paths()]);
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet(this.paths().filter((p) => other.has(p)));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && this.paths().every((p) => other.has(p));
  }
}

export function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((e, i) => path[i] === e);
}

/** Fields the API server never tracks ownership of. */
const UNTRACKED: FieldPath[] = [
  ["f:apiVersion"],
  ["f:kind"],
  ["f:metadata", "f:name"],
  ["f:metadata", "f:namespace"],
  ["f:metadata", "f:uid"],
  ["f:metadata", "f:resourceVersion"],
  ["f:metadata", "f:generation"],
  ["f:metadata", "f:creationTimestamp"],
  ["f:metadata", "f:managedFields"],
  ["f:metadata", "f:selfLink"],
];

type ListKind = "map" | "set" | "atomic";

export function listKind(meta: PatchMeta | undefined): ListKind {
  if (meta?.mergeKey !== undefined || meta?.listMapKeys !== undefined) return "map";
  if (hasStrategy(meta, "merge")) return "set";
  return "atomic";
}

function keyFields(meta: PatchMeta | undefined): string[] {
  return [...(meta?.listMapKeys ?? (meta?.mergeKey !== undefined ? [meta.mergeKey] : []))].sort();
}

/** The `k:` element naming a list item, with defaulted key fields filled in like the server does. */
export function keyElement(item: JsonObject, listMeta: PatchMeta | undefined): PathElement | undefined {
  const key: JsonObject = {};
  for (const f of keyFields(listMeta)) {
    const v = item[f] ?? listMeta?.listMapKeyDefaults?.[f];
    if (v !== undefined) key[f] = v;
  }
  return Object.keys(key).length > 0 ? `k:${JSON.stringify(key)}` : undefined;
}

/** Every leaf and list item of `obj`, minus the untracked metadata fields. */
export function fieldSetOf(obj: unknown, meta: PatchMeta): FieldSet {
  const set = new FieldSet();
  if (isObject(obj)) walkObject(obj, meta, [], set);
  return new FieldSet(set.paths().filter((p) => !UNTRACKED.some((u) => isPrefix(u, p))));
}

function walkObject(obj: JsonObject, meta: PatchMeta | undefined, path: FieldPath, set: FieldSet): void {
  for (const [k, v] of Object.entries(obj)) walkValue(v, fieldMeta(meta, k), [...path, `f:${k}`], set);
}

function walkValue(value: unknown, meta: PatchMeta | undefined, path: FieldPath, set: FieldSet): void {
  if (isObject(value) && !meta?.atomic && Object.keys(value).length > 0) {
    walkObject(value, meta, path, set);
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    const kind = listKind(meta);
    if (kind === "map") {
      value.forEach((item, i) => {
        const el = isObject(item) ? keyElement(item, meta) : undefined;
        const itemPath = [...path, el ?? `i:${i}`];
        set.add(itemPath);
        if (isObject(item)) walkObject(item, itemMeta(meta), itemPath, set);
      });
      return;
    }
    if (kind === "set") {
      for (const item of value) set.add([...path, `v:${JSON.stringify(item)}`]);
      return;
    }
  }
  set.add(path);
}

export function toFieldsV1(set: FieldSet): FieldsV1 {
  const root: FieldsV1 = {};
  const sorted = set.paths().sort((a, b) => a.length - b.length);
  for (const path of sorted) {
    let node = root;
    for (const el of path) node = node[el] ??= {};
  }
  // A member that also has members below it is marked with ".".
  for (const path of sorted) {
    let node = root;
    for (const el of path) node = node[el];
    if (Object.keys(node).some((k) => k !== ".")) node["."] = {};
  }
  return sortFields(root);
}

function sortFields(node: FieldsV1): FieldsV1 {
  const out: FieldsV1 = {};
  for (const k of Object.keys(node).sort()) out[k] = sortFields(node[k]);
  return out;
}

export function fromFieldsV1(v1: unknown): FieldSet {
  const set = new FieldSet();
  const visit = (node: unknown, path: FieldPath) => {
    if (!isObject(node)) return;
    const keys = Object.keys(node);
    if (path.length > 0 && (keys.length === 0 || keys.includes("."))) set.add(path);
    for (const k of keys) if (k !== ".") visit(node[k], [...path, k]);
  };
  visit(v1, []);
  return set;
}

/** `.spec.containers[name="nginx"].image`, the form conflict messages use. */
export function pathString(path: FieldPath): string {
  return path
    .map((el) => {
      const body = el.slice(2);
      if (el.startsWith("f:")) return `.${body}`;
      if (el.startsWith("i:")) return `[${body}]`;
      if (el.startsWith("v:")) return `[=${body}]`;
      const key = JSON.parse(body) as JsonObject;
      return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
    })
    .join("");
}

/** Locates the value a path names; list elements are found by key, value or index. */
export function valueAtPath(obj: unknown, path: FieldPath, meta: PatchMeta | undefined): { found: boolean; value?: unknown } {
  let cur: unknown = obj;
  let m = meta;
  for (const el of path) {
    const step = stepInto(cur, el, m);
    if (!step) return { found: false };
    cur = step.value;
    m = step.meta;
  }
  return { found: true, value: cur };
}

interface Step {
  value: unknown;
  meta: PatchMeta | undefined;
  container: JsonObject | unknown[];
  at: string | number;
}

function stepInto(cur: unknown, el: PathElement, meta: PatchMeta | undefined): Step | undefined {
  const body = el.slice(2);
  if (el.startsWith("f:")) {
    if (!isObject(cur) || !hasKey(cur, body)) return undefined;
    return { value: cur[body], meta: fieldMeta(meta, body), container: cur, at: body };
  }
  if (!Array.isArray(cur)) return undefined;
  let idx = -1;
  if (el.startsWith("i:")) idx = Number(body) < cur.length ? Number(body) : -1;
  else if (el.startsWith("v:")) idx = cur.findIndex((v) => JSON.stringify(v) === body);
  else if (el.startsWith("k:")) idx = cur.findIndex((v) => isObject(v) && keyElement(v, meta) === el);
  if (idx < 0) return undefined;
  return { value: cur[idx], meta: itemMeta(meta), container: cur, at: idx };
}

/** Removes the value a path names (in place); missing paths are ignored. */
export function removePath(obj: unknown, path: FieldPath, meta: PatchMeta | undefined): void {
  let cur: unknown = obj;
  let m = meta;
  for (let i = 0; i < path.length; i++) {
    const step = stepInto(cur, path[i], m);
    if (!step) return;
    if (i === path.length - 1) {
      if (Array.isArray(step.container)) step.container.splice(step.at as number, 1);
      else delete step.container[step.at as string];
      return;
    }
    cur = step.value;
    m = step.meta;
  }
}
