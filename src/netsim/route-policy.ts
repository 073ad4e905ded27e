// Where a routed packet meets NetworkPolicy: the checks routeRequest, ping and the resolver make, and
// the trace lines that say which policy let the packet through or dropped it.
import type { Pod } from "../api/kinds";
import { describeSide, evaluatePolicies, type PolicyConnection, type PolicyEndpoint, type PolicyVerdict } from "./network-policy";
import { podIP, servicePortModels, usableEndpoints } from "./service-model";
import type { TraceStep } from "./trace";
import type { NetState } from "./types";

function nodeOf(state: NetState, pod: string): string | undefined {
  const [ns, name] = pod.split("/");
  return state.pods.find((p) => (p.metadata.namespace ?? "default") === ns && p.metadata.name === name)?.spec?.nodeName;
}

/** records the policies the packet met; the reason it was dropped, or undefined when it passes */
export function policyDrop(state: NetState, conn: PolicyConnection, trace: TraceStep[]): string | undefined {
  const v = evaluatePolicies(state, conn);
  for (const s of v.sides) trace.push({ kind: "policy", node: nodeOf(state, s.pod), detail: `NetworkPolicy: ${describeSide(s, conn)}` });
  if (!v.denied) return undefined;
  const d = v.denied;
  return `dropped by the ${d.direction.toLowerCase()} policy of ${d.pod} (${d.policies.join(", ")}); no RST is sent, the client waits until it gives up`;
}

function workloadAt(state: NetState, ip: string): Pod | undefined {
  return state.pods.find((p) => !p.spec?.hostNetwork && podIP(p) === ip && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
}

/**
 * Queries to CoreDNS are packets like any other: an egress policy without UDP 53 to the kube-dns pods
 * (or kube-system's ingress policy) leaves the resolver waiting. The verdict that dropped them, or
 * undefined when some CoreDNS endpoint answers.
 */
export function dnsDropped(state: NetState, pod: Pod): PolicyVerdict | undefined {
  if (!state.networkPolicies?.length) return undefined;
  const ip = podIP(pod);
  if (!ip) return undefined;
  const dns = servicePortModels(state).find((sp) => sp.namespace === "kube-system" && sp.name === "kube-dns" && sp.protocol === "UDP");
  let denied: PolicyVerdict | undefined;
  for (const ep of dns ? usableEndpoints(dns) : []) {
    const v = evaluatePolicies(state, { src: { ip, pod }, dst: { ip: ep.ip, pod: workloadAt(state, ep.ip) }, protocol: "UDP", port: ep.port });
    if (v.allowed) return undefined;
    denied ??= v;
  }
  return denied;
}

/** an ICMP echo to `dstIP`: only rules without ports let it through an isolated side */
export function icmpAllowed(state: NetState, src: PolicyEndpoint, dstIP: string): boolean {
  if (!state.networkPolicies?.length) return true;
  return evaluatePolicies(state, { src, dst: { ip: dstIP, pod: workloadAt(state, dstIP) }, protocol: "ICMP" }).allowed;
}
