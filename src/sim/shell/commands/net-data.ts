// What `ip`, `ifconfig`, `route` and `netstat` render: the SystemHooks' interfaces, routes and
// listeners, or, when a host supplies none, a Calico pod's view built from the pod IP.
import type { CmdContext, NetInterface, NetListener, NetRoute } from "../types";
import { pseudoDigest } from "../../random";

/** Kernel IFF_* bits, for the numeric `flags=` ifconfig prints and the order tools list them in. */
export const IFF: Record<string, number> = {
  UP: 0x1, BROADCAST: 0x2, DEBUG: 0x4, LOOPBACK: 0x8, POINTOPOINT: 0x10, NOTRAILERS: 0x20, RUNNING: 0x40,
  NOARP: 0x80, PROMISC: 0x100, ALLMULTI: 0x200, MASTER: 0x400, SLAVE: 0x800, MULTICAST: 0x1000,
};

export function flagBits(i: NetInterface): number {
  return i.flags.reduce((n, f) => n | (IFF[f] ?? 0), 0);
}

export const has = (i: NetInterface, flag: string): boolean => i.flags.includes(flag);

/** A locally administered unicast MAC that stays the same for the same seed. */
export function macFromSeed(seed: string): string {
  const h = pseudoDigest(`mac:${seed}`);
  const bytes = [0, 1, 2, 3, 4, 5].map((k) => parseInt(h.slice(k * 2, k * 2 + 2), 16));
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** The fe80::/64 address the kernel derives from a MAC (EUI-64), as `ip` prints it. */
export function linkLocalOf(mac: string): string {
  const b = mac.split(":").map((x) => parseInt(x, 16));
  const groups = [((b[0] ^ 0x02) << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${groups.map((g) => g.toString(16)).join(":")}`;
}

export const isV6 = (ip: string): boolean => ip.includes(":");

export function maskOf(prefix: number): string {
  const bits = prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 0xff).join(".");
}

/** IPv6 scope as the kernel classifies an address: ::1 host, fe80::/10 link, otherwise global. */
export function v6Scope(ip: string): "host" | "link" | "global" {
  if (ip === "::1") return "host";
  return /^fe[89ab]/i.test(ip) ? "link" : "global";
}

export function v4Scope(ip: string): "host" | "global" {
  return ip.startsWith("127.") ? "host" : "global";
}

export interface PodNetSeed {
  podIP: string;
  /** stable identity for the MAC and the host-side veth index (the pod uid) */
  seed: string;
  stats?: NetInterface["stats"];
}

const ZERO = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };

/** A pod on a Calico IPIP cluster: lo, the tunl0 the ipip module creates in every namespace, and the veth eth0 with a /32. */
export function calicoPodInterfaces(p: PodNetSeed): NetInterface[] {
  const mac = macFromSeed(p.seed);
  const peer = 5 + (parseInt(pseudoDigest(`veth:${p.seed}`).slice(0, 6), 16) % 60);
  return [
    { index: 1, name: "lo", kind: "loopback", flags: ["UP", "LOOPBACK", "RUNNING"], mtu: 65536, addrs: [{ ip: "127.0.0.1", prefix: 8 }, { ip: "::1", prefix: 128 }], stats: ZERO },
    { index: 2, name: "tunl0", kind: "ipip", flags: ["NOARP"], mtu: 1480, addrs: [], stats: ZERO },
    {
      index: 4, name: "eth0", peerIndex: peer, kind: "ether", flags: ["UP", "BROADCAST", "RUNNING", "MULTICAST"], mtu: 1480, mac,
      addrs: p.podIP ? [{ ip: p.podIP, prefix: 32 }, { ip: linkLocalOf(mac), prefix: 64 }] : [{ ip: linkLocalOf(mac), prefix: 64 }],
      stats: p.stats ?? ZERO,
    },
  ];
}

/** Calico answers ARP for 169.254.1.1 on the host side of every pod veth. */
export const CALICO_POD_ROUTES: NetRoute[] = [
  { dest: "default", via: "169.254.1.1", dev: "eth0" },
  { dest: "169.254.1.1", dev: "eth0", scope: "link" },
];

export function interfacesOf(ctx: CmdContext): NetInterface[] {
  const list = ctx.sys.netInterfaces?.() ?? calicoPodInterfaces({ podIP: ctx.sys.podIP, seed: `${ctx.sys.hostname}|${ctx.sys.podIP}` });
  return [...list].sort((a, b) => a.index - b.index);
}

export function routesOf(ctx: CmdContext): NetRoute[] {
  return ctx.sys.netRoutes?.() ?? CALICO_POD_ROUTES;
}

export function listenersOf(ctx: CmdContext): NetListener[] {
  return ctx.sys.listeners?.() ?? [];
}

/** `ifconfig` lists interfaces by name, as both net-tools and busybox keep their list sorted. */
export function byName(list: NetInterface[]): NetInterface[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** txqueuelen: the loopback and tunnels keep 1000, veths, bridges and dummies 0, physical NICs 1000. */
export function txQueueLen(i: NetInterface): number {
  if (i.txQueueLen !== undefined) return i.txQueueLen;
  if (i.kind === "loopback" || i.kind === "ipip") return 1000;
  if (i.kind === "dummy" || i.peerIndex !== undefined || isVirtualBridge(i.name)) return 0;
  return 1000;
}

export function isVirtualBridge(name: string): boolean {
  return /^(docker|br-|cni|cbr|virbr|kube-bridge)/.test(name);
}

/** Resolver used by tools without -n: /etc/hosts names for addresses, /etc/services names for ports. */
export function hostsName(ctx: CmdContext, ip: string): string | undefined {
  const r = ctx.fs.readFile("/etc/hosts");
  if ("error" in r) return undefined;
  for (const line of r.data.split("\n")) {
    const f = line.replace(/#.*/, "").trim().split(/\s+/);
    if (f.length >= 2 && f[0] === ip) return f[1];
  }
  return undefined;
}

export function serviceName(ctx: CmdContext, port: number, proto: string): string | undefined {
  const r = ctx.fs.readFile("/etc/services");
  if ("error" in r) return undefined;
  for (const line of r.data.split("\n")) {
    const m = /^(\S+)\s+(\d+)\/(\w+)/.exec(line);
    if (m && Number(m[2]) === port && m[3] === proto) return m[1];
  }
  return undefined;
}
