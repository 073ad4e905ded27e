// The Worker and the cluster Durable Object on the Workers runtime: tenancy, storage, watch replay, clock.
import { env, runInDurableObject } from "cloudflare:test";
import { ADMIN, BASE, api, call, createCluster, type Cluster } from "./harness";
import { describe, expect, it } from "vitest";

describe("cluster Durable Object", () => {
  it("creates a cluster that looks like the course's", async () => {
    const c = await createCluster({ name: "course" });
    expect(c.server).toBe(`${BASE}/clusters/${c.id}`);
    expect(c.kubeconfig).toContain(`server: ${c.server}`);
    const nodes = (await (await api(c, "/api/v1/nodes")).json()) as { items: Array<{ metadata: { name: string } }> };
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(["k8s-master1", "k8s-master2", "k8s-master3", "k8s-worker1"]);
    const ns = (await (await api(c, "/api/v1/namespaces")).json()) as { items: Array<{ metadata: { name: string } }> };
    expect(ns.items.map((n) => n.metadata.name).sort()).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    const lease = (await (await api(c, "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/k8s-master1")).json()) as { spec: { renewTime: string } };
    expect(lease.spec.renewTime).toMatch(/\.\d{6}Z$/);
  });

  it("keeps tenants apart", async () => {
    const a = await createCluster();
    const b = await createCluster();
    const created = await api(a, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: "only-in-a" }, data: { k: "v" } }) });
    expect(created.status).toBe(201);
    const cross = await call(`${a.server}/api/v1/namespaces/default/configmaps/only-in-a`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(cross.status).toBe(401);
    expect(((await cross.json()) as { kind: string }).kind).toBe("Status");
    const inB = await api(b, "/api/v1/namespaces/default/configmaps/only-in-a");
    expect(inB.status).toBe(404);
  });

  it("assigns monotonic resourceVersions and rejects stale updates", async () => {
    const c = await createCluster();
    const one = (await (await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: "a" } }) })).json()) as { metadata: { resourceVersion: string } };
    const two = (await (await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: "b" } }) })).json()) as { metadata: { resourceVersion: string } };
    expect(Number(two.metadata.resourceVersion)).toBeGreaterThan(Number(one.metadata.resourceVersion));
    const put = await api(c, "/api/v1/namespaces/default/configmaps/a", { method: "PUT", body: JSON.stringify({ metadata: { name: "a", resourceVersion: "1" }, data: { x: "y" } }) });
    expect(put.status).toBe(409);
    const still = (await (await api(c, "/api/v1/namespaces/default/configmaps/a")).json()) as { data?: Record<string, string> };
    expect(still.data).toBeUndefined();
  });

  it("sees a namespace's lifecycle in every later request (namespaces stay cached between requests)", async () => {
    const c = await createCluster();
    const cm = (name: string, extra: Record<string, unknown> = {}) =>
      api(c, "/api/v1/namespaces/team/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name, ...extra } }) });
    expect((await cm("before")).status).toBe(404);
    expect((await api(c, "/api/v1/namespaces", { method: "POST", body: JSON.stringify({ metadata: { name: "team" } }) })).status).toBe(201);
    // a finalizer on its content keeps the namespace Terminating
    expect((await cm("held", { finalizers: ["example.com/hold"] })).status).toBe(201);
    expect((await api(c, "/api/v1/namespaces/team", { method: "DELETE" })).status).toBe(200);
    const refused = await cm("during");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain("because it is being terminated");
    const release = await api(c, "/api/v1/namespaces/team/configmaps/held", { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: JSON.stringify({ metadata: { finalizers: null } }) });
    expect(release.status).toBe(200);
    await call(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: 5 }) });
    expect((await api(c, "/api/v1/namespaces/team")).status).toBe(404);
    const gone = await cm("after");
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toBe('namespaces "team" not found');
    expect((await api(c, "/api/v1/namespaces", { method: "POST", body: JSON.stringify({ metadata: { name: "team" } }) })).status).toBe(201);
    expect((await cm("again")).status).toBe(201);
  });

  it("replays changes after a resourceVersion on watch", async () => {
    const c = await createCluster();
    const list = (await (await api(c, "/api/v1/namespaces/default/configmaps")).json()) as { metadata: { resourceVersion: string } };
    await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: "w1" } }) });
    await api(c, "/api/v1/namespaces/default/configmaps/w1", { method: "DELETE" });
    const res = await api(c, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=1`);
    const reader = res.body!.getReader();
    let text = "";
    while (text.split("\n").filter(Boolean).length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    const events = text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED w1", "DELETED w1"]);
  });

  it("answers a too-old resourceVersion with 410 Expired in the stream", async () => {
    const c = await createCluster();
    await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: "late" } }) });
    // the change log keeps a window of recent writes: pretend the early ones have been compacted away
    await runInDurableObject(env.CLUSTER.get(env.CLUSTER.idFromName(c.id)), async (_instance, state) => {
      state.storage.sql.exec("DELETE FROM changes WHERE rv < (SELECT max(rv) FROM changes)");
    });
    const res = await api(c, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2");
    const text = await res.text();
    const ev = JSON.parse(text.trim()) as { type: string; object: { code: number; reason: string; message: string } };
    expect(ev.type).toBe("ERROR");
    expect(ev.object.code).toBe(410);
    expect(ev.object.reason).toBe("Expired");
    expect(ev.object.message).toMatch(/^too old resource version: 2 \(\d+\)$/);
  });

  it("advances the cluster clock and erases deleted clusters", async () => {
    const c = await createCluster();
    const before = (await (await call(`${BASE}/v1/clusters/${c.id}/clock`, { headers: ADMIN })).json()) as { now: string };
    const after = (await (await call(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: 3600 }) })).json()) as { now: string };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3600_000);
    const del = await call(`${BASE}/v1/clusters/${c.id}`, { method: "DELETE", headers: ADMIN });
    expect(del.status).toBe(200);
    const gone = await api(c, "/api/v1/nodes");
    expect(gone.status).toBe(401);
    const info = await call(`${BASE}/v1/clusters/${c.id}`, { headers: ADMIN });
    expect(info.status).toBe(404);
  });
});
