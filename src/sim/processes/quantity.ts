// Kubernetes resource quantities ("200Mi", "0.5", "100m") and stress-style sizes ("250M").

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === "number") return q;
  const m = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(?:e([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) return undefined;
  const base = parseFloat(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  const suffix = m[3] ?? "";
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** stress(1) sizes: b, k, m, g multiply by 1, 2^10, 2^20, 2^30 (case-insensitive). */
export function parseStressSize(s: string): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { "": 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[m[2].toLowerCase()] ?? 1;
  return Number(m[1]) * mult;
}
