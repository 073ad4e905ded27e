import { describe, expect, it } from "vitest";
import type { Service } from "../../../src/api/kinds";
import {
  allocateClusterIP, allocateLoadBalancerIP, allocateNodePort, allocatePodIP, assignServiceAddresses, metallbPools, usedClusterIPs,
} from "../../../src/netsim";
import { METALLB_CONFIG, service } from "./fixtures";

describe("ClusterIP allocation", () => {
  const used = usedClusterIPs([]);

  it("reserves the kubernetes and kube-dns addresses", () => {
    expect(used.has("10.96.0.1")).toBe(true);
    expect(used.has("10.96.0.10")).toBe(true);
  });

  it("honours a requested address inside the range", () => {
    expect(allocateClusterIP(used, { requested: "10.96.0.5", seed: "default/a" })).toEqual({ ok: true, value: "10.96.0.5" });
  });

  it("rejects a taken address with the API server's message", () => {
    const r = allocateClusterIP(new Set([...used, "10.96.0.5"]), { requested: "10.96.0.5", seed: "default/b" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.cause.field).toBe("spec.clusterIPs");
      expect(`${r.cause.field}: ${r.cause.message}`).toBe(
        'spec.clusterIPs: Invalid value: []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is already allocated');
    }
  });

  it("rejects an address outside 10.96.0.0/12", () => {
    const r = allocateClusterIP(used, { requested: "10.200.0.5", seed: "default/c" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.cause.message).toBe(
      'Invalid value: []string{"10.200.0.5"}: failed to allocate IP 10.200.0.5: the provided IP (10.200.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  });

  it("picks deterministically from the dynamic band and avoids used addresses", () => {
    const a = allocateClusterIP(used, { seed: "default/nginx-svc" });
    const b = allocateClusterIP(used, { seed: "default/nginx-svc" });
    expect(a).toEqual(b);
    if (!a.ok) throw new Error("allocation failed");
    const n = a.value.split(".").map(Number);
    expect(n[0]).toBe(10);
    expect(n[1]).toBeGreaterThanOrEqual(96);
    expect(n[1]).toBeLessThanOrEqual(111);
    expect(a.value).not.toMatch(/^10\.96\.0\.\d+$/);
    const again = allocateClusterIP(new Set([...used, a.value]), { seed: "default/nginx-svc" });
    expect(again.ok && again.value).not.toBe(a.value);
  });
});

describe("NodePort allocation", () => {
  it("honours a free requested port and rejects a taken one", () => {
    expect(allocateNodePort(new Set(), { requested: 30001, seed: "x", portIndex: 0 })).toEqual({ ok: true, value: 30001 });
    const r = allocateNodePort(new Set([30001]), { requested: 30001, seed: "x", portIndex: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.cause.field}: ${r.cause.message}`).toBe("spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated");
  });

  it("rejects ports outside 30000-32767", () => {
    const r = allocateNodePort(new Set(), { requested: 8080, seed: "x", portIndex: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.cause.message).toBe("Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");
  });

  it("allocates dynamically above the static band", () => {
    const r = allocateNodePort(new Set(), { seed: "default/nginx-metallb", portIndex: 0 });
    expect(r.ok && r.value >= 30128 && r.value <= 32767).toBe(true);
  });
});

describe("assignServiceAddresses", () => {
  it("fills cluster IP and node ports for a NodePort service, keeps them on update", () => {
    const svc = service("default", "nginx-app", { type: "NodePort", ports: [{ port: 8060, targetPort: 80, nodePort: 30001 }] });
    const created = assignServiceAddresses(svc, []);
    expect(created.causes).toEqual([]);
    expect(created.service.spec?.clusterIP).toBeDefined();
    expect(created.service.spec?.clusterIPs).toEqual([created.service.spec?.clusterIP]);
    expect(created.service.spec?.ports?.[0].nodePort).toBe(30001);
    const edited = structuredClone(svc);
    delete edited.spec?.ports?.[0].nodePort;
    const updated = assignServiceAddresses(edited, [], created.service);
    expect(updated.service.spec?.clusterIP).toBe(created.service.spec?.clusterIP);
    expect(updated.service.spec?.ports?.[0].nodePort).toBe(30001);
  });

  it("leaves headless and ExternalName services without an address", () => {
    const headless = assignServiceAddresses(service("default", "h", { clusterIP: "None", ports: [{ port: 80 }] }), []);
    expect(headless.service.spec?.clusterIP).toBe("None");
    const ext = assignServiceAddresses(service("default", "e", { type: "ExternalName", externalName: "www.baidu.com" }), []);
    expect(ext.service.spec?.clusterIP).toBeUndefined();
  });

  it("reports a taken nodePort against the right port index", () => {
    const other = service("default", "a", { type: "NodePort", clusterIP: "10.100.0.1", ports: [{ port: 80, nodePort: 30001 }] });
    const r = assignServiceAddresses(service("default", "b", { type: "NodePort", ports: [{ port: 81 }, { port: 80, nodePort: 30001 }] }), [other]);
    expect(r.causes.map((c) => `${c.field}: ${c.message}`)).toEqual(["spec.ports[1].nodePort: Invalid value: 30001: provided port is already allocated"]);
  });
});

describe("MetalLB pool", () => {
  it("parses the course's ConfigMap", () => {
    const pools = metallbPools([METALLB_CONFIG]);
    expect(pools).toHaveLength(1);
    expect(pools[0].name).toBe("default");
  });

  it("hands out the lowest free address, then the next", () => {
    const a = service("default", "a", { type: "LoadBalancer", ports: [{ port: 80 }] });
    expect(allocateLoadBalancerIP([METALLB_CONFIG], [a], a)).toEqual({ ok: true, ip: "192.168.10.90", pool: "default" });
    const holder = service("default", "holder", { type: "LoadBalancer", ports: [{ port: 80 }] }, "192.168.10.90");
    expect(allocateLoadBalancerIP([METALLB_CONFIG], [holder, a], a)).toEqual({ ok: true, ip: "192.168.10.91", pool: "default" });
  });

  it("stays pending without a pool and honours CIDR pools and requested IPs", () => {
    const a = service("default", "a", { type: "LoadBalancer", ports: [{ port: 80 }] });
    expect(allocateLoadBalancerIP([], [a], a).ok).toBe(false);
    const cidr = structuredClone(METALLB_CONFIG);
    cidr.data = { config: "address-pools:\n- name: lan\n  protocol: layer2\n  addresses: [\"192.168.20.0/30\"]\n" };
    expect(allocateLoadBalancerIP([cidr], [a], a)).toEqual({ ok: true, ip: "192.168.20.0", pool: "lan" });
    const wants = service("default", "w", { type: "LoadBalancer", loadBalancerIP: "192.168.20.3", ports: [{ port: 80 }] });
    expect(allocateLoadBalancerIP([cidr], [wants], wants)).toEqual({ ok: true, ip: "192.168.20.3", pool: "lan" });
    const outside = service("default", "o", { type: "LoadBalancer", loadBalancerIP: "10.0.0.1", ports: [{ port: 80 }] });
    expect(allocateLoadBalancerIP([cidr], [outside], outside).ok).toBe(false);
  });
});

describe("pod IPs", () => {
  it("start at .2 of the node CIDR, skip used ones, and continue after the last reserved", () => {
    expect(allocatePodIP("10.244.1.0/24", new Set())).toBe("10.244.1.2");
    expect(allocatePodIP("10.244.1.0/24", new Set(["10.244.1.2"]))).toBe("10.244.1.3");
    expect(allocatePodIP("10.244.1.0/24", new Set(), "10.244.1.7")).toBe("10.244.1.8");
    expect(allocatePodIP("10.244.1.0/24", new Set(), "10.244.1.254")).toBe("10.244.1.2");
  });

  it("reports exhaustion as undefined", () => {
    const used = new Set<string>();
    for (let i = 2; i <= 6; i++) used.add(`10.244.9.${i}`);
    expect(allocatePodIP("10.244.9.0/29", used)).toBeUndefined();
  });
});

describe("reserved cluster IPs", () => {
  it("lets the bootstrap Services take 10.96.0.1 and 10.96.0.10, and nobody else", () => {
    const svc = (ns: string, name: string, clusterIP: string): Service => service(ns, name, { clusterIP, ports: [{ port: 53 }] });
    expect(assignServiceAddresses(svc("kube-system", "kube-dns", "10.96.0.10"), []).causes).toEqual([]);
    expect(assignServiceAddresses(svc("default", "kubernetes", "10.96.0.1"), []).causes).toEqual([]);
    const other = assignServiceAddresses(svc("default", "dns", "10.96.0.10"), []);
    expect(other.causes[0]?.message).toContain("provided IP is already allocated");
    const twice = assignServiceAddresses(svc("kube-system", "kube-dns", "10.96.0.10"), [svc("default", "dns", "10.96.0.10")]);
    expect(twice.causes[0]?.message).toContain("provided IP is already allocated");
  });
});
