// Word expansion: parameters, command substitution, arithmetic, field splitting and globbing.
import type { Vfs } from "../fs/vfs";
import { normalizePath } from "../fs/path";
import type { Word } from "./ast";

export interface ExpandEnv {
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  positional: string[];
  /** runs `$( ... )` and returns its output */
  substitute(src: string): string;
  fs: Vfs;
  cwd: string;
}

export class ExpansionError extends Error {}

/** the longest word an expansion may build, in characters */
const MAX_WORD = 16 * 1024 * 1024;

function paramValue(name: string, env: ExpandEnv): string | undefined {
  if (name === "@" || name === "*") return env.positional.slice(1).join(" ");
  if (name === "#") return String(Math.max(0, env.positional.length - 1));
  if (/^\d$/.test(name)) return env.positional[Number(name)];
  return env.lookup(name);
}

export function evalArith(src: string, env: ExpandEnv): number {
  const expr = src.replace(/\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => String(parseInt(env.lookup(n) ?? "0", 10) || 0));
  let pos = 0;
  const s = expr.replace(/\s+/g, "");
  const peek = (): string => s[pos] ?? "";
  const num = (): number => {
    if (peek() === "(") { pos++; const v = cmp(); pos++; return v; }
    if (peek() === "-") { pos++; return -num(); }
    if (peek() === "!") { pos++; return num() ? 0 : 1; }
    const m = /^\d+/.exec(s.slice(pos));
    if (!m) throw new ExpansionError(`arithmetic syntax error`);
    pos += m[0].length;
    return Number(m[0]);
  };
  const mul = (): number => {
    let v = num();
    while ("*/%".includes(peek()) && peek() !== "") {
      const op = s[pos++];
      const r = num();
      if ((op === "/" || op === "%") && r === 0) throw new ExpansionError("divide by zero");
      v = op === "*" ? v * r : op === "/" ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while ((peek() === "+" || peek() === "-")) { const op = s[pos++]; const r = mul(); v = op === "+" ? v + r : v - r; }
    return v;
  };
  const cmp = (): number => {
    const v = add();
    const m = /^(==|!=|<=|>=|<|>)/.exec(s.slice(pos));
    if (!m) return v;
    pos += m[0].length;
    const r = add();
    const res = m[0] === "==" ? v === r : m[0] === "!=" ? v !== r : m[0] === "<=" ? v <= r : m[0] === ">=" ? v >= r : m[0] === "<" ? v < r : v > r;
    return res ? 1 : 0;
  };
  const v = cmp();
  if (pos < s.length) throw new ExpansionError(`arithmetic syntax error`);
  return v;
}

function globToRegex(p: string): RegExp {
  let re = "";
  for (const c of p) re += c === "*" ? "[^/]*" : c === "?" ? "[^/]" : /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  return new RegExp(`^${re}$`);
}

export function glob(pattern: string, fs: Vfs, cwd: string): string[] {
  const absolute = pattern.startsWith("/");
  const parts = pattern.split("/").filter(Boolean);
  let paths = [absolute ? "/" : ""];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === "" ? cwd : base;
      if (!/[*?[]/.test(part)) {
        const candidate = base === "" ? part : base === "/" ? `/${part}` : `${base}/${part}`;
        if (fs.lstat(normalizePath(candidate, cwd))) next.push(candidate);
        continue;
      }
      const list = fs.readdir(normalizePath(dir, cwd));
      if (!("names" in list)) continue;
      const re = globToRegex(part);
      for (const n of list.names) {
        if (n.startsWith(".") && !part.startsWith(".")) continue;
        if (re.test(n)) next.push(base === "" ? n : base === "/" ? `/${n}` : `${base}/${n}`);
      }
    }
    paths = next;
  }
  return paths.sort();
}

/** Expands one word into fields. */
export function expandWord(word: Word, env: ExpandEnv, split = true): string[] {
  const fields: string[] = [];
  let cur = "";
  let curStarted = false;
  let globbable = false;
  const pushSplit = (value: string): void => {
    const pieces = value.split(/[ \t\n]+/);
    if (value.trim() === "") {
      if (value.length) { if (curStarted) { fields.push(cur); cur = ""; curStarted = false; } }
      return;
    }
    if (/^[ \t\n]/.test(value) && curStarted) { fields.push(cur); cur = ""; curStarted = false; }
    const clean = pieces.filter((p) => p !== "");
    clean.forEach((p, i) => {
      cur += p;
      curStarted = true;
      if (i < clean.length - 1) { fields.push(cur); cur = ""; curStarted = false; }
    });
    if (/[ \t\n]$/.test(value)) { fields.push(cur); cur = ""; curStarted = false; }
  };
  for (const part of word) {
    let value: string;
    switch (part.t) {
      case "lit":
        cur += part.v;
        curStarted = curStarted || part.q || part.v !== "";
        if (!part.q && /[*?]/.test(part.v)) globbable = true;
        continue;
      case "var": {
        const v = paramValue(part.name, env);
        const set = v !== undefined && (v !== "" || part.op === "-");
        if (part.op === ":-" || part.op === "-") value = set ? (v ?? "") : expandWord(part.arg ?? [], env, false).join("");
        else if (part.op === ":=") {
          if (set) value = v ?? "";
          else { value = expandWord(part.arg ?? [], env, false).join(""); env.assign(part.name, value); }
        } else if (part.op === ":+") value = set ? expandWord(part.arg ?? [], env, false).join("") : "";
        else value = v ?? "";
        break;
      }
      case "cmd":
        value = env.substitute(part.src).replace(/\n+$/, "");
        break;
      case "arith":
        value = String(evalArith(part.src, env));
        break;
    }
    if (part.q || !split) { cur += value; curStarted = true; }
    else pushSplit(value);
    // a word that doubles itself in a loop would take the whole isolate's memory: bash gives up too
    if (cur.length > MAX_WORD) throw new ExpansionError(`xmalloc: cannot allocate ${cur.length * 2 + 1} bytes (${MAX_WORD} bytes allocated)`);
  }
  if (curStarted || cur !== "") fields.push(cur);
  if (globbable && split && fields.length === 1) {
    const matches = glob(fields[0], env.fs, env.cwd);
    if (matches.length) return matches;
  }
  return fields;
}
