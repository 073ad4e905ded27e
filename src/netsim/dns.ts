// CoreDNS (kubernetes plugin with `pods insecure`, then `forward` to a simulated upstream) as a pure
// function, plus the resolver a pod runs: /etc/hosts, then the search path with ndots.
import type { Pod, Service } from "../api/kinds";
import { compareIPs, ipFromReverseName, isIPv4 } from "./ip";
import { endpointsForPort, isHeadless, podIP, protocolOf, serviceType, svcKey, type ModelEndpoint } from "./service-model";
import type { NetConfig, NetState } from "./types";
import { DEFAULT_NET_CONFIG } from "./types";
import { UPSTREAM_TTL, upstreamRecords } from "./dns-upstream";

export type DnsType = "A" | "AAAA" | "SRV" | "PTR" | "CNAME" | "TXT";
export const DNS_TYPES: readonly DnsType[] = ["A", "AAAA", "SRV", "PTR", "CNAME", "TXT"];

export interface DnsAnswer {
  name: string;
  type: DnsType;
  ttl: number;
  data: string;
}

export type DnsStatus = "NOERROR" | "NXDOMAIN" | "FORMERR";

export interface DnsResult {
  status: DnsStatus;
  question: { name: string; type: DnsType };
  answers: DnsAnswer[];
  /** glue CoreDNS adds to SRV answers */
  additional: DnsAnswer[];
  /** true when the kubernetes plugin answered (dig shows the `aa` flag) */
  authoritative: boolean;
}

export interface DnsOptions {
  config?: NetConfig;
  /** TTL of cluster answers (CoreDNS default 5; kubeadm's Corefile sets `ttl 30`) */
  clusterTtl?: number;
  upstreamTtl?: number;
  /** CoreDNS `loadbalance`: rotates A records; deterministic when given a seeded source */
  rng?: () => number;
}

const fq = (name: string): string => (name.endsWith(".") ? name.toLowerCase() : `${name.toLowerCase()}.`);
const dashed = (ip: string): string => ip.replace(/\./g, "-");

function result(name: string, type: DnsType, status: DnsStatus, answers: DnsAnswer[], authoritative: boolean, additional: DnsAnswer[] = []): DnsResult {
  return { status, question: { name, type }, answers, additional, authoritative };
}

function validName(name: string): boolean {
  if (name.length === 0 || name.length > 254) return false;
  const labels = name.replace(/\.$/, "").split(".");
  return labels.every((l) => l.length > 0 && l.length <= 63 && /^[A-Za-z0-9_*-]+$/.test(l));
}

function servicesIn(state: NetState, ns: string): Service[] {
  return state.services.filter((s) => (s.metadata.namespace ?? "default") === ns);
}

function namespaceExists(state: NetState, ns: string): boolean {
  return servicesIn(state, ns).length > 0 || state.pods.some((p) => (p.metadata.namespace ?? "default") === ns);
}

/** ready endpoints of a service across its ports, deduplicated by IP, with the ports each serves */
function serviceEndpoints(state: NetState, svc: Service): Array<ModelEndpoint & { portName: string; protocol: string }> {
  const out: Array<ModelEndpoint & { portName: string; protocol: string }> = [];
  for (const p of svc.spec?.ports ?? []) {
    const protocol = protocolOf(p.protocol);
    for (const e of endpointsForPort(state, svc, p.name ?? "", protocol)) {
      if (e.ready || svc.spec?.publishNotReadyAddresses) out.push({ ...e, portName: p.name ?? "", protocol });
    }
  }
  return out;
}

/** endpoint label as CoreDNS names it: the hostname, else the dashed IP */
function endpointLabel(state: NetState, svc: Service, e: ModelEndpoint): string {
  if (e.hostname) return e.hostname;
  // slices written without hostname: fall back to the pod's spec, as the endpoints controller would
  const pod = e.podRef ? state.pods.find((p) => svcKey(p.metadata.namespace, p.metadata.name) === e.podRef) : undefined;
  if (pod?.spec?.hostname && pod.spec.subdomain === svc.metadata.name) return pod.spec.hostname;
  return dashed(e.ip);
}

function uniqueByIP<T extends { ip: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.ip) ? false : (seen.add(e.ip), true)));
}

function rotate<T>(list: T[], rng?: () => number): T[] {
  if (!rng || list.length < 2) return list;
  const k = Math.floor(rng() * list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

function upstream(name: string, type: DnsType, ttl: number, depth = 0): DnsResult {
  const records = upstreamRecords(name);
  if (!records) return result(name, type, "NXDOMAIN", [], false);
  const cname = records.find((r) => r.type === "CNAME");
  if (cname && type !== "CNAME" && depth < 8) {
    const next = upstream(cname.data, type, ttl, depth + 1);
    return result(name, type, next.status, [{ name, type: "CNAME", ttl, data: cname.data }, ...next.answers], false);
  }
  const answers = records.filter((r) => r.type === type).map((r) => ({ name, type, ttl, data: r.data }));
  return result(name, type, "NOERROR", answers, false);
}

function reverse(state: NetState, name: string, type: DnsType, o: Required<Omit<DnsOptions, "rng">>): DnsResult {
  const ip = ipFromReverseName(name);
  if (!ip) return result(name, type, "NXDOMAIN", [], false);
  const zone = o.config.clusterDomain;
  const names: string[] = [];
  for (const svc of state.services) {
    if (svc.spec?.clusterIP === ip) names.push(`${svc.metadata.name}.${svc.metadata.namespace ?? "default"}.svc.${zone}.`);
  }
  if (names.length === 0) {
    for (const svc of state.services) {
      for (const e of uniqueByIP(serviceEndpoints(state, svc))) {
        if (e.ip === ip) names.push(`${endpointLabel(state, svc, e)}.${svc.metadata.name}.${svc.metadata.namespace ?? "default"}.svc.${zone}.`);
      }
    }
  }
  // not ours: `fallthrough in-addr.arpa` hands it to the upstream, which has no reverse zones here
  if (names.length === 0) return result(name, type, "NXDOMAIN", [], false);
  if (type !== "PTR") return result(name, type, "NOERROR", [], true);
  return result(name, type, "NOERROR", [...new Set(names)].sort().map((data) => ({ name, type, ttl: o.clusterTtl, data })), true);
}

function serviceAnswers(state: NetState, svc: Service, qname: string, type: DnsType, o: Required<Omit<DnsOptions, "rng">>, rng: (() => number) | undefined,
  filter: { endpoint?: string; port?: string; proto?: string }, depth: number): DnsResult {
  const ttl = o.clusterTtl;
  const zone = o.config.clusterDomain;
  const svcName = `${svc.metadata.name}.${svc.metadata.namespace ?? "default"}.svc.${zone}.`;
  if (serviceType(svc) === "ExternalName") {
    if (filter.endpoint || filter.port) return result(qname, type, "NXDOMAIN", [], true);
    const target = fq(svc.spec?.externalName ?? "");
    const cname: DnsAnswer = { name: qname, type: "CNAME", ttl, data: target };
    if (type === "CNAME" || depth > 4) return result(qname, type, "NOERROR", [cname], true);
    // the kubernetes plugin resolves the target itself (in-cluster or through the upstream)
    const next = query(state, target, type, o, rng, depth + 1);
    return result(qname, type, "NOERROR", [cname, ...next.answers], true);
  }
  const portMatches = (portName: string, protocol: string): boolean =>
    (!filter.port || filter.port === "*" || filter.port === portName) && (!filter.proto || filter.proto === "*" || filter.proto === protocol.toLowerCase());

  if (isHeadless(svc) || filter.endpoint) {
    let eps = serviceEndpoints(state, svc).filter((e) => portMatches(e.portName, e.protocol));
    if (filter.endpoint) eps = eps.filter((e) => endpointLabel(state, svc, e) === filter.endpoint);
    if (eps.length === 0) return result(qname, type, filter.endpoint || filter.port ? "NXDOMAIN" : "NOERROR", [], true);
    if (type === "A") {
      const answers = uniqueByIP(eps).sort((a, b) => compareIPs(a.ip, b.ip)).map((e) => ({ name: qname, type, ttl, data: e.ip }));
      return result(qname, type, "NOERROR", rotate(answers, rng), true);
    }
    if (type === "SRV") {
      const withNames = eps.filter((e) => !filter.port || e.portName !== "");
      const weight = Math.floor(100 / Math.max(1, withNames.length));
      const answers: DnsAnswer[] = [];
      const extra: DnsAnswer[] = [];
      for (const e of withNames) {
        const target = `${endpointLabel(state, svc, e)}.${svcName}`;
        answers.push({ name: qname, type, ttl, data: `0 ${weight} ${e.port} ${target}` });
        extra.push({ name: target, type: "A", ttl, data: e.ip });
      }
      return result(qname, type, "NOERROR", answers, true, uniqueAnswers(extra));
    }
    return result(qname, type, "NOERROR", [], true);
  }
  const clusterIP = svc.spec?.clusterIP;
  if (!clusterIP) return result(qname, type, "NOERROR", [], true);
  const ports = (svc.spec?.ports ?? []).filter((p) => portMatches(p.name ?? "", protocolOf(p.protocol)) && (!filter.port || (p.name ?? "") !== ""));
  if (filter.port && ports.length === 0) return result(qname, type, "NXDOMAIN", [], true);
  if (type === "A") return result(qname, type, "NOERROR", [{ name: qname, type, ttl, data: clusterIP }], true);
  if (type === "SRV") {
    const weight = Math.floor(100 / Math.max(1, ports.length));
    const answers = ports.map((p) => ({ name: qname, type, ttl, data: `0 ${weight} ${p.port} ${svcName}` }));
    return result(qname, type, "NOERROR", answers, true, [{ name: svcName, type: "A", ttl, data: clusterIP }]);
  }
  return result(qname, type, "NOERROR", [], true);
}

function uniqueAnswers(list: DnsAnswer[]): DnsAnswer[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const k = `${a.name}|${a.type}|${a.data}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function withDefaults(opts: DnsOptions): Required<Omit<DnsOptions, "rng">> {
  return { config: opts.config ?? DEFAULT_NET_CONFIG, clusterTtl: opts.clusterTtl ?? 5, upstreamTtl: opts.upstreamTtl ?? UPSTREAM_TTL };
}

function query(state: NetState, rawName: string, type: DnsType, o: Required<Omit<DnsOptions, "rng">>, rng: (() => number) | undefined, depth: number): DnsResult {
  const name = fq(rawName);
  if (!validName(name)) return result(name, type, "FORMERR", [], false);
  if (name.endsWith(".in-addr.arpa.")) return reverse(state, name, type, o);
  const zone = `${o.config.clusterDomain}.`;
  if (name !== zone && !name.endsWith(`.${zone}`)) return upstream(name, type, o.upstreamTtl);
  if (name === `dns-version.${zone}`) {
    return result(name, type, "NOERROR", type === "TXT" ? [{ name, type, ttl: o.clusterTtl, data: '"1.1.0"' }] : [], true);
  }
  const labels = name === zone ? [] : name.slice(0, -(zone.length + 1)).split(".");
  const kind = labels[labels.length - 1];
  if (labels.length === 0) return result(name, type, "NOERROR", [], true);
  if (kind === "svc") {
    const rest = labels.slice(0, -1);
    if (rest.length === 0) return result(name, type, "NOERROR", [], true);
    const ns = rest[rest.length - 1];
    if (rest.length === 1) return result(name, type, namespaceExists(state, ns) ? "NOERROR" : "NXDOMAIN", [], true);
    const svc = servicesIn(state, ns).find((s) => s.metadata.name === rest[rest.length - 2]);
    if (!svc) return result(name, type, "NXDOMAIN", [], true);
    if (rest.length === 2) return serviceAnswers(state, svc, name, type, o, rng, {}, depth);
    if (rest.length === 3) return serviceAnswers(state, svc, name, type, o, rng, { endpoint: rest[0] }, depth);
    if (rest.length === 4 && rest[0].startsWith("_") && rest[1].startsWith("_")) {
      return serviceAnswers(state, svc, name, type, o, rng, { port: rest[0].slice(1), proto: rest[1].slice(1) }, depth);
    }
    return result(name, type, "NXDOMAIN", [], true);
  }
  if (kind === "pod") {
    if (labels.length === 2) return result(name, type, namespaceExists(state, labels[0]) ? "NOERROR" : "NXDOMAIN", [], true);
    if (labels.length !== 3) return result(name, type, "NXDOMAIN", [], true);
    const ip = labels[0].replace(/-/g, ".");
    if (!isIPv4(ip)) return result(name, type, "NXDOMAIN", [], true);
    return result(name, type, "NOERROR", type === "A" ? [{ name, type, ttl: o.clusterTtl, data: ip }] : [], true);
  }
  return result(name, type, "NXDOMAIN", [], true);
}

/** one query sent straight to CoreDNS (like `dig @10.96.0.10 name`): the name is taken as absolute */
export function queryCoreDNS(state: NetState, name: string, type: DnsType, opts: DnsOptions = {}): DnsResult {
  return query(state, name, type, withDefaults(opts), opts.rng, 0);
}

export type DnsClient = { kind: "pod"; pod: Pod } | { kind: "node" } | { kind: "external" };

export interface ResolverConfig {
  nameserver: string;
  search: string[];
  ndots: number;
  /** false for nodes and outside hosts: their resolver does not reach CoreDNS */
  usesClusterDNS: boolean;
}

/** the /etc/resolv.conf kubelet writes for a pod (dnsPolicy ClusterFirst unless told otherwise) */
export function resolverFor(client: DnsClient, config: NetConfig = DEFAULT_NET_CONFIG): ResolverConfig {
  if (client.kind !== "pod") return { nameserver: "192.168.10.2", search: [], ndots: 1, usesClusterDNS: false };
  const spec = client.pod.spec;
  const policy = spec?.dnsPolicy ?? "ClusterFirst";
  const hostNet = spec?.hostNetwork === true;
  const extra = spec?.dnsConfig?.searches ?? [];
  const ndotsOpt = spec?.dnsConfig?.options?.find((o) => o.name === "ndots")?.value;
  const ndots = ndotsOpt && /^\d+$/.test(ndotsOpt) ? Number(ndotsOpt) : 5;
  if (policy === "Default" || (hostNet && policy === "ClusterFirst")) {
    return { nameserver: "192.168.10.2", search: extra, ndots: ndotsOpt ? ndots : 1, usesClusterDNS: false };
  }
  if (policy === "None") {
    const ns = spec?.dnsConfig?.nameservers?.[0] ?? config.dnsServiceIP;
    return { nameserver: ns, search: extra, ndots, usesClusterDNS: ns === config.dnsServiceIP };
  }
  const podNs = client.pod.metadata.namespace ?? "default";
  const d = config.clusterDomain;
  return { nameserver: config.dnsServiceIP, search: [`${podNs}.svc.${d}`, `svc.${d}`, d, ...extra], ndots, usesClusterDNS: true };
}

/** kubelet's /etc/hosts for a pod: localhost plus the pod's own IP under its (FQDN) hostname */
export function etcHosts(pod: Pod, config: NetConfig = DEFAULT_NET_CONFIG): Array<{ ip: string; names: string[] }> {
  const entries = [{ ip: "127.0.0.1", names: ["localhost"] }];
  const ip = podIP(pod);
  const hostname = pod.spec?.hostname ?? pod.metadata.name ?? "";
  if (ip && !pod.spec?.hostNetwork) {
    const names = pod.spec?.subdomain
      ? [`${hostname}.${pod.spec.subdomain}.${pod.metadata.namespace ?? "default"}.svc.${config.clusterDomain}`, hostname]
      : [hostname];
    entries.push({ ip, names });
  }
  for (const h of pod.spec?.hostAliases ?? []) if (h.ip) entries.push({ ip: h.ip, names: h.hostnames ?? [] });
  return entries;
}

export interface Resolution extends DnsResult {
  /** every name actually queried, in order */
  tried: Array<{ name: string; status: DnsStatus; answers: number }>;
  /** "hosts" when /etc/hosts answered, "dns" otherwise */
  source: "hosts" | "dns" | "literal";
}

/** what a client's resolver (getaddrinfo-like) answers for `name`: /etc/hosts, then search list */
export function resolveFrom(state: NetState, client: DnsClient, name: string, type: DnsType, opts: DnsOptions = {}): Resolution {
  const o = withDefaults(opts);
  const trimmed = name.trim();
  if (isIPv4(trimmed) && type === "A") {
    return { ...result(trimmed, type, "NOERROR", [{ name: trimmed, type, ttl: 0, data: trimmed }], false), tried: [], source: "literal" };
  }
  if (client.kind === "pod" && (type === "A" || type === "AAAA")) {
    const lower = trimmed.replace(/\.$/, "").toLowerCase();
    const hit = etcHosts(client.pod, o.config).find((h) => h.names.some((n) => n.toLowerCase() === lower));
    if (hit) {
      const answers = type === "A" ? [{ name: fq(trimmed), type, ttl: 0, data: hit.ip }] : [];
      return { ...result(fq(trimmed), type, "NOERROR", answers, false), tried: [], source: "hosts" };
    }
  }
  const rc = resolverFor(client, o.config);
  const absolute = trimmed.endsWith(".");
  const dots = (trimmed.replace(/\.$/, "").match(/\./g) ?? []).length;
  const base = fq(trimmed);
  const candidates = absolute ? [base] : dots >= rc.ndots
    ? [base, ...rc.search.map((s) => fq(`${trimmed}.${s}`))]
    : [...rc.search.map((s) => fq(`${trimmed}.${s}`)), base];
  const tried: Resolution["tried"] = [];
  let nodata: DnsResult | undefined;
  let last: DnsResult | undefined;
  for (const cand of candidates) {
    const r = rc.usesClusterDNS ? query(state, cand, type, o, opts.rng, 0) : upstreamOnly(cand, type, o);
    tried.push({ name: cand, status: r.status, answers: r.answers.length });
    last = r;
    if (r.status === "NOERROR" && r.answers.length > 0) return { ...r, tried, source: "dns" };
    if (r.status === "NOERROR") nodata ??= r;
    if (r.status === "FORMERR") break;
  }
  const final = nodata ?? last ?? result(base, type, "NXDOMAIN", [], false);
  return { ...final, tried, source: "dns" };
}

function upstreamOnly(name: string, type: DnsType, o: Required<Omit<DnsOptions, "rng">>): DnsResult {
  if (!validName(name)) return result(name, type, "FORMERR", [], false);
  return upstream(name, type, o.upstreamTtl);
}

/** the addresses a resolution ends in (following CNAMEs), in answer order */
export function addressesOf(r: DnsResult): string[] {
  return r.answers.filter((a) => a.type === "A").map((a) => a.data);
}
