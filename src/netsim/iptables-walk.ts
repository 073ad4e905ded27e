// Walks a packet through the nat rules of one node exactly as rendered, so every trace line is a
// rule the learner can find in `iptables-save`.
import { cidrContains, parseCidr, parseIPv4 } from "./ip";
import { type IptMatch, type IptRule, type NatTable, kernelProbability, renderRule, savedProbability } from "./iptables";
import type { RouteState } from "./route-state";
import type { TraceStep } from "./trace";

export interface Packet {
  src: string;
  dst: string;
  dport: number;
  proto: string;
}

export interface WalkContext {
  table: NatTable;
  node: string;
  localAddresses: ReadonlySet<string>;
  routeState: RouteState;
  rng: () => number;
  now: number;
  trace: TraceStep[];
}

export type WalkOutcome =
  | { kind: "dnat"; ip: string; port: number; masquerade: boolean; servicePort?: string }
  | { kind: "none"; masquerade: boolean };

const cidrMemo = new Map<string, ReturnType<typeof parseCidr>>();

function ipInCidr(ip: string, cidrText: string): boolean {
  if (cidrText.endsWith("/32")) return cidrText.length === ip.length + 3 && cidrText.startsWith(ip);
  let cidr = cidrMemo.get(cidrText);
  if (cidr === undefined && !cidrMemo.has(cidrText)) {
    cidr = parseCidr(cidrText);
    if (cidrMemo.size < 1024) cidrMemo.set(cidrText, cidr);
  }
  const n = parseIPv4(ip);
  return cidr !== undefined && n !== undefined && cidrContains(cidr, n);
}

interface Walker {
  ctx: WalkContext;
  pkt: Packet;
  masquerade: boolean;
  byChain: Map<string, IptRule[]>;
}

function evalMatch(w: Walker, rule: IptRule, m: IptMatch): boolean {
  const { ctx, pkt } = w;
  switch (m.kind) {
    case "comment":
      return true;
    case "proto":
      return m.proto === pkt.proto && (m.dport === undefined || m.dport === pkt.dport);
    case "addrtype-local":
      return ctx.localAddresses.has(pkt.dst);
    case "statistic": {
      const p = kernelProbability(m.probability);
      const draw = ctx.rng();
      const hit = draw < p;
      ctx.trace.push({ kind: "iptables", node: ctx.node, chain: rule.chain, rule: renderRule(rule),
        detail: `${rule.chain}: random ${draw.toFixed(4)} ${hit ? "<" : ">="} probability ${savedProbability(m.probability)} → ${hit ? `take ${rule.target}` : "fall through to the next rule"}` });
      return hit;
    }
    case "recent-check": {
      const last = ctx.routeState.recent[m.name]?.[pkt.src];
      const fresh = last !== undefined && ctx.now - last <= m.seconds * 1000;
      if (last !== undefined && !fresh) delete ctx.routeState.recent[m.name]?.[pkt.src];
      ctx.trace.push({ kind: "iptables", node: ctx.node, chain: rule.chain, rule: renderRule(rule),
        detail: fresh
          ? `${rule.chain}: ${pkt.src} is in recent list ${m.name} (seen ${Math.round((ctx.now - (last ?? 0)) / 1000)}s ago, < ${m.seconds}s) → session affinity keeps ${rule.target}`
          : `${rule.chain}: ${pkt.src} not in recent list ${m.name} → no affinity to this endpoint` });
      return fresh;
    }
    case "recent-set": {
      (ctx.routeState.recent[m.name] ??= {})[pkt.src] = ctx.now;
      return true;
    }
    case "set":
    case "mark-not":
      return false;
  }
}

function ruleMatches(w: Walker, rule: IptRule): boolean {
  const { pkt } = w;
  if (rule.src !== undefined && ipInCidr(pkt.src, rule.src) === (rule.srcNegate === true)) return false;
  if (rule.dst !== undefined && !ipInCidr(pkt.dst, rule.dst)) return false;
  if (rule.proto !== undefined && rule.proto !== pkt.proto) return false;
  return rule.matches.every((m) => evalMatch(w, rule, m));
}

const QUIET_CHAINS = new Set(["PREROUTING", "OUTPUT", "KUBE-MARK-MASQ"]);

function walkChain(w: Walker, chain: string, depth: number): WalkOutcome | "return" {
  if (depth > 16) return { kind: "none", masquerade: w.masquerade };
  for (const rule of w.byChain.get(chain) ?? []) {
    if (!ruleMatches(w, rule)) continue;
    const quiet = QUIET_CHAINS.has(chain) || rule.matches.some((m) => m.kind === "statistic" || m.kind === "recent-check");
    if (rule.target === "KUBE-MARK-MASQ") {
      w.masquerade = true;
      w.ctx.trace.push({ kind: "iptables", node: w.ctx.node, chain, rule: renderRule(rule), detail: `${chain}: packet marked 0x4000 → source will be masqueraded (SNAT) on the way out` });
      continue;
    }
    if (rule.target === "DNAT" && rule.dnat) {
      w.ctx.trace.push({ kind: "dnat", node: w.ctx.node, chain, rule: renderRule(rule),
        detail: `${chain}: DNAT ${w.pkt.dst}:${w.pkt.dport} → ${rule.dnat.ip}:${rule.dnat.port}` });
      return { kind: "dnat", ip: rule.dnat.ip, port: rule.dnat.port, masquerade: w.masquerade, servicePort: rule.servicePort };
    }
    if (rule.target === "RETURN") return "return";
    if (w.byChain.has(rule.target)) {
      if (!quiet) {
        w.ctx.trace.push({ kind: "iptables", node: w.ctx.node, chain, rule: renderRule(rule), detail: `${chain}: match → jump to ${rule.target}` });
      }
      const r = walkChain(w, rule.target, depth + 1);
      if (r !== "return") return r;
      continue;
    }
    return { kind: "none", masquerade: w.masquerade };
  }
  return "return";
}

const chainIndex = new WeakMap<NatTable, Map<string, IptRule[]>>();

/** runs the nat PREROUTING (or OUTPUT for the node's own processes) hook for one packet */
export function walkNat(ctx: WalkContext, pkt: Packet, hook: "PREROUTING" | "OUTPUT"): WalkOutcome {
  let byChain = chainIndex.get(ctx.table);
  if (!byChain) {
    byChain = new Map<string, IptRule[]>();
    for (const c of ctx.table.chains) byChain.set(c.name, []);
    for (const r of ctx.table.rules) byChain.get(r.chain)?.push(r);
    chainIndex.set(ctx.table, byChain);
  }
  const w: Walker = { ctx, pkt, masquerade: false, byChain };
  const r = walkChain(w, hook, 0);
  return r === "return" ? { kind: "none", masquerade: w.masquerade } : r;
}
