import { describe, expect, it } from "vitest";
import { emptyRouteState, routeRequest, type NetState, type NetworkPolicy, type RouteContext } from "../../../src/netsim";
import { NOW, pod, richCluster, seeded } from "./fixtures";

type Spec = NonNullable<NetworkPolicy["spec"]>;

function policy(ns: string, name: string, spec: Spec): NetworkPolicy {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: ns, name }, spec };
}

function withPolicies(...policies: NetworkPolicy[]): NetState {
  const s = richCluster();
  s.pods.push(pod("default", "other", "10.244.2.9", "worker02", { run: "other" }, { containers: [{ name: "c", image: "busybox:1.28" }] }));
  s.networkPolicies = policies;
  return s;
}

function ctx(state: NetState): RouteContext {
  return { state, proxyModeByNode: {}, routeState: emptyRouteState(), rng: seeded(3), now: NOW };
}

const denyIngress = policy("default", "default-deny-ingress", { podSelector: {}, policyTypes: ["Ingress"] });
const allowBbp = policy("default", "allow-bbp", { podSelector: { matchLabels: { app: "nginx" } }, ingress: [{ from: [{ podSelector: { matchLabels: { run: "bbp" } } }], ports: [{ port: 80 }] }] });

describe("routeRequest with NetworkPolicy", () => {
  it("drops a service request at the backend after DNAT and says which policy did", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc/" }, ctx(withPolicies(denyIngress)));
    expect(r.ok).toBe(false);
    expect(r.error).toBe("timeout");
    expect(r.message).toBe("curl: (28) Failed to connect to nginx-svc port 80: Connection timed out");
    expect(r.trace.some((t) => t.kind === "dnat")).toBe(true);
    const step = r.trace.find((t) => t.kind === "policy");
    expect(step?.detail).toMatch(/^NetworkPolicy: ingress of pod default\/web-\d is isolated by NetworkPolicy default-deny-ingress and no rule allows TCP\/80 from 10\.244\.2\.3 → Calico drops the packet$/);
    expect(r.trace.at(-1)?.detail).toContain("(default-deny-ingress); no RST is sent");
  });

  it("lets the labelled client through and still drops the others", () => {
    const s = withPolicies(denyIngress, allowBbp);
    const ok = routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc/" }, ctx(s));
    expect(ok.ok).toBe(true);
    expect(ok.trace.find((t) => t.kind === "policy")?.detail).toContain("allow-bbp allows TCP/80 from 10.244.2.3");
    const other = routeRequest({ from: "pod/default/other", url: "http://nginx-svc/" }, ctx(s));
    expect(other.error).toBe("timeout");
  });

  it("a dropped SYN times out even where nothing listens (no RST)", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://10.244.1.2:81/" }, ctx(withPolicies(denyIngress)));
    expect(r.error).toBe("timeout");
    const open = routeRequest({ from: "pod/default/bbp", url: "http://10.244.1.2:81/" }, ctx(withPolicies()));
    expect(open.error).toBe("connection refused");
  });

  it("NodePort traffic from outside arrives masqueraded to the node's address", () => {
    const fromLan = policy("default", "from-lan", { podSelector: { matchLabels: { app: "nginx" } }, ingress: [{ from: [{ ipBlock: { cidr: "192.168.10.0/24", except: ["192.168.10.254/32"] } }] }] });
    const r = routeRequest({ from: "external", url: "http://192.168.10.12:31372/" }, ctx(withPolicies(fromLan)));
    expect(r.ok).toBe(true);
    expect(r.target?.sourceIP).toBe("192.168.10.12");
    const onlyClient = policy("default", "only-client", { podSelector: { matchLabels: { app: "nginx" } }, ingress: [{ from: [{ ipBlock: { cidr: "192.168.10.254/32" } }] }] });
    expect(routeRequest({ from: "external", url: "http://192.168.10.12:31372/" }, ctx(withPolicies(onlyClient))).error).toBe("timeout");
  });

  it("a node reaches its own pods whatever the policy; other nodes are subject to it", () => {
    const s = withPolicies(denyIngress);
    const local = routeRequest({ from: "node/worker01", url: "http://10.244.1.2/" }, ctx(s));
    expect(local.ok).toBe(true);
    expect(local.trace.find((t) => t.kind === "policy")?.detail).toContain("where Calico applies no workload policy");
    expect(routeRequest({ from: "node/worker02", url: "http://10.244.1.2/" }, ctx(s)).error).toBe("timeout");
    const nodes = policy("default", "nodes", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "192.168.10.13/32" } }] }] });
    expect(routeRequest({ from: "node/worker02", url: "http://10.244.1.2/" }, ctx(withPolicies(denyIngress, nodes))).ok).toBe(true);
  });

  it("egress: names stop resolving without port 53, the Internet and nodes are matched by ipBlock", () => {
    const denyEgress = policy("default", "deny-egress", { podSelector: { matchLabels: { run: "bbp" } }, policyTypes: ["Egress"] });
    const dns = routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc/" }, ctx(withPolicies(denyEgress)));
    expect(dns.error).toBe("timeout");
    expect(dns.message).toBe("curl: (6) Could not resolve host: nginx-svc");
    expect(dns.trace.at(-1)?.detail).toContain("queries to CoreDNS (UDP 53) are dropped by the egress policy of default/bbp (deny-egress)");
    expect(routeRequest({ from: "pod/default/bbp", url: "http://10.101.153.50/" }, ctx(withPolicies(denyEgress))).error).toBe("timeout");
    const allowDns = policy("default", "allow-dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 53, protocol: "UDP" }] }] });
    const internet = policy("default", "internet", { podSelector: { matchLabels: { run: "bbp" } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }] }] });
    const s = withPolicies(denyEgress, allowDns, internet);
    const r = routeRequest({ from: "pod/default/bbp", url: "http://www.baidu.com/" }, ctx(s));
    expect(r.ok).toBe(true);
    expect(r.external?.host).toBe("www.baidu.com");
    expect(routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc/" }, ctx(s)).error).toBe("timeout");
    expect(routeRequest({ from: "pod/default/other", url: "http://www.baidu.com/" }, ctx(s)).error).toBe("timeout");
  });

  it("leaves routing untouched when no policy exists", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc/" }, ctx(withPolicies()));
    expect(r.ok).toBe(true);
    expect(r.trace.some((t) => t.kind === "policy")).toBe(false);
  });
});
