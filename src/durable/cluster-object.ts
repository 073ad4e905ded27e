// One tenant cluster: its objects in SQLite, its watches, its clock and the alarm that runs its
// controllers and simulated nodes. Thin on purpose: behaviour lives in store/, routes/ and reconcile/.
import { DurableObject } from "cloudflare:workers";
import { drizzle, type DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { eq } from "drizzle-orm";
import migrations from "../../migrations/migrations.js";
import type { Env } from "../env";
import { kv } from "../store/schema";
import { ObjectStore } from "../store/object-store";
import { WatchHub } from "../store/watch-hub";
import type { Change } from "../store/types";
import { ClusterClock } from "./clock";
import { TimerQueue } from "./timers";
import { serveKubeApi } from "../routes/kube/app";
import type { ClusterContext } from "./cluster-context";
import { runOnNode } from "./node-shell";
import { seedObjects } from "./seed";
import { resourceByKey } from "../api/registry";
import { Runtime } from "./runtime";
import { SimStore } from "./sim-store";
import { sha256Hex, timingSafeEqual } from "../routes/tokens";
import { tooManyRequests, unauthorized } from "../api/status";
import { TokenBucket } from "./rate-limit";
import { drainBody } from "../util/drain";
import type { ClusterInfo, ClusterProfile } from "../routes/cluster-info";

export class ClusterObject extends DurableObject<Env> {
  private readonly db: DrizzleSqliteDODatabase<Record<string, unknown>>;
  readonly store: ObjectStore;
  readonly hub = new WatchHub();
  readonly clock: ClusterClock;
  readonly timers: TimerQueue;
  readonly sim: SimStore;
  private runtime!: Runtime;
  private readonly context: ClusterContext;
  private info: ClusterInfo | undefined;
  /** the last token that matched the stored hash, so steady traffic skips the hashing */
  private verifiedToken: string | undefined;
  /** the alarm time last asked of the runtime, to avoid a storage call per request */
  private armedAt: number | undefined;
  private readonly bucket: TokenBucket;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { logger: false });
    // durable-sqlite migrations run synchronously, before anything reads the tables
    migrate(this.db, migrations).catch((e: unknown) => console.error("migration failed", e));
    this.clock = new ClusterClock(this.db);
    this.timers = new TimerQueue(this.db);
    this.sim = new SimStore(this.db);
    this.bucket = new TokenBucket(Number(env.RATE_LIMIT_RPS ?? "1000"), Number(env.RATE_LIMIT_BURST ?? "5000"));
    this.store = new ObjectStore({
      db: this.db,
      now: () => this.clock.now(),
      quota: Number(env.OBJECT_QUOTA ?? "20000"),
      onCommit: (change) => this.onCommit(change),
      admit: (def, obj, old, opts) => this.runtime.network.admit(def, obj, old, opts),
    });
    this.runtime = new Runtime(this);
    const self = this;
    const context: ClusterContext = {
      store: this.store,
      hub: this.hub,
      now: () => this.clock.now(),
      aheadSeconds: () => this.clock.aheadSeconds(),
      write: (fn) => {
        const out = fn();
        self.runtime.afterWrite();
        return out;
      },
      bind: (c, req, body) => self.runtime.bind(c, req, body),
      subresource: (c, req) => self.runtime.subresource(c, req),
      beforeRead: (resource) => self.runtime.beforeRead(resource),
      network: {
        table: (node, kind) => self.runtime.network.table(node, kind),
        request: (from, url) => {
          const out = self.runtime.network.request(from, url);
          self.runtime.afterWrite();
          return out;
        },
        dns: (name, type, from) => self.runtime.network.dns(name, type, from),
        digText: (r) => self.runtime.network.digText(r),
        nodeExec: (node, command) => {
          const out = runOnNode({ store: self.store, sim: self.sim, network: self.runtime.network, kubelet: self.runtime.kubelet, now: () => self.clock.now() }, node, command);
          // requests the command made may have written logs and scheduled work
          self.runtime.afterWrite();
          return out;
        },
      },
    };
    this.context = context;
  }

  private onCommit(change: Change): void {
    this.hub.publish(change);
    this.runtime?.onChange(change);
  }

  private loadInfo(): ClusterInfo | undefined {
    if (!this.info) {
      const row = this.db.select().from(kv).where(eq(kv.key, "info")).get();
      this.info = row ? (JSON.parse(row.value) as ClusterInfo) : undefined;
    }
    return this.info;
  }

  profile(): ClusterProfile {
    return this.loadInfo()?.profile ?? "realistic";
  }

  /** set up a new cluster: identity, token hash and the objects a fresh kubeadm cluster has */
  async init(info: ClusterInfo, tokenHash: string): Promise<void> {
    this.info = info;
    this.db.insert(kv).values({ key: "info", value: JSON.stringify(info) }).onConflictDoUpdate({ target: kv.key, set: { value: JSON.stringify(info) } }).run();
    this.db.insert(kv).values({ key: "tokenHash", value: tokenHash }).onConflictDoUpdate({ target: kv.key, set: { value: tokenHash } }).run();
    for (const { resource, object } of seedObjects(this.clock.now())) {
      const def = resourceByKey(resource);
      if (!def) continue;
      const created = this.store.create(def, object);
      // like a kubelet registering its node: status arrives through the status subresource
      if (object.status !== undefined && def.subresources.some((s) => s.name === "status")) {
        this.store.update(def, { ...created, status: object.status }, { subresource: "status" });
      }
    }
    this.runtime.afterWrite();
    this.sim.forgetCaches();
    this.store.dropReadCache();
    this.runtime.network.release();
    await this.armAlarm();
  }

  getInfo(): ClusterInfo | undefined {
    return this.loadInfo();
  }

  async checkToken(token: string): Promise<boolean> {
    if (this.verifiedToken !== undefined && this.verifiedToken === token) return true;
    const row = this.db.select().from(kv).where(eq(kv.key, "tokenHash")).get();
    if (!row) return false;
    const ok = timingSafeEqual(row.value, await sha256Hex(token));
    if (ok) this.verifiedToken = token;
    return ok;
  }

  /** erase every object and timer of this cluster */
  async destroy(): Promise<void> {
    this.info = undefined;
    this.verifiedToken = undefined;
    this.armedAt = undefined;
    this.timers.clear();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // the instance may live on: give it empty tables again, as a fresh object would have
    await migrate(this.db, migrations);
    this.store.forgetCaches();
    this.sim.forgetCaches();
    this.timers.forgetCaches();
  }

  /** the cluster's time, and how many whole seconds it runs ahead of the wall clock (served timestamps are shifted back by it) */
  clockState(): { now: number; aheadSeconds: number } {
    return { now: this.clock.now(), aheadSeconds: this.clock.aheadSeconds() };
  }

  /** move the virtual clock forward, running everything that falls due in order */
  async advance(seconds: number): Promise<{ now: number; aheadSeconds: number }> {
    const target = this.clock.now() + seconds * 1000;
    this.runtime.runDue(target);
    this.clock.setNow(target);
    this.runtime.runDue(target);
    this.sim.forgetCaches();
    this.store.dropReadCache();
    await this.armAlarm();
    return this.clockState();
  }

  /** ttlSeconds count in real time: advancing the cluster's clock does not shorten a sandbox's life */
  private expired(): boolean {
    const at = this.loadInfo()?.expiresAt;
    return !!at && Date.now() >= Date.parse(at);
  }

  /** the cluster's ttl ran out: it disappears from the registry and its storage is erased */
  private async expire(): Promise<void> {
    const id = this.info?.id ?? this.loadInfo()?.id ?? "";
    await this.env.REGISTRY.get(this.env.REGISTRY.idFromName("registry")).remove(id);
    await this.destroy();
  }

  async armAlarm(): Promise<void> {
    const due = this.timers.nextDue();
    const expiresAt = this.loadInfo()?.expiresAt;
    const candidates = [due === undefined ? undefined : this.clock.realTimeOf(due), expiresAt ? Date.parse(expiresAt) : undefined].filter((t): t is number => t !== undefined);
    if (!candidates.length) return;
    const at = Math.max(Date.now(), Math.min(...candidates));
    if (this.armedAt === at) return;
    this.armedAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  override async alarm(): Promise<void> {
    this.armedAt = undefined;
    if (!this.loadInfo()) return;
    if (this.expired()) return this.expire();
    this.runtime.runDue(this.clock.now());
    // between alarms the cluster is idle: keep only what SQLite holds
    this.sim.forgetCaches();
    this.store.dropReadCache();
    this.runtime.network.release();
    await this.armAlarm();
  }

  override async fetch(request: Request): Promise<Response> {
    const res = await this.answer(request);
    await drainBody(request);
    return res;
  }

  private async answer(request: Request): Promise<Response> {
    const info = this.loadInfo();
    if (!info) return Response.json(unauthorized().toStatus(), { status: 401 });
    if (this.expired()) {
      await this.expire();
      return Response.json(unauthorized().toStatus(), { status: 401 });
    }
    const auth = request.headers.get("authorization") ?? "";
    const token = auth.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : "";
    if (!token || !(await this.checkToken(token))) {
      return Response.json(unauthorized().toStatus(), { status: 401 });
    }
    const wait = this.bucket.take();
    if (wait > 0) {
      const status = tooManyRequests("Too many requests, please try again later.");
      return new Response(JSON.stringify({ ...status.toStatus(), details: { retryAfterSeconds: wait } }), {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": String(wait) },
      });
    }
    const res = await serveKubeApi(request, this.context);
    this.sim.forgetCaches();
    this.store.dropReadCache();
    await this.armAlarm();
    return res;
  }
}
