// kube-proxy names its chains from base32(sha256(...)); the hashes themselves live in util/hash.
import { base32, sha256 } from "../util/hash";

/** kube-proxy's portProtoHash: base32(sha256(s)) cut to 16 characters */
export function chainHash(input: string): string {
  return base32(sha256(new TextEncoder().encode(input))).slice(0, 16);
}
