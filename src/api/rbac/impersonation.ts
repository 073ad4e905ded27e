// kubectl --as / --as-group / --as-uid: the Impersonate-* headers turn the request into one made by
// another user, with the groups upstream's impersonation filter gives that user.
import { badRequest } from "../status";
import type { UserInfo } from "./types";
import { ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, serviceAccountGroups, serviceAccountUsername, splitServiceAccountUsername } from "./subjects";

/** the identity behind every cluster token: kubeadm's admin.conf user */
export const CLUSTER_ADMIN_USER: UserInfo = { name: "kubernetes-admin", groups: ["kubeadm:cluster-admins", AUTHENTICATED] };

const EXTRA_PREFIX = "impersonate-extra-";

/** several header lines of one name arrive joined by ", " */
function values(headers: Headers, name: string): string[] {
  const v = headers.get(name);
  if (v === null) return [];
  return v.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** the impersonated user, or undefined when the request impersonates nobody */
export function impersonatedUser(headers: Headers): UserInfo | undefined {
  const requested = headers.get("impersonate-user")?.trim() ?? "";
  const groupHeader = headers.has("impersonate-group");
  const requestedGroups = values(headers, "impersonate-group");
  const uid = headers.get("impersonate-uid")?.trim() ?? "";
  const extra: Record<string, string[]> = {};
  for (const [key] of headers) {
    if (!key.startsWith(EXTRA_PREFIX)) continue;
    let name = key.slice(EXTRA_PREFIX.length);
    try {
      name = decodeURIComponent(name);
    } catch {
      // a key that is not valid percent-encoding is kept as sent
    }
    extra[name.toLowerCase()] = values(headers, key);
  }
  const hasExtra = Object.keys(extra).length > 0;
  if (!requested) {
    if (groupHeader || hasExtra || uid) throw badRequest("requested impersonation of groups, uid or extra without impersonating a user");
    return undefined;
  }
  let groups: string[] = [];
  const sa = splitServiceAccountUsername(requested);
  const name = sa ? serviceAccountUsername(sa.namespace, sa.name) : requested;
  // a service account's groups are a fixed mapping, added unless the caller named groups itself
  if (sa && !groupHeader) groups = serviceAccountGroups(sa.namespace);
  groups.push(...requestedGroups);
  if (name !== ANONYMOUS && !groups.includes(AUTHENTICATED) && !groups.includes(UNAUTHENTICATED)) groups.push(AUTHENTICATED);
  const user: UserInfo = { name, groups };
  if (uid) user.uid = uid;
  if (hasExtra) user.extra = extra;
  return user;
}
