// The NetworkPolicy lesson with the pinned kubectl: nginx behind a Service, a busybox client, a
// default-deny ingress policy that makes wget time out, a policy that lets app=client back in, a
// namespaceSelector across namespaces, and what get/describe print.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";

const NGINX = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 1
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
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
  name: nginx
spec:
  selector:
    app: nginx
  ports:
  - port: 80
    targetPort: 80
`;

const DEFAULT_DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;

const ALLOW_CLIENT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
spec:
  podSelector:
    matchLabels:
      app: nginx
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: client
    ports:
    - protocol: TCP
      port: 80
`;

const FROM_FRONTEND = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-frontend
  namespace: backend
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: frontend
`;

const TIMED_OUT = "wget: download timed out\ncommand terminated with exit code 1\n";

let k: Sandbox;

const ok = (args: string[], stdin?: string): Promise<string> => k.ok(args, stdin);

async function apply(yaml: string): Promise<string> {
  const out = await ok(["apply", "-f", "-"], yaml);
  await k.advance(5);
  return out;
}

function wget(pod: string, url: string, ns = "default") {
  return k.kubectl(["exec", "-n", ns, pod, "--", "wget", "-q", "-T", "2", "-O-", url]);
}

beforeAll(async () => {
  k = await createCluster({ profile: "fast" });
  await k.advance(5);
  await apply(NGINX);
  await ok(["run", "client", "--image=busybox:1.28", "--labels=app=client", "--", "sleep", "36000"]);
  await ok(["run", "other", "--image=busybox:1.28", "--", "sleep", "36000"]);
  await ok(["run", "bbp", "--image=radial/busyboxplus:curl", "--", "sleep", "36000"]);
  await k.advance(10);
});

describe("NetworkPolicy (Calico)", () => {
  it("lets everything through before any policy", async () => {
    for (const pod of ["client", "other"]) {
      const r = await wget(pod, "http://nginx");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("<title>Welcome to nginx!</title>");
    }
  });

  it("a default-deny ingress policy drops the connection: wget waits for its -T timeout", async () => {
    expect(await apply(DEFAULT_DENY)).toBe("networkpolicy.networking.k8s.io/default-deny-ingress created\n");
    const r = await wget("client", "http://nginx");
    expect(r).toEqual({ code: 1, stdout: "", stderr: TIMED_OUT });
    // without -q busybox says where it connects first
    const loud = await k.kubectl(["exec", "other", "--", "wget", "-T", "2", "-O-", "http://nginx"]);
    const ip = (await ok(["get", "svc", "nginx", "-o", "jsonpath={.spec.clusterIP}"])).trim();
    expect(loud.stderr).toBe(`Connecting to nginx (${ip}:80)\n${TIMED_OUT}`);
    const curl = await k.kubectl(["exec", "bbp", "--", "curl", "-sS", "-m", "2", "http://nginx"]);
    expect(curl.stderr).toBe("curl: (28) Connection timed out after 2001 milliseconds\ncommand terminated with exit code 28\n");
    // nc sees the dropped SYN as silence, not as a refusal
    const nc = await k.kubectl(["exec", "client", "--", "nc", "-z", "-w", "2", "nginx", "80"]);
    expect(nc).toEqual({ code: 1, stdout: "", stderr: "nc: timed out\ncommand terminated with exit code 1\n" });
  });

  it("ICMP is dropped too: the policy isolates the pod for every protocol", async () => {
    const podIP = (await ok(["get", "pods", "-l", "app=nginx", "-o", "jsonpath={.items[0].status.podIP}"])).trim();
    const r = await k.kubectl(["exec", "client", "--", "ping", "-c", "1", podIP]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 packets transmitted, 0 packets received, 100% packet loss");
  });

  it("a policy allowing app=client lets the labelled client back in, and only it", async () => {
    expect(await apply(ALLOW_CLIENT)).toBe("networkpolicy.networking.k8s.io/allow-client created\n");
    const r = await wget("client", "http://nginx");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Welcome to nginx!");
    expect(await wget("other", "http://nginx")).toEqual({ code: 1, stdout: "", stderr: TIMED_OUT });
    // relabelling the other pod is enough: policies follow labels, not names
    await ok(["label", "pod", "other", "app=client"]);
    expect((await wget("other", "http://nginx")).code).toBe(0);
    await ok(["label", "pod", "other", "app-"]);
    expect((await wget("other", "http://nginx")).code).toBe(1);
  });

  it("the /netsim trace names the policy that dropped the packet", async () => {
    const res = await k.api("/netsim/request", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: "pod/default/other", url: "http://nginx/" }) });
    const a = (await res.json()) as { status: number | null; error?: string; trace: Array<{ kind: string; detail: string }> };
    expect(a.status).toBeNull();
    expect(a.error).toBe("timeout");
    const policy = a.trace.filter((t) => t.kind === "policy").map((t) => t.detail);
    expect(policy).toHaveLength(1);
    expect(policy[0]).toMatch(/^NetworkPolicy: ingress of pod default\/nginx-[a-z0-9]+-[a-z0-9]{5} is isolated by NetworkPolicies default-deny-ingress, allow-client and no rule allows TCP\/80 from \d+\.\d+\.\d+\.\d+ → Calico drops the packet$/);
  });

  it("selects peers by namespace through kubernetes.io/metadata.name", async () => {
    await ok(["create", "namespace", "frontend"]);
    await ok(["create", "namespace", "backend"]);
    expect(await ok(["get", "namespace", "frontend", "--show-labels"])).toMatch(/^NAME\s+STATUS\s+AGE\s+LABELS\nfrontend\s+Active\s+\S+\s+kubernetes\.io\/metadata\.name=frontend\n$/);
    await ok(["run", "web", "-n", "backend", "--image=nginx:1.15-alpine", "--port=80", "--expose"]);
    await ok(["run", "client", "-n", "frontend", "--image=busybox:1.28", "--labels=app=client", "--", "sleep", "36000"]);
    await k.advance(10);
    expect(await apply(FROM_FRONTEND)).toBe("networkpolicy.networking.k8s.io/from-frontend created\n");
    const fromFrontend = await wget("client", "http://web.backend", "frontend");
    expect(fromFrontend.code).toBe(0);
    expect(fromFrontend.stdout).toContain("Welcome to nginx!");
    // same labels, wrong namespace
    expect(await wget("client", "http://web.backend")).toEqual({ code: 1, stdout: "", stderr: TIMED_OUT });
  });

  it("get networkpolicy prints NAME, POD-SELECTOR and AGE", async () => {
    const out = await ok(["get", "networkpolicy"]);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+POD-SELECTOR\s+AGE$/);
    expect(lines[1]).toMatch(/^allow-client\s+app=nginx\s+\d+s$/);
    expect(lines[2]).toMatch(/^default-deny-ingress\s+<none>\s+\d+s$/);
    expect(await ok(["get", "netpol", "-A"])).toMatch(/^NAMESPACE\s+NAME\s+POD-SELECTOR\s+AGE\nbackend\s+from-frontend\s+<none>\s+\d+s\ndefault\s+allow-client\s+app=nginx\s+\d+s\ndefault\s+default-deny-ingress\s+<none>\s+\d+s\n$/);
  });

  it("describe networkpolicy explains what the policy allows", async () => {
    const deny = await ok(["describe", "networkpolicy", "default-deny-ingress"]);
    expect(deny).toMatch(/^Name:\s+default-deny-ingress\nNamespace:\s+default\nCreated on:\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} \w+\nLabels:\s+<none>\nAnnotations:\s+<none>\nSpec:\n/);
    expect(deny).toContain("  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n  Allowing ingress traffic:\n    <none> (Selected pods are isolated for ingress connectivity)\n  Not affecting egress traffic\n  Policy Types: Ingress\n");
    const allow = await ok(["describe", "networkpolicy", "allow-client"]);
    expect(allow).toContain("  PodSelector:     app=nginx\n  Allowing ingress traffic:\n    To Port: 80/TCP\n    From:\n      PodSelector: app=client\n  Not affecting egress traffic\n  Policy Types: Ingress\n");
    const ns = await ok(["describe", "netpol", "-n", "backend", "from-frontend"]);
    expect(ns).toContain("    To Port: <any> (traffic allowed to all ports)\n    From:\n      NamespaceSelector: kubernetes.io/metadata.name=frontend\n");
  });

  it("deleting the policies opens the path again", async () => {
    expect(await ok(["delete", "networkpolicy", "default-deny-ingress", "allow-client"])).toBe(
      "networkpolicy.networking.k8s.io \"default-deny-ingress\" deleted\nnetworkpolicy.networking.k8s.io \"allow-client\" deleted\n");
    expect((await wget("other", "http://nginx")).code).toBe(0);
  });
});
