// The view a process has of its filesystem: the container layer plus volume mounts.
// It mutates the serialisable layers it is given; callers clone state first when they need purity.
import type { BaseResolver, FsLayer, FsNode } from "./types";
import { basename, dirname, isUnder, normalizePath } from "./path";
import { byteLength } from "./bytes";

export type FsError = "ENOENT" | "ENOTDIR" | "EISDIR" | "EEXIST" | "ENOTEMPTY" | "EROFS" | "EINVAL";

export interface MountedLayer {
  path: string;
  layer: FsLayer;
  readOnly?: boolean;
  subPath?: string;
}

const childIndexCache = new Map<string, Map<string, string[]>>();

function baseChildren(key: string, base: Record<string, FsNode>): Map<string, string[]> {
  let idx = childIndexCache.get(key);
  if (!idx) {
    idx = new Map();
    for (const p of Object.keys(base)) {
      if (p === "/") continue;
      const d = dirname(p);
      const list = idx.get(d) ?? [];
      list.push(basename(p));
      idx.set(d, list);
    }
    childIndexCache.set(key, idx);
  }
  return idx;
}

function ancestors(p: string): string[] {
  const out: string[] = [];
  let cur = p;
  while (cur !== "/") {
    cur = dirname(cur);
    out.push(cur);
  }
  return out;
}

/** Node at `p` in one layer, without following links. */
export function layerGet(layer: FsLayer, p: string, bases: BaseResolver): FsNode | undefined {
  if (p in layer.upper) return layer.upper[p] ?? undefined;
  if (!layer.base) return p === "/" ? { t: "d", mode: 0o755, mtime: 0 } : undefined;
  for (const a of ancestors(p)) {
    if (a in layer.upper) {
      const n = layer.upper[a];
      if (n === null || n.t !== "d" || n.opaque) return undefined;
      break;
    }
  }
  return bases(layer.base)?.[p];
}

function layerList(layer: FsLayer, dir: string, bases: BaseResolver): string[] {
  const names = new Set<string>();
  const own = layer.upper[dir];
  const baseVisible = layer.base && !(own && own.t === "d" && own.opaque) && layerGet(layer, dir, bases) !== undefined;
  if (baseVisible && layer.base) {
    const base = bases(layer.base);
    if (base) for (const n of baseChildren(layer.base, base).get(dir) ?? []) names.add(n);
  }
  for (const [p, node] of Object.entries(layer.upper)) {
    if (p !== "/" && dirname(p) === dir) {
      if (node === null) names.delete(basename(p));
      else names.add(basename(p));
    }
  }
  for (const n of [...names]) {
    const full = dir === "/" ? `/${n}` : `${dir}/${n}`;
    if (full in layer.upper && layer.upper[full] === null) names.delete(n);
  }
  return [...names].sort();
}

export class Vfs {
  constructor(
    readonly root: FsLayer,
    readonly mounts: MountedLayer[],
    readonly bases: BaseResolver,
  ) {}

  private locate(p: string): { layer: FsLayer; rel: string; readOnly: boolean; mountRoot: boolean } {
    let best: MountedLayer | undefined;
    for (const m of this.mounts) {
      if (isUnder(p, m.path) && (!best || m.path.length > best.path.length)) best = m;
    }
    if (!best) return { layer: this.root, rel: p, readOnly: false, mountRoot: false };
    const rest = p.slice(best.path === "/" ? 0 : best.path.length);
    const rel = normalizePath((best.subPath ? `/${best.subPath}` : "") + (rest || "/"));
    return { layer: best.layer, rel, readOnly: !!best.readOnly, mountRoot: p === best.path };
  }

  /** Resolves symlinks in every component (bounded), returning the final path. */
  resolve(p: string, followLast = true): string {
    let path = normalizePath(p);
    for (let hops = 0; hops < 16; hops++) {
      const parts = path.split("/").filter(Boolean);
      let cur = "/";
      let changed = false;
      for (let i = 0; i < parts.length; i++) {
        const next = cur === "/" ? `/${parts[i]}` : `${cur}/${parts[i]}`;
        const last = i === parts.length - 1;
        const node = this.lstat(next);
        if (node?.t === "l" && (!last || followLast)) {
          const target = normalizePath(node.target, cur);
          path = normalizePath([target, ...parts.slice(i + 1)].join("/"));
          changed = true;
          break;
        }
        cur = next;
      }
      if (!changed) return path;
    }
    return path;
  }

  lstat(p: string): FsNode | undefined {
    const { layer, rel, mountRoot } = this.locate(normalizePath(p));
    const node = layerGet(layer, rel, this.bases);
    if (!node && mountRoot) return { t: "d", mode: 0o777, mtime: 0 };
    return node;
  }

  stat(p: string): FsNode | undefined {
    return this.lstat(this.resolve(p));
  }

  exists(p: string): boolean {
    return this.stat(p) !== undefined;
  }

  private parentCheck(p: string): FsError | undefined {
    const parent = this.stat(dirname(p));
    if (!parent) return "ENOENT";
    if (parent.t !== "d") return "ENOTDIR";
    return undefined;
  }

  private put(p: string, node: FsNode | null): FsError | undefined {
    const loc = this.locate(p);
    if (loc.readOnly) return "EROFS";
    loc.layer.upper[loc.rel] = node;
    return undefined;
  }

  readFile(p: string): { data: string } | { error: FsError } {
    const node = this.stat(p);
    if (!node) return { error: "ENOENT" };
    if (node.t === "d") return { error: "EISDIR" };
    if (node.t === "l") return { error: "ENOENT" };
    return { data: node.data };
  }

  writeFile(p: string, data: string, now: number, append = false): FsError | undefined {
    const path = this.resolve(p);
    const existing = this.stat(path);
    if (existing?.t === "d") return "EISDIR";
    const perr = this.parentCheck(path);
    if (perr) return perr;
    const prev = existing?.t === "f" ? existing.data : "";
    return this.put(path, { t: "f", mode: existing?.mode ?? 0o644, mtime: now, data: append ? prev + data : data });
  }

  touch(p: string, now: number): FsError | undefined {
    const path = this.resolve(p);
    const existing = this.stat(path);
    if (existing) return this.put(path, { ...existing, mtime: now });
    const perr = this.parentCheck(path);
    if (perr) return perr;
    return this.put(path, { t: "f", mode: 0o644, mtime: now, data: "" });
  }

  mkdir(p: string, now: number, parents = false): FsError | undefined {
    const path = this.resolve(p);
    const existing = this.stat(path);
    if (existing) return parents && existing.t === "d" ? undefined : "EEXIST";
    if (parents && path !== "/") {
      const err = this.mkdir(dirname(path), now, true);
      if (err) return err;
    }
    const perr = this.parentCheck(path);
    if (perr) return perr;
    const loc = this.locate(path);
    const hadBase = loc.layer.base !== undefined && loc.rel in loc.layer.upper && loc.layer.upper[loc.rel] === null;
    return this.put(path, hadBase ? { t: "d", mode: 0o755, mtime: now, opaque: true } : { t: "d", mode: 0o755, mtime: now });
  }

  /** Sets a node's mode or mtime (tar restoring them); image files are copied up first, never changed in place. */
  setAttrs(p: string, attrs: { mode?: number; mtime?: number }): FsError | undefined {
    const path = this.resolve(p);
    const node = this.lstat(path);
    if (!node) return "ENOENT";
    return this.put(path, { ...node, ...attrs });
  }

  symlink(target: string, p: string, now: number): FsError | undefined {
    const path = normalizePath(p);
    if (this.lstat(path)) return "EEXIST";
    const perr = this.parentCheck(path);
    if (perr) return perr;
    return this.put(path, { t: "l", mode: 0o777, mtime: now, target });
  }

  readdir(p: string): { names: string[] } | { error: FsError } {
    const path = this.resolve(p);
    const node = this.stat(path);
    if (!node) return { error: "ENOENT" };
    if (node.t !== "d") return { error: "ENOTDIR" };
    const { layer, rel } = this.locate(path);
    const names = new Set(layerList(layer, rel, this.bases));
    for (const m of this.mounts) if (m.path !== path && dirname(m.path) === path) names.add(basename(m.path));
    return { names: [...names].sort() };
  }

  /** Removes a file, or a directory when `recursive` (or when it is empty and `dirOk`). */
  rm(p: string, recursive: boolean, dirOk = false): FsError | undefined {
    const path = normalizePath(p);
    const node = this.lstat(path);
    if (!node) return "ENOENT";
    if (node.t === "d") {
      const list = this.readdir(path);
      const names = "names" in list ? list.names : [];
      if (!recursive) {
        if (!dirOk) return "EISDIR";
        if (names.length) return "ENOTEMPTY";
      }
      for (const n of names) {
        const err = this.rm(path === "/" ? `/${n}` : `${path}/${n}`, true);
        if (err) return err;
      }
      if (this.locate(path).mountRoot) return undefined;
    }
    const loc = this.locate(path);
    if (loc.readOnly) return "EROFS";
    for (const key of Object.keys(loc.layer.upper)) if (key !== loc.rel && isUnder(key, loc.rel)) delete loc.layer.upper[key];
    if (loc.layer.base && layerGet({ base: loc.layer.base, upper: {} }, loc.rel, this.bases)) loc.layer.upper[loc.rel] = null;
    else delete loc.layer.upper[loc.rel];
    return undefined;
  }

  /** Copies a file's content and mode (the only kind `cp`/`mv` need here). */
  copyFile(from: string, to: string, now: number): FsError | undefined {
    const src = this.stat(from);
    if (!src) return "ENOENT";
    if (src.t === "d") return "EISDIR";
    let dest = normalizePath(to);
    if (this.stat(dest)?.t === "d") dest = normalizePath(basename(normalizePath(from)), dest);
    const data = src.t === "f" ? src.data : "";
    const err = this.writeFile(dest, data, now);
    if (err) return err;
    const written = this.stat(dest);
    if (written?.t === "f" && src.t === "f" && src.size !== undefined) return this.put(this.resolve(dest), { ...written, size: src.size, mode: src.mode });
    return undefined;
  }

  size(node: FsNode): number {
    if (node.t === "f") return node.size ?? byteLength(node.data);
    if (node.t === "l") return node.target.length;
    return 4096;
  }
}

export function fsErrorText(e: FsError): string {
  switch (e) {
    case "ENOENT": return "No such file or directory";
    case "ENOTDIR": return "Not a directory";
    case "EISDIR": return "Is a directory";
    case "EEXIST": return "File exists";
    case "ENOTEMPTY": return "Directory not empty";
    case "EROFS": return "Read-only file system";
    case "EINVAL": return "Invalid argument";
  }
}
