import { describe, expect, it } from "vitest";
import { BOOTSTRAP_CLUSTER_ROLES, BOOTSTRAP_CLUSTER_ROLE_BINDINGS } from "../../../src/api/rbac/bootstrap-policy";
import { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectRulesReview, subjectAccessReview } from "../../../src/api/rbac/access-reviews";
import { selfSubjectReview } from "../../../src/api/rbac/self-subject-review";
import { CLUSTER_ADMIN_USER } from "../../../src/api/rbac/impersonation";
import type { PolicyRule, ReviewContext } from "../../../src/api/rbac/types";
import { policyOf } from "./policy-fixture";

const roleNamed = (name: string) => BOOTSTRAP_CLUSTER_ROLES.find((r) => r.metadata.name === name);
const rulesOf = (name: string) => (roleNamed(name)?.rules ?? []) as PolicyRule[];

describe("seeded default RBAC", () => {
  it("flattens view, edit and admin the way the aggregation controller does", () => {
    expect(rulesOf("view")).toEqual(rulesOf("system:aggregate-to-view"));
    expect(rulesOf("edit")).toEqual([...rulesOf("system:aggregate-to-edit"), ...rulesOf("view")]);
    expect(rulesOf("admin")).toEqual([...rulesOf("edit"), ...rulesOf("system:aggregate-to-admin")]);
    expect(rulesOf("admin")).toHaveLength(25);
  });

  it("carries the labels, annotation and aggregationRule of the real objects", () => {
    expect(roleNamed("edit")).toMatchObject({
      metadata: {
        labels: { "kubernetes.io/bootstrapping": "rbac-defaults", "rbac.authorization.k8s.io/aggregate-to-admin": "true" },
        annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
      },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } }] },
    });
    expect(roleNamed("cluster-admin")?.aggregationRule).toBeUndefined();
    expect(BOOTSTRAP_CLUSTER_ROLE_BINDINGS.map((b) => b.metadata.name)).toEqual(["cluster-admin", "kubeadm:cluster-admins", "system:basic-user", "system:discovery", "system:public-info-viewer"]);
    expect(BOOTSTRAP_CLUSTER_ROLE_BINDINGS[1].metadata.labels).toBeUndefined();
  });
});

describe("reviews", () => {
  const ctx = (user = CLUSTER_ADMIN_USER, namespace?: string): ReviewContext => ({ user, policy: policyOf({}), namespace, now: "2025-01-01T00:00:00Z" });
  const jane = { name: "jane", groups: ["system:authenticated"] };

  it("answers can-i for the requesting user", () => {
    const out = selfSubjectAccessReview({ metadata: {}, spec: { resourceAttributes: { verb: "create", group: "apps", resource: "deployments", namespace: "default" } } }, ctx());
    expect(out.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"' });
    expect(out.metadata).toEqual({ creationTimestamp: null });
    expect(selfSubjectAccessReview({ metadata: {}, spec: { nonResourceAttributes: { verb: "get", path: "/metrics" } } }, ctx(jane)).status).toEqual({ allowed: false });
  });

  it("validates like upstream", () => {
    expect(() => selfSubjectAccessReview({ metadata: {}, spec: {} }, ctx())).toThrow(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    expect(() => subjectAccessReview({ metadata: {}, spec: { resourceAttributes: { verb: "get" } } }, ctx())).toThrow('spec.user: Invalid value: "": at least one of user or group must be specified');
    expect(() => localSubjectAccessReview({ metadata: { namespace: "a" }, spec: { user: "x", resourceAttributes: { verb: "get", namespace: "b" } } }, ctx(jane, "a"))).toThrow(
      'spec.resourceAttributes.namespace: Invalid value: "b": must match metadata.namespace',
    );
    expect(() => selfSubjectRulesReview({ metadata: {}, spec: {} }, ctx())).toThrow("no namespace on request");
  });

  it("checks another subject with SubjectAccessReview, without adding groups", () => {
    const spec = { user: "jane", resourceAttributes: { verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews" } };
    expect(subjectAccessReview({ metadata: {}, spec }, ctx()).status).toEqual({ allowed: false });
    expect(subjectAccessReview({ metadata: {}, spec: { ...spec, groups: ["system:authenticated"] } }, ctx()).status).toMatchObject({ allowed: true });
  });

  it("lists rules split into resource and non-resource rules", () => {
    const out = selfSubjectRulesReview({ metadata: {}, spec: { namespace: "default" } }, ctx(jane));
    expect(out.spec).toEqual({});
    expect(out.status).toMatchObject({
      incomplete: false,
      resourceRules: [
        { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] },
        { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] },
      ],
    });
  });

  it("tells who is asking", () => {
    expect(selfSubjectReview({ metadata: {} }, ctx())).toEqual({
      metadata: { creationTimestamp: "2025-01-01T00:00:00Z" },
      status: { userInfo: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } },
    });
  });
});
