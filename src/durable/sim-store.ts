// Persisted simulation state that is not a Kubernetes object (pod processes, node image caches, volume files).
import { eq, like } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { simState } from "../store/schema";

export class SimStore {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly db: DrizzleSqliteDODatabase<Record<string, unknown>>) {}

  get<T>(key: string): T | undefined {
    if (this.cache.has(key)) return this.cache.get(key) as T | undefined;
    const row = this.db.select().from(simState).where(eq(simState.key, key)).get();
    const value = row ? (JSON.parse(row.body) as T) : undefined;
    this.cache.set(key, value);
    return value;
  }

  put<T>(key: string, value: T): void {
    this.cache.set(key, value);
    const body = JSON.stringify(value);
    this.db.insert(simState).values({ key, body }).onConflictDoUpdate({ target: simState.key, set: { body } }).run();
  }

  delete(key: string): void {
    this.cache.delete(key);
    this.db.delete(simState).where(eq(simState.key, key)).run();
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
