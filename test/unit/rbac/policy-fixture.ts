// An in-memory PolicySource over plain RBAC objects, and the seeded defaults for tests that need them.
import type { KubeObject } from "../../../src/api/kinds";
import type { BindingLike, PolicySource, RoleLike } from "../../../src/api/rbac/types";
import { BOOTSTRAP_CLUSTER_ROLES, BOOTSTRAP_CLUSTER_ROLE_BINDINGS } from "../../../src/api/rbac/bootstrap-policy";

export interface PolicyObjects {
  clusterRoles?: RoleLike[];
  roles?: RoleLike[];
  clusterRoleBindings?: BindingLike[];
  roleBindings?: BindingLike[];
}

const byName = <T extends { metadata: { name?: string } }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));

const asRole = (o: KubeObject): RoleLike => ({ metadata: o.metadata, rules: o.rules as RoleLike["rules"] });
const asBinding = (o: KubeObject): BindingLike => ({ metadata: o.metadata, roleRef: o.roleRef as BindingLike["roleRef"], subjects: o.subjects as BindingLike["subjects"] });

export function policyOf(o: PolicyObjects, withDefaults = true): PolicySource {
  const clusterRoles = [...(o.clusterRoles ?? []), ...(withDefaults ? BOOTSTRAP_CLUSTER_ROLES.map(asRole) : [])];
  const crbs = byName([...(o.clusterRoleBindings ?? []), ...(withDefaults ? BOOTSTRAP_CLUSTER_ROLE_BINDINGS.map(asBinding) : [])]);
  return {
    clusterRoleBindings: () => crbs,
    roleBindings: (ns) => byName((o.roleBindings ?? []).filter((b) => b.metadata.namespace === ns)),
    clusterRole: (name) => clusterRoles.find((r) => r.metadata.name === name),
    role: (ns, name) => (o.roles ?? []).find((r) => r.metadata.namespace === ns && r.metadata.name === name),
  };
}

export const role = (namespace: string, name: string, rules: RoleLike["rules"]): RoleLike => ({ metadata: { namespace, name }, rules });

export function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: BindingLike["subjects"]): BindingLike {
  return { metadata: { namespace, name }, roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects };
}
