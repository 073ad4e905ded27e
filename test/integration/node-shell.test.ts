// A shell on the cluster's nodes (POST /netsim/nodes/<node>/exec): the course's host commands, computed
// from the cluster's state.
import { describe, expect, it } from "vitest";
import { ADMIN, BASE, api, call, createCluster, type Cluster } from "./harness";

interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

async function onNode(c: Cluster, node: string, command: string): Promise<ExecResult> {
  const r = await api(c, `/netsim/nodes/${node}/exec`, { method: "POST", body: JSON.stringify({ command }) });
  expect(r.status).toBe(200);
  return (await r.json()) as ExecResult;
}

async function advance(c: Cluster, seconds: number): Promise<void> {
  await call(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: seconds }) });
}

async function nginxBehindNodePort(c: Cluster): Promise<{ clusterIP: string; nodePort: number; podIPs: string[] }> {
  const labels = { app: "web" };
  const deploy = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "nginx", image: "nginx:1.15-alpine", ports: [{ containerPort: 80 }] }] } } } };
  expect((await api(c, "/apis/apps/v1/namespaces/default/deployments", { method: "POST", body: JSON.stringify(deploy) })).status).toBe(201);
  const svc = { metadata: { name: "web" }, spec: { type: "NodePort", selector: labels, ports: [{ port: 80, targetPort: 80 }] } };
  const created = (await (await api(c, "/api/v1/namespaces/default/services", { method: "POST", body: JSON.stringify(svc) })).json()) as { spec: { clusterIP: string; ports: Array<{ nodePort: number }> } };
  await advance(c, 30);
  const pods = (await (await api(c, "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb")).json()) as { items: Array<{ status: { podIP?: string; phase?: string } }> };
  expect(pods.items.map((p) => p.status.phase)).toEqual(["Running", "Running"]);
  return { clusterIP: created.spec.clusterIP, nodePort: created.spec.ports[0].nodePort, podIPs: pods.items.map((p) => p.status.podIP ?? "") };
}

describe("node shell", () => {
  it("reaches a Service from the node, through kube-proxy's rules", async () => {
    const c = await createCluster();
    const { clusterIP, nodePort } = await nginxBehindNodePort(c);
    const curl = await onNode(c, "k8s-master1", `curl -s ${clusterIP}`);
    expect(curl.exitCode).toBe(0);
    expect(curl.stdout).toContain("<title>Welcome to nginx!</title>");
    const viaNodePort = await onNode(c, "k8s-master1", `curl -s http://192.168.10.15:${nodePort}`);
    expect(viaNodePort.stdout).toContain("Welcome to nginx!");
    // the node's resolver is the LAN's: cluster names resolve only when CoreDNS is asked
    expect((await onNode(c, "k8s-master1", "curl -s web.default.svc.cluster.local")).exitCode).toBe(6);
    const dig = await onNode(c, "k8s-worker1", "dig -t a web.default.svc.cluster.local. @10.96.0.10 +short");
    expect(dig.stdout).toBe(`${clusterIP}\n`);
    // waits pass instantly up to the budget: a minute of one curl a second, then the loop is still running
    const loop = await onNode(c, "k8s-master1", `while true;do curl -s ${clusterIP} | grep -c '<h1>';sleep 1; done`);
    expect(loop.exitCode).toBeNull();
    expect(loop.stdout.split("\n").filter((l) => l === "1").length).toBeGreaterThanOrEqual(60);
  });

  it("lists kube-proxy's nat rules as iptables -S, -L and iptables-save print them", async () => {
    const c = await createCluster();
    const { clusterIP } = await nginxBehindNodePort(c);
    const save = await onNode(c, "k8s-master2", "iptables-save -t nat");
    const serviceRule = save.stdout.split("\n").find((l) => l.startsWith("-A KUBE-SERVICES") && l.includes(`-d ${clusterIP}/32`));
    expect(serviceRule).toBeDefined();
    const svcChain = / -j (KUBE-SVC-[A-Z0-9]{16})$/.exec(serviceRule ?? "")?.[1] ?? "";
    expect(svcChain).not.toBe("");
    const spec = await onNode(c, "k8s-master2", "iptables -t nat -S KUBE-SERVICES");
    expect(spec.stdout.split("\n")[0]).toBe("-N KUBE-SERVICES");
    expect(spec.stdout).toContain(serviceRule ?? "");
    const list = await onNode(c, "k8s-master2", "iptables -t nat -nL KUBE-SERVICES");
    const lines = list.stdout.split("\n");
    expect(lines[0]).toMatch(/^Chain KUBE-SERVICES \(2 references\)$/);
    expect(lines[1]).toBe("target     prot opt source               destination         ");
    expect(lines).toContain(`${svcChain}  tcp  --  0.0.0.0/0            ${clusterIP.padEnd(19)}  /* default/web cluster IP */ tcp dpt:80`);
    expect(lines).toContain("KUBE-NODEPORTS  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL");
    const chain = await onNode(c, "k8s-master2", `iptables -t nat -L ${svcChain} -n`);
    expect(chain.stdout).toMatch(/ statistic mode random probability 0\.50000000000\n/);
    const missing = await onNode(c, "k8s-master2", "iptables -t nat -nL NO-SUCH-CHAIN");
    expect(missing).toMatchObject({ exitCode: 1, stderr: "iptables: No chain/target/match by that name.\n" });
  });

  it("shows the node's sockets with ss, in iproute2's columns", async () => {
    const c = await createCluster();
    const r = await onNode(c, "k8s-master1", 'ss -anput | grep ":6443"');
    expect(r.stdout).toMatch(/^tcp {4}LISTEN {5}0 {6}128 {6}:::6443 {17}:::\* {19}users:\(\("kube-apiserver",pid=\d+,fd=\d+\)\)\n$/);
    // a worker runs no API server; v1.31's kube-proxy holds no NodePort sockets open
    expect((await onNode(c, "k8s-worker1", 'ss -anput | grep ":6443"')).stdout).toBe("");
  });

  it("shows Calico's tunnel and routes on the node (course 4.1: ifconfig tunl0 | head -2)", async () => {
    const c = await createCluster();
    const tunl = await onNode(c, "k8s-master2", "ifconfig tunl0 | head -2");
    expect(tunl.stdout).toBe("tunl0: flags=193<UP,RUNNING,NOARP>  mtu 1480\n        inet 10.244.1.0  netmask 255.255.255.255\n");
    const routes = (await onNode(c, "k8s-master2", "ip route")).stdout.split("\n");
    expect(routes[0]).toBe("default via 192.168.10.2 dev ens33 proto static metric 100 ");
    expect(routes).toContain("10.244.0.0/24 via 192.168.10.12 dev tunl0 proto bird onlink ");
    expect(routes).toContain("10.244.3.0/24 via 192.168.10.15 dev tunl0 proto bird onlink ");
    expect(routes.some((r) => r.startsWith("10.244.1.0/24"))).toBe(false);
  });

  it("lists the node's containers, sandboxes, images and logs with crictl (course 3.7)", async () => {
    const c = await createCluster();
    const pod = {
      metadata: { name: "pod-two" },
      spec: {
        nodeName: "k8s-master1",
        containers: [
          { name: "c1", image: "busybox:1.28", command: ["sh", "-c", "echo hello from c1; sleep 3600"] },
          { name: "c2", image: "busybox:1.28", command: ["sh", "-c", "echo c2 crashed; exit 3"] },
        ],
      },
    };
    expect((await api(c, "/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(pod) })).status).toBe(201);
    await advance(c, 150);
    const ps = (await onNode(c, "k8s-master1", "crictl ps")).stdout.split("\n");
    expect(ps[0]).toBe("CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD");
    const c1 = ps.find((l) => / c1 /.test(l)) ?? "";
    expect(c1).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}2 minutes ago {7}Running {13}c1 {18}0 {19}[0-9a-f]{13} {7}pod-two$/);
    // a crashed container is listed only with -a, with the attempt that crashed
    expect(ps.some((l) => / c2 /.test(l))).toBe(false);
    const all = (await onNode(c, "k8s-master1", "crictl ps -a | grep ' c2 '")).stdout.trim().split("\n");
    expect(all.length).toBeGreaterThanOrEqual(1);
    expect(all.every((l) => l.includes(" Exited ") && l.endsWith(" pod-two"))).toBe(true);
    const id = c1.slice(0, 13);
    expect(await onNode(c, "k8s-master1", `crictl logs ${id}`)).toEqual({ stdout: "hello from c1\n", stderr: "", exitCode: 0 });
    const pods = await onNode(c, "k8s-master1", "crictl pods --name pod-two");
    expect(pods.stdout.split("\n")[1]).toMatch(new RegExp(`^${c1.split(/ +/).at(-2) ?? ""} {7}2 minutes ago {7}Ready {15}pod-two {13}default {13}0 {19}\\(default\\)$`));
    // which system images the node holds depends on where their pods landed: check the columns line up
    const imagesOut = (await onNode(c, "k8s-master1", "crictl images")).stdout.split("\n");
    const header = imagesOut[0];
    expect(header).toMatch(/^IMAGE {3,}TAG {17}IMAGE ID {12}SIZE$/);
    const busybox = imagesOut.find((l) => l.startsWith("docker.io/library/busybox ")) ?? "";
    expect(busybox).toMatch(/^docker\.io\/library\/busybox +1\.28 {16}[0-9a-f]{13} {7}2\.2MB$/);
    expect(busybox.indexOf("1.28")).toBe(header.indexOf("TAG"));
    // the sandbox image every kubeadm node holds
    expect(imagesOut).toContain(`${"registry.k8s.io/pause".padEnd(header.indexOf("TAG"))}3.10                873ed75102791       320kB`);
    // the pod is on k8s-master1 only
    expect((await onNode(c, "k8s-worker1", "crictl ps -a | grep -c pod-two")).stdout).toBe("0\n");
  });

  it("answers systemctl for the node's units", async () => {
    const c = await createCluster();
    const status = await onNode(c, "k8s-worker1", "systemctl status kubelet");
    expect(status.exitCode).toBe(0);
    const lines = status.stdout.split("\n");
    expect(lines[0]).toBe("● kubelet.service - kubelet: The Kubernetes Node Agent");
    expect(lines[1]).toBe("   Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; vendor preset: disabled)");
    expect(lines[4]).toMatch(/^ {3}Active: active \(running\) since \w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; \d+s ago$/);
    // the same process the sockets belong to
    const pid = /Main PID: (\d+) \(kubelet\)/.exec(status.stdout)?.[1];
    expect((await onNode(c, "k8s-worker1", "ss -tlnp | grep 10248")).stdout).toContain(`users:(("kubelet",pid=${pid},`);
    expect(await onNode(c, "k8s-worker1", "systemctl is-active firewalld")).toEqual({ stdout: "inactive\n", stderr: "", exitCode: 3 });
    expect(await onNode(c, "k8s-worker1", "systemctl status docker")).toEqual({ stdout: "", stderr: "Unit docker.service could not be found.\n", exitCode: 4 });
  });

  it("answers bad requests with a Status", async () => {
    const c = await createCluster();
    const missing = await api(c, "/netsim/nodes/no-such-node/exec", { method: "POST", body: JSON.stringify({ command: "hostname" }) });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe('nodes "no-such-node" not found');
    const bad = await api(c, "/netsim/nodes/k8s-master1/exec", { method: "POST", body: "{" });
    expect(bad.status).toBe(400);
    const empty = await api(c, "/netsim/nodes/k8s-master1/exec", { method: "POST", body: JSON.stringify({ command: 1 }) });
    expect(empty.status).toBe(400);
    expect(await onNode(c, "k8s-master1", "hostname")).toEqual({ stdout: "k8s-master1\n", stderr: "", exitCode: 0 });
  });
});
