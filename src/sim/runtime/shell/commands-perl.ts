// A sliver of perl: what Kubernetes' documentation runs with it — the Job example
// `perl -Mbignum=bpi -wle 'print bpi(2000)'` — and one-liners that print literals
// (`perl -e 'print "hello\n"'`, `perl -le 'print 42'`). -l appends a newline to each print, -w,
// -M and -E are accepted. Anything beyond `print` of those is refused with a clear message
// rather than guessed at.

import type { CommandFn } from "./commands";

/** Math::BigFloat's bpi(N): π rounded to N significant digits. */
export function bpi(digits: number): string {
  const n = Math.max(1, Math.min(digits, 20_000));
  const guard = 10;
  const scale = 10n ** BigInt(n + guard);
  // Machin: π = 16·atan(1/5) − 4·atan(1/239), in fixed point.
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 0n; term !== 0n; k++) {
      const t = term / (2n * k + 1n);
      sum += k % 2n === 0n ? t : -t;
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n); // π × 10^(n+guard)
  // Keep n significant digits (one before the point), rounding half up.
  const cut = 10n ** BigInt(guard + 1);
  const rounded = (pi + cut / 2n) / cut; // π × 10^(n−1)
  const s = rounded.toString();
  return n === 1 ? s : `${s[0]}.${s.slice(1)}`;
}

const STRING = /^"((?:[^"\\]|\\.)*)"|^'((?:[^'\\]|\\.)*)'/;

function unescape(s: string, double: boolean): string {
  if (!double) return s.replace(/\\(['\\])/g, "$1");
  return s.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", "\\": "\\", '"': '"', $: "$", "@": "@", e: "\x1b", "0": "\0" } as Record<string, string>)[c] ?? c);
}

/** One printable term: a string, a number or bpi(N). */
function term(src: string): string | undefined {
  const t = src.trim();
  const str = STRING.exec(t);
  if (str && str[0].length === t.length) return str[1] !== undefined ? unescape(str[1], true) : unescape(str[2]!, false);
  const pi = /^bpi\s*\(\s*(\d+)\s*\)$/.exec(t);
  if (pi) return bpi(Number(pi[1]));
  if (/^-?\d+(\.\d+)?$/.test(t)) return String(Number(t));
  return undefined;
}

/** Splits on commas and semicolons outside string literals. */
function splitOutside(src: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      cur += c;
      if (c === "\\") cur += src[++i] ?? "";
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") { quote = c; cur += c; } else if (c === sep) { out.push(cur); cur = ""; } else cur += c;
  }
  out.push(cur);
  return out;
}

export const perl: CommandFn = (args, io) => {
  let newline = false;
  const code: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") break;
    if (/^-[wlE]*[eE]$/.test(a) || /^-[wl]+$/.test(a) || a === "-e" || a === "-E") {
      if (a.includes("l")) newline = true;
      if (/[eE]$/.test(a)) code.push(args[++i] ?? "");
    } else if (/^-M/.test(a) || a === "-w" || a === "-l") {
      if (a === "-l") newline = true;
    } else if (a === "-v" || a === "--version") {
      io.out("\nThis is perl 5, version 40, subversion 1 (v5.40.1) built for x86_64-linux-gnu-thread-multi\n\nCopyright 1987-2025, Larry Wall\n");
      return 0;
    } else {
      io.err(`clustergrade: perl scripts (${a}) are not simulated; only -e 'print …' one-liners are\n`);
      return 2;
    }
  }
  if (!code.length) {
    io.err("clustergrade: perl reading a program from stdin is not simulated\n");
    return 2;
  }
  for (const stmt of splitOutside(code.join("\n"), ";")) {
    const s = stmt.trim();
    if (!s) continue;
    const m = /^print\s*(?:\((.*)\)|(.*))$/s.exec(s);
    const parts = m ? splitOutside((m[1] ?? m[2] ?? "").trim(), ",").map(term) : [undefined];
    if (!m || parts.some((p) => p === undefined)) {
      io.err(`clustergrade: this perl (${s}) is not simulated; only print of strings, numbers and bpi(N) is\n`);
      return 255;
    }
    io.out(parts.join("") + (newline ? "\n" : ""));
  }
  return 0;
};
