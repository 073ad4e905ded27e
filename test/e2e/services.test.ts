// The course's Service chapter with the pinned kubectl: ClusterIP, expose, endpoints, sessionAffinity,
// NodePort, MetalLB, ExternalName, headless and cross-namespace DNS, the ipvs switch, and /netsim.
import { beforeAll, describe, expect, it } from "vitest";
import { createCluster, type Sandbox } from "./harness";
import { DEPLOYMENT_NGINX, inNamespace } from "./course-controllers";

const DEPLOY_01 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-server1
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
     metadata:
       labels:
         app: nginx
     spec:
       containers:
       - name: c1
         image: nginx:1.15-alpine
         imagePullPolicy: IfNotPresent
         ports:
         - containerPort: 80
`;

const SVC_02 = `apiVersion: v1
kind: Service
metadata:
  name: nginx-svc
spec:
  type: ClusterIP
  ports:
  - protocol: TCP
    port: 80
    targetPort: 80
  selector:
    app: nginx
`;

const HEADLESS_04 = `apiVersion: v1
kind: Service
metadata:
  name: headless-service
  namespace: default
spec:
  type: ClusterIP     # ClusterIP类型,也是默认类型
  clusterIP: None     # None就代表是无头service
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
     app: nginx
`;

const NODEPORT_05 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-app
  labels:
    app: nginx-app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx-app
  template:
    metadata:
      labels:
        app: nginx-app
    spec:
      containers:
      - name: c1
        image: nginx:1.15-alpine
        imagePullPolicy: IfNotPresent
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx-app
spec:
  type: NodePort
  selector:
    app: nginx-app
  ports:
  - protocol: TCP
    nodePort: 30001
    port: 8060
    targetPort: 80
`;

const METALLB_NS = `apiVersion: v1
kind: Namespace
metadata:
  name: metallb-system
`;

const METALLB_CONF = `apiVersion: v1
kind: ConfigMap
metadata:
  namespace: metallb-system
  name: config
data:
  config: |
    address-pools:
    - name: default
      protocol: layer2
      addresses:
      - 192.168.10.90-192.168.10.100
`;

const LB_SVC = `apiVersion: v1
kind: Service
metadata:
  name: nginx-metallb
spec:
  ports:
  - port: 8090
    protocol: TCP
    targetPort: 80
  selector:
    app: nginx
  type: LoadBalancer
`;

const EXTERNAL_NAME = `apiVersion: v1
kind: Service
metadata:
  name: my-externalname
  namespace: default
spec:
  type: ExternalName
  externalName: www.baidu.com                  # 对应的外部域名为www.baidu.com
`;

function nsApp(ns: string, svc: string, other: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
${inNamespace(DEPLOYMENT_NGINX, ns)}---
apiVersion: v1
kind: Service
metadata:
  name: ${svc}
  namespace: ${ns}
spec:
  selector:
    app: nginx
  clusterIP: None
  ports:
  - port: 80
    targetPort: 80
---
kind: Service
apiVersion: v1
metadata:
  name: external-${svc}
  namespace: ${ns}
spec:
  type: ExternalName
  externalName: ${other}
`;
}

const NODE_IPS = ["192.168.10.12", "192.168.10.13", "192.168.10.14", "192.168.10.15"];

interface NetAnswer {
  status: number | null;
  body: string;
  servedBy: { pod: string; podIP: string; node: string } | null;
  trace: Array<{ kind: string; detail: string; rule?: string }>;
  error?: string;
  message?: string;
}

let k: Sandbox;

const ok = (args: string[], stdin?: string): Promise<string> => k.ok(args, stdin);

async function apply(yaml: string): Promise<string> {
  const out = await ok(["apply", "-f", "-"], yaml);
  await k.advance(5);
  return out;
}

async function podNames(selector: string, ns = "default"): Promise<string[]> {
  const out = await ok(["get", "pods", "-n", ns, "-l", selector, "-o", "jsonpath={.items[*].metadata.name}"]);
  return out.split(" ").filter(Boolean).sort();
}

async function request(from: string, url: string): Promise<NetAnswer> {
  const res = await k.api("/netsim/request", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from, url }) });
  expect(res.status).toBe(200);
  return (await res.json()) as NetAnswer;
}

async function curlTimes(pod: string, url: string, n: number): Promise<string[]> {
  const out = await ok(["exec", pod, "--", "sh", "-c", `for i in $(seq ${n}); do curl -s ${url}; done`]);
  return out.trim().split("\n");
}

beforeAll(async () => {
  k = await createCluster({ profile: "fast" });
  await k.advance(5);
});

describe("ClusterIP Services (course 4.1)", () => {
  it("expose creates a ClusterIP service with endpoints of the deployment's pods", async () => {
    await apply(DEPLOY_01);
    expect((await ok(["get", "deployment.apps"])).split("\n")[1]).toMatch(/^nginx-server1\s+2\/2\s+2\s+2\s/);
    const exposed = await ok(["expose", "deployment.apps", "nginx-server1", "--type=ClusterIP", "--target-port=80", "--port=80"]);
    expect(exposed.trim()).toBe("service/nginx-server1 exposed");
    const svc = await ok(["get", "svc", "nginx-server1"]);
    expect(svc).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
    expect(svc).toMatch(/nginx-server1\s+ClusterIP\s+10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+\s+<none>\s+80\/TCP\s/);
    await ok(["delete", "svc", "nginx-server1"]);
  });

  it("applies the nginx-svc manifest: get svc, endpoints and describe", async () => {
    const out = await apply(SVC_02);
    expect(out).toContain("service/nginx-svc created");
    const svc = await ok(["get", "service"]);
    expect(svc).toMatch(/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
    expect(svc).toMatch(/nginx-svc\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/);
    const ips = (await ok(["get", "pods", "-l", "app=nginx", "-o", "jsonpath={.items[*].status.podIP}"])).split(" ").filter(Boolean);
    expect(ips).toHaveLength(2);
    const eps = await ok(["get", "endpoints"]);
    expect(eps).toMatch(/kubernetes\s+192\.168\.10\.12:6443,192\.168\.10\.13:6443,192\.168\.10\.14:6443/);
    const line = eps.split("\n").find((l) => l.startsWith("nginx-svc")) ?? "";
    for (const ip of ips) expect(line).toContain(`${ip}:80`);
    const slices = await ok(["get", "endpointslices", "-l", "kubernetes.io/service-name=nginx-svc", "-o", "jsonpath={.items[*].endpoints[*].addresses[0]}"]);
    expect(slices.split(" ").sort()).toEqual([...ips].sort());
    const described = await ok(["describe", "svc", "nginx-svc"]);
    expect(described).toMatch(/Type:\s+ClusterIP/);
    expect(described).toMatch(/TargetPort:\s+80\/TCP/);
    expect(described).toMatch(/Session Affinity:\s+None/);
    const endpointsLine = described.split("\n").find((l) => l.startsWith("Endpoints:")) ?? "";
    for (const ip of ips) expect(endpointsLine).toContain(`${ip}:80`);
  });

  it("serves web1 and web2 alternately through the ClusterIP (course 4.1.1.4)", async () => {
    const [p1, p2] = await podNames("app=nginx");
    await ok(["exec", p1, "--", "sh", "-c", "echo web1 > /usr/share/nginx/html/index.html"]);
    await ok(["exec", p2, "--", "sh", "-c", "echo web2 > /usr/share/nginx/html/index.html"]);
    await ok(["run", "bbp", "--image=radial/busyboxplus:curl", "--restart=Never", "--", "sleep", "36000"]);
    await k.advance(5);
    const seen = await curlTimes("bbp", "http://nginx-svc", 12);
    expect(new Set(seen)).toEqual(new Set(["web1", "web2"]));
    // nginx:1.15-alpine has busybox wget but no curl, as the real image
    const viaWget = await ok(["exec", p1, "--", "wget", "-qO-", "http://nginx-svc.default.svc.cluster.local"]);
    expect(["web1\n", "web2\n"]).toContain(viaWget);
    const noCurl = await k.kubectl(["exec", p1, "--", "curl", "http://nginx-svc"]);
    expect(noCurl.code).not.toBe(0);
    expect(noCurl.stderr).toContain(`exec: "curl": executable file not found in $PATH`);
    // from a node, like the course's curl on master01
    const ip = (await ok(["get", "svc", "nginx-svc", "-o", "jsonpath={.spec.clusterIP}"])).trim();
    const fromNode = new Set<string>();
    for (let i = 0; i < 12; i++) fromNode.add((await request("node/k8s-master1", `http://${ip}`)).body);
    expect(fromNode).toEqual(new Set(["web1\n", "web2\n"]));
  });

  it("sticks to one backend with sessionAffinity ClientIP and balances again with None (course 5)", async () => {
    expect(await ok(["patch", "svc", "nginx-svc", "-p", `{"spec":{"sessionAffinity":"ClientIP"}}`])).toContain("service/nginx-svc patched");
    expect(await ok(["describe", "svc", "nginx-svc"])).toMatch(/Session Affinity:\s+ClientIP/);
    const sticky = await curlTimes("bbp", "http://nginx-svc", 8);
    expect(new Set(sticky).size).toBe(1);
    const nat = await (await k.api("/netsim/nodes/k8s-master2/iptables")).text();
    expect(nat).toMatch(/-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-/);
    await ok(["patch", "svc", "nginx-svc", "-p", `{"spec":{"sessionAffinity":"None"}}`]);
    const balanced = await curlTimes("bbp", "http://nginx-svc", 12);
    expect(new Set(balanced)).toEqual(new Set(["web1", "web2"]));
  });

  it("reaches a backend through the services proxy subresource", async () => {
    const body = await ok(["get", "--raw", `/clusters/${k.id}/api/v1/namespaces/default/services/nginx-svc:80/proxy/`]);
    expect(["web1\n", "web2\n"]).toContain(body);
    const missing = await k.kubectl(["get", "--raw", `/clusters/${k.id}/api/v1/namespaces/default/services/nope:80/proxy/`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("NotFound");
  });

  it("refuses a clusterIP outside the range or already taken", async () => {
    const out = await k.kubectl(["create", "service", "clusterip", "bad", "--tcp=80", "--clusterip=10.0.0.5"]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(`spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12`);
    const taken = await k.kubectl(["create", "service", "clusterip", "bad", "--tcp=80", "--clusterip=10.96.0.10"]);
    expect(taken.stderr).toContain("provided IP is already allocated");
  });
});

describe("headless, ExternalName and cross-namespace DNS (course 4.1.2, 4.4)", () => {
  it("headless-service has no cluster IP and resolves to the pod IPs", async () => {
    await apply(HEADLESS_04);
    expect(await ok(["get", "svc", "headless-service"])).toMatch(/headless-service\s+ClusterIP\s+None\s+<none>\s+80\/TCP/);
    const ips = (await ok(["get", "pods", "-l", "app=nginx", "-o", "jsonpath={.items[*].status.podIP}"])).split(" ").filter(Boolean).sort();
    const out = await ok(["exec", "bbp", "--", "nslookup", "headless-service"]);
    expect(out).toContain("Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n");
    for (const ip of ips) expect(out).toMatch(new RegExp(`Address \\d: ${ip.replace(/\./g, "\\.")} ${ip.replace(/\./g, "-")}\\.headless-service\\.default\\.svc\\.cluster\\.local`));
    const dns = (await (await k.api("/netsim/dns?name=headless-service.default.svc.cluster.local&type=A")).json()) as { status: string; answers: Array<{ type: string; data: string; ttl: number }> };
    expect(dns.status).toBe("NOERROR");
    expect(dns.answers.map((a) => a.data).sort()).toEqual(ips);
    expect(dns.answers[0].ttl).toBe(30);
  });

  it("ExternalName answers as a CNAME to the public name", async () => {
    await apply(EXTERNAL_NAME);
    expect(await ok(["get", "svc"])).toMatch(/my-externalname\s+ExternalName\s+<none>\s+www\.baidu\.com\s+<none>/);
    const dns = (await (await k.api("/netsim/dns?name=my-externalname.default.svc.cluster.local&type=A")).json()) as { answers: Array<{ name: string; type: string; data: string }> };
    expect(dns.answers[0]).toMatchObject({ name: "my-externalname.default.svc.cluster.local.", type: "CNAME", data: "www.baidu.com." });
    const dig = await (await k.api("/netsim/dns?name=my-externalname.default.svc.cluster.local&type=A", { headers: { accept: "text/plain" } })).text();
    expect(dig).toContain(";; ANSWER SECTION:\nmy-externalname.default.svc.cluster.local. 30 IN CNAME www.baidu.com.");
    const ns = await ok(["exec", "bbp", "--", "nslookup", "my-externalname.default.svc.cluster.local"]);
    const direct = await ok(["exec", "bbp", "--", "nslookup", "www.baidu.com"]);
    const addrs = (t: string) => t.split("\n").filter((l) => /^Address \d: 14\./.test(l)).sort();
    expect(addrs(ns).length).toBeGreaterThan(0);
    expect(addrs(ns)).toEqual(addrs(direct));
  });

  it("pods in ns1 resolve and ping svc2.ns2 (course 4.4.3)", async () => {
    await apply(nsApp("ns1", "svc1", "svc2.ns2.svc.cluster.local"));
    await apply(nsApp("ns2", "svc2", "svc1.ns1.svc.cluster.local"));
    const [p1] = await podNames("app=nginx", "ns1");
    const ns2IP = (await ok(["get", "pods", "-n", "ns2", "-o", "jsonpath={.items[0].status.podIP}"])).trim();
    const ns1IP = (await ok(["get", "pods", "-n", "ns1", "-o", "jsonpath={.items[0].status.podIP}"])).trim();
    const own = await ok(["exec", "-n", "ns1", p1, "--", "nslookup", "svc1"]);
    expect(own).toContain(`Address 1: ${ns1IP} ${p1}`);
    const other = await ok(["exec", "-n", "ns1", p1, "--", "nslookup", "svc2.ns2.svc.cluster.local"]);
    expect(other).toContain(`Address 1: ${ns2IP} ${ns2IP.replace(/\./g, "-")}.svc2.ns2.svc.cluster.local`);
    const ping = await ok(["exec", "-n", "ns1", p1, "--", "ping", "svc2.ns2.svc.cluster.local", "-c", "2"]);
    expect(ping).toContain(`PING svc2.ns2.svc.cluster.local (${ns2IP}): 56 data bytes\n64 bytes from ${ns2IP}: seq=0 ttl=`);
    expect(ping).toContain("2 packets transmitted, 2 packets received, 0% packet loss");
  });
});

describe("NodePort and LoadBalancer (course 4.2, 4.3)", () => {
  it("publishes 8060:30001/TCP and answers on every node address from outside", async () => {
    const out = await apply(NODEPORT_05);
    expect(out).toContain("service/nginx-app created");
    expect(await ok(["get", "svc", "nginx-app"])).toMatch(/nginx-app\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+8060:30001\/TCP/);
    const pods = await podNames("app=nginx-app");
    await ok(["exec", pods[0], "--", "sh", "-c", `echo "nginx-app-1" > /usr/share/nginx/html/index.html`]);
    await ok(["exec", pods[1], "--", "sh", "-c", `echo "nginx-app-2" > /usr/share/nginx/html/index.html`]);
    for (const ip of NODE_IPS) {
      const r = await request("external", `http://${ip}:30001`);
      expect(r.status).toBe(200);
      expect(["nginx-app-1\n", "nginx-app-2\n"]).toContain(r.body);
      expect(r.trace.some((t) => t.rule?.includes("-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/nginx-app\" -m tcp --dport 30001"))).toBe(true);
      expect(r.servedBy && pods.includes(r.servedBy.pod)).toBe(true);
    }
    const clash = await k.kubectl(["create", "service", "nodeport", "clash", "--tcp=80", "--node-port=30001"]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain("spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated");
  });

  it("keeps EXTERNAL-IP pending without a pool, then takes 192.168.10.90 from the MetalLB ConfigMap", async () => {
    await apply(LB_SVC);
    expect(await ok(["get", "svc", "nginx-metallb"])).toMatch(/nginx-metallb\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+<pending>\s+8090:3\d{4}\/TCP/);
    await apply(METALLB_NS);
    await apply(METALLB_CONF);
    expect(await ok(["describe", "configmap", "config", "-n", "metallb-system"])).toContain("address-pools:\n- name: default\n  protocol: layer2\n  addresses:\n  - 192.168.10.90-192.168.10.100");
    expect(await ok(["get", "svc", "nginx-metallb"])).toMatch(/nginx-metallb\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+192\.168\.10\.90\s+8090:3\d{4}\/TCP/);
    expect(await ok(["describe", "svc", "nginx-metallb"])).toMatch(/LoadBalancer Ingress:\s+192\.168\.10\.90/);
    const r = await request("external", "http://192.168.10.90:8090/");
    expect(r.status).toBe(200);
    expect(["web1\n", "web2\n"]).toContain(r.body);
    expect(r.trace.some((t) => t.detail.includes("MetalLB speaker"))).toBe(true);
  });
});

describe("kube-proxy in ipvs mode (course 6)", () => {
  it("starts in iptables mode and switches to ipvs after the ConfigMap edit and a pod restart", async () => {
    const before = await podNames("k8s-app=kube-proxy", "kube-system");
    expect(before).toHaveLength(4);
    expect(await ok(["logs", "-n", "kube-system", before[0]])).toContain(`"Using iptables Proxier"`);
    // kube-proxy's image ships iptables, and its pod sees its node's tables
    const svcRule = await ok(["exec", "-n", "kube-system", before[0], "--", "iptables", "-t", "nat", "-S", "KUBE-SERVICES"]);
    expect(svcRule).toMatch(/^-N KUBE-SERVICES\n/);
    expect(svcRule).toMatch(/-A KUBE-SERVICES -d 10\.96\.0\.10\/32 -p udp -m comment --comment "kube-system\/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU\n/);
    expect((await (await k.api("/netsim/nodes/k8s-master1/ipvs")).text()).split("\n").filter((l) => l.startsWith("TCP"))).toEqual([]);
    const cm = await ok(["get", "configmap", "kube-proxy", "-n", "kube-system", "-o", "yaml"]);
    expect(cm).toContain(`    mode: ""`);
    await ok(["replace", "-f", "-"], cm.replace(`    mode: ""`, `    mode: "ipvs"`));
    await ok(["delete", "pod", "-n", "kube-system", "-l", "k8s-app=kube-proxy"]);
    await k.advance(10);
    const after = await podNames("k8s-app=kube-proxy", "kube-system");
    expect(after).toHaveLength(4);
    expect(after.some((p) => before.includes(p))).toBe(false);
    const logs = await ok(["logs", "-n", "kube-system", after[0]]);
    expect(logs).toContain(`"Using ipvs Proxier"`);
    expect(logs).toContain(`"IPVS scheduler not specified, use rr by default"`);
    const svcIP = (await ok(["get", "svc", "nginx-svc", "-o", "jsonpath={.spec.clusterIP}"])).trim();
    const ipvs = await (await k.api("/netsim/nodes/k8s-master1/ipvs")).text();
    expect(ipvs).toContain("TCP  10.96.0.10:53 rr\n");
    expect(ipvs).toMatch(/ {2}-> 10\.244\.\d+\.\d+:53 {16}Masq {4}1 {6}0 {10}0/);
    expect(ipvs).toContain(`TCP  ${svcIP}:80 rr\n`);
    expect(ipvs).toContain("TCP  192.168.10.12:30001 rr\n");
    const json = (await (await k.api("/netsim/nodes/k8s-master1/ipvs?format=json")).json()) as { mode: string; virtualServers?: unknown[] };
    expect(json.mode).toBe("ipvs");
    const ipset = await (await k.api("/netsim/nodes/k8s-master1/ipset")).text();
    expect(ipset).toContain("Name: KUBE-CLUSTER-IP\n");
    expect(ipset).toContain(`${svcIP},tcp:80`);
    expect(ipset).toContain("Name: KUBE-NODE-PORT-TCP\n");
    // round robin: strictly alternating backends
    const seq = await curlTimes("bbp", "http://nginx-svc", 6);
    for (let i = 2; i < seq.length; i++) expect(seq[i]).toBe(seq[i - 2]);
    expect(seq[0]).not.toBe(seq[1]);
    const ping = await ok(["exec", "bbp", "--", "ping", "-c", "1", "nginx-svc"]);
    expect(ping).toContain("1 packets received");
    // on the node itself: ipvsadm shows the same table, kube-ipvs0 holds the service addresses
    const onNode = async (command: string) => (await (await k.api("/netsim/nodes/k8s-master1/exec", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command }) })).json()) as { stdout: string; exitCode: number | null };
    expect((await onNode("ipvsadm -Ln")).stdout).toBe(await (await k.api("/netsim/nodes/k8s-master1/ipvs")).text());
    expect((await onNode("ip -4 addr show kube-ipvs0")).stdout).toContain(`inet ${svcIP}/32 scope global kube-ipvs0`);
    expect((await onNode(`ping -c 1 ${svcIP}`)).stdout).toContain("1 packets received");
    const inPod = await ok(["exec", "-n", "kube-system", after[0], "--", "ipset", "list", "KUBE-CLUSTER-IP"]);
    expect(inPod).toContain(`${svcIP},tcp:80`);
  });
});

describe("the /netsim HTTP API", () => {
  it("answers bad input as data, and refuses what is not its contract", async () => {
    const unknownPod = await request("pod/default/nope", "http://nginx-svc");
    expect(unknownPod).toMatchObject({ status: null, error: "unknown client" });
    const malformed = await request("external", "http://exa mple/");
    expect(malformed.error).toBe("malformed url");
    const refused = await request("pod/default/bbp", "http://nginx-svc:81/");
    expect(refused.status).toBeNull();
    expect(["connection refused", "timeout"]).toContain(refused.error);
    const nx = await request("pod/default/bbp", "http://no-such-service/");
    expect(nx.error).toBe("NXDOMAIN");
    expect(nx.message).toBe("curl: (6) Could not resolve host: no-such-service");
    const dns = (await (await k.api("/netsim/dns?name=nothing.default.svc.cluster.local")).json()) as { status: string };
    expect(dns.status).toBe("NXDOMAIN");
    const search = (await (await k.api("/netsim/dns?name=nginx-svc&from=pod/default/bbp")).json()) as { status: string; answers: Array<{ data: string }> };
    expect(search.status).toBe("NOERROR");
    expect(search.answers[0].data).toBe((await ok(["get", "svc", "nginx-svc", "-o", "jsonpath={.spec.clusterIP}"])).trim());
    expect((await k.api("/netsim/nodes/no-node/iptables")).status).toBe(404);
    expect((await k.api("/netsim/dns?name=x&type=MX")).status).toBe(400);
    expect((await k.api("/netsim/request", { method: "POST", body: "{" })).status).toBe(400);
    const anonymous = await fetch(`${k.server}/netsim/dns?name=kubernetes.default.svc.cluster.local`);
    expect(anonymous.status).toBe(401);
  });

  it("renders the nat table as iptables-save prints it, with a json twin", async () => {
    await ok(["patch", "svc", "nginx-svc", "-p", `{"spec":{"sessionAffinity":"None"}}`]);
    const text = await (await k.api("/netsim/nodes/k8s-master3/iptables")).text();
    expect(text).toMatch(/^# Generated by iptables-save v1\.8\.\d+ on /);
    expect(text).toContain("*nat\n");
    expect(text).toContain(":KUBE-SERVICES - [0:0]\n");
    expect(text).toContain("COMMIT\n");
    const json = (await (await k.api("/netsim/nodes/k8s-master3/iptables?format=json")).json()) as { mode: string };
    expect(json.mode).toBe("ipvs");
  });
});

describe("a pod on the host's network", () => {
  it("shares its node's hostname, interfaces and tables", async () => {
    await ok(["apply", "-f", "-"], `apiVersion: v1
kind: Pod
metadata:
  name: hostnet
spec:
  hostNetwork: true
  nodeName: k8s-worker1
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
`);
    await k.advance(20);
    expect(await ok(["exec", "hostnet", "--", "hostname"])).toBe("k8s-worker1\n");
    const tunl = await ok(["exec", "hostnet", "--", "ip", "-4", "addr", "show", "tunl0"]);
    expect(tunl).toContain("inet 10.244.3.0/32");
    expect(await ok(["exec", "hostnet", "--", "ifconfig", "ens33"])).toContain("inet addr:192.168.10.15  Bcast:192.168.10.255  Mask:255.255.255.0");
    // the node's sockets: the kubelet's and kube-proxy's, among others
    const sockets = await ok(["exec", "hostnet", "--", "netstat", "-tln"]);
    expect(sockets).toMatch(/127\.0\.0\.1:10248 /);
    expect(sockets).toMatch(/:::10256 /);
  });
});
