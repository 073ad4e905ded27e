// The pod's network namespace as `ip`, `ifconfig` and `netstat` see it: a Calico IPIP pod
// (lo, a down tunl0, eth0@ifN with the pod IP as /32 behind 169.254.1.1), the sockets its
// programs have bound, and packet counters fed by the HTTP requests it answers.
import type { HttpAnswer, NetInterface, NetListener, NetRoute } from "../shell/types";
import { CALICO_POD_ROUTES, calicoPodInterfaces } from "../shell/commands/net-data";
import { NGINX_DEFAULT_CONF } from "../images/nginx-content";
import { nginxHasEntrypoint, resolveImage } from "../images/catalog";
import type { Vfs } from "../fs/vfs";
import type { ContainerSim, Listener, PodSimState } from "./types";

export function podInterfaces(st: PodSimState, podIP: string): NetInterface[] {
  const list = calicoPodInterfaces({ podIP, seed: st.uid, stats: st.traffic?.eth0 });
  const lo = st.traffic?.lo;
  return lo ? list.map((i) => (i.name === "lo" ? { ...i, stats: lo } : i)) : list;
}

export function podRoutes(): NetRoute[] {
  return CALICO_POD_ROUTES;
}

/**
 * One HTTP exchange over TCP: the handshake, request, response and teardown, with 66-byte
 * headers (Ethernet + IP + TCP with timestamps) and 74 on the SYNs. Loopback traffic is seen
 * twice on lo (sent and received by the same device). Kubelet probes are left out: counting
 * them would make every probe change the pod's state, and idle pods would never sleep.
 */
export function countHttp(st: PodSimState, local: boolean, path: string, req: { host: string; userAgent: string }, answer: HttpAnswer): void {
  st.traffic ??= {};
  const t = (st.traffic[local ? "lo" : "eth0"] ??= { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 });
  const requestBytes = `GET ${path} HTTP/1.1\r\nHost: ${req.host}\r\nUser-Agent: ${req.userAgent}\r\nAccept: */*\r\n\r\n`.length;
  let inP: number; let inB: number; let outP: number; let outB: number;
  if (!answer.ok && answer.error === "refused") {
    // a SYN in, a RST out
    inP = 1; inB = 74; outP = 1; outB = 54;
  } else {
    const responseBytes = answer.ok ? 240 + answer.body.length : 0;
    inP = 5; inB = 74 + 66 + (66 + requestBytes) + 66 + 66;
    outP = 4; outB = 74 + (66 + responseBytes) + 66 + 66;
  }
  if (local) {
    const p = inP + outP; const b = inB + outB;
    t.rxPackets += p; t.rxBytes += b; t.txPackets += p; t.txBytes += b;
    return;
  }
  t.rxPackets += inP; t.rxBytes += inB; t.txPackets += outP; t.txBytes += outB;
}

type Socket = Pick<NetListener, "proto" | "address">;

/** nginx images from 1.19 enable `listen [::]:80` at start when default.conf is the packaged one. */
function nginxSockets(fs: Vfs, version: string): Socket[] {
  const conf = fs.readFile("/etc/nginx/conf.d/default.conf");
  const text = "data" in conf ? conf.data : "";
  const v6 = /listen\s+\[::\]:/.test(text) || (nginxHasEntrypoint(version) && text === NGINX_DEFAULT_CONF);
  return v6 ? [{ proto: "tcp", address: "0.0.0.0" }, { proto: "tcp6", address: "::" }] : [{ proto: "tcp", address: "0.0.0.0" }];
}

/** Where each kind of server binds: Go programs and mysqld take the dual-stack `::`, kube-proxy's metrics stay on loopback. */
function socketsOf(l: Listener, fs: Vfs | undefined, version: string): Socket[] {
  switch (l.kind) {
    case "nginx": return fs ? nginxSockets(fs, version) : [{ proto: "tcp", address: "0.0.0.0" }];
    case "coredns": return [{ proto: "tcp6", address: "::" }, { proto: "udp6", address: "::" }];
    case "kube-proxy": return [{ proto: "tcp", address: "127.0.0.1" }];
    case "mysql": case "generic": case "coredns-health": case "coredns-ready": case "coredns-metrics": case "kube-proxy-healthz":
      return [{ proto: "tcp6", address: "::" }];
    default: return [{ proto: "tcp", address: "0.0.0.0" }];
  }
}

/** The process that owns a listener, as the viewing container can see it (containers do not share PIDs). */
function owner(l: Listener, owner: ContainerSim | undefined, viewer: ContainerSim): { pid: number; program: string } {
  if (!owner || owner.name !== viewer.name) return { pid: 0, program: "" };
  const argv = owner.proc?.argv ?? [];
  if (l.kind === "nginx") {
    // nginx rewrites its argv into a title; netstat reads that title as one string
    return owner.proc?.impl === "nginx" ? { pid: 1, program: `nginx: master process ${argv.join(" ")}` } : { pid: 7, program: "nginx: master process nginx" };
  }
  return { pid: 1, program: argv[0] ?? "" };
}

export function podListeners(st: PodSimState, viewer: ContainerSim, fsOf: (c: ContainerSim) => Vfs): NetListener[] {
  const out: NetListener[] = [];
  const list = Object.values(st.listeners).sort((a, b) => a.port - b.port);
  for (const l of list) {
    const c = st.containers.find((x) => x.name === l.container);
    const image = c ? resolveImage(c.image) : undefined;
    const version = image?.ok ? image.image.version : "";
    const who = owner(l, c, viewer);
    for (const s of socketsOf(l, c ? fsOf(c) : undefined, version)) out.push({ ...s, port: l.port, ...who });
    // mysqld 8 also opens the X Protocol port next to the classic one
    if (l.kind === "mysql" && !version.startsWith("5.")) out.push({ proto: "tcp6", address: "::", port: 33060, ...who });
  }
  return out;
}
