// The virtual servers kube-proxy programs in ipvs mode, and `ipvsadm -Ln` text for them.
import type { Node } from "../api/kinds";
import { compareIPs } from "./ip";
import { nodeIPs, servicePortModels, usableEndpoints } from "./service-model";
import type { NetState, NodeProxyMode, Protocol } from "./types";
import type { RouteState } from "./route-state";
import { connectionCounts } from "./route-state";

export interface RealServer {
  address: string;
  port: number;
  forward: "Masq";
  weight: number;
  activeConn: number;
  inactConn: number;
}

export interface VirtualServer {
  protocol: Protocol;
  address: string;
  port: number;
  scheduler: string;
  /** set for sessionAffinity ClientIP */
  persistentSeconds?: number;
  kind: "clusterIP" | "nodePort" | "loadBalancer" | "externalIP";
  servicePort: string;
  realServers: RealServer[];
}

export function vsKey(vs: { protocol: string; address: string; port: number }): string {
  return `${vs.protocol}/${vs.address}:${vs.port}`;
}

export function schedulerName(mode: NodeProxyMode): string {
  return mode.scheduler || "rr";
}

/** virtual servers of one node; connection counters come from the route state when given */
export function buildIpvs(state: NetState, node: Node, mode: NodeProxyMode, routeState?: RouteState, now = 0): VirtualServer[] {
  const scheduler = schedulerName(mode);
  const counts = routeState ? connectionCounts(routeState, now) : new Map<string, { active: number; inactive: number }>();
  const out: VirtualServer[] = [];
  const ownIPs = nodeIPs(node);
  for (const sp of servicePortModels(state)) {
    if (!sp.clusterIP) continue;
    const eps = usableEndpoints(sp);
    const make = (address: string, port: number, kind: VirtualServer["kind"]): VirtualServer => {
      const key = vsKey({ protocol: sp.protocol, address, port });
      return {
        protocol: sp.protocol,
        address,
        port,
        scheduler,
        persistentSeconds: sp.affinityTimeoutSeconds,
        kind,
        servicePort: sp.portName,
        realServers: eps.map((e) => {
          const c = counts.get(`${key}>${e.ip}:${e.port}`);
          return { address: e.ip, port: e.port, forward: "Masq", weight: 1, activeConn: c?.active ?? 0, inactConn: c?.inactive ?? 0 };
        }),
      };
    };
    out.push(make(sp.clusterIP, sp.port, "clusterIP"));
    for (const ip of sp.externalIPs) out.push(make(ip, sp.port, "externalIP"));
    for (const ip of sp.loadBalancerIPs) out.push(make(ip, sp.port, "loadBalancer"));
    if (sp.nodePort !== undefined) for (const ip of ownIPs) out.push(make(ip, sp.nodePort, "nodePort"));
  }
  return out.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0) || compareIPs(a.address, b.address) || a.port - b.port);
}

/** addresses kube-proxy binds to the kube-ipvs0 dummy interface (ClusterIPs, LB and external IPs) */
export function kubeIpvs0Addresses(vss: VirtualServer[]): string[] {
  const set = new Set(vss.filter((v) => v.kind !== "nodePort").map((v) => v.address));
  return [...set].sort(compareIPs);
}

const pad = (s: string, n: number): string => s.padEnd(n, " ");

/** `ipvsadm -Ln` (ipvsadm's print_service_entry formats, trailing spaces included) */
export function renderIpvsadm(vss: VirtualServer[]): string {
  const lines = [
    "IP Virtual Server version 1.2.1 (size=4096)",
    "Prot LocalAddress:Port Scheduler Flags",
    "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
  ];
  for (const vs of vss) {
    let head = `${pad(vs.protocol, 4)} ${vs.address}:${vs.port} ${vs.scheduler}`;
    if (vs.persistentSeconds !== undefined) head += ` persistent ${vs.persistentSeconds}`;
    lines.push(head);
    for (const rs of vs.realServers) {
      lines.push(`  -> ${pad(`${rs.address}:${rs.port}`, 28)} ${pad(rs.forward, 7)} ${pad(String(rs.weight), 6)} ${pad(String(rs.activeConn), 10)} ${pad(String(rs.inactConn), 10)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export interface IpvsJson {
  version: "1.2.1";
  size: 4096;
  virtualServers: VirtualServer[];
  kubeIpvs0: string[];
}

export function ipvsJson(vss: VirtualServer[]): IpvsJson {
  return { version: "1.2.1", size: 4096, virtualServers: vss, kubeIpvs0: kubeIpvs0Addresses(vss) };
}
