// The nat table kube-proxy 1.31 programs in iptables mode, as data (so the router can walk the
// very rules it shows) and as `iptables-save -t nat` text (matches in the order iptables-save prints).
import { formatCtime } from "./time-format";
import { endpointChainName, nodeIPs, servicePortModels, usableEndpoints, type ServicePortModel } from "./service-model";
import type { NetConfig, NetState } from "./types";
import { DEFAULT_NET_CONFIG } from "./types";
import type { Node } from "../api/kinds";

export type IptMatch =
  | { kind: "comment"; text: string }
  | { kind: "proto"; proto: string; dport?: number }
  | { kind: "statistic"; probability: string }
  | { kind: "recent-check"; name: string; seconds: number }
  | { kind: "recent-set"; name: string }
  | { kind: "addrtype-local" }
  | { kind: "set"; set: string; flags: string }
  | { kind: "mark-not"; mark: string };

export interface IptRule {
  chain: string;
  /** CIDR, printed as `-s` (or `! -s` when srcNegate) */
  src?: string;
  srcNegate?: boolean;
  dst?: string;
  proto?: string;
  matches: IptMatch[];
  target: string;
  /** arguments after `-j TARGET` */
  targetArgs?: string;
  /** set on DNAT rules */
  dnat?: { ip: string; port: number };
  /** the service port this rule belongs to, for traces */
  servicePort?: string;
}

export interface IptChain {
  name: string;
  /** builtin chains carry a policy; user chains print "-" */
  policy?: "ACCEPT";
}

export interface NatTable {
  chains: IptChain[];
  rules: IptRule[];
}

export const KUBE_MARK_MASQ = "KUBE-MARK-MASQ";
export const MASQ_MARK = "0x4000/0x4000";
const BUILTIN = ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"];

/** kube-proxy writes 1/n with 10 decimals; the kernel keeps it as a 31-bit fraction */
export function kubeProxyProbability(n: number): string {
  return (1 / n).toFixed(10);
}

export function kernelProbability(written: string): number {
  return Math.round(0x80000000 * Number(written)) / 0x80000000;
}

/** how iptables-save prints a statistic probability (libxt_statistic: %.11f of the stored fraction) */
export function savedProbability(written: string): string {
  return kernelProbability(written).toFixed(11);
}

function comment(text: string): IptMatch {
  return { kind: "comment", text };
}

function serviceRules(sp: ServicePortModel, config: NetConfig, out: IptRule[], chains: Set<string>): void {
  const eps = usableEndpoints(sp);
  if (eps.length === 0 || !sp.clusterIP) return;
  const proto = sp.protocol.toLowerCase();
  const name = sp.portName;
  const svcChain = sp.svcChain;
  const hasExternal = sp.nodePort !== undefined || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;
  chains.add(svcChain);
  if (hasExternal) chains.add(sp.extChain);
  const base = { servicePort: name };

  out.push({ ...base, chain: "KUBE-SERVICES", dst: `${sp.clusterIP}/32`, proto,
    matches: [comment(`${name} cluster IP`), { kind: "proto", proto, dport: sp.port }], target: svcChain });
  for (const ip of sp.externalIPs) {
    out.push({ ...base, chain: "KUBE-SERVICES", dst: `${ip}/32`, proto,
      matches: [comment(`${name} external IP`), { kind: "proto", proto, dport: sp.port }], target: sp.extChain });
  }
  for (const ip of sp.loadBalancerIPs) {
    out.push({ ...base, chain: "KUBE-SERVICES", dst: `${ip}/32`, proto,
      matches: [comment(`${name} loadbalancer IP`), { kind: "proto", proto, dport: sp.port }], target: sp.extChain });
  }
  if (sp.nodePort !== undefined) {
    out.push({ ...base, chain: "KUBE-NODEPORTS", proto,
      matches: [comment(name), { kind: "proto", proto, dport: sp.nodePort }], target: sp.extChain });
  }
  if (hasExternal) {
    out.push({ ...base, chain: sp.extChain, matches: [comment(`masquerade traffic for ${name} external destinations`)], target: KUBE_MARK_MASQ });
    out.push({ ...base, chain: sp.extChain, matches: [], target: svcChain });
  }

  out.push({ ...base, chain: svcChain, src: config.clusterCIDR, srcNegate: true, dst: `${sp.clusterIP}/32`, proto,
    matches: [comment(`${name} cluster IP`), { kind: "proto", proto, dport: sp.port }], target: KUBE_MARK_MASQ });
  const sepNames = eps.map((e) => endpointChainName(name, sp.protocol, `${e.ip}:${e.port}`));
  if (sp.affinityTimeoutSeconds !== undefined) {
    eps.forEach((e, i) => out.push({ ...base, chain: svcChain,
      matches: [comment(`${name} -> ${e.ip}:${e.port}`), { kind: "recent-check", name: sepNames[i], seconds: sp.affinityTimeoutSeconds ?? 10800 }],
      target: sepNames[i] }));
  }
  eps.forEach((e, i) => {
    const matches: IptMatch[] = [comment(`${name} -> ${e.ip}:${e.port}`)];
    if (i < eps.length - 1) matches.push({ kind: "statistic", probability: kubeProxyProbability(eps.length - i) });
    out.push({ ...base, chain: svcChain, matches, target: sepNames[i] });
  });
  eps.forEach((e, i) => {
    const sep = sepNames[i];
    chains.add(sep);
    out.push({ ...base, chain: sep, src: `${e.ip}/32`, matches: [comment(name)], target: KUBE_MARK_MASQ });
    const matches: IptMatch[] = [comment(name)];
    if (sp.affinityTimeoutSeconds !== undefined) matches.push({ kind: "recent-set", name: sep });
    matches.push({ kind: "proto", proto });
    out.push({ ...base, chain: sep, proto, matches, target: "DNAT", targetArgs: `--to-destination ${e.ip}:${e.port}`, dnat: { ip: e.ip, port: e.port } });
  });
}

function commonHead(): IptRule[] {
  return [
    { chain: "PREROUTING", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" },
    { chain: "OUTPUT", matches: [comment("kubernetes service portals")], target: "KUBE-SERVICES" },
    { chain: "POSTROUTING", matches: [comment("kubernetes postrouting rules")], target: "KUBE-POSTROUTING" },
    { chain: KUBE_MARK_MASQ, matches: [], target: "MARK", targetArgs: `--set-xmark ${MASQ_MARK}` },
    { chain: "KUBE-POSTROUTING", matches: [{ kind: "mark-not", mark: MASQ_MARK }], target: "RETURN" },
    { chain: "KUBE-POSTROUTING", matches: [], target: "MARK", targetArgs: "--set-xmark 0x4000/0x0" },
    { chain: "KUBE-POSTROUTING", matches: [comment("kubernetes service traffic requiring SNAT")], target: "MASQUERADE", targetArgs: "--random-fully" },
  ];
}

/** the nat table of a node whose kube-proxy runs in iptables mode */
export function buildIptablesNat(state: NetState, config: NetConfig = DEFAULT_NET_CONFIG): NatTable {
  const chains = new Set<string>(["KUBE-KUBELET-CANARY", KUBE_MARK_MASQ, "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-PROXY-CANARY", "KUBE-SERVICES"]);
  const rules = commonHead();
  for (const sp of servicePortModels(state)) serviceRules(sp, config, rules, chains);
  rules.push({ chain: "KUBE-SERVICES",
    matches: [comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain"), { kind: "addrtype-local" }],
    target: "KUBE-NODEPORTS" });
  return finish(chains, rules);
}

/** the nat table of a node whose kube-proxy runs in ipvs mode: a fixed set of rules over ipsets */
export function buildIpvsModeNat(setsInUse: ReadonlySet<string>, config: NetConfig = DEFAULT_NET_CONFIG): NatTable {
  const chains = new Set<string>(["KUBE-KUBELET-CANARY", "KUBE-LOAD-BALANCER", KUBE_MARK_MASQ, "KUBE-NODE-PORT", "KUBE-POSTROUTING",
    "KUBE-PROXY-CANARY", "KUBE-SERVICES"]);
  const rules = commonHead();
  rules.splice(4, 0, { chain: "KUBE-LOAD-BALANCER", matches: [], target: KUBE_MARK_MASQ });
  // the hairpin rule comes before the mark check in KUBE-POSTROUTING
  rules.splice(rules.findIndex((r) => r.chain === "KUBE-POSTROUTING"), 0, { chain: "KUBE-POSTROUTING",
    matches: [comment("Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"),
      { kind: "set", set: "KUBE-LOOP-BACK", flags: "dst,dst,src" }], target: "MASQUERADE" });
  if (setsInUse.has("KUBE-NODE-PORT-TCP")) {
    rules.push({ chain: "KUBE-NODE-PORT", proto: "tcp", matches: [comment("Kubernetes nodeport TCP port for masquerade purpose"),
      { kind: "set", set: "KUBE-NODE-PORT-TCP", flags: "dst" }], target: KUBE_MARK_MASQ });
  }
  if (setsInUse.has("KUBE-NODE-PORT-UDP")) {
    rules.push({ chain: "KUBE-NODE-PORT", proto: "udp", matches: [comment("Kubernetes nodeport UDP port for masquerade purpose"),
      { kind: "set", set: "KUBE-NODE-PORT-UDP", flags: "dst" }], target: KUBE_MARK_MASQ });
  }
  if (setsInUse.has("KUBE-LOAD-BALANCER")) {
    rules.push({ chain: "KUBE-SERVICES", matches: [comment("Kubernetes service lb portal"),
      { kind: "set", set: "KUBE-LOAD-BALANCER", flags: "dst,dst" }], target: "KUBE-LOAD-BALANCER" });
  }
  rules.push({ chain: "KUBE-SERVICES", src: config.clusterCIDR, srcNegate: true,
    matches: [comment("Kubernetes service cluster ip + port for masquerade purpose"), { kind: "set", set: "KUBE-CLUSTER-IP", flags: "dst,dst" }],
    target: KUBE_MARK_MASQ });
  rules.push({ chain: "KUBE-SERVICES", matches: [{ kind: "addrtype-local" }], target: "KUBE-NODE-PORT" });
  rules.push({ chain: "KUBE-SERVICES", matches: [{ kind: "set", set: "KUBE-CLUSTER-IP", flags: "dst,dst" }], target: "ACCEPT" });
  if (setsInUse.has("KUBE-LOAD-BALANCER")) {
    rules.push({ chain: "KUBE-SERVICES", matches: [{ kind: "set", set: "KUBE-LOAD-BALANCER", flags: "dst,dst" }], target: "ACCEPT" });
  }
  return finish(chains, rules);
}

function finish(userChains: Set<string>, rules: IptRule[]): NatTable {
  const chains: IptChain[] = [...BUILTIN.map((name) => ({ name, policy: "ACCEPT" as const })), ...[...userChains].sort().map((name) => ({ name }))];
  const order = new Map(chains.map((c, i) => [c.name, i]));
  // iptables-save prints rules chain by chain in chain order; within a chain, in insertion order
  const sorted = rules.map((r, i) => ({ r, i })).sort((a, b) => (order.get(a.r.chain) ?? 0) - (order.get(b.r.chain) ?? 0) || a.i - b.i).map((x) => x.r);
  return { chains, rules: sorted };
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], otherwise double-quoted */
function saveString(text: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(text)) return text;
  return `"${text.replace(/(["\\])/g, "\\$1")}"`;
}

function renderMatch(m: IptMatch): string {
  switch (m.kind) {
    case "comment": return `-m comment --comment ${saveString(m.text)}`;
    case "proto": return m.dport !== undefined ? `-m ${m.proto} --dport ${m.dport}` : `-m ${m.proto}`;
    case "statistic": return `-m statistic --mode random --probability ${savedProbability(m.probability)}`;
    case "recent-check": return `-m recent --rcheck --seconds ${m.seconds} --reap --name ${m.name} --mask 255.255.255.255 --rsource`;
    case "recent-set": return `-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`;
    case "addrtype-local": return "-m addrtype --dst-type LOCAL";
    case "set": return `-m set --match-set ${m.set} ${m.flags}`;
    case "mark-not": return `-m mark ! --mark ${m.mark}`;
  }
}

export function renderRule(r: IptRule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.srcNegate ? "! " : ""}-s ${r.src}`);
  if (r.dst) parts.push(`-d ${r.dst}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(renderMatch(m));
  parts.push(`-j ${r.target}${r.targetArgs ? ` ${r.targetArgs}` : ""}`);
  return parts.join(" ");
}

export function renderIptablesSave(table: NatTable, now: number): string {
  const stamp = formatCtime(now);
  const lines = [`# Generated by iptables-save v1.8.7 on ${stamp}`, "*nat"];
  for (const c of table.chains) lines.push(`:${c.name} ${c.policy ?? "-"} [0:0]`);
  for (const r of table.rules) lines.push(renderRule(r));
  lines.push("COMMIT", `# Completed on ${stamp}`);
  return `${lines.join("\n")}\n`;
}

export interface IptablesJson {
  table: "nat";
  chains: Array<{ name: string; policy: string; rules: Array<IptRule & { text: string }> }>;
}

export function iptablesJson(table: NatTable): IptablesJson {
  const byChain = new Map<string, Array<IptRule & { text: string }>>(table.chains.map((c) => [c.name, []]));
  for (const r of table.rules) byChain.get(r.chain)?.push({ ...r, text: renderRule(r) });
  return {
    table: "nat",
    chains: table.chains.map((c) => ({ name: c.name, policy: c.policy ?? "-", rules: byChain.get(c.name) ?? [] })),
  };
}

/** the node's own addresses (what `-m addrtype --dst-type LOCAL` matches) */
export function localAddresses(node: Node): string[] {
  return nodeIPs(node);
}
