// A shell on one of the cluster's nodes, for the course's host commands (curl to a ClusterIP, dig
// @10.96.0.10, ss, ifconfig tunl0, iptables, ipvsadm). The machine is computed from the cluster; the
// node's own files persist in the simulation store. Waits pass instantly, up to a budget of simulated
// time, and the cluster's clock does not move: a `while true; do curl ...; sleep 1; done` shows what
// its first minute would print.
import type { Node, Pod } from "../api/kinds";
import type { FsLayer } from "../sim/fs/types";
import { Vfs } from "../sim/fs/vfs";
import { lookupExecutable, runToEnd } from "../sim/shell/proc";
import "../sim/shell";
import { getCommand } from "../sim/shell/registry";
import type { CmdContext } from "../sim/shell/types";
import { HOST_FS_KEY, hostBaseFs, hostFiles } from "../sim/node/host-fs";
import { nodeSystemHooks, type NodeFacts } from "../sim/node/host-system";
import type { ObjectStore } from "../store/object-store";
import type { NetworkHost } from "./network-host";
import type { KubeletHost } from "./kubelet-host";
import { nodeRuntime } from "./node-runtime";
import type { SimStore } from "./sim-store";

export interface NodeShellDeps {
  store: ObjectStore;
  sim: SimStore;
  network: NetworkHost;
  kubelet: KubeletHost;
  now(): number;
}

export interface NodeExecResult {
  stdout: string;
  stderr: string;
  /** null when the command was still running when its budget of simulated time ran out */
  exitCode: number | null;
}

/** simulated time one command may take */
const BUDGET_MS = 60_000;

const internalIP = (node: Node): string => node.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";

/** the machine a node is, from the cluster's state; undefined when there is no such node */
export function nodeFacts(d: NodeShellDeps, nodeName: string): { facts: NodeFacts; nodes: Node[] } | undefined {
  const node = d.store.get<Node>("/nodes", undefined, nodeName);
  if (!node) return undefined;
  const nodes = d.store.list<Node>("/nodes");
  const view = d.network.nodeView(nodeName);
  const localPods = d.store
    .list<Pod>("/pods")
    .filter((p) => p.spec?.nodeName === nodeName && !p.spec?.hostNetwork && p.status?.podIP && !p.metadata.deletionTimestamp)
    .map((p) => ({ namespace: p.metadata.namespace ?? "default", name: p.metadata.name ?? "", ip: p.status?.podIP ?? "" }));
  const facts: NodeFacts = {
    name: nodeName,
    ip: internalIP(node),
    podCIDR: node.spec?.podCIDR ?? "10.244.0.0/24",
    controlPlane: Object.keys(node.metadata.labels ?? {}).includes("node-role.kubernetes.io/control-plane"),
    proxyMode: view.mode,
    serviceIPs: view.serviceIPs,
    peers: nodes.filter((n) => n.metadata.name !== nodeName && n.spec?.podCIDR).map((n) => ({ name: n.metadata.name ?? "", ip: internalIP(n), podCIDR: n.spec?.podCIDR ?? "" })),
    localPods,
    tables: (kind) => {
      const t = d.network.table(nodeName, kind);
      return t.ok ? t.text : "";
    },
    network: d.network.nodeApi(nodeName),
    runtime: () => nodeRuntime(d, nodeName),
    bootedAt: Date.parse(node.metadata.creationTimestamp ?? "") || d.now(),
  };
  return { facts, nodes };
}

export function runOnNode(d: NodeShellDeps, nodeName: string, command: string): NodeExecResult | undefined {
  const machine = nodeFacts(d, nodeName);
  if (!machine) return undefined;
  const { facts, nodes } = machine;
  const now = d.now();

  const key = `nodefs/${nodeName}`;
  const stored = d.sim.get<FsLayer>(key);
  const layer: FsLayer = stored ? (JSON.parse(JSON.stringify(stored)) as FsLayer) : { base: HOST_FS_KEY, upper: {} };
  // files the cluster decides, unless someone on the node wrote their own
  const lan = nodes.map((n) => ({ name: n.metadata.name ?? "", ip: internalIP(n) }));
  for (const [path, file] of Object.entries(hostFiles({ name: nodeName }, lan, now))) if (!(path in layer.upper)) layer.upper[path] = file;
  const before = JSON.stringify(layer.upper);

  let stdout = "";
  let stderr = "";
  const env: Record<string, string> = {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/root/bin",
    HOME: "/root",
    USER: "root",
    LOGNAME: "root",
    SHELL: "/bin/bash",
    HOSTNAME: nodeName,
    LANG: "en_US.UTF-8",
  };
  const ctx: CmdContext = {
    argv: [],
    env,
    cwd: "/root",
    stdin: "",
    now,
    fs: new Vfs(layer, [], hostBaseFs),
    out: (s) => { stdout += s; },
    err: (s) => { stderr += s; },
    sys: nodeSystemHooks(facts, now),
    dialect: "bash",
  };
  const argv = ["bash", "-c", command];
  const found = lookupExecutable(ctx.fs, argv, env, ctx.cwd);
  if (!found.ok || !getCommand(found.impl)) return { stdout: "", stderr: "bash: not available on this node\n", exitCode: 127 };
  let exitCode: number | null;
  try {
    exitCode = runToEnd(found.impl, found.argv, { ...ctx, argv: found.argv }, BUDGET_MS).proc.exitCode ?? null;
  } catch (e) {
    // a fault in a simulated program is that program's failure, not the API's
    console.error("node shell failed", e);
    stderr += `bash: ${command.split(/\s+/)[0]}: internal error\n`;
    exitCode = 1;
  }
  if (JSON.stringify(layer.upper) !== before) d.sim.put(key, layer);
  return { stdout, stderr, exitCode };
}
