// curl and wget against the pod itself (localhost, its IP, its hostname) or, when the network
// simulation provides it, the rest of the cluster.
import { registerCommand } from "../registry";
import type { CmdContext, HttpAnswer } from "../types";

interface Url { host: string; port: number; path: string }

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
  if (!m) return undefined;
  return { host: m[1], port: m[2] ? Number(m[2]) : 80, path: m[3] ?? "/" };
}

/** the value of `-x N` / `--flag N` / `--flag=N`, as seconds */
function secondsOption(args: string[], names: string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    // --flag=N, or a short flag glued to its value (-T2)
    const eq = names.map((n) => (n.startsWith("--") ? (args[i].startsWith(`${n}=`) ? args[i].slice(n.length + 1) : undefined)
      : args[i].startsWith(n) && args[i].length > n.length ? args[i].slice(n.length) : undefined)).find((v) => v !== undefined);
    const text = eq ?? (names.includes(args[i]) ? args[i + 1] : undefined);
    const n = Number(text);
    if (text !== undefined && Number.isFinite(n) && n > 0) return n;
  }
  return undefined;
}

/**
 * A dropped SYN: without a limit the kernel gives up after its SYN retries (about 130 s); with one,
 * curl's own timer fires first and says so in its words.
 */
function curlTimeout(args: string[], url: Url): string {
  const connect = secondsOption(args, ["--connect-timeout"]);
  const max = secondsOption(args, ["-m", "--max-time"]);
  const limit = Math.min(connect ?? Infinity, max ?? Infinity);
  if (limit === Infinity) return `curl: (28) Failed to connect to ${url.host} port ${url.port} after 130000 ms: Couldn't connect to server\n`;
  const ms = Math.round(limit * 1000) + 1;
  if (connect !== undefined && connect <= (max ?? Infinity)) return `curl: (28) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached\n`;
  return `curl: (28) Connection timed out after ${ms} milliseconds\n`;
}

function request(ctx: CmdContext, url: Url): { answer: HttpAnswer; ip: string } | { unresolved: true } {
  const local = ["localhost", "127.0.0.1", "0.0.0.0", ctx.sys.podIP, ctx.sys.hostname];
  if (local.includes(url.host)) return { answer: ctx.sys.localHttp(url.port, url.path, ctx.now), ip: url.host === "localhost" ? "127.0.0.1" : url.host };
  const net = ctx.sys.network;
  if (!net) return { unresolved: true };
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(url.host) ? url.host : (() => {
    const r = net.resolve(url.host, ctx.sys.hostname);
    return "ips" in r ? r.ips[0] : undefined;
  })();
  if (!ip) return { unresolved: true };
  return { answer: net.http("GET", ip, url.port, url.path, url.host, ctx.now), ip };
}

registerCommand("curl", {
  run(ctx) {
    const args = ctx.argv.slice(1);
    const target = args.find((a, i) => !a.startsWith("-") && !["-o", "-H", "-X", "-d", "-m", "--max-time", "--connect-timeout", "-w"].includes(args[i - 1] ?? ""));
    const head = args.includes("-I") || args.includes("--head");
    const include = args.includes("-i");
    const silent = args.includes("-s") || args.includes("--silent");
    const fail = args.includes("-f") || args.includes("--fail");
    if (!target) { ctx.err("curl: try 'curl --help' or 'curl --manual' for more information\n"); return { status: 2 }; }
    const url = parseUrl(target);
    if (!url) { ctx.err(`curl: (3) URL using bad/illegal format or missing URL\n`); return { status: 3 }; }
    const r = request(ctx, url);
    if ("unresolved" in r) { if (!silent) ctx.err(`curl: (6) Could not resolve host: ${url.host}\n`); return { status: 6 }; }
    if (!r.answer.ok) {
      if (r.answer.error === "timeout") { if (!silent) ctx.err(curlTimeout(args, url)); return { status: 28 }; }
      if (!silent) ctx.err(`curl: (7) Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server\n`);
      return { status: 7 };
    }
    const a = r.answer;
    if (fail && a.status >= 400) { if (!silent) ctx.err(`curl: (22) The requested URL returned error: ${a.status}\n`); return { status: 22 }; }
    const headerText = `HTTP/1.1 ${a.status} ${a.status === 200 ? "OK" : a.status === 404 ? "Not Found" : a.status === 403 ? "Forbidden" : ""}\r\n${Object.entries(a.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
    if (head) ctx.out(headerText);
    else ctx.out((include ? headerText : "") + a.body);
    return { status: 0 };
  },
});

registerCommand("wget", {
  run(ctx) {
    // busybox getopt: "-qO-" is -q then -O with the value "-"
    const args = ctx.argv.slice(1).flatMap((a) => {
      const m = /^-([a-zA-Z]*)O(.*)$/.exec(a);
      return m && !a.startsWith("--") ? [...m[1].split("").map((f) => `-${f}`), "-O", ...(m[2] ? [m[2]] : [])] : [a];
    });
    const oIdx = args.indexOf("-O");
    const outName = oIdx >= 0 ? args[oIdx + 1] : undefined;
    const quiet = args.includes("-q") || args.some((a) => /^-q/.test(a));
    const spider = args.includes("--spider");
    const target = args.find((a, i) => !a.startsWith("-") && !(args[i - 1] === "-O" || args[i - 1] === "-T"));
    if (!target) { ctx.err("BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header 'HEADER: VALUE'] [-Y on/off]\n"); return { status: 1 }; }
    const url = parseUrl(target);
    if (!url) { ctx.err(`wget: not an http or ftp url: ${target}\n`); return { status: 1 }; }
    const r = request(ctx, url);
    if ("unresolved" in r) { ctx.err(`wget: bad address '${url.host}'\n`); return { status: 1 }; }
    if (!quiet) ctx.err(`Connecting to ${url.host}${url.port !== 80 ? `:${url.port}` : ""} (${r.ip}:${url.port})\n`);
    // busybox arms -T's alarm around connect(): a dropped SYN ends there rather than at the kernel's limit
    if (!r.answer.ok && r.answer.error === "timeout" && secondsOption(args, ["-T"]) !== undefined) { ctx.err("wget: download timed out\n"); return { status: 1 }; }
    if (!r.answer.ok) { ctx.err(`wget: can't connect to remote host (${r.ip}): ${r.answer.error === "timeout" ? "Connection timed out" : "Connection refused"}\n`); return { status: 1 }; }
    if (r.answer.status >= 400) { ctx.err(`wget: server returned error: HTTP/1.1 ${r.answer.status} ${r.answer.status === 404 ? "Not Found" : "Forbidden"}\n`); return { status: 1 }; }
    if (spider) { if (!quiet) ctx.err("remote file exists\n"); return { status: 0 }; }
    const name = outName ?? (url.path.split("/").pop() || "index.html");
    if (name === "-") { ctx.out(r.answer.body); return { status: 0 }; }
    const path = name.startsWith("/") ? name : `${ctx.cwd}/${name}`;
    if (!outName && ctx.fs.exists(path)) { ctx.err(`wget: can't open '${name}': File exists\n`); return { status: 1 }; }
    ctx.fs.writeFile(path, r.answer.body, ctx.now);
    if (!quiet) ctx.err(`saving to '${name}'\n${name.padEnd(20)} 100% |********************************|   ${r.answer.body.length}  0:00:00 ETA\n'${name}' saved\n`);
    return { status: 0 };
  },
});
