import { describe, expect, it } from "vitest";
import { queryCoreDNS, renderDig, renderNslookup, resolveFrom, resolverFor, type DnsClient } from "../../../src/netsim";
import { NOW, replay, richCluster } from "./fixtures";
import { expectGolden } from "./golden";

const state = richCluster();
const podClient = (ns: string, name: string): DnsClient => {
  const pod = state.pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name);
  if (!pod) throw new Error(`no pod ${ns}/${name}`);
  return { kind: "pod", pod };
};
const data = (r: { answers: Array<{ type: string; data: string }> }) => r.answers.map((a) => `${a.type} ${a.data}`);

describe("CoreDNS answers", () => {
  it("ClusterIP service → its cluster IP, TTL 5", () => {
    const r = queryCoreDNS(state, "nginx-svc.default.svc.cluster.local", "A");
    expect(r.status).toBe("NOERROR");
    expect(r.answers).toEqual([{ name: "nginx-svc.default.svc.cluster.local.", type: "A", ttl: 5, data: "10.101.153.50" }]);
    expect(r.authoritative).toBe(true);
  });

  it("headless service → every ready pod IP, not-ready ones left out", () => {
    expect(data(queryCoreDNS(state, "headless-service.default.svc.cluster.local.", "A"))).toEqual(["A 10.244.1.2", "A 10.244.2.2"]);
  });

  it("StatefulSet pod names under the governing headless service", () => {
    expect(data(queryCoreDNS(state, "web-0.nginx.default.svc.cluster.local", "A"))).toEqual(["A 10.244.1.4"]);
    expect(queryCoreDNS(state, "web-9.nginx.default.svc.cluster.local", "A").status).toBe("NXDOMAIN");
  });

  it("dashed pod names in the pod zone", () => {
    expect(data(queryCoreDNS(state, "10-244-1-2.default.pod.cluster.local", "A"))).toEqual(["A 10.244.1.2"]);
    expect(queryCoreDNS(state, "10-244-1.default.pod.cluster.local", "A").status).toBe("NXDOMAIN");
  });

  it("SRV for named ports of normal and headless services", () => {
    const dns = queryCoreDNS(state, "_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local", "SRV");
    expect(data(dns)).toEqual(["SRV 0 100 53 kube-dns.kube-system.svc.cluster.local."]);
    expect(dns.additional).toEqual([{ name: "kube-dns.kube-system.svc.cluster.local.", type: "A", ttl: 5, data: "10.96.0.10" }]);
    const web = queryCoreDNS(state, "_web._tcp.nginx.default.svc.cluster.local", "SRV");
    expect(data(web)).toEqual(["SRV 0 100 80 web-0.nginx.default.svc.cluster.local."]);
    expect(queryCoreDNS(state, "_nope._tcp.nginx.default.svc.cluster.local", "SRV").status).toBe("NXDOMAIN");
  });

  it("PTR for service and pod addresses", () => {
    expect(data(queryCoreDNS(state, "10.0.96.10.in-addr.arpa", "PTR"))).toEqual(["PTR kube-dns.kube-system.svc.cluster.local."]);
    expect(data(queryCoreDNS(state, "4.2.244.10.in-addr.arpa.", "PTR"))).toEqual(["PTR 10-244-2-4.svc2.ns2.svc.cluster.local."]);
    expect(data(queryCoreDNS(state, "4.1.244.10.in-addr.arpa.", "PTR"))).toEqual(["PTR web-0.nginx.default.svc.cluster.local."]);
    expect(queryCoreDNS(state, "9.9.244.10.in-addr.arpa.", "PTR").status).toBe("NXDOMAIN");
  });

  it("ExternalName → CNAME plus the upstream answer", () => {
    const r = queryCoreDNS(state, "my-externalname.default.svc.cluster.local", "A");
    expect(data(r)).toEqual(["CNAME www.baidu.com.", "CNAME www.a.shifen.com.", "A 14.215.177.38", "A 14.215.177.39"]);
    expect(r.answers.map((a) => a.ttl)).toEqual([5, 30, 30, 30]);
    expect(data(queryCoreDNS(state, "my-externalname.default.svc.cluster.local", "CNAME"))).toEqual(["CNAME www.baidu.com."]);
    const cross = queryCoreDNS(state, "external-svc1.ns1.svc.cluster.local", "A");
    expect(data(cross)).toEqual(["CNAME svc2.ns2.svc.cluster.local.", "A 10.244.2.4"]);
  });

  it("upstream names, NXDOMAIN otherwise, and NODATA for missing types", () => {
    expect(data(queryCoreDNS(state, "www.example.com", "A"))).toEqual(["A 93.184.215.14"]);
    expect(queryCoreDNS(state, "www.example.com", "A").authoritative).toBe(false);
    expect(queryCoreDNS(state, "no-such-host.invalid", "A").status).toBe("NXDOMAIN");
    expect(queryCoreDNS(state, "nope.default.svc.cluster.local", "A").status).toBe("NXDOMAIN");
    const aaaa = queryCoreDNS(state, "nginx-svc.default.svc.cluster.local", "AAAA");
    expect([aaaa.status, aaaa.answers.length]).toEqual(["NOERROR", 0]);
    expect(data(queryCoreDNS(state, "dns-version.cluster.local", "TXT"))).toEqual(['TXT "1.1.0"']);
  });

  it("rejects malformed names as FORMERR, not an exception", () => {
    expect(queryCoreDNS(state, "bad..name", "A").status).toBe("FORMERR");
    expect(queryCoreDNS(state, "", "A").status).toBe("FORMERR");
  });

  it("loadbalance rotates A records with the given source", () => {
    const r = queryCoreDNS(state, "headless-service.default.svc.cluster.local", "A", { rng: replay([0.9]) });
    expect(data(r)).toEqual(["A 10.244.2.2", "A 10.244.1.2"]);
  });
});

describe("resolver inside a pod", () => {
  it("writes the kubelet resolv.conf", () => {
    expect(resolverFor(podClient("ns1", "deploy-nginx-g5xl8"))).toEqual({
      nameserver: "10.96.0.10", search: ["ns1.svc.cluster.local", "svc.cluster.local", "cluster.local"], ndots: 5, usesClusterDNS: true });
  });

  it("expands short names through the search path", () => {
    const r = resolveFrom(state, podClient("ns1", "deploy-nginx-g5xl8"), "svc1", "A");
    expect(data(r)).toEqual(["A 10.244.1.5"]);
    expect(r.tried[0]).toEqual({ name: "svc1.ns1.svc.cluster.local.", status: "NOERROR", answers: 1 });
    const cross = resolveFrom(state, podClient("ns1", "deploy-nginx-g5xl8"), "svc2.ns2", "A");
    expect(data(cross)).toEqual(["A 10.244.2.4"]);
    expect(cross.tried.map((t) => t.name)).toEqual(["svc2.ns2.ns1.svc.cluster.local.", "svc2.ns2.svc.cluster.local."]);
  });

  it("tries the search list before the bare name under ndots 5", () => {
    const r = resolveFrom(state, podClient("default", "bbp"), "www.baidu.com", "A");
    expect(r.tried.map((t) => t.status)).toEqual(["NXDOMAIN", "NXDOMAIN", "NXDOMAIN", "NOERROR"]);
    expect(data(r).filter((d) => d.startsWith("A"))).toEqual(["A 14.215.177.38", "A 14.215.177.39"]);
  });

  it("answers the pod's own name from /etc/hosts and fails unknown names", () => {
    expect(resolveFrom(state, podClient("default", "web-0"), "web-0", "A").source).toBe("hosts");
    expect(resolveFrom(state, podClient("default", "bbp"), "nothing-here", "A").status).toBe("NXDOMAIN");
  });

  it("nodes do not use cluster DNS", () => {
    expect(resolveFrom(state, { kind: "node" }, "nginx-svc.default.svc.cluster.local", "A").status).toBe("NXDOMAIN");
  });
});

describe("renderers", () => {
  it("dig output like the course", () => {
    const r = queryCoreDNS(state, "my-externalname.default.svc.cluster.local.", "A");
    expectGolden("dig-externalname.txt", renderDig(r, { server: "10.96.0.10", now: NOW }));
    const text = renderDig(queryCoreDNS(state, "headless-service.default.svc.cluster.local.", "A"), { server: "10.96.0.10", now: NOW });
    expect(text).toContain(";; flags: qr aa rd; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1\n");
    expect(text).toContain("headless-service.default.svc.cluster.local. 5 IN A 10.244.1.2\n");
    expect(text).toContain(";; SERVER: 10.96.0.10#53(10.96.0.10)\n");
  });

  it("busybox nslookup like the course", () => {
    const out = renderNslookup(state, podClient("ns1", "deploy-nginx-g5xl8"), "svc2.ns2.svc.cluster.local");
    expect(out.stdout).toBe([
      "Server:    10.96.0.10",
      "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local",
      "",
      "Name:      svc2.ns2.svc.cluster.local",
      "Address 1: 10.244.2.4 10-244-2-4.svc2.ns2.svc.cluster.local",
      "",
    ].join("\n"));
    const own = renderNslookup(state, podClient("ns1", "deploy-nginx-g5xl8"), "svc1");
    expect(own.stdout).toContain("Name:      svc1\nAddress 1: 10.244.1.5 deploy-nginx-g5xl8\n");
    const ext = renderNslookup(state, podClient("default", "bbp"), "www.baidu.com");
    expect(ext.stdout).toContain("Address 1: 14.215.177.38\nAddress 2: 14.215.177.39\n");
    const bad = renderNslookup(state, podClient("default", "bbp"), "nothing-here");
    expect([bad.exitCode, bad.stderr]).toEqual([1, "nslookup: can't resolve 'nothing-here'\n"]);
  });
});
