// Parser for the busybox ash subset people type in pod specs and exec sessions.
import type { ListItem, Redir, ShNode, Word, WordPart } from "./ast";

type Tok =
  | { k: "word"; parts: Word; raw: string }
  | { k: "op"; v: string }
  | { k: "redir"; fd: number; op: Redir["op"] }
  | { k: "nl" }
  | { k: "eof" };

export class ShellSyntaxError extends Error {}

const OPS = ["&&", "||", ";;", ";", "&", "|", "(", ")"];

function isNameChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Reads to the matching close paren of a `$(` or `$((`, honouring quotes. */
function readBalanced(src: string, start: number, open: string, close: string): number {
  let depth = 1;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") { i += 2; continue; }
    if (c === "'") { const j = src.indexOf("'", i + 1); if (j < 0) break; i = j + 1; continue; }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
    i++;
  }
  throw new ShellSyntaxError(`unterminated ${open === "(" ? "$(" : open}`);
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") { i++; continue; }
    if (c === "\\" && src[i + 1] === "\n") { i += 2; continue; }
    if (c === "\n") { toks.push({ k: "nl" }); i++; continue; }
    if (c === "#") { while (i < src.length && src[i] !== "\n") i++; continue; }
    const fdm = /^(\d?)(>>|>&|<&|&>|>\||>|<)/.exec(src.slice(i));
    if (fdm && (fdm[1] !== "" || c === ">" || c === "<" || (c === "&" && src[i + 1] === ">"))) {
      const op = fdm[2] === ">|" ? ">" : (fdm[2] as Redir["op"]);
      const fd = fdm[1] !== "" ? Number(fdm[1]) : op === "<" || op === "<&" ? 0 : 1;
      toks.push({ k: "redir", fd, op });
      i += fdm[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { toks.push({ k: "op", v: op }); i += op.length; continue; }
    // a word: concatenation of quoted and unquoted pieces
    const parts: WordPart[] = [];
    const startI = i;
    let lit = "";
    const flush = (q: boolean): void => {
      if (lit) parts.push({ t: "lit", v: lit, q });
      lit = "";
    };
    const readDollar = (q: boolean): void => {
      // at src[i] === "$"
      const n = src[i + 1];
      if (n === "(" && src[i + 2] === "(") {
        const end = readBalanced(src, i + 3, "(", ")");
        parts.push({ t: "arith", src: src.slice(i + 3, end), q });
        i = end + 2;
      } else if (n === "(") {
        const end = readBalanced(src, i + 2, "(", ")");
        parts.push({ t: "cmd", src: src.slice(i + 2, end), q });
        i = end + 1;
      } else if (n === "{") {
        const end = src.indexOf("}", i + 2);
        if (end < 0) throw new ShellSyntaxError("bad substitution");
        const body = src.slice(i + 2, end);
        const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!])(?:(:-|-|:=|:\+)(.*))?$/s.exec(body);
        if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
        const part: WordPart = { t: "var", name: m[1], q };
        if (m[2]) {
          part.op = m[2] as ":-" | "-" | ":=" | ":+";
          part.arg = [{ t: "lit", v: m[3], q: true }];
        }
        parts.push(part);
        i = end + 1;
      } else if (n !== undefined && /[?#$@*!0-9]/.test(n)) {
        parts.push({ t: "var", name: n, q });
        i += 2;
      } else if (n !== undefined && /[A-Za-z_]/.test(n)) {
        let j = i + 1;
        while (j < src.length && isNameChar(src[j])) j++;
        parts.push({ t: "var", name: src.slice(i + 1, j), q });
        i = j;
      } else {
        lit += "$";
        i++;
      }
    };
    while (i < src.length) {
      const ch = src[i];
      if (/[\s;&|()<>]/.test(ch)) break;
      if (ch === "\\") {
        lit += src[i + 1] ?? "";
        flush(true);
        i += 2;
      } else if (ch === "'") {
        flush(false);
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShellSyntaxError("unterminated quoted string");
        parts.push({ t: "lit", v: src.slice(i + 1, j), q: true });
        i = j + 1;
      } else if (ch === '"') {
        flush(false);
        i++;
        let closed = false;
        parts.push({ t: "lit", v: "", q: true });
        while (i < src.length) {
          const d = src[i];
          if (d === '"') { closed = true; i++; break; }
          if (d === "\\" && /["\\$`\n]/.test(src[i + 1] ?? "")) { lit += src[i + 1]; i += 2; continue; }
          if (d === "$") { flush(true); readDollar(true); continue; }
          if (d === "`") {
            flush(true);
            const j = src.indexOf("`", i + 1);
            if (j < 0) throw new ShellSyntaxError("unterminated `");
            parts.push({ t: "cmd", src: src.slice(i + 1, j), q: true });
            i = j + 1;
            continue;
          }
          lit += d;
          i++;
        }
        if (!closed) throw new ShellSyntaxError("unterminated quoted string");
        flush(true);
      } else if (ch === "$") {
        flush(false);
        readDollar(false);
      } else if (ch === "`") {
        flush(false);
        const j = src.indexOf("`", i + 1);
        if (j < 0) throw new ShellSyntaxError("unterminated `");
        parts.push({ t: "cmd", src: src.slice(i + 1, j), q: false });
        i = j + 1;
      } else {
        lit += ch;
        i++;
      }
    }
    flush(false);
    toks.push({ k: "word", parts, raw: src.slice(startI, i) });
  }
  toks.push({ k: "eof" });
  return toks;
}

const RESERVED_END = new Set(["then", "elif", "else", "fi", "do", "done", "}", "esac"]);

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok { return this.toks[this.pos]; }
  private next(): Tok { return this.toks[this.pos++]; }

  private reserved(): string | undefined {
    const t = this.peek();
    return t.k === "word" && t.parts.length === 1 && t.parts[0].t === "lit" && !t.parts[0].q ? t.parts[0].v : undefined;
  }

  private skipNl(): void {
    while (this.peek().k === "nl") this.pos++;
  }

  private expectWord(w: string): void {
    this.skipNl();
    if (this.reserved() !== w) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()} (expecting "${w}")`);
    this.pos++;
  }

  private describe(): string {
    const t = this.peek();
    if (t.k === "eof") return "end of file";
    if (t.k === "nl") return "newline";
    if (t.k === "op") return `"${t.v}"`;
    if (t.k === "word") return `"${t.raw}"`;
    return "redirection";
  }

  parseProgram(): ShNode {
    const list = this.parseList(true);
    if (this.peek().k !== "eof") throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
    return list;
  }

  parseList(top = false): ShNode {
    const items: ListItem[] = [];
    let joiner: ListItem["op"] = ";";
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.k === "eof") break;
      if (t.k === "op" && t.v === ")") break;
      const r = this.reserved();
      if (r && RESERVED_END.has(r)) break;
      items.push({ op: joiner, node: this.parsePipeline() });
      const sep = this.peek();
      if (sep.k === "op" && (sep.v === "&&" || sep.v === "||")) {
        this.pos++;
        joiner = sep.v;
        this.skipNl();
        continue;
      }
      joiner = ";";
      if (sep.k === "op" && (sep.v === ";" || sep.v === "&")) {
        if (sep.v === "&") items[items.length - 1].background = true;
        this.pos++;
        continue;
      }
      if (sep.k === "nl") continue;
      break;
    }
    if (items.length === 0 && !top) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
    return { k: "list", items };
  }

  private parsePipeline(): ShNode {
    let bang = false;
    if (this.reserved() === "!") { bang = true; this.pos++; }
    const cmds = [this.parseCommand()];
    while (this.peek().k === "op" && (this.peek() as { v: string }).v === "|") {
      this.pos++;
      this.skipNl();
      cmds.push(this.parseCommand());
    }
    if (cmds.length === 1 && !bang) return cmds[0];
    return { k: "pipe", bang, cmds };
  }

  private parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    while (this.peek().k === "redir") redirs.push(this.parseRedir());
    return redirs;
  }

  private parseRedir(): Redir {
    const r = this.next() as { k: "redir"; fd: number; op: Redir["op"] };
    const target = this.next();
    if (target.k !== "word") throw new ShellSyntaxError(`syntax error: unexpected ${target.k === "eof" ? "end of file" : "newline"}`);
    return { fd: r.fd, op: r.op, target: target.parts };
  }

  private parseCommand(): ShNode {
    const t = this.peek();
    if (t.k === "op" && t.v === "(") {
      this.pos++;
      const body = this.parseList();
      if (!(this.peek().k === "op" && (this.peek() as { v: string }).v === ")")) throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()} (expecting ")")`);
      this.pos++;
      return { k: "group", body, subshell: true, redirs: this.parseRedirs() };
    }
    switch (this.reserved()) {
      case "{": {
        this.pos++;
        const body = this.parseList();
        this.expectWord("}");
        return { k: "group", body, subshell: false, redirs: this.parseRedirs() };
      }
      case "if": {
        this.pos++;
        const clauses: Array<{ cond: ShNode; body: ShNode }> = [];
        let otherwise: ShNode | undefined;
        const cond = this.parseList();
        this.expectWord("then");
        clauses.push({ cond, body: this.parseList() });
        for (;;) {
          this.skipNl();
          const r = this.reserved();
          if (r === "elif") {
            this.pos++;
            const c = this.parseList();
            this.expectWord("then");
            clauses.push({ cond: c, body: this.parseList() });
          } else if (r === "else") {
            this.pos++;
            otherwise = this.parseList();
          } else break;
        }
        this.expectWord("fi");
        return { k: "if", clauses, otherwise, redirs: this.parseRedirs() };
      }
      case "while":
      case "until": {
        const until = this.reserved() === "until";
        this.pos++;
        const cond = this.parseList();
        this.expectWord("do");
        const body = this.parseList();
        this.expectWord("done");
        return { k: "while", until, cond, body, redirs: this.parseRedirs() };
      }
      case "for": {
        this.pos++;
        const nameTok = this.next();
        if (nameTok.k !== "word") throw new ShellSyntaxError("syntax error: bad for loop variable");
        const name = nameTok.raw;
        let items: Word[] | null = null;
        this.skipNl();
        if (this.reserved() === "in") {
          this.pos++;
          items = [];
          while (this.peek().k === "word") items.push((this.next() as { parts: Word }).parts);
        }
        const sep = this.peek();
        if (sep.k === "op" && sep.v === ";") this.pos++;
        this.expectWord("do");
        const body = this.parseList();
        this.expectWord("done");
        return { k: "for", name, items, body, redirs: this.parseRedirs() };
      }
      default:
        break;
    }
    const assigns: Array<{ name: string; value: Word }> = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.k === "redir") { redirs.push(this.parseRedir()); continue; }
      if (tok.k !== "word") break;
      if (words.length > 0 || assigns.length > 0 || !this.reserved() || !RESERVED_END.has(this.reserved() ?? "")) {
        // NAME=value before the command name is an assignment
        const first = tok.parts[0];
        const m = words.length === 0 && first?.t === "lit" && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v) : null;
        this.pos++;
        if (m && first.t === "lit") {
          const rest: Word = [{ t: "lit", v: first.v.slice(m[0].length), q: true }, ...tok.parts.slice(1)];
          assigns.push({ name: m[1], value: rest });
        } else words.push(tok.parts);
        continue;
      }
      break;
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected ${this.describe()}`);
    }
    return { k: "cmd", assigns, words, redirs };
  }
}

export function parseScript(src: string): ShNode {
  return new Parser(tokenize(src)).parseProgram();
}
