// expr, xargs and readlink, with GNU coreutils/findutils wording on GNU images and busybox's elsewhere.
import { registerCommand, getCommand } from "../registry";
import type { CmdContext } from "../types";
import { lookupExecutable, runToEnd } from "../proc";
import { abs, isGnu, parseFlags } from "./util";

// ---- expr ----------------------------------------------------------------------------------

class ExprError extends Error {
  constructor(message: string, readonly code: number) { super(message); }
}

const isInt = (s: string): boolean => /^-?\d+$/.test(s);
const truthy = (s: string): boolean => s !== "" && !(isInt(s) && BigInt(s) === 0n);

/** POSIX basic regular expression to a JavaScript one (expr anchors it at the start). */
function breToJs(re: string): string {
  let out = "";
  for (let k = 0; k < re.length; k++) {
    const c = re[k];
    if (c === "\\" && k + 1 < re.length) {
      const n = re[++k];
      out += "(){}+?|".includes(n) ? n : /[a-zA-Z0-9]/.test(n) && !"wWsSbB".includes(n) ? n : `\\${n}`;
      continue;
    }
    if (c === "[") {
      const end = re.indexOf("]", re[k + 1] === "]" ? k + 2 : re[k + 1] === "^" && re[k + 2] === "]" ? k + 3 : k + 1);
      if (end > 0) {
        out += re.slice(k, end + 1).replace(/\[:(\w+):\]/g, (_m, cls: string) => ({ digit: "0-9", alpha: "a-zA-Z", alnum: "a-zA-Z0-9", upper: "A-Z", lower: "a-z", space: "\\s", xdigit: "0-9a-fA-F", punct: "!-\\/:-@\\[-`{-~" })[cls] ?? "");
        k = end;
        continue;
      }
    }
    out += "(){}+?|".includes(c) ? `\\${c}` : c === "*" && (out === "" || out.endsWith("(")) ? "\\*" : c;
  }
  return out;
}

class ExprParser {
  private k = 0;
  constructor(private readonly t: string[], private readonly gnu: boolean) {}

  parse(): string {
    if (this.t.length === 0) throw new ExprError(this.gnu ? "missing operand" : "syntax error", 2);
    const v = this.or();
    if (this.k < this.t.length) throw new ExprError(this.gnu ? `syntax error: unexpected argument '${this.t[this.k]}'` : "syntax error", 2);
    return v;
  }

  private peek(): string | undefined { return this.t[this.k]; }

  private need(after: string): string {
    const v = this.t[this.k++];
    if (v === undefined) throw new ExprError(this.gnu ? `syntax error: missing argument after '${after}'` : "syntax error", 2);
    return v;
  }

  private or(): string {
    let l = this.and();
    while (this.peek() === "|") {
      this.k++;
      const r = this.and();
      l = truthy(l) ? l : truthy(r) ? r : "0";
    }
    return l;
  }

  private and(): string {
    let l = this.cmp();
    while (this.peek() === "&") {
      this.k++;
      const r = this.cmp();
      l = truthy(l) && truthy(r) ? l : "0";
    }
    return l;
  }

  private cmp(): string {
    let l = this.add();
    for (let op = this.peek(); op !== undefined && ["<", "<=", "=", "==", "!=", ">=", ">"].includes(op); op = this.peek()) {
      this.k++;
      const r = this.add();
      const c = isInt(l) && isInt(r) ? (BigInt(l) < BigInt(r) ? -1 : BigInt(l) > BigInt(r) ? 1 : 0) : l < r ? -1 : l > r ? 1 : 0;
      const ok = { "<": c < 0, "<=": c <= 0, "=": c === 0, "==": c === 0, "!=": c !== 0, ">=": c >= 0, ">": c > 0 }[op] ?? false;
      l = ok ? "1" : "0";
    }
    return l;
  }

  private num(s: string): bigint {
    if (!isInt(s)) throw new ExprError(this.gnu ? "non-integer argument" : "non-numeric argument", 2);
    return BigInt(s);
  }

  private add(): string {
    let l = this.mul();
    for (let op = this.peek(); op === "+" || op === "-"; op = this.peek()) {
      this.k++;
      const r = this.mul();
      l = String(op === "+" ? this.num(l) + this.num(r) : this.num(l) - this.num(r));
    }
    return l;
  }

  private mul(): string {
    let l = this.match();
    for (let op = this.peek(); op === "*" || op === "/" || op === "%"; op = this.peek()) {
      this.k++;
      const r = this.match();
      const a = this.num(l);
      const b = this.num(r);
      if (op !== "*" && b === 0n) throw new ExprError("division by zero", 2);
      l = String(op === "*" ? a * b : op === "/" ? a / b : a % b);
    }
    return l;
  }

  private match(): string {
    let l = this.primary();
    while (this.peek() === ":") {
      this.k++;
      l = regexMatch(l, this.primary());
    }
    return l;
  }

  private primary(): string {
    const tok = this.need(this.t[this.k - 1] ?? "");
    if (tok === "(") {
      const v = this.or();
      if (this.t[this.k++] !== ")") throw new ExprError(this.gnu ? `syntax error: expecting ')' after '${this.t[this.k - 2] ?? "("}'` : "syntax error", 2);
      return v;
    }
    if (tok === "+") return this.need("+");
    switch (tok) {
      case "length": return String([...this.need(tok)].length);
      case "match": { const s = this.need(tok); return regexMatch(s, this.need(s)); }
      case "index": {
        const s = this.need(tok);
        const chars = this.need(s);
        const at = [...s].findIndex((ch) => chars.includes(ch));
        return String(at + 1);
      }
      case "substr": {
        const s = this.need(tok);
        const pos = this.need(s);
        const len = this.need(pos);
        const p = isInt(pos) ? Number(pos) : 0;
        const n = isInt(len) ? Number(len) : 0;
        return p < 1 || n < 1 ? "" : [...s].slice(p - 1, p - 1 + n).join("");
      }
      default:
        if ([")", "|", "&", "<", "<=", "=", "==", "!=", ">=", ">", "-", "*", "/", "%", ":"].includes(tok) && this.k === this.t.length && this.t.length > 1) {
          throw new ExprError(this.gnu ? `syntax error: missing argument after '${this.t[this.k - 2]}'` : "syntax error", 2);
        }
        return tok;
    }
  }
}

function regexMatch(s: string, pattern: string): string {
  const re = new RegExp(`^(?:${breToJs(pattern)})`, "s");
  const m = re.exec(s);
  if (/\\\(/.test(pattern)) return m?.[1] ?? "";
  return String(m ? [...m[0]].length : 0);
}

registerCommand("expr", {
  run(ctx) {
    const gnu = isGnu(ctx);
    const args = ctx.argv.slice(1);
    if (gnu && args[0] === "--") args.shift();
    try {
      const v = new ExprParser(args, gnu).parse();
      ctx.out(`${v}\n`);
      return { status: truthy(v) ? 0 : 1 };
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      if (e.message === "missing operand") ctx.err("expr: missing operand\nTry 'expr --help' for more information.\n");
      else ctx.err(`expr: ${e.message}\n`);
      return { status: e.code };
    }
  },
});

// ---- xargs ---------------------------------------------------------------------------------

/** Splits xargs input into words: blanks and newlines separate, quotes and backslashes escape. */
function xargsWords(input: string): string[] | { error: string } {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let k = 0; k < input.length; k++) {
    const c = input[k];
    if (c === "'" || c === '"') {
      const end = input.indexOf(c, k + 1);
      const nl = input.indexOf("\n", k + 1);
      if (end < 0 || (nl >= 0 && nl < end)) return { error: c === "'" ? "single" : "double" };
      cur += input.slice(k + 1, end);
      inWord = true;
      k = end;
    } else if (c === "\\" && k + 1 < input.length) {
      cur += input[++k];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

function runOne(ctx: CmdContext, argv: string[], trace: boolean): number {
  if (trace) ctx.err(`${argv.join(" ")}\n`);
  const found = lookupExecutable(ctx.fs, argv, ctx.env, ctx.cwd);
  if (!found.ok) {
    ctx.err(`xargs: ${argv[0]}: ${found.error === "notfound" ? "No such file or directory" : "Permission denied"}\n`);
    return found.error === "notfound" ? 127 : 126;
  }
  if (!getCommand(found.impl)) { ctx.err(`${argv[0]}: not available in this simulation\n`); return 1; }
  const { proc } = runToEnd(found.impl, found.argv, { ...ctx, stdin: "", argv: found.argv });
  return proc.exitCode ?? 0;
}

registerCommand("xargs", {
  run(ctx) {
    const gnu = isGnu(ctx);
    const args = ctx.argv.slice(1);
    let maxArgs = 0;
    let replace: string | undefined;
    let nul = false;
    let delim: string | undefined;
    let trace = false;
    let noEmpty = false;
    let k = 0;
    for (; k < args.length && args[k].startsWith("-") && args[k] !== "-"; k++) {
      const a = args[k];
      if (a === "--") { k++; break; }
      if (a.startsWith("-n")) maxArgs = Number(a.slice(2) || args[++k]);
      else if (a.startsWith("-L")) maxArgs = Number(a.slice(2) || args[++k]);
      else if (a === "-I" || a === "-i" || a.startsWith("-I")) replace = a === "-i" ? "{}" : a.slice(2) || args[++k];
      else if (a === "-0" || a === "--null") nul = true;
      else if (a.startsWith("-d")) delim = (a.slice(2) || args[++k]).replace(/^\\n$/, "\n").replace(/^\\t$/, "\t");
      else if (a === "-t" || a === "--verbose") trace = true;
      else if (a === "-r" || a === "--no-run-if-empty") noEmpty = true;
      else if (a.startsWith("-P") || a.startsWith("-s")) { if (a.length === 2) k++; }
      else if (a === "-x" || a === "-e") continue;
      else {
        ctx.err(gnu ? `xargs: invalid option -- '${a.slice(1, 2)}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n` : `xargs: invalid option -- '${a.slice(1, 2)}'\n`);
        return { status: 1 };
      }
    }
    const cmd = args.slice(k).length ? args.slice(k) : ["echo"];
    let items: string[];
    if (replace !== undefined) {
      // -I: one command per input line, leading blanks dropped
      items = ctx.stdin.split("\n").map((l) => l.replace(/^\s+/, "")).filter((l) => l !== "");
    } else if (nul || delim !== undefined) {
      items = ctx.stdin.split(nul ? "\0" : delim ?? "\n");
      if (items[items.length - 1] === "" || (delim === undefined && items[items.length - 1] === "\n")) items.pop();
    } else {
      const w = xargsWords(ctx.stdin);
      if (!Array.isArray(w)) {
        ctx.err(gnu ? `xargs: unmatched ${w.error} quote; by default quotes are special to xargs unless you use the -0 option\n` : "xargs: unmatched quote\n");
        return { status: 1 };
      }
      items = w;
    }
    const batches: string[][] = [];
    if (replace !== undefined) {
      const r = replace;
      for (const line of items) batches.push(cmd.map((a) => a.split(r).join(line)));
    } else if (items.length === 0) {
      if (!noEmpty) batches.push(cmd);
    } else {
      const size = maxArgs > 0 ? maxArgs : items.length;
      for (let i = 0; i < items.length; i += size) batches.push([...cmd, ...items.slice(i, i + size)]);
    }
    let status = 0;
    for (const b of batches) {
      const rc = runOne(ctx, b, trace);
      if (rc === 127 || rc === 126) return { status: rc };
      if (rc === 255) { ctx.err(`xargs: ${b[0]}: exited with status 255; aborting\n`); return { status: 124 }; }
      if (rc !== 0) status = 123;
    }
    return { status };
  },
});

// ---- readlink ------------------------------------------------------------------------------

/**
 * `readlink -f/-e/-m`: walks the path as the kernel does, so `missing/..` fails where a
 * textual clean-up would not; -f needs all but the last component, -e all of them, -m none.
 */
function canonical(ctx: CmdContext, path: string, mode: "f" | "e" | "m"): string | undefined {
  const parts = (path.startsWith("/") ? path : `${ctx.cwd}/${path}`).split("/").filter((p) => p !== "" && p !== ".");
  let cur = "/";
  for (let k = 0; k < parts.length; k++) {
    const last = k === parts.length - 1;
    if (parts[k] === "..") { cur = cur.slice(0, cur.lastIndexOf("/")) || "/"; continue; }
    const next = ctx.fs.resolve(cur === "/" ? `/${parts[k]}` : `${cur}/${parts[k]}`);
    const node = ctx.fs.stat(next);
    if (!node && mode !== "m" && (!last || mode === "e")) return undefined;
    if (node && node.t !== "d" && !last && mode !== "m") return undefined;
    cur = next;
  }
  return cur;
}

registerCommand("readlink", {
  run(ctx) {
    const gnu = isGnu(ctx);
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    if (!operands.length) {
      ctx.err(gnu ? "readlink: missing operand\nTry 'readlink --help' for more information.\n" : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n\t-f\tCanonicalize by following all symlinks\n\t-n\tDon't add newline\n\t-v\tVerbose\n");
      return { status: 1 };
    }
    const mode = flags.f || flags.canonicalize ? "f" : flags.e || flags["canonicalize-existing"] ? "e" : flags.m || flags["canonicalize-missing"] ? "m" : undefined;
    const nl = flags.n || flags["no-newline"] ? "" : "\n";
    let status = 0;
    for (const op of operands) {
      let out: string | undefined;
      if (mode) out = canonical(ctx, op, mode);
      else {
        const node = ctx.fs.lstat(abs(ctx, op));
        out = node?.t === "l" ? node.target : undefined;
      }
      if (out === undefined) {
        status = 1;
        if (flags.v || flags.verbose) ctx.err(`readlink: ${op}: ${ctx.fs.lstat(abs(ctx, op)) ? "Invalid argument" : "No such file or directory"}\n`);
        continue;
      }
      ctx.out(`${out}${nl}`);
    }
    return { status };
  },
});
