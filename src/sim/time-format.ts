// Time renderings the simulated programs and the kubelet print, each matching the tool it imitates.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const p2 = (n: number): string => String(n).padStart(2, "0");

/** RFC 3339 with second precision, as API objects carry it. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints it. */
export function rfc3339Nano(ms: number): string {
  const d = new Date(ms);
  const base = d.toISOString().slice(0, 19);
  const frac = String(Math.floor(ms) % 1000).padStart(3, "0");
  return `${base}.${frac}000000Z`;
}

/** Go's time.Duration.String() for a duration already truncated to milliseconds. */
export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const sMs = ms % 60000;
  let sec = String(Math.floor(sMs / 1000));
  const frac = sMs % 1000;
  if (frac) sec += "." + String(frac).padStart(3, "0").replace(/0+$/, "");
  if (h) return `${h}h${m}m${sec}s`;
  if (m) return `${m}m${sec}s`;
  return `${sec}s`;
}

/** `date` of busybox/coreutils in UTC: `Sat Nov 21 04:29:12 UTC 2020`. */
export function dateCommand(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** nginx error-log time: `2020/11/21 04:29:12`. */
export function nginxErrorTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** nginx access-log time: `21/Nov/2020:04:29:12 +0000`. */
export function nginxAccessTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** HTTP Date header. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/** `ls -l` date column: time within six months, year otherwise. */
export function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const head = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")}`;
  const sixMonths = 182 * 24 * 3600 * 1000;
  if (Math.abs(now - mtime) < sixMonths) return `${head} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  return `${head}  ${d.getUTCFullYear()}`;
}

/** MySQL entrypoint log time: `2024-01-01 00:00:00+00:00`. */
export function mysqlEntrypointTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ") + "+00:00";
}
