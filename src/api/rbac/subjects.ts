// Who a binding's subjects stand for, and the names Kubernetes gives service accounts.
import type { Subject, UserInfo } from "./types";

export const SA_PREFIX = "system:serviceaccount:";
export const AUTHENTICATED = "system:authenticated";
export const UNAUTHENTICATED = "system:unauthenticated";
export const ANONYMOUS = "system:anonymous";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** the namespace and name of a `system:serviceaccount:<ns>:<name>` user; undefined for anything else */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(":");
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts;
  if (namespace.length > 63 || !DNS_LABEL.test(namespace)) return undefined;
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) return undefined;
  return { namespace, name };
}

export function serviceAccountGroups(namespace: string): string[] {
  return ["system:serviceaccounts", `system:serviceaccounts:${namespace}`];
}

/**
 * Whether a subject names the user. A ServiceAccount subject without a namespace means the binding's
 * own namespace (a ClusterRoleBinding has none, so such a subject matches nobody there).
 */
export function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return user.name === subject.name;
    case "Group":
      return subject.name !== undefined && user.groups.includes(subject.name);
    case "ServiceAccount": {
      const ns = subject.namespace || bindingNamespace;
      return !!ns && user.name === serviceAccountUsername(ns, subject.name ?? "");
    }
    default:
      return false;
  }
}

/** how upstream names the subject a decision came from: `Group "system:masters"`, `ServiceAccount "sa/default"` */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === "ServiceAccount") {
    return `${subject.kind} ${JSON.stringify(`${subject.name ?? ""}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind ?? ""} ${JSON.stringify(subject.name ?? "")}`;
}
