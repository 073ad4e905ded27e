// Deterministic names derived from object content, in the spirit of upstream
// controller.ComputeHash: FNV-32a, then the decimal value spelled in the
// SafeEncodeString alphabet (no vowels, no confusable digits).
const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function safeEncodeString(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * Canonical JSON: sorted keys, with null, empty objects, empty arrays and
 * empty strings dropped, so that fields a client omitted and fields the server
 * rendered as empty (creationTimestamp: null, resources: {}) hash the same.
 */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalize).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonicalize((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (value === null || value === "") return undefined;
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value) ?? {});
}

export function contentHash(value: unknown, collisionCount?: number): string {
  const suffix = collisionCount ? `#${collisionCount}` : "";
  return safeEncodeString(String(fnv32a(canonicalJson(value) + suffix)));
}

export { SAFE_ALPHABET };
