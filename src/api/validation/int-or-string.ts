// intstr.IntOrString as used by maxSurge / maxUnavailable / targetPort: scaling percentages
// against a total, and the apps validation messages for them.
import type { FieldCause } from "../resource";
import { invalid, unquoted } from "./field-errors";
import { isValidPercent, validateNonnegativeField } from "./names";

export type IntOrString = number | string;

export class IntOrStringError extends Error {
  override readonly name = "IntOrStringError";
}

/** Go's strconv.Atoi on the digits before '%'. */
function atoi(s: string): number | null {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : null;
}

/** intstr.GetScaledValueFromIntOrPercent: ints pass through, `N%` is scaled by total and rounded up or down. */
export function getScaledValueFromIntOrPercent(v: IntOrString | null | undefined, total: number, roundUp: boolean): number {
  if (v === null || v === undefined) throw new IntOrStringError("nil value for IntOrString");
  if (typeof v === "number") return Math.trunc(v);
  if (!v.endsWith("%")) throw new IntOrStringError("invalid value for IntOrString: invalid type: string is not a percentage");
  const digits = v.slice(0, -1);
  const n = atoi(digits);
  if (n === null) {
    throw new IntOrStringError(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${digits}": invalid syntax`);
  }
  const scaled = (n * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * deploymentutil.ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and if both
 * come out 0 maxUnavailable becomes 1 so a rollout can still make progress.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | null | undefined,
  maxUnavailable: IntOrString | null | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** IntOrString prints through its String() method: bare, never quoted. */
const shown = (v: IntOrString) => unquoted(String(v));

function percentValue(v: IntOrString): number | null {
  if (typeof v !== "string" || isValidPercent(v).length > 0) return null;
  return Number(v.slice(0, -1));
}

/** IntValue() of a non-percent string is its Atoi value, 0 when that fails. */
const intOrPercentValue = (v: IntOrString): number => percentValue(v) ?? (typeof v === "number" ? v : (atoi(v) ?? 0));

/** ValidatePositiveIntOrPercent: a percent string, or a non-negative integer. */
export function validatePositiveIntOrPercent(v: IntOrString, fieldPath: string): FieldCause[] {
  if (typeof v === "string") return isValidPercent(v).map((msg) => invalid(fieldPath, shown(v), msg));
  return validateNonnegativeField(v, fieldPath);
}

export function isNotMoreThan100Percent(v: IntOrString, fieldPath: string): FieldCause[] {
  const p = percentValue(v);
  return p === null || p <= 100 ? [] : [invalid(fieldPath, shown(v), "must not be greater than 100%")];
}

/** ValidateRollingUpdateDeployment (fieldPath is `spec.strategy.rollingUpdate`). */
export function validateRollingUpdate(
  rollingUpdate: { maxSurge?: IntOrString; maxUnavailable?: IntOrString },
  fieldPath: string,
): FieldCause[] {
  const maxUnavailable = rollingUpdate.maxUnavailable ?? 0;
  const maxSurge = rollingUpdate.maxSurge ?? 0;
  const causes = [
    ...validatePositiveIntOrPercent(maxUnavailable, `${fieldPath}.maxUnavailable`),
    ...validatePositiveIntOrPercent(maxSurge, `${fieldPath}.maxSurge`),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    causes.push(invalid(`${fieldPath}.maxUnavailable`, shown(maxUnavailable), "may not be 0 when `maxSurge` is 0"));
  }
  causes.push(...isNotMoreThan100Percent(maxUnavailable, `${fieldPath}.maxUnavailable`));
  return causes;
}
