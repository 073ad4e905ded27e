// Limits a hosted service needs: object quota, ttl expiry, body size, dry-run, paging, WebSocket watch.
import { runInDurableObject, env } from "cloudflare:test";
import { ADMIN, BASE, api, call, createCluster, type Cluster } from "./harness";
import { describe, expect, it } from "vitest";
import type { ClusterObject } from "../../src/durable/cluster-object";

const cm = (name: string) => JSON.stringify({ metadata: { name }, data: { k: "v" } });

describe("limits and list semantics", () => {
  it("refuses objects over the quota with a 403 Status and keeps what was stored", async () => {
    const c = await createCluster({ profile: "fast" });
    let refused: Response | undefined;
    let created = 0;
    for (let i = 0; i < 300 && !refused; i++) {
      const r = await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: cm(`q-${i}`) });
      if (r.status === 403) refused = r;
      else {
        expect(r.status).toBe(201);
        created++;
      }
    }
    expect(refused).toBeDefined();
    const status = (await refused!.json()) as { reason: string; message: string; code: number };
    expect(status.reason).toBe("Forbidden");
    expect(status.message).toContain("at most 200 objects");
    const list = (await (await api(c, "/api/v1/namespaces/default/configmaps")).json()) as { items: unknown[] };
    expect(list.items.length).toBe(created);
  });

  it("erases a cluster whose ttl has run out when its alarm fires", async () => {
    const c = await createCluster({ ttlSeconds: 3600 });
    const stub = env.CLUSTER.get(env.CLUSTER.idFromName(c.id));
    await runInDurableObject(stub, async (instance: ClusterObject, state) => {
      const info = instance.getInfo();
      expect(info?.expiresAt).toBeTruthy();
      const past = { ...info!, expiresAt: new Date(Date.now() - 1000).toISOString() };
      state.storage.sql.exec("UPDATE kv SET value = ? WHERE key = 'info'", JSON.stringify(past));
      (instance as unknown as { info: unknown }).info = undefined;
      // what the runtime does when the alarm time comes
      await instance.alarm();
    });
    expect((await api(c, "/api/v1/nodes")).status).toBe(401);
    expect((await call(`${BASE}/v1/clusters/${c.id}`, { headers: ADMIN })).status).toBe(404);
  });

  it("answers 413 for bodies over 3 MiB", async () => {
    const c = await createCluster();
    const r = await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: JSON.stringify({ metadata: { name: "big" }, data: { k: "x".repeat(3 * 1024 * 1024) } }) });
    expect(r.status).toBe(413);
    expect((await api(c, "/api/v1/namespaces/default/configmaps/big")).status).toBe(404);
  });

  it("does not store dry-run creates", async () => {
    const c = await createCluster();
    const r = await api(c, "/api/v1/namespaces/default/configmaps?dryRun=All", { method: "POST", body: cm("dry") });
    expect(r.status).toBe(201);
    expect((await api(c, "/api/v1/namespaces/default/configmaps/dry")).status).toBe(404);
  });

  it("pages lists with limit and continue", async () => {
    const c = await createCluster();
    for (let i = 0; i < 5; i++) await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: cm(`page-${i}`) });
    const names: string[] = [];
    let cont = "";
    for (let guard = 0; guard < 10; guard++) {
      const r = (await (await api(c, `/api/v1/namespaces/default/configmaps?labelSelector=&limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ""}`)).json()) as { items: Array<{ metadata: { name: string } }>; metadata: { continue?: string } };
      names.push(...r.items.map((i) => i.metadata.name));
      if (!r.metadata.continue) break;
      cont = r.metadata.continue;
    }
    expect(names.filter((n) => n.startsWith("page-"))).toEqual(["page-0", "page-1", "page-2", "page-3", "page-4"]);
  });

  it("streams watch events over a WebSocket for browser clients", async () => {
    const c = await createCluster();
    const res = await api(c, "/api/v1/namespaces/default/configmaps?watch=true", { headers: { upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const got = new Promise<string>((resolve) => ws.addEventListener("message", (ev) => resolve(String(ev.data))));
    await api(c, "/api/v1/namespaces/default/configmaps", { method: "POST", body: cm("via-ws") });
    const ev = JSON.parse(await got) as { type: string; object: { metadata: { name: string } } };
    expect(ev.type).toBe("ADDED");
    expect(ev.object.metadata.name).toBe("via-ws");
    ws.close();
  });
});
