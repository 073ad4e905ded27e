// Process, time and identity commands.
import { registerCommand, getCommand } from "../registry";
import type { CmdContext } from "../types";
import { dateCommand } from "../../time-format";
import { lookupExecutable } from "../proc";
import { abs, isGnu, parseFlags } from "./util";
import { interfacesOf } from "./net-data";

function parseSleep(arg: string): number | null | undefined {
  if (arg === "infinity" || arg === "inf") return null;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1;
  return Math.round(parseFloat(m[1]) * mult * 1000);
}

registerCommand("sleep", {
  onTerm: "ignore",
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (!args.length) { ctx.err(isGnu(ctx) ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : "BusyBox v1.36.1 multi-call binary.\n\nUsage: sleep [N]...\n"); return { status: 1 }; }
    let total = 0;
    for (const a of args) {
      const ms = parseSleep(a);
      if (ms === undefined) { ctx.err(isGnu(ctx) ? `sleep: invalid time interval '${a}'\n` : `sleep: invalid number '${a}'\n`); return { status: 1 }; }
      if (ms === null) return { block: { untilMs: null, data: null } };
      total += ms;
    }
    return { block: { untilMs: ctx.now + total, data: null } };
  },
  resume: () => ({ status: 0 }),
});

registerCommand("usleep", {
  run: (ctx) => ({ block: { untilMs: ctx.now + Math.round(Number(ctx.argv[1] ?? 0) / 1000), data: null } }),
  resume: () => ({ status: 0 }),
});

const pad = (n: number): string => String(n).padStart(2, "0");
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

registerCommand("date", {
  run(ctx) {
    const fmt = ctx.argv.slice(1).find((a) => a.startsWith("+"));
    if (!fmt) { ctx.out(`${dateCommand(ctx.now)}\n`); return { status: 0 }; }
    const d = new Date(ctx.now);
    const map: Record<string, string> = {
      Y: String(d.getUTCFullYear()), m: pad(d.getUTCMonth() + 1), d: pad(d.getUTCDate()), H: pad(d.getUTCHours()),
      M: pad(d.getUTCMinutes()), S: pad(d.getUTCSeconds()), s: String(Math.floor(ctx.now / 1000)), a: DAYS[d.getUTCDay()],
      b: MONTHS[d.getUTCMonth()], Z: "UTC", z: "+0000", N: String((ctx.now % 1000) * 1000000).padStart(9, "0"), "%": "%",
    };
    map.T = `${map.H}:${map.M}:${map.S}`;
    map.F = `${map.Y}-${map.m}-${map.d}`;
    map.D = `${map.m}/${map.d}/${String(d.getUTCFullYear()).slice(2)}`;
    ctx.out(fmt.slice(1).replace(/%(.)/g, (_m, c: string) => map[c] ?? `%${c}`) + "\n");
    return { status: 0 };
  },
});

registerCommand("hostname", {
  run(ctx) {
    const { flags } = parseFlags(ctx.argv.slice(1));
    if (flags.I) {
      if (!isGnu(ctx)) {
        ctx.err("hostname: invalid option -- 'I'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: hostname [-sidf] [HOSTNAME | -F FILE]\n\nShow or set hostname or DNS domain name\n\n\t-s\tShort\n\t-i\tAddresses for the hostname\n\t-d\tDNS domain name\n\t-f\tFully qualified domain name\n\t-F FILE\tUse FILE's content as hostname\n");
        return { status: 1 };
      }
      // every address of every interface but loopback and link-local ones, each followed by a space
      const addrs = interfacesOf(ctx).filter((i) => !i.flags.includes("LOOPBACK") && i.flags.includes("UP"))
        .flatMap((i) => i.addrs.map((a) => a.ip)).filter((ip) => !/^fe[89ab]/i.test(ip));
      ctx.out(`${addrs.map((a) => `${a} `).join("")}\n`);
      return { status: 0 };
    }
    ctx.out(`${flags.i ? ctx.sys.podIP : flags.s ? ctx.sys.hostname.split(".")[0] : ctx.sys.hostname}\n`);
    return { status: 0 };
  },
});

registerCommand("env", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    const env = { ...ctx.env };
    let i = 0;
    for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]); i++) {
      const eq = args[i].indexOf("=");
      env[args[i].slice(0, eq)] = args[i].slice(eq + 1);
    }
    if (i < args.length) return { exec: args.slice(i) };
    ctx.out(Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(""));
    return { status: 0 };
  },
});
registerCommand("printenv", {
  run(ctx) {
    const names = ctx.argv.slice(1);
    if (!names.length) return { exec: ["env"] };
    let rc = 0;
    for (const n of names) { if (ctx.env[n] === undefined) rc = 1; else ctx.out(`${ctx.env[n]}\n`); }
    return { status: rc };
  },
});

registerCommand("pwd", { run(ctx) { ctx.out(`${ctx.cwd}\n`); return { status: 0 }; } });
registerCommand("true", { run: () => ({ status: 0 }) });
registerCommand("false", { run: () => ({ status: 1 }) });
registerCommand("clear", { run(ctx) { ctx.out("\x1b[H\x1b[J"); return { status: 0 }; } });
registerCommand("sync", { run: () => ({ status: 0 }) });

function testExpr(ctx: CmdContext, args: string[]): boolean | string {
  if (args.length === 0) return false;
  if (args[0] === "!") { const r = testExpr(ctx, args.slice(1)); return typeof r === "string" ? r : !r; }
  const aIdx = args.indexOf("-a");
  if (aIdx > 0) { const l = testExpr(ctx, args.slice(0, aIdx)); const r = testExpr(ctx, args.slice(aIdx + 1)); return typeof l === "string" ? l : typeof r === "string" ? r : l && r; }
  const oIdx = args.indexOf("-o");
  if (oIdx > 0) { const l = testExpr(ctx, args.slice(0, oIdx)); const r = testExpr(ctx, args.slice(oIdx + 1)); return typeof l === "string" ? l : typeof r === "string" ? r : l || r; }
  if (args.length === 1) return args[0] !== "";
  if (args.length === 2) {
    const [op, v] = args;
    const node = (): ReturnType<typeof ctx.fs.stat> => ctx.fs.stat(abs(ctx, v));
    switch (op) {
      case "-z": return v === "";
      case "-n": return v !== "";
      case "-e": return !!node();
      case "-f": return node()?.t === "f";
      case "-d": return node()?.t === "d";
      case "-L": case "-h": return ctx.fs.lstat(abs(ctx, v))?.t === "l";
      case "-s": { const n = node(); return !!n && ctx.fs.size(n) > 0; }
      case "-r": case "-w": return !!node();
      case "-x": { const n = node(); return !!n && (n.mode & 0o111) !== 0; }
      default: return `${op}: unary operator expected`;
    }
  }
  const [l, op, r] = args;
  const num = (s: string): number | undefined => (/^-?\d+$/.test(s.trim()) ? Number(s) : undefined);
  switch (op) {
    case "=": case "==": return l === r;
    case "!=": return l !== r;
    case "-eq": case "-ne": case "-lt": case "-le": case "-gt": case "-ge": {
      const a = num(l);
      const b = num(r);
      if (a === undefined) return `${l}: integer expression expected`;
      if (b === undefined) return `${r}: integer expression expected`;
      return { "-eq": a === b, "-ne": a !== b, "-lt": a < b, "-le": a <= b, "-gt": a > b, "-ge": a >= b }[op] ?? false;
    }
    default: return `${op}: binary operator expected`;
  }
}

function runTest(ctx: CmdContext, bracket: boolean): { status: number } {
  let args = ctx.argv.slice(1);
  if (bracket) {
    if (args[args.length - 1] !== "]") { ctx.err("sh: missing ]\n"); return { status: 2 }; }
    args = args.slice(0, -1);
  }
  const r = testExpr(ctx, args);
  if (typeof r === "string") { ctx.err(`sh: ${r}\n`); return { status: 2 }; }
  return { status: r ? 0 : 1 };
}
registerCommand("test", { run: (ctx) => runTest(ctx, false) });
registerCommand("[", { run: (ctx) => runTest(ctx, true) });

registerCommand("kill", {
  run(ctx) {
    const pids = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    if (!pids.length) { ctx.err("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid\n"); return { status: 1 }; }
    const known = new Set(ctx.sys.processes().map((p) => String(p.pid)));
    let rc = 0;
    for (const p of pids) {
      if (!known.has(p)) { ctx.err(`sh: can't kill pid ${p}: No such process\n`); rc = 1; }
    }
    return { status: rc };
  },
});

registerCommand("ps", {
  run(ctx) {
    const procs = ctx.sys.processes();
    if (isGnu(ctx)) {
      ctx.out("    PID TTY          TIME CMD\n" + procs.map((p) => `${String(p.pid).padStart(7)} ?        00:00:00 ${p.cmd.split(" ")[0].split("/").pop()}\n`).join(""));
    } else {
      ctx.out("PID   USER     TIME  COMMAND\n" + procs.map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8)}  0:00 ${p.cmd}\n`).join(""));
    }
    return { status: 0 };
  },
});

registerCommand("uname", {
  run(ctx) {
    const { flags } = parseFlags(ctx.argv.slice(1));
    if (flags.a) ctx.out(`Linux ${ctx.sys.hostname} 5.15.0-105-generic #115-Ubuntu SMP Mon Apr 15 09:52:04 UTC 2024 x86_64${isGnu(ctx) ? " GNU/Linux" : " Linux"}\n`);
    else if (flags.r) ctx.out("5.15.0-105-generic\n");
    else if (flags.m) ctx.out("x86_64\n");
    else ctx.out("Linux\n");
    return { status: 0 };
  },
});
registerCommand("id", { run(ctx) { ctx.out("uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n".replace(/ groups=.*/, isGnu(ctx) ? " groups=0(root)" : " groups=0(root),10(wheel)")); return { status: 0 }; } });
registerCommand("whoami", { run(ctx) { ctx.out("root\n"); return { status: 0 }; } });

registerCommand("which", {
  run(ctx) {
    let rc = 0;
    for (const n of ctx.argv.slice(1)) {
      const found = lookupExecutable(ctx.fs, [n], ctx.env, ctx.cwd);
      if (found.ok) ctx.out(`${found.path}\n`);
      else rc = 1;
    }
    return { status: rc };
  },
});

registerCommand("uptime", {
  run(ctx) {
    const d = new Date(ctx.now);
    ctx.out(` ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} up 3 days,  2:11,  0 users,  load average: 0.08, 0.12, 0.10\n`);
    return { status: 0 };
  },
});

registerCommand("free", {
  run(ctx) {
    ctx.out("              total        used        free      shared  buff/cache   available\nMem:        3861300      912340      986220        1768     1962740     2690192\nSwap:             0           0           0\n");
    return { status: 0 };
  },
});

registerCommand("nohup", { run: (ctx) => (ctx.argv.length > 1 ? { exec: ctx.argv.slice(1) } : { status: 125 }) });

registerCommand("timeout", {
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    if (args.length < 2) { ctx.err("timeout: missing operand\n"); return { status: 125 }; }
    return { exec: args.slice(1) };
  },
});

registerCommand("busybox", {
  run(ctx) {
    const [, applet, ...rest] = ctx.argv;
    if (!applet) { ctx.out("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\n"); return { status: 0 }; }
    if (!getCommand(applet)) { ctx.err(`${applet}: applet not found\n`); return { status: 127 }; }
    return { exec: [applet, ...rest] };
  },
});

for (const pager of ["more", "less"]) registerCommand(pager, { run: (ctx) => ({ exec: ["cat", ...ctx.argv.slice(1)] }) });

registerCommand("yes", {
  run(ctx) {
    const word = ctx.argv.slice(1).join(" ") || "y";
    ctx.out(`${word}\n`.repeat(1000));
    return { status: 0 };
  },
});

registerCommand("mount", {
  run(ctx) {
    ctx.out("overlay on / type overlay (rw,relatime)\nproc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\ntmpfs on /dev type tmpfs (rw,nosuid,size=65536k,mode=755)\n/dev/sda1 on /etc/hosts type ext4 (rw,relatime)\n/dev/sda1 on /etc/hostname type ext4 (rw,relatime)\n/dev/sda1 on /etc/resolv.conf type ext4 (rw,relatime)\n");
    return { status: 0 };
  },
});
