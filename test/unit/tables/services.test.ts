import { describe, expect, it } from "vitest";
import type { EndpointSlice, Endpoints, Service } from "../../../src/api/kinds";
import {
  endpointSliceTable,
  endpointsTable,
  ingressClassTable,
  ingressTable,
  networkPolicyTable,
  serviceTable,
  type Ingress,
} from "../../../src/api/tables/services";
import { ago, ctx } from "./helpers";

function svc(name: string, spec: NonNullable<Service["spec"]>, status: Service["status"] = {}): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default", creationTimestamp: ago(15 * 60) }, spec, status };
}

describe("Service", () => {
  it("columns are NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR", () => {
    expect(serviceTable.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Name:0",
      "Type:0",
      "Cluster-IP:0",
      "External-IP:0",
      "Port(s):0",
      "Age:0",
      "Selector:1",
    ]);
  });

  it("ClusterIP service", () => {
    const s = svc("nginx-svc", {
      type: "ClusterIP",
      clusterIP: "10.96.12.34",
      clusterIPs: ["10.96.12.34"],
      selector: { app: "nginx" },
      ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }],
    });
    expect(serviceTable.cells(s, ctx)).toEqual(["nginx-svc", "ClusterIP", "10.96.12.34", "<none>", "80/TCP", "15m", "app=nginx"]);
  });

  it("NodePort service with several ports and external IPs", () => {
    const s = svc("np", {
      type: "NodePort",
      clusterIPs: ["10.96.0.20"],
      externalIPs: ["192.168.1.10"],
      ports: [
        { name: "http", port: 80, nodePort: 30001, protocol: "TCP" },
        { name: "dns", port: 53, nodePort: 30053, protocol: "UDP" },
      ],
    });
    expect(serviceTable.cells(s, ctx).slice(1, 5)).toEqual(["NodePort", "10.96.0.20", "192.168.1.10", "80:30001/TCP,53:30053/UDP"]);
    expect(serviceTable.cells(s, ctx)[6]).toBe("<none>");
  });

  it("LoadBalancer pending, then with sorted ingress addresses", () => {
    const spec = { type: "LoadBalancer" as const, clusterIPs: ["10.96.0.30"], ports: [{ port: 443, nodePort: 31443, protocol: "TCP" as const }] };
    expect(serviceTable.cells(svc("lb", spec), ctx)[3]).toBe("<pending>");
    const withLb = svc("lb", spec, { loadBalancer: { ingress: [{ ip: "203.0.113.9" }, { hostname: "lb.example.com" }, { ip: "203.0.113.9" }] } });
    expect(serviceTable.cells(withLb, ctx)[3]).toBe("203.0.113.9,lb.example.com");
    const withExternal = svc("lb", { ...spec, externalIPs: ["198.51.100.1"] }, { loadBalancer: { ingress: [{ ip: "203.0.113.9" }] } });
    expect(serviceTable.cells(withExternal, ctx)[3]).toBe("203.0.113.9,198.51.100.1");
  });

  it("headless and ExternalName services", () => {
    const headless = svc("db", { type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], ports: [{ port: 5432, protocol: "TCP" }] });
    expect(serviceTable.cells(headless, ctx).slice(2, 5)).toEqual(["None", "<none>", "5432/TCP"]);
    const ext = svc("ext", { type: "ExternalName", externalName: "example.com" });
    expect(serviceTable.cells(ext, ctx).slice(1, 5)).toEqual(["ExternalName", "<none>", "example.com", "<none>"]);
  });
});

describe("Endpoints", () => {
  const ep = (subsets: Endpoints["subsets"]): Endpoints => ({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "nginx-svc", creationTimestamp: ago(30) },
    subsets,
  });

  it("<none> without subsets", () => {
    expect(endpointsTable.cells(ep(undefined), ctx)).toEqual(["nginx-svc", "<none>", "30s"]);
  });

  it("lists ip:port", () => {
    const e = ep([{ addresses: [{ ip: "10.244.1.5" }, { ip: "10.244.2.7" }], ports: [{ port: 80, protocol: "TCP" }] }]);
    expect(endpointsTable.cells(e, ctx)[1]).toBe("10.244.1.5:80,10.244.2.7:80");
  });

  it("caps at three entries with + N more...", () => {
    const e = ep([
      {
        addresses: [{ ip: "10.244.1.5" }, { ip: "10.244.1.6" }, { ip: "10.244.2.7" }, { ip: "10.244.2.8" }],
        ports: [
          { name: "http", port: 80 },
          { name: "https", port: 443 },
        ],
      },
    ]);
    expect(endpointsTable.cells(e, ctx)[1]).toBe("10.244.1.5:80,10.244.1.6:80,10.244.2.7:80 + 5 more...");
  });

  it("headless without ports and IPv6 brackets", () => {
    expect(endpointsTable.cells(ep([{ addresses: [{ ip: "10.0.0.1" }] }]), ctx)[1]).toBe("10.0.0.1");
    expect(endpointsTable.cells(ep([{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 80 }] }]), ctx)[1]).toBe("[fd00::1]:80");
  });
});

describe("EndpointSlice", () => {
  it("ADDRESSTYPE PORTS ENDPOINTS AGE", () => {
    const slice: EndpointSlice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "nginx-svc-abcde", creationTimestamp: ago(30) },
      addressType: "IPv4",
      ports: [{ name: "http", port: 80, protocol: "TCP" }],
      endpoints: [{ addresses: ["10.244.1.5"] }, { addresses: ["10.244.1.6"] }, { addresses: ["10.244.2.7"] }, { addresses: ["10.244.2.8"] }],
    };
    expect(endpointSliceTable.cells(slice, ctx)).toEqual(["nginx-svc-abcde", "IPv4", "80", "10.244.1.5,10.244.1.6,10.244.2.7 + 1 more...", "30s"]);
    expect(endpointSliceTable.cells({ ...slice, ports: [], endpoints: [] }, ctx).slice(2, 4)).toEqual(["<unset>", "<unset>"]);
  });
});

describe("Ingress, IngressClass, NetworkPolicy", () => {
  it("Ingress hosts, address and ports", () => {
    const ing: Ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", creationTimestamp: ago(60) },
      spec: {
        ingressClassName: "nginx",
        rules: [{ host: "a.example.com" }, { host: "b.example.com" }, {}, { host: "c.example.com" }, { host: "d.example.com" }],
        tls: [{ hosts: ["a.example.com"], secretName: "tls" }],
      },
      status: { loadBalancer: { ingress: [{ ip: "192.168.49.2" }] } },
    };
    expect(ingressTable.cells(ing, ctx)).toEqual(["web", "nginx", "a.example.com,b.example.com,c.example.com + 2 more...", "192.168.49.2", "80, 443", "60s"]);
    const bare: Ingress = { ...ing, spec: {}, status: {} };
    expect(ingressTable.cells(bare, ctx).slice(1, 5)).toEqual(["<none>", "*", "", "80"]);
  });

  it("IngressClass parameters", () => {
    const ic = {
      apiVersion: "networking.k8s.io/v1" as const,
      kind: "IngressClass" as const,
      metadata: { name: "nginx", creationTimestamp: ago(60) },
      spec: { controller: "k8s.io/ingress-nginx", parameters: { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb" } },
    };
    expect(ingressClassTable.cells(ic, ctx)).toEqual(["nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "60s"]);
    expect(ingressClassTable.cells({ ...ic, spec: { controller: "x" } }, ctx)[2]).toBe("<none>");
  });

  it("NetworkPolicy POD-SELECTOR", () => {
    const np = {
      apiVersion: "networking.k8s.io/v1" as const,
      kind: "NetworkPolicy" as const,
      metadata: { name: "deny", creationTimestamp: ago(60) },
      spec: { podSelector: {} },
    };
    expect(networkPolicyTable.cells(np, ctx)).toEqual(["deny", "<none>", "60s"]);
    expect(networkPolicyTable.cells({ ...np, spec: { podSelector: { matchLabels: { role: "db" } } } }, ctx)[1]).toBe("role=db");
  });
});
