// What a node's shell sees of its machine, computed from the cluster: a kubeadm node on the course's LAN
// running Calico in IPIP mode (tunl0, a cali* veth per local pod), Docker's idle bridge, kube-ipvs0 in
// ipvs mode, and the daemons a control-plane or worker node listens with.
import { fnv1a } from "../../util/hash";
import type { NetInterface, NetListener, NetRoute, NetworkApi, SystemHooks } from "../shell/types";
import type { ResolvedImage } from "../images/catalog";
import { resolveImage } from "../images/catalog";
import type { RuntimeView } from "./runtime-view";

export interface NodeFacts {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
  proxyMode: "iptables" | "ipvs";
  /** cluster and load-balancer IPs, which kube-ipvs0 holds in ipvs mode */
  serviceIPs: string[];
  peers: Array<{ name: string; ip: string; podCIDR: string }>;
  localPods: Array<{ namespace: string; name: string; ip: string }>;
  tables(kind: "iptables" | "ipvs" | "ipset"): string;
  network: NetworkApi;
  /** containerd's view of the node, built when crictl asks */
  runtime(): RuntimeView;
  /** when the node registered, which stands for when it booted */
  bootedAt: number;
}

const hex = (seed: string, length: number): string => {
  let out = "";
  for (let i = 0; out.length < length; i++) out += fnv1a(`${seed}#${i}`).toString(16).padStart(8, "0");
  return out.slice(0, length);
};

const mac = (prefix: string, seed: string): string => `${prefix}:${hex(seed, 6).match(/../g)?.join(":") ?? ""}`;

/** Calico names a workload's host-side veth "cali" + 11 hex digits of a hash of the workload */
export function caliName(namespace: string, pod: string): string {
  return `cali${hex(`${namespace}.${pod}`, 11)}`;
}

function network(cidr: string): { base: string; prefix: number } {
  const [base, prefix] = cidr.split("/");
  return { base, prefix: Number(prefix) };
}

const stats = (seed: string, scale: number) => {
  const n = fnv1a(seed);
  return { rxPackets: (n % 900_000) * scale + 1200, rxBytes: (n % 900_000) * scale * 830 + 98_000, txPackets: ((n >>> 3) % 700_000) * scale + 900, txBytes: ((n >>> 3) % 700_000) * scale * 610 + 71_000 };
};

export function nodeInterfaces(f: NodeFacts): NetInterface[] {
  const lanBroadcast = `${f.ip.split(".").slice(0, 3).join(".")}.255`;
  const list: NetInterface[] = [
    { index: 1, name: "lo", kind: "loopback", flags: ["UP", "LOOPBACK", "RUNNING"], mtu: 65536, addrs: [{ ip: "127.0.0.1", prefix: 8 }], stats: stats(`${f.name}/lo`, 1) },
    { index: 2, name: "ens33", kind: "ether", flags: ["UP", "BROADCAST", "RUNNING", "MULTICAST"], mtu: 1500, mac: mac("00:0c:29", f.name), addrs: [{ ip: f.ip, prefix: 24, broadcast: lanBroadcast }], stats: stats(`${f.name}/ens33`, 3) },
    // Docker's bridge stays idle: the kubelet's pods get Calico veths instead
    { index: 3, name: "docker0", kind: "ether", flags: ["UP", "BROADCAST", "MULTICAST"], mtu: 1500, mac: mac("02:42", `${f.name}/docker0`), addrs: [{ ip: "172.17.0.1", prefix: 16, broadcast: "172.17.255.255" }], stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 } },
    { index: 4, name: "tunl0", kind: "ipip", flags: ["UP", "RUNNING", "NOARP"], mtu: 1480, addrs: [{ ip: network(f.podCIDR).base, prefix: 32 }], stats: stats(`${f.name}/tunl0`, 1) },
  ];
  let index = 5;
  if (f.proxyMode === "ipvs") {
    list.push({ index: index++, name: "kube-ipvs0", kind: "dummy", flags: ["BROADCAST", "NOARP"], mtu: 1500, mac: mac("c2:8e", `${f.name}/kube-ipvs0`), addrs: f.serviceIPs.map((ip) => ({ ip, prefix: 32 })), stats: { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 } });
  }
  for (const p of f.localPods) {
    list.push({ index: index++, name: caliName(p.namespace, p.name), peerIndex: 4, kind: "ether", flags: ["UP", "BROADCAST", "RUNNING", "MULTICAST"], mtu: 1480, mac: "ee:ee:ee:ee:ee:ee", addrs: [], stats: stats(`${f.name}/${p.namespace}/${p.name}`, 1) });
  }
  return list;
}

const ipNumber = (ip: string): number => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);

export function nodeRoutes(f: NodeFacts): NetRoute[] {
  const lan = `${f.ip.split(".").slice(0, 3).join(".")}.0/24`;
  const routes: NetRoute[] = [
    { dest: "default", via: `${f.ip.split(".").slice(0, 3).join(".")}.2`, dev: "ens33", proto: "static", metric: 100 },
    ...f.peers.map((p) => ({ dest: p.podCIDR, via: p.ip, dev: "tunl0", proto: "bird", onlink: true })),
    ...f.localPods.map((p) => ({ dest: p.ip, dev: caliName(p.namespace, p.name), scope: "link" })),
    { dest: "172.17.0.0/16", dev: "docker0", proto: "kernel", scope: "link", src: "172.17.0.1" },
    { dest: lan, dev: "ens33", proto: "kernel", scope: "link", src: f.ip, metric: 100 },
  ];
  const key = (r: NetRoute): number => (r.dest === "default" ? -1 : ipNumber(r.dest.split("/")[0]));
  return routes.sort((a, b) => key(a) - key(b));
}

export function nodeListeners(f: NodeFacts): NetListener[] {
  const pid = (program: string): number => 800 + (fnv1a(`${f.name}/${program}`) % 29000);
  const l = (proto: NetListener["proto"], address: string, port: number, program: string): NetListener => ({ proto, address, port, pid: pid(program), program });
  const out: NetListener[] = [
    l("tcp", "0.0.0.0", 22, "sshd"),
    l("tcp", "127.0.0.1", 25, "master"),
    l("tcp", "0.0.0.0", 179, "bird"),
    l("tcp", "127.0.0.1", 9099, "calico-node"),
    l("tcp", "127.0.0.1", 10248, "kubelet"),
    l("tcp", "127.0.0.1", 10249, "kube-proxy"),
    l("tcp", "127.0.0.1", 41_000 + (fnv1a(f.name) % 2000), "containerd"),
  ];
  if (f.controlPlane) {
    out.push(l("tcp", f.ip, 2379, "etcd"), l("tcp", "127.0.0.1", 2379, "etcd"), l("tcp", f.ip, 2380, "etcd"), l("tcp", "127.0.0.1", 2381, "etcd"));
    out.push(l("tcp", "127.0.0.1", 10257, "kube-controller"), l("tcp", "127.0.0.1", 10259, "kube-scheduler"));
  }
  out.push(l("tcp6", "::", 22, "sshd"), l("tcp6", "::1", 25, "master"));
  if (f.controlPlane) out.push(l("tcp6", "::", 6443, "kube-apiserver"));
  out.push(l("tcp6", "::", 10250, "kubelet"), l("tcp6", "::", 10256, "kube-proxy"));
  out.push(l("udp", "127.0.0.1", 323, "chronyd"), l("udp6", "::1", 323, "chronyd"));
  return out;
}

let hostImage: ResolvedImage | undefined;

/** the node as the shell's programs see it */
export function nodeSystemHooks(f: NodeFacts, now: number): SystemHooks {
  const resolved = resolveImage("centos:7");
  if (!resolved.ok) throw new Error("centos:7 is in the image catalog");
  hostImage ??= resolved.image;
  const unsupported = (): never => {
    throw new Error("not a container");
  };
  return {
    hostname: f.name,
    podIP: f.ip,
    image: hostImage,
    containerName: "",
    declaredPorts: [],
    bind: () => false,
    ownListeners: () => [],
    unbind: () => undefined,
    stopMain: () => false,
    processes: () => [
      { pid: 1, user: "root", cmd: "/usr/lib/systemd/systemd --switched-root --system --deserialize 22" },
      ...nodeListeners(f).filter((x, i, all) => all.findIndex((y) => y.program === x.program) === i).map((x) => ({ pid: x.pid, user: "root", cmd: x.program })),
    ],
    oomKill: unsupported,
    network: f.network,
    localHttp: (port, path) => {
      const answer = f.network.http("GET", "127.0.0.1", port, path, `localhost:${port}`, now);
      return answer;
    },
    netInterfaces: () => nodeInterfaces(f),
    netRoutes: () => nodeRoutes(f),
    listeners: () => nodeListeners(f),
    kernelTables: (kind) => f.tables(kind),
    containerRuntime: () => f.runtime(),
    bootedAt: f.bootedAt,
  };
}
