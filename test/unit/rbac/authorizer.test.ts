import { describe, expect, it } from "vitest";
import { authorize, rulesFor } from "../../../src/api/rbac/authorizer";
import { CLUSTER_ADMIN_USER } from "../../../src/api/rbac/impersonation";
import type { Attributes, UserInfo } from "../../../src/api/rbac/types";
import { policyOf, role, roleBinding } from "./policy-fixture";

const jane: UserInfo = { name: "jane", groups: ["system:authenticated"] };
const sa: UserInfo = { name: "system:serviceaccount:default:sa", groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"] };
const pods = (verb: string, namespace = "default", extra: Partial<Attributes> = {}): Attributes => ({ resourceRequest: true, verb, apiGroup: "", resource: "pods", namespace, ...extra });
const podReader = role("default", "pod-reader", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }]);

describe("RBAC authorizer", () => {
  it("allows the kubeadm admin everything through kubeadm:cluster-admins", () => {
    const d = authorize(policyOf({}), CLUSTER_ADMIN_USER, { resourceRequest: true, verb: "delete", apiGroup: "apps", resource: "deployments", namespace: "x", name: "y" });
    expect(d).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"' });
  });

  it("gives every authenticated user discovery, whoami and can-i, and nothing else", () => {
    const p = policyOf({});
    expect(authorize(p, jane, { resourceRequest: false, verb: "get", path: "/apis/apps/v1" }).allowed).toBe(true);
    expect(authorize(p, jane, { resourceRequest: false, verb: "get", path: "/openapi/v3" }).allowed).toBe(true);
    expect(authorize(p, jane, { resourceRequest: true, verb: "create", apiGroup: "authorization.k8s.io", resource: "selfsubjectaccessreviews" }).allowed).toBe(true);
    expect(authorize(p, jane, { resourceRequest: true, verb: "create", apiGroup: "authentication.k8s.io", resource: "selfsubjectreviews" }).allowed).toBe(true);
    expect(authorize(p, jane, pods("list"))).toEqual({ allowed: false, reason: "" });
    expect(authorize(p, { name: "anon", groups: [] }, { resourceRequest: false, verb: "get", path: "/api" }).allowed).toBe(false);
  });

  it("binds a Role to a service account in its namespace only", () => {
    const p = policyOf({ roles: [podReader], roleBindings: [roleBinding("default", "rb", { kind: "Role", name: "pod-reader" }, [{ kind: "ServiceAccount", name: "sa", namespace: "default" }])] });
    expect(authorize(p, sa, pods("list"))).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "rb/default" of Role "pod-reader" to ServiceAccount "sa/default"' });
    expect(authorize(p, sa, pods("delete", "default", { name: "x" })).allowed).toBe(false);
    expect(authorize(p, sa, pods("list", "kube-system")).allowed).toBe(false);
    expect(authorize(p, sa, pods("list", "")).allowed).toBe(false);
    expect(authorize(p, jane, pods("list")).allowed).toBe(false);
  });

  it("defaults a ServiceAccount subject's namespace to the RoleBinding's", () => {
    const p = policyOf({ roles: [podReader], roleBindings: [roleBinding("default", "rb", { kind: "Role", name: "pod-reader" }, [{ kind: "ServiceAccount", name: "sa" }])] });
    expect(authorize(p, sa, pods("get", "default", { name: "x" })).allowed).toBe(true);
  });

  it("matches users, groups and the service account groups", () => {
    const view = (subjects: Array<{ kind: string; name: string; namespace?: string }>) =>
      policyOf({ roleBindings: [roleBinding("default", "v", { kind: "ClusterRole", name: "view" }, subjects)] });
    expect(authorize(view([{ kind: "User", name: "jane" }]), jane, pods("list")).allowed).toBe(true);
    expect(authorize(view([{ kind: "Group", name: "system:serviceaccounts:default" }]), sa, pods("list")).allowed).toBe(true);
    expect(authorize(view([{ kind: "Group", name: "system:serviceaccounts" }]), jane, pods("list")).allowed).toBe(false);
    expect(authorize(view([{ kind: "Group", name: "system:authenticated" }]), jane, pods("watch")).allowed).toBe(true);
  });

  it("uses the seeded aggregated rules of view, edit and admin", () => {
    const bind = (name: string) => policyOf({ roleBindings: [roleBinding("default", name, { kind: "ClusterRole", name }, [{ kind: "User", name: "jane" }])] });
    expect(authorize(bind("view"), jane, pods("get", "default", { subresource: "log", name: "p" })).allowed).toBe(true);
    expect(authorize(bind("view"), jane, { ...pods("list"), resource: "secrets" }).allowed).toBe(false);
    expect(authorize(bind("edit"), jane, { ...pods("create"), subresource: "exec", name: "p" }).allowed).toBe(true);
    expect(authorize(bind("edit"), jane, { ...pods("list"), resource: "secrets" }).allowed).toBe(true);
    expect(authorize(bind("edit"), jane, { resourceRequest: true, verb: "create", apiGroup: "rbac.authorization.k8s.io", resource: "roles", namespace: "default" }).allowed).toBe(false);
    expect(authorize(bind("admin"), jane, { resourceRequest: true, verb: "create", apiGroup: "rbac.authorization.k8s.io", resource: "roles", namespace: "default" }).allowed).toBe(true);
    expect(authorize(bind("admin"), jane, { resourceRequest: true, verb: "patch", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "default", name: "d" }).allowed).toBe(true);
  });

  it("reports bindings to roles that do not exist", () => {
    const p = policyOf({
      roleBindings: [
        roleBinding("default", "a", { kind: "Role", name: "gone" }, [{ kind: "User", name: "jane" }]),
        roleBinding("default", "b", { kind: "ClusterRole", name: "also-gone" }, [{ kind: "User", name: "jane" }]),
      ],
    });
    expect(authorize(p, jane, pods("list")).reason).toBe('RBAC: [role.rbac.authorization.k8s.io "gone" not found, clusterrole.rbac.authorization.k8s.io "also-gone" not found]');
    const one = policyOf({ roleBindings: [roleBinding("default", "a", { kind: "Role", name: "gone" }, [{ kind: "User", name: "jane" }])] });
    expect(authorize(one, jane, pods("list")).reason).toBe('RBAC: role.rbac.authorization.k8s.io "gone" not found');
  });

  it("lists every rule that applies in a namespace", () => {
    const p = policyOf({ roles: [podReader], roleBindings: [roleBinding("default", "rb", { kind: "Role", name: "pod-reader" }, [{ kind: "ServiceAccount", name: "sa" }])] });
    const { rules, errors } = rulesFor(p, sa, "default");
    expect(errors).toEqual([]);
    expect(rules.some((r) => r.resources?.includes("selfsubjectaccessreviews"))).toBe(true);
    expect(rules.some((r) => r.nonResourceURLs?.includes("/apis/*"))).toBe(true);
    expect(rules.at(-1)).toEqual({ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] });
    expect(rulesFor(p, sa, "kube-system").rules.some((r) => r.resources?.includes("pods"))).toBe(false);
  });
});
