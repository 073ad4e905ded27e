// File utilities with busybox and GNU wording.
import { registerCommand } from "../registry";
import type { CmdContext } from "../types";
import type { FsNode } from "../../fs/types";
import { basename } from "../../fs/path";
import { lsDate } from "../../time-format";
import { abs, errText, isGnu, parseFlags, readInputs } from "./util";

registerCommand("touch", {
  run(ctx) {
    const { operands } = parseFlags(ctx.argv.slice(1), "dtr");
    if (!operands.length) { ctx.err(isGnu(ctx) ? "touch: missing file operand\n" : "BusyBox v1.36.1 multi-call binary.\n\nUsage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...\n"); return { status: 1 }; }
    let rc = 0;
    for (const o of operands) {
      const e = ctx.fs.touch(abs(ctx, o), ctx.now);
      if (e) { rc = 1; ctx.err(isGnu(ctx) ? `touch: cannot touch '${o}': ${errText(e)}\n` : `touch: ${o}: ${errText(e)}\n`); }
    }
    return { status: rc };
  },
});

registerCommand("rm", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    const recursive = !!(flags.r || flags.R || flags.recursive);
    const force = !!(flags.f || flags.force);
    if (!operands.length && !force) { ctx.err(isGnu(ctx) ? "rm: missing operand\n" : "BusyBox v1.36.1 multi-call binary.\n\nUsage: rm [-irf] FILE...\n"); return { status: 1 }; }
    let rc = 0;
    for (const o of operands) {
      const path = abs(ctx, o);
      const node = ctx.fs.lstat(path);
      if (!node) {
        if (!force) { rc = 1; ctx.err(isGnu(ctx) ? `rm: cannot remove '${o}': No such file or directory\n` : `rm: can't remove '${o}': No such file or directory\n`); }
        continue;
      }
      if (node.t === "d" && !recursive) { rc = 1; ctx.err(isGnu(ctx) ? `rm: cannot remove '${o}': Is a directory\n` : `rm: '${o}' is a directory\n`); continue; }
      const e = ctx.fs.rm(path, recursive);
      if (e) { rc = 1; ctx.err(isGnu(ctx) ? `rm: cannot remove '${o}': ${errText(e)}\n` : `rm: can't remove '${o}': ${errText(e)}\n`); }
    }
    return { status: rc };
  },
});

registerCommand("mkdir", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1), "m");
    if (!operands.length) { ctx.err(isGnu(ctx) ? "mkdir: missing operand\n" : "BusyBox v1.36.1 multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...\n"); return { status: 1 }; }
    let rc = 0;
    for (const o of operands) {
      const e = ctx.fs.mkdir(abs(ctx, o), ctx.now, !!(flags.p || flags.parents));
      if (e) { rc = 1; ctx.err(isGnu(ctx) ? `mkdir: cannot create directory '${o}': ${errText(e)}\n` : `mkdir: can't create directory '${o}': ${errText(e)}\n`); }
    }
    return { status: rc };
  },
});

registerCommand("rmdir", {
  run(ctx) {
    let rc = 0;
    for (const o of parseFlags(ctx.argv.slice(1)).operands) {
      const node = ctx.fs.lstat(abs(ctx, o));
      const e = !node ? "ENOENT" : node.t !== "d" ? "ENOTDIR" : ctx.fs.rm(abs(ctx, o), false, true);
      if (e) { rc = 1; ctx.err(`rmdir: '${o}': ${errText(e)}\n`); }
    }
    return { status: rc };
  },
});

registerCommand("cat", {
  run(ctx) {
    const { operands } = parseFlags(ctx.argv.slice(1));
    let rc = 0;
    for (const o of operands.length ? operands : ["-"]) {
      if (o === "-") { ctx.out(ctx.stdin); continue; }
      const path = abs(ctx, o);
      if (path === "/dev/null") continue;
      const r = ctx.fs.readFile(path);
      if ("error" in r) {
        rc = 1;
        if (r.error === "EISDIR") ctx.err(isGnu(ctx) ? `cat: ${o}: Is a directory\n` : "cat: read error: Is a directory\n");
        else ctx.err(isGnu(ctx) ? `cat: ${o}: ${errText(r.error)}\n` : `cat: can't open '${o}': ${errText(r.error)}\n`);
        continue;
      }
      ctx.out(r.data);
    }
    return { status: rc };
  },
});

function modeString(node: FsNode): string {
  const type = node.t === "d" ? "d" : node.t === "l" ? "l" : "-";
  const bits = ["r", "w", "x"];
  let s = "";
  for (let i = 8; i >= 0; i--) s += node.mode & (1 << i) ? bits[(8 - i) % 3] : "-";
  if (node.mode & 0o1000) s = s.slice(0, 8) + (node.mode & 1 ? "t" : "T");
  return type + s;
}

function columns(names: string[], width = 80): string {
  if (!names.length) return "";
  const colW = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor((width + 2) / colW));
  const rows = Math.ceil(names.length / cols);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < cols; c++) {
      const n = names[c * rows + r];
      if (n === undefined) continue;
      const isLast = (c + 1) * rows + r >= names.length;
      line += isLast ? n : n.padEnd(colW);
    }
    lines.push(line.trimEnd());
  }
  return lines.join("\n") + "\n";
}

registerCommand("ls", {
  run(ctx: CmdContext) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    const gnu = isGnu(ctx);
    const long = !!(flags.l || flags.n);
    const all = !!(flags.a || flags.all);
    const almost = !!flags.A;
    const one = !!flags["1"];
    const dirOnly = !!flags.d;
    const targets = operands.length ? operands : ["."];
    let rc = 0;
    const fileRows: string[] = [];
    const dirBlocks: Array<{ name: string; lines: string; total: number }> = [];
    const sizeOf = (n: FsNode): number => ctx.fs.size(n);
    const longLine = (name: string, node: FsNode, widths?: { links: number; size: number }): string => {
      const link = node.t === "l" ? ` -> ${node.target}` : "";
      const size = String(sizeOf(node));
      const date = lsDate(node.mtime, ctx.now);
      const nlink = node.t === "d" ? "2" : "1";
      if (gnu) return `${modeString(node)} ${nlink.padStart(widths?.links ?? 1)} root root ${size.padStart(widths?.size ?? size.length)} ${date} ${name}${link}`;
      return `${modeString(node)}    ${nlink} root     root     ${size.padStart(9)} ${date} ${name}${link}`;
    };
    for (const t of targets) {
      const path = abs(ctx, t);
      const node = ctx.fs.stat(path) ?? ctx.fs.lstat(path);
      if (!node) {
        rc = gnu ? 2 : 1;
        ctx.err(gnu ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`);
        continue;
      }
      if (node.t !== "d" || dirOnly) {
        fileRows.push(long ? longLine(t, ctx.fs.lstat(path) ?? node) : t);
        continue;
      }
      const list = ctx.fs.readdir(path);
      let names = "names" in list ? list.names : [];
      if (!all && !almost) names = names.filter((n) => !n.startsWith("."));
      if (all) names = [".", "..", ...names];
      const entries = names.map((n) => {
        const p = n === "." ? path : n === ".." ? abs(ctx, `${t}/..`) : path === "/" ? `/${n}` : `${path}/${n}`;
        return { n, node: ctx.fs.lstat(p) ?? { t: "d" as const, mode: 0o755, mtime: 0 } };
      });
      let text: string;
      let total = 0;
      if (long) {
        total = entries.reduce((s, e) => s + Math.ceil(sizeOf(e.node) / 4096) * 4, 0);
        const widths = { links: 1, size: Math.max(1, ...entries.map((e) => String(sizeOf(e.node)).length)) };
        text = entries.map((e) => longLine(e.n, e.node, widths)).join("\n") + (entries.length ? "\n" : "");
      } else if (ctx.tty && !one) text = columns(names);
      else text = names.map((n) => `${n}\n`).join("");
      dirBlocks.push({ name: t, lines: text, total });
    }
    let output = "";
    if (fileRows.length) output += ctx.tty && !long && !one ? columns(fileRows) : fileRows.map((r) => `${r}\n`).join("");
    const multi = targets.length > 1;
    dirBlocks.forEach((b, i) => {
      if (multi) output += `${output && i >= 0 ? "\n" : ""}${b.name}:\n`;
      if (long) output += `total ${b.total}\n`;
      output += b.lines;
    });
    ctx.out(output);
    return { status: rc };
  },
});

registerCommand("cp", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    if (operands.length < 2) { ctx.err("cp: missing file operand\n"); return { status: 1 }; }
    const dest = operands[operands.length - 1];
    let rc = 0;
    for (const src of operands.slice(0, -1)) {
      const node = ctx.fs.stat(abs(ctx, src));
      if (node?.t === "d" && !(flags.r || flags.R || flags.a)) { ctx.err(isGnu(ctx) ? `cp: -r not specified; omitting directory '${src}'\n` : `cp: omitting directory '${src}'\n`); rc = 1; continue; }
      if (node?.t === "d") {
        const copyTree = (from: string, to: string): void => {
          ctx.fs.mkdir(to, ctx.now, true);
          const l = ctx.fs.readdir(from);
          for (const n of "names" in l ? l.names : []) {
            const child = ctx.fs.stat(`${from}/${n}`);
            if (child?.t === "d") copyTree(`${from}/${n}`, `${to}/${n}`);
            else ctx.fs.copyFile(`${from}/${n}`, `${to}/${n}`, ctx.now);
          }
        };
        const target = ctx.fs.stat(abs(ctx, dest))?.t === "d" ? `${abs(ctx, dest)}/${basename(abs(ctx, src))}` : abs(ctx, dest);
        copyTree(abs(ctx, src), target);
        continue;
      }
      const e = ctx.fs.copyFile(abs(ctx, src), abs(ctx, dest), ctx.now);
      if (e) { rc = 1; ctx.err(isGnu(ctx) ? `cp: cannot stat '${src}': ${errText(e)}\n` : `cp: can't stat '${src}': ${errText(e)}\n`); }
    }
    return { status: rc };
  },
});

registerCommand("mv", {
  run(ctx) {
    const { operands } = parseFlags(ctx.argv.slice(1));
    if (operands.length < 2) { ctx.err("mv: missing file operand\n"); return { status: 1 }; }
    const [src, dest] = [operands[0], operands[operands.length - 1]];
    const e = ctx.fs.copyFile(abs(ctx, src), abs(ctx, dest), ctx.now) ?? ctx.fs.rm(abs(ctx, src), false);
    if (e) { ctx.err(isGnu(ctx) ? `mv: cannot stat '${src}': ${errText(e)}\n` : `mv: can't rename '${src}': ${errText(e)}\n`); return { status: 1 }; }
    return { status: 0 };
  },
});

registerCommand("ln", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    if (operands.length < 2) { ctx.err("ln: missing file operand\n"); return { status: 1 }; }
    if (flags.f) ctx.fs.rm(abs(ctx, operands[1]), false);
    const e = flags.s ? ctx.fs.symlink(operands[0], abs(ctx, operands[1]), ctx.now) : ctx.fs.copyFile(abs(ctx, operands[0]), abs(ctx, operands[1]), ctx.now);
    if (e) { ctx.err(`ln: ${operands[1]}: ${errText(e)}\n`); return { status: 1 }; }
    return { status: 0 };
  },
});

registerCommand("chmod", {
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== "-R");
    const [mode, ...files] = args;
    let rc = 0;
    for (const f of files) {
      const path = ctx.fs.resolve(abs(ctx, f));
      const node = ctx.fs.stat(path);
      if (!node) { ctx.err(`chmod: ${f}: No such file or directory\n`); rc = 1; continue; }
      let m = node.mode;
      if (/^[0-7]+$/.test(mode)) m = parseInt(mode, 8);
      else if (/\+x/.test(mode)) m |= 0o111;
      else if (/-x/.test(mode)) m &= ~0o111;
      if (node.t === "f") ctx.fs.writeFile(path, node.data, node.mtime);
      const after = ctx.fs.stat(path);
      if (after && after.t === "f") after.mode = m;
    }
    return { status: rc };
  },
});

registerCommand("find", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    const start = args[0] && !args[0].startsWith("-") ? args[0] : ".";
    const nameIdx = args.indexOf("-name");
    const typeIdx = args.indexOf("-type");
    const pattern = nameIdx >= 0 ? new RegExp(`^${(args[nameIdx + 1] ?? "*").replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`) : undefined;
    const type = typeIdx >= 0 ? args[typeIdx + 1] : undefined;
    const root = abs(ctx, start);
    if (!ctx.fs.stat(root)) { ctx.err(`find: ${start}: No such file or directory\n`); return { status: 1 }; }
    const walk = (p: string, shown: string, depth: number): void => {
      const node = ctx.fs.lstat(p);
      if (!node) return;
      const okName = !pattern || pattern.test(basename(p));
      const okType = !type || (type === "d" ? node.t === "d" : type === "f" ? node.t === "f" : node.t === "l");
      if (okName && okType) ctx.out(`${shown}\n`);
      if (node.t === "d" && depth < 32 && !(p === "/proc" || p === "/sys")) {
        const l = ctx.fs.readdir(p);
        for (const n of "names" in l ? l.names : []) walk(p === "/" ? `/${n}` : `${p}/${n}`, shown.endsWith("/") ? `${shown}${n}` : `${shown}/${n}`, depth + 1);
      }
    };
    walk(root, start, 0);
    return { status: 0 };
  },
});

registerCommand("stat", {
  run(ctx) {
    let rc = 0;
    for (const o of parseFlags(ctx.argv.slice(1)).operands) {
      const node = ctx.fs.lstat(abs(ctx, o));
      if (!node) { ctx.err(isGnu(ctx) ? `stat: cannot statx '${o}': No such file or directory\n` : `stat: can't stat '${o}': No such file or directory\n`); rc = 1; continue; }
      const kind = node.t === "d" ? "directory" : node.t === "l" ? "symbolic link" : ctx.fs.size(node) === 0 ? "regular empty file" : "regular file";
      ctx.out(`  File: ${o}\n  Size: ${ctx.fs.size(node)}\t\tBlocks: ${Math.ceil(ctx.fs.size(node) / 512)}\tIO Block: 4096   ${kind}\nAccess: (${(node.mode & 0o7777).toString(8).padStart(4, "0")}/${modeString(node)})  Uid: (    0/    root)   Gid: (    0/    root)\nModify: ${new Date(node.mtime).toISOString().replace("T", " ").replace("Z", "000000 +0000")}\n`);
    }
    return { status: rc };
  },
});

registerCommand("du", {
  run(ctx) {
    const { operands } = parseFlags(ctx.argv.slice(1));
    for (const o of operands.length ? operands : ["."]) {
      const node = ctx.fs.stat(abs(ctx, o));
      if (!node) { ctx.err(`du: ${o}: No such file or directory\n`); return { status: 1 }; }
      ctx.out(`${Math.max(4, Math.ceil(ctx.fs.size(node) / 1024))}\t${o}\n`);
    }
    return { status: 0 };
  },
});

registerCommand("df", {
  run(ctx) {
    ctx.out("Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay               17811456   5120000  12691456  29% /\ntmpfs                    65536         0     65536   0% /dev\nshm                      65536         0     65536   0% /dev/shm\n");
    return { status: 0 };
  },
});

export { readInputs };
