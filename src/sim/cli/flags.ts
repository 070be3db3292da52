// pflag semantics: --name=value, --name value, -n value, -nvalue, combined bool shorthands (-qa),
// `--` ends the flags, repeated flags accumulate for list types, the last value wins otherwise.
// Errors carry pflag's exact wording; a dialect (docker, kubectl) decides how they are printed.

import type { FlagSpec } from "./spec";
import { OutcomeError } from "../outcome-error";
import { goDurationError } from "./format/go-duration";
import { goQuote } from "./format/go-fmt";

export class FlagError extends OutcomeError {}

const BOOL_VALUES: Record<string, boolean> = {
  "1": true, t: true, T: true, true: true, TRUE: true, True: true,
  "0": false, f: false, F: false, false: false, FALSE: false, False: false,
};

export class Flags {
  constructor(
    private readonly specs: Map<string, FlagSpec>,
    private readonly values: Map<string, string[]>,
  ) {}

  changed(name: string): boolean {
    return this.values.has(name);
  }

  /** The flag's value (the last one given), or its default, or "". */
  str(name: string): string {
    const v = this.values.get(name);
    if (v && v.length) return v[v.length - 1]!;
    return defaultOf(this.specs.get(name));
  }

  bool(name: string): boolean {
    const v = this.values.get(name);
    if (v && v.length) return BOOL_VALUES[v[v.length - 1]!] ?? false;
    return defaultOf(this.specs.get(name)) === "true";
  }

  int(name: string): number {
    const s = this.str(name);
    return s === "" ? 0 : Number(s);
  }

  /** Every value given for a repeated flag (comma-split for stringSlice, as pflag does). */
  list(name: string): string[] {
    const spec = this.specs.get(name);
    const v = this.values.get(name);
    if (!v) {
      // Help shows an empty list default as "[]" and an empty map as "map[]": no values either way.
      const d = defaultOf(spec);
      return d === "" || d === "[]" || d === "map[]" ? [] : d.replace(/^(map)?\[|\]$/g, "").split(",");
    }
    if (spec?.type === "stringSlice") return v.flatMap((x) => splitCsv(x));
    return [...v];
  }

  /** Names of flags that were given, in spec order. */
  given(): string[] {
    return [...this.values.keys()];
  }
}

function splitCsv(s: string): string[] {
  return s === "" ? [] : s.split(",");
}

function defaultOf(spec: FlagSpec | undefined): string {
  if (!spec || spec.default === undefined) return spec?.type === "bool" ? "false" : "";
  const d = spec.default;
  return d.startsWith('"') && d.endsWith('"') ? d.slice(1, -1) : d.startsWith("'") && d.endsWith("'") ? d.slice(1, -1) : d;
}

export function flagDisplayName(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/**
 * pflag's `invalid argument %q for %q flag: %v`: the value is Go-quoted (a quote, backslash or
 * control character escaped: `invalid argument "a\"b" for "--replicas" flag: …`).
 */
export function invalidArgument(spec: FlagSpec, value: string, detail: string): string {
  return `invalid argument ${goQuote(value)} for ${goQuote(flagDisplayName(spec))} flag: ${detail}`;
}

/** pflag's generic value check for the built-in types; undefined when the value is acceptable. */
export function checkValue(spec: FlagSpec, value: string): string | undefined {
  const bad = (what: string) => invalidArgument(spec, value, what);
  // strconv's NumError quotes with strconv.Quote, the time package with its own quote.
  const q = goQuote(value);
  switch (spec.type) {
    case "bool":
      return value in BOOL_VALUES ? undefined : bad(`strconv.ParseBool: parsing ${q}: invalid syntax`);
    case "int": case "int32": case "int64":
      if (!/^[+-]?\d+$/.test(value)) return bad(`strconv.ParseInt: parsing ${q}: invalid syntax`);
      if (spec.type === "int32" && Math.abs(Number(value)) > 2 ** 31) return bad(`strconv.ParseInt: parsing ${q}: value out of range`);
      return undefined;
    case "uint": case "uint64":
      return /^\+?\d+$/.test(value) ? undefined : bad(`strconv.ParseUint: parsing ${q}: invalid syntax`);
    case "float":
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? undefined : bad(`strconv.ParseFloat: parsing ${q}: invalid syntax`);
    case "duration": {
      const err = goDurationError(value);
      return err === undefined ? undefined : bad(err);
    }
    default:
      return undefined;
  }
}

export interface ParsedArgs {
  flags: Flags;
  args: string[];
  /** kubectl's ArgsLenAtDash: how many positional args came before `--` (-1 if none). */
  argsLenAtDash: number;
  help: boolean;
}

/**
 * Parses argv against a flag set. `interspersed: false` stops flag parsing at the first
 * positional argument (docker `service create IMAGE CMD --flag` passes --flag to CMD).
 * `custom` adds value checks for non-built-in types (docker's --publish, --mount, …).
 */
const flagIndexes = new WeakMap<FlagSpec[], { byName: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> }>();

/** A flag list's lookup tables, built once per list (a command's list is reused every run). */
function flagIndex(specs: FlagSpec[]): { byName: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> } {
  let idx = flagIndexes.get(specs);
  if (!idx) {
    idx = { byName: new Map(), byShort: new Map() };
    for (const s of specs) {
      idx.byName.set(s.name, s);
      if (s.short) idx.byShort.set(s.short, s);
    }
    flagIndexes.set(specs, idx);
  }
  return idx;
}

export function parseFlags(
  argv: string[],
  specs: FlagSpec[],
  opts: { interspersed?: boolean; custom?: Record<string, (v: string) => string | undefined> } = {},
): ParsedArgs {
  const { byName, byShort } = flagIndex(specs);
  const values = new Map<string, string[]>();
  const args: string[] = [];
  let help = false;
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, value: string) => {
    const err = opts.custom?.[spec.name]?.(value) ?? checkValue(spec, value);
    if (err) throw new FlagError(err.startsWith("invalid argument") ? err : invalidArgument(spec, value, err));
    const list = values.get(spec.name) ?? [];
    list.push(value);
    values.set(spec.name, list);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (opts.interspersed === false && args.length > 0) {
      args.push(a);
      continue;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) {
        if (name === "help") { help = true; continue; }
        throw new FlagError(`unknown flag: --${name}`);
      }
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === "bool") set(spec, "true");
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < argv.length) set(spec, argv[++i]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // Shorthand cluster: -qa, -n value, -nvalue, -n=value.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) {
          if (c === "h") { help = true; continue; }
          throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        }
        const rest = a.slice(j + 1);
        if (spec.type === "bool") {
          if (rest.startsWith("=")) { set(spec, rest.slice(1)); break; }
          set(spec, "true");
          continue;
        }
        if (rest.length > 0) set(spec, rest.startsWith("=") ? rest.slice(1) : rest);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
        else if (i + 1 < argv.length) set(spec, argv[++i]!);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags: new Flags(byName, values), args, argsLenAtDash, help };
}
