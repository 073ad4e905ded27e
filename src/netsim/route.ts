// A request through the simulated network: resolve the name the way the client would, let the
// kube-proxy tables of the node the packet meets pick a backend, and hand the caller the pod that
// should answer. The HTTP body is the caller's business.
import type { Node, Pod } from "../api/kinds";
import { addressesOf, resolveFrom, type DnsClient, type DnsOptions } from "./dns";
import { cidrContains, parseCidr, parseIPv4 } from "./ip";
import { buildIptablesNat, renderRule, type NatTable } from "./iptables";
import { walkNat } from "./iptables-walk";
import { buildIpvs, vsKey, type VirtualServer } from "./ipvs";
import { schedule } from "./ipvs-scheduler";
import { layer2AnnouncingNode } from "./metallb";
import { cloneRouteState, pruneConns, type RouteState } from "./route-state";
import { findNode, nodeIPs, podIP, servicePortModels, usableEndpoints } from "./service-model";
import type { TraceStep } from "./trace";
import type { NetConfig, NetState, NodeProxyMode, ProxyModeByNode } from "./types";
import { DEFAULT_NET_CONFIG } from "./types";
import { upstreamHasAddress } from "./dns-upstream";
import { resolverFor } from "./dns";
import type { PolicyEndpoint } from "./network-policy";
import { dnsDropped, policyDrop } from "./route-policy";

export type RouteError =
  | "malformed url"
  | "unsupported protocol"
  | "unknown client"
  | "NXDOMAIN"
  | "connection refused"
  | "timeout"
  | "no route to host";

export interface RouteRequest {
  /** "pod/<ns>/<name>" | "node/<name>" | "external" */
  from: string;
  url: string;
}

export interface RouteContext {
  state: NetState;
  proxyModeByNode: ProxyModeByNode;
  routeState: RouteState;
  /** seeded source in [0,1): iptables statistic draws and DNS answer rotation */
  rng: () => number;
  /** cluster clock, ms */
  now: number;
  config?: NetConfig;
  dns?: Omit<DnsOptions, "rng" | "config">;
  /** whether a process in the pod accepts connections on the port; defaults to declared containerPorts */
  listens?: (pod: Pod, port: number, protocol: string) => boolean;
  /** source address of the "external" client (a host on the nodes' LAN) */
  externalClientIP?: string;
}

export interface RouteTarget {
  pod: string;
  namespace: string;
  podIP: string;
  node: string;
  port: number;
  /** the source address the pod sees (after masquerade, if any) */
  sourceIP: string;
}

export interface ParsedUrl {
  scheme: "http" | "https";
  host: string;
  port: number;
  path: string;
}

export interface RouteResult {
  ok: boolean;
  trace: TraceStep[];
  url?: ParsedUrl;
  target?: RouteTarget;
  /** set when the request left the cluster for the simulated Internet */
  external?: { host: string; ip: string; port: number };
  error?: RouteError;
  /** the message curl prints for the error */
  message?: string;
  routeState: RouteState;
}

export function parseRequestUrl(url: string): ParsedUrl | { error: RouteError; message: string } {
  const bad = { error: "malformed url" as const, message: "curl: (3) URL using bad/illegal format or missing URL" };
  const text = url.trim();
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  const scheme = (schemeMatch?.[1] ?? "http").toLowerCase();
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const m = /^([^/:?#\s@]+)(?::(\d*))?([/?#]\S*)?$/.exec(rest);
  if (!m || !m[1]) return bad;
  if (scheme !== "http" && scheme !== "https") {
    return { error: "unsupported protocol", message: `curl: (1) Protocol "${scheme}" not supported or disabled in libcurl` };
  }
  const port = m[2] ? Number(m[2]) : scheme === "https" ? 443 : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return bad;
  const path = m[3] ?? "/";
  return { scheme, host: m[1].toLowerCase(), port, path: path.startsWith("/") ? path : `/${path}` };
}

interface Client {
  dns: DnsClient;
  ip: string;
  /** the sender as NetworkPolicy sees it */
  policy: PolicyEndpoint;
  /** a process on the node itself (node shell or host-network pod): its packets to local pods skip policy */
  host: boolean;
  /** node whose tables see the packet first; undefined for the outside host */
  node?: string;
  label: string;
}

function resolveClient(ctx: RouteContext, from: string): Client | string {
  const parts = from.split("/");
  if (parts[0] === "pod" && parts.length === 3) {
    const pod = ctx.state.pods.find((p) => (p.metadata.namespace ?? "default") === parts[1] && p.metadata.name === parts[2]);
    if (!pod) return `pod "${parts[2]}" not found in namespace "${parts[1]}"`;
    const ip = podIP(pod);
    if (!ip || !pod.spec?.nodeName) return `pod "${parts[2]}" has no IP yet`;
    return { dns: { kind: "pod", pod }, ip, policy: { ip, pod }, host: pod.spec.hostNetwork === true, node: pod.spec.nodeName, label: `pod ${parts[1]}/${parts[2]} (${ip}) on node ${pod.spec.nodeName}` };
  }
  if (parts[0] === "node" && parts.length === 2) {
    const node = findNode(ctx.state, parts[1]);
    if (!node) return `node "${parts[1]}" not found`;
    const ip = nodeIPs(node)[0] ?? "127.0.0.1";
    return { dns: { kind: "node" }, ip, policy: { ip }, host: true, node: parts[1], label: `node ${parts[1]} (${ip})` };
  }
  if (from === "external") {
    const ip = ctx.externalClientIP ?? "192.168.10.254";
    return { dns: { kind: "external" }, ip, policy: { ip }, host: false, label: `external host ${ip} on the nodes' network` };
  }
  return `unknown client "${from}" (expected pod/<ns>/<name>, node/<name> or external)`;
}

function nodeOwning(state: NetState, ip: string): Node | undefined {
  return state.nodes.find((n) => nodeIPs(n).includes(ip));
}

function modeOf(ctx: RouteContext, node: string): NodeProxyMode {
  return ctx.proxyModeByNode[node] ?? { mode: "iptables", scheduler: "", strictARP: false };
}

// every iptables-mode node programs the same nat table, so one per snapshot and config suffices
const natCache = new WeakMap<NetState, WeakMap<NetConfig, NatTable>>();

function natFor(ctx: RouteContext): NatTable {
  const config = ctx.config ?? DEFAULT_NET_CONFIG;
  let byConfig = natCache.get(ctx.state);
  if (!byConfig) natCache.set(ctx.state, (byConfig = new WeakMap()));
  let table = byConfig.get(config);
  if (!table) byConfig.set(config, (table = buildIptablesNat(ctx.state, config)));
  return table;
}

function defaultListens(pod: Pod, port: number, protocol: string): boolean {
  const declared = (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
  if (declared.some((p) => p.containerPort === port && (p.protocol ?? "TCP") === protocol)) return true;
  // nginx-like images listen on 80 whether or not the manifest declares it
  if (port === 80 && (pod.spec?.containers ?? []).some((c) => /nginx|httpd|busyboxplus/.test(c.image ?? ""))) return true;
  return false;
}

interface Hop {
  dst: string;
  port: number;
  masquerade: boolean;
  /** the node where the address translation happened */
  node: string;
}

type ProxyOutcome = { kind: "dnat"; hop: Hop } | { kind: "refused"; detail: string } | { kind: "none" };

const ipvsCache = new WeakMap<NetState, Map<string, Map<string, VirtualServer>>>();

function ipvsFor(state: NetState, node: Node, mode: NodeProxyMode): Map<string, VirtualServer> {
  let byNode = ipvsCache.get(state);
  if (!byNode) ipvsCache.set(state, (byNode = new Map()));
  const key = `${node.metadata.name}|${mode.scheduler}`;
  let table = byNode.get(key);
  if (!table) byNode.set(key, (table = new Map(buildIpvs(state, node, mode).map((v) => [vsKey(v), v]))));
  return table;
}

function isServiceIP(ctx: RouteContext, ip: string): boolean {
  return servicePortModels(ctx.state).some((sp) => sp.clusterIP === ip || sp.loadBalancerIPs.includes(ip) || sp.externalIPs.includes(ip));
}

function throughProxy(ctx: RouteContext, nodeName: string, src: string, dst: string, port: number, local: boolean, trace: TraceStep[]): ProxyOutcome {
  const node = findNode(ctx.state, nodeName);
  if (!node) return { kind: "none" };
  const mode = modeOf(ctx, nodeName);
  const config = ctx.config ?? DEFAULT_NET_CONFIG;
  if (mode.mode === "ipvs") {
    const vs = ipvsFor(ctx.state, node, mode).get(vsKey({ protocol: "TCP", address: dst, port }));
    if (!vs) {
      if (isServiceIP(ctx, dst)) {
        trace.push({ kind: "ipvs", node: nodeName, detail: `ipvs on ${nodeName}: ${dst} is bound to kube-ipvs0 but no virtual server listens on port ${port} → the host answers with a reset` });
        return { kind: "refused", detail: "no virtual server for this port" };
      }
      return { kind: "none" };
    }
    const head = `TCP  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistentSeconds !== undefined ? ` persistent ${vs.persistentSeconds}` : ""}`;
    trace.push({ kind: "ipvs", node: nodeName, rule: head, detail: `ipvs on ${nodeName}: virtual server ${vs.address}:${vs.port} (${vs.servicePort}, ${vs.kind}) with ${vs.realServers.length} real server(s)` });
    const decision = schedule(vs, src, dst, ctx.routeState, ctx.now);
    if (!decision) {
      trace.push({ kind: "ipvs", node: nodeName, rule: head, detail: `ipvs on ${nodeName}: no real servers (no ready endpoints) → ICMP port unreachable` });
      return { kind: "refused", detail: "virtual server has no real servers" };
    }
    trace.push({ kind: "dnat", node: nodeName, rule: `  -> ${decision.rs.address}:${decision.rs.port}`, detail: `ipvs ${decision.detail}; Masq forwarding to ${decision.rs.address}:${decision.rs.port}` });
    const clusterCidr = parseCidr(config.clusterCIDR);
    const srcNum = parseIPv4(src);
    const offCluster = !clusterCidr || srcNum === undefined || !cidrContains(clusterCidr, srcNum);
    const masquerade = vs.kind !== "clusterIP" || offCluster || src === decision.rs.address;
    return { kind: "dnat", hop: { dst: decision.rs.address, port: decision.rs.port, masquerade, node: nodeName } };
  }
  const table = natFor(ctx);
  const out = walkNat({ table, node: nodeName, localAddresses: new Set(nodeIPs(node)), routeState: ctx.routeState, rng: ctx.rng, now: ctx.now, trace },
    { src, dst, dport: port, proto: "tcp" }, local ? "OUTPUT" : "PREROUTING");
  if (out.kind === "dnat") return { kind: "dnat", hop: { dst: out.ip, port: out.port, masquerade: out.masquerade, node: nodeName } };
  // kube-proxy rejects in the filter table what has a service IP but no endpoints
  const empty = servicePortModels(ctx.state).find((sp) => sp.protocol === "TCP" && usableEndpoints(sp).length === 0 &&
    ((sp.clusterIP === dst && sp.port === port) || (sp.nodePort === port && nodeIPs(node).includes(dst)) || (sp.loadBalancerIPs.includes(dst) && sp.port === port)));
  if (empty) {
    trace.push({ kind: "iptables", node: nodeName, chain: "KUBE-SERVICES",
      rule: renderRule({ chain: "KUBE-SERVICES", dst: `${dst}/32`, proto: "tcp", matches: [{ kind: "comment", text: `${empty.portName} has no endpoints` }, { kind: "proto", proto: "tcp", dport: port }], target: "REJECT", targetArgs: "--reject-with icmp-port-unreachable" }),
      detail: `filter KUBE-SERVICES on ${nodeName}: ${empty.portName} has no endpoints → REJECT` });
    return { kind: "refused", detail: "service has no endpoints" };
  }
  return { kind: "none" };
}

function podByIP(state: NetState, ip: string): Pod | undefined {
  const candidates = state.pods.filter((p) => podIP(p) === ip && !p.spec?.hostNetwork && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  return candidates[0];
}

function fail(result: RouteResult, error: RouteError, message: string, detail?: string): RouteResult {
  result.trace.push({ kind: "error", detail: detail ?? message });
  return { ...result, ok: false, error, message };
}

/** routes one request; never throws on bad input, every failure is a result */
export function routeRequest(req: RouteRequest, ctxIn: RouteContext): RouteResult {
  const routeState = cloneRouteState(ctxIn.routeState);
  pruneConns(routeState, ctxIn.now);
  const ctx: RouteContext = { ...ctxIn, routeState };
  const result: RouteResult = { ok: false, trace: [], routeState };
  const listens = ctx.listens ?? defaultListens;

  const client = resolveClient(ctx, req.from);
  if (typeof client === "string") return fail(result, "unknown client", client);
  result.trace.push({ kind: "client", node: client.node, detail: `request from ${client.label}` });

  const url = parseRequestUrl(req.url);
  if ("error" in url) return fail(result, url.error, url.message);
  result.url = url;

  let dstIP = url.host;
  if (parseIPv4(url.host) === undefined) {
    const r = resolveFrom(ctx.state, client.dns, url.host, "A", { ...ctx.dns, config: ctx.config, rng: ctx.rng });
    const tried = r.tried.map((t) => `${t.name} ${t.status}${t.answers ? ` (${t.answers})` : ""}`).join(", ");
    const dropped = client.dns.kind === "pod" && r.source === "dns" && resolverFor(client.dns, ctx.config).usesClusterDNS ? dnsDropped(ctx.state, client.dns.pod) : undefined;
    if (dropped?.denied) {
      return fail(result, "timeout", `curl: (6) Could not resolve host: ${url.host}`,
        `DNS: queries to CoreDNS (UDP 53) are dropped by the ${dropped.denied.direction.toLowerCase()} policy of ${dropped.denied.pod} (${dropped.denied.policies.join(", ")}); the resolver times out`);
    }
    const addrs = addressesOf(r);
    if (addrs.length === 0) {
      return fail(result, "NXDOMAIN", `curl: (6) Could not resolve host: ${url.host}`,
        `DNS: ${url.host} could not be resolved${tried ? ` (tried ${tried})` : ""}`);
    }
    dstIP = addrs[0];
    const via = r.source === "hosts" ? "/etc/hosts" : `CoreDNS${tried ? ` (tried ${tried})` : ""}`;
    const chain = r.answers.filter((a) => a.type === "CNAME").map((a) => `${a.name} CNAME ${a.data}`).join(", ");
    result.trace.push({ kind: "dns", detail: `DNS: ${url.host} → ${addrs.join(", ")} via ${via}${chain ? `; ${chain}` : ""}; connecting to ${dstIP}` });
  }
  const port = url.port;

  // where does the packet first meet a kube-proxy?
  let firstNode = client.node;
  let local = client.dns.kind === "node";
  if (!firstNode) {
    const owner = nodeOwning(ctx.state, dstIP);
    const lbNodes = ctx.state.nodes.map((n) => n.metadata.name ?? "").filter((n) => n !== "");
    const isLB = servicePortModels(ctx.state).some((sp) => sp.loadBalancerIPs.includes(dstIP));
    if (owner) firstNode = owner.metadata.name;
    else if (isLB) {
      firstNode = layer2AnnouncingNode(lbNodes, dstIP);
      result.trace.push({ kind: "routing", node: firstNode, detail: `ARP: MetalLB speaker on ${firstNode} answers for ${dstIP} (layer2 mode)` });
    } else if (upstreamHasAddress(dstIP)) {
      result.trace.push({ kind: "external", detail: `${dstIP} is on the Internet; the request leaves through the default gateway` });
      return { ...result, ok: true, external: { host: url.host, ip: dstIP, port } };
    } else {
      return fail(result, "timeout", `curl: (28) Failed to connect to ${url.host} port ${port}: Connection timed out`,
        `${dstIP} is not reachable from outside the cluster (cluster and pod addresses are not routed on the LAN)`);
    }
    local = false;
  }
  if (!firstNode) return fail(result, "timeout", `curl: (28) Failed to connect to ${url.host} port ${port}: Connection timed out`);

  let outcome = throughProxy(ctx, firstNode, client.ip, dstIP, port, local, result.trace);
  let hopNode = firstNode;
  if (outcome.kind === "none") {
    const owner = nodeOwning(ctx.state, dstIP);
    if (owner?.metadata.name && owner.metadata.name !== firstNode) {
      hopNode = owner.metadata.name;
      result.trace.push({ kind: "routing", node: hopNode, detail: `${dstIP} belongs to node ${hopNode}; packet routed there` });
      outcome = throughProxy(ctx, hopNode, client.ip, dstIP, port, false, result.trace);
    }
  }
  const refused = `curl: (7) Failed to connect to ${url.host} port ${port}: Connection refused`;
  const timeout = `curl: (28) Failed to connect to ${url.host} port ${port}: Connection timed out`;
  if (outcome.kind === "refused") return fail(result, "connection refused", refused, outcome.detail);

  let finalIP = dstIP;
  let finalPort = port;
  let masquerade = false;
  if (outcome.kind === "dnat") {
    finalIP = outcome.hop.dst;
    finalPort = outcome.hop.port;
    masquerade = outcome.hop.masquerade;
  } else {
    const owner = nodeOwning(ctx.state, dstIP);
    if (owner) {
      const dropped = policyDrop(ctx.state, { src: client.policy, dst: { ip: dstIP }, protocol: "TCP", port }, result.trace);
      if (dropped) return fail(result, "timeout", timeout, dropped);
      const hostPod = ctx.state.pods.find((p) => p.spec?.hostNetwork && p.spec.nodeName === owner.metadata.name && listens(p, port, "TCP"));
      if (!hostPod) return fail(result, "connection refused", refused, `nothing listens on ${dstIP}:${port} on node ${owner.metadata.name}`);
      result.trace.push({ kind: "host", node: owner.metadata.name, detail: `host-network pod ${hostPod.metadata.name} listens on ${dstIP}:${port}` });
      return { ...result, ok: true, target: { pod: hostPod.metadata.name ?? "", namespace: hostPod.metadata.namespace ?? "default", podIP: dstIP, node: owner.metadata.name ?? "", port, sourceIP: client.ip } };
    }
    if (isServiceIP(ctx, dstIP)) {
      return fail(result, "timeout", timeout, `no rule matches ${dstIP}:${port}: the virtual IP exists only for the service's ports`);
    }
  }

  const hostNode = nodeOwning(ctx.state, finalIP);
  if (hostNode) {
    const dropped = policyDrop(ctx.state, { src: client.policy, dst: { ip: finalIP }, protocol: "TCP", port: finalPort }, result.trace);
    if (dropped) return fail(result, "timeout", timeout, dropped);
    const hostPod = ctx.state.pods.find((p) => p.spec?.hostNetwork && p.spec.nodeName === hostNode.metadata.name && listens(p, finalPort, "TCP"));
    if (!hostPod) return fail(result, "connection refused", refused, `nothing listens on ${finalIP}:${finalPort}`);
    result.trace.push({ kind: "host", node: hostNode.metadata.name, detail: `host-network pod ${hostPod.metadata.name} on ${hostNode.metadata.name} serves ${finalIP}:${finalPort}` });
    return { ...result, ok: true, target: { pod: hostPod.metadata.name ?? "", namespace: hostPod.metadata.namespace ?? "default", podIP: finalIP, node: hostNode.metadata.name ?? "", port: finalPort, sourceIP: masquerade ? nodeIPs(findNode(ctx.state, hopNode) ?? hostNode)[0] ?? client.ip : client.ip } };
  }
  const pod = podByIP(ctx.state, finalIP);
  if (!pod) {
    if (outcome.kind === "none" && upstreamHasAddress(finalIP)) {
      const dropped = policyDrop(ctx.state, { src: client.policy, dst: { ip: finalIP }, protocol: "TCP", port: finalPort }, result.trace);
      if (dropped) return fail(result, "timeout", timeout, dropped);
      result.trace.push({ kind: "external", detail: `${finalIP} is on the Internet; the request leaves the cluster through ${hopNode}'s default gateway` });
      return { ...result, ok: true, external: { host: url.host, ip: finalIP, port: finalPort } };
    }
    return fail(result, "timeout", timeout, `no pod has address ${finalIP}`);
  }
  const podNode = pod.spec?.nodeName ?? "";
  if (podNode !== hopNode) {
    result.trace.push({ kind: "routing", node: podNode, detail: `${finalIP} is in node ${podNode}'s pod network; forwarded from ${hopNode} over the overlay` });
  }
  const hopNodeObj = findNode(ctx.state, hopNode);
  const sourceIP = masquerade ? (hopNodeObj ? nodeIPs(hopNodeObj)[0] : undefined) ?? client.ip : client.ip;
  if (masquerade) result.trace.push({ kind: "snat", node: hopNode, detail: `KUBE-POSTROUTING on ${hopNode}: MASQUERADE, the pod sees source ${sourceIP}` });
  if (client.host && client.node === podNode) {
    if (ctx.state.networkPolicies?.length) result.trace.push({ kind: "policy", node: podNode, detail: `NetworkPolicy: not applied; packets from ${podNode}'s own processes reach its pods through OUTPUT, where Calico applies no workload policy` });
  } else {
    const seenAs: PolicyEndpoint = masquerade ? { ip: sourceIP } : client.policy;
    const dropped = policyDrop(ctx.state, { src: client.policy, srcSeenAs: seenAs, dst: { ip: finalIP, pod }, protocol: "TCP", port: finalPort }, result.trace);
    if (dropped) return fail(result, "timeout", timeout, dropped);
  }
  if (!listens(pod, finalPort, "TCP")) {
    return fail(result, "connection refused", refused, `pod ${pod.metadata.namespace}/${pod.metadata.name} has nothing listening on port ${finalPort}`);
  }
  result.trace.push({ kind: "pod", node: podNode, detail: `delivered to pod ${pod.metadata.namespace ?? "default"}/${pod.metadata.name} (${finalIP}:${finalPort}) on ${podNode}` });
  return {
    ...result,
    ok: true,
    target: { pod: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "default", podIP: finalIP, node: podNode, port: finalPort, sourceIP },
  };
}

export type { NodeProxyMode };
