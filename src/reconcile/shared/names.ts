import { SAFE_ALPHABET } from "./hash";

/** The apiserver's generateName suffix: 5 chars from the safe alphabet. */
export function randomSuffix(random: () => number, length = 5): string {
  let out = "";
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(random() * SAFE_ALPHABET.length) % SAFE_ALPHABET.length];
  return out;
}

/** `<prefix><suffix>` not already in `taken`; the new name is added to `taken`. */
export function generateName(prefix: string, random: () => number, taken: Set<string>): string {
  for (;;) {
    const name = prefix + randomSuffix(random);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}
