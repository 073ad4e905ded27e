// Impersonated requests are authorized against the cluster's RBAC objects; reviews answer for the caller.
import { describe, expect, it, beforeAll } from "vitest";
import { api, createCluster, type Cluster } from "./harness";

type Json = Record<string, unknown>;

const SA = "system:serviceaccount:default:sa";
const as = (user: string, extra: Record<string, string> = {}) => ({ headers: { "impersonate-user": user, ...extra } });
const post = (body: Json, init: { headers?: Record<string, string> } = {}) => ({ method: "POST", body: JSON.stringify(body), headers: init.headers });

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

describe("RBAC for impersonated requests", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster();
    const writes: Array<[string, Json]> = [
      ["/api/v1/namespaces/default/serviceaccounts", { metadata: { name: "sa" } }],
      ["/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", { metadata: { name: "pod-reader" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }] }],
      [
        "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
        { metadata: { name: "rb" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" }, subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "default" }] },
      ],
      ["/api/v1/namespaces/default/pods", { metadata: { name: "web" }, spec: { containers: [{ name: "c", image: "nginx" }] } }],
    ];
    for (const [path, body] of writes) expect((await api(c, path, post(body))).status).toBe(201);
  });

  it("seeds the default cluster roles and bindings", async () => {
    const roles = await json(await api(c, "/apis/rbac.authorization.k8s.io/v1/clusterroles"));
    const names = (roles.items as Array<{ metadata: { name: string } }>).map((r) => r.metadata.name);
    for (const n of ["admin", "cluster-admin", "edit", "view", "system:basic-user", "system:discovery", "system:public-info-viewer"]) expect(names).toContain(n);
    const view = await json(await api(c, "/apis/rbac.authorization.k8s.io/v1/clusterroles/view"));
    expect(view.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }] });
    expect((await api(c, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:cluster-admins")).status).toBe(200);
  });

  it("answers a denied request with upstream's 403 Status", async () => {
    const res = await api(c, "/api/v1/namespaces/default/pods", as("jane"));
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: "Forbidden",
      details: { kind: "pods" },
      code: 403,
    });
    const cases: Array<[string, RequestInit, string]> = [
      ["/api/v1/namespaces/default/pods/web", { method: "DELETE" }, 'pods "web" is forbidden: User "system:serviceaccount:default:sa" cannot delete resource "pods" in API group "" in the namespace "default"'],
      ["/api/v1/namespaces/default/pods/web/log", {}, 'pods "web" is forbidden: User "system:serviceaccount:default:sa" cannot get resource "pods/log" in API group "" in the namespace "default"'],
      ["/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true", { method: "POST" }, 'pods "web" is forbidden: User "system:serviceaccount:default:sa" cannot create resource "pods/exec" in API group "" in the namespace "default"'],
      ["/api/v1/nodes", {}, 'nodes is forbidden: User "system:serviceaccount:default:sa" cannot list resource "nodes" in API group "" at the cluster scope'],
      ["/apis/apps/v1/namespaces/default/deployments", { method: "POST", body: "{}" }, 'deployments.apps is forbidden: User "system:serviceaccount:default:sa" cannot create resource "deployments" in API group "apps" in the namespace "default"'],
      ["/api/v1/namespaces/default/configmaps?watch=true", {}, 'configmaps is forbidden: User "system:serviceaccount:default:sa" cannot watch resource "configmaps" in API group "" in the namespace "default"'],
      ["/netsim/dns?name=kubernetes", {}, 'forbidden: User "system:serviceaccount:default:sa" cannot get path "/netsim/dns"'],
    ];
    for (const [path, init, message] of cases) {
      const res = await api(c, path, { ...init, headers: { "impersonate-user": SA } });
      expect(res.status, path).toBe(403);
      expect((await json(res)).message, path).toBe(message);
    }
  });

  it("lets the bound service account through, and discovery to anyone authenticated", async () => {
    const list = await api(c, "/api/v1/namespaces/default/pods", as(SA));
    expect(list.status).toBe(200);
    expect(((await json(list)).items as unknown[]).length).toBe(1);
    expect((await api(c, "/api/v1/namespaces/default/pods/web", as(SA))).status).toBe(200);
    expect((await api(c, "/api/v1/namespaces/kube-system/pods", as(SA))).status).toBe(403);
    for (const path of ["/api", "/apis", "/api/v1", "/apis/apps/v1", "/version", "/openapi/v3"]) {
      expect((await api(c, path, as("jane"))).status, path).toBe(200);
    }
  });

  it("keeps the cluster token working when nobody is impersonated", async () => {
    expect((await api(c, "/api/v1/nodes")).status).toBe(200);
    expect((await api(c, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:cluster-admins", { method: "DELETE" })).status).toBe(200);
    expect((await api(c, "/api/v1/nodes")).status).toBe(200);
    // ... while an impersonated member of the same group has lost cluster-admin
    expect((await api(c, "/api/v1/nodes", as("kubernetes-admin", { "impersonate-group": "kubeadm:cluster-admins" }))).status).toBe(403);
  });

  it("names missing roles in the reason", async () => {
    const body = { metadata: { name: "dangling" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "gone" }, subjects: [{ kind: "User", name: "bob" }] };
    expect((await api(c, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", post(body))).status).toBe(201);
    const res = await api(c, "/api/v1/namespaces/default/configmaps", as("bob"));
    expect((await json(res)).message).toBe('configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "gone" not found');
  });
});

describe("review APIs", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster();
  });

  const ssar = (attrs: Json) => ({ kind: "SelfSubjectAccessReview", apiVersion: "authorization.k8s.io/v1", metadata: { creationTimestamp: null }, spec: attrs, status: { allowed: false } });

  it("answers SelfSubjectAccessReview for the caller, created and never stored", async () => {
    const res = await api(c, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", post(ssar({ resourceAttributes: { namespace: "default", verb: "create", group: "apps", resource: "deployments" } })));
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: "default", verb: "create", group: "apps", resource: "deployments" } },
      status: { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"' },
    });
    const denied = await json(await api(c, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", post(ssar({ resourceAttributes: { verb: "list", resource: "secrets" } }), as("jane"))));
    expect(denied.status).toEqual({ allowed: false });
    expect((await api(c, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")).status).toBe(405);
    expect((await api(c, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/x")).status).toBe(405);
    const bad = await api(c, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", post(ssar({})));
    expect(bad.status).toBe(422);
  });

  it("answers SelfSubjectRulesReview with the caller's rules in a namespace", async () => {
    const body = { kind: "SelfSubjectRulesReview", apiVersion: "authorization.k8s.io/v1", metadata: { creationTimestamp: null }, spec: { namespace: "default" }, status: { resourceRules: null, nonResourceRules: null, incomplete: false } };
    const res = await api(c, "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", post(body, as("jane")));
    expect(res.status).toBe(201);
    const out = await json(res);
    expect(out.spec).toEqual({});
    const status = out.status as { resourceRules: Json[]; nonResourceRules: Json[]; incomplete: boolean };
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules).toContainEqual({ verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] });
    expect(status.nonResourceRules).toContainEqual({ verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"] });
  });

  it("checks another subject with SubjectAccessReview and LocalSubjectAccessReview", async () => {
    const spec = { user: "jane", groups: ["system:authenticated"], resourceAttributes: { verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews" } };
    const sar = await json(await api(c, "/apis/authorization.k8s.io/v1/subjectaccessreviews", post({ apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec })));
    expect(sar.status).toMatchObject({ allowed: true });
    expect(sar.spec).toEqual(spec);
    const local = await api(c, "/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews", post({ metadata: { namespace: "default" }, spec: { user: "jane", resourceAttributes: { namespace: "default", verb: "get", resource: "pods" } } }));
    expect(local.status).toBe(201);
    expect((await json(local)).status).toEqual({ allowed: false });
  });

  it("tells who is asking with SelfSubjectReview", async () => {
    const body = { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", metadata: { creationTimestamp: null }, status: { userInfo: {} } };
    const me = await json(await api(c, "/apis/authentication.k8s.io/v1/selfsubjectreviews", post(body)));
    expect(me.status).toEqual({ userInfo: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
    const sa = await json(await api(c, "/apis/authentication.k8s.io/v1/selfsubjectreviews", post(body, as("system:serviceaccount:dev:builder"))));
    expect(sa.status).toEqual({ userInfo: { username: "system:serviceaccount:dev:builder", groups: ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"] } });
  });

  it("serves the reviews in discovery and OpenAPI", async () => {
    const list = await json(await api(c, "/apis/authorization.k8s.io/v1"));
    const resources = list.resources as Array<{ name: string; namespaced: boolean; verbs: string[] }>;
    expect(resources.map((r) => [r.name, r.namespaced, r.verbs])).toEqual([
      ["localsubjectaccessreviews", true, ["create"]],
      ["selfsubjectaccessreviews", false, ["create"]],
      ["selfsubjectrulesreviews", false, ["create"]],
      ["subjectaccessreviews", false, ["create"]],
    ]);
    const doc = await json(await api(c, "/openapi/v3/apis/authentication.k8s.io/v1"));
    const path = (doc.paths as Record<string, { post?: { operationId?: string } }>)["/apis/authentication.k8s.io/v1/selfsubjectreviews"];
    expect(path.post?.operationId).toBe("createAuthenticationV1SelfSubjectReview");
  });
});
