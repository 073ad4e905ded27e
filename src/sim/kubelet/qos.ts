// QoS class as the API server computes it from requests and limits.
import type { Pod } from "../../api/kinds";

export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = (c.resources?.requests ?? {}) as Record<string, unknown>;
    const lim = (c.resources?.limits ?? {}) as Record<string, unknown>;
    const names = ["cpu", "memory"];
    for (const n of names) {
      if (req[n] !== undefined || lim[n] !== undefined) any = true;
      if (lim[n] === undefined) guaranteed = false;
      else if (req[n] !== undefined && String(req[n]) !== String(lim[n])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
