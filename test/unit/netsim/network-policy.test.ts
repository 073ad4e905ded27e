import { describe, expect, it } from "vitest";
import type { Namespace, Pod } from "../../../src/api/kinds";
import type { NetState, NetworkPolicy } from "../../../src/netsim";
import { evaluatePolicies, isolatingPolicies, policyTypesOf, type PolicyConnection } from "../../../src/netsim/network-policy";
import { dnsDropped, icmpAllowed } from "../../../src/netsim/route-policy";
import { pod, richCluster } from "./fixtures";

type Spec = NonNullable<NetworkPolicy["spec"]>;

function policy(ns: string, name: string, spec: Spec): NetworkPolicy {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { namespace: ns, name }, spec };
}

function namespace(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } } };
}

const web = pod("default", "web", "10.244.1.10", "worker01", { app: "web" },
  { containers: [{ name: "c", image: "nginx", ports: [{ name: "http", containerPort: 8080 }, { name: "dns", containerPort: 5353, protocol: "UDP" }] }] });
const client = pod("default", "client", "10.244.2.10", "worker02", { app: "client" });
const other = pod("default", "other", "10.244.2.11", "worker02", { app: "other" });
const prodClient = pod("prod", "client", "10.244.2.12", "worker02", { app: "client" });
const devClient = pod("dev", "client", "10.244.2.13", "worker02", { app: "client" });
const hostPod = pod("kube-system", "kube-proxy", "192.168.10.13", "worker02", { k8s: "proxy" }, { hostNetwork: true });

function cluster(...policies: NetworkPolicy[]): NetState {
  const s = richCluster();
  s.pods.push(web, client, other, prodClient, devClient, hostPod);
  s.namespaces = [namespace("default"), namespace("kube-system"), namespace("prod", { team: "a" }), namespace("dev", { team: "b" })];
  s.networkPolicies = policies;
  return s;
}

function tcp(src: Pod | string, dst: Pod, port = 8080): PolicyConnection {
  const from = typeof src === "string" ? { ip: src } : { ip: src.status?.podIP ?? "", pod: src };
  return { src: from, dst: { ip: dst.status?.podIP ?? "", pod: dst }, protocol: "TCP", port };
}

const allowed = (s: NetState, c: PolicyConnection) => evaluatePolicies(s, c).allowed;
const denyAllIngress = policy("default", "default-deny", { podSelector: {}, policyTypes: ["Ingress"] });

describe("NetworkPolicy evaluation", () => {
  it("allows everything while no policy selects the pods", () => {
    const s = cluster(policy("prod", "deny-prod", { podSelector: {} }));
    expect(evaluatePolicies(s, tcp(client, web))).toEqual({ allowed: true, sides: [] });
  });

  it("a default-deny ingress policy isolates every pod of its namespace, and only there", () => {
    const s = cluster(denyAllIngress);
    const v = evaluatePolicies(s, tcp(client, web));
    expect(v.allowed).toBe(false);
    expect(v.denied).toEqual({ direction: "Ingress", pod: "default/web", policies: ["default-deny"] });
    expect(allowed(s, tcp(client, prodClient, 80))).toBe(true);
    // egress stays open: the policy has only the Ingress type
    expect(isolatingPolicies(s, client, "Egress")).toEqual([]);
  });

  it("allows from pods matching podSelector in the policy's namespace only", () => {
    const s = cluster(denyAllIngress, policy("default", "allow-client", {
      podSelector: { matchLabels: { app: "web" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "client" } } }] }],
    }));
    const v = evaluatePolicies(s, tcp(client, web));
    expect(v.allowed).toBe(true);
    expect(v.sides[0]).toMatchObject({ allowedBy: "allow-client", policies: ["default-deny", "allow-client"] });
    expect(allowed(s, tcp(other, web))).toBe(false);
    // same labels, other namespace: a bare podSelector stays in the policy's namespace
    expect(allowed(s, tcp(prodClient, web))).toBe(false);
  });

  it("namespaceSelector matches namespace labels, including kubernetes.io/metadata.name", () => {
    const byTeam = cluster(policy("default", "from-team-a", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }] }] }));
    expect(allowed(byTeam, tcp(prodClient, web))).toBe(true);
    expect(allowed(byTeam, tcp(devClient, web))).toBe(false);
    expect(allowed(byTeam, tcp(client, web))).toBe(false);
    const byName = cluster(policy("default", "from-dev", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "dev" } } }] }] }));
    expect(allowed(byName, tcp(devClient, web))).toBe(true);
    // a namespace the snapshot lacks still answers to its name label
    byName.namespaces = [];
    expect(allowed(byName, tcp(devClient, web))).toBe(true);
  });

  it("podSelector and namespaceSelector in one peer AND; in two peers OR", () => {
    const and = cluster(policy("default", "and", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { app: "client" } } }] }] }));
    const or = cluster(policy("default", "or", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }, { podSelector: { matchLabels: { app: "client" } } }] }] }));
    const prodOther = pod("prod", "other", "10.244.2.20", "worker02", { app: "other" });
    and.pods.push(prodOther);
    or.pods.push(prodOther);
    expect(allowed(and, tcp(prodClient, web))).toBe(true);
    expect(allowed(and, tcp(prodOther, web))).toBe(false);
    expect(allowed(and, tcp(client, web))).toBe(false);
    expect(allowed(or, tcp(prodOther, web))).toBe(true);
    expect(allowed(or, tcp(client, web))).toBe(true);
    expect(allowed(or, tcp(devClient, web))).toBe(false);
  });

  it("ipBlock with except matches addresses, not labels; nodes are seen by their address only", () => {
    const s = cluster(policy("default", "lan", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "192.168.10.0/24", except: ["192.168.10.13/32"] } }] }] }));
    expect(allowed(s, tcp("192.168.10.12", web))).toBe(true);
    expect(allowed(s, tcp("192.168.10.13", web))).toBe(false);
    expect(allowed(s, tcp(client, web))).toBe(false);
    // a host-network pod is its node: the address counts, its labels do not
    const labels = cluster(policy("default", "proxy", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { k8s: "proxy" } } }] }] }));
    expect(allowed(labels, { src: { ip: "192.168.10.13", pod: hostPod }, dst: { ip: "10.244.1.10", pod: web }, protocol: "TCP", port: 8080 })).toBe(false);
  });

  it("ports: protocol defaults to TCP, named ports resolve on the destination, endPort opens a range", () => {
    const named = cluster(policy("default", "named", { podSelector: {}, ingress: [{ ports: [{ port: "http" }, { port: "dns", protocol: "UDP" }] }] }));
    expect(allowed(named, tcp(client, web, 8080))).toBe(true);
    expect(allowed(named, tcp(client, web, 80))).toBe(false);
    expect(allowed(named, { ...tcp(client, web, 5353), protocol: "UDP" })).toBe(true);
    expect(allowed(named, tcp(client, web, 5353))).toBe(false);
    const range = cluster(policy("default", "range", { podSelector: {}, ingress: [{ ports: [{ protocol: "TCP", port: 8000, endPort: 8100 }] }] }));
    expect(allowed(range, tcp(client, web, 8000))).toBe(true);
    expect(allowed(range, tcp(client, web, 8100))).toBe(true);
    expect(allowed(range, tcp(client, web, 8101))).toBe(false);
    expect(allowed(range, { ...tcp(client, web, 8050), protocol: "UDP" })).toBe(false);
  });

  it("ICMP passes only rules without ports", () => {
    const withPorts = cluster(policy("default", "p", { podSelector: {}, ingress: [{ ports: [{ port: 8080 }] }] }));
    expect(icmpAllowed(withPorts, { ip: "10.244.2.10", pod: client }, "10.244.1.10")).toBe(false);
    const noPorts = cluster(policy("default", "all", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }));
    expect(icmpAllowed(noPorts, { ip: "10.244.2.10", pod: client }, "10.244.1.10")).toBe(true);
  });

  it("an egress policy without port 53 to CoreDNS silences the resolver; allowing it restores it", () => {
    const deny = cluster(policy("default", "deny-egress", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"] }));
    expect(dnsDropped(deny, client)?.denied).toEqual({ direction: "Egress", pod: "default/client", policies: ["deny-egress"] });
    expect(dnsDropped(deny, other)).toBeUndefined();
    expect(allowed(deny, tcp(client, web))).toBe(false);
    const dnsOnly = cluster(policy("default", "dns-only", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: [{
      to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
    }] }));
    expect(dnsDropped(dnsOnly, client)).toBeUndefined();
    expect(allowed(dnsOnly, tcp(client, web))).toBe(false);
  });

  it("policyTypes default: Ingress always, Egress when egress rules exist", () => {
    expect(policyTypesOf(policy("default", "a", { podSelector: {} }))).toEqual(["Ingress"]);
    expect(policyTypesOf(policy("default", "b", { podSelector: {}, egress: [{}] }))).toEqual(["Ingress", "Egress"]);
    expect(policyTypesOf(policy("default", "c", { podSelector: {}, policyTypes: ["Egress"] }))).toEqual(["Egress"]);
    // egress: [{}] allows all egress, and the implied Ingress type denies all ingress
    const s = cluster(policy("default", "b", { podSelector: { matchLabels: { app: "client" } }, egress: [{}] }));
    expect(allowed(s, tcp(client, web))).toBe(true);
    expect(allowed(s, tcp(other, client, 80))).toBe(false);
  });

  it("needs both ends: the source's egress and the destination's ingress", () => {
    const s = cluster(
      policy("default", "client-out", { podSelector: { matchLabels: { app: "client" } }, policyTypes: ["Egress"], egress: [{ to: [{ podSelector: { matchLabels: { app: "web" } } }] }] }),
      policy("default", "web-in", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "other" } } }] }] }),
    );
    const v = evaluatePolicies(s, tcp(client, web));
    expect(v.sides.map((x) => [x.direction, x.allowedBy])).toEqual([["Egress", "client-out"], ["Ingress", undefined]]);
    expect(v.denied?.direction).toBe("Ingress");
    expect(allowed(s, tcp(other, web))).toBe(true);
  });

  it("host-network pods are never isolated", () => {
    const s = cluster(policy("kube-system", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }));
    expect(isolatingPolicies(s, hostPod, "Ingress")).toEqual([]);
    expect(allowed(s, { src: { ip: "192.168.10.13", pod: hostPod }, dst: { ip: "10.244.1.10", pod: web }, protocol: "TCP", port: 8080 })).toBe(true);
  });
});
