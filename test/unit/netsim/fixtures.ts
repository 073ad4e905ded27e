// A small cluster in the course's shapes: three nodes, nginx pods, a client pod, and services.
import type { ConfigMap, EndpointSlice, Node, Pod, Service } from "../../../src/api/kinds";
import type { NetState } from "../../../src/netsim";

export function node(name: string, ip: string, podCIDR: string): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name }, spec: { podCIDR },
    status: { addresses: [{ type: "InternalIP", address: ip }, { type: "Hostname", address: name }] } };
}

export function pod(ns: string, name: string, ip: string, nodeName: string, labels: Record<string, string>, extra: Partial<NonNullable<Pod["spec"]>> = {}): Pod {
  return {
    apiVersion: "v1", kind: "Pod", metadata: { namespace: ns, name, labels },
    spec: { nodeName, containers: [{ name: "c1", image: "nginx:1.15-alpine", ports: [{ containerPort: 80 }] }], ...extra },
    status: { phase: "Running", podIP: ip, podIPs: [{ ip }] },
  };
}

export function service(ns: string, name: string, spec: NonNullable<Service["spec"]>, lbIP?: string): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { namespace: ns, name }, spec,
    status: lbIP ? { loadBalancer: { ingress: [{ ip: lbIP }] } } : {} };
}

export interface SliceEndpoint {
  ip: string;
  node: string;
  pod: string;
  ready?: boolean;
  hostname?: string;
}

export function slice(ns: string, svc: string, ports: Array<{ name?: string; port: number; protocol?: "TCP" | "UDP" }>, eps: SliceEndpoint[]): EndpointSlice {
  return {
    apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", addressType: "IPv4",
    metadata: { namespace: ns, name: `${svc}-abcde`, labels: { "kubernetes.io/service-name": svc } },
    ports: ports.map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP" })),
    endpoints: eps.map((e) => ({
      addresses: [e.ip], nodeName: e.node, hostname: e.hostname,
      conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
      targetRef: { kind: "Pod", namespace: ns, name: e.pod },
    })),
  };
}

const webEps: SliceEndpoint[] = [
  { ip: "10.244.1.2", node: "worker01", pod: "web-1" },
  { ip: "10.244.2.2", node: "worker02", pod: "web-2" },
  { ip: "10.244.1.3", node: "worker01", pod: "web-3" },
];

export const NODES = [
  node("master01", "192.168.10.11", "10.244.0.0/24"),
  node("worker01", "192.168.10.12", "10.244.1.0/24"),
  node("worker02", "192.168.10.13", "10.244.2.0/24"),
];

/** the golden cluster: 2 services over 3 pods */
export function smallCluster(): NetState {
  return {
    nodes: NODES,
    pods: [
      pod("default", "web-1", "10.244.1.2", "worker01", { app: "nginx" }),
      pod("default", "web-2", "10.244.2.2", "worker02", { app: "nginx" }),
      pod("default", "web-3", "10.244.1.3", "worker01", { app: "nginx" }),
    ],
    services: [
      service("default", "nginx-svc", { type: "ClusterIP", clusterIP: "10.101.153.50", selector: { app: "nginx" },
        ports: [{ protocol: "TCP", port: 80, targetPort: 80 }] }),
      service("default", "nginx-metallb", { type: "LoadBalancer", clusterIP: "10.105.239.69", selector: { app: "nginx" },
        sessionAffinity: "ClientIP", sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ports: [{ name: "http", protocol: "TCP", port: 8090, targetPort: 80, nodePort: 31372 }] }, "192.168.10.90"),
    ],
    endpointSlices: [
      slice("default", "nginx-svc", [{ port: 80 }], webEps),
      slice("default", "nginx-metallb", [{ name: "http", port: 80 }], webEps),
    ],
    endpoints: [],
    configMaps: [],
  };
}

export const METALLB_CONFIG: ConfigMap = {
  apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "metallb-system", name: "config" },
  data: { config: "address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - 192.168.10.90-192.168.10.100\n" },
};

/** the small cluster plus what the DNS and routing tests need: kube-dns, a client, headless, ExternalName, ns1/ns2 */
export function richCluster(): NetState {
  const s = smallCluster();
  s.pods.push(
    pod("default", "bbp", "10.244.2.3", "worker02", { run: "bbp" }, { containers: [{ name: "bbp", image: "busybox:1.28" }] }),
    pod("kube-system", "coredns-1", "10.244.0.2", "master01", { "k8s-app": "kube-dns" }),
    pod("default", "web-0", "10.244.1.4", "worker01", { app: "sts" }, { hostname: "web-0", subdomain: "nginx" }),
    pod("ns1", "deploy-nginx-g5xl8", "10.244.1.5", "worker01", { app: "nginx" }),
    pod("ns2", "deploy-nginx-8psxl", "10.244.2.4", "worker02", { app: "nginx" }),
    pod("default", "lonely", "10.244.2.5", "worker02", { app: "lonely" }),
  );
  s.services.push(
    service("kube-system", "kube-dns", { type: "ClusterIP", clusterIP: "10.96.0.10", selector: { "k8s-app": "kube-dns" },
      ports: [{ name: "dns", protocol: "UDP", port: 53 }, { name: "dns-tcp", protocol: "TCP", port: 53 }, { name: "metrics", protocol: "TCP", port: 9153 }] }),
    service("default", "headless-service", { clusterIP: "None", selector: { app: "nginx" }, ports: [{ port: 80, targetPort: 80 }] }),
    service("default", "nginx", { clusterIP: "None", selector: { app: "sts" }, ports: [{ name: "web", port: 80 }] }),
    service("default", "my-externalname", { type: "ExternalName", externalName: "www.baidu.com" }),
    service("default", "empty-svc", { clusterIP: "10.110.0.7", selector: { app: "nothing" }, ports: [{ port: 80 }] }),
    service("ns1", "svc1", { clusterIP: "None", selector: { app: "nginx" }, ports: [{ port: 80 }] }),
    service("ns1", "external-svc1", { type: "ExternalName", externalName: "svc2.ns2.svc.cluster.local" }),
    service("ns2", "svc2", { clusterIP: "None", selector: { app: "nginx" }, ports: [{ port: 80 }] }),
  );
  s.endpointSlices.push(
    slice("kube-system", "kube-dns", [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }, { name: "metrics", port: 9153 }],
      [{ ip: "10.244.0.2", node: "master01", pod: "coredns-1" }]),
    slice("default", "headless-service", [{ port: 80 }], [
      { ip: "10.244.1.2", node: "worker01", pod: "web-1" },
      { ip: "10.244.2.2", node: "worker02", pod: "web-2" },
      { ip: "10.244.1.3", node: "worker01", pod: "web-3", ready: false },
    ]),
    slice("default", "nginx", [{ name: "web", port: 80 }], [{ ip: "10.244.1.4", node: "worker01", pod: "web-0", hostname: "web-0" }]),
    slice("default", "empty-svc", [{ port: 80 }], []),
    slice("ns1", "svc1", [{ port: 80 }], [{ ip: "10.244.1.5", node: "worker01", pod: "deploy-nginx-g5xl8" }]),
    slice("ns2", "svc2", [{ port: 80 }], [{ ip: "10.244.2.4", node: "worker02", pod: "deploy-nginx-8psxl" }]),
  );
  s.configMaps.push(METALLB_CONFIG);
  return s;
}

/** deterministic [0,1) source (mulberry32) */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** a source that replays fixed values, to force statistic decisions */
export function replay(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

export const NOW = Date.UTC(2024, 4, 17, 2, 58, 50);
