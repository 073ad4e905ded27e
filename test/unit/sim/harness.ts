import "../../../src/sim/shell/index";
import { Vfs } from "../../../src/sim/fs/vfs";
import { imageBaseFs } from "../../../src/sim/images/image-fs";
import { resolveImage } from "../../../src/sim/images/catalog";
import type { CmdContext, SystemHooks } from "../../../src/sim/shell/types";
import type { FsLayer } from "../../../src/sim/fs/types";
import { advanceProgram, startProgram } from "../../../src/sim/shell/proc";
import type { ProcState } from "../../../src/sim/shell/types";

export function makeSys(image: string, over: Partial<SystemHooks> = {}): SystemHooks {
  const r = resolveImage(image);
  if (!r.ok) throw new Error(r.message);
  const ports = new Map<number, string>();
  return {
    hostname: "pod1", podIP: "10.244.1.5", image: r.image, containerName: "c1", declaredPorts: [],
    bind: (p, kind) => { if (ports.has(p)) return false; ports.set(p, kind); return true; },
    ownListeners: (kind) => [...ports].filter(([, k]) => k === kind).map(([p]) => p),
    unbind: (p) => { ports.delete(p); },
    stopMain: () => false,
    processes: () => [{ pid: 1, user: "root", cmd: "sh" }],
    oomKill: () => undefined,
    localHttp: () => ({ ok: false, error: "refused" }),
    ...over,
  };
}

export function makeFs(image: string): { fs: Vfs; layer: FsLayer } {
  const r = resolveImage(image);
  if (!r.ok) throw new Error(r.message);
  const layer: FsLayer = { base: r.image.fsKey, upper: {} };
  return { fs: new Vfs(layer, [], imageBaseFs), layer };
}

export interface Run { out: string; err: string; proc: ProcState; ctx: CmdContext }

/** Runs `sh -c script` from t=0 and advances it to `until`. */
export function runSh(script: string, opts: { image?: string; until?: number; fs?: Vfs; now?: number; sys?: Partial<SystemHooks> } = {}): Run {
  const image = opts.image ?? "busybox";
  const fs = opts.fs ?? makeFs(image).fs;
  const res: Run = { out: "", err: "", proc: undefined as unknown as ProcState, ctx: undefined as unknown as CmdContext };
  const ctx: CmdContext = {
    argv: [], env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root" }, cwd: "/", stdin: "",
    now: opts.now ?? 0, fs, out: (s) => { res.out += s; }, err: (s) => { res.err += s; }, sys: makeSys(image, opts.sys), dialect: "ash",
  };
  res.ctx = ctx;
  res.proc = startProgram("sh", ["sh", "-c", script], ctx);
  advanceProgram(res.proc, opts.until ?? 0, (t) => ({ ...ctx, now: t }));
  return res;
}

/** Runs one program directly (no PATH lookup): for tools an image does not ship but a node shell does. */
export function runProgram(argv: string[], opts: { image?: string; sys?: Partial<SystemHooks>; stdin?: string; fs?: Vfs } = {}): { out: string; err: string; status: number | undefined } {
  const image = opts.image ?? "ubuntu:22.04";
  const res = { out: "", err: "" };
  const ctx: CmdContext = {
    argv, env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOME: "/root" }, cwd: "/", stdin: opts.stdin ?? "",
    now: 0, fs: opts.fs ?? makeFs(image).fs, out: (s) => { res.out += s; }, err: (s) => { res.err += s; }, sys: makeSys(image, opts.sys), dialect: "bash",
  };
  const proc = startProgram(argv[0], argv, ctx);
  return { ...res, status: proc.exitCode };
}
