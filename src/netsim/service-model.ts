// The view kube-proxy and CoreDNS take of Services and EndpointSlices: one entry per service port,
// with the endpoints that are ready for it. Endpoint slices are only read here, never written.
import type { EndpointSlice, Endpoints, Node, Pod, Service } from "../api/kinds";
import { compareIPs } from "./ip";
import { chainHash } from "./sha256";
import type { NetState, Protocol } from "./types";

export interface ModelEndpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  hostname?: string;
  /** "<ns>/<name>" of the pod behind the endpoint, when known */
  podRef?: string;
}

export interface ServicePortModel {
  namespace: string;
  name: string;
  /** ServicePortName.String(): "ns/name" or "ns/name:port" */
  portName: string;
  portNameField: string;
  protocol: Protocol;
  port: number;
  nodePort?: number;
  clusterIP?: string;
  loadBalancerIPs: string[];
  externalIPs: string[];
  type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  affinityTimeoutSeconds?: number;
  externalPolicyLocal: boolean;
  /** every endpoint of this port, sorted by IP; kube-proxy uses the ready ones */
  endpoints: ModelEndpoint[];
  svcChain: string;
  extChain: string;
}

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

export function svcKey(ns: string | undefined, name: string | undefined): string {
  return `${ns ?? "default"}/${name ?? ""}`;
}

export function protocolOf(p: string | undefined): Protocol {
  return p === "UDP" || p === "SCTP" ? p : "TCP";
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === "None";
}

export function serviceType(svc: Service): ServicePortModel["type"] {
  return svc.spec?.type ?? "ClusterIP";
}

export function endpointChainName(portName: string, protocol: Protocol, endpoint: string): string {
  return `KUBE-SEP-${chainHash(portName + protocol.toLowerCase() + endpoint)}`;
}

// Snapshots are treated as immutable, so indexes and models are computed once per NetState object.
const sliceIndex = new WeakMap<EndpointSlice[], Map<string, EndpointSlice[]>>();
const modelCache = new WeakMap<NetState, ServicePortModel[]>();

function slicesOf(state: NetState, svc: Service): EndpointSlice[] {
  let index = sliceIndex.get(state.endpointSlices);
  if (!index) {
    index = new Map();
    for (const s of state.endpointSlices) {
      const owner = s.metadata.labels?.[SERVICE_NAME_LABEL];
      if (!owner) continue;
      const key = svcKey(s.metadata.namespace, owner);
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    sliceIndex.set(state.endpointSlices, index);
  }
  return index.get(svcKey(svc.metadata.namespace, svc.metadata.name)) ?? [];
}

function endpointsObjectOf(state: NetState, svc: Service): Endpoints | undefined {
  const ns = svc.metadata.namespace ?? "default";
  return state.endpoints.find((e) => (e.metadata.namespace ?? "default") === ns && e.metadata.name === svc.metadata.name);
}

/** endpoints for one named service port, from slices, or from the Endpoints object if no slice exists */
export function endpointsForPort(state: NetState, svc: Service, portName: string, protocol: Protocol): ModelEndpoint[] {
  const out: ModelEndpoint[] = [];
  const slices = slicesOf(state, svc);
  if (slices.length > 0) {
    for (const slice of slices) {
      if (slice.addressType && slice.addressType !== "IPv4") continue;
      const sp = (slice.ports ?? []).find((p) => (p.name ?? "") === portName && protocolOf(p.protocol) === protocol);
      if (!sp || sp.port === undefined) continue;
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        if (!ip) continue;
        const ready = ep.conditions?.ready !== false;
        out.push({
          ip,
          port: sp.port,
          ready,
          serving: ep.conditions?.serving ?? ready,
          terminating: ep.conditions?.terminating ?? false,
          nodeName: ep.nodeName,
          hostname: ep.hostname,
          podRef: ep.targetRef?.kind === "Pod" ? svcKey(ep.targetRef.namespace, ep.targetRef.name) : undefined,
        });
      }
    }
  } else {
    for (const subset of endpointsObjectOf(state, svc)?.subsets ?? []) {
      const sp = (subset.ports ?? []).find((p) => (p.name ?? "") === portName && protocolOf(p.protocol) === protocol);
      if (!sp) continue;
      const add = (ready: boolean) => (a: { ip: string; nodeName?: string; hostname?: string; targetRef?: { kind?: string; namespace?: string; name?: string } }) =>
        out.push({
          ip: a.ip,
          port: sp.port,
          ready,
          serving: ready,
          terminating: false,
          nodeName: a.nodeName,
          hostname: a.hostname,
          podRef: a.targetRef?.kind === "Pod" ? svcKey(a.targetRef.namespace, a.targetRef.name) : undefined,
        });
      (subset.addresses ?? []).forEach(add(true));
      (subset.notReadyAddresses ?? []).forEach(add(false));
    }
  }
  const seen = new Set<string>();
  return out
    .filter((e) => {
      const k = `${e.ip}:${e.port}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => compareIPs(a.ip, b.ip) || a.port - b.port);
}

/** the endpoints kube-proxy programs: ready ones, else serving-and-terminating ones (upstream's fallback) */
export function usableEndpoints(port: ServicePortModel): ModelEndpoint[] {
  const ready = port.endpoints.filter((e) => e.ready);
  if (ready.length > 0) return ready;
  return port.endpoints.filter((e) => e.serving && e.terminating);
}

export function loadBalancerIPs(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => typeof ip === "string" && ip !== "");
}

/** every proxied service port (services with a cluster IP), sorted by port name for stable output */
export function servicePortModels(state: NetState): ServicePortModel[] {
  const cached = modelCache.get(state);
  if (cached) return cached;
  const out: ServicePortModel[] = [];
  for (const svc of state.services) {
    const type = serviceType(svc);
    const clusterIP = svc.spec?.clusterIP;
    if (type === "ExternalName" || !clusterIP || clusterIP === "None") continue;
    const ns = svc.metadata.namespace ?? "default";
    const name = svc.metadata.name ?? "";
    const affinity = svc.spec?.sessionAffinity === "ClientIP"
      ? svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800
      : undefined;
    for (const p of svc.spec?.ports ?? []) {
      const protocol = protocolOf(p.protocol);
      const portNameField = p.name ?? "";
      const portName = portNameField ? `${ns}/${name}:${portNameField}` : `${ns}/${name}`;
      const hash = chainHash(portName + protocol.toLowerCase());
      out.push({
        namespace: ns,
        name,
        portName,
        portNameField,
        protocol,
        port: p.port,
        nodePort: type === "NodePort" || type === "LoadBalancer" ? p.nodePort : undefined,
        clusterIP,
        loadBalancerIPs: type === "LoadBalancer" ? loadBalancerIPs(svc) : [],
        externalIPs: svc.spec?.externalIPs ?? [],
        type,
        affinityTimeoutSeconds: affinity,
        externalPolicyLocal: svc.spec?.externalTrafficPolicy === "Local",
        endpoints: endpointsForPort(state, svc, portNameField, protocol),
        svcChain: `KUBE-SVC-${hash}`,
        extChain: `KUBE-EXT-${hash}`,
      });
    }
  }
  out.sort((a, b) => (a.portName < b.portName ? -1 : a.portName > b.portName ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
  modelCache.set(state, out);
  return out;
}

export function nodeIPs(node: Node): string[] {
  return (node.status?.addresses ?? [])
    .filter((a) => a.type === "InternalIP" || a.type === "ExternalIP")
    .map((a) => a.address);
}

export function findNode(state: NetState, name: string): Node | undefined {
  return state.nodes.find((n) => n.metadata.name === name);
}

export function podKey(pod: Pod): string {
  return svcKey(pod.metadata.namespace, pod.metadata.name);
}

export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}
