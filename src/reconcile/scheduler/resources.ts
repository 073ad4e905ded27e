import type { Container, Pod } from "../../api/kinds";
import { quantityToNumber, tryParseQuantity } from "../../api/validation/quantity";

export interface Requests {
  cpu: number;
  memory: number;
  [name: string]: number;
}

/**
 * A resource amount as the scheduler counts it (cores, bytes, count). Absent is 0. A value the
 * schema's pattern lets through but the parser rejects ("1.2.3") is NaN: every comparison with it
 * is false, so it neither blocks a fit nor scores.
 */
export function resourceAmount(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const parsed = tryParseQuantity(q);
  return parsed ? quantityToNumber(parsed) : Number.NaN;
}

function add(into: Requests, c: Container | undefined): void {
  for (const [k, v] of Object.entries(c?.resources?.requests ?? {})) into[k] = (into[k] ?? 0) + resourceAmount(v);
}

/** computePodResourceRequest: containers summed, init containers as a max, plus overhead. */
export function podRequests(pod: Pod): Requests {
  const sum: Requests = { cpu: 0, memory: 0 };
  for (const c of pod.spec?.containers ?? []) add(sum, c);
  for (const c of pod.spec?.initContainers ?? []) {
    const one: Requests = { cpu: 0, memory: 0 };
    add(one, c);
    for (const [k, v] of Object.entries(one)) if (v > (sum[k] ?? 0)) sum[k] = v;
  }
  for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) sum[k] = (sum[k] ?? 0) + resourceAmount(v);
  return sum;
}

export function hostPorts(pod: Pod): Array<{ port: number; protocol: string; ip: string }> {
  const out: Array<{ port: number; protocol: string; ip: string }> = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) if (p.hostPort) out.push({ port: p.hostPort, protocol: p.protocol ?? "TCP", ip: p.hostIP || "0.0.0.0" });
  }
  return out;
}
