// Content negotiation for GET /api and GET /apis. kubectl offers aggregated v2, then v2beta1,
// then plain JSON; the answer's Content-Type must name the aggregated type exactly or kubectl
// parses it as a legacy document and finds no resources.
import {
  aggregatedContentType,
  type AggregatedDiscoveryVersion,
} from "./aggregated";

export type DiscoveryFormat =
  | { kind: "aggregated"; version: AggregatedDiscoveryVersion; contentType: string }
  | { kind: "legacy"; contentType: "application/json" };

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
  index: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  header.split(",").forEach((part, index) => {
    const [rawType, ...rawParams] = part.split(";");
    const type = rawType.trim().toLowerCase();
    if (!type) return;
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf("=");
      if (eq < 0) continue;
      params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, "");
    }
    const q = params.q === undefined ? 1 : Number(params.q);
    ranges.push({ type, params, q: Number.isFinite(q) ? q : 0, index });
  });
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
}

const LEGACY: DiscoveryFormat = { kind: "legacy", contentType: "application/json" };

function formatFor(range: MediaRange): DiscoveryFormat | undefined {
  const { type, params } = range;
  if (params.as !== undefined || params.g !== undefined || params.v !== undefined) {
    if (type !== "application/json") return undefined; // protobuf aggregated discovery is not served
    if (params.g !== "apidiscovery.k8s.io" || params.as !== "APIGroupDiscoveryList") return undefined;
    if (params.v === "v2" || params.v === "v2beta1") {
      return { kind: "aggregated", version: params.v, contentType: aggregatedContentType(params.v) };
    }
    return undefined;
  }
  if (type === "application/json" || type === "application/*" || type === "*/*") return LEGACY;
  return undefined;
}

/** Picks the discovery document to send for an Accept header (legacy JSON when nothing better fits). */
export function negotiateDiscovery(accept: string | null | undefined): DiscoveryFormat {
  if (!accept) return LEGACY;
  for (const range of parseAccept(accept)) {
    const format = formatFor(range);
    if (format) return format;
  }
  return LEGACY;
}
