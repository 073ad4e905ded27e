// Mutable-looking state of the data plane, kept as plain JSON so the caller can persist it:
// every routing call takes one and returns the next one.

export interface RouteState {
  /** iptables `recent` lists: list name (a KUBE-SEP chain) → source IP → last seen, ms */
  recent: Record<string, Record<string, number>>;
  /** ipvs rr/wrr position per virtual server key */
  rr: Record<string, number>;
  /** ipvs persistence templates: virtual server key → source IP → chosen real server */
  persistence: Record<string, Record<string, { rs: string; expiresAt: number }>>;
  /** finished ipvs connections still counted as InActConn (TIME_WAIT): `<vsKey>><rs>` */
  conns: Array<{ key: string; expiresAt: number }>;
}

/** ipvs keeps a finished TCP connection in TIME_WAIT for 2 minutes */
export const IPVS_TIME_WAIT_MS = 120_000;
const MAX_CONNS = 5000;

export function emptyRouteState(): RouteState {
  return { recent: {}, rr: {}, persistence: {}, conns: [] };
}

export function cloneRouteState(s: RouteState): RouteState {
  return structuredClone(s);
}

export function pruneConns(s: RouteState, now: number): void {
  s.conns = s.conns.filter((c) => c.expiresAt > now).slice(-MAX_CONNS);
}

export function connectionCounts(s: RouteState, now: number): Map<string, { active: number; inactive: number }> {
  const out = new Map<string, { active: number; inactive: number }>();
  for (const c of s.conns) {
    if (c.expiresAt <= now) continue;
    const e = out.get(c.key) ?? { active: 0, inactive: 0 };
    e.inactive += 1;
    out.set(c.key, e);
  }
  return out;
}
