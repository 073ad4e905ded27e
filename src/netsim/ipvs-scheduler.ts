// IPVS scheduling decisions over the simulated connection table (the kernel's algorithms, with
// every finished request counted as an inactive connection until TIME_WAIT expires).
import { parseIPv4 } from "./ip";
import type { RealServer, VirtualServer } from "./ipvs";
import { vsKey } from "./ipvs";
import { IPVS_TIME_WAIT_MS, type RouteState, connectionCounts } from "./route-state";

export interface ScheduleDecision {
  rs: RealServer;
  detail: string;
}

/** ip_vs_sh/ip_vs_dh bucket: golden-ratio hash of the address into 256 buckets, buckets dealt round-robin */
function hashBucket(ip: string, n: number): number {
  const v = parseIPv4(ip) ?? 0;
  const bucket = (Math.imul(v, 2654435761 | 0) >>> 0) >>> 24;
  return bucket % n;
}

export function schedule(vs: VirtualServer, src: string, dst: string, state: RouteState, now: number): ScheduleDecision | undefined {
  const rss = vs.realServers;
  if (rss.length === 0) return undefined;
  const key = vsKey(vs);
  const rsKey = (rs: RealServer) => `${rs.address}:${rs.port}`;

  if (vs.persistentSeconds !== undefined) {
    const tpl = state.persistence[key]?.[src];
    const rs = tpl && tpl.expiresAt > now ? rss.find((r) => rsKey(r) === tpl.rs) : undefined;
    if (rs) {
      (state.persistence[key] ??= {})[src] = { rs: tpl?.rs ?? rsKey(rs), expiresAt: now + vs.persistentSeconds * 1000 };
      record(state, key, rs, now);
      return { rs, detail: `persistence template for client ${src} (persistent ${vs.persistentSeconds}) → ${rsKey(rs)}` };
    }
  }

  const counts = connectionCounts(state, now);
  const overhead = (rs: RealServer) => {
    const c = counts.get(`${key}>${rsKey(rs)}`);
    return ((c?.active ?? 0) << 8) + (c?.inactive ?? 0);
  };
  let chosen: RealServer;
  let detail: string;
  switch (vs.scheduler) {
    case "lc":
    case "wlc": {
      chosen = rss.reduce((best, rs) => (overhead(rs) / rs.weight < overhead(best) / best.weight ? rs : best));
      detail = `${vs.scheduler}: least connections (${rss.map((r) => `${rsKey(r)}=${overhead(r)}`).join(", ")}) → ${rsKey(chosen)}`;
      break;
    }
    case "sed":
    case "nq": {
      chosen = rss[0];
      detail = `${vs.scheduler}: no active connections anywhere → first real server ${rsKey(chosen)}`;
      break;
    }
    case "sh": {
      chosen = rss[hashBucket(src, rss.length)];
      detail = `sh: source address ${src} hashes to ${rsKey(chosen)}`;
      break;
    }
    case "dh": {
      chosen = rss[hashBucket(dst, rss.length)];
      detail = `dh: destination address ${dst} hashes to ${rsKey(chosen)}`;
      break;
    }
    default: {
      const pos = state.rr[key] ?? 0;
      chosen = rss[pos % rss.length];
      state.rr[key] = (pos + 1) % rss.length;
      const known = vs.scheduler === "rr" || vs.scheduler === "wrr";
      detail = `${known ? vs.scheduler : `${vs.scheduler} (simulated as rr)`}: turn ${(pos % rss.length) + 1} of ${rss.length} → ${rsKey(chosen)}`;
    }
  }
  if (vs.persistentSeconds !== undefined) (state.persistence[key] ??= {})[src] = { rs: rsKey(chosen), expiresAt: now + vs.persistentSeconds * 1000 };
  record(state, key, chosen, now);
  return { rs: chosen, detail };
}

function record(state: RouteState, key: string, rs: RealServer, now: number): void {
  state.conns.push({ key: `${key}>${rs.address}:${rs.port}`, expiresAt: now + IPVS_TIME_WAIT_MS });
}
