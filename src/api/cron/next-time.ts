// When a parsed schedule fires: robfig's Next on the wall clock of an IANA zone, and the
// CronJob controller's walk over the activations it missed.
import type { FieldSchedule, Schedule } from "./parse";
import { wallToInstant, zoneOffset } from "./time-zone";

function dayMatches(s: FieldSchedule, d: Date): boolean {
  const domOk = s.dom.has(d.getUTCDate());
  const dowOk = s.dow.has(d.getUTCDay());
  return s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk;
}

// An empty list (",") parses but never matches; answering early spares minutes of walking.
function neverFires(s: FieldSchedule): boolean {
  if (s.minute.size === 0 || s.hour.size === 0 || s.month.size === 0) return true;
  return s.domStar || s.dowStar ? s.dom.size === 0 || s.dow.size === 0 : s.dom.size === 0 && s.dow.size === 0;
}

/** First activation strictly after `afterMs`, or undefined within five years. */
export function nextAfter(s: Schedule, afterMs: number, zone = s.zone ?? "UTC"): number | undefined {
  if (s.kind === "every") return Math.floor((afterMs + s.ms) / 1000) * 1000;
  if (neverFires(s)) return undefined;
  let instant = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
  const limit = afterMs + 5 * 366 * 86_400_000;
  let w = new Date(instant + zoneOffset(instant, zone));
  while (w.getTime() - 86_400_000 < limit) {
    if (!s.month.has(w.getUTCMonth() + 1)) {
      w = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() + 1, 1));
      continue;
    }
    if (!dayMatches(s, w)) {
      w = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + 1));
      continue;
    }
    if (!s.hour.has(w.getUTCHours())) {
      w = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours() + 1));
      continue;
    }
    if (!s.minute.has(w.getUTCMinutes())) {
      w = new Date(w.getTime() + 60_000);
      continue;
    }
    instant = wallToInstant(w.getTime(), zone);
    if (instant > afterMs) return instant;
    w = new Date(w.getTime() + 60_000);
  }
  return undefined;
}

/** Most recent activation in (earliest, now], and how many were missed. */
export function mostRecent(s: Schedule, earliest: number, now: number, zone = s.zone ?? "UTC"): { time?: number; missed: number; next?: number } {
  let t = nextAfter(s, earliest, zone);
  let last: number | undefined;
  let missed = 0;
  while (t !== undefined && t <= now) {
    last = t;
    missed++;
    if (s.kind === "every" && missed > 0) {
      const skip = Math.floor((now - t) / s.ms);
      if (skip > 1) {
        missed += skip;
        t += skip * s.ms;
        last = t;
      }
    }
    t = nextAfter(s, t, zone);
  }
  return { time: last, missed, next: t };
}
