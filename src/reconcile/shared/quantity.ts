// Kept only for src/reconcile/scheduler (owned elsewhere), which still imports it: the number form
// of the API server's resource.Quantity. New code imports ../../api/validation/quantity directly.
import { quantityToNumber, tryParseQuantity } from "../../api/validation/quantity";

/** resource.Quantity as a plain number (cores, bytes, count); NaN when unparsable, 0 when absent. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === "number") return q;
  const parsed = tryParseQuantity(q.trim());
  return parsed ? quantityToNumber(parsed) : Number.NaN;
}
