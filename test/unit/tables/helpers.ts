// Shared clock for the printer tests: timestamps are expressed relative to NOW.
export const NOW = Date.parse("2026-01-15T12:00:00Z");
export const ctx = { now: NOW };

/** RFC 3339 time `seconds` before NOW. */
export function ago(seconds: number): string {
  return new Date(NOW - seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}
