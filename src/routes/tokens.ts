// Bearer tokens: `<cluster id>.<secret>`, stored only as a SHA-256 hash.
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function randomChars(n: number, alphabet: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

export function newClusterId(): string {
  return randomChars(1, "abcdefghijklmnopqrstuvwxyz") + randomChars(11, "abcdefghijklmnopqrstuvwxyz0123456789");
}

export function newToken(clusterId: string): string {
  return `${clusterId}.${randomChars(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`;
}

export const CLUSTER_ID_PATTERN = /^[a-z][a-z0-9]{11}$/;

/** the cluster a token was issued for, without checking it (the cluster's Durable Object checks the hash) */
export function clusterOfToken(token: string): string | undefined {
  const id = token.split(".")[0];
  return CLUSTER_ID_PATTERN.test(id) ? id : undefined;
}

export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1].trim() : undefined;
}

/**
 * A cluster's token is derived from the admin secret and a random nonce, so the hosted API can hand
 * the kubeconfig out again (GET .../kubeconfig) while only the nonce and the token's hash are stored.
 */
export async function deriveToken(secret: string, clusterId: string, nonce: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${clusterId}:${nonce}`)));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return `${clusterId}.${[...mac].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

export function newNonce(): string {
  return randomChars(24, "abcdefghijklmnopqrstuvwxyz0123456789");
}
