// resource.Quantity's canonical String(): what the printers show for capacities,
// quota usage and HPA targets ("1Gi", "500m", "2k", "1500m").

const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: "n", [-6]: "u", [-3]: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E" };
const BINARY_SUFFIX: Record<number, string> = { 0: "", 1: "Ki", 2: "Mi", 3: "Gi", 4: "Ti", 5: "Pi", 6: "Ei" };

type Format = "DecimalSI" | "BinarySI" | "DecimalExponent";

const NANO = 1_000_000_000n;
const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

function pow(base: bigint, exp: number): bigint {
  let r = 1n;
  for (let i = 0; i < exp; i++) r *= base;
  return r;
}

/** value in nano units (rounded up, like ParseQuantity does below 1n) and the parsed format */
function parse(input: string): { nanos: bigint; format: Format } | undefined {
  const m = QUANTITY.exec(input.trim());
  if (!m) return undefined;
  const [, sign, whole = "", frac = "", suffix = ""] = m;
  if (whole === "" && frac === "") return undefined;
  let format: Format;
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in BINARY_EXP) {
    format = "BinarySI";
    exp2 = BINARY_EXP[suffix];
  } else if (suffix in DECIMAL_EXP) {
    format = "DecimalSI";
    exp10 = DECIMAL_EXP[suffix];
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = "DecimalExponent";
    exp10 = Number(suffix.slice(1));
  } else {
    return undefined;
  }
  // digits * 10^(exp10 - frac.length) * 2^exp2, expressed in units of 1e-9
  let num = BigInt((whole || "0") + frac) * pow(2n, exp2);
  let scale = exp10 - frac.length + 9;
  if (scale >= 0) {
    num *= pow(10n, scale);
  } else {
    const div = pow(10n, -scale);
    const q = num / div;
    num = num % div === 0n ? q : q + 1n;
    scale = 0;
  }
  return { nanos: sign === "-" ? -num : num, format };
}

/** Canonical form of a quantity string; unparsable input is returned unchanged. */
export function canonicalQuantity(input: string | number | undefined | null): string {
  if (input === undefined || input === null) return "0";
  const parsed = parse(String(input));
  if (!parsed) return String(input);
  const { nanos } = parsed;
  let format = parsed.format;
  if (nanos === 0n) return "0";
  const abs = nanos < 0n ? -nanos : nanos;
  const sign = nanos < 0n ? "-" : "";
  if (format === "BinarySI" && (abs < 1024n * NANO || abs % NANO !== 0n)) format = "DecimalSI";

  if (format === "BinarySI") {
    let amount = abs / NANO;
    let k = 0;
    while (k < 6 && amount % 1024n === 0n) {
      amount /= 1024n;
      k++;
    }
    return `${sign}${amount}${BINARY_SUFFIX[k]}`;
  }

  let amount = abs;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  amount *= pow(10n, rem);
  exponent -= rem;
  if (format === "DecimalExponent") return `${sign}${amount}${exponent === 0 ? "" : `e${exponent}`}`;
  const suffix = DECIMAL_SUFFIX[exponent];
  return `${sign}${amount}${suffix ?? `e${exponent}`}`;
}
