// The glue between the stored cluster and the pure network simulation: builds the NetState snapshot,
// keeps the data plane's RouteState, reads each node's proxy mode from its kube-proxy process, answers
// the shell's network calls by routing through netsim and asking the target pod's process, allocates
// Service addresses on write, and runs the MetalLB-style LoadBalancer controller.
import type { ConfigMap, EndpointSlice, Endpoints, KubeObject, Namespace, Node, Pod, Service } from "../api/kinds";
import type { ResourceDef } from "../api/resource";
import { resourceByKey } from "../api/registry";
import { ApiError, invalid } from "../api/status";
import {
  addressesOf, allocateLoadBalancerIP, assignServiceAddresses, DEFAULT_NET_CONFIG, dnsDropped, emptyRouteState, icmpAllowed, layer2AnnouncingNode,
  metallbPools, nodeIpset, nodeIptables, nodeIpvs, queryCoreDNS, renderDig, renderNslookup, resolveFrom, resolverFor,
  routeRequest, servicePortModels, type DnsClient, type DnsOptions, type DnsResult, type DnsType, type NetState,
  type NetworkPolicy, type NodeProxyMode, type NodeTable, type ProxyModeByNode, type RouteResult, type RouteState, type TraceStep,
} from "../netsim";
import { endpointsForPort, loadBalancerIPs, nodeIPs, protocolOf, usableEndpoints } from "../netsim/service-model";
import { upstreamHasAddress } from "../netsim/dns-upstream";
import { fnv1a } from "../util/hash";
import { parseIPv4 } from "../netsim/ip";
import { acceptsTcp, answerHttp } from "../sim/kubelet";
import type { HttpAnswer, NetworkApi } from "../sim/shell/types";
import { KUBE_PROXY_LISTENER } from "../sim/processes/kube-proxy";
import { seededRng } from "../sim/random";
import type { ObjectStore } from "../store/object-store";
import type { WriteOptions } from "../store/types";
import type { Change } from "../store/types";
import { recordEvent } from "./events";
import type { KubeletHost } from "./kubelet-host";
import { nodeFacts } from "./node-shell";
import { nodeInterfaces, nodeListeners, nodeRoutes } from "../sim/node/host-system";
import type { SimStore } from "./sim-store";

export interface NetworkHostDeps {
  store: ObjectStore;
  sim: SimStore;
  kubelet: KubeletHost;
  now(): number;
  /** a netsim timer (the LoadBalancer controller) due at `due` */
  schedule(key: string, due: number): void;
}

export interface RequestAnswer {
  /** HTTP status of the simulated response; null when no server answered */
  status: number | null;
  body: string;
  headers: Record<string, string>;
  servedBy: { pod: string; namespace: string; podIP: string; node: string } | null;
  trace: TraceStep[];
  error?: string;
  message?: string;
}

export type DnsAnswerSet = DnsResult & { tried?: Array<{ name: string; status: string; answers: number }> };

const ROUTE_KEY = "netsim:route";
const DRAWS_KEY = "netsim:draws";
const MODES_KEY = "netsim:modes";
const LB_NOTED_KEY = "netsim:lb-noted";
const IPTABLES: NodeProxyMode = { mode: "iptables", scheduler: "", strictARP: false };
/** the host on the nodes' LAN the course curls NodePorts from */
const EXTERNAL_CLIENT = "192.168.10.254";

function upstreamPage(host: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${host}</title></head><body>${host} (simulated Internet host)</body></html>\n`;
}

type SnapshotKey = Exclude<keyof NetState, never>;

/** store resource → the NetState list it feeds */
const SNAPSHOT_OF: Record<string, SnapshotKey> = {
  "/nodes": "nodes",
  "/pods": "pods",
  "/services": "services",
  "discovery.k8s.io/endpointslices": "endpointSlices",
  "/endpoints": "endpoints",
  "/configmaps": "configMaps",
  "networking.k8s.io/networkpolicies": "networkPolicies",
  "/namespaces": "namespaces",
};
const CONFIG_NAMESPACES = new Set(["kube-system", "metallb-system"]);

interface Snapshot {
  rv: number;
  objects: Record<SnapshotKey, Map<string, KubeObject>>;
  lists: Partial<Record<SnapshotKey, KubeObject[]>>;
  state?: NetState;
}

export class NetworkHost {
  private snap: Snapshot | undefined;

  constructor(private readonly d: NetworkHostDeps) {}

  /** drop the snapshot (rebuilt on the next use) so an idle cluster holds little memory */
  release(): void {
    this.snap = undefined;
  }

  // ---- snapshot ----------------------------------------------------------------------------------

  /**
   * The cluster as the network sees it. Kept up to date from the change stream, and a list that did
   * not change keeps its identity, so netsim's per-snapshot caches (models, nat tables) survive
   * unrelated writes such as pod status updates.
   */
  state(): NetState {
    const rv = this.d.store.currentRv();
    // a wiped store starts its revisions again: rebuild from scratch
    if (!this.snap || rv < this.snap.rv) this.snap = this.load(rv);
    const snap = this.snap;
    if (snap.state) return snap.state;
    const list = <T extends KubeObject>(k: SnapshotKey): T[] => {
      let l = snap.lists[k];
      if (!l) snap.lists[k] = l = [...snap.objects[k].values()];
      return l as T[];
    };
    snap.state = {
      nodes: list<Node>("nodes"),
      pods: list<Pod>("pods"),
      services: list<Service>("services"),
      endpointSlices: list<EndpointSlice>("endpointSlices"),
      endpoints: list<Endpoints>("endpoints"),
      configMaps: list<ConfigMap>("configMaps"),
      networkPolicies: list<NetworkPolicy>("networkPolicies"),
      namespaces: list<Namespace>("namespaces"),
    };
    return snap.state;
  }

  private load(rv: number): Snapshot {
    const s = this.d.store;
    const byKey = (items: KubeObject[]) => new Map(items.map((o) => [`${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`, o]));
    return {
      rv,
      objects: {
        nodes: byKey(s.list("/nodes")),
        pods: byKey(s.list("/pods")),
        services: byKey(s.list("/services")),
        endpointSlices: byKey(s.list("discovery.k8s.io/endpointslices")),
        endpoints: byKey(s.list("/endpoints")),
        configMaps: byKey([...CONFIG_NAMESPACES].flatMap((ns) => s.list("/configmaps", ns))),
        networkPolicies: byKey(s.list("networking.k8s.io/networkpolicies")),
        namespaces: byKey(s.list("/namespaces")),
      },
      lists: {},
    };
  }

  private track(change: Change): void {
    const snap = this.snap;
    const k = SNAPSHOT_OF[change.resource];
    if (!snap || !k || change.rv <= snap.rv) return;
    snap.rv = change.rv;
    if (k === "configMaps" && !CONFIG_NAMESPACES.has(change.namespace)) return;
    const id = `${change.object.metadata.namespace ?? ""}/${change.object.metadata.name ?? ""}`;
    if (change.type === "DELETED") snap.objects[k].delete(id);
    else snap.objects[k].set(id, change.object);
    delete snap.lists[k];
    snap.state = undefined;
  }

  /** each node's proxy mode: what the kube-proxy process running there read when it started */
  proxyModes(state: NetState = this.state()): ProxyModeByNode {
    const known = this.d.sim.get<ProxyModeByNode>(MODES_KEY) ?? {};
    const modes: ProxyModeByNode = { ...known };
    let changed = false;
    for (const pod of state.pods) {
      const node = pod.spec?.nodeName;
      if (!node || !pod.spec?.hostNetwork || pod.metadata.deletionTimestamp) continue;
      const rec = this.d.kubelet.record(pod.metadata.uid ?? "");
      const l = rec ? Object.values(rec.state.listeners).find((x) => x.kind === KUBE_PROXY_LISTENER) : undefined;
      if (!l) continue;
      const m: NodeProxyMode = { mode: l.config.mode === "ipvs" ? "ipvs" : "iptables", scheduler: typeof l.config.scheduler === "string" ? l.config.scheduler : "", strictARP: l.config.strictARP === true };
      if (JSON.stringify(modes[node]) !== JSON.stringify(m)) {
        modes[node] = m;
        changed = true;
      }
    }
    // the rules a kube-proxy programmed outlive its pod until the next one replaces them
    if (changed) this.d.sim.put(MODES_KEY, modes);
    return modes;
  }

  private dnsOptions(state: NetState, rng?: () => number): Omit<DnsOptions, "config"> {
    const corefile = state.configMaps.find((c) => c.metadata.namespace === "kube-system" && c.metadata.name === "coredns")?.data?.Corefile ?? "";
    const ttl = /\bttl\s+(\d+)/.exec(corefile);
    return { clusterTtl: ttl ? Number(ttl[1]) : 5, ...(rng ? { rng } : {}) };
  }

  private nextRng(): () => number {
    const n = (this.d.sim.get<number>(DRAWS_KEY) ?? 0) + 1;
    this.d.sim.put(DRAWS_KEY, n);
    return seededRng(fnv1a(`netsim#${n}`));
  }

  /** kube-dns answers only while a CoreDNS endpoint is ready */
  private dnsUp(state: NetState): boolean {
    return servicePortModels(state).some((sp) => sp.namespace === "kube-system" && sp.name === "kube-dns" && sp.protocol === "UDP" && usableEndpoints(sp).length > 0);
  }

  /** the pod's queries get no answer: no CoreDNS endpoint is ready, or a NetworkPolicy drops them */
  private dnsSilent(state: NetState, pod: Pod): boolean {
    return !this.dnsUp(state) || dnsDropped(state, pod) !== undefined;
  }

  private podRecord(pod: Pod) {
    return this.d.kubelet.record(pod.metadata.uid ?? "");
  }

  private listens = (pod: Pod, port: number): boolean => {
    const rec = this.podRecord(pod);
    return rec ? acceptsTcp(rec.state, port) : false;
  };

  // ---- requests ----------------------------------------------------------------------------------

  /** one request through the simulated network; the answer of the pod kube-proxy picked */
  request(from: string, url: string, method = "GET", hostHeader?: string): RequestAnswer {
    const state = this.state();
    const now = this.d.now();
    const rng = this.nextRng();
    const routeState = this.d.sim.get<RouteState>(ROUTE_KEY) ?? emptyRouteState();
    let r: RouteResult;
    try {
      r = routeRequest({ from, url }, {
        state, proxyModeByNode: this.proxyModes(state), routeState, rng, now, config: DEFAULT_NET_CONFIG,
        dns: this.dnsOptions(state), listens: this.listens, externalClientIP: EXTERNAL_CLIENT,
      });
    } catch (e) {
      // bad input must come back as data; a bug in routing should not take the cluster's API down
      console.error("netsim routing failed", e);
      return { status: null, body: "", headers: {}, servedBy: null, trace: [{ kind: "error", detail: "internal routing error" }], error: "timeout", message: "request timed out" };
    }
    this.d.sim.put(ROUTE_KEY, r.routeState);
    const failed = (error: string, message: string): RequestAnswer => ({ status: null, body: "", headers: {}, servedBy: null, trace: r.trace, error, message });
    if (!r.ok) return failed(r.error ?? "timeout", r.message ?? "");
    if (r.external) {
      return { status: 200, body: upstreamPage(r.external.host), headers: { "Content-Type": "text/html" }, servedBy: null, trace: r.trace };
    }
    const t = r.target;
    if (!t) return failed("timeout", "no target");
    const pod = this.d.store.get<Pod>("/pods", t.namespace, t.pod);
    const rec = pod ? this.podRecord(pod) : undefined;
    if (!pod || !rec) return failed("connection refused", `connection refused by ${t.podIP}:${t.port}`);
    const path = r.url?.path ?? "/";
    const input = this.d.kubelet.execInput(pod, rec);
    const out = answerHttp(rec.state, input, t.port, path, { clientIP: t.sourceIP, host: hostHeader ?? r.url?.host, userAgent: "curl/7.88.1" });
    this.d.kubelet.saveAfterExec(pod, rec, out.state, out.volumes);
    const servedBy = { pod: t.pod, namespace: t.namespace, podIP: t.podIP, node: t.node };
    if (!out.answer.ok) {
      const err = out.answer.error === "refused" ? "connection refused" : out.answer.error === "reset" ? "connection reset" : "timeout";
      return { ...failed(err, `${err} by ${t.podIP}:${t.port}`), servedBy };
    }
    const body = method === "HEAD" ? "" : out.answer.body;
    return { status: out.answer.status, body, headers: out.answer.headers, servedBy, trace: r.trace };
  }

  /** a TCP handshake only: routed like a request, no HTTP exchanged */
  connects(from: string, ip: string, port: number): boolean {
    return this.connectResult(from, ip, port) === "open";
  }

  connectResult(from: string, ip: string, port: number): "open" | "refused" | "timeout" {
    const state = this.state();
    const routeState = this.d.sim.get<RouteState>(ROUTE_KEY) ?? emptyRouteState();
    const r = routeRequest({ from, url: `http://${ip}:${port}/` }, {
      state, proxyModeByNode: this.proxyModes(state), routeState, rng: this.nextRng(), now: this.d.now(), config: DEFAULT_NET_CONFIG,
      dns: this.dnsOptions(state), listens: this.listens, externalClientIP: EXTERNAL_CLIENT,
    });
    this.d.sim.put(ROUTE_KEY, r.routeState);
    if (r.ok) return "open";
    return r.error === "connection refused" ? "refused" : "timeout";
  }

  private answerOf(a: RequestAnswer): HttpAnswer {
    if (a.status !== null) return { ok: true, status: a.status, body: a.body, headers: a.headers };
    return { ok: false, error: a.error === "connection refused" ? "refused" : a.error === "connection reset" ? "reset" : "timeout" };
  }

  // ---- DNS ---------------------------------------------------------------------------------------

  private clientOf(state: NetState, from: string | undefined): DnsClient | string {
    if (!from || from === "external") return { kind: "external" };
    const parts = from.split("/");
    if (parts[0] === "pod" && parts.length === 3) {
      const pod = state.pods.find((p) => (p.metadata.namespace ?? "default") === parts[1] && p.metadata.name === parts[2]);
      return pod ? { kind: "pod", pod } : `pod "${parts[2]}" not found in namespace "${parts[1]}"`;
    }
    if (parts[0] === "node" && parts.length === 2) {
      return state.nodes.some((n) => n.metadata.name === parts[1]) ? { kind: "node" } : `node "${parts[1]}" not found`;
    }
    return `unknown client "${from}" (expected pod/<ns>/<name>, node/<name> or external)`;
  }

  /**
   * A DNS question: without `from`, straight to CoreDNS (the name is taken as absolute); with a
   * pod, through that pod's resolver (hosts file, search path, ndots).
   */
  dns(name: string, type: DnsType, from?: string): DnsAnswerSet | { error: string; message: string } {
    const state = this.state();
    const rng = this.nextRng();
    if (!from) return queryCoreDNS(state, name.endsWith(".") ? name : `${name}.`, type, { ...this.dnsOptions(state, rng), config: DEFAULT_NET_CONFIG });
    const client = this.clientOf(state, from);
    if (typeof client === "string") return { error: "unknown client", message: client };
    return resolveFrom(state, client, name, type, { ...this.dnsOptions(state, rng), config: DEFAULT_NET_CONFIG });
  }

  digText(r: DnsResult, server = DEFAULT_NET_CONFIG.dnsServiceIP): string {
    return renderDig(r, { server, now: this.d.now() });
  }

  // ---- the shell's network -----------------------------------------------------------------------

  /** what curl, wget, nslookup, dig, ping and nc in `pod` reach */
  api(pod: Pod): NetworkApi {
    const from = `pod/${pod.metadata.namespace ?? "default"}/${pod.metadata.name ?? ""}`;
    return {
      resolve: (name) => {
        const state = this.state();
        const client: DnsClient = { kind: "pod", pod: this.freshPod(state, pod) };
        const r = resolveFrom(state, client, name, "A", { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG });
        if (r.source === "dns" && resolverFor(client).usesClusterDNS && this.dnsSilent(state, client.pod)) return { error: "timeout" };
        const ips = addressesOf(r);
        return ips.length ? { ips } : { error: r.status };
      },
      http: (method, ip, port, path, host) => this.answerOf(this.request(from, `http://${ip}:${port}${path.startsWith("/") ? path : `/${path}`}`, method, host)),
      tcp: (ip, port) => this.connects(from, ip, port),
      connect: (ip, port) => this.connectResult(from, ip, port),
      nslookup: (name) => {
        const state = this.state();
        const client: DnsClient = { kind: "pod", pod: this.freshPod(state, pod) };
        if (resolverFor(client).usesClusterDNS && this.dnsSilent(state, client.pod)) {
          return { stdout: "", stderr: `nslookup: can't resolve '${name}'\n;; connection timed out; no servers could be reached\n`, exitCode: 1 };
        }
        return renderNslookup(state, client, name, { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG });
      },
      dig: (q) => {
        const state = this.state();
        const client: DnsClient = { kind: "pod", pod: this.freshPod(state, pod) };
        const server = q.server ?? resolverFor(client).nameserver;
        if (server === DEFAULT_NET_CONFIG.dnsServiceIP && this.dnsSilent(state, client.pod)) {
          return { stdout: `\n; <<>> DiG 9.11.4-P2-RedHat-9.11.4-26.P2.el7_9.16 <<>> ${q.commandLine}\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n`, exitCode: 9 };
        }
        const type = (["A", "AAAA", "SRV", "PTR", "CNAME", "TXT"].includes(q.type) ? q.type : "A") as DnsType;
        const name = q.name.endsWith(".") ? q.name : `${q.name}.`;
        const r = queryCoreDNS(state, name, type, { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG });
        if (q.short) return { stdout: r.answers.map((a) => `${a.data}\n`).join(""), exitCode: 0 };
        return { stdout: renderDig(r, { server, now: this.d.now(), commandLine: q.commandLine }), exitCode: 0 };
      },
      ping: (ip) => this.ping(pod, ip),
      ...(pod.spec?.hostNetwork && pod.spec.nodeName ? this.hostOf(pod.spec.nodeName) : {}),
    };
  }

  /** what a pod on the host's network sees of its node */
  private hostOf(node: string): Pick<NetworkApi, "kernelTables" | "host"> {
    return {
      kernelTables: (kind) => this.tableText(node, kind),
      host: () => {
        const machine = nodeFacts({ store: this.d.store, sim: this.d.sim, network: this, kubelet: this.d.kubelet, now: this.d.now }, node);
        if (!machine) return { interfaces: [], routes: [], listeners: [] };
        return { interfaces: nodeInterfaces(machine.facts), routes: nodeRoutes(machine.facts), listeners: nodeListeners(machine.facts) };
      },
    };
  }

  private tableText(node: string, kind: "iptables" | "ipvs" | "ipset"): string {
    const t = this.table(node, kind);
    return t.ok ? t.text : "";
  }

  /** what curl, wget, nslookup, dig and ping on node `node` reach: the node's resolver is the LAN's, not CoreDNS */
  nodeApi(node: string): NetworkApi {
    const from = `node/${node}`;
    const client: DnsClient = { kind: "node" };
    return {
      resolve: (name) => {
        const state = this.state();
        const r = resolveFrom(state, client, name, "A", { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG });
        const ips = addressesOf(r);
        return ips.length ? { ips } : { error: r.status };
      },
      http: (method, ip, port, path, host) => this.answerOf(this.request(from, `http://${ip}:${port}${path.startsWith("/") ? path : `/${path}`}`, method, host)),
      tcp: (ip, port) => this.connects(from, ip, port),
      connect: (ip, port) => this.connectResult(from, ip, port),
      // bind-utils' nslookup, as CentOS ships it (not busybox's)
      nslookup: (name, server) => {
        const state = this.state();
        const via = server ?? resolverFor(client).nameserver;
        if (via === DEFAULT_NET_CONFIG.dnsServiceIP && !this.dnsUp(state)) {
          return { stdout: ";; connection timed out; no servers could be reached\n\n", stderr: "", exitCode: 1 };
        }
        const fqdn = name.endsWith(".") ? name : `${name}.`;
        const opts = { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG };
        const r = via === DEFAULT_NET_CONFIG.dnsServiceIP ? queryCoreDNS(state, fqdn, "A", opts) : resolveFrom(state, client, fqdn, "A", opts);
        const head = `Server:\t\t${via}\nAddress:\t${via}#53\n\n`;
        const addrs = addressesOf(r);
        if (!addrs.length) return { stdout: `${head}** server can't find ${name.replace(/\.$/, "")}: ${r.status === "NOERROR" ? "NXDOMAIN" : r.status}\n\n`, stderr: "", exitCode: 1 };
        const shown = name.replace(/\.$/, "");
        return { stdout: `${head}${via === DEFAULT_NET_CONFIG.dnsServiceIP ? "" : "Non-authoritative answer:\n"}${addrs.map((ip) => `Name:\t${shown}\nAddress: ${ip}\n`).join("")}\n`, stderr: "", exitCode: 0 };
      },
      dig: (q) => {
        const state = this.state();
        const server = q.server ?? resolverFor(client).nameserver;
        if (server === DEFAULT_NET_CONFIG.dnsServiceIP && !this.dnsUp(state)) {
          return { stdout: `\n; <<>> DiG 9.11.4-P2-RedHat-9.11.4-26.P2.el7_9.16 <<>> ${q.commandLine}\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n`, exitCode: 9 };
        }
        const type = (["A", "AAAA", "SRV", "PTR", "CNAME", "TXT"].includes(q.type) ? q.type : "A") as DnsType;
        const name = q.name.endsWith(".") ? q.name : `${q.name}.`;
        // the LAN's resolver knows the Internet's names only; CoreDNS answers when asked directly
        const r = server === DEFAULT_NET_CONFIG.dnsServiceIP
          ? queryCoreDNS(state, name, type, { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG })
          : resolveFrom(state, client, name, type, { ...this.dnsOptions(state, this.nextRng()), config: DEFAULT_NET_CONFIG });
        if (q.short) return { stdout: r.answers.map((a) => `${a.data}\n`).join(""), exitCode: 0 };
        return { stdout: renderDig(r, { server, now: this.d.now(), commandLine: q.commandLine }), exitCode: 0 };
      },
      ping: (ip) => this.pingFromNode(node, ip),
    };
  }

  private pingFromNode(node: string, ip: string): { ok: true; ttl: number; rttMs: number } | { ok: false } {
    const state = this.state();
    const self = state.nodes.find((n) => n.metadata.name === node);
    if (self && nodeIPs(self).includes(ip)) return { ok: true, ttl: 64, rttMs: 0.031 };
    const target = state.pods.find((p) => !p.spec?.hostNetwork && p.status?.podIP === ip && p.status?.phase === "Running");
    if (target && target.spec?.nodeName !== node && !icmpAllowed(state, { ip: (self ? nodeIPs(self)[0] : undefined) ?? "" }, ip)) return { ok: false };
    if (target) return { ok: true, ttl: 64, rttMs: target.spec?.nodeName === node ? 0.058 : 0.342 };
    const other = state.nodes.find((n) => nodeIPs(n).includes(ip));
    if (other) return { ok: true, ttl: 64, rttMs: 0.412 };
    const mode = this.proxyModes(state)[node] ?? IPTABLES;
    const isServiceIP = servicePortModels(state).some((sp) => sp.clusterIP === ip || sp.loadBalancerIPs.includes(ip));
    if (isServiceIP && mode.mode === "ipvs") return { ok: true, ttl: 64, rttMs: 0.045 };
    if (upstreamHasAddress(ip)) return { ok: true, ttl: 128, rttMs: 27.9 };
    if (ip === "127.0.0.1") return { ok: true, ttl: 64, rttMs: 0.029 };
    return { ok: false };
  }

  /** the cluster as a node's shell sees it: its kube-proxy mode and the addresses kube-ipvs0 holds */
  nodeView(node: string): { mode: "iptables" | "ipvs"; serviceIPs: string[] } {
    const state = this.state();
    const mode = (this.proxyModes(state)[node] ?? IPTABLES).mode;
    const ips = new Set<string>();
    for (const sp of servicePortModels(state)) {
      if (sp.clusterIP && sp.clusterIP !== "None") ips.add(sp.clusterIP);
      for (const lb of sp.loadBalancerIPs) ips.add(lb);
    }
    return { mode: mode === "ipvs" ? "ipvs" : "iptables", serviceIPs: [...ips].sort((a, b) => (parseIPv4(a) ?? 0) - (parseIPv4(b) ?? 0)) };
  }

  /** the stored pod (with its IP) rather than the copy the kubelet started from */
  private freshPod(state: NetState, pod: Pod): Pod {
    return state.pods.find((p) => p.metadata.uid === pod.metadata.uid) ?? pod;
  }

  private ping(client: Pod, ip: string): { ok: true; ttl: number; rttMs: number } | { ok: false } {
    const state = this.state();
    const fromNode = client.spec?.nodeName;
    const target = state.pods.find((p) => !p.spec?.hostNetwork && p.status?.podIP === ip && p.status?.phase === "Running");
    const self = this.freshPod(state, client);
    // a host-network pod's echo to a pod of its own node leaves through OUTPUT, where Calico applies no policy
    const hostLocal = self.spec?.hostNetwork === true && target?.spec?.nodeName === fromNode;
    if (ip !== "127.0.0.1" && ip !== self.status?.podIP && !hostLocal && !icmpAllowed(state, { ip: self.status?.podIP ?? "", pod: self }, ip)) return { ok: false };
    if (target) {
      const same = target.spec?.nodeName === fromNode;
      return { ok: true, ttl: same ? 64 : 63, rttMs: same ? 0.061 : 0.181 };
    }
    const node = state.nodes.find((n) => nodeIPs(n).includes(ip));
    if (node) return { ok: true, ttl: 64, rttMs: node.metadata.name === fromNode ? 0.048 : 0.412 };
    // in ipvs mode service addresses sit on kube-ipvs0 of every node, so the local node answers
    const mode = fromNode ? this.proxyModes(state)[fromNode] ?? IPTABLES : IPTABLES;
    const isServiceIP = servicePortModels(state).some((sp) => sp.clusterIP === ip || sp.loadBalancerIPs.includes(ip));
    if (isServiceIP && mode.mode === "ipvs") return { ok: true, ttl: 64, rttMs: 0.052 };
    if (upstreamHasAddress(ip)) return { ok: true, ttl: 52, rttMs: 28.4 };
    if (ip === "127.0.0.1" || ip === client.status?.podIP) return { ok: true, ttl: 64, rttMs: 0.035 };
    return { ok: false };
  }

  // ---- kube-proxy tables -------------------------------------------------------------------------

  table(node: string, kind: "iptables" | "ipvs" | "ipset"): NodeTable<unknown> {
    const state = this.state();
    const modes = this.proxyModes(state);
    const now = this.d.now();
    if (kind === "iptables") return nodeIptables(state, node, modes, now, DEFAULT_NET_CONFIG);
    if (kind === "ipvs") return nodeIpvs(state, node, modes, this.d.sim.get<RouteState>(ROUTE_KEY) ?? emptyRouteState(), now);
    return nodeIpset(state, node, modes);
  }

  // ---- Service addresses (admission) -------------------------------------------------------------

  /** allocates clusterIP and nodePorts on Service writes, or refuses them with a 422 */
  admit(def: ResourceDef, obj: KubeObject, old: KubeObject | undefined, opts: WriteOptions): KubeObject {
    if (def.group !== "" || def.plural !== "services" || opts.subresource === "status") return obj;
    const svc = obj as Service;
    const self = `${svc.metadata.namespace ?? "default"}/${svc.metadata.name ?? ""}`;
    const others = this.d.store.list<Service>("/services").filter((s) => `${s.metadata.namespace ?? "default"}/${s.metadata.name ?? ""}` !== self);
    const { service, causes } = assignServiceAddresses(svc, others, old as Service | undefined);
    if (causes.length) throw invalid(def.group, def.kind, svc.metadata.name ?? "", causes);
    return service as KubeObject;
  }

  // ---- MetalLB -----------------------------------------------------------------------------------

  onChange(change: Change): void {
    this.track(change);
    if (change.resource === "/services") {
      const svc = change.object as Service;
      const old = change.old as Service | undefined;
      if (svc.spec?.type === "LoadBalancer" || old?.spec?.type === "LoadBalancer" || loadBalancerIPs(svc).length > 0) this.d.schedule("lb", this.d.now());
    } else if (change.resource === "/configmaps" && change.namespace === "metallb-system") {
      this.d.schedule("lb", this.d.now());
    }
  }

  runTimer(key: string): void {
    if (key === "lb") this.reconcileLoadBalancers();
  }

  /** MetalLB v0.12's controller and speakers: pick an address from the pools, announce it from one node */
  reconcileLoadBalancers(): void {
    const def = resourceByKey("/services");
    if (!def) return;
    const configMaps = this.d.store.list<ConfigMap>("/configmaps", "metallb-system");
    const pools = metallbPools(configMaps);
    const services = this.d.store.list<Service>("/services");
    const noted = this.d.sim.get<Record<string, string>>(LB_NOTED_KEY) ?? {};
    const now = this.d.now();
    const nodes = this.d.store.list<Node>("/nodes").map((n) => n.metadata.name ?? "").filter((n) => n !== "");
    for (let i = 0; i < services.length; i++) {
      const svc = services[i];
      const current = loadBalancerIPs(svc);
      const isLB = svc.spec?.type === "LoadBalancer" && !svc.spec?.loadBalancerClass;
      const inPool = (ip: string) => pools.some((p) => p.ranges.some((r) => { const n = parseIPv4(ip); return n !== undefined && n >= r.from && n <= r.to; }));
      if (isLB && current.length > 0 && current.every(inPool)) continue;
      if (!isLB || current.length > 0) {
        if (current.length === 0) continue;
        services[i] = this.writeIngress(def, svc, []) ?? svc;
        if (!isLB) continue;
      }
      const pick = allocateLoadBalancerIP(configMaps, services, services[i]);
      const uid = svc.metadata.uid ?? "";
      if (!pick.ok) {
        if (pools.length > 0 && noted[uid] !== pick.reason) {
          noted[uid] = pick.reason;
          recordEvent(this.d.store, { involved: svc, type: "Warning", reason: "AllocationFailed", message: `Failed to allocate IP for "${svc.metadata.namespace}/${svc.metadata.name}": ${pick.reason}`, component: "metallb-controller" }, now);
        }
        continue;
      }
      delete noted[uid];
      const updated = this.writeIngress(def, services[i], [pick.ip]);
      if (!updated) continue;
      services[i] = updated;
      recordEvent(this.d.store, { involved: updated, type: "Normal", reason: "IPAllocated", message: `Assigned IP ["${pick.ip}"]`, component: "metallb-controller" }, now);
      const speaker = layer2AnnouncingNode(nodes, pick.ip);
      if (speaker) recordEvent(this.d.store, { involved: updated, type: "Normal", reason: "nodeAssigned", message: `announcing from node "${speaker}"`, component: "metallb-speaker" }, now);
    }
    this.d.sim.put(LB_NOTED_KEY, noted);
  }

  private writeIngress(def: ResourceDef, svc: Service, ips: string[]): Service | undefined {
    const status = { ...(svc.status ?? {}), loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip, ipMode: "VIP" })) } : {} };
    try {
      return this.d.store.update(def, { ...svc, status } as KubeObject, { subresource: "status", system: true }).object as Service;
    } catch (e) {
      if (e instanceof ApiError) return undefined;
      throw e;
    }
  }

  // ---- services/<name>:<port>/proxy --------------------------------------------------------------

  /** the API server's service proxy: one ready endpoint of the port, reached from the control plane */
  serviceProxy(namespace: string, nameAndPort: string, subpath: string, query: string, method: string): { status: number; body: string; headers: Record<string, string> } {
    const parts = nameAndPort.split(":");
    // [scheme:]name[:port]
    const [scheme, name, portRef] = parts.length === 3 ? parts : ["", parts[0], parts[1] ?? ""];
    const state = this.state();
    const svc = state.services.find((s) => (s.metadata.namespace ?? "default") === namespace && s.metadata.name === name);
    const status = (code: number, reason: string, message: string) => ({
      status: code,
      body: JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(code === 404 ? { details: { name, kind: "services" } } : {}), code }),
      headers: { "Content-Type": "application/json" },
    });
    if (!svc) return status(404, "NotFound", `services "${name}" not found`);
    if (scheme && scheme !== "http" && scheme !== "https") return status(400, "BadRequest", `unsupported scheme "${scheme}"`);
    const ports = svc.spec?.ports ?? [];
    const port = portRef === "" ? ports[0] : ports.find((p) => p.name === portRef || String(p.port) === portRef);
    if (!port) return status(503, "ServiceUnavailable", `no endpoints available for service "${name}"`);
    const eps = endpointsForPort(state, svc, port.name ?? "", protocolOf(port.protocol)).filter((e) => e.ready);
    if (eps.length === 0) return status(503, "ServiceUnavailable", `no endpoints available for service "${name}"`);
    const ep = eps[Math.floor(this.nextRng()() * eps.length)];
    const controlPlane = state.nodes.find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) ?? state.nodes[0];
    const path = `/${subpath}${query ? `?${query}` : ""}`;
    const a = this.request(`node/${controlPlane?.metadata.name ?? ""}`, `http://${ep.ip}:${ep.port}${path}`, method);
    if (a.status === null) {
      const why = a.error === "connection refused" ? "connect: connection refused" : "i/o timeout";
      return status(503, "ServiceUnavailable", `error trying to reach service: dial tcp ${ep.ip}:${ep.port}: ${why}`);
    }
    return { status: a.status, body: a.body, headers: a.headers };
  }

}

