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
  /**
   * The earliest due time, known without a query: null = no timers, undefined = not known. Kept exact by
   * every write here, so most requests (nothing due yet) never touch the table.
   */
  private earliest: number | null | undefined;

  // built once: drizzle would otherwise rebuild each statement's SQL text on every call
  private readonly stmt;

  constructor(private readonly db: DrizzleSqliteDODatabase<Record<string, unknown>>) {
    const kind = sql.placeholder("kind");
    const key = sql.placeholder("key");
    this.stmt = {
      schedule: db
        .insert(timers)
        .values({ kind, key, due: sql.placeholder("due") })
        .onConflictDoUpdate({ target: [timers.kind, timers.key], set: { due: sql`min(${timers.due}, excluded.due)` } })
        .prepare(),
      cancel: db.delete(timers).where(and(eq(timers.kind, kind), eq(timers.key, key))).prepare(),
      firstDue: db.select().from(timers).where(lte(timers.due, sql.placeholder("now"))).orderBy(asc(timers.due), asc(timers.id)).limit(1).prepare(),
      remove: db.delete(timers).where(eq(timers.id, sql.placeholder("id"))).prepare(),
      earliest: db.select({ due: timers.due }).from(timers).orderBy(asc(timers.due)).limit(1).prepare(),
    };
  }

  /** schedule (kind, key) at `due`; an earlier pending timer for the same key wins */
  schedule(kind: string, key: string, due: number): void {
    this.stmt.schedule.run({ kind, key, due });
    if (this.earliest !== undefined) this.earliest = this.earliest === null ? due : Math.min(this.earliest, due);
  }

  cancel(kind: string, key: string): void {
    this.stmt.cancel.run({ kind, key });
    this.earliest = undefined;
  }

  /** remove and return the earliest timer due at or before `now` */
  popDue(now: number): Timer | undefined {
    const next = this.nextDue();
    if (next === undefined || next > now) return undefined;
    const t = this.stmt.firstDue.get({ now });
    if (t) {
      this.stmt.remove.run({ id: t.id });
      this.earliest = undefined;
    }
    return t;
  }

  nextDue(): number | undefined {
    if (this.earliest === undefined) {
      const t = this.stmt.earliest.get();
      this.earliest = t ? t.due : null;
    }
    return this.earliest ?? undefined;
  }

  clear(): void {
    this.db.delete(timers).run();
    this.earliest = null;
  }

  /** after the storage was erased underneath */
  forgetCaches(): void {
    this.earliest = undefined;
  }
}
