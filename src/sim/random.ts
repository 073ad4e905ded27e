// Every random choice of the simulation goes through an injected source so that a
// cluster replays identically from the same seed.
export type Rng = () => number;

/** Small seedable generator for callers and tests that need a reproducible Rng. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomHex(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}

/** Deterministic 64-hex digest of a string (not cryptographic: only has to look like sha256 and be stable). */
export function pseudoDigest(input: string): string {
  let out = "";
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
      h2 = Math.imul(h2 + c + round, 2246822519) >>> 0;
    }
    h1 = Math.imul(h1 ^ (h2 >>> 13), 3266489917) >>> 0;
    out += h1.toString(16).padStart(8, "0");
    h2 = (h2 ^ h1) >>> 0;
  }
  return out.slice(0, 64);
}
