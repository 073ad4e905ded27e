// The ipsets kube-proxy keeps in ipvs mode, listed as `ipset list` prints them.
import { compareIPs } from "./ip";
import { servicePortModels, usableEndpoints } from "./service-model";
import type { NetState } from "./types";

export type IpsetType = "hash:ip,port" | "hash:ip,port,ip" | "hash:ip,port,net" | "bitmap:port";

export interface Ipset {
  name: string;
  type: IpsetType;
  comment: string;
  members: string[];
  references: number;
}

// kube-proxy creates its sets in this order (pkg/proxy/ipvs ipsetInfo), and `ipset list` keeps it
const SETS: Array<[string, IpsetType, string]> = [
  ["KUBE-LOOP-BACK", "hash:ip,port,ip", "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"],
  ["KUBE-CLUSTER-IP", "hash:ip,port", "Kubernetes service cluster ip + port for masquerade purpose"],
  ["KUBE-EXTERNAL-IP", "hash:ip,port", "Kubernetes service external ip + port for masquerade and filter purpose"],
  ["KUBE-EXTERNAL-IP-LOCAL", "hash:ip,port", "Kubernetes service external ip + port with externalTrafficPolicy=local"],
  ["KUBE-LOAD-BALANCER", "hash:ip,port", "Kubernetes service lb portal"],
  ["KUBE-LOAD-BALANCER-FW", "hash:ip,port", "Kubernetes service load balancer ip + port for load balancer with sourceRange"],
  ["KUBE-LOAD-BALANCER-LOCAL", "hash:ip,port", "Kubernetes service load balancer ip + port with externalTrafficPolicy=local"],
  ["KUBE-LOAD-BALANCER-SOURCE-IP", "hash:ip,port,ip", "Kubernetes service load balancer ip + port + source IP for packet filter purpose"],
  ["KUBE-LOAD-BALANCER-SOURCE-CIDR", "hash:ip,port,net", "Kubernetes service load balancer ip + port + source cidr for packet filter purpose"],
  ["KUBE-NODE-PORT-TCP", "bitmap:port", "Kubernetes nodeport TCP port for masquerade purpose"],
  ["KUBE-NODE-PORT-LOCAL-TCP", "bitmap:port", "Kubernetes nodeport TCP port with externalTrafficPolicy=local"],
  ["KUBE-NODE-PORT-UDP", "bitmap:port", "Kubernetes nodeport UDP port for masquerade purpose"],
  ["KUBE-NODE-PORT-LOCAL-UDP", "bitmap:port", "Kubernetes nodeport UDP port with externalTrafficPolicy=local"],
  ["KUBE-NODE-PORT-SCTP-HASH", "hash:ip,port", "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'"],
  ["KUBE-NODE-PORT-LOCAL-SCTP-HASH", "hash:ip,port", "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'"],
  ["KUBE-HEALTH-CHECK-NODE-PORT", "bitmap:port", "Kubernetes health check node port"],
];

/** how many nat rules reference each set when it is non-empty (see buildIpvsModeNat) */
const REFERENCES: Record<string, number> = {
  "KUBE-LOOP-BACK": 1, "KUBE-CLUSTER-IP": 2, "KUBE-LOAD-BALANCER": 1, "KUBE-NODE-PORT-TCP": 1, "KUBE-NODE-PORT-UDP": 1,
};

function compareEntries(a: string, b: string): number {
  const [ia = "", ra = ""] = a.split(",", 2);
  const [ib = "", rb = ""] = b.split(",", 2);
  return compareIPs(ia, ib) || (ra < rb ? -1 : ra > rb ? 1 : 0);
}

export function buildIpsets(state: NetState): Ipset[] {
  const members = new Map<string, Set<string>>(SETS.map(([n]) => [n, new Set<string>()]));
  const add = (set: string, entry: string) => members.get(set)?.add(entry);
  for (const sp of servicePortModels(state)) {
    const proto = sp.protocol.toLowerCase();
    if (sp.clusterIP) add("KUBE-CLUSTER-IP", `${sp.clusterIP},${proto}:${sp.port}`);
    for (const e of usableEndpoints(sp)) add("KUBE-LOOP-BACK", `${e.ip},${proto}:${e.port},${e.ip}`);
    for (const ip of sp.externalIPs) {
      add("KUBE-EXTERNAL-IP", `${ip},${proto}:${sp.port}`);
      if (sp.externalPolicyLocal) add("KUBE-EXTERNAL-IP-LOCAL", `${ip},${proto}:${sp.port}`);
    }
    for (const ip of sp.loadBalancerIPs) {
      add("KUBE-LOAD-BALANCER", `${ip},${proto}:${sp.port}`);
      if (sp.externalPolicyLocal) add("KUBE-LOAD-BALANCER-LOCAL", `${ip},${proto}:${sp.port}`);
    }
    if (sp.nodePort !== undefined && (proto === "tcp" || proto === "udp")) {
      const p = proto.toUpperCase();
      add(`KUBE-NODE-PORT-${p}`, String(sp.nodePort));
      if (sp.externalPolicyLocal) add(`KUBE-NODE-PORT-LOCAL-${p}`, String(sp.nodePort));
    }
  }
  return SETS.map(([name, type, comment]) => {
    const list = [...(members.get(name) ?? [])];
    list.sort(type === "bitmap:port" ? (a, b) => Number(a) - Number(b) : compareEntries);
    return { name, type, comment, members: list, references: list.length > 0 ? REFERENCES[name] ?? 0 : 0 };
  });
}

/** names of the non-empty sets (which nat rules exist in ipvs mode depends on them) */
export function setsInUse(sets: Ipset[]): Set<string> {
  return new Set(sets.filter((s) => s.members.length > 0).map((s) => s.name));
}

const REVISION: Record<IpsetType, number> = { "hash:ip,port": 5, "hash:ip,port,ip": 5, "hash:ip,port,net": 7, "bitmap:port": 3 };

function sizeInMemory(set: Ipset): number {
  if (set.type === "bitmap:port") return 8268;
  const per = set.type === "hash:ip,port" ? 16 : set.type === "hash:ip,port,ip" ? 24 : 32;
  return 88 + (set.members.length > 0 ? 56 + per * Math.ceil(set.members.length / 4) * 4 : 0);
}

export function renderIpsetList(sets: Ipset[]): string {
  const blocks = sets.map((s) => [
    `Name: ${s.name}`,
    `Type: ${s.type}`,
    `Revision: ${REVISION[s.type]}`,
    `Header: ${s.type === "bitmap:port" ? "range 0-65535" : "family inet hashsize 1024 maxelem 65536"}`,
    `Size in memory: ${sizeInMemory(s)}`,
    `References: ${s.references}`,
    `Number of entries: ${s.members.length}`,
    "Members:",
    ...s.members,
  ].join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

export function ipsetJson(sets: Ipset[]): { sets: Ipset[] } {
  return { sets };
}
