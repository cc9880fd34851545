/**
 * Kubernetes resource quantities ("500m", "0.5", "2", "256Mi", "1Gi", "1e3"), parsed as
 * k8s.io/apimachinery/pkg/api/resource/quantity.go parses them:
 * `<sign><digits>[.<digits>]<suffix>` where the suffix is a binary SI one (Ki Mi Gi Ti Pi Ei), a
 * decimal SI one (n u m "" k M G T P E) or a decimal exponent (e3, E-2). Values are kept exact as
 * BigInt nano-units; conversions round up as Quantity.Value() and MilliValue() do.
 */
export type QuantityResult = { ok: true; nanos: bigint } | { ok: false; reason: string };

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
// Powers of ten relative to 1, for the decimal SI suffixes.
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(.*)$/;

/**
 * The largest magnitude a quantity may have: Kubernetes keeps a quantity's value as an int64
 * (Quantity.Value()), so nothing above 2^63 - 1 units is a resource; in nano-units here. Checking
 * it (and the length of the digits, and the exponent, before any power is computed) also keeps
 * "1e999999999" from costing minutes of BigInt arithmetic.
 */
const MAX_NANOS = (2n ** 63n - 1n) * 1_000_000_000n;
const MAX_DIGITS = 64;
const TOO_LARGE = 'too large: a Kubernetes quantity holds at most 2^63 - 1 units';

export function parseQuantity(input: string | number): QuantityResult {
  const text = typeof input === 'number' ? numberToPlainString(input) : input;
  if (text === undefined) return { ok: false, reason: 'not a finite number' };
  const match = QUANTITY.exec(text);
  if (!match) return { ok: false, reason: 'expected a number with an optional suffix' };
  const [, sign, number, suffix] = match as unknown as [string, string, string, string];
  if (number.length > MAX_DIGITS) return { ok: false, reason: `more than ${MAX_DIGITS} digits` };
  const [whole = '0', fraction = ''] = number.split('.');
  // Exact value as digits / 10^fraction.length, then scaled to nano-units by the suffix.
  let digits = BigInt((whole || '0') + fraction);
  let exponent10 = 9 - fraction.length; // nano-units
  let multiplier = 1n;
  if (suffix in BINARY) {
    multiplier = BINARY[suffix]!;
  } else if (suffix in DECIMAL) {
    exponent10 += DECIMAL[suffix]!;
  } else {
    const exp = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (!exp) return { ok: false, reason: `unknown suffix "${suffix}" (use m, k, M, G, Ki, Mi, Gi, ... or e<N>)` };
    exponent10 += Number(exp[1]);
  }
  // 10^(digits + exponent) beyond 10^28 nano-units is above 2^63 units whatever the digits are.
  if (digits !== 0n && exponent10 + (whole.replace(/^0+/, '').length || 0) > 29 + 9) return { ok: false, reason: TOO_LARGE };
  if (exponent10 < -(MAX_DIGITS + 30)) return { ok: true, nanos: digits === 0n ? 0n : sign === '-' ? -1n : 1n };
  digits *= multiplier;
  let nanos: bigint;
  if (exponent10 >= 0) {
    nanos = digits * 10n ** BigInt(exponent10);
  } else {
    // Below one nano-unit Kubernetes rounds up (away from zero for the magnitude).
    const divisor = 10n ** BigInt(-exponent10);
    nanos = (digits + divisor - 1n) / divisor;
  }
  if (nanos > MAX_NANOS) return { ok: false, reason: TOO_LARGE };
  return { ok: true, nanos: sign === '-' ? -nanos : nanos };
}

/** Rounds up to whole milli-units, as Quantity.MilliValue() does. */
export function nanosToMilli(nanos: bigint): number {
  return Number(ceilDiv(nanos, 1_000_000n));
}

/** Rounds up to whole units, as Quantity.Value() does. */
export function nanosToUnits(nanos: bigint): number {
  return Number(ceilDiv(nanos, 1_000_000_000n));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b > 0n ? q + 1n : q;
}

function numberToPlainString(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  // YAML numbers such as 0.5 or 2 or 1e3; toString can give exponent forms the grammar accepts.
  return String(n).replace('e+', 'e');
}
