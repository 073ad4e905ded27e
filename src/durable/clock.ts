// A cluster's own clock: real time plus a persisted offset that `advance` moves forward.
import { eq } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { kv } from "../store/schema";

export class ClusterClock {
  private offsetMs: number;

  constructor(private readonly db: DrizzleSqliteDODatabase<Record<string, unknown>>) {
    const row = db.select().from(kv).where(eq(kv.key, "clockOffsetMs")).get();
    this.offsetMs = row ? Number(row.value) : 0;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** jump the virtual time to `t` (never backwards) */
  setNow(t: number): void {
    const offset = t - Date.now();
    if (offset <= this.offsetMs) return;
    this.offsetMs = offset;
    this.db.insert(kv).values({ key: "clockOffsetMs", value: String(offset) }).onConflictDoUpdate({ target: kv.key, set: { value: String(offset) } }).run();
  }

  /** how far the cluster's clock runs ahead of the wall clock, in whole seconds */
  aheadSeconds(): number {
    return Math.max(0, Math.floor(this.offsetMs / 1000));
  }

  /** the real wall-clock time at which virtual time `t` arrives */
  realTimeOf(t: number): number {
    return t - this.offsetMs;
  }
}
