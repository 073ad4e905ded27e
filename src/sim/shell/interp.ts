// The shell (`sh`, `ash`, `bash`) as a resumable program: its whole state — the parsed
// script, a stack of frames and the command it waits for — is plain JSON, so a script like
// `touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600` spans simulated time.
import type { ListItem, Redir, ShNode } from "./ast";
import { parseScript, ShellSyntaxError } from "./parse";
import { expandWord, ExpansionError, type ExpandEnv } from "./expand";
import { lookupExecutable, resumeProgram, runToEnd, startProgram } from "./proc";
import { getCommand, registerCommand, SHELL_BUILTIN_PROGRAMS } from "./registry";
import type { CmdContext, CmdOutcome, Json, ProcState } from "./types";
import { fsErrorText } from "../fs/vfs";
import { normalizePath } from "../fs/path";

type Target = { k: "out" } | { k: "err" } | { k: "null" } | { k: "file"; path: string };
/** `inherited`: stdin is the shell's own, which the command consumes (all of it, or a line for `read`) */
interface Plan { out: Target; err: Target; stdin: string; inherited?: boolean }

type Frame =
  | { f: "list"; node: Extract<ShNode, { k: "list" }>; i: number }
  | { f: "while"; node: Extract<ShNode, { k: "while" }>; phase: "start" | "cond" | "body"; last: number }
  | { f: "for"; node: Extract<ShNode, { k: "for" }>; values: string[]; i: number }
  | { f: "if"; node: Extract<ShNode, { k: "if" }>; i: number; phase: "start" | "cond" | "body" }
  | { f: "restore"; vars: Record<string, string>; cwd: string };

export interface ShellState {
  frames: Frame[];
  vars: Record<string, string>;
  exported: string[];
  cwd: string;
  status: number;
  positional: string[];
  dialect: "ash" | "bash";
  child?: { proc: ProcState; plan: Plan; bang: boolean; background: boolean };
  exited?: number;
  /** an interactive shell keeps going when a line's commands are done */
  interactive?: boolean;
  loopCtl?: { kind: "break" | "continue"; n: number };
  /** budgets spent in a row without waiting on anything: a busy loop */
  busy?: number;
  /** what is left of the shell's own stdin (`echo x | sh -c 'read a'`), for its commands to read */
  input?: string;
}

const STEP_BUDGET = 20000;

/**
 * Programs that never read stdin: the shell's stdin stays for the next command. Any other program
 * given the shell's stdin takes all of it, as `cat` would (even `cat file`, an approximation).
 */
const IGNORES_STDIN = new Set([
  "echo", "printf", "test", "[", "true", "false", "pwd", "kill", "ls", "mkdir", "rmdir", "rm", "touch", "cp", "mv", "ln", "chmod",
  "date", "hostname", "sleep", "usleep", "printenv", "ps", "id", "whoami", "uname", "df", "du", "find", "stat", "which", "ip",
  "ifconfig", "netstat", "route", "ping", "nslookup", "dig", "curl", "wget", "nginx", "mount", "free", "uptime", "seq",
  "basename", "dirname", "yes", "clear", "sync", "readlink", "expr",
]);
const BUSY_YIELD_MS = 10;
const BUSY_YIELD_MAX_MS = 3600_000;

/**
 * A loop that never waits gets its budget of steps, then the processor for a while. Each budget
 * spent in a row doubles that while, so `while true; do :; done` costs a few dozen budgets per
 * simulated hour instead of one per 10 ms, and never holds the cluster up.
 */
function busyYield(st: ShellState, now: number): number {
  const n = st.busy ?? 0;
  st.busy = n + 1;
  return now + Math.min(BUSY_YIELD_MAX_MS, BUSY_YIELD_MS * 2 ** Math.min(n, 30));
}

export function newShellState(ctx: CmdContext, positional: string[]): ShellState {
  return {
    frames: [],
    vars: { ...ctx.env, PWD: ctx.cwd },
    exported: Object.keys(ctx.env),
    cwd: ctx.cwd,
    status: 0,
    positional,
    dialect: ctx.dialect,
  };
}

export function shellName(st: { dialect: "ash" | "bash" }): string {
  return st.dialect === "bash" ? "bash" : "sh";
}

/** Loads a script into a shell (as `sh -c` or an interactive line does). Returns a syntax error text if any. */
export function loadScript(st: ShellState, src: string, where = "-c"): string | undefined {
  try {
    const node = parseScript(src);
    if (node.k === "list") st.frames.push({ f: "list", node, i: 0 });
    return undefined;
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      st.status = 2;
      return st.dialect === "bash" ? `bash: ${where}: line 1: ${e.message}\n` : `sh: ${e.message}\n`;
    }
    throw e;
  }
}

function envOf(st: ShellState): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of st.exported) if (st.vars[k] !== undefined) env[k] = st.vars[k];
  return env;
}

function writer(target: Target, ctx: CmdContext): (s: string) => void {
  switch (target.k) {
    case "out": return ctx.out;
    case "err": return ctx.err;
    case "null": return () => undefined;
    case "file":
      return (s) => {
        if (target.path === "/dev/stdout") ctx.out(s);
        else if (target.path === "/dev/stderr") ctx.err(s);
        else if (target.path !== "/dev/null") ctx.fs.writeFile(target.path, s, ctx.now, true);
      };
  }
}

function childCtx(ctx: CmdContext, plan: Plan, st: ShellState, argv: string[]): CmdContext {
  return { ...ctx, argv, env: envOf(st), cwd: st.cwd, stdin: plan.stdin, out: writer(plan.out, ctx), err: writer(plan.err, ctx), dialect: ctx.dialect };
}

function expander(st: ShellState, ctx: CmdContext): ExpandEnv {
  return {
    lookup: (n) => (n === "?" ? String(st.status) : n === "$" ? "1" : n === "0" ? st.positional[0] : st.vars[n]),
    assign: (n, v) => { st.vars[n] = v; },
    positional: st.positional,
    fs: ctx.fs,
    cwd: st.cwd,
    substitute: (src) => {
      let captured = "";
      // a $(...) subshell is a fork: it sees unexported variables too (`i=$(expr $i + 1)`)
      const sub = { ...ctx, env: { ...st.vars, ...envOf(st) }, cwd: st.cwd, out: (s: string) => { captured += s; } };
      const { proc } = runToEnd("sh", [shellName(st), "-c", src], sub);
      st.status = proc.exitCode ?? 0;
      return captured;
    },
  };
}

/** Resolves redirections left to right; `>` truncates now, so later writes append. */
function planRedirs(redirs: Redir[], st: ShellState, ctx: CmdContext, base: Plan): Plan | string {
  const plan: Plan = { ...base };
  const env = expander(st, ctx);
  for (const r of redirs) {
    const target = expandWord(r.target, env, false).join("");
    if (r.op === ">&" || r.op === "<&") {
      if (target === "1" || target === "2") {
        const src = target === "1" ? plan.out : plan.err;
        if (r.fd === 2) plan.err = src;
        else if (r.fd === 1) plan.out = src;
        continue;
      }
      if (target === "-") continue;
    }
    const path = normalizePath(target, st.cwd);
    if (r.op === "<") {
      const read = ctx.fs.readFile(path);
      if ("error" in read) return `${shellName(st)}: can't open ${target}: ${fsErrorText(read.error)}\n`;
      plan.stdin = read.data;
      plan.inherited = false;
      continue;
    }
    const special = path === "/dev/null" || path === "/dev/stdout" || path === "/dev/stderr";
    if (!special) {
      const existing = ctx.fs.stat(path);
      if (existing?.t === "d") return `${shellName(st)}: can't create ${target}: Is a directory\n`;
      const err = r.op === ">>" && existing ? undefined : ctx.fs.writeFile(path, "", ctx.now, false);
      if (err) return `${shellName(st)}: can't create ${target}: ${fsErrorText(err)}\n`;
    }
    const t: Target = path === "/dev/null" ? { k: "null" } : { k: "file", path };
    if (r.op === "&>") { plan.out = t; plan.err = t; }
    else if (r.fd === 2) plan.err = t;
    else plan.out = t;
  }
  return plan;
}

const BUILTINS = new Set(["cd", "exit", "export", "unset", "set", "break", "continue", "shift", "read", "eval", "exec", ".", "source", "local", "return", "wait", "trap", "umask", "ulimit", "alias", "unalias", "type", "hash", "readonly", "command"]);

type Exec = { status: number } | { blocked: true };

function runBuiltin(st: ShellState, argv: string[], ctx: CmdContext, plan: Plan): number {
  const err = writer(plan.err, ctx);
  const out = writer(plan.out, ctx);
  const sh = shellName(st);
  switch (argv[0]) {
    case "cd": {
      const dest = argv[1] === undefined || argv[1] === "~" ? st.vars.HOME ?? "/" : argv[1] === "-" ? st.vars.OLDPWD ?? st.cwd : argv[1];
      const path = normalizePath(dest, st.cwd);
      const node = ctx.fs.stat(path);
      if (!node) { err(st.dialect === "bash" ? `bash: cd: ${dest}: No such file or directory\n` : `${sh}: cd: can't cd to ${dest}: No such file or directory\n`); return 1; }
      if (node.t !== "d") { err(st.dialect === "bash" ? `bash: cd: ${dest}: Not a directory\n` : `${sh}: cd: can't cd to ${dest}: Not a directory\n`); return 1; }
      st.vars.OLDPWD = st.cwd;
      st.cwd = path;
      st.vars.PWD = path;
      return 0;
    }
    case "exit": {
      const code = argv[1] === undefined ? st.status : Number.parseInt(argv[1], 10);
      const n = Number.isNaN(code) ? 2 : ((code % 256) + 256) % 256;
      const idx = st.frames.map((f) => f.f).lastIndexOf("restore");
      if (idx >= 0) {
        const r = st.frames[idx] as Extract<Frame, { f: "restore" }>;
        st.frames.length = idx;
        st.vars = r.vars;
        st.cwd = r.cwd;
        return n;
      }
      st.exited = n;
      st.frames = [];
      return n;
    }
    case "export":
    case "readonly":
    case "local":
      for (const a of argv.slice(1)) {
        if (a === "-p") continue;
        const eq = a.indexOf("=");
        const name = eq >= 0 ? a.slice(0, eq) : a;
        if (eq >= 0) st.vars[name] = a.slice(eq + 1);
        if (argv[0] !== "local" && !st.exported.includes(name)) st.exported.push(name);
      }
      if (argv.length === 1 || argv[1] === "-p") for (const k of [...st.exported].sort()) out(`export ${k}='${st.vars[k] ?? ""}'\n`);
      return 0;
    case "unset":
      for (const a of argv.slice(1)) { delete st.vars[a]; st.exported = st.exported.filter((x) => x !== a); }
      return 0;
    case "set":
      if (argv.length === 1) for (const k of Object.keys(st.vars).sort()) out(`${k}='${st.vars[k]}'\n`);
      else if (!argv[1].startsWith("-") && !argv[1].startsWith("+")) st.positional = [st.positional[0], ...argv.slice(1)];
      else if (argv[1] === "--") st.positional = [st.positional[0], ...argv.slice(2)];
      return 0;
    case "shift": {
      const n = Number(argv[1] ?? "1");
      st.positional = [st.positional[0], ...st.positional.slice(1 + n)];
      return 0;
    }
    case "break":
    case "continue":
      if (!st.frames.some((f) => f.f === "while" || f.f === "for")) return 0;
      st.loopCtl = { kind: argv[0], n: Number(argv[1] ?? "1") || 1 };
      return 0;
    case "read": {
      const names = argv.slice(1).filter((a) => !a.startsWith("-"));
      const line = plan.stdin.split("\n")[0] ?? "";
      if (plan.inherited) {
        const nl = plan.stdin.indexOf("\n");
        st.input = nl < 0 ? "" : plan.stdin.slice(nl + 1);
      }
      if (plan.stdin === "") return 1;
      const words = line.trim().split(/\s+/);
      names.forEach((n, i) => { st.vars[n] = i === names.length - 1 ? words.slice(i).join(" ") : words[i] ?? ""; });
      if (names.length === 0) st.vars.REPLY = line;
      return 0;
    }
    case "eval":
    case ".":
    case "source": {
      let src = argv.slice(1).join(" ");
      if (argv[0] !== "eval") {
        const read = ctx.fs.readFile(normalizePath(argv[1] ?? "", st.cwd));
        if ("error" in read) { err(`${sh}: ${argv[0]}: can't open '${argv[1] ?? ""}': No such file or directory\n`); return 1; }
        src = read.data;
      }
      const msg = loadScript(st, src, argv[0]);
      if (msg) { err(msg); return 2; }
      return 0;
    }
    case "type":
    case "command": {
      const args = argv.slice(1).filter((a) => !a.startsWith("-"));
      let rc = 0;
      for (const a of args) {
        if (BUILTINS.has(a) || SHELL_BUILTIN_PROGRAMS.has(a)) out(argv[0] === "type" ? `${a} is a shell builtin\n` : `${a}\n`);
        else {
          const found = lookupExecutable(ctx.fs, [a], envOf(st), st.cwd);
          if (found.ok) out(argv[0] === "type" ? `${a} is ${found.path}\n` : `${found.path}\n`);
          else { if (argv[0] === "type") err(`${a}: not found\n`); rc = 127; }
        }
      }
      return rc;
    }
    default:
      return 0;
  }
}

function notFound(st: ShellState, name: string): string {
  return st.dialect === "bash" ? `bash: ${name}: command not found\n` : `${shellName(st)}: ${name}: not found\n`;
}

/** Starts one command of a pipeline stage with a given plan. */
function startCommand(st: ShellState, argv: string[], ctx: CmdContext, plan: Plan, assignEnv: Record<string, string>): { proc: ProcState } | { status: number } {
  const name = argv[0];
  if (BUILTINS.has(name)) {
    if (name === "exec" && argv.length > 1) {
      const r = startCommand(st, argv.slice(1), ctx, plan, assignEnv);
      if ("proc" in r) { st.frames = []; return r; }
      st.exited = r.status;
      st.frames = [];
      return r;
    }
    if (name === "command" && argv.length > 1 && !argv[1].startsWith("-")) return startCommand(st, argv.slice(1), ctx, plan, assignEnv);
    return { status: runBuiltin(st, argv, ctx, plan) };
  }
  const cctx = childCtx(ctx, plan, st, argv);
  cctx.env = { ...cctx.env, ...assignEnv };
  let impl: string;
  let finalArgv = argv;
  if (SHELL_BUILTIN_PROGRAMS.has(name)) impl = name === ":" ? "true" : name;
  else {
    const found = lookupExecutable(ctx.fs, argv, cctx.env, st.cwd);
    if (!found.ok) {
      const e = writer(plan.err, ctx);
      if (found.error === "notfound") { e(notFound(st, name)); return { status: 127 }; }
      e(`${shellName(st)}: ${name}: ${found.error === "isdir" ? "Is a directory" : "Permission denied"}\n`);
      return { status: 126 };
    }
    impl = found.impl;
    finalArgv = found.argv;
  }
  if (plan.inherited && !IGNORES_STDIN.has(impl)) st.input = "";
  if (!getCommand(impl)) {
    writer(plan.err, ctx)(`${name}: not available in this simulation\n`);
    return { status: 1 };
  }
  const proc = startProgram(impl, finalArgv, { ...cctx, argv: finalArgv });
  if (proc.exitCode !== undefined) return { status: proc.exitCode };
  return { proc };
}

function execSimple(st: ShellState, node: Extract<ShNode, { k: "cmd" }>, ctx: CmdContext, base: Plan, bang: boolean, background: boolean): Exec {
  const env = expander(st, ctx);
  const argv: string[] = [];
  for (const w of node.words) argv.push(...expandWord(w, env));
  const assignEnv: Record<string, string> = {};
  for (const a of node.assigns) {
    const v = expandWord(a.value, env, false).join("");
    if (argv.length === 0) st.vars[a.name] = v;
    else assignEnv[a.name] = v;
  }
  const plan = planRedirs(node.redirs, st, ctx, base);
  if (typeof plan === "string") { writer(base.err, ctx)(plan); return { status: 1 }; }
  if (argv.length === 0) return { status: node.assigns.some((a) => a.value.some((p) => p.t === "cmd")) ? st.status : 0 };
  const r = startCommand(st, argv, ctx, plan, assignEnv);
  if ("status" in r) return { status: bang ? (r.status === 0 ? 1 : 0) : r.status };
  if (background) return { status: 0 };
  st.child = { proc: r.proc, plan, bang, background };
  return { blocked: true };
}

function execPipeline(st: ShellState, node: Extract<ShNode, { k: "pipe" }>, ctx: CmdContext, background: boolean): Exec {
  // the first stage reads the shell's own stdin
  const first = inheritedPlan(st);
  let stdin = first.stdin;
  let inherited = first.inherited;
  const base: Plan = { out: { k: "out" }, err: { k: "err" }, stdin: "" };
  for (let i = 0; i < node.cmds.length; i++) {
    const cmd = node.cmds[i];
    const last = i === node.cmds.length - 1;
    if (last) {
      if (cmd.k !== "cmd") return { status: 0 };
      return execSimple(st, cmd, ctx, { ...base, stdin, inherited }, node.bang, background);
    }
    // earlier stages run to their end at once; their output feeds the next stage
    let captured = "";
    const capCtx: CmdContext = { ...ctx, out: (s) => { captured += s; } };
    if (cmd.k === "cmd") {
      const env = expander(st, ctx);
      const argv: string[] = [];
      for (const w of cmd.words) argv.push(...expandWord(w, env));
      const plan = planRedirs(cmd.redirs, st, capCtx, { ...base, stdin, inherited });
      if (typeof plan !== "string" && argv.length) {
        const r = startCommand(st, argv, capCtx, plan, {});
        if ("proc" in r) {
          let wakes = 0;
          while (r.proc.exitCode === undefined && r.proc.untilMs !== null && wakes++ < 10000) resumeProgram(r.proc, childCtx({ ...capCtx, now: r.proc.untilMs }, plan, st, argv));
        }
      }
    }
    stdin = captured;
    inherited = false;
  }
  return { status: 0 };
}

function pushCompound(st: ShellState, node: ShNode, ctx: CmdContext): Exec | undefined {
  switch (node.k) {
    case "list": st.frames.push({ f: "list", node, i: 0 }); return undefined;
    case "group":
      if (node.subshell) st.frames.push({ f: "restore", vars: { ...st.vars }, cwd: st.cwd });
      if (node.body.k === "list") st.frames.push({ f: "list", node: node.body, i: 0 });
      return undefined;
    case "while": st.frames.push({ f: "while", node, phase: "start", last: 0 }); return undefined;
    case "if": st.frames.push({ f: "if", node, i: 0, phase: "start" }); return undefined;
    case "for": {
      const env = expander(st, ctx);
      const values = node.items === null ? st.positional.slice(1) : node.items.flatMap((w) => expandWord(w, env));
      st.frames.push({ f: "for", node, values, i: 0 });
      return undefined;
    }
    default:
      return undefined;
  }
}

/** a command's stdin when nothing redirects it: what is left of the shell's own */
function inheritedPlan(st: ShellState): Plan {
  return st.input ? { out: { k: "out" }, err: { k: "err" }, stdin: st.input, inherited: true } : { out: { k: "out" }, err: { k: "err" }, stdin: "" };
}

function execItem(st: ShellState, item: ListItem, ctx: CmdContext): Exec | undefined {
  const node = item.node;
  if (node.k === "cmd") return execSimple(st, node, ctx, inheritedPlan(st), false, !!item.background);
  if (node.k === "pipe") return execPipeline(st, node, ctx, !!item.background);
  return pushCompound(st, node, ctx);
}

function pushBody(st: ShellState, body: ShNode): void {
  if (body.k === "list") st.frames.push({ f: "list", node: body, i: 0 });
}

function applyLoopCtl(st: ShellState): void {
  const ctl = st.loopCtl;
  if (!ctl) return;
  st.loopCtl = undefined;
  let n = ctl.n;
  while (st.frames.length) {
    const top = st.frames[st.frames.length - 1];
    if (top.f === "while" || top.f === "for") {
      if (--n === 0) {
        if (ctl.kind === "break") st.frames.pop();
        else if (top.f === "while") { top.phase = "body"; }
        return;
      }
      st.frames.pop();
      continue;
    }
    st.frames.pop();
  }
}

function stepFrame(st: ShellState, ctx: CmdContext): void {
  const frame = st.frames[st.frames.length - 1];
  switch (frame.f) {
    case "list": {
      if (frame.i >= frame.node.items.length) { st.frames.pop(); return; }
      const item = frame.node.items[frame.i++];
      if (item.op === "&&" && st.status !== 0) return;
      if (item.op === "||" && st.status === 0) return;
      const r = execItem(st, item, ctx);
      if (r && "status" in r) st.status = r.status;
      return;
    }
    case "restore":
      st.frames.pop();
      st.vars = frame.vars;
      st.cwd = frame.cwd;
      return;
    case "while": {
      if (frame.phase === "start" || frame.phase === "body") {
        if (frame.phase === "body") frame.last = st.status;
        frame.phase = "cond";
        pushBody(st, frame.node.cond);
        return;
      }
      const ok = (st.status === 0) !== frame.node.until;
      if (!ok) { st.frames.pop(); st.status = frame.last; return; }
      frame.phase = "body";
      pushBody(st, frame.node.body);
      return;
    }
    case "for": {
      if (frame.i >= frame.values.length) { st.frames.pop(); return; }
      st.vars[frame.node.name] = frame.values[frame.i++];
      pushBody(st, frame.node.body);
      return;
    }
    case "if": {
      if (frame.phase === "start") { frame.phase = "cond"; pushBody(st, frame.node.clauses[0].cond); return; }
      if (frame.phase === "body") { st.frames.pop(); return; }
      if (st.status === 0) { frame.phase = "body"; pushBody(st, frame.node.clauses[frame.i].body); return; }
      frame.i++;
      if (frame.i < frame.node.clauses.length) { pushBody(st, frame.node.clauses[frame.i].cond); return; }
      if (frame.node.otherwise) { frame.phase = "body"; st.status = 0; pushBody(st, frame.node.otherwise); return; }
      st.frames.pop();
      st.status = 0;
      return;
    }
  }
}

/** Runs the shell until it ends or waits; the caller stores the returned state. */
export function runShell(st: ShellState, ctx: CmdContext): CmdOutcome {
  let steps = 0;
  for (;;) {
    if (st.exited !== undefined) return { status: st.exited };
    if (st.child) {
      const c = st.child;
      if (c.proc.exitCode === undefined) {
        if (c.proc.untilMs === null || c.proc.untilMs > ctx.now) {
          st.busy = undefined;
          return { block: { untilMs: c.proc.untilMs, data: st as unknown as Json } };
        }
        resumeProgram(c.proc, childCtx(ctx, c.plan, st, c.proc.argv));
        continue;
      }
      const code = c.proc.exitCode;
      st.status = c.bang ? (code === 0 ? 1 : 0) : code;
      st.child = undefined;
      continue;
    }
    if (++steps > STEP_BUDGET) return { block: { untilMs: busyYield(st, ctx.now), data: st as unknown as Json } };
    if (st.frames.length === 0) {
      if (st.interactive) return { status: st.status };
      st.exited = st.status;
      continue;
    }
    try {
      stepFrame(st, ctx);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      ctx.err(`${shellName(st)}: ${e.message}\n`);
      st.status = 2;
    }
    applyLoopCtl(st);
  }
}

/** A stopped shell signalled by the runtime ends its current child too. */
export function isShellState(v: unknown): v is ShellState {
  return typeof v === "object" && v !== null && Array.isArray((v as { frames?: unknown }).frames);
}

registerCommand("sh", {
  onTerm: "ignore",
  run(rawCtx) {
    const ctx: CmdContext = { ...rawCtx, dialect: (rawCtx.argv[0] ?? "").split("/").pop() === "bash" ? "bash" : "ash" };
    const args = ctx.argv.slice(1);
    let script: string | undefined;
    let where = "-c";
    let positional: string[] = [ctx.argv[0]];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-c") {
        script = args[i + 1] ?? "";
        positional = [args[i + 2] ?? ctx.argv[0], ...args.slice(i + 3)];
        if (script === "" && args[i + 1] === undefined) { ctx.err(`${ctx.argv[0].split("/").pop()}: -c requires an argument\n`); return { status: 2 }; }
        break;
      }
      if (/^-[a-z]+$/.test(a) || /^\+[a-z]+$/.test(a) || a === "--login") continue;
      const read = ctx.fs.readFile(normalizePath(a, ctx.cwd));
      if ("error" in read) {
        ctx.err(`${ctx.dialect === "bash" ? "bash" : "sh"}: can't open '${a}': No such file or directory\n`);
        return { status: 127 };
      }
      script = read.data.replace(/^#![^\n]*\n/, "");
      where = a;
      positional = [a, ...args.slice(i + 1)];
      break;
    }
    if (script === undefined) {
      // an interactive shell with nobody typing yet waits, as `kubectl run -it` expects
      if (ctx.stdinOpen && ctx.stdin === "") return { block: { untilMs: null, data: { waitingForInput: true } } };
      script = ctx.stdin;
    }
    const st = newShellState(ctx, positional);
    // a script from -c or a file leaves stdin to the commands it runs
    if (script !== ctx.stdin && ctx.stdin) st.input = ctx.stdin;
    const err = loadScript(st, script, where);
    if (err) { ctx.err(err); return { status: 2 }; }
    return runShell(st, ctx);
  },
  resume(ctx, data) {
    if (!isShellState(data)) return { status: 0 };
    return runShell(data, ctx);
  },
});
