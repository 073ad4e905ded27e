// Per-node entry points for the HTTP API: pick the node, honour the mode its kube-proxy started in.
import { buildIpsets, ipsetJson, renderIpsetList, setsInUse, type Ipset } from "./ipset";
import { buildIptablesNat, buildIpvsModeNat, iptablesJson, renderIptablesSave, type IptablesJson } from "./iptables";
import { buildIpvs, ipvsJson, renderIpvsadm, type IpvsJson } from "./ipvs";
import type { RouteState } from "./route-state";
import { findNode } from "./service-model";
import type { NetConfig, NetState, NodeProxyMode, ProxyModeByNode } from "./types";
import { DEFAULT_NET_CONFIG } from "./types";

export type NodeTable<T> =
  | { ok: true; node: string; mode: NodeProxyMode["mode"]; text: string; json: T }
  | { ok: false; error: "unknown node"; message: string };

const IPTABLES_DEFAULT: NodeProxyMode = { mode: "iptables", scheduler: "", strictARP: false };

function modeFor(modes: ProxyModeByNode, node: string): NodeProxyMode {
  return modes[node] ?? IPTABLES_DEFAULT;
}

function unknown(node: string): { ok: false; error: "unknown node"; message: string } {
  return { ok: false, error: "unknown node", message: `nodes "${node}" not found` };
}

/** `iptables-save -t nat` on the node: the per-service chains in iptables mode, the ipset rules in ipvs mode */
export function nodeIptables(state: NetState, node: string, modes: ProxyModeByNode, now: number, config: NetConfig = DEFAULT_NET_CONFIG): NodeTable<IptablesJson> {
  if (!findNode(state, node)) return unknown(node);
  const mode = modeFor(modes, node);
  const table = mode.mode === "ipvs" ? buildIpvsModeNat(setsInUse(buildIpsets(state)), config) : buildIptablesNat(state, config);
  return { ok: true, node, mode: mode.mode, text: renderIptablesSave(table, now), json: iptablesJson(table) };
}

/** `ipvsadm -Ln` on the node; in iptables mode the kernel table is empty, as on a real node */
export function nodeIpvs(state: NetState, node: string, modes: ProxyModeByNode, routeState?: RouteState, now = 0): NodeTable<IpvsJson> {
  const n = findNode(state, node);
  if (!n) return unknown(node);
  const mode = modeFor(modes, node);
  const vss = mode.mode === "ipvs" ? buildIpvs(state, n, mode, routeState, now) : [];
  return { ok: true, node, mode: mode.mode, text: renderIpvsadm(vss), json: ipvsJson(vss) };
}

/** `ipset list` on the node; kube-proxy only keeps sets in ipvs mode */
export function nodeIpset(state: NetState, node: string, modes: ProxyModeByNode): NodeTable<{ sets: Ipset[] }> {
  if (!findNode(state, node)) return unknown(node);
  const mode = modeFor(modes, node);
  const sets = mode.mode === "ipvs" ? buildIpsets(state) : [];
  return { ok: true, node, mode: mode.mode, text: sets.length ? renderIpsetList(sets) : "", json: ipsetJson(sets) };
}
