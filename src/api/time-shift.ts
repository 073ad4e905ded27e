// A cluster's clock may run ahead of the wall clock (its time was advanced). Clients such as kubectl
// compute ages from their own clock (describe's event ages, start times), so timestamps leave the
// server shifted back onto the wall clock and come back shifted forward: ages then read as on the
// cluster's clock. Only the API's own time fields move; user data (ConfigMap data, annotations) never.
const TIME_FIELDS = new Set([
  "creationTimestamp", "deletionTimestamp", "lastTransitionTime", "lastProbeTime", "lastUpdateTime", "lastHeartbeatTime",
  "startTime", "completionTime", "startedAt", "finishedAt", "firstTimestamp", "lastTimestamp", "eventTime", "lastObservedTime",
  "renewTime", "acquireTime", "lastScheduleTime", "lastSuccessfulTime", "time", "deprecatedFirstTimestamp", "deprecatedLastTimestamp",
  "lastScaleTime", "expirationTimestamp",
]);
const OPAQUE = new Set(["data", "binaryData", "stringData", "labels", "annotations", "fieldsV1"]);
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;

function shiftOne(value: string, seconds: number): string {
  const m = RFC3339.exec(value);
  if (!m) return value;
  const base = Date.parse(`${m[1]}Z`);
  if (!Number.isFinite(base)) return value;
  return new Date(base + seconds * 1000).toISOString().slice(0, 19) + (m[2] ?? "") + "Z";
}

/** a copy of `value` with every API time field moved by `seconds` (whole seconds keep the round trip exact) */
export function shiftTimes<T>(value: T, seconds: number): T {
  if (seconds === 0) return value;
  return walk(value, seconds) as T;
}

function walk(value: unknown, seconds: number): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, seconds));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (OPAQUE.has(k)) out[k] = v;
    else if (TIME_FIELDS.has(k) && typeof v === "string") out[k] = shiftOne(v, seconds);
    else out[k] = walk(v, seconds);
  }
  return out;
}
