// IANA time zones through Intl, the only zone database workerd offers.

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Go's time.LoadLocation: the zone to evaluate in, or its error text. "" and "UTC" are UTC, and so is
 * "Local", the zone of a kube-controller-manager in a container. */
export function loadLocation(name: string): { zone: string } | { error: string } {
  if (name === "" || name === "UTC" || name === "Local") return { zone: "UTC" };
  return isValidTimeZone(name) ? { zone: name } : { error: `unknown time zone ${name}` };
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

/** The instant a wall-clock time (as UTC milliseconds) stands for in `zone`. */
export function wallToInstant(wall: number, zone: string): number {
  const guess = wall - zoneOffset(wall, zone);
  return wall - zoneOffset(guess, zone);
}
