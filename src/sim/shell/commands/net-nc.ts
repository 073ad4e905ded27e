// busybox nc: a TCP connect to a host:port (-z only probes), relaying an HTTP request when given one.
import { registerCommand } from "../registry";
import type { CmdContext } from "../types";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function resolveHost(ctx: CmdContext, host: string): string | undefined {
  if (IPV4.test(host)) return host;
  if (host === "localhost") return "127.0.0.1";
  const r = ctx.sys.network?.resolve(host, ctx.sys.hostname);
  return r && "ips" in r ? r.ips[0] : undefined;
}

registerCommand("nc", {
  run(ctx: CmdContext) {
    const args = ctx.argv.slice(1);
    const zero = args.some((a) => /^-[a-zA-Z]*z/.test(a));
    const verbose = args.some((a) => /^-[a-zA-Z]*v/.test(a));
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (["-w", "-W", "-p", "-s"].includes(args[i])) i++;
      else if (!args[i].startsWith("-")) operands.push(args[i]);
    }
    const [host, portText] = operands;
    const port = Number(portText);
    if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) {
      ctx.err("BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n");
      return { status: 1 };
    }
    const ip = resolveHost(ctx, host);
    if (!ip) {
      ctx.err(`nc: bad address '${host}'\n`);
      return { status: 1 };
    }
    const local = ip === "127.0.0.1" || ip === ctx.sys.podIP;
    const net = ctx.sys.network;
    const outcome = local
      ? (ctx.sys.localHttp(port, "/", ctx.now).ok ? "open" : "refused")
      : net?.connect?.(ip, port, ctx.now) ?? (net?.tcp(ip, port, ctx.now) ? "open" : "refused");
    if (outcome === "timeout") {
      // -w gives up after its seconds; without it the kernel's SYN retries run out first
      ctx.err(args.some((a) => a === "-w" || /^-w\d/.test(a)) ? "nc: timed out\n" : `nc: can't connect to remote host (${ip}): Connection timed out\n`);
      return { status: 1 };
    }
    if (outcome !== "open") {
      ctx.err(`nc: can't connect to remote host (${ip}): Connection refused\n`);
      return { status: 1 };
    }
    if (zero) {
      if (verbose) ctx.err(`${host} (${ip}:${port}) open\n`);
      return { status: 0 };
    }
    const request = /^(GET|HEAD) (\S+) HTTP\/1\.[01]/.exec(ctx.stdin);
    if (request) {
      const hostHeader = /^Host:\s*(\S+)/im.exec(ctx.stdin)?.[1] ?? host;
      const answer = local ? ctx.sys.localHttp(port, request[2], ctx.now) : ctx.sys.network?.http(request[1], ip, port, request[2], hostHeader, ctx.now);
      if (answer?.ok) {
        const head = `HTTP/1.1 ${answer.status} ${answer.status === 200 ? "OK" : answer.status === 404 ? "Not Found" : ""}\r\n${Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
        ctx.out(head + (request[1] === "HEAD" ? "" : answer.body));
      }
    }
    return { status: 0 };
  },
});
