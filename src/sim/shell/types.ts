// Contracts between the shell, the programs it runs and the container that hosts them.
import type { Vfs } from "../fs/vfs";
import type { ResolvedImage } from "../images/catalog";
import type { RuntimeView } from "../node/runtime-view";

/** Serialisable program state (plain JSON by contract: it is stored with the pod). */
export type Json = unknown;

/** What a program asks of the container and pod it runs in. */
export interface SystemHooks {
  hostname: string;
  podIP: string;
  image: ResolvedImage;
  containerName: string;
  memoryLimitBytes?: number;
  /** containerPort values the pod spec declares for this container */
  declaredPorts: number[];
  /** claims a port in the pod's network namespace (shared by all its containers) */
  bind(port: number, kind: string, config: Record<string, Json>): boolean;
  /** listeners of this container of a kind (nginx, mysql...) */
  ownListeners(kind: string): number[];
  unbind(port: number): void;
  /** ends the container's main process if it is running `impl` (e.g. `nginx -s stop`) */
  stopMain(impl: string, exitCode: number): boolean;
  /** the container's process table for `ps` */
  processes(): Array<{ pid: number; user: string; cmd: string }>;
  /** asks the runtime to OOM-kill the container */
  oomKill(): void;
  /** network access, added by the network simulation; absent means only the pod itself is reachable */
  network?: NetworkApi;
  /** answers an HTTP request to a port of this pod (for curl/wget to localhost) */
  localHttp(port: number, path: string, now: number): HttpAnswer;
  /** the network interfaces `ip addr` and `ifconfig` show (a pod's, or a node's for the node shell) */
  netInterfaces?(): NetInterface[];
  /** the routing table `ip route` and `route -n` show */
  netRoutes?(): NetRoute[];
  /** listening sockets for `netstat` and `ss` */
  listeners?(): NetListener[];
  /** the kernel's packet tables as kube-proxy left them (a node, or a pod on its network) */
  kernelTables?(kind: "iptables" | "ipvs" | "ipset"): string;
  /** the node's container runtime, for crictl */
  containerRuntime?(): RuntimeView;
  /** when the machine booted (a node's shell: when the node registered) */
  bootedAt?: number;
}

export interface NetInterface {
  /** ifindex, as `ip addr` numbers interfaces */
  index: number;
  name: string;
  /** a veth's peer ifindex: `ip addr` prints `eth0@if12` */
  peerIndex?: number;
  kind: "loopback" | "ether" | "ipip" | "dummy";
  /** as ifconfig prints them: UP, BROADCAST, RUNNING, MULTICAST, LOOPBACK, NOARP */
  flags: string[];
  mtu: number;
  /** absent for loopback and ipip tunnels */
  mac?: string;
  addrs: Array<{ ip: string; prefix: number; broadcast?: string }>;
  stats: { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number };
  /** defaults by kind: noqueue when up (noop when down), fq_codel for a physical NIC */
  qdisc?: string;
  /** defaults by kind: 1000 for lo, tunnels and NICs; 0 for veths, bridges and dummies */
  txQueueLen?: number;
}

export interface NetRoute {
  /** "default" or a CIDR such as "10.244.0.0/16" */
  dest: string;
  via?: string;
  dev: string;
  proto?: string;
  scope?: string;
  src?: string;
  onlink?: boolean;
  metric?: number;
}

export interface NetListener {
  proto: "tcp" | "tcp6" | "udp" | "udp6";
  address: string;
  port: number;
  /** 0 when the process is in another PID namespace (another container): netstat prints "-" */
  pid: number;
  /** the first string of /proc/PID/cmdline: argv[0], or a whole title such as nginx's */
  program: string;
}

export type HttpAnswer =
  | { ok: true; status: number; body: string; headers: Record<string, string> }
  | { ok: false; error: "refused" | "reset" | "timeout" };

export interface NetworkApi {
  resolve(name: string, searchFrom: string): { ips: string[] } | { error: string };
  http(method: string, ip: string, port: number, path: string, host: string, now: number): HttpAnswer;
  tcp(ip: string, port: number, now: number): boolean;
  /** a TCP handshake's outcome: a refusal answers at once, a dropped SYN (NetworkPolicy, no route) times out */
  connect?(ip: string, port: number, now: number): "open" | "refused" | "timeout";
  /** busybox `nslookup name [server]` as the pod's resolver (or `server`) answers it */
  nslookup?(name: string, server: string | undefined, now: number): { stdout: string; stderr: string; exitCode: number };
  /** `dig`: one query, no search list, to `server` (default: the pod's nameserver) */
  dig?(query: { name: string; type: string; server?: string; short: boolean; commandLine: string }, now: number): { stdout: string; exitCode: number };
  /** the node's packet tables, for a pod on the host's network (kube-proxy's image ships iptables) */
  kernelTables?(kind: "iptables" | "ipvs" | "ipset"): string;
  /** the node's interfaces, routes and sockets, for a pod on the host's network */
  host?(): { interfaces: NetInterface[]; routes: NetRoute[]; listeners: NetListener[] };
  /** an ICMP echo: the reply's TTL and round trip, or silence */
  ping?(ip: string, now: number): { ok: true; ttl: number; rttMs: number } | { ok: false };
}

export interface CmdContext {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: string;
  /** the instant this command runs (or resumes) */
  now: number;
  fs: Vfs;
  out(s: string): void;
  err(s: string): void;
  sys: SystemHooks;
  /** stdout is a terminal (exec -t): ls prints columns */
  tty?: boolean;
  /** stdin stays open (exec -i, a container with stdin: true): a bare shell waits for input */
  stdinOpen?: boolean;
  /** for `sh`-like programs: "ash" or "bash" wording */
  dialect: "ash" | "bash";
}

export type CmdOutcome =
  | { status: number }
  /** wait until untilMs (null: until killed), then `resume` is called with `data` */
  | { block: { untilMs: number | null; data: Json } }
  /** replace this process with another program (exec) */
  | { exec: string[] };

export interface CommandImpl {
  run(ctx: CmdContext): CmdOutcome;
  resume?(ctx: CmdContext, data: Json): CmdOutcome;
  /** how the program reacts to SIGTERM: exit code, or "ignore" (PID 1 without a handler) */
  onTerm?: number | "ignore";
}

/** A program in progress (the container's main process, or a command a shell waits for). */
export interface ProcState {
  argv: string[];
  impl: string;
  env: Record<string, string>;
  cwd: string;
  data: Json;
  /** when the program wants to run again; null = only a signal ends it */
  untilMs: number | null;
  /** set once the program ended */
  exitCode?: number;
  signal?: number;
}
