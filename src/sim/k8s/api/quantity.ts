// Mirrors k8s.io/apimachinery/pkg/api/resource (Quantity): parsing with the real error
// messages, canonical printing in the value's own family (binary SI, decimal SI, exponent),
// and exact numeric comparison. Values are kept as BigInt nano-units, rounded up to 10^-9 as
// the real Quantity does.

import { OutcomeError } from "../../outcome-error";

export const QUANTITY_REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_MESSAGE = "unable to parse quantity's suffix";
export const QUANTITY_NUMERIC_MESSAGE = "unable to parse numeric part of quantity";

export type QuantityFormat = "BinarySI" | "DecimalSI" | "DecimalExponent";

export interface Quantity {
  /** The value × 10^9, rounded up. */
  nanos: bigint;
  format: QuantityFormat;
}

const SHAPE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 1_000_000_000n;

export class QuantityError extends OutcomeError {}

/** Parses a quantity string (or a YAML number); throws QuantityError with the real message. */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === "number" ? numberText(input) : input;
  const m = SHAPE.exec(text);
  if (!m) throw new QuantityError(QUANTITY_REGEX_MESSAGE);
  let [, num, suffix] = m as unknown as [string, string, string];
  // The regex is greedy on digits; a suffix such as "e3" may have swallowed nothing odd.
  const sign = num.startsWith("-") ? -1n : 1n;
  if (num.startsWith("-") || num.startsWith("+")) num = num.slice(1);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) throw new QuantityError(QUANTITY_NUMERIC_MESSAGE);
  let format: QuantityFormat;
  let pow10 = 0;
  let pow2 = 0;
  if (suffix in DECIMAL_SUFFIX) {
    format = "DecimalSI";
    pow10 = DECIMAL_SUFFIX[suffix]!;
  } else if (suffix in BINARY_SUFFIX) {
    format = "BinarySI";
    pow2 = BINARY_SUFFIX[suffix]!;
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    format = "DecimalExponent";
    pow10 = parseInt(suffix.slice(1), 10);
    if (Math.abs(pow10) > 1000) throw new QuantityError(QUANTITY_SUFFIX_MESSAGE);
  } else {
    throw new QuantityError(QUANTITY_SUFFIX_MESSAGE);
  }
  const [intPart, fracPart = ""] = num.split(".");
  const digits = BigInt((intPart || "0") + fracPart || "0");
  // value = digits × 10^(pow10 − frac) × 2^pow2; nanos = value × 10^9, rounded up.
  let numer = digits * (1n << BigInt(pow2));
  let exp10 = pow10 - fracPart.length + 9;
  let nanos: bigint;
  if (exp10 >= 0) nanos = numer * 10n ** BigInt(exp10);
  else {
    const div = 10n ** BigInt(-exp10);
    nanos = numer / div + (numer % div === 0n ? 0n : 1n);
  }
  // A binary-SI amount is whole bytes: fractions round up ("1.1Gi" → 1181116007).
  if (format === "BinarySI" && nanos % NANO !== 0n) nanos = (nanos / NANO + 1n) * NANO;
  return { nanos: sign * nanos, format };
}

function numberText(n: number): string {
  const s = String(n);
  return s.replace("e+", "e");
}

/** Whether a string is a valid quantity; returns the error message when not. */
export function quantityError(input: string | number): string | undefined {
  try {
    parseQuantity(input);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

/** The canonical string, as `kubectl get -o yaml` and describe print it. */
export function formatQuantity(q: Quantity): string {
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  if (abs === 0n) return "0";
  const sign = neg ? "-" : "";
  if (q.format === "BinarySI" && abs % NANO === 0n) {
    const bytes = abs / NANO;
    if (bytes >= 1024n) {
      const names = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
      let i = 0;
      let v = bytes;
      while (i < 6 && v % 1024n === 0n) {
        v /= 1024n;
        i++;
      }
      return `${sign}${v}${names[i]}`;
    }
  }
  // Decimal: largest exponent (multiple of 3) for which the value is an integer multiple.
  let exp = -9;
  let mant = abs;
  while (exp < 18 && mant % 1000n === 0n) {
    mant /= 1000n;
    exp += 3;
  }
  if (q.format === "DecimalExponent") return `${sign}${mant}${exp === 0 ? "" : `e${exp}`}`;
  const suffix = Object.entries(DECIMAL_SUFFIX).find(([, e]) => e === exp)![0];
  return `${sign}${mant}${suffix}`;
}

/** Canonicalises a quantity string; returns the input unchanged when it does not parse. */
export function canonicalQuantity(input: string | number): string {
  try {
    return formatQuantity(parseQuantity(input));
  } catch {
    return String(input);
  }
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Milli-units, rounded up (CPU: "250m" → 250, "1" → 1000). */
export function milliValue(input: string | number | Quantity): number {
  const q = typeof input === "object" ? input : parseQuantity(input);
  const d = 1_000_000n;
  return Number(q.nanos / d + (q.nanos % d > 0n ? 1n : 0n));
}

/** Whole units, rounded up (memory: "128Mi" → 134217728). */
export function unitValue(input: string | number | Quantity): number {
  const q = typeof input === "object" ? input : parseQuantity(input);
  return Number(q.nanos / NANO + (q.nanos % NANO > 0n ? 1n : 0n));
}

/** A quantity from milli-units in decimal SI ("1500m", "2"). */
export function fromMilli(milli: number, format: QuantityFormat = "DecimalSI"): Quantity {
  return { nanos: BigInt(Math.round(milli)) * 1_000_000n, format };
}

/** A quantity from whole units (bytes; binary SI prints "4Gi"). */
export function fromUnits(units: number, format: QuantityFormat = "BinarySI"): Quantity {
  return { nanos: BigInt(Math.round(units)) * NANO, format };
}
