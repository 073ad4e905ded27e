// The apiserver's DefaultTableConvertor, used for kinds without a printer
// (Role, ClusterRole, LimitRange, ...): Name plus a literal Created At date.
import type { TableConvertor } from "../resource";
import { col, nameColumn } from "./columns";
import { doc } from "./descriptions";
import { parseTime } from "./human-duration";

/** Go's time.Time.UTC().Format(time.RFC3339): whole seconds, `Z`; the zero time when unset. */
export function rfc3339Seconds(ts: string | undefined): string {
  const ms = parseTime(ts);
  if (ms === undefined) return "0001-01-01T00:00:00Z";
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const defaultTableConvertor: TableConvertor = {
  columns: [nameColumn, col("Created At", "date", doc["ObjectMeta.creationTimestamp"])],
  cells(obj) {
    return [obj.metadata.name ?? "", rfc3339Seconds(obj.metadata.creationTimestamp)];
  },
};
