// `netstat`: the pod network namespace's sockets from the listeners hook, in net-tools' or
// busybox's columns (they differ in the tcp6/udp6 labels, the state width and the padding).
import { registerCommand } from "../registry";
import type { CmdContext, NetListener } from "../types";
import { isGnu } from "./util";
import { hostsName, isV6, listenersOf, serviceName } from "./net-data";
import { routeTable } from "./net-ifconfig";

interface Opts {
  listening: boolean;
  connected: boolean;
  numeric: boolean;
  program: boolean;
  tcp: boolean;
  udp: boolean;
  raw: boolean;
  unix: boolean;
  route: boolean;
}

const LONG: Record<string, string> = { listening: "l", all: "a", numeric: "n", tcp: "t", udp: "u", program: "p", programs: "p", extend: "e", wide: "W", route: "r", raw: "w", unix: "x" };

function parseOpts(args: string[]): Opts | { bad: string } {
  const set = new Set<string>();
  for (const a of args) {
    if (a.startsWith("--")) {
      const c = LONG[a.slice(2)];
      if (!c) return { bad: a };
      set.add(c);
    } else if (a.startsWith("-")) {
      for (const c of a.slice(1)) {
        if (!"lantupeWrwxv".includes(c)) return { bad: c };
        set.add(c);
      }
    }
  }
  const anyProto = set.has("t") || set.has("u") || set.has("w") || set.has("x");
  return {
    listening: set.has("l") || set.has("a"),
    connected: !set.has("l") || set.has("a"),
    numeric: set.has("n"),
    program: set.has("p"),
    tcp: !anyProto || set.has("t"),
    udp: !anyProto || set.has("u"),
    raw: !anyProto || set.has("w"),
    unix: !anyProto || set.has("x"),
    route: set.has("r"),
  };
}

function which(o: Opts): string {
  if (o.listening && o.connected) return "(servers and established)";
  return o.listening ? "(only servers)" : "(w/o servers)";
}

/** `PID/argv0` the way both tools read /proc/PID/cmdline: basename, cut to 19 characters. */
function progColumn(l: NetListener): string {
  if (!l.pid) return "-";
  const base = l.program.slice(l.program.lastIndexOf("/") + 1);
  return `${l.pid}/${base}`.slice(0, 19);
}

function endpoint(ctx: CmdContext, o: Opts, gnu: boolean, ip: string, port: number | undefined, proto: string): string {
  const v6 = isV6(ip);
  let host = ip;
  if (!o.numeric) {
    const named = hostsName(ctx, ip);
    if (named) host = named;
    else if (v6 && gnu && ip === "::") host = "[::]";
  }
  const service = port === undefined ? "*" : o.numeric ? String(port) : serviceName(ctx, port, proto) ?? String(port);
  // net-tools cuts the address so that address:port fits 23 columns
  if (gnu && host.length + service.length > 22) host = host.slice(0, 22 - service.length);
  return `${host}:${service}`;
}

function socketLine(ctx: CmdContext, o: Opts, gnu: boolean, l: NetListener): string {
  const v6 = isV6(l.address);
  const tcp = l.proto.startsWith("tcp");
  const label = gnu ? `${tcp ? "tcp" : "udp"}${v6 ? "6" : ""}` : tcp ? "tcp" : "udp";
  const local = endpoint(ctx, o, gnu, l.address, l.port, tcp ? "tcp" : "udp");
  const remote = endpoint(ctx, o, gnu, v6 ? "::" : "0.0.0.0", undefined, tcp ? "tcp" : "udp");
  const state = tcp ? "LISTEN" : "";
  if (gnu) {
    const w = (s: string): string => s.padEnd(Math.max(23, s.length));
    return `${label.padEnd(4)}  ${"0".padStart(6)} ${"0".padStart(6)} ${w(local)} ${w(remote)} ${state.padEnd(11)}${o.program ? ` ${progColumn(l).padEnd(20)}` : ""}\n`;
  }
  return `${label}   ${"0".padStart(6)} ${"0".padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}${o.program ? progColumn(l) : ""}\n`;
}

registerCommand("netstat", {
  run(ctx) {
    const gnu = isGnu(ctx);
    const o = parseOpts(ctx.argv.slice(1));
    if ("bad" in o) {
      ctx.err(gnu
        ? `netstat: invalid option -- '${o.bad}'\nusage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n`
        : `netstat: invalid option -- '${o.bad}'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: netstat [-ral] [-tuwx] [-enWp]\n`);
      return { status: gnu ? 4 : 1 };
    }
    if (o.route) { ctx.out(routeTable(ctx, o.numeric, true)); return { status: 0 }; }
    let out = "";
    if (o.tcp || o.udp || o.raw) {
      out += `Active Internet connections ${which(o)}\n`;
      out += gnu
        ? `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${o.program ? " PID/Program name    " : ""}\n`
        : `Proto Recv-Q Send-Q Local Address           Foreign Address         State       ${o.program ? "PID/Program name    " : ""}\n`;
      // only listening sockets are modelled: each one is a server line
      const socks = o.listening ? listenersOf(ctx) : [];
      const pick = (tcp: boolean, v6: boolean): NetListener[] => socks.filter((l) => l.proto.startsWith("tcp") === tcp && isV6(l.address) === v6);
      const order: Array<[boolean, boolean, boolean]> = [[o.tcp, true, false], [o.tcp, true, true], [o.udp, false, false], [o.udp, false, true]];
      for (const [wanted, tcp, v6] of order) if (wanted) for (const l of pick(tcp, v6)) out += socketLine(ctx, o, gnu, l);
    }
    if (o.unix) {
      out += `Active UNIX domain sockets ${which(o)}\n`;
      out += gnu
        ? `Proto RefCnt Flags       Type       State         I-Node  ${o.program ? " PID/Program name    " : ""} Path\n`
        : `Proto RefCnt Flags       Type       State         I-Node ${o.program ? "PID/Program name    " : ""}Path\n`;
    }
    ctx.out(out);
    return { status: 0 };
  },
});
