// Go's time.ParseDuration, which robfig/cron uses for `@every`: the same grammar and error texts.
import { goQuote } from "../validation/field-errors";

const NS_PER: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
/** a Duration is an int64 of nanoseconds */
const MAX_NS = 2 ** 63;

export class DurationError extends Error {}

/** The duration in milliseconds (fractional below a millisecond); throws DurationError with Go's text. */
export function parseGoDuration(text: string): number {
  const invalid = (): DurationError => new DurationError(`time: invalid duration ${goQuote(text)}`);
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") throw invalid();
  let total = 0;
  while (s !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = number?.[1] ?? "";
    const fraction = number?.[2];
    // no digits at all, before or after the point (".s", "-.s")
    if (whole === "" && !fraction) throw invalid();
    s = s.slice(number?.[0].length ?? 0);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? "";
    if (unit === "") throw new DurationError(`time: missing unit in duration ${goQuote(text)}`);
    const scale = NS_PER[unit];
    if (scale === undefined) throw new DurationError(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`);
    s = s.slice(unit.length);
    total += Number(`${whole || "0"}.${fraction ?? "0"}`) * scale;
    if (total > MAX_NS) throw invalid();
  }
  if (total === MAX_NS && !negative) throw invalid();
  return ((negative ? -total : total) / 1e6) || 0;
}
