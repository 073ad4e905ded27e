import { canonicalJson } from "./hash";

/** Deep equality ignoring empty values, to skip no-op writes. */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
