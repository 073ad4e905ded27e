// Persisted simulation state that is not a Kubernetes object (pod processes, node image caches, volume files).
import { eq, like, sql } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { simState } from "../store/schema";

export class SimStore {
  private readonly cache = new Map<string, unknown>();

  // built once: drizzle would otherwise rebuild each statement's SQL text on every call
  private readonly stmt;

  constructor(private readonly db: DrizzleSqliteDODatabase<Record<string, unknown>>) {
    const key = sql.placeholder("key");
    this.stmt = {
      get: db.select().from(simState).where(eq(simState.key, key)).prepare(),
      put: db
        .insert(simState)
        .values({ key, body: sql.placeholder("body") })
        .onConflictDoUpdate({ target: simState.key, set: { body: sql`excluded.body` } })
        .prepare(),
      delete: db.delete(simState).where(eq(simState.key, key)).prepare(),
    };
  }

  get<T>(key: string): T | undefined {
    if (this.cache.has(key)) return this.cache.get(key) as T | undefined;
    const row = this.stmt.get.get({ key });
    const value = row ? (JSON.parse(row.body) as T) : undefined;
    this.cache.set(key, value);
    return value;
  }

  put<T>(key: string, value: T): void {
    this.cache.set(key, value);
    const body = JSON.stringify(value);
    this.stmt.put.run({ key, body });
  }

  delete(key: string): void {
    this.cache.delete(key);
    this.stmt.delete.run({ key });
  }

  keys(prefix: string): string[] {
    return this.db
      .select({ key: simState.key })
      .from(simState)
      .where(like(simState.key, `${prefix}%`))
      .all()
      .map((r) => r.key);
  }

  forgetCaches(): void {
    this.cache.clear();
  }
}
