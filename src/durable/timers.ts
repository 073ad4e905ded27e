// The persisted timer queue multiplexed over the Durable Object's single alarm.
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { timers } from "../store/schema";

export interface Timer {
  id: number;
  due: number;
  kind: string;
  key: string;
}

export class TimerQueue {
  constructor(private readonly db: DrizzleSqliteDODatabase<Record<string, unknown>>) {}

  /** schedule (kind, key) at `due`; an earlier pending timer for the same key wins */
  schedule(kind: string, key: string, due: number): void {
    this.db
      .insert(timers)
      .values({ kind, key, due })
      .onConflictDoUpdate({ target: [timers.kind, timers.key], set: { due: sql`min(${timers.due}, excluded.due)` } })
      .run();
  }

  cancel(kind: string, key: string): void {
    this.db.delete(timers).where(and(eq(timers.kind, kind), eq(timers.key, key))).run();
  }

  /** remove and return the earliest timer due at or before `now` */
  popDue(now: number): Timer | undefined {
    const t = this.db.select().from(timers).where(lte(timers.due, now)).orderBy(asc(timers.due), asc(timers.id)).limit(1).get();
    if (t) this.db.delete(timers).where(eq(timers.id, t.id)).run();
    return t;
  }

  nextDue(): number | undefined {
    const t = this.db.select({ due: timers.due }).from(timers).orderBy(asc(timers.due)).limit(1).get();
    return t?.due;
  }

  clear(): void {
    this.db.delete(timers).run();
  }
}
