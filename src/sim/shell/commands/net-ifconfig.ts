// `ifconfig` and `route`: net-tools 2.10's layout on GNU images and nodes, busybox's older
// one-interface-per-paragraph layout (Link encap, inet addr:, Bcast:, Mask:) elsewhere.
import { registerCommand } from "../registry";
import type { CmdContext, NetInterface, NetRoute } from "../types";
import { isGnu, parseFlags } from "./util";
import { IFF, byName, flagBits, has, hostsName, interfacesOf, isV6, maskOf, routesOf, txQueueLen, v6Scope } from "./net-data";

const IFCONFIG_FLAG_ORDER = ["UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS", "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "SLAVE", "MASTER", "MULTICAST"];

const orderedFlags = (i: NetInterface): string[] => IFCONFIG_FLAG_ORDER.filter((f) => has(i, f) && IFF[f] !== undefined);

/** net-tools: one decimal of KiB/MiB/GiB, truncated, from bytes*10. */
function netToolsBytes(n: number): string {
  const units: Array<[number, string]> = [[1024 ** 3, "GiB"], [1024 ** 2, "MiB"], [1024, "KiB"]];
  for (const [size, ext] of units) {
    if (n > size) { const short = Math.floor((n * 10) / size); return `${Math.floor(short / 10)}.${short % 10} ${ext}`; }
  }
  return `${n}.0 B`;
}

/** busybox: divides by 1024 while it can, the decimal from the remainder. */
function busyboxBytes(n: number): string {
  let int = n;
  let frac = 0;
  const exts = ["", "Ki", "Mi", "Gi", "Ti"];
  let e = 0;
  for (let k = 0; k < 4; k++) {
    if (int >= 1024) { frac = Math.floor(((int % 1024) * 10) / 1024); int = Math.floor(int / 1024); e++; }
  }
  return `${int}.${frac} ${exts[e]}B`;
}

function netToolsBlock(i: NetInterface): string {
  const bits = flagBits(i);
  let s = `${i.name}: flags=${bits}<${orderedFlags(i).join(",")}>  mtu ${i.mtu}\n`;
  const v4 = i.addrs.find((a) => !isV6(a.ip));
  if (v4) {
    s += `        inet ${v4.ip}  netmask ${maskOf(v4.prefix)}`;
    if (has(i, "BROADCAST")) s += `  broadcast ${v4.broadcast ?? "0.0.0.0"}`;
    s += "\n";
  }
  for (const a of i.addrs.filter((x) => isV6(x.ip))) {
    const scope = v6Scope(a.ip);
    const id = scope === "host" ? "0x10<host>" : scope === "link" ? "0x20<link>" : "0x0<global>";
    s += `        inet6 ${a.ip}  prefixlen ${a.prefix}  scopeid ${id}\n`;
  }
  const q = txQueueLen(i);
  if (i.kind === "loopback") s += `        loop  txqueuelen ${q}  (Local Loopback)\n`;
  else if (i.kind === "ipip") s += `        tunnel   txqueuelen ${q}  (IPIP Tunnel)\n`;
  else s += `        ether ${i.mac ?? "00:00:00:00:00:00"}  txqueuelen ${q}  (Ethernet)\n`;
  const st = i.stats;
  s += `        RX packets ${st.rxPackets}  bytes ${st.rxBytes} (${netToolsBytes(st.rxBytes)})\n`;
  s += "        RX errors 0  dropped 0  overruns 0  frame 0\n";
  s += `        TX packets ${st.txPackets}  bytes ${st.txBytes} (${netToolsBytes(st.txBytes)})\n`;
  s += "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n";
  return s;
}

function busyboxBlock(i: NetInterface): string {
  let s = `${i.name.padEnd(9)} Link encap:`;
  // busybox has no hardware type for ipip tunnels: it falls back to UNSPEC and dumps 16 zero bytes
  if (i.kind === "loopback") s += "Local Loopback  ";
  else if (i.kind === "ipip") s += `UNSPEC  HWaddr ${Array(16).fill("00").join("-")}  `;
  else s += `Ethernet  HWaddr ${(i.mac ?? "00:00:00:00:00:00").toUpperCase()}  `;
  s += "\n";
  const v4 = i.addrs.find((a) => !isV6(a.ip));
  if (v4) {
    s += `          inet addr:${v4.ip} `;
    if (has(i, "BROADCAST")) s += ` Bcast:${v4.broadcast ?? "0.0.0.0"} `;
    s += ` Mask:${maskOf(v4.prefix)}\n`;
  }
  for (const a of i.addrs.filter((x) => isV6(x.ip))) {
    const scope = v6Scope(a.ip);
    s += `          inet6 addr: ${a.ip}/${a.prefix} Scope:${scope === "host" ? "Host" : scope === "link" ? "Link" : "Global"}\n`;
  }
  const flags = orderedFlags(i);
  s += `          ${flags.length ? flags.map((f) => `${f} `).join("") : "[NO FLAGS] "} MTU:${i.mtu}  Metric:1\n`;
  const st = i.stats;
  s += `          RX packets:${st.rxPackets} errors:0 dropped:0 overruns:0 frame:0\n`;
  s += `          TX packets:${st.txPackets} errors:0 dropped:0 overruns:0 carrier:0\n`;
  s += `          collisions:0 txqueuelen:${txQueueLen(i)} \n`;
  s += `          RX bytes:${st.rxBytes} (${busyboxBytes(st.rxBytes)})  TX bytes:${st.txBytes} (${busyboxBytes(st.txBytes)})\n\n`;
  return s;
}

registerCommand("ifconfig", {
  run(ctx) {
    const gnu = isGnu(ctx);
    const tool = gnu ? "" : "ifconfig: ";
    const args = ctx.argv.slice(1);
    const all = args.includes("-a");
    const operands = args.filter((a) => !a.startsWith("-"));
    const list = byName(interfacesOf(ctx));
    const block = gnu ? netToolsBlock : busyboxBlock;
    if (operands.length === 0) {
      ctx.out(list.filter((i) => all || has(i, "UP")).map(block).join(""));
      return { status: 0 };
    }
    const iface = list.find((i) => i.name === operands[0]);
    if (!iface) {
      ctx.err(`${tool}${operands[0]}: error fetching interface information: Device not found\n`);
      return { status: 1 };
    }
    if (operands.length > 1) {
      // setting addresses or flags needs CAP_NET_ADMIN, which a container does not get by default
      const ioctl = /^(up|down)$/.test(operands[1]) ? "SIOCSIFFLAGS" : operands[1] === "mtu" ? "SIOCSIFMTU" : "SIOCSIFADDR";
      ctx.err(`${tool}${ioctl}: Operation not permitted\n`);
      return { status: 1 };
    }
    ctx.out(block(iface));
    return { status: 0 };
  },
});

function routeFlags(r: NetRoute, prefix: number): string {
  let f = "U";
  if (r.via) f += "G";
  if (prefix === 32) f += "H";
  return f;
}

function splitDest(r: NetRoute): { ip: string; prefix: number; blackhole: boolean } {
  const blackhole = r.dest.startsWith("blackhole ");
  const dest = r.dest.replace(/^(blackhole|unreachable|prohibit) /, "");
  if (dest === "default") return { ip: "0.0.0.0", prefix: 0, blackhole };
  const [ip, p] = dest.split("/");
  return { ip, prefix: p === undefined ? 32 : Number(p), blackhole };
}

/** The kernel routing table as `route` and `netstat -r` print it (the two share columns up to Flags). */
export function routeTable(ctx: CmdContext, numeric: boolean, netstatStyle: boolean): string {
  const gnu = isGnu(ctx);
  const name = (ip: string, isGateway: boolean, isDefault: boolean): string => {
    if (numeric) return ip;
    if (ip === "0.0.0.0") return isDefault ? "default" : isGateway && !gnu ? "*" : "0.0.0.0";
    return hostsName(ctx, ip) ?? ip;
  };
  let s = "Kernel IP routing table\n";
  s += netstatStyle
    ? "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
    : "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";
  for (const r of routesOf(ctx)) {
    if (isV6(r.dest)) continue;
    const d = splitDest(r);
    const cols = `${name(d.ip, false, d.prefix === 0).slice(0, 15).padEnd(15)} ${name(r.via ?? "0.0.0.0", true, false).slice(0, 15).padEnd(15)} ${maskOf(d.prefix).padEnd(15)} ${routeFlags(r, d.prefix).padEnd(5)} `;
    const iface = d.blackhole || !r.dev ? "*" : r.dev;
    s += netstatStyle
      ? `${cols}${"0".padStart(5)} ${"0".padEnd(6)} ${"0".padStart(5)} ${iface}\n`
      : `${cols}${String(r.metric ?? 0).padEnd(6)} ${"0".padEnd(2)} ${"0".padStart(7)} ${iface}\n`;
  }
  return s;
}

registerCommand("route", {
  run(ctx) {
    const { flags, operands } = parseFlags(ctx.argv.slice(1));
    if (operands.length && /^(add|del)$/.test(operands[0])) {
      ctx.err(isGnu(ctx) ? "SIOCADDRT: Operation not permitted\n" : "route: SIOCADDRT: Operation not permitted\n");
      return { status: isGnu(ctx) ? 7 : 1 };
    }
    ctx.out(routeTable(ctx, !!flags.n, false));
    return { status: 0 };
  },
});
