// MetalLB (v0.12, ConfigMap-configured, as the course installs it): address pools and the IP pick.
import { parse } from "yaml";
import type { ConfigMap, Service } from "../api/kinds";
import { formatIPv4, parseCidr, parseIPv4 } from "./ip";
import { loadBalancerIPs } from "./service-model";
import { sha256Hex } from "../util/hash";

export interface AddressPool {
  name: string;
  protocol: string;
  autoAssign: boolean;
  /** inclusive ranges as numbers */
  ranges: Array<{ from: number; to: number }>;
}

export const METALLB_NAMESPACE = "metallb-system";
export const METALLB_CONFIG_NAME = "config";

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function parseRange(text: string): { from: number; to: number } | undefined {
  const t = text.trim();
  if (t.includes("/")) {
    const c = parseCidr(t);
    return c ? { from: c.base, to: c.base + c.size - 1 } : undefined;
  }
  const [a, b] = t.split("-").map((s) => s.trim());
  const from = a ? parseIPv4(a) : undefined;
  const to = b ? parseIPv4(b) : from;
  return from !== undefined && to !== undefined && from <= to ? { from, to } : undefined;
}

/** pools from ConfigMap metallb-system/config; malformed YAML or entries are ignored, like a bad config */
export function metallbPools(configMaps: ConfigMap[]): AddressPool[] {
  const cm = configMaps.find((c) => c.metadata.namespace === METALLB_NAMESPACE && c.metadata.name === METALLB_CONFIG_NAME);
  const text = cm?.data?.config;
  if (!text) return [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  const pools = asRecord(doc)?.["address-pools"];
  if (!Array.isArray(pools)) return [];
  const out: AddressPool[] = [];
  for (const p of pools) {
    const r = asRecord(p);
    if (!r || typeof r.name !== "string" || !Array.isArray(r.addresses)) continue;
    const ranges = r.addresses.filter((a): a is string => typeof a === "string").map(parseRange)
      .filter((x): x is { from: number; to: number } => x !== undefined);
    out.push({ name: r.name, protocol: typeof r.protocol === "string" ? r.protocol : "layer2", autoAssign: r["auto-assign"] !== false, ranges });
  }
  return out;
}

export type LoadBalancerPick = { ok: true; ip: string; pool: string } | { ok: false; reason: string };

const POOL_ANNOTATION = "metallb.universe.tf/address-pool";
const IPS_ANNOTATION = "metallb.universe.tf/loadBalancerIPs";

/** the IP MetalLB's controller gives `svc`; `services` are all Services (others' ingress IPs are in use) */
export function allocateLoadBalancerIP(configMaps: ConfigMap[], services: Service[], svc: Service): LoadBalancerPick {
  const pools = metallbPools(configMaps);
  const self = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const used = new Set<string>();
  for (const s of services) if (`${s.metadata.namespace}/${s.metadata.name}` !== self) loadBalancerIPs(s).forEach((ip) => used.add(ip));
  if (pools.length === 0) return { ok: false, reason: "no available IPs" };
  const wantPool = svc.metadata.annotations?.[POOL_ANNOTATION];
  const requested = svc.metadata.annotations?.[IPS_ANNOTATION]?.split(",")[0]?.trim() || svc.spec?.loadBalancerIP || undefined;
  const candidates = wantPool ? pools.filter((p) => p.name === wantPool) : pools;
  if (wantPool && candidates.length === 0) return { ok: false, reason: `pool "${wantPool}" does not exist` };
  if (requested) {
    const ip = parseIPv4(requested);
    const pool = ip === undefined ? undefined : candidates.find((p) => p.ranges.some((r) => ip >= r.from && ip <= r.to));
    if (!pool) return { ok: false, reason: `"${requested}" is not allowed in config` };
    if (used.has(requested)) return { ok: false, reason: `address ${requested} is already in use` };
    return { ok: true, ip: requested, pool: pool.name };
  }
  for (const pool of candidates) {
    if (!wantPool && !pool.autoAssign) continue;
    for (const r of pool.ranges) {
      for (let ip = r.from; ip <= r.to; ip++) {
        const text = formatIPv4(ip);
        if (!used.has(text)) return { ok: true, ip: text, pool: pool.name };
      }
    }
  }
  return { ok: false, reason: "no available IPs" };
}

/** the node whose speaker answers ARP for `ip` in layer2 mode (MetalLB orders nodes by sha256(node#ip)) */
export function layer2AnnouncingNode(nodeNames: string[], ip: string): string | undefined {
  return [...nodeNames].sort((a, b) => {
    const ha = sha256Hex(`${a}#${ip}`);
    const hb = sha256Hex(`${b}#${ip}`);
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  })[0];
}
