// Bad input of every kind: at the core/v1 resources (the API groups are in bad-input-groups.test.ts), the
// hosted REST API, the tenancy edge, the pod streams and the network API. Every failure must be the
// Status a real server gives, and leave stored data untouched.
import { beforeAll, describe, expect, it } from "vitest";
import { RESOURCES } from "../../src/api/registry";
import { ADMIN, BASE, api, call, createCluster, statusProblem, withTimeout, type Cluster } from "./bad-input-helpers";
import { describeBadInput } from "./bad-input-resources";

describeBadInput("bad input to every core/v1 resource", RESOURCES.filter((d) => d.group === ""));

const J = JSON.stringify;

interface Probe {
  what: string;
  url: string;
  init?: RequestInit;
  codes: number | number[];
  reasons?: string | string[];
}

async function probe(list: Probe[]): Promise<string[]> {
  const failures: string[] = [];
  for (const p of list) {
    try {
      const problem = await withTimeout(call(p.url, p.init).then((res) => statusProblem(res, p.codes, p.reasons)), 3000);
      if (problem) failures.push(`${p.what}: ${problem}`);
    } catch (e) {
      failures.push(`${p.what}: ${String(e)}`);
    }
  }
  return failures;
}

/** answers that are data, not errors: anything but a server error, and always a well-formed body */
async function answersWithData(res: Response): Promise<string | undefined> {
  const text = await res.text();
  if (res.status >= 500) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
  if ((res.headers.get("content-type") ?? "").includes("json")) {
    try {
      JSON.parse(text);
    } catch {
      return `invalid JSON: ${text.slice(0, 200)}`;
    }
  }
  return undefined;
}

describe("bad input to the hosted API and the tenancy edge", () => {
  let a: Cluster;
  let b: Cluster;
  beforeAll(async () => {
    a = await createCluster();
    b = await createCluster();
  });

  it("refuses every wrong credential with 401 and never serves another tenant", async () => {
    const cm = `/api/v1/namespaces/default/configmaps`;
    expect((await api(a, cm, { method: "POST", body: J({ metadata: { name: "mine" }, data: { k: "v" } }) })).status).toBe(201);
    const path = `${a.server}${cm}/mine`;
    const failures = await probe([
      { what: "no token", url: path, codes: 401 },
      { what: "Basic auth", url: path, init: { headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }, codes: 401 },
      { what: "empty bearer", url: path, init: { headers: { authorization: "Bearer " } }, codes: 401 },
      { what: "garbage token for this cluster", url: path, init: { headers: { authorization: `Bearer ${a.id}.garbage` } }, codes: 401 },
      { what: "another cluster's token", url: path, init: { headers: { authorization: `Bearer ${b.token}` } }, codes: 401 },
      { what: "the admin token", url: path, init: { headers: { authorization: "Bearer dev-admin-token" } }, codes: 401 },
      { what: "a forged internal header", url: path, init: { headers: { authorization: `Bearer ${a.id}.garbage`, "x-admin-verified": "1" } }, codes: 401 },
      { what: "another cluster's token and a forged header", url: path, init: { headers: { authorization: `Bearer ${b.token}`, "x-admin-verified": "1" } }, codes: 401 },
      { what: "malformed cluster id", url: `${BASE}/clusters/NOT-AN-ID/api/v1/namespaces`, init: { headers: { authorization: `Bearer ${a.token}` } }, codes: 401 },
      { what: "unknown cluster", url: `${BASE}/clusters/zzzzzzzzzzzz/api/v1/namespaces`, init: { headers: { authorization: "Bearer zzzzzzzzzzzz.x" } }, codes: 401 },
      { what: "write with another cluster's token", url: `${a.server}${cm}`, init: { method: "POST", headers: { authorization: `Bearer ${b.token}`, "content-type": "application/json" }, body: J({ metadata: { name: "intruder" } }) }, codes: 401 },
      { what: "delete with another cluster's token", url: path, init: { method: "DELETE", headers: { authorization: `Bearer ${b.token}` } }, codes: 401 },
    ]);
    expect(failures.join("\n")).toBe("");
    expect((await api(a, `${cm}/mine`)).status).toBe(200);
    expect((await api(a, `${cm}/intruder`)).status).toBe(404);
    expect((await api(b, `${cm}/mine`)).status).toBe(404);
  });

  it("answers bad admin requests with Status errors and changes nothing", async () => {
    const listed = async () => ((await (await call(`${BASE}/v1/clusters`, { headers: ADMIN })).json()) as { items: unknown[] }).items.length;
    const before = await listed();
    const post = (body: string, headers: Record<string, string> = ADMIN): RequestInit => ({ method: "POST", headers, body });
    const failures = await probe([
      { what: "create without a token", url: `${BASE}/v1/clusters`, init: post("{}", { "content-type": "application/json" }), codes: 401 },
      { what: "create with a wrong admin token", url: `${BASE}/v1/clusters`, init: post("{}", { authorization: "Bearer nope" }), codes: 401 },
      { what: "create with a cluster token", url: `${BASE}/v1/clusters`, init: post("{}", { authorization: `Bearer ${a.token}` }), codes: 401 },
      { what: "list with a cluster token", url: `${BASE}/v1/clusters`, init: { headers: { authorization: `Bearer ${a.token}` } }, codes: 401 },
      { what: "malformed JSON", url: `${BASE}/v1/clusters`, init: post("{"), codes: 400 },
      { what: "an array", url: `${BASE}/v1/clusters`, init: post("[]"), codes: 400 },
      { what: "a string", url: `${BASE}/v1/clusters`, init: post('"x"'), codes: 400 },
      { what: "null", url: `${BASE}/v1/clusters`, init: post("null"), codes: 400 },
      { what: "invalid name", url: `${BASE}/v1/clusters`, init: post(J({ name: "Bad_Name" })), codes: 400 },
      { what: "name too long", url: `${BASE}/v1/clusters`, init: post(J({ name: "a".repeat(64) })), codes: 400 },
      { what: "negative ttl", url: `${BASE}/v1/clusters`, init: post(J({ ttlSeconds: -1 })), codes: 400 },
      { what: "ttl a string", url: `${BASE}/v1/clusters`, init: post(J({ ttlSeconds: "60" })), codes: 400 },
      { what: "unknown profile", url: `${BASE}/v1/clusters`, init: post(J({ profile: "slow" })), codes: 400 },
      { what: "unknown field", url: `${BASE}/v1/clusters`, init: post(J({ bogus: 1 })), codes: 400 },
      { what: "body over 3 MiB", url: `${BASE}/v1/clusters`, init: post(J({ name: "x".repeat(3 * 1024 * 1024) })), codes: 413 },
      { what: "malformed id", url: `${BASE}/v1/clusters/NOT!AN!ID`, init: { headers: ADMIN }, codes: 404 },
      { what: "unknown id", url: `${BASE}/v1/clusters/zzzzzzzzzzzz`, init: { headers: ADMIN }, codes: 404 },
      { what: "kubeconfig of an unknown id", url: `${BASE}/v1/clusters/zzzzzzzzzzzz/kubeconfig`, init: { headers: ADMIN }, codes: 404 },
      { what: "delete of an unknown id", url: `${BASE}/v1/clusters/zzzzzzzzzzzz`, init: { method: "DELETE", headers: ADMIN }, codes: 404 },
      { what: "delete of a malformed id", url: `${BASE}/v1/clusters/..`, init: { method: "DELETE", headers: ADMIN }, codes: 404 },
      { what: "clock of an unknown id", url: `${BASE}/v1/clusters/zzzzzzzzzzzz/clock`, init: { headers: ADMIN }, codes: 404 },
      { what: "advance an unknown id", url: `${BASE}/v1/clusters/zzzzzzzzzzzz/clock`, init: post(J({ advanceSeconds: 1 })), codes: 404 },
      { what: "clock with another cluster's token", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: { headers: { authorization: `Bearer ${b.token}` } }, codes: 401 },
      { what: "advance with another cluster's token", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: post(J({ advanceSeconds: 1 }), { authorization: `Bearer ${b.token}` }), codes: 401 },
      { what: "advance: malformed JSON", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: post("{"), codes: 400 },
      { what: "advance: negative", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: post(J({ advanceSeconds: -1 })), codes: 400 },
      { what: "advance: a string", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: post(J({ advanceSeconds: "60" })), codes: 400 },
      { what: "advance: more than a year", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: post(J({ advanceSeconds: 1e12 })), codes: 400 },
      { what: "advance: over 3 MiB", url: `${a.server.replace("/clusters/", "/v1/clusters/")}/clock`, init: post(J({ advanceSeconds: 1, pad: "x".repeat(3 * 1024 * 1024) })), codes: 413 },
      { what: "unknown admin path", url: `${BASE}/v1/nothing`, init: { headers: ADMIN }, codes: 404 },
      { what: "wrong method", url: `${BASE}/v1/clusters`, init: { method: "PUT", headers: ADMIN, body: "{}" }, codes: [404, 405] },
    ]);
    expect(failures.join("\n")).toBe("");
    expect(await listed()).toBe(before);
  });
});

describe("bad paths, namespaces and watches inside a cluster", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await createCluster();
  });

  it("answers unknown and malformed paths with 404 and wrong verbs with 405", async () => {
    const u = (p: string) => `${c.server}${p}`;
    const auth = { authorization: `Bearer ${c.token}` };
    const json = { ...auth, "content-type": "application/json" };
    const failures = await probe([
      { what: "unknown version", url: u("/api/v9/pods"), init: { headers: auth }, codes: 404 },
      { what: "unknown group", url: u("/apis/nogroup.example.com/v1/things"), init: { headers: auth }, codes: 404 },
      { what: "unserved version of a known group", url: u("/apis/apps/v1beta1/namespaces/default/deployments"), init: { headers: auth }, codes: 404 },
      { what: "unknown resource", url: u("/api/v1/namespaces/default/foos"), init: { headers: auth }, codes: 404 },
      { what: "unknown resource, create", url: u("/api/v1/namespaces/default/foos"), init: { method: "POST", headers: auth, body: "{}" }, codes: 404 },
      { what: "malformed %-escape", url: u("/api/v1/namespaces/%E0%A4%A/configmaps"), init: { headers: auth }, codes: [400, 404] },
      { what: "below the API root", url: u("/nothing/here"), init: { headers: auth }, codes: 404 },
      { what: "list of a create-only resource", url: u("/api/v1/namespaces/default/bindings"), init: { headers: auth }, codes: 405 },
      { what: "get of a create-only resource", url: u("/api/v1/namespaces/default/bindings/x"), init: { headers: auth }, codes: 405 },
      { what: "binding without a target", url: u("/api/v1/namespaces/default/bindings"), init: { method: "POST", headers: json, body: J({ metadata: { name: "nope" } }) }, codes: [400, 404, 422] },
      { what: "binding of a missing pod", url: u("/api/v1/namespaces/default/bindings"), init: { method: "POST", headers: json, body: J({ metadata: { name: "nope" }, target: { kind: "Node", name: "k8s-worker1" } }) }, codes: 404 },
      { what: "binding: malformed", url: u("/api/v1/namespaces/default/pods/nope/binding"), init: { method: "POST", headers: json, body: "{" }, codes: [400, 404] },
      { what: "namespace status of a missing namespace", url: u("/api/v1/namespaces/nope/status"), init: { headers: auth }, codes: 404 },
      { what: "proxy to a missing service", url: u("/api/v1/namespaces/default/services/nope/proxy/"), init: { headers: auth }, codes: [404, 503] },
      { what: "proxy to a missing node", url: u("/api/v1/nodes/nope/proxy/"), init: { headers: auth }, codes: 404 },
      { what: "eviction of a missing pod", url: u("/api/v1/namespaces/default/pods/nope/eviction"), init: { method: "POST", headers: json, body: "{" }, codes: [400, 404] },
    ]);
    expect(failures.join("\n")).toBe("");
  });

  it("refuses content in a terminating namespace and a second delete", async () => {
    expect((await api(c, "/api/v1/namespaces", { method: "POST", body: J({ metadata: { name: "going" } }) })).status).toBe(201);
    expect((await api(c, "/api/v1/namespaces/going/configmaps", { method: "POST", body: J({ metadata: { name: "held", finalizers: ["example.com/hold"] } }) })).status).toBe(201);
    expect((await api(c, "/api/v1/namespaces/going", { method: "DELETE" })).status).toBe(200);
    const refused = await api(c, "/api/v1/namespaces/going/configmaps", { method: "POST", body: J({ metadata: { name: "late" } }) });
    expect(await statusProblem(refused, 403, "Forbidden")).toBeUndefined();
    expect((await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: J({ metadata: { name: "twice" } }) })).status).toBe(201);
    expect((await api(c, "/api/v1/namespaces/default/configmaps/twice", { method: "DELETE" })).status).toBe(200);
    expect(await statusProblem(await api(c, "/api/v1/namespaces/default/configmaps/twice", { method: "DELETE" }), 404, "NotFound")).toBeUndefined();
    expect(await statusProblem(await api(c, "/api/v1/namespaces/default", { method: "DELETE" }), 403, "Forbidden")).toBeUndefined();
    expect((await api(c, "/api/v1/namespaces/default")).status).toBe(200);
  });

  it("ends a watch whose timeout is already over instead of hanging", async () => {
    const res = await api(c, "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=-1");
    expect(res.status).toBe(200);
    const text = await withTimeout(res.text(), 3000);
    for (const line of text.split("\n").filter(Boolean)) expect(["ADDED", "BOOKMARK"]).toContain((JSON.parse(line) as { type: string }).type);
  });
});

describe("bad input to pod streams and the network API", () => {
  let c: Cluster;
  const ns = "default";
  beforeAll(async () => {
    c = await createCluster();
    // one that runs, and one no node will take
    for (const body of [
      { metadata: { name: "web" }, spec: { containers: [{ name: "c", image: "nginx:1.25" }] } },
      { metadata: { name: "stuck" }, spec: { nodeSelector: { "no-such": "node" }, containers: [{ name: "c", image: "nginx:1.25" }] } },
    ]) {
      expect((await api(c, `/api/v1/namespaces/${ns}/pods`, { method: "POST", body: J(body) })).status).toBe(201);
    }
    // let the kubelet pull and start "web" on the cluster's clock, not by waiting
    const advanced = await call(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: J({ advanceSeconds: 10 }) });
    expect(advanced.status).toBe(200);
    const web = (await (await api(c, `/api/v1/namespaces/${ns}/pods/web`)).json()) as { status?: { phase?: string } };
    expect(web.status?.phase).toBe("Running");
  });

  it("answers log, exec and attach mistakes with Status errors", async () => {
    const u = (p: string) => `${c.server}/api/v1/namespaces/${ns}/pods/${p}`;
    const auth = { authorization: `Bearer ${c.token}` };
    const ws = { ...auth, upgrade: "websocket", "sec-websocket-protocol": "v5.channel.k8s.io" };
    const failures = await probe([
      { what: "log of a missing pod", url: u("nope/log"), init: { headers: auth }, codes: 404 },
      { what: "exec in a missing pod", url: u("nope/exec?command=ls"), init: { headers: ws }, codes: 404 },
      { what: "attach to a missing pod", url: u("nope/attach"), init: { headers: ws }, codes: 404 },
      { what: "log of a missing container", url: u("web/log?container=nope"), init: { headers: auth }, codes: 400 },
      { what: "log with tailLines=abc", url: u("web/log?tailLines=abc"), init: { headers: auth }, codes: 400 },
      { what: "log with sinceSeconds=-5", url: u("web/log?sinceSeconds=-5"), init: { headers: auth }, codes: [400, 422] },
      { what: "log with limitBytes=abc", url: u("web/log?limitBytes=abc"), init: { headers: auth }, codes: 400 },
      { what: "log with sinceTime garbage", url: u("web/log?sinceTime=yesterday"), init: { headers: auth }, codes: 400 },
      { what: "log of a pod that never started", url: u("stuck/log"), init: { headers: auth }, codes: 400 },
      { what: "exec without an upgrade", url: u("web/exec?command=ls"), init: { headers: auth }, codes: 400 },
      { what: "exec without a command", url: u("web/exec"), init: { headers: ws }, codes: 400 },
      { what: "exec in a missing container", url: u("web/exec?command=ls&container=nope"), init: { headers: ws }, codes: 400 },
      { what: "exec with no known subprotocol", url: u("web/exec?command=ls"), init: { headers: { ...ws, "sec-websocket-protocol": "nope" } }, codes: 400 },
      { what: "log, wrong method", url: u("web/log"), init: { method: "DELETE", headers: auth }, codes: 405 },
    ]);
    // a container that does not run: the kubelet's plain-text answer, which kubectl prints as
    // "error: unable to upgrade connection: container not found ("c")"
    for (const path of ["stuck/exec?command=ls", "stuck/attach"]) {
      const res = await call(u(path), { headers: ws });
      const text = await res.text();
      if (res.status !== 400 || text !== 'container not found ("c")') failures.push(`${path}: HTTP ${res.status} ${text.slice(0, 100)}`);
    }
    expect(failures.join("\n")).toBe("");
  });

  it("answers garbage sent to the network API as data or a Status, never a server error", async () => {
    const u = (p: string) => `${c.server}/netsim${p}`;
    const auth = { authorization: `Bearer ${c.token}`, "content-type": "application/json" };
    const failures = await probe([
      { what: "request: malformed JSON", url: u("/request"), init: { method: "POST", headers: auth, body: "{" }, codes: 400 },
      { what: "request: an array", url: u("/request"), init: { method: "POST", headers: auth, body: "[]" }, codes: 400 },
      { what: "request: null", url: u("/request"), init: { method: "POST", headers: auth, body: "null" }, codes: 400 },
      { what: "request: from a number", url: u("/request"), init: { method: "POST", headers: auth, body: J({ from: 5, url: "http://x" }) }, codes: 400 },
      { what: "request: GET", url: u("/request"), init: { headers: auth }, codes: [404, 405] },
      { what: "tables of a missing node", url: u("/nodes/nope/iptables"), init: { headers: auth }, codes: 404 },
      { what: "unknown table", url: u("/nodes/k8s-master1/bogus"), init: { headers: auth }, codes: 404 },
      { what: "dns without a name", url: u("/dns"), init: { headers: auth }, codes: 400 },
      { what: "dns with an unknown type", url: u("/dns?name=kubernetes&type=BOGUS"), init: { headers: auth }, codes: 400 },
      { what: "unknown netsim path", url: u("/whatever"), init: { headers: auth }, codes: 404 },
    ]);
    // well-formed requests about things that do not exist are answered like a real network would
    const data: Array<[string, RequestInit]> = [
      ["/request", { method: "POST", headers: auth, body: J({ from: "pod/default/nope", url: "http://10.96.0.1/" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "node/nope", url: "http://10.96.0.1/" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "garbage", url: "http://10.96.0.1/" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "external", url: "http://[::1" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "external", url: "not a url" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "external", url: "http://10.96.0.1:99999/" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "pod/default/web", url: "http://no-such-service.default.svc.cluster.local:81/" }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "pod/default/web", url: `http://${"a".repeat(300)}/` }) }],
      ["/request", { method: "POST", headers: auth, body: J({ from: "pod/default/web", url: "ftp://10.96.0.1/" }) }],
      [`/dns?name=${"a".repeat(300)}`, { headers: auth }],
      ["/dns?name=..", { headers: auth }],
      ["/dns?name=kubernetes&from=garbage", { headers: auth }],
      ["/dns?name=kubernetes&from=pod/default/nope", { headers: auth }],
      ["/dns?name=1.2.3.4.5.in-addr.arpa&type=PTR", { headers: auth }],
    ];
    for (const [path, init] of data) {
      const problem = await withTimeout(call(u(path), init).then(answersWithData), 3000).catch((e: unknown) => String(e));
      if (problem) failures.push(`${init.method ?? "GET"} ${path} ${String(init.body ?? "")}: ${problem}`);
    }
    expect(failures.join("\n")).toBe("");
  });
});
