// Helpers shared by the swarm, node, service, network, secret and config handlers: results,
// manager access, `--filter` parsing, and output through tables, `-q` and `--format`.

import { goJsonMarshal } from "../../cli/format/go-json";
import type { Handler } from "../../cli/command";
import { renderTable } from "../../cli/format/tabwriter";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import type { SwarmCluster } from "../swarm/cluster";
import { managerAccess } from "../swarm/state";
import type { SwarmNode } from "../swarm/types";
import { formatInspect, formatList } from "./swarm-format";
import { goQuote } from "../../cli/format/go-fmt";

export type Ctx = ProgramContext;
export type SwarmHandler = Handler<Ctx>;

export const ok = (stdout = "", stderr = ""): ExecResult => ({ exitCode: 0, stdout, stderr });
export const fail = (stderr: string, exitCode = 1, stdout = ""): ExecResult => ({
  exitCode, stdout, stderr: stderr === "" || stderr.endsWith("\n") ? stderr : stderr + "\n",
});

export const short = (id: string): string => id.slice(0, 12);

/** Runs `fn` on a manager with quorum, or returns the daemon's refusal. */
export function onManager(ctx: Ctx, fn: (c: SwarmCluster, self: SwarmNode) => ExecResult): ExecResult {
  // Agents report container events at once: let the world catch up before reading it.
  ctx.world.settle();
  const acc = managerAccess(ctx.world, ctx.host);
  if (!acc.ok) return fail(acc.error);
  return fn(acc.cluster, acc.node);
}

/** `--filter key=value` values; pflag-side format check for the `values` hook. */
export const FILTER_VALUE = (v: string): string | undefined =>
  v.includes("=") ? undefined : "bad format of filter (expected name=value)";

export type Filters = Map<string, string[]>;

export function parseFilters(list: string[]): Filters {
  const m: Filters = new Map();
  for (const f of list) {
    const i = f.indexOf("=");
    const k = f.slice(0, i).trim().toLowerCase();
    m.set(k, [...(m.get(k) ?? []), f.slice(i + 1)]);
  }
  return m;
}

/** The daemon's refusal of an unknown filter key, if any. */
export function badFilter(filters: Filters, allowed: string[]): ExecResult | undefined {
  for (const k of filters.keys()) if (!allowed.includes(k)) return fail(`Error response from daemon: invalid filter '${k}'`);
  return undefined;
}

/**
 * moby's filters for swarmkit enums (role, membership, desired-state): matched without case;
 * an empty value is ignored, another value refused ("Invalid role filter: 'boss'").
 */
export function enumFilter(filters: Filters, key: string, values: readonly string[]): ExecResult | undefined {
  for (const v of filters.get(key) ?? []) {
    if (v !== "" && !values.includes(v.toLowerCase())) return fail(`Error response from daemon: Invalid ${key} filter: '${v}'`);
  }
  return undefined;
}

/** A label filter (`key` or `key=value`) against labels. */
export function labelMatch(values: string[] | undefined, labels: Record<string, string>): boolean {
  if (!values) return true;
  return values.every((v) => {
    const i = v.indexOf("=");
    if (i < 0) return v in labels;
    return labels[v.slice(0, i)] === v.slice(i + 1);
  });
}

/** Output of a list command: `-q` ids, `--format`, or the default table. */
export function listOutput(
  ctx: Ctx,
  opts: { quiet: boolean; format: string; ids: string[]; rows: Record<string, unknown>[]; headers: Record<string, string>; defaultTable: string[][]; rootType?: string },
): ExecResult {
  if (opts.quiet && !opts.format) return ok(opts.ids.map((i) => i + "\n").join(""));
  if (opts.format) {
    const fmt = opts.format === "table" ? "table " + Object.keys(opts.headers).map((h) => `{{.${h}}}`).join("\\t") : opts.format;
    return formatList(fmt, opts.rows, opts.headers, opts.rootType);
  }
  return ok(renderTable(opts.defaultTable));
}

/** `inspect` output: JSON array (4-space indent) or a template per object. */
export function inspectOutput(objects: unknown[], format: string, errors: string[]): ExecResult {
  if (format && format !== "json") return formatInspect(format, objects, errors);
  let stdout = "";
  if (format === "json") stdout = objects.map((o) => goJsonMarshal(o, { objects: "struct" }) + "\n").join("");
  else stdout = objects.length || errors.length === 0 ? jsonIndent(objects) + "\n" : "[]\n";
  return errors.length ? { exitCode: 1, stdout, stderr: errors.map((e) => e + "\n").join("") } : ok(stdout);
}

/**
 * The daemon's JSON as the CLI re-indents it (json.Indent keeps the bytes): Go's encoding, so
 * maps come out with sorted keys and <, >, & as \u003c, \u003e, \u0026 ("sh -c 'a && b'").
 */
export function jsonIndent(v: unknown): string {
  return goJsonMarshal(v, { indent: "    ", objects: "struct" });
}

/** Parses a Go duration flag value ("5s", "1m30s", "100ms") into milliseconds. */
export function goDurationMs(text: string): number {
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  const mult: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  while ((m = re.exec(text)) !== null) total += parseFloat(m[1]!) * mult[m[2]!]!;
  // time.ParseDuration takes one leading sign for the whole duration ("-1m30s").
  return Math.round(text.trim().startsWith("-") ? -total : total);
}

/** docker/cli's ConvertKVStringsToMap: "key=value" items as a map ("key" alone: an empty value). */
export function keyValues(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of list) {
    const i = l.indexOf("=");
    out[i < 0 ? l : l.slice(0, i)] = i < 0 ? "" : l.slice(i + 1);
  }
  return out;
}

/** pflag's uint32 flags (which the generic parser reads as plain uints): strconv.ParseUint(v, 0, 32). */
export function checkUint32(v: string): string | undefined {
  if (!/^\d+$/.test(v)) return `strconv.ParseUint: parsing ${goQuote(v)}: invalid syntax`;
  return BigInt(v) >= 2n ** 32n ? `strconv.ParseUint: parsing ${goQuote(v)}: value out of range` : undefined;
}

/**
 * docker/cli's ExternalCAOption.Set (parseExternalCA): key=value fields, a cfssl protocol and a
 * url required. (A cacert= file is not read here.)
 */
export function checkExternalCA(v: string): string | undefined {
  let protocol = false;
  let url = false;
  for (const field of v.split(",")) {
    const i = field.indexOf("=");
    if (i < 0) return `invalid field '${field}' must be a key=value pair`;
    const key = field.slice(0, i).toLowerCase();
    const value = field.slice(i + 1);
    if (key === "protocol") {
      if (value.toLowerCase() !== "cfssl") return `unrecognized external CA protocol ${value}`;
      protocol = true;
    } else if (key === "url") url = true;
  }
  if (!protocol) return "the external-ca option needs a protocol= parameter";
  if (!url) return "the external-ca option needs a url= parameter";
  return undefined;
}
