// The alphabet the API server and controllers use for generated suffixes (no vowels, no look-alikes).
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export function randomSuffix(length = 5, random: () => number = Math.random): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}
