// The RBAC authorizer: ClusterRoleBindings first, then the RoleBindings of the request's namespace,
// each bound role's rules tried in order until one allows (rbac.DefaultRuleResolver.VisitRulesFor).
// Roles are read as stored: admin, edit and view are seeded with their aggregated rules, so no
// aggregation runs here.
import type { Attributes, BindingLike, PolicyRule, PolicySource, RoleLike, UserInfo } from "./types";
import { ruleAllows } from "./rules";
import { appliesToUser, describeSubject } from "./subjects";

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ...` when allowed; the evaluation errors (missing roles) when not, else "" */
  reason: string;
}

/** where a rule came from, for the `allowed by` reason */
type Source = () => string;

/** return false to stop the walk */
type Visitor = (source: Source | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

function roleRules(policy: PolicySource, binding: BindingLike, namespace: string): { rules: PolicyRule[] } | { error: string } {
  const ref = binding.roleRef ?? {};
  const name = ref.name ?? "";
  let role: RoleLike | undefined;
  if (ref.kind === "ClusterRole") {
    role = policy.clusterRole(name);
    if (!role) return { error: `clusterrole.rbac.authorization.k8s.io ${JSON.stringify(name)} not found` };
  } else if (ref.kind === "Role") {
    role = policy.role(namespace, name);
    if (!role) return { error: `role.rbac.authorization.k8s.io ${JSON.stringify(name)} not found` };
  } else {
    return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind ?? "")}` };
  }
  return { rules: role.rules ?? [] };
}

function visitRules(policy: PolicySource, user: UserInfo, namespace: string, visit: Visitor): void {
  const walk = (bindings: readonly BindingLike[], kind: "ClusterRoleBinding" | "RoleBinding", ns: string): boolean => {
    for (const binding of bindings) {
      const subject = (binding.subjects ?? []).find((s) => appliesToUser(user, s, ns));
      if (!subject) continue;
      const found = roleRules(policy, binding, ns);
      if ("error" in found) {
        if (!visit(undefined, undefined, found.error)) return false;
        continue;
      }
      const name = kind === "RoleBinding" ? `${binding.metadata.name ?? ""}/${ns}` : binding.metadata.name ?? "";
      const source = () =>
        `${kind} ${JSON.stringify(name)} of ${binding.roleRef?.kind ?? ""} ${JSON.stringify(binding.roleRef?.name ?? "")} to ${describeSubject(subject, ns)}`;
      for (const rule of found.rules) if (!visit(source, rule, undefined)) return false;
    }
    return true;
  };
  if (!walk(policy.clusterRoleBindings(), "ClusterRoleBinding", "")) return;
  if (namespace) walk(policy.roleBindings(namespace), "RoleBinding", namespace);
}

/** Go's utilerrors.NewAggregate(...).Error(): one message alone, several as `[a, b]`, duplicates once */
export function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(", ")}]`;
}

export function authorize(policy: PolicySource, user: UserInfo, attrs: Attributes): Decision {
  let allowedBy: string | undefined;
  const errors: string[] = [];
  visitRules(policy, user, attrs.namespace ?? "", (source, rule, error) => {
    if (rule && source && ruleAllows(attrs, rule)) {
      allowedBy = source();
      return false;
    }
    if (error) errors.push(error);
    return true;
  });
  if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  return { allowed: false, reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : "" };
}

/** every rule that applies to the user in the namespace (SelfSubjectRulesReview), with the evaluation errors */
export function rulesFor(policy: PolicySource, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRules(policy, user, namespace, (_source, rule, error) => {
    if (rule) rules.push(rule);
    if (error) errors.push(error);
    return true;
  });
  return { rules, errors };
}
