// `ip addr`, `ip link`, `ip route`: iproute2's layout on GNU images and nodes, busybox's
// applet elsewhere (no `group`/`mode`, M-DOWN on veths, no `proto` on routes).
import { registerCommand } from "../registry";
import type { CmdContext, NetInterface, NetRoute } from "../types";
import { isGnu } from "./util";
import { has, interfacesOf, isV6, isVirtualBridge, routesOf, txQueueLen, v4Scope, v6Scope } from "./net-data";

type Family = "all" | "inet" | "inet6";

interface Style {
  busybox: boolean;
  family: Family;
  brief: boolean;
}

const IPROUTE2_FLAG_ORDER = ["LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "NOTRAILERS", "UP"];
const BUSYBOX_FLAG_ORDER = ["LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "UP"];

function linkFlags(i: NetInterface, busybox: boolean): string[] {
  const out: string[] = [];
  // the kernel reports carrier as LOWER_UP; an UP device without it shows NO-CARRIER first
  if (has(i, "UP") && !has(i, "RUNNING")) out.push("NO-CARRIER");
  for (const f of busybox ? BUSYBOX_FLAG_ORDER : IPROUTE2_FLAG_ORDER) if (has(i, f)) out.push(f);
  if (has(i, "RUNNING")) out.push("LOWER_UP");
  return out;
}

function operState(i: NetInterface): string {
  if (!has(i, "UP")) return "DOWN";
  if (i.kind !== "ether") return "UNKNOWN";
  return has(i, "RUNNING") ? "UP" : "DOWN";
}

function qdiscOf(i: NetInterface): string {
  if (i.qdisc) return i.qdisc;
  if (!has(i, "UP")) return "noop";
  if (i.kind === "ether" && i.peerIndex === undefined && !isVirtualBridge(i.name)) return "fq_codel";
  return "noqueue";
}

/** `eth0@if12`: a veth names its peer's index, an ipip tunnel has no lower device. */
function linkSuffix(i: NetInterface, all: NetInterface[], busybox: boolean): { at: string; mdown: boolean } {
  if (i.kind === "ipip") return { at: "@NONE", mdown: false };
  if (i.peerIndex === undefined) return { at: "", mdown: false };
  if (!busybox) return { at: `@if${i.peerIndex}`, mdown: false };
  // busybox ignores the peer's namespace: it looks the index up among its own links
  const local = all.find((x) => x.index === i.peerIndex);
  return { at: `@${local ? local.name : `if${i.peerIndex}`}`, mdown: !local || !has(local, "UP") };
}

function linkLayer(i: NetInterface): string {
  switch (i.kind) {
    case "loopback": return "link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00";
    case "ipip": return "link/ipip 0.0.0.0 brd 0.0.0.0";
    default: return `link/ether ${i.mac ?? "00:00:00:00:00:00"} brd ff:ff:ff:ff:ff:ff`;
  }
}

function linkBlock(i: NetInterface, all: NetInterface[], st: Style, isLink: boolean): string {
  const { at, mdown } = linkSuffix(i, all, st.busybox);
  const flags = linkFlags(i, st.busybox).join(",") + (mdown ? ",M-DOWN" : "");
  const qlen = txQueueLen(i);
  let s = `${i.index}: ${i.name}${at}: <${flags}> mtu ${i.mtu} qdisc ${qdiscOf(i)} state ${operState(i)} `;
  if (!st.busybox) s += `${isLink ? "mode DEFAULT " : ""}group default `;
  if (qlen) s += `qlen ${qlen}`;
  if (st.family === "all") s += `\n    ${linkLayer(i)}`;
  if (!st.busybox && i.peerIndex !== undefined) s += " link-netnsid 0";
  return `${s}\n`;
}

function addrLines(i: NetInterface, family: Family): string {
  let s = "";
  const v4 = i.addrs.filter((a) => !isV6(a.ip));
  const v6 = i.addrs.filter((a) => isV6(a.ip));
  if (family !== "inet6") {
    for (const a of v4) s += `    inet ${a.ip}/${a.prefix} ${a.broadcast ? `brd ${a.broadcast} ` : ""}scope ${v4Scope(a.ip)} ${i.name}\n       valid_lft forever preferred_lft forever\n`;
  }
  if (family !== "inet") {
    for (const a of v6) s += `    inet6 ${a.ip}/${a.prefix} scope ${v6Scope(a.ip)} \n       valid_lft forever preferred_lft forever\n`;
  }
  return s;
}

function matchesFamily(i: NetInterface, family: Family): boolean {
  if (family === "all") return true;
  return i.addrs.some((a) => isV6(a.ip) === (family === "inet6"));
}

function briefLine(i: NetInterface, all: NetInterface[], isLink: boolean, family: Family): string {
  const { at } = linkSuffix(i, all, false);
  const head = `${`${i.name}${at}`.padEnd(16)} ${operState(i).padEnd(14)} `;
  if (isLink) {
    const addr = i.kind === "loopback" ? "00:00:00:00:00:00" : i.kind === "ipip" ? "0.0.0.0" : i.mac ?? "00:00:00:00:00:00";
    return `${head}${addr} <${linkFlags(i, false).join(",")}> \n`;
  }
  const addrs = i.addrs.filter((a) => family === "all" || isV6(a.ip) === (family === "inet6"));
  const ordered = [...addrs.filter((a) => !isV6(a.ip)), ...addrs.filter((a) => isV6(a.ip))];
  return `${head}${ordered.map((a) => `${a.ip}/${a.prefix} `).join("")}\n`;
}

/** `ip addr show [dev] NAME`: the device operand, ignoring the filters the simulation does not model. */
function deviceOperand(args: string[]): string | undefined {
  const rest = /^(show|list|lst|sh|ls|s|l)$/.test(args[0] ?? "") ? args.slice(1) : args;
  for (let k = 0; k < rest.length; k++) {
    if (rest[k] === "dev") return rest[k + 1];
    if (["scope", "to", "label", "master", "type", "vrf"].includes(rest[k])) { k++; continue; }
    if (rest[k] === "up") continue;
    return rest[k];
  }
  return undefined;
}

function showLinks(ctx: CmdContext, st: Style, args: string[], isLink: boolean): number {
  const sub = args[0];
  // changing interfaces needs CAP_NET_ADMIN, which a container does not get by default
  if (sub !== undefined && /^(add|del|delete|change|replace|flush|set)$/.test(sub)) {
    ctx.err(st.busybox ? "ip: RTNETLINK answers: Operation not permitted\n" : "RTNETLINK answers: Operation not permitted\n");
    return st.busybox ? 1 : 2;
  }
  const all = interfacesOf(ctx);
  let list = all;
  const dev = deviceOperand(args);
  const onlyUp = args.includes("up");
  if (dev !== undefined) {
    list = all.filter((i) => i.name === dev);
    if (!list.length) {
      ctx.err(st.busybox ? `ip: can't find device '${dev}'\n` : `Device "${dev}" does not exist.\n`);
      return 1;
    }
  }
  if (onlyUp) list = list.filter((i) => has(i, "UP"));
  const family: Family = isLink ? "all" : st.family;
  let out = "";
  for (const i of list) {
    if (!isLink && !matchesFamily(i, family)) continue;
    if (st.brief) { out += briefLine(i, all, isLink, family); continue; }
    out += linkBlock(i, all, { ...st, family }, isLink);
    if (!isLink) out += addrLines(i, family);
  }
  ctx.out(out);
  return 0;
}

function routeLine(r: NetRoute, busybox: boolean): string {
  const dest = r.dest.replace(/\/32$/, "");
  let s = `${dest} `;
  if (r.via) s += `via ${r.via} `;
  if (r.dev) s += `dev ${r.dev} `;
  if (busybox) {
    if (r.scope && r.scope !== "global" && r.scope !== "universe") s += `scope ${r.scope} `;
    if (r.src) s += ` src ${r.src} `;
    if (r.metric !== undefined) s += ` metric ${r.metric} `;
  } else {
    if (r.proto && r.proto !== "boot") s += `proto ${r.proto} `;
    if (r.scope && r.scope !== "global" && r.scope !== "universe") s += `scope ${r.scope} `;
    if (r.src) s += `src ${r.src} `;
    if (r.metric !== undefined) s += `metric ${r.metric} `;
  }
  if (r.onlink) s += "onlink ";
  return `${s}\n`;
}

function showRoutes(ctx: CmdContext, st: Style, args: string[]): number {
  const sub = args[0];
  if (sub !== undefined && /^(add|del|delete|change|replace|append|flush)$/.test(sub)) {
    ctx.err(st.busybox ? "ip: RTNETLINK answers: Operation not permitted\n" : "RTNETLINK answers: Operation not permitted\n");
    return st.busybox ? 1 : 2;
  }
  if (st.family === "inet6") return 0;
  const rest = /^(show|list|lst|sh|ls|s|l)$/.test(sub ?? "") ? args.slice(1) : args;
  const devAt = rest.indexOf("dev");
  const dev = devAt >= 0 ? rest[devAt + 1] : undefined;
  const routes = routesOf(ctx).filter((r) => !isV6(r.dest) && (dev === undefined || r.dev === dev));
  ctx.out(routes.map((r) => routeLine(r, st.busybox)).join(""));
  return 0;
}

/** iproute2 accepts any prefix of an object name, checked in its own table order. */
function objectOf(word: string): "address" | "link" | "route" | "neigh" | undefined {
  for (const name of ["address", "link", "route", "neigh"] as const) if (name.startsWith(word)) return name;
  if (word === "addr") return "address";
  return undefined;
}

registerCommand("ip", {
  run(ctx) {
    const busybox = !isGnu(ctx);
    const st: Style = { busybox, family: "all", brief: false };
    const args = ctx.argv.slice(1);
    while (args.length && args[0].startsWith("-")) {
      const o = args.shift() ?? "";
      if (o === "-4") st.family = "inet";
      else if (o === "-6") st.family = "inet6";
      else if (!busybox && (o === "-br" || o === "-brief")) st.brief = true;
      else if (/^-(o|oneline|s|stats|d|details|c|color|h|human|n|N)$/.test(o)) continue;
      else if (o === "-f" || o === "-family") { const f = args.shift(); st.family = f === "inet6" ? "inet6" : f === "inet" ? "inet" : "all"; }
      else {
        ctx.err(busybox ? `ip: invalid argument '${o}' to 'ip'\n` : `Option "${o}" is unknown, try "ip -help".\n`);
        return { status: busybox ? 1 : 255 };
      }
    }
    const word = args.shift();
    if (word === undefined) {
      ctx.err(busybox
        ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n"
        : "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n");
      return { status: busybox ? 1 : 255 };
    }
    switch (objectOf(word)) {
      case "address": return { status: showLinks(ctx, st, args, false) };
      case "link": return { status: showLinks(ctx, st, args, true) };
      case "route": return { status: showRoutes(ctx, st, args) };
      case "neigh": return { status: 0 };
      default:
        ctx.err(busybox ? `ip: unknown command '${word}'\n` : `Object "${word}" is unknown, try "ip help".\n`);
        return { status: busybox ? 1 : 255 };
    }
  },
});
