// networking.k8s.io/v1 NetworkPolicy with the upstream semantics, as Calico enforces it: a pod is
// isolated in a direction once a policy of its namespace selects it for that direction, and an
// isolated pod admits only what the union of those policies' rules allows. Both ends must agree:
// the source's egress and the destination's ingress. Addresses are those after kube-proxy's DNAT.
import type { Pod } from "../api/kinds";
import { selectorMatches } from "../api/selectors/selector-matches";
import { cidrContains, parseCidr, parseIPv4 } from "./ip";
import type { NetState, NetworkPolicy } from "./types";

export type PolicyProtocol = "TCP" | "UDP" | "SCTP" | "ICMP";
export type PolicyDirection = "Ingress" | "Egress";

export interface PolicyEndpoint {
  ip: string;
  /** the workload behind the address; absent for nodes, host-network pods and hosts off the cluster */
  pod?: Pod;
}

export interface PolicyConnection {
  /** the sender, whose egress policies apply */
  src: PolicyEndpoint;
  /** the source the destination sees once kube-proxy masqueraded it; defaults to src */
  srcSeenAs?: PolicyEndpoint;
  dst: PolicyEndpoint;
  protocol: PolicyProtocol;
  /** destination port after DNAT; absent for ICMP */
  port?: number;
}

export interface PolicySide {
  direction: PolicyDirection;
  /** "<ns>/<name>" of the isolated pod */
  pod: string;
  /** names of the policies isolating it */
  policies: string[];
  /** the policy whose rule let the packet through */
  allowedBy?: string;
}

export interface PolicyVerdict {
  allowed: boolean;
  /** the isolated sides the packet met, in path order (egress first); empty when nothing isolates */
  sides: PolicySide[];
  /** the side that dropped the packet */
  denied?: PolicySide;
}

type Rule = NonNullable<NonNullable<NetworkPolicy["spec"]>["ingress"]>[number];
type Peer = NonNullable<Rule["from"]>[number];
type Port = NonNullable<Rule["ports"]>[number];

const NAME_LABEL = "kubernetes.io/metadata.name";

interface PolicyIndex {
  byNamespace: Map<string, NetworkPolicy[]>;
  namespaceLabels: Map<string, Record<string, string>>;
}

const indexes = new WeakMap<NetState, PolicyIndex>();

function indexOf(state: NetState): PolicyIndex {
  let idx = indexes.get(state);
  if (idx) return idx;
  const byNamespace = new Map<string, NetworkPolicy[]>();
  for (const p of state.networkPolicies ?? []) {
    const ns = p.metadata.namespace ?? "default";
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), p]);
  }
  const namespaceLabels = new Map((state.namespaces ?? []).map((n) => [n.metadata.name ?? "", n.metadata.labels ?? {}]));
  idx = { byNamespace, namespaceLabels };
  indexes.set(state, idx);
  return idx;
}

/** the API server defaults policyTypes; an object written around the defaulting gets the same reading */
export function policyTypesOf(p: NetworkPolicy): PolicyDirection[] {
  const given = p.spec?.policyTypes ?? [];
  if (given.length > 0) return given;
  return (p.spec?.egress?.length ?? 0) > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

function namespaceOf(pod: Pod): string {
  return pod.metadata.namespace ?? "default";
}

/** host-network pods share the node's address and interfaces, so Calico's workload policy never sees them */
function workload(e: PolicyEndpoint): Pod | undefined {
  return e.pod && !e.pod.spec?.hostNetwork ? e.pod : undefined;
}

/** the policies of the pod's namespace that isolate it in `direction` */
export function isolatingPolicies(state: NetState, pod: Pod, direction: PolicyDirection): NetworkPolicy[] {
  if (!state.networkPolicies?.length || pod.spec?.hostNetwork) return [];
  const policies = indexOf(state).byNamespace.get(namespaceOf(pod)) ?? [];
  return policies.filter((p) => policyTypesOf(p).includes(direction) && selectorMatches(p.spec?.podSelector ?? {}, pod.metadata.labels));
}

function namespaceLabels(idx: PolicyIndex, ns: string): Record<string, string> {
  return idx.namespaceLabels.get(ns) ?? { [NAME_LABEL]: ns };
}

function peerMatches(idx: PolicyIndex, peer: Peer, policyNs: string, other: PolicyEndpoint): boolean {
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    const ip = parseIPv4(other.ip);
    if (!cidr || ip === undefined || !cidrContains(cidr, ip)) return false;
    return !(peer.ipBlock.except ?? []).some((e) => {
      const ex = parseCidr(e);
      return ex !== undefined && cidrContains(ex, ip);
    });
  }
  const pod = workload(other);
  if (!pod || (!peer.podSelector && !peer.namespaceSelector)) return false;
  const ns = namespaceOf(pod);
  const nsOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, namespaceLabels(idx, ns)) : ns === policyNs;
  return nsOk && (!peer.podSelector || selectorMatches(peer.podSelector, pod.metadata.labels));
}

/** a named port means the destination container's port of that name and protocol */
function namedPort(dst: Pod | undefined, name: string, protocol: PolicyProtocol): number | undefined {
  for (const c of dst?.spec?.containers ?? []) {
    const p = (c.ports ?? []).find((x) => x.name === name && (x.protocol ?? "TCP") === protocol);
    if (p) return p.containerPort;
  }
  return undefined;
}

function portMatches(p: Port, conn: PolicyConnection): boolean {
  if (conn.protocol === "ICMP" || (p.protocol ?? "TCP") !== conn.protocol) return false;
  if (p.port === undefined) return true;
  const from = typeof p.port === "number" ? p.port : namedPort(workload(conn.dst), p.port, conn.protocol);
  if (from === undefined || conn.port === undefined) return false;
  const to = typeof p.port === "number" ? p.endPort ?? from : from;
  return conn.port >= from && conn.port <= to;
}

function ruleMatches(idx: PolicyIndex, peers: Peer[] | undefined, ports: Port[] | undefined, policyNs: string, other: PolicyEndpoint, conn: PolicyConnection): boolean {
  // a rule without ports allows every protocol, ICMP included (Calico leaves the protocol unmatched)
  if (ports?.length && !ports.some((p) => portMatches(p, conn))) return false;
  return !peers?.length || peers.some((peer) => peerMatches(idx, peer, policyNs, other));
}

function side(state: NetState, pod: Pod, direction: PolicyDirection, conn: PolicyConnection): PolicySide | undefined {
  const policies = isolatingPolicies(state, pod, direction);
  if (policies.length === 0) return undefined;
  const idx = indexOf(state);
  const other = direction === "Ingress" ? conn.srcSeenAs ?? conn.src : conn.dst;
  const allowedBy = policies.find((p) => {
    const ns = p.metadata.namespace ?? "default";
    const rules = direction === "Ingress" ? (p.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
      : (p.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    return rules.some((r) => ruleMatches(idx, r.peers, r.ports, ns, other, conn));
  });
  return { direction, pod: `${namespaceOf(pod)}/${pod.metadata.name ?? ""}`, policies: policies.map((p) => p.metadata.name ?? ""), ...(allowedBy ? { allowedBy: allowedBy.metadata.name ?? "" } : {}) };
}

/** whether the packet gets through: the source's egress, then the destination's ingress */
export function evaluatePolicies(state: NetState, conn: PolicyConnection): PolicyVerdict {
  if (!state.networkPolicies?.length) return { allowed: true, sides: [] };
  const sides: PolicySide[] = [];
  const src = workload(conn.src);
  const dst = workload(conn.dst);
  const egress = src ? side(state, src, "Egress", conn) : undefined;
  if (egress) {
    sides.push(egress);
    if (!egress.allowedBy) return { allowed: false, sides, denied: egress };
  }
  const ingress = dst ? side(state, dst, "Ingress", conn) : undefined;
  if (ingress) {
    sides.push(ingress);
    if (!ingress.allowedBy) return { allowed: false, sides, denied: ingress };
  }
  return { allowed: true, sides };
}

/** one line for the trace: who isolates, and which policy let the packet pass or that none did */
export function describeSide(s: PolicySide, conn: PolicyConnection): string {
  const what = `${conn.protocol}${conn.port !== undefined ? `/${conn.port}` : ""}`;
  const peer = s.direction === "Ingress" ? `from ${(conn.srcSeenAs ?? conn.src).ip}` : `to ${conn.dst.ip}`;
  const by = `NetworkPolic${s.policies.length > 1 ? "ies" : "y"} ${s.policies.join(", ")}`;
  if (s.allowedBy) return `${s.direction.toLowerCase()} of pod ${s.pod} is isolated by ${by}; ${s.allowedBy} allows ${what} ${peer}`;
  return `${s.direction.toLowerCase()} of pod ${s.pod} is isolated by ${by} and no rule allows ${what} ${peer} → Calico drops the packet`;
}
