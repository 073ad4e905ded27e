// An idle cluster sleeps: once CoreDNS's probes pass, nothing is due until someone acts, and what
// the probes would have written still shows when the pods are looked at.
import { SELF, env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const ADMIN = { authorization: "Bearer dev-admin-token", "content-type": "application/json" };
const BASE = "https://sandbox.test";

interface Created {
  id: string;
  token: string;
  server: string;
}

function api(c: Created, path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`${c.server}${path}`, { ...init, headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
}

async function advance(c: Created, seconds: number): Promise<void> {
  await (await SELF.fetch(`${BASE}/v1/clusters/${c.id}/clock`, { method: "POST", headers: ADMIN, body: JSON.stringify({ advanceSeconds: seconds }) })).arrayBuffer();
}

async function kubeletTimers(c: Created): Promise<Array<{ key: string; due: number }>> {
  return runInDurableObject(env.CLUSTER.get(env.CLUSTER.idFromName(c.id)), async (_instance, state) =>
    state.storage.sql.exec<{ key: string; due: number }>("SELECT key, due FROM timers WHERE kind = 'kubelet' ORDER BY due").toArray(),
  );
}

describe("idle clusters", () => {
  it("leave no kubelet timer once every probe passes", async () => {
    const res = await SELF.fetch(`${BASE}/v1/clusters`, { method: "POST", headers: ADMIN, body: JSON.stringify({ profile: "fast" }) });
    const c = (await res.json()) as Created;
    await advance(c, 120);
    const pods = (await (await api(c, "/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns")).json()) as { items: Array<{ status: { containerStatuses: Array<{ ready: boolean }> } }> };
    expect(pods.items.map((p) => p.status.containerStatuses[0].ready)).toEqual([true, true]);
    expect(await kubeletTimers(c)).toEqual([]);
  });

  it("writes the skipped probes' access-log lines when the logs are read", async () => {
    const res = await SELF.fetch(`${BASE}/v1/clusters`, { method: "POST", headers: ADMIN, body: JSON.stringify({ profile: "fast" }) });
    const c = (await res.json()) as Created;
    const probe = { httpGet: { path: "/", port: 80 }, periodSeconds: 10 };
    const pod = { metadata: { name: "web" }, spec: { containers: [{ name: "c", image: "nginx:1.15-alpine", readinessProbe: probe }] } };
    expect((await api(c, "/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(pod) })).status).toBe(201);
    await advance(c, 5);
    await advance(c, 600);
    expect((await kubeletTimers(c)).filter((t) => t.key === "default/web")).toEqual([]);
    const log = await (await api(c, "/api/v1/namespaces/default/pods/web/log")).text();
    expect(log.split("\n").filter((l) => l.includes('"GET / HTTP/1.1" 200 612 "-" "kube-probe/1.30"')).length).toBe(61);
    const previous = await api(c, "/api/v1/namespaces/default/pods/web/log?previous=true");
    expect(previous.status).toBe(400);
  });
});
