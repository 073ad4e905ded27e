// Text utilities: enough of each for pipelines people type in pods.
import { registerCommand } from "../registry";
import type { CmdContext } from "../types";
import { isGnu, parseFlags, readInputs } from "./util";
import { byteLength } from "../../fs/bytes";

function unescapeEcho(s: string): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\") { out += s[i]; continue; }
    const c = s[++i];
    if (c === "n") out += "\n";
    else if (c === "t") out += "\t";
    else if (c === "\\") out += "\\";
    else if (c === "c") return { text: out, stop: true };
    else if (c === "e") out += "\x1b";
    else if (c === "0") {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))?.[0] ?? "";
      out += String.fromCharCode(parseInt(m || "0", 8));
      i += m.length;
    } else out += `\\${c ?? ""}`;
  }
  return { text: out, stop: false };
}

registerCommand("echo", {
  run(ctx) {
    let args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes("n")) newline = false;
      if (args[0].includes("e")) escapes = true;
      if (args[0].includes("E")) escapes = false;
      args = args.slice(1);
    }
    let text = args.join(" ");
    if (escapes) {
      const r = unescapeEcho(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    ctx.out(text + (newline ? "\n" : ""));
    return { status: 0 };
  },
});

/** the widest field printf builds, in characters */
const MAX_FIELD = 16 * 1024 * 1024;

registerCommand("printf", {
  run(ctx) {
    const [fmt = "", ...args] = ctx.argv.slice(1);
    let out = "";
    let ai = 0;
    let tooWide = false;
    do {
      out += unescapeEcho(fmt).text.replace(/%(-?\d*)([sdcx%])/g, (_m, w: string, c: string) => {
        if (c === "%") return "%";
        const v = args[ai++] ?? "";
        const val = c === "d" ? String(parseInt(v, 10) || 0) : c === "x" ? (parseInt(v, 10) || 0).toString(16) : c === "c" ? v.slice(0, 1) : v;
        const width = Number(w.replace("-", "")) || 0;
        // a field wider than the shell could allocate: the real printf fails to write it
        if (width > MAX_FIELD) { tooWide = true; return ""; }
        if (w.startsWith("-")) return val.padEnd(width);
        return w.startsWith("0") && (c === "d" || c === "x") ? val.padStart(width, "0") : val.padStart(width);
      });
    } while (ai > 0 && ai < args.length);
    if (tooWide) {
      ctx.err(`${ctx.sys.image.flavour === "busybox" || ctx.sys.image.flavour === "alpine" ? "printf" : `${ctx.dialect === "bash" ? "bash: " : ""}printf`}: write error: Cannot allocate memory\n`);
      return { status: 1 };
    }
    ctx.out(out);
    return { status: 0 };
  },
});

registerCommand("wc", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    const { texts, failed } = readInputs(ctx, operands, "wc");
    const pick = flags.l || flags.w || flags.c || flags.m ? { l: !!flags.l, w: !!flags.w, c: !!(flags.c || flags.m) } : { l: true, w: true, c: true };
    for (const t of texts) {
      const counts: number[] = [];
      if (pick.l) counts.push((t.data.match(/\n/g) ?? []).length);
      if (pick.w) counts.push(t.data.split(/\s+/).filter(Boolean).length);
      if (pick.c) counts.push(byteLength(t.data));
      const width = counts.length === 1 && t.name === "-" ? 0 : 7;
      ctx.out(counts.map((n) => String(n).padStart(width)).join(" ") + (t.name === "-" ? "" : ` ${t.name}`) + "\n");
    }
    return { status: failed ? 1 : 0 };
  },
});

function lineCount(ctx: CmdContext, tool: string): { n: number; operands: string[]; follow: boolean } {
  const args = ctx.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const { flags, operands } = parseFlags(args, "nc");
  const raw = typeof flags.n === "string" ? flags.n : "10";
  void tool;
  return { n: Math.abs(parseInt(raw, 10)) || (raw.startsWith("+") ? 0 : 10), operands, follow: !!(flags.f || flags.F) };
}

const lines = (s: string): string[] => {
  const l = s.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
};

registerCommand("head", {
  run(ctx) {
    const { n, operands } = lineCount(ctx, "head");
    const { texts, failed } = readInputs(ctx, operands, "head");
    texts.forEach((t, i) => {
      if (texts.length > 1) ctx.out(`${i ? "\n" : ""}==> ${t.name} <==\n`);
      for (const l of lines(t.data).slice(0, n)) ctx.out(`${l}\n`);
    });
    return { status: failed ? 1 : 0 };
  },
});

registerCommand("tail", {
  run(ctx) {
    const { n, operands, follow } = lineCount(ctx, "tail");
    const { texts, failed } = readInputs(ctx, operands, "tail");
    for (const t of texts) for (const l of lines(t.data).slice(-n || Infinity)) if (n) ctx.out(`${l}\n`);
    if (follow && !failed) return { block: { untilMs: null, data: null } };
    return { status: failed ? 1 : 0 };
  },
  resume() {
    return { block: { untilMs: null, data: null } };
  },
});

registerCommand("grep", {
  run(ctx) {
    const isE = ctx.argv[0].endsWith("egrep");
    const { flags, operands } = parseFlags(ctx.argv.slice(1), "e");
    const pattern = typeof flags.e === "string" ? flags.e : operands.shift();
    if (pattern === undefined) { ctx.err("Usage: grep [-ivcnqE] PATTERN [FILE]...\n"); return { status: 2 }; }
    let re: RegExp;
    try {
      const src = flags.F ? pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : flags.E || isE ? pattern : pattern.replace(/\\([|+?(){}])/g, "$1");
      re = new RegExp(flags.w ? `\\b(?:${src})\\b` : src, flags.i ? "i" : "");
    } catch {
      ctx.err(`grep: bad regex '${pattern}'\n`);
      return { status: 2 };
    }
    const { texts, failed } = readInputs(ctx, operands, "grep");
    let matched = 0;
    for (const t of texts) {
      lines(t.data).forEach((l, i) => {
        if (re.test(l) === !flags.v) {
          matched++;
          if (!flags.q && !flags.c) ctx.out(`${texts.length > 1 ? `${t.name}:` : ""}${flags.n ? `${i + 1}:` : ""}${l}\n`);
        }
      });
    }
    if (flags.c) ctx.out(`${matched}\n`);
    return { status: failed ? 2 : matched ? 0 : 1 };
  },
});
registerCommand("egrep", { run: (ctx) => ({ exec: ["grep", "-E", ...ctx.argv.slice(1)] }) });

registerCommand("sort", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1), "kt");
    const { texts } = readInputs(ctx, operands, "sort");
    let all = texts.flatMap((t) => lines(t.data));
    all = flags.n ? all.sort((a, b) => parseFloat(a) - parseFloat(b)) : all.sort();
    if (flags.r) all.reverse();
    if (flags.u) all = all.filter((l, i) => all.indexOf(l) === i);
    for (const l of all) ctx.out(`${l}\n`);
    return { status: 0 };
  },
});

registerCommand("uniq", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    const { texts } = readInputs(ctx, operands, "uniq");
    const all = texts.flatMap((t) => lines(t.data));
    let prev: string | undefined;
    let count = 0;
    const flush = (): void => { if (prev !== undefined) ctx.out(flags.c ? `${String(count).padStart(7)} ${prev}\n` : `${prev}\n`); };
    for (const l of all) {
      if (l === prev) { count++; continue; }
      flush();
      prev = l;
      count = 1;
    }
    flush();
    return { status: 0 };
  },
});

registerCommand("cut", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1), "dfc");
    const delim = typeof flags.d === "string" ? flags.d : "\t";
    const spec = typeof flags.f === "string" ? flags.f : typeof flags.c === "string" ? flags.c : "1";
    const picks = spec.split(",").flatMap((r) => {
      const [a, b] = r.split("-");
      const from = Number(a || 1);
      const to = r.includes("-") ? Number(b || 9999) : from;
      return Array.from({ length: Math.min(to, 9999) - from + 1 }, (_, i) => from + i);
    });
    const { texts } = readInputs(ctx, operands, "cut");
    for (const l of texts.flatMap((t) => lines(t.data))) {
      if (flags.c) ctx.out(picks.map((i) => l[i - 1] ?? "").join("") + "\n");
      else {
        const parts = l.split(delim);
        ctx.out((parts.length === 1 ? l : picks.filter((i) => i <= parts.length).map((i) => parts[i - 1]).join(delim)) + "\n");
      }
    }
    return { status: 0 };
  },
});

registerCommand("tr", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    const expand = (s: string): string => s.replace(/\[:upper:\]/g, "A-Z").replace(/\[:lower:\]/g, "a-z").replace(/(.)-(.)/g, (_m, a: string, b: string) => {
      let r = "";
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
      return r;
    }).replace(/\\n/g, "\n");
    const from = expand(operands[0] ?? "");
    const to = expand(operands[1] ?? "");
    let out = "";
    for (const c of ctx.stdin) {
      const i = from.indexOf(c);
      if (flags.d) { if (i < 0) out += c; }
      else out += i < 0 ? c : to[Math.min(i, to.length - 1)] ?? "";
    }
    ctx.out(out);
    return { status: 0 };
  },
});

registerCommand("tee", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    for (const o of operands) ctx.fs.writeFile(o.startsWith("/") ? o : `${ctx.cwd}/${o}`, ctx.stdin, ctx.now, !!flags.a);
    ctx.out(ctx.stdin);
    return { status: 0 };
  },
});

registerCommand("seq", {
  run(ctx) {
    const nums = ctx.argv.slice(1).map(Number);
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
    let out = "";
    for (let i = first, n = 0; step > 0 ? i <= last : i >= last; i += step, n++) { if (n > 100000) break; out += `${i}\n`; }
    ctx.out(out);
    return { status: 0 };
  },
});

registerCommand("basename", {
  run(ctx) {
    const [p = "", suffix] = ctx.argv.slice(1);
    let b = p.replace(/\/+$/, "").split("/").pop() ?? "";
    if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
    ctx.out(`${b || "/"}\n`);
    return { status: 0 };
  },
});

registerCommand("dirname", {
  run(ctx) {
    const p = (ctx.argv[1] ?? "").replace(/\/+$/, "");
    const i = p.lastIndexOf("/");
    ctx.out(`${i < 0 ? "." : i === 0 ? "/" : p.slice(0, i)}\n`);
    return { status: 0 };
  },
});

registerCommand("sed", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1), "e");
    const script = typeof flags.e === "string" ? flags.e : operands.shift() ?? "";
    const m = /^s(.)(.*?)\1(.*?)\1([gI]*)$/.exec(script);
    if (!m) { ctx.err(`sed: unsupported command ${script}\n`); return { status: 1 }; }
    const re = new RegExp(m[2], (m[4].includes("g") ? "g" : "") + (m[4].includes("I") ? "i" : ""));
    const repl = m[3].replace(/\\(\d)/g, "$$$1").replace(/&/g, "$$&");
    if (flags.i) {
      for (const o of operands) {
        const path = o.startsWith("/") ? o : `${ctx.cwd}/${o}`;
        const r = ctx.fs.readFile(path);
        if ("error" in r) { ctx.err(`sed: can't read ${o}: No such file or directory\n`); return { status: 2 }; }
        ctx.fs.writeFile(path, lines(r.data).map((l) => l.replace(re, repl)).join("\n") + "\n", ctx.now);
      }
      return { status: 0 };
    }
    const { texts, failed } = readInputs(ctx, operands, "sed");
    for (const t of texts) for (const l of lines(t.data)) ctx.out(`${l.replace(re, repl)}\n`);
    return { status: failed ? 2 : 0 };
  },
});

registerCommand("awk", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1), "F");
    const prog = operands.shift() ?? "";
    const m = /^\s*(?:NR\s*>\s*(\d+)\s*)?\{\s*print\s*(.*?)\s*;?\s*\}\s*$/.exec(prog);
    if (!m) { ctx.err(`awk: unsupported program\n`); return { status: 2 }; }
    const skip = m[1] ? Number(m[1]) : 0;
    const fields = m[2] ? m[2].split(/\s*,\s*/) : ["$0"];
    const { texts } = readInputs(ctx, operands, "awk");
    lines(texts.map((t) => t.data).join("")).forEach((l, i) => {
      if (i + 1 <= skip) return;
      const parts = typeof flags.F === "string" ? l.split(flags.F) : l.trim().split(/\s+/);
      const val = (f: string): string => {
        if (f === "$0") return l;
        if (f === "NF") return String(parts.length);
        if (f === "NR") return String(i + 1);
        const fm = /^\$(\d+|NF)$/.exec(f);
        if (fm) return fm[1] === "NF" ? parts[parts.length - 1] ?? "" : parts[Number(fm[1]) - 1] ?? "";
        return f.replace(/^"(.*)"$/, "$1");
      };
      ctx.out(fields.map(val).join(" ") + "\n");
    });
    return { status: 0 };
  },
});
