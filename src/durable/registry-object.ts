// The list of clusters of this deployment (for GET /v1/clusters); cluster data lives in each cluster's own object.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import type { ClusterInfo } from "../routes/cluster-info";

interface Entry {
  info: ClusterInfo;
  nonce: string;
}

export class RegistryObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS clusters (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
  }

  add(info: ClusterInfo, nonce: string): void {
    const entry: Entry = { info, nonce };
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO clusters (id, body) VALUES (?, ?)", info.id, JSON.stringify(entry));
  }

  get(id: string): Entry | undefined {
    const rows = this.ctx.storage.sql.exec<{ body: string }>("SELECT body FROM clusters WHERE id = ?", id).toArray();
    return rows.length ? (JSON.parse(rows[0].body) as Entry) : undefined;
  }

  list(): ClusterInfo[] {
    return this.ctx.storage.sql
      .exec<{ body: string }>("SELECT body FROM clusters ORDER BY id")
      .toArray()
      .map((r) => (JSON.parse(r.body) as Entry).info);
  }

  remove(id: string): boolean {
    const existed = this.get(id) !== undefined;
    this.ctx.storage.sql.exec("DELETE FROM clusters WHERE id = ?", id);
    return existed;
  }
}
