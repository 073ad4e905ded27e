// resource.Quantity of k8s.io/apimachinery: parsing, the canonical form the server writes back
// (`1000m` -> `1`, `1024Mi` -> `1Gi`, `0.5` -> `500m`), comparison and arithmetic, exact in bigint.
import type { FieldCause } from "../resource";
import { invalid } from "./field-errors";

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** value = mantissa * 10^exponent */
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
  /** the input itself when upstream keeps it verbatim (already canonical-looking) */
  cached?: string;
}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
export const QUANTITY_NUMERIC_ERROR = "unable to parse numeric part of quantity";

export class QuantityError extends Error {
  override readonly name = "QuantityError";
}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalByExponent = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binaryByPower = new Map(Object.entries(binarySuffixes).map(([s, e]) => [e, s]));

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const INT64_MAX = 2n ** 63n - 1n;
/** exponents beyond this are refused rather than building astronomically large integers */
const MAX_EXPONENT = 1000;

interface Split {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, digits, optional fraction, then suffix letters and an optional signed exponent. */
function splitQuantity(str: string): Split {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === "-") {
    positive = false;
    pos++;
  } else if (str[0] === "+") pos++;
  while (pos < end && str[pos] === "0") pos++;
  if (pos >= end) return { positive, num: "0", denom: "", suffix: "" };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  const num = str.slice(pos, i) || "0";
  pos = i;
  let denom = "";
  if (str[pos] === ".") {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && "eEinumkKMGTP".includes(str[pos])) pos++;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (own(decimalSuffixes, suffix)) return { base: 10, exponent: decimalSuffixes[suffix], format: "DecimalSI" };
  if (own(binarySuffixes, suffix)) return { base: 2, exponent: binarySuffixes[suffix], format: "BinarySI" };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E") && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) <= MAX_EXPONENT) return { base: 10, exponent, format: "DecimalExponent" };
  }
  throw new QuantityError(QUANTITY_SUFFIX_ERROR);
}

/** The input string upstream's int64 fast path keeps verbatim as the Quantity's String(). */
function cachedForm(str: string, s: Split, base: 2 | 10, exponent: number): string | undefined {
  const shifted = s.num + s.denom;
  if (base === 2) {
    if (exponent < 0 || s.denom.length > 0 || 18 - s.num.length < 0) return undefined;
    const value = BigInt(s.num);
    if (value * (1n << BigInt(exponent)) > INT64_MAX) return undefined;
    return exponent % 10 === 0 && (value & 7n) !== 0n ? str : undefined;
  }
  if (18 - shifted.length < 0) return undefined;
  const scale = exponent - s.denom.length;
  if (scale < -9) return undefined;
  return scale % 3 === 0 && !shifted.endsWith("000") && shifted[0] !== "0" ? str : undefined;
}

/** resource.ParseQuantity. Throws QuantityError with upstream's message. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === "number" ? String(input) : input;
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === "0") return { mantissa: 0n, exponent: 0, format: "DecimalSI", cached: "0" };
  const s = splitQuantity(str);
  const interpreted = interpretSuffix(s.suffix);
  const { base, exponent } = interpreted;
  let format = interpreted.format;
  let mantissa = BigInt(s.num + s.denom);
  let exp = -s.denom.length;
  if (base === 10) exp += exponent;
  else mantissa *= 1n << BigInt(exponent);
  // anything non-zero below a nano-unit is rounded up to one: asking for some resource gets some
  if (exp < -9 && mantissa !== 0n) {
    const div = pow10(-9 - exp);
    mantissa = mantissa / div + (mantissa % div === 0n ? 0n : 1n);
    exp = -9;
  }
  if (format === "BinarySI") {
    if (compareRaw(mantissa, exp, INT64_MAX, 0) > 0) {
      mantissa = INT64_MAX;
      exp = 0;
    }
    if (mantissa !== 0n && compareRaw(mantissa, exp, 1n, 0) < 0) format = "DecimalSI";
  }
  if (!s.positive) mantissa = -mantissa;
  const q: Quantity = { mantissa, exponent: exp, format };
  const cached = cachedForm(str, s, base, exponent);
  if (cached !== undefined) q.cached = cached;
  return q;
}

export function tryParseQuantity(input: string | number): Quantity | null {
  try {
    return parseQuantity(input);
  } catch (e) {
    if (e instanceof QuantityError) return null;
    throw e;
  }
}

/** The message the server answers for a quantity it cannot decode, or null if it parses. */
export function quantityParseError(input: string | number): string | null {
  try {
    parseQuantity(input);
    return null;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

function compareRaw(m1: bigint, e1: number, m2: bigint, e2: number): number {
  const e = Math.min(e1, e2);
  const a = m1 * pow10(e1 - e);
  const b = m2 * pow10(e2 - e);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return compareRaw(a.mantissa, a.exponent, b.mantissa, b.exponent) as -1 | 0 | 1;
}

export const isZeroQuantity = (q: Quantity): boolean => q.mantissa === 0n;

function combine(a: Quantity, b: Quantity, sign: 1n | -1n): Quantity {
  const e = Math.min(a.exponent, b.exponent);
  const mantissa = a.mantissa * pow10(a.exponent - e) + sign * b.mantissa * pow10(b.exponent - e);
  // Quantity.Add/Sub keep the receiver's format unless it was zero
  return { mantissa, exponent: e, format: a.mantissa === 0n ? b.format : a.format };
}

export const addQuantities = (a: Quantity, b: Quantity): Quantity => combine(a, b, 1n);
export const subQuantities = (a: Quantity, b: Quantity): Quantity => combine(a, b, -1n);

/** ScaledValue: the value in units of 10^scale, rounded away from zero. */
function scaledValue(q: Quantity, scale: number): bigint {
  const shift = q.exponent - scale;
  if (shift >= 0) return q.mantissa * pow10(shift);
  const div = pow10(-shift);
  const whole = q.mantissa / div;
  if (q.mantissa % div === 0n) return whole;
  return q.mantissa < 0n ? whole - 1n : whole + 1n;
}

/** Quantity.MilliValue(): what the CPU accounting uses (`100m` -> 100, `1` -> 1000). */
export const quantityToMilli = (q: Quantity): number => Number(scaledValue(q, -3));
/** Quantity.Value(): whole units, rounded up (`1Ki` -> 1024, `100m` -> 1). */
export const quantityValue = (q: Quantity): number => Number(scaledValue(q, 0));
/** Quantity.AsApproximateFloat64(). */
export const quantityToNumber = (q: Quantity): number => Number(q.mantissa) * 10 ** q.exponent;

export const quantityFromMilli = (milli: number, format: QuantityFormat = "DecimalSI"): Quantity => ({
  mantissa: BigInt(Math.trunc(milli)),
  exponent: -3,
  format,
});
export const quantityFromInt = (value: number, format: QuantityFormat = "DecimalSI"): Quantity => ({
  mantissa: BigInt(Math.trunc(value)),
  exponent: 0,
  format,
});

/** Strips factors of `base` (only from values at least `base`, as upstream does). */
function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let v = abs(value);
  let times = 0;
  while (v >= base && v % base === 0n) {
    v /= base;
    times++;
  }
  return [value < 0n ? -v : v, times];
}

function decimalForm(q: Quantity, format: QuantityFormat): string {
  let [amount, times] = removeFactors(q.mantissa, 10n);
  let exp = q.exponent + times;
  // engineering notation: the exponent becomes a multiple of 3, moving digits into the mantissa
  while (exp % 3 !== 0) {
    amount *= 10n;
    exp--;
  }
  if (format === "DecimalExponent") return exp === 0 ? `${amount}` : `${amount}e${exp}`;
  if (exp > 18) {
    amount *= pow10(exp - 18);
    exp = 18;
  }
  return `${amount}${decimalByExponent.get(exp) ?? ""}`;
}

/** Quantity.String(): the canonical form the server stores and returns. */
export function quantityToString(q: Quantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.mantissa === 0n) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    const small = compareRaw(q.mantissa, q.exponent, -1024n, 0) > 0 && compareRaw(q.mantissa, q.exponent, 1024n, 0) < 0;
    const whole = q.exponent >= 0 || q.mantissa % pow10(-q.exponent) === 0n;
    if (small || !whole) format = "DecimalSI";
  }
  if (format !== "BinarySI") return decimalForm(q, format);
  const integer = scaledValue(q, 0);
  const [amount, times] = removeFactors(integer, 1024n);
  const suffix = binaryByPower.get(times * 10);
  return suffix === undefined ? `${integer}` : `${amount}${suffix}`;
}

/** Parse and re-serialise, as a round trip through the API server does. */
export function canonicalQuantity(input: string | number): string {
  return quantityToString(parseQuantity(input));
}

export const IsNegativeQuantityMsg = "must be greater than or equal to 0";

/** ValidateNonnegativeQuantity. */
export function validateNonnegativeQuantity(q: Quantity, fieldPath: string): FieldCause[] {
  return q.mantissa < 0n ? [invalid(fieldPath, quantityToString(q), IsNegativeQuantityMsg)] : [];
}

/** Container resources: a request above its limit, worded as the server words it. */
export function validateRequestWithinLimit(
  resourceName: string,
  request: Quantity,
  limit: Quantity,
  requestPath: string,
): FieldCause[] {
  if (compareQuantities(request, limit) <= 0) return [];
  return [invalid(requestPath, quantityToString(request), `must be less than or equal to ${resourceName} limit of ${quantityToString(limit)}`)];
}
