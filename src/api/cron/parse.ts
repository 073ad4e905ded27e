// robfig/cron/v3 ParseStandard, as both the API server (validation) and the CronJob controller
// (scheduling) use it: five fields (minute hour dom month dow), a descriptor or `@every`, optionally
// prefixed by TZ= / CRON_TZ=. Errors carry the library's texts, which the API server shows verbatim.
import { goQuote } from "../validation/field-errors";
import { DurationError, parseGoDuration } from "./go-duration";
import { loadLocation } from "./time-zone";

export interface FieldSchedule {
  kind: "fields";
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** a `*` or `?` (unstepped) in the field: then day-of-month AND day-of-week must match, else either */
  domStar: boolean;
  dowStar: boolean;
  /** the TZ= prefix's zone, when the spec had one */
  zone?: string;
}
export interface EverySchedule {
  kind: "every";
  ms: number;
  zone?: string;
}
export type Schedule = FieldSchedule | EverySchedule;

export class CronError extends Error {}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

// robfig builds these bit sets directly; written as fields they parse to the same sets and star flags
const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};
const EVERY = "@every ";
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** robfig's mustParseInt: strconv.Atoi, then no negatives. */
function atoi(s: string): number {
  const fail = (why: string): CronError => new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing ${goQuote(s)}: ${why}`);
  if (!/^[+-]?[0-9]+$/.test(s)) throw fail("invalid syntax");
  const big = BigInt(s);
  if (big < INT64_MIN || big > INT64_MAX) throw fail("value out of range");
  const n = Number(big);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function intOrName(s: string, names: Record<string, number> | undefined): number {
  const lower = s.toLowerCase();
  if (names && Object.prototype.hasOwnProperty.call(names, lower)) return names[lower];
  return atoi(s);
}

/** One comma-separated part: `*`, `?`, `n`, `a-b`, each optionally `/step` (`n/step` runs to the maximum). */
function parseRange(expr: string, b: Bounds, into: Set<number>): boolean {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = intOrName(lowAndHigh[0], b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], b.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = b.max;
    // `*/1` is still every value, so it keeps the star meaning for the day fields
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.add(v);
  return star;
}

function parseField(field: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  // empty parts are skipped, as strings.FieldsFunc does ("1,,2" is 1 and 2)
  for (const expr of field.split(",")) if (expr !== "" && parseRange(expr, b, values)) star = true;
  return { values, star };
}

function parseFields(spec: string, zone: string | undefined): FieldSchedule {
  const fields = spec.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]));
  const schedule: FieldSchedule = {
    kind: "fields",
    minute: minute.values,
    hour: hour.values,
    dom: dom.values,
    month: month.values,
    dow: dow.values,
    domStar: dom.star,
    dowStar: dow.star,
  };
  if (zone !== undefined) schedule.zone = zone;
  return schedule;
}

function parseDescriptor(spec: string, zone: string | undefined): Schedule {
  const fields = DESCRIPTORS[spec];
  if (fields !== undefined) return parseFields(fields, zone);
  if (spec.startsWith(EVERY)) {
    let ms: number;
    try {
      ms = parseGoDuration(spec.slice(EVERY.length));
    } catch (e) {
      if (e instanceof DurationError) throw new CronError(`failed to parse duration ${spec}: ${e.message}`);
      throw e;
    }
    // robfig's Every: at least a second, whole seconds
    const every: EverySchedule = { kind: "every", ms: Math.max(1000, Math.floor(ms / 1000) * 1000) };
    if (zone !== undefined) every.zone = zone;
    return every;
  }
  throw new CronError(`unrecognized descriptor: ${spec}`);
}

/** robfig/cron/v3 ParseStandard. Throws CronError with the library's text. */
export function parseSchedule(spec: string): Schedule {
  if (spec.length === 0) throw new CronError("empty spec string");
  let zone: string | undefined;
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    if (space < 0) throw new CronError(`invalid location descriptior: ${spec}`);
    const name = spec.slice(spec.indexOf("=") + 1, space);
    const location = loadLocation(name);
    if ("error" in location) throw new CronError(`provided bad location ${name}: ${location.error}`);
    zone = location.zone;
    spec = spec.slice(space).trim();
  }
  return spec.startsWith("@") ? parseDescriptor(spec, zone) : parseFields(spec, zone);
}

/** The parser's error text, or null when the schedule is valid. */
export function cronScheduleError(schedule: string): string | null {
  try {
    parseSchedule(schedule);
    return null;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
