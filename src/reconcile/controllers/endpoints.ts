// Endpoints and EndpointSlice controllers: addresses of the pods a Service selects,
// ready ones as addresses, the rest as notReadyAddresses / ready:false, with named
// targetPorts resolved per pod.
import type { EndpointSlice, Endpoints, Pod, Service, ServicePort } from "../../api/kinds";
import type { Action, Reconciler } from "../types";
import { clone } from "../shared/clone";
import { sameContent } from "../shared/diff";
import { generateName } from "../shared/names";
import { newControllerRef } from "../shared/owners";
import { isPodReady, isTerminal } from "../shared/pods";
import { mapMatches } from "../shared/selectors";

const SLICES = "discovery.k8s.io/endpointslices";
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const MANAGED_BY = "endpointslice-controller.k8s.io";

interface ResolvedPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** podutil.FindPort: a numeric targetPort as is, a named one from the pod's container ports. */
export function resolveTargetPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === (sp.protocol ?? "TCP")) return p.containerPort;
  }
  return undefined;
}

interface PodEndpoint {
  pod: Pod;
  ready: boolean;
  ports: ResolvedPort[];
}

export function serviceEndpoints(svc: Service, pods: Pod[]): PodEndpoint[] {
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const out: PodEndpoint[] = [];
  for (const pod of pods) {
    if (!mapMatches(selector, pod.metadata.labels) || !pod.status?.podIP || isTerminal(pod)) continue;
    if (pod.metadata.deletionTimestamp && !svc.spec?.publishNotReadyAddresses) continue;
    const ports: ResolvedPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      const rp: ResolvedPort = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) rp.name = sp.name;
      if (sp.appProtocol) rp.appProtocol = sp.appProtocol;
      ports.push(rp);
    }
    out.push({ pod, ready: svc.spec?.publishNotReadyAddresses === true || isPodReady(pod), ports });
  }
  return out.sort((a, b) => (a.pod.status!.podIP! < b.pod.status!.podIP! ? -1 : 1));
}

function address(svc: Service, pod: Pod): Record<string, unknown> {
  const a: Record<string, unknown> = {
    ip: pod.status!.podIP,
    targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) a.nodeName = pod.spec.nodeName;
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) a.hostname = pod.spec.hostname;
  return a;
}

const portKey = (ports: ResolvedPort[]): string => JSON.stringify([...ports].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "")));

export const reconcileEndpoints: Reconciler = (ctx, key) => {
  const svc = ctx.view.get<Service>("/services", key.namespace, key.name);
  if (!svc || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") return { actions: [] };
  const eps = serviceEndpoints(svc, ctx.view.list<Pod>("/pods", key.namespace));
  const groups = new Map<string, { ports: ResolvedPort[]; addresses: unknown[]; notReadyAddresses: unknown[] }>();
  for (const ep of eps) {
    if (ep.ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    const k = portKey(ep.ports);
    const g = groups.get(k) ?? { ports: ep.ports, addresses: [], notReadyAddresses: [] };
    (ep.ready ? g.addresses : g.notReadyAddresses).push(address(svc, ep.pod));
    groups.set(k, g);
  }
  const subsets = [...groups.values()].map((g) => {
    const s: Record<string, unknown> = {};
    if (g.addresses.length) s.addresses = g.addresses;
    if (g.notReadyAddresses.length) s.notReadyAddresses = g.notReadyAddresses;
    if (g.ports.length) s.ports = g.ports;
    return s;
  });
  const existing = ctx.view.get<Endpoints>("/endpoints", key.namespace, key.name);
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  const desired: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels },
    subsets: subsets as Endpoints["subsets"],
  };
  if (!existing) return { actions: [{ type: "create", resource: "/endpoints", object: desired }] };
  if (sameContent(existing.subsets ?? [], desired.subsets ?? []) && sameContent(existing.metadata.labels ?? {}, labels)) return { actions: [] };
  const next = clone(existing);
  next.subsets = desired.subsets;
  next.metadata.labels = labels;
  return { actions: [{ type: "update", resource: "/endpoints", object: next }] };
};

export const reconcileEndpointSlices: Reconciler = (ctx, key) => {
  const svc = ctx.view.get<Service>("/services", key.namespace, key.name);
  const owned = ctx.view
    .list<EndpointSlice>(SLICES, key.namespace)
    .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === key.name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
  if (!svc || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === "ExternalName") return { actions: [] };
  const eps = serviceEndpoints(svc, ctx.view.list<Pod>("/pods", key.namespace));
  const groups = new Map<string, { ports: ResolvedPort[]; endpoints: unknown[] }>();
  for (const ep of eps) {
    const k = portKey(ep.ports);
    const g = groups.get(k) ?? { ports: ep.ports, endpoints: [] };
    const e: Record<string, unknown> = {
      addresses: [ep.pod.status!.podIP],
      conditions: { ready: ep.ready && !ep.pod.metadata.deletionTimestamp, serving: isPodReady(ep.pod), terminating: !!ep.pod.metadata.deletionTimestamp },
      targetRef: { kind: "Pod", namespace: ep.pod.metadata.namespace, name: ep.pod.metadata.name, uid: ep.pod.metadata.uid },
    };
    if (ep.pod.spec?.nodeName) e.nodeName = ep.pod.spec.nodeName;
    if (ep.pod.spec?.hostname && ep.pod.spec.subdomain === svc.metadata.name) e.hostname = ep.pod.spec.hostname;
    g.endpoints.push(e);
    groups.set(k, g);
  }
  if (groups.size === 0) groups.set(portKey([]), { ports: [], endpoints: [] });
  const actions: Action[] = [];
  const unused = [...owned];
  const taken = new Set(ctx.view.list<EndpointSlice>(SLICES, key.namespace).map((s) => s.metadata.name!));
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: svc.metadata.name!, [MANAGED_BY_LABEL]: MANAGED_BY };
  if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  for (const [k, g] of groups) {
    const ports = g.ports as EndpointSlice["ports"];
    const endpoints = g.endpoints as EndpointSlice["endpoints"];
    const i = unused.findIndex((s) => portKey((s.ports ?? []) as ResolvedPort[]) === k);
    const reuse = i >= 0 ? unused.splice(i, 1)[0] : unused.shift();
    if (reuse) {
      if (sameContent(reuse.endpoints, endpoints) && sameContent(reuse.ports ?? [], ports ?? []) && sameContent(reuse.metadata.labels, labels)) continue;
      const next = clone(reuse);
      next.endpoints = endpoints;
      next.ports = ports;
      next.metadata.labels = labels;
      actions.push({ type: "update", resource: SLICES, object: next });
      continue;
    }
    const prefix = `${svc.metadata.name}-`;
    const slice: EndpointSlice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: generateName(prefix, ctx.random, taken), generateName: prefix, namespace: svc.metadata.namespace, labels, ownerReferences: [newControllerRef(svc, "v1", "Service")] },
      addressType: "IPv4",
      endpoints,
      ports,
    };
    actions.push({ type: "create", resource: SLICES, object: slice });
  }
  for (const s of unused) actions.push({ type: "delete", resource: SLICES, namespace: s.metadata.namespace, name: s.metadata.name!, uid: s.metadata.uid });
  return { actions };
};
