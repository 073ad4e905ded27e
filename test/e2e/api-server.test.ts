// The API server as a real, pinned kubectl (v1.31) meets it: discovery, tables, apply, patch, watch, errors.
import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createCluster, KUBECTL, type Sandbox } from "./harness";

const APP_YAML = `apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-server1
  namespace: demo
  labels:
    app: nginx-server1
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx-server1
  template:
    metadata:
      labels:
        app: nginx-server1
    spec:
      containers:
      - name: nginx
        image: nginx:1.15-alpine
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx-svc
  namespace: demo
spec:
  selector:
    app: nginx-server1
  ports:
  - port: 80
    targetPort: 80
`;

function pod(name: string, labels: Record<string, string>): string {
  const l = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`).join("\n");
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${l}
spec:
  containers:
  - name: c1
    image: nginx:1.15-alpine
`;
}

describe("kubectl against a fresh sandbox cluster", () => {
  let k: Sandbox;
  beforeAll(async () => {
    k = await createCluster({ name: "e2e-api" });
  });

  it("reports the server version", async () => {
    const r = await k.kubectl(["version"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Server Version: v1\.31\.\d+/);
  });

  it("lists api-resources with short names", async () => {
    const r = await k.kubectl(["api-resources"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/);
    expect(lines.find((l) => l.startsWith("deployments "))).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(lines.find((l) => l.startsWith("pods "))).toMatch(/pods\s+po\s+v1\s+true\s+Pod/);
    expect(lines.find((l) => l.startsWith("cronjobs "))).toMatch(/cronjobs\s+cj\s+batch\/v1\s+true\s+CronJob/);
  });

  it("shows the course's nodes and kube-system objects", async () => {
    const nodes = await k.kubectl(["get", "nodes"]);
    expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    for (const n of ["k8s-master1", "k8s-master2", "k8s-master3", "k8s-worker1"]) expect(nodes.stdout).toContain(n);
    expect(nodes.stdout).toMatch(/k8s-master1\s+Ready\s+control-plane/);
    const svc = await k.kubectl(["get", "svc", "-n", "kube-system"]);
    expect(svc.stdout).toMatch(/kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP/);
    const def = await k.kubectl(["get", "svc"]);
    expect(def.stdout).toMatch(/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
  });

  it("applies a multi-document file: created, unchanged, configured", async () => {
    const f = k.file("app.yaml", APP_YAML);
    const first = await k.kubectl(["apply", "-f", f]);
    expect(first.stderr).toBe("");
    expect(first.stdout.trim().split("\n")).toEqual(["namespace/demo created", "deployment.apps/nginx-server1 created", "service/nginx-svc created"]);
    const second = await k.kubectl(["apply", "-f", f]);
    expect(second.stderr).toBe("");
    expect(second.stdout.trim().split("\n")).toEqual(["namespace/demo unchanged", "deployment.apps/nginx-server1 unchanged", "service/nginx-svc unchanged"]);
    const changed = k.file("app3.yaml", APP_YAML.replace("replicas: 2", "replicas: 3"));
    const third = await k.kubectl(["apply", "-f", changed]);
    expect(third.stderr).toBe("");
    expect(third.stdout.trim().split("\n")).toEqual(["namespace/demo unchanged", "deployment.apps/nginx-server1 configured", "service/nginx-svc unchanged"]);
    const got = await k.kubectl(["get", "deploy", "nginx-server1", "-n", "demo", "-o", "jsonpath={.spec.replicas} {.metadata.generation}"]);
    expect(got.stdout).toBe("3 2");
  });

  it("gets pods in the forms the course uses", async () => {
    await k.kubectl(["apply", "-f", k.file("pa.yaml", pod("pod-a", { app: "demo", zone: "A" }))]);
    await k.kubectl(["apply", "-f", k.file("pb.yaml", pod("pod-b", { app: "demo", zone: "B" }))]);
    await k.kubectl(["apply", "-f", k.file("pc.yaml", pod("pod-c", { app: "other", zone: "D" }))]);
    const wide = await k.kubectl(["get", "pods", "-o", "wide"]);
    expect(wide.stdout.split("\n")[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    const labels = await k.kubectl(["get", "pods", "--show-labels"]);
    expect(labels.stdout).toMatch(/pod-a\s+.*app=demo,zone=A/);
    const zoneA = await k.kubectl(["get", "pods", "-l", "zone=A", "-o", "name"]);
    expect(zoneA.stdout.trim()).toBe("pod/pod-a");
    const zoneIn = await k.kubectl(["get", "pods", "-l", "zone in (A,B,C)", "-o", "name"]);
    expect(zoneIn.stdout.trim().split("\n").sort()).toEqual(["pod/pod-a", "pod/pod-b"]);
    const cc = await k.kubectl(["get", "pods", "-o", "custom-columns=Name:metadata.name,Image:spec.containers[0].image"]);
    expect(cc.stdout).toMatch(/^Name\s+Image\npod-a\s+nginx:1\.15-alpine/);
    const yaml = await k.kubectl(["get", "pod", "pod-a", "-o", "yaml"]);
    expect(yaml.stdout).toMatch(/imagePullPolicy: IfNotPresent/);
    expect(yaml.stdout).toMatch(/restartPolicy: Always/);
    const many = await k.kubectl(["get", "deploy,svc", "-n", "demo"]);
    expect(many.stdout).toContain("deployment.apps/nginx-server1");
    expect(many.stdout).toContain("service/nginx-svc");
    const all = await k.kubectl(["get", "all", "-n", "demo"]);
    expect(all.stdout).toContain("service/nginx-svc");
  });

  it("labels and unlabels", async () => {
    const add = await k.kubectl(["label", "pod", "pod-c", "region=huanai", "env=test"]);
    expect(add.stdout.trim()).toBe("pod/pod-c labeled");
    const del = await k.kubectl(["label", "pod", "pod-c", "region-", "env-"]);
    expect(del.stdout.trim()).toBe("pod/pod-c unlabeled");
    const show = await k.kubectl(["get", "pod", "pod-c", "-o", "jsonpath={.metadata.labels}"]);
    expect(JSON.parse(show.stdout)).toEqual({ app: "other", zone: "D" });
    const node = await k.kubectl(["label", "nodes", "k8s-worker1", "bussiness=game"]);
    expect(node.stdout.trim()).toBe("node/k8s-worker1 labeled");
  });

  it("patches with strategic, merge and json patches, and reports no-ops", async () => {
    const smp = await k.kubectl(["patch", "svc", "nginx-svc", "-n", "demo", "-p", '{"spec":{"sessionAffinity":"ClientIP"}}']);
    expect(smp.stdout.trim()).toBe("service/nginx-svc patched");
    const again = await k.kubectl(["patch", "svc", "nginx-svc", "-n", "demo", "-p", '{"spec":{"sessionAffinity":"ClientIP"}}']);
    expect(again.stdout.trim()).toBe("service/nginx-svc patched (no change)");
    const merge = await k.kubectl(["patch", "deploy", "nginx-server1", "-n", "demo", "--type=merge", "-p", '{"metadata":{"annotations":{"team":"a"}}}']);
    expect(merge.stdout.trim()).toBe("deployment.apps/nginx-server1 patched");
    const json = await k.kubectl(["patch", "deploy", "nginx-server1", "-n", "demo", "--type=json", "-p", '[{"op":"replace","path":"/spec/replicas","value":1}]']);
    expect(json.stdout.trim()).toBe("deployment.apps/nginx-server1 patched");
    const image = await k.kubectl(["set", "image", "deployment/nginx-server1", "nginx=nginx:1.16-alpine", "-n", "demo"]);
    expect(image.stdout.trim()).toBe("deployment.apps/nginx-server1 image updated");
    const got = await k.kubectl(["get", "deploy", "nginx-server1", "-n", "demo", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.annotations.team}"]);
    expect(got.stdout).toBe("1 nginx:1.16-alpine a");
  });

  it("edits with a scripted EDITOR", async () => {
    const editor = k.file("editor.sh", "#!/bin/sh\nsed -i 's/mode: \"\"/mode: ipvs/' \"$1\"\n");
    await import("node:fs").then((fs) => fs.chmodSync(editor, 0o755));
    const r = await k.kubectl(["edit", "configmap", "kube-proxy", "-n", "kube-system"], { env: { EDITOR: editor } });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("configmap/kube-proxy edited");
    const cm = await k.kubectl(["get", "cm", "kube-proxy", "-n", "kube-system", "-o", "jsonpath={.data.config\\.conf}"]);
    expect(cm.stdout).toMatch(/^mode: ipvs$/m);
  });

  it("explains pod.spec.containers from the served OpenAPI", async () => {
    const r = await k.kubectl(["explain", "pod.spec.containers"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/KIND:\s+Pod/);
    expect(r.stdout).toMatch(/FIELD: containers <\[\]Container>/);
    expect(r.stdout).toMatch(/image\s+<string>/);
    expect(r.stdout).toMatch(/name\s+<string> -required-/);
  });

  it("describes a node, a service and a configmap", async () => {
    const node = await k.kubectl(["describe", "node", "k8s-master1"]);
    expect(node.code).toBe(0);
    expect(node.stdout).toMatch(/Name:\s+k8s-master1/);
    expect(node.stdout).toMatch(/HolderIdentity:\s+k8s-master1/);
    expect(node.stdout).not.toContain("Failed to get lease");
    const svc = await k.kubectl(["describe", "svc", "nginx-svc", "-n", "demo"]);
    expect(svc.stdout).toMatch(/Session Affinity:\s+ClientIP/);
    const cm = await k.kubectl(["describe", "cm", "kube-proxy", "-n", "kube-system"]);
    expect(cm.stdout).toMatch(/config\.conf:/);
  });

  it("applies server-side", async () => {
    const f = k.file("ssa.yaml", APP_YAML.replaceAll("demo", "ssa"));
    const r = await k.kubectl(["apply", "--server-side", "-f", f]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["namespace/ssa serverside-applied", "deployment.apps/nginx-server1 serverside-applied", "service/nginx-svc serverside-applied"]);
    const mf = await k.kubectl(["get", "deploy", "nginx-server1", "-n", "ssa", "-o", "jsonpath={.metadata.managedFields[0].manager}", "--show-managed-fields"]);
    expect(mf.stdout).toBe("kubectl");
  });

  it("sees a change made by another command while watching", async () => {
    const watcher = spawn(KUBECTL, ["get", "pods", "-w", "-l", "watch=me"], { env: { PATH: process.env.PATH ?? "", HOME: k.dir, KUBECONFIG: `${k.dir}/kubeconfig`, KUBECACHEDIR: `${k.dir}/cache` } });
    let out = "";
    watcher.stdout.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await new Promise((r) => setTimeout(r, 1500));
      await k.kubectl(["apply", "-f", k.file("pw.yaml", pod("pod-w", { watch: "me" }))]);
      const deadline = Date.now() + 15_000;
      while (!out.includes("pod-w") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(out).toContain("pod-w");
    } finally {
      watcher.kill();
    }
  });

  it("prints the server's errors like a real cluster", async () => {
    const missing = await k.kubectl(["get", "pod", "nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
    const badName = await k.kubectl(["run", "Bad_Name", "--image=nginx"]);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toContain('The Pod "Bad_Name" is invalid: \n* metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of');
    expect(badName.stderr).toContain('* spec.containers[0].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of');
    const badLabel = await k.kubectl(["label", "pod", "pod-a", "bad key=x"]);
    expect(badLabel.code).not.toBe(0);
    const exists = await k.kubectl(["run", "pod-a", "--image=nginx"]);
    expect(exists.stderr.trim()).toBe('Error from server (AlreadyExists): pods "pod-a" already exists');
  });

  it("rejects a stale update with 409 Conflict", async () => {
    const got = await k.api("/api/v1/namespaces/default/pods/pod-a");
    const pod = (await got.json()) as { metadata: { resourceVersion: string; labels: Record<string, string> } };
    const stale = { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, x: "1" } } };
    const first = await k.api("/api/v1/namespaces/default/pods/pod-a", { method: "PUT", body: JSON.stringify(stale), headers: { "content-type": "application/json" } });
    expect(first.status).toBe(200);
    const second = await k.api("/api/v1/namespaces/default/pods/pod-a", { method: "PUT", body: JSON.stringify(stale), headers: { "content-type": "application/json" } });
    expect(second.status).toBe(409);
    const status = (await second.json()) as { reason: string; message: string };
    expect(status.reason).toBe("Conflict");
    expect(status.message).toBe('Operation cannot be fulfilled on pods "pod-a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it("refuses wrong tokens, other clusters' tokens and malformed bodies", async () => {
    const other = await createCluster({ name: "e2e-other" });
    const cross = await fetch(`${k.server}/api/v1/namespaces/default/pods`, { headers: { authorization: `Bearer ${other.token}` } });
    expect(cross.status).toBe(401);
    const wrong = await fetch(`${k.server}/api/v1/namespaces/default/pods`, { headers: { authorization: `Bearer ${k.id}.nottherighttoken` } });
    expect(wrong.status).toBe(401);
    const r = await k.kubectl(["get", "pods", "--token", "garbage"]);
    expect(r.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
    const malformed = await k.api("/api/v1/namespaces/default/configmaps", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { kind: string }).kind).toBe("Status");
    const huge = await k.api("/api/v1/namespaces/default/configmaps", { method: "POST", body: "x".repeat(3 * 1024 * 1024 + 10), headers: { "content-type": "application/json" } });
    expect(huge.status).toBe(413);
  });

  it("deletes by name, by file and a namespace with its content", async () => {
    const byName = await k.kubectl(["delete", "pod", "pod-c"]);
    expect(byName.stdout.trim()).toBe('pod "pod-c" deleted');
    const f = k.file("app-del.yaml", APP_YAML);
    const byFile = await k.kubectl(["delete", "-f", f]);
    expect(byFile.stderr).toBe("");
    expect(byFile.stdout.trim().split("\n")).toEqual(['namespace "demo" deleted', 'deployment.apps "nginx-server1" deleted', 'service "nginx-svc" deleted']);
    const ns = await k.kubectl(["get", "ns", "demo"]);
    expect(ns.stderr.trim()).toBe('Error from server (NotFound): namespaces "demo" not found');
    const protectedNs = await k.kubectl(["delete", "ns", "default"]);
    expect(protectedNs.code).toBe(1);
    expect(protectedNs.stderr).toContain("Forbidden");
  });
});
