// Address allocation as pure choices: the set already in use goes in, one address comes out.
// Dynamic picks hash the object's name into the upper band of the range (as upstream prefers the
// upper band for dynamic allocation), so the same cluster state always yields the same address.
import type { FieldCause } from "../api/resource";
import type { Node, Service } from "../api/kinds";
import { cidrContains, formatIPv4, parseCidr, parseIPv4 } from "./ip";
import { fnv1a } from "../util/hash";

export const SERVICE_CIDR = "10.96.0.0/12";
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
export const KUBE_DNS_SERVICE_IP = "10.96.0.10";
export const NODE_PORT_MIN = 30000;
const RESERVED_FOR: Record<string, string> = { [KUBERNETES_SERVICE_IP]: "default/kubernetes", [KUBE_DNS_SERVICE_IP]: "kube-system/kube-dns" };
export const NODE_PORT_MAX = 32767;

export type AllocResult<T> = { ok: true; value: T } | { ok: false; cause: FieldCause };

function invalid(field: string, valueText: string, detail: string): { ok: false; cause: FieldCause } {
  return { ok: false, cause: { reason: "FieldValueInvalid", field, message: `Invalid value: ${valueText}: ${detail}` } };
}

/** upstream reserves the lower band (size/16 clamped to [16,256]) for static picks */
function staticBandSize(size: number, cap: number): number {
  return Math.min(Math.max(16, Math.floor(size / 16)), cap);
}

/** every cluster IP held by the given services, plus the two the seed reserves */
export function usedClusterIPs(services: Service[]): Set<string> {
  const used = new Set<string>([KUBERNETES_SERVICE_IP, KUBE_DNS_SERVICE_IP]);
  for (const svc of services) {
    for (const ip of svc.spec?.clusterIPs ?? [svc.spec?.clusterIP]) if (ip && ip !== "None") used.add(ip);
  }
  return used;
}

export interface ClusterIPRequest {
  /** spec.clusterIP the user asked for, if any ("" or undefined = allocate) */
  requested?: string;
  /** "<ns>/<name>" of the Service; drives the deterministic pick */
  seed: string;
  serviceCIDR?: string;
}

export function allocateClusterIP(used: ReadonlySet<string>, req: ClusterIPRequest): AllocResult<string> {
  const cidr = parseCidr(req.serviceCIDR ?? SERVICE_CIDR);
  if (!cidr) throw new Error(`bad service CIDR ${req.serviceCIDR}`);
  const first = cidr.base + 1;
  const count = cidr.size - 2;
  if (req.requested) {
    const ip = parseIPv4(req.requested);
    const shown = `[]string{"${req.requested}"}`;
    if (ip === undefined) return invalid("spec.clusterIPs", shown, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    if (!cidrContains(cidr, ip) || ip < first || ip >= first + count) {
      return invalid("spec.clusterIPs", shown,
        `failed to allocate IP ${req.requested}: the provided IP (${req.requested}) is not in the valid range. The range of valid IPs is ${cidr.text}`);
    }
    if (used.has(req.requested)) {
      return invalid("spec.clusterIPs", shown, `failed to allocate IP ${req.requested}: provided IP is already allocated`);
    }
    return { ok: true, value: req.requested };
  }
  const band = staticBandSize(count, 256);
  const pick = (lo: number, n: number): string | undefined => {
    const start = fnv1a(req.seed) % n;
    for (let i = 0; i < n; i++) {
      const ip = formatIPv4(first + lo + ((start + i) % n));
      if (!used.has(ip)) return ip;
    }
    return undefined;
  };
  const ip = pick(band, count - band) ?? pick(0, band);
  if (!ip) return invalid("spec.clusterIPs", `[]string{}`, "failed to allocate a serviceIP: range is full");
  return { ok: true, value: ip };
}

export function usedNodePorts(services: Service[]): Set<number> {
  const used = new Set<number>();
  for (const svc of services) for (const p of svc.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

export interface NodePortRequest {
  requested?: number;
  seed: string;
  /** index of the port in spec.ports, for the field path */
  portIndex: number;
}

export function allocateNodePort(used: ReadonlySet<number>, req: NodePortRequest): AllocResult<number> {
  const field = `spec.ports[${req.portIndex}].nodePort`;
  if (req.requested) {
    if (req.requested < NODE_PORT_MIN || req.requested > NODE_PORT_MAX) {
      return invalid(field, String(req.requested),
        `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    }
    if (used.has(req.requested)) return invalid(field, String(req.requested), "provided port is already allocated");
    return { ok: true, value: req.requested };
  }
  const count = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const band = staticBandSize(count, 128);
  const pick = (lo: number, n: number): number | undefined => {
    const start = fnv1a(`${req.seed}#${req.portIndex}`) % n;
    for (let i = 0; i < n; i++) {
      const port = NODE_PORT_MIN + lo + ((start + i) % n);
      if (!used.has(port)) return port;
    }
    return undefined;
  };
  const port = pick(band, count - band) ?? pick(0, band);
  if (port === undefined) return invalid(field, "0", "failed to allocate a nodePort: range is full");
  return { ok: true, value: port };
}

export interface ServiceAddressResult {
  /** a copy of the Service with clusterIP(s) and nodePorts filled */
  service: Service;
  causes: FieldCause[];
}

/**
 * Fills spec.clusterIP/clusterIPs and nodePorts the way the API server's REST allocator does on
 * create (old undefined) or update (addresses of `old` are kept). `others` are all other Services.
 */
export function assignServiceAddresses(svc: Service, others: Service[], old?: Service, serviceCIDR = SERVICE_CIDR): ServiceAddressResult {
  const copy: Service = structuredClone(svc);
  const spec = (copy.spec ??= {});
  const type = spec.type ?? "ClusterIP";
  const causes: FieldCause[] = [];
  const seed = `${copy.metadata.namespace ?? "default"}/${copy.metadata.name ?? ""}`;

  if (type === "ExternalName") {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  } else if (spec.clusterIP !== "None") {
    const oldIP = old?.spec?.clusterIP && old.spec.clusterIP !== "None" ? old.spec.clusterIP : undefined;
    const requested = spec.clusterIP || spec.clusterIPs?.[0] || undefined;
    if (oldIP && (!requested || requested === oldIP)) {
      spec.clusterIP = oldIP;
    } else {
      const used = usedClusterIPs(others);
      // the two reserved addresses belong to the Services the cluster bootstraps with
      if (requested && RESERVED_FOR[requested] === seed && !others.some((o) => o.spec?.clusterIP === requested)) used.delete(requested);
      const r = allocateClusterIP(used, { requested, seed, serviceCIDR });
      if (r.ok) spec.clusterIP = r.value;
      else causes.push(r.cause);
    }
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  } else {
    spec.clusterIPs = ["None"];
  }

  const wantsNodePorts = type === "NodePort" || (type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);
  const used = usedNodePorts(others);
  (spec.ports ?? []).forEach((p, i) => {
    if (!wantsNodePorts) {
      if (type !== "LoadBalancer") delete p.nodePort;
      return;
    }
    const kept = old?.spec?.ports?.find((o) => o.port === p.port && (o.protocol ?? "TCP") === (p.protocol ?? "TCP"))?.nodePort;
    if (kept && (!p.nodePort || p.nodePort === kept)) {
      p.nodePort = kept;
      used.add(kept);
      return;
    }
    const r = allocateNodePort(used, { requested: p.nodePort, seed, portIndex: i });
    if (r.ok) {
      p.nodePort = r.value;
      used.add(r.value);
    } else causes.push(r.cause);
  });
  return { service: copy, causes };
}

/** the node's pod CIDR, from spec.podCIDR, or 10.244.<index>.0/24 when unset */
export function nodePodCIDR(node: Node, index: number): string {
  return node.spec?.podCIDR ?? `10.244.${index}.0/24`;
}

/**
 * Next pod IP on a node, as host-local IPAM hands them out: .1 is the bridge gateway, allocation
 * continues after the last reserved address and wraps, skipping addresses in use.
 */
export function allocatePodIP(podCIDR: string, used: ReadonlySet<string>, lastReserved?: string): string | undefined {
  const cidr = parseCidr(podCIDR);
  if (!cidr || cidr.size < 4) return undefined;
  const lo = cidr.base + 2;
  const hi = cidr.base + cidr.size - 2;
  const n = hi - lo + 1;
  const last = lastReserved ? parseIPv4(lastReserved) : undefined;
  const start = last !== undefined && last >= lo && last <= hi ? last + 1 - lo : 0;
  for (let i = 0; i < n; i++) {
    const ip = formatIPv4(lo + ((start + i) % n));
    if (!used.has(ip)) return ip;
  }
  return undefined;
}
