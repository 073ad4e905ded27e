// Starting and resuming programs. The same driver runs a container's main process,
// a command a shell waits for, and an exec'd command.
import type { Vfs } from "../fs/vfs";
import { normalizePath } from "../fs/path";
import { getCommand } from "./registry";
import type { CmdContext, CmdOutcome, ProcState } from "./types";

export type ExecLookup =
  | { ok: true; impl: string; argv: string[]; path: string }
  | { ok: false; error: "notfound" | "noperm" | "isdir"; path: string };

/** Finds the program `argv[0]` names, in PATH when it has no slash. */
export function lookupExecutable(fs: Vfs, argv: string[], env: Record<string, string>, cwd: string): ExecLookup {
  const name = argv[0] ?? "";
  const candidates = name.includes("/")
    ? [normalizePath(name, cwd)]
    : (env.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").split(":").filter(Boolean).map((d) => normalizePath(name, d));
  for (const path of candidates) {
    if (name === "") break;
    const node = fs.stat(path);
    if (!node) continue;
    if (node.t === "d") {
      if (name.includes("/")) return { ok: false, error: "isdir", path };
      continue;
    }
    if (node.t !== "f") continue;
    if ((node.mode & 0o111) === 0) {
      if (name.includes("/")) return { ok: false, error: "noperm", path };
      continue;
    }
    const m = /^#!sim:([\w.-]+)/.exec(node.data);
    if (m) return { ok: true, impl: m[1], argv, path };
    // a text file: interpreted by the shell, as the kernel would run it through its #! line
    return { ok: true, impl: "sh", argv: ["sh", path, ...argv.slice(1)], path };
  }
  return { ok: false, error: "notfound", path: name };
}

/** Applies a program's outcome to its state, following `exec` replacements. */
export function applyOutcome(proc: ProcState, outcome: CmdOutcome, ctx: CmdContext): ProcState {
  let current = outcome;
  for (let hops = 0; hops < 8; hops++) {
    if ("status" in current) {
      proc.exitCode = current.status;
      proc.untilMs = null;
      proc.data = null;
      return proc;
    }
    if ("block" in current) {
      proc.untilMs = current.block.untilMs;
      proc.data = current.block.data;
      return proc;
    }
    const found = lookupExecutable(ctx.fs, current.exec, proc.env, proc.cwd);
    if (!found.ok) {
      ctx.err(`exec: ${current.exec[0]}: not found\n`);
      proc.exitCode = 127;
      return proc;
    }
    const impl = getCommand(found.impl);
    if (!impl) {
      proc.exitCode = 0;
      return proc;
    }
    proc.impl = found.impl;
    proc.argv = found.argv;
    current = impl.run({ ...ctx, argv: found.argv });
  }
  proc.exitCode = 126;
  return proc;
}

export function startProgram(impl: string, argv: string[], ctx: CmdContext): ProcState {
  const proc: ProcState = { argv, impl, env: ctx.env, cwd: ctx.cwd, data: null, untilMs: null };
  const program = getCommand(impl);
  if (!program) {
    proc.exitCode = 0;
    return proc;
  }
  return applyOutcome(proc, program.run({ ...ctx, argv }), ctx);
}

/** Resumes a blocked program once (its wake time has come). */
export function resumeProgram(proc: ProcState, ctx: CmdContext): ProcState {
  const program = getCommand(proc.impl);
  if (!program?.resume) {
    proc.exitCode = 0;
    proc.untilMs = null;
    return proc;
  }
  return applyOutcome(proc, program.resume({ ...ctx, argv: proc.argv, env: proc.env, cwd: proc.cwd }, proc.data), ctx);
}

/** Runs a program's pending wake-ups up to `limit`, each at its own instant. */
export function advanceProgram(proc: ProcState, limit: number, ctxAt: (t: number) => CmdContext, maxWakes = 100000): ProcState {
  let wakes = 0;
  while (proc.exitCode === undefined && proc.untilMs !== null && proc.untilMs <= limit && wakes++ < maxWakes) {
    resumeProgram(proc, ctxAt(proc.untilMs));
  }
  return proc;
}

/** Runs a program to its end, letting its waits pass instantly (pipelines, $(...), exec). */
export function runToEnd(impl: string, argv: string[], ctx: CmdContext, budgetMs = 3600_000): { proc: ProcState; endedAt: number } {
  const proc = startProgram(impl, argv, ctx);
  let t = ctx.now;
  let wakes = 0;
  while (proc.exitCode === undefined && proc.untilMs !== null && proc.untilMs <= ctx.now + budgetMs && wakes++ < 100000) {
    t = proc.untilMs;
    resumeProgram(proc, { ...ctx, now: t });
  }
  return { proc, endedAt: t };
}
