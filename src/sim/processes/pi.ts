// Digits of pi by Machin's formula in fixed-point BigInt: pi = 16·atan(1/5) − 4·atan(1/239).

function atanInv(x: bigint, unity: bigint): bigint {
  let term = unity / x;
  let sum = term;
  const x2 = x * x;
  let n = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    n += 2n;
    sum += sign * (term / n);
    sign = -sign;
  }
  return sum;
}

/** `digits` significant digits of pi, rounded like Math::BigFloat: `piDigits(5)` → "3.1416". */
export function piDigits(digits: number): string {
  const n = Math.max(1, Math.floor(digits));
  const guard = 10;
  const unity = 10n ** BigInt(n + guard);
  const pi = 16n * atanInv(5n, unity) - 4n * atanInv(239n, unity);
  // pi is scaled by 10^(n+guard); keep n significant digits (one before the point)
  const scale = 10n ** BigInt(guard + 1);
  const rounded = (pi + scale / 2n) / scale;
  const s = rounded.toString();
  return s.length === 1 ? s : `${s[0]}.${s.slice(1)}`;
}
