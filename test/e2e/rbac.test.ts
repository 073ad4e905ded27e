// RBAC as a learner meets it, with the pinned kubectl: whoami, can-i, a ServiceAccount bound to a Role,
// impersonation with --as, and the seeded default cluster roles.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";

const SA = "system:serviceaccount:default:sa";
const AS = `--as=${SA}`;

describe("RBAC with kubectl", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ profile: "fast" });
  });

  it("says who the kubeconfig's user is", async () => {
    const r = await k.kubectl(["auth", "whoami"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n");
    const sa = await k.kubectl(["auth", "whoami", AS]);
    expect(sa.stdout).toMatch(/Username\s+system:serviceaccount:default:sa\nGroups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]/);
  });

  it("lets the admin do anything", async () => {
    const r = await k.kubectl(["auth", "can-i", "create", "deployments"]);
    expect(r).toMatchObject({ code: 0, stdout: "yes\n" });
    expect((await k.kubectl(["auth", "can-i", "*", "*"])).stdout).toBe("yes\n");
  });

  it("binds a Role to a ServiceAccount and checks it with --as", async () => {
    expect((await k.kubectl(["create", "serviceaccount", "sa"])).stdout).toBe("serviceaccount/sa created\n");
    expect((await k.kubectl(["create", "role", "pod-reader", "--verb=get,list,watch", "--resource=pods"])).stdout).toBe("role.rbac.authorization.k8s.io/pod-reader created\n");
    expect((await k.kubectl(["create", "rolebinding", "sa-pod-reader", "--role=pod-reader", "--serviceaccount=default:sa"])).stdout).toBe(
      "rolebinding.rbac.authorization.k8s.io/sa-pod-reader created\n",
    );
    expect(await k.kubectl(["auth", "can-i", "list", "pods", AS])).toMatchObject({ code: 0, stdout: "yes\n" });
    expect(await k.kubectl(["auth", "can-i", "delete", "pods", AS])).toMatchObject({ code: 1, stdout: "no\n" });
    expect(await k.kubectl(["auth", "can-i", "list", "pods", "-n", "kube-system", AS])).toMatchObject({ code: 1, stdout: "no\n" });
    expect(await k.kubectl(["auth", "can-i", "get", "/version", AS])).toMatchObject({ code: 0, stdout: "yes\n" });
  });

  it("runs the ServiceAccount's allowed requests and refuses the rest with upstream's message", async () => {
    expect((await k.kubectl(["run", "x", "--image=nginx"])).code).toBe(0);
    // kubectl logs waits for a pod that is still starting; the refusal must not depend on that
    await k.advance(30);
    const get = await k.kubectl(["get", "pods", AS]);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nx\s+/);
    const del = await k.kubectl(["delete", "pod", "x", AS]);
    expect(del.code).toBe(1);
    expect(del.stderr).toBe('Error from server (Forbidden): pods "x" is forbidden: User "system:serviceaccount:default:sa" cannot delete resource "pods" in API group "" in the namespace "default"\n');
    const logs = await k.kubectl(["logs", "x", AS]);
    expect(logs.stderr).toBe('Error from server (Forbidden): pods "x" is forbidden: User "system:serviceaccount:default:sa" cannot get resource "pods/log" in API group "" in the namespace "default"\n');
    const nodes = await k.kubectl(["get", "nodes", AS]);
    expect(nodes.stderr).toBe('Error from server (Forbidden): nodes is forbidden: User "system:serviceaccount:default:sa" cannot list resource "nodes" in API group "" at the cluster scope\n');
    // the pod survived the refused delete
    expect((await k.kubectl(["get", "pod", "x", "-o", "name"])).stdout).toBe("pod/x\n");
  });

  it("answers the next request after a refused write (the refused request's body is taken off the connection)", async () => {
    // before the fix, about one round in ten waited for its answer until the client gave up
    for (let i = 0; i < 20; i++) {
      const del = await k.kubectl(["delete", "pod", "x", AS, "--request-timeout=5s"]);
      expect(del.stderr).toContain("is forbidden");
      const get = await k.kubectl(["get", "pod", "x", "-o", "name", "--request-timeout=5s"]);
      expect(get).toMatchObject({ code: 0, stdout: "pod/x\n" });
    }
  });

  it("refuses a user nobody bound with the list error, not a discovery error", async () => {
    const r = await k.kubectl(["get", "pods", "--as=jane"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n');
    const dep = await k.kubectl(["create", "deployment", "d", "--image=nginx", "--as=jane"]);
    expect(dep.stderr).toBe('error: failed to create deployment: deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"\n');
  });

  it("lists what the ServiceAccount may do", async () => {
    const r = await k.kubectl(["auth", "can-i", "--list", AS]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
    expect(lines).toContainEqual(expect.stringMatching(/^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+\[\/apis\/\*\]\s+\[\]\s+\[get\]$/));
    expect(lines.some((l) => l.startsWith("deployments"))).toBe(false);
  });

  it("shows the seeded default cluster roles", async () => {
    const view = await k.kubectl(["get", "clusterrole", "view", "-o", "yaml"]);
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(/^aggregationRule:\n {2}clusterRoleSelectors:\n {2}- matchLabels:\n {6}rbac\.authorization\.k8s\.io\/aggregate-to-view: "true"\n/);
    expect(view.stdout).toContain('  annotations:\n    rbac.authorization.kubernetes.io/autoupdate: "true"\n');
    expect(view.stdout).toContain('  labels:\n    kubernetes.io/bootstrapping: rbac-defaults\n    rbac.authorization.k8s.io/aggregate-to-edit: "true"\n  name: view\n');
    expect(view.stdout).toContain("  - pods/log\n");
    const admin = await k.kubectl(["describe", "clusterrole", "admin"]);
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/^Name:\s+admin\nLabels:\s+kubernetes\.io\/bootstrapping=rbac-defaults\nAnnotations:\s+rbac\.authorization\.kubernetes\.io\/autoupdate: true\nPolicyRule:\n/);
    expect(admin.stdout).toMatch(/\n {2}rolebindings\.rbac\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create delete deletecollection get list patch update watch\]\n/);
    expect(admin.stdout).toMatch(/\n {2}pods\/exec\s+\[\]\s+\[\]\s+\[get list watch create delete deletecollection patch update\]\n/);
    const bindings = await k.kubectl(["get", "clusterrolebindings"]);
    expect(bindings.stdout).toMatch(/\nkubeadm:cluster-admins\s+ClusterRole\/cluster-admin\s+/);
  });

  it("lists the review APIs with their verbs", async () => {
    const r = await k.kubectl(["api-resources", "--api-group=authorization.k8s.io", "-o", "wide"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nselfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview\s+create\s*\n/);
    expect(r.stdout).toMatch(/\nlocalsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+true\s+LocalSubjectAccessReview\s+create\s*\n/);
  });
});
