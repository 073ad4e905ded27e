// Putting an archive's members into the container's filesystem (tar x), or listing them (tar t).
// As root both tars restore modes; mtimes too unless `m`; missing parent directories are created.
import type { CmdContext, CmdOutcome } from "../types";
import { bytesToText } from "../../fs/bytes";
import { dirname, normalizePath } from "../../fs/path";
import type { FsError } from "../../fs/vfs";
import type { TarEntry } from "./tar-format";
import type { TarOptions } from "./tar-options";
import { safeMemberName, type TarVoice } from "./tar-voice";
import { abs, errText } from "./util";

const TYPE_CHAR: Record<TarEntry["kind"], string> = { file: "-", dir: "d", symlink: "l", hardlink: "h", other: "-" };

function modeString(e: TarEntry): string {
  const m = e.mode;
  const bit = (mask: number, c: string) => (m & mask ? c : "-");
  const x = (exec: number, special: number, on: string, off: string) => (m & special ? (m & exec ? on : off) : bit(exec, "x"));
  return TYPE_CHAR[e.kind] + bit(0o400, "r") + bit(0o200, "w") + x(0o100, 0o4000, "s", "S")
    + bit(0o40, "r") + bit(0o20, "w") + x(0o10, 0o2000, "s", "S")
    + bit(0o4, "r") + bit(0o2, "w") + x(0o1, 0o1000, "t", "T");
}

function stamp(seconds: number, withSeconds: boolean): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)}`;
}

/** `tar tv` lines: GNU pads "owner/group size" to a growing width, busybox uses a fixed one. */
function longLister(gnu: boolean): (e: TarEntry) => string {
  let width = 19;
  return (e) => {
    const user = e.uname || String(e.uid);
    const group = e.gname || String(e.gid);
    const size = String(e.kind === "file" ? e.data.length : 0);
    const link = e.kind === "symlink" ? ` -> ${e.linkname}` : e.kind === "hardlink" ? ` link to ${e.linkname}` : "";
    if (!gnu) return `${modeString(e)} ${user}/${group} ${size.padStart(9)} ${stamp(e.mtime, true)} ${e.name}${link}`;
    const pad = user.length + 1 + group.length + 1 + size.length;
    width = Math.max(width, pad);
    return `${modeString(e)} ${user}/${group} ${size.padStart(width - pad + size.length)} ${stamp(e.mtime, false)} ${e.name}${link}`;
  };
}

function matches(name: string, filters: string[]): string | undefined {
  const bare = name.replace(/\/+$/, "");
  return filters.find((f) => {
    const want = f.replace(/\/+$/, "");
    return bare === want || bare.startsWith(`${want}/`);
  });
}

function stripComponents(name: string, n: number): string | undefined {
  if (n === 0) return name;
  const parts = name.split("/").filter(Boolean);
  return parts.length > n ? parts.slice(n).join("/") + (name.endsWith("/") ? "/" : "") : undefined;
}

/** Writes one member at `target`; the error names the syscall the way GNU tar reports it. */
function place(ctx: CmdContext, o: TarOptions, e: TarEntry, target: string, base: string): { op: string; error: FsError } | undefined {
  const mode = o.noSamePerms ? e.mode & ~0o022 : e.mode;
  const mtime = o.touch ? ctx.now : e.mtime * 1000;
  const parent = dirname(target);
  if (!ctx.fs.stat(parent)) {
    const err = ctx.fs.mkdir(parent, ctx.now, true);
    if (err) return { op: "mkdir", error: err };
  }
  const existing = ctx.fs.lstat(target);
  if (e.kind === "dir") {
    if (existing && existing.t !== "d") ctx.fs.rm(target, false);
    if (!existing || existing.t !== "d") {
      const err = ctx.fs.mkdir(target, ctx.now);
      if (err) return { op: "mkdir", error: err };
    }
    ctx.fs.setAttrs(target, { mode, mtime });
    return undefined;
  }
  if (existing?.t === "d") return { op: "open", error: "EISDIR" };
  if (existing) ctx.fs.rm(target, false);
  if (e.kind === "symlink") {
    const err = ctx.fs.symlink(e.linkname, target, ctx.now);
    return err ? { op: `create symlink to '${e.linkname}'`, error: err } : undefined;
  }
  let data = bytesToText(e.data);
  let fileMode = mode;
  if (e.kind === "hardlink") {
    const source = normalizePath(safeMemberName(e.linkname).name, base);
    const node = ctx.fs.stat(source);
    if (!node || node.t !== "f") return { op: `hard link to '${e.linkname}'`, error: "ENOENT" };
    data = node.data;
    fileMode = node.mode;
  }
  const err = ctx.fs.writeFile(target, data, ctx.now);
  if (err) return { op: "open", error: err };
  ctx.fs.setAttrs(target, { mode: fileMode, mtime });
  return undefined;
}

function busyboxWording(op: string, name: string, error: FsError): string {
  if (op === "mkdir") return `can't create directory '${name}': ${errText(error)}`;
  if (op.startsWith("create symlink")) return `can't create symlink '${name}': ${errText(error)}`;
  return `can't open '${name}': ${errText(error)}`;
}

/** Extracts (or lists) the members; returns an outcome only when busybox gives up midway. */
export function extractEntries(ctx: CmdContext, o: TarOptions, voice: TarVoice, entries: TarEntry[], list: boolean): CmdOutcome | undefined {
  const base = o.dir !== undefined ? abs(ctx, o.dir) : ctx.cwd;
  const filters = o.operands.map((op) => op.path);
  const found = new Set<string>();
  const long = longLister(voice.gnu);
  for (const e of entries) {
    if (filters.length) {
      const f = matches(e.name, filters);
      if (f === undefined) continue;
      found.add(f);
    }
    if (list) {
      ctx.out(`${o.verbose ? long(e) : e.name}\n`);
      continue;
    }
    const safe = safeMemberName(e.name);
    voice.stripped(safe.prefix);
    const name = stripComponents(safe.name, o.strip);
    if (name === undefined) continue;
    if (o.verbose) ctx.out(`${o.verbose > 1 ? long({ ...e, name }) : name}\n`);
    if (o.toStdout) {
      if (e.kind === "file") ctx.out(bytesToText(e.data));
      continue;
    }
    const failure = place(ctx, o, e, normalizePath(name, base), base);
    if (failure && voice.problem(`${name}: Cannot ${failure.op}: ${errText(failure.error)}`, busyboxWording(failure.op, name, failure.error))) return { status: 1 };
  }
  for (const f of filters) {
    if (!found.has(f) && voice.problem(`${f}: Not found in archive`, `${f}: not found in archive`)) return { status: 1 };
  }
  return undefined;
}
