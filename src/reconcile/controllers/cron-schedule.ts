// Standard five-field cron schedules (robfig/cron ParseStandard semantics, as
// CronJobs use), evaluated on the wall clock of an IANA time zone.

export interface CronSchedule {
  kind: "fields";
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}
export interface EverySchedule {
  kind: "every";
  ms: number;
}
export type Schedule = CronSchedule | EverySchedule;

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function parseValue(text: string, names: string[] | undefined, nameBase: number): number {
  const upper = text.toUpperCase();
  if (names) {
    const i = names.indexOf(upper);
    if (i >= 0) return i + nameBase;
  }
  if (!/^\d+$/.test(text)) throw new Error(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  return Number(text);
}

function parseField(field: string, min: number, max: number, names?: string[], nameBase = 0): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    let lo: number;
    let hi: number;
    if (range === "*" || range === "?") {
      lo = min;
      hi = max;
      if (stepText === undefined) star = true;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-");
      lo = parseValue(a, names, nameBase);
      hi = parseValue(b, names, nameBase);
    } else {
      lo = parseValue(range, names, nameBase);
      hi = stepText !== undefined ? max : lo;
    }
    const step = stepText === undefined ? 1 : parseValue(stepText, undefined, 0);
    if (lo < min) throw new Error(`beginning of range (${lo}) below minimum (${min}): ${part}`);
    if (hi > max) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    if (lo > hi) throw new Error(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    if (step <= 0) throw new Error(`step of range should be a positive number: ${part}`);
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = "";
  for (const m of text.matchAll(re)) {
    consumed += m[0];
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3_600_000 : m[2] === "m" ? n * 60_000 : m[2] === "s" ? n * 1000 : n;
  }
  if (!text || consumed !== text) throw new Error(`failed to parse duration ${text}`);
  return total;
}

export function parseSchedule(spec: string): Schedule {
  const trimmed = spec.trim();
  if (trimmed.startsWith("@every ")) {
    const ms = parseDuration(trimmed.slice(7).trim());
    return { kind: "every", ms: Math.max(1000, Math.floor(ms / 1000) * 1000) };
  }
  const expanded = trimmed.startsWith("@") ? MACROS[trimmed] : trimmed;
  if (!expanded) throw new Error(`unrecognized descriptor: ${trimmed}`);
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${spec}`);
  const dom = parseField(fields[2], 1, 31);
  const dow = parseField(fields[4], 0, 7, DAYS, 0);
  if (dow.set.has(7)) {
    dow.set.delete(7);
    dow.set.add(0);
  }
  return {
    kind: "fields",
    minute: parseField(fields[0], 0, 59).set,
    hour: parseField(fields[1], 0, 23).set,
    dom: dom.set,
    month: parseField(fields[3], 1, 12, MONTHS, 1).set,
    dow: dow.set,
    domStar: dom.star,
    dowStar: dow.star,
  };
}

/** Offset (ms) of `zone` at instant `ms`: wall clock minus UTC. */
export function zoneOffset(ms: number, zone: string): number {
  if (zone === "UTC" || zone === "Etc/UTC") return 0;
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function wallToInstant(wall: number, zone: string): number {
  const guess = wall - zoneOffset(wall, zone);
  return wall - zoneOffset(guess, zone);
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const domOk = s.dom.has(d.getUTCDate());
  const dowOk = s.dow.has(d.getUTCDay());
  return s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk;
}

/** First activation strictly after `afterMs`, or undefined within five years. */
export function nextAfter(s: Schedule, afterMs: number, zone = "UTC"): number | undefined {
  if (s.kind === "every") return Math.floor((afterMs + s.ms) / 1000) * 1000;
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
export function mostRecent(s: Schedule, earliest: number, now: number, zone = "UTC"): { time?: number; missed: number; next?: number } {
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
