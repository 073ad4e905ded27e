import { describe, expect, it } from "vitest";
import { requestAttributes } from "../../../src/api/rbac/request-attributes";
import { impersonatedUser } from "../../../src/api/rbac/impersonation";
import { forbiddenError } from "../../../src/api/rbac/forbidden";

const attrs = (method: string, url: string) => {
  const u = new URL(url, "https://x");
  return requestAttributes(method, u.pathname, u.searchParams);
};

describe("request attributes", () => {
  it("names verbs like the API server", () => {
    expect(attrs("GET", "/api/v1/namespaces/default/pods")).toMatchObject({ resourceRequest: true, verb: "list", resource: "pods", namespace: "default" });
    expect(attrs("GET", "/api/v1/pods?watch=true")).toMatchObject({ verb: "watch", namespace: "" });
    expect(attrs("GET", "/api/v1/namespaces/default/pods/web")).toMatchObject({ verb: "get", name: "web" });
    expect(attrs("DELETE", "/api/v1/namespaces/default/pods")).toMatchObject({ verb: "deletecollection" });
    expect(attrs("DELETE", "/apis/apps/v1/namespaces/d/deployments/x")).toMatchObject({ verb: "delete", apiGroup: "apps", name: "x" });
    expect(attrs("PATCH", "/apis/apps/v1/namespaces/d/deployments/x/scale")).toMatchObject({ verb: "patch", subresource: "scale" });
    expect(attrs("POST", "/api/v1/namespaces/default/pods/web/exec")).toMatchObject({ verb: "create", subresource: "exec" });
    expect(attrs("GET", "/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb")).toMatchObject({ verb: "list", name: "web" });
  });

  it("treats a namespace as in its own namespace", () => {
    expect(attrs("GET", "/api/v1/namespaces/kube-system")).toMatchObject({ resource: "namespaces", name: "kube-system", namespace: "kube-system" });
    expect(attrs("PUT", "/api/v1/namespaces/x/finalize")).toMatchObject({ resource: "namespaces", name: "x", subresource: "finalize", verb: "update" });
  });

  it("leaves discovery and other paths as non-resource requests", () => {
    for (const p of ["/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/openapi/v3/apis/apps/v1"]) {
      expect(attrs("GET", p)).toEqual({ resourceRequest: false, verb: "get", path: p });
    }
  });
});

describe("impersonation headers", () => {
  it("is nobody without them", () => {
    expect(impersonatedUser(new Headers({ authorization: "Bearer x" }))).toBeUndefined();
  });

  it("adds system:authenticated, and a service account's groups", () => {
    expect(impersonatedUser(new Headers({ "impersonate-user": "jane" }))).toEqual({ name: "jane", groups: ["system:authenticated"] });
    expect(impersonatedUser(new Headers({ "impersonate-user": "system:serviceaccount:dev:builder" }))).toEqual({
      name: "system:serviceaccount:dev:builder",
      groups: ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"],
    });
    const h = new Headers({ "impersonate-user": "system:serviceaccount:dev:builder" });
    h.append("impersonate-group", "devs");
    h.append("impersonate-group", "ops");
    expect(impersonatedUser(h)?.groups).toEqual(["devs", "ops", "system:authenticated"]);
    expect(impersonatedUser(new Headers({ "impersonate-user": "system:anonymous" }))?.groups).toEqual([]);
  });

  it("keeps the uid and extras", () => {
    const u = impersonatedUser(new Headers({ "impersonate-user": "jane", "impersonate-uid": "42", "impersonate-extra-scopes%2Fx": "a" }));
    expect(u).toEqual({ name: "jane", uid: "42", groups: ["system:authenticated"], extra: { "scopes/x": ["a"] } });
  });

  it("refuses groups without a user", () => {
    expect(() => impersonatedUser(new Headers({ "impersonate-group": "g" }))).toThrow(/without impersonating a user/);
  });
});

describe("forbidden messages", () => {
  const jane = { name: "jane", groups: [] };
  it("words namespaced, cluster-scoped, subresource and path denials like upstream", () => {
    expect(forbiddenError(jane, attrs("GET", "/api/v1/namespaces/default/pods"), "").message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    expect(forbiddenError(jane, attrs("GET", "/api/v1/nodes"), "").message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    expect(forbiddenError(jane, attrs("GET", "/api/v1/namespaces/d/pods/p/log"), "").message).toBe('pods "p" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "d"');
    expect(forbiddenError(jane, attrs("POST", "/apis/apps/v1/namespaces/d/deployments"), "").message).toBe('deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "d"');
    expect(forbiddenError(jane, attrs("GET", "/healthz"), "").message).toBe('forbidden: User "jane" cannot get path "/healthz"');
    const e = forbiddenError(jane, attrs("DELETE", "/api/v1/namespaces/d/pods/p"), 'RBAC: role.rbac.authorization.k8s.io "r" not found');
    expect(e.message).toBe('pods "p" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "d": RBAC: role.rbac.authorization.k8s.io "r" not found');
    expect(e.toStatus()).toMatchObject({ code: 403, reason: "Forbidden", details: { name: "p", kind: "pods" } });
  });
});
