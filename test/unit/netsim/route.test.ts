import { describe, expect, it } from "vitest";
import { emptyRouteState, nodeIpvs, routeRequest, type ProxyModeByNode, type RouteContext, type RouteResult } from "../../../src/netsim";
import { NOW, replay, richCluster, seeded } from "./fixtures";

const state = richCluster();
const ipvsAll: ProxyModeByNode = Object.fromEntries(["master01", "worker01", "worker02"].map((n) => [n, { mode: "ipvs" as const, scheduler: "", strictARP: true }]));

function ctx(over: Partial<RouteContext> = {}): RouteContext {
  return { state, proxyModeByNode: {}, routeState: emptyRouteState(), rng: seeded(1), now: NOW, ...over };
}

/** runs requests in sequence, threading the route state, returns who answered each */
function sequence(from: string, url: string, n: number, base: Partial<RouteContext> = {}): { pods: string[]; last: RouteResult } {
  let c = ctx(base);
  const pods: string[] = [];
  let last: RouteResult | undefined;
  for (let i = 0; i < n; i++) {
    last = routeRequest({ from, url }, c);
    pods.push(last.target?.pod ?? `error:${last.error}`);
    c = { ...c, routeState: last.routeState, now: c.now + 1000 };
  }
  if (!last) throw new Error("no request");
  return { pods, last };
}

describe("iptables mode", () => {
  it("walks KUBE-SERVICES → KUBE-SVC → statistic → KUBE-SEP → DNAT", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc/" }, ctx({ rng: replay([0.9, 0.2]) }));
    expect(r.ok).toBe(true);
    // 0.9 misses the 1/3 rule, 0.2 takes the 1/2 rule → second endpoint
    expect(r.target).toMatchObject({ pod: "web-3", podIP: "10.244.1.3", node: "worker01", port: 80, sourceIP: "10.244.2.3" });
    const details = r.trace.map((t) => t.detail);
    expect(details[1]).toContain("DNS: nginx-svc → 10.101.153.50");
    expect(details.some((d) => d.includes(">= probability 0.33333333349 → fall through"))).toBe(true);
    expect(details.some((d) => d.includes("< probability 0.50000000000 → take KUBE-SEP-"))).toBe(true);
    expect(r.trace.find((t) => t.kind === "dnat")?.rule).toContain("-j DNAT --to-destination 10.244.1.3:80");
  });

  it("splits traffic evenly across three endpoints over many requests", () => {
    const { pods } = sequence("pod/default/bbp", "http://10.101.153.50", 3000);
    const counts = new Map<string, number>();
    for (const p of pods) counts.set(p, (counts.get(p) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(["web-1", "web-2", "web-3"]);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(100);
  });

  it("is deterministic for a given seed", () => {
    expect(sequence("pod/default/bbp", "http://nginx-svc", 20).pods).toEqual(sequence("pod/default/bbp", "http://nginx-svc", 20).pods);
  });

  it("ClientIP affinity sticks to the first choice through the recent list", () => {
    const { pods, last } = sequence("pod/default/bbp", "http://10.105.239.69:8090", 10);
    expect(new Set(pods).size).toBe(1);
    expect(last.trace.some((t) => t.detail.includes("session affinity keeps"))).toBe(true);
    expect(Object.keys(last.routeState.recent)).toHaveLength(1);
  });

  it("affinity expires after timeoutSeconds", () => {
    const first = routeRequest({ from: "pod/default/bbp", url: "http://10.105.239.69:8090" }, ctx({ rng: replay([0.1]) }));
    expect(first.target?.pod).toBe("web-1");
    const later = routeRequest({ from: "pod/default/bbp", url: "http://10.105.239.69:8090" },
      ctx({ routeState: first.routeState, now: NOW + 10801_000, rng: replay([0.9, 0.9]) }));
    expect(later.target?.pod).toBe("web-2");
  });

  it("NodePort works on every node address, from outside, with masquerade", () => {
    for (const ip of ["192.168.10.11", "192.168.10.12", "192.168.10.13"]) {
      const r = routeRequest({ from: "external", url: `http://${ip}:31372/` }, ctx());
      expect(r.ok).toBe(true);
      expect(r.trace.some((t) => t.rule?.includes("-A KUBE-NODEPORTS"))).toBe(true);
      expect(r.target?.sourceIP).toBe(ip);
    }
  });

  it("LoadBalancer IP is answered by the announcing node", () => {
    const r = routeRequest({ from: "external", url: "http://192.168.10.90:8090" }, ctx());
    expect(r.ok).toBe(true);
    expect(r.trace[1].detail).toMatch(/^ARP: MetalLB speaker on \w+ answers for 192.168.10.90/);
    expect(r.trace.some((t) => t.rule?.includes("loadbalancer IP"))).toBe(true);
  });

  it("headless names go straight to a pod IP", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://headless-service.default.svc.cluster.local./" }, ctx());
    expect(r.ok).toBe(true);
    expect(["10.244.1.2", "10.244.2.2"]).toContain(r.target?.podIP);
    expect(r.trace.some((t) => t.kind === "iptables")).toBe(false);
  });

  it("StatefulSet pod DNS name reaches that pod", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "web-0.nginx.default.svc.cluster.local" }, ctx());
    expect(r.target?.pod).toBe("web-0");
  });
});

describe("ipvs mode", () => {
  it("rr alternates between real servers", () => {
    const { pods } = sequence("pod/default/bbp", "http://nginx-svc", 6, { proxyModeByNode: ipvsAll });
    expect(pods).toEqual(["web-1", "web-3", "web-2", "web-1", "web-3", "web-2"]);
  });

  it("persistence keeps the client on one real server", () => {
    const { pods, last } = sequence("pod/default/bbp", "http://10.105.239.69:8090", 5, { proxyModeByNode: ipvsAll });
    expect(new Set(pods).size).toBe(1);
    expect(last.trace.some((t) => t.detail.includes("persistence template"))).toBe(true);
  });

  it("lc follows the inactive connection counts, which ipvsadm then shows", () => {
    const lc = Object.fromEntries(Object.entries(ipvsAll).map(([n, m]) => [n, { ...m, scheduler: "lc" }]));
    const { pods, last } = sequence("pod/default/bbp", "http://nginx-svc", 4, { proxyModeByNode: lc });
    expect(pods).toEqual(["web-1", "web-3", "web-2", "web-1"]);
    const table = nodeIpvs(state, "worker02", lc, last.routeState, NOW + 4000);
    expect(table.ok && table.text).toContain("  -> 10.244.1.2:80                Masq    1      0          2         \n");
  });

  it("sh hashes the source address consistently", () => {
    const sh = Object.fromEntries(Object.entries(ipvsAll).map(([n, m]) => [n, { ...m, scheduler: "sh" }]));
    const { pods } = sequence("pod/default/bbp", "http://nginx-svc", 4, { proxyModeByNode: sh });
    expect(new Set(pods).size).toBe(1);
  });

  it("a service IP on a port without a virtual server is refused", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://10.101.153.50:81" }, ctx({ proxyModeByNode: ipvsAll }));
    expect(r.error).toBe("connection refused");
  });
});

describe("failures are results", () => {
  it("unknown names, clients and malformed URLs", () => {
    expect(routeRequest({ from: "pod/default/bbp", url: "http://no-such-svc/" }, ctx())).toMatchObject({
      ok: false, error: "NXDOMAIN", message: "curl: (6) Could not resolve host: no-such-svc" });
    expect(routeRequest({ from: "pod/default/ghost", url: "http://nginx-svc" }, ctx()).error).toBe("unknown client");
    expect(routeRequest({ from: "node/nope", url: "http://nginx-svc" }, ctx()).error).toBe("unknown client");
    expect(routeRequest({ from: "pod/default/bbp", url: "http://:80" }, ctx()).error).toBe("malformed url");
    expect(routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc:99999" }, ctx()).error).toBe("malformed url");
    expect(routeRequest({ from: "pod/default/bbp", url: "ftp://nginx-svc" }, ctx()).error).toBe("unsupported protocol");
  });

  it("services without endpoints are rejected, unused ports time out", () => {
    expect(routeRequest({ from: "pod/default/bbp", url: "http://empty-svc" }, ctx())).toMatchObject({ error: "connection refused" });
    expect(routeRequest({ from: "pod/default/bbp", url: "http://nginx-svc:81" }, ctx()).error).toBe("timeout");
  });

  it("a pod port nobody listens on is refused", () => {
    const r = routeRequest({ from: "pod/default/bbp", url: "http://10.244.1.2:8080" }, ctx());
    expect(r).toMatchObject({ ok: false, error: "connection refused", message: "curl: (7) Failed to connect to 10.244.1.2 port 8080: Connection refused" });
  });

  it("cluster addresses are not reachable from outside; the Internet is", () => {
    expect(routeRequest({ from: "external", url: "http://10.101.153.50" }, ctx()).error).toBe("timeout");
    const out = routeRequest({ from: "pod/default/bbp", url: "http://www.baidu.com" }, ctx());
    expect(out).toMatchObject({ ok: true, external: { host: "www.baidu.com", ip: "14.215.177.38", port: 80 } });
  });

  it("does not mutate the route state passed in", () => {
    const rs = emptyRouteState();
    routeRequest({ from: "pod/default/bbp", url: "http://10.105.239.69:8090" }, ctx({ routeState: rs }));
    expect(rs).toEqual(emptyRouteState());
  });
});
