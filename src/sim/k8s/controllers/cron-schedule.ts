// Mirrors github.com/robfig/cron/v3 ParseStandard and SpecSchedule.Next, which the CronJob
// controller and validation use: five fields (minute hour day-of-month month day-of-week) with
// `*`/`?`, ranges, steps (`N/step` means N to the maximum), lists and names (jan–dec, sun–sat),
// the descriptors @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly and @every
// <duration>, and the parser's error texts ("expected exactly 5 fields, found 3: [* * *]").
// Day-of-month and day-of-week combine as cron does: when either is `*` both must match,
// otherwise either may. Times are computed in UTC, or in an IANA time zone through Intl.

import { OutcomeError } from "../../outcome-error";

export interface CronSchedule {
  /** The first time strictly after `t` (ms since the epoch) that the schedule fires, or undefined within five years. */
  next(t: number): number | undefined;
}

interface Bounds { min: number; max: number; names?: Record<string, number> }

const MONTHS = Object.fromEntries(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((m, i) => [m, i + 1]));
const DAYS = Object.fromEntries(["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map((d, i) => [d, i]));
const FIELDS: Bounds[] = [
  { min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
};

export class CronParseError extends OutcomeError {}

/** Go's %s of a []string: "[a b c]". */
const goList = (xs: string[]) => `[${xs.join(" ")}]`;

function parseUint(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

const parseIntOrName = (expr: string, b: Bounds) => b.names?.[expr.toLowerCase()] ?? parseUint(expr);

/** One field: the set of values it allows, and whether it was a bare `*` (the star bit). */
function parseField(field: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(",")) {
    const rangeAndStep = expr.split("/");
    const lowAndHigh = rangeAndStep[0]!.split("-");
    let start: number, end: number, step = 1;
    let extraStar = false;
    if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
      start = b.min; end = b.max; extraStar = true;
    } else {
      start = parseIntOrName(lowAndHigh[0]!, b);
      if (lowAndHigh.length === 1) end = start;
      else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, b);
      else throw new CronParseError(`too many hyphens: ${expr}`);
    }
    if (rangeAndStep.length === 2) {
      step = parseUint(rangeAndStep[1]!);
      if (lowAndHigh.length === 1) end = b.max;
      if (step > 1) extraStar = false;
    } else if (rangeAndStep.length > 2) throw new CronParseError(`too many slashes: ${expr}`);
    if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
    if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
    if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
    if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
    for (let v = start; v <= end; v += step) values.add(v);
    if (extraStar) star = true;
  }
  return { values, star };
}

/** ParseStandard: throws CronParseError with robfig/cron's message. */
export function parseCron(spec: string, timeZone?: string): CronSchedule {
  let s = spec.trim();
  if (s === "") throw new CronParseError("empty spec string");
  let zone = timeZone;
  const tz = /^(?:CRON_)?TZ=(\S*)\s*/.exec(s);
  if (tz) {
    zone = tz[1];
    s = s.slice(tz[0].length);
  }
  if (zone && zone !== "UTC" && zone !== "Etc/UTC" && !knownZone(zone)) throw new CronParseError(`provided bad location ${zone}: unknown time zone ${zone}`);
  if (s.startsWith("@")) {
    if (s.startsWith("@every ")) {
      const ms = goDuration(s.slice(7).trim());
      if (ms === undefined) throw new CronParseError(`failed to parse duration ${s}: time: invalid duration ${JSON.stringify(s.slice(7).trim())}`);
      const every = Math.max(1000, Math.floor(ms / 1000) * 1000);
      return { next: (t) => Math.floor(t / 1000) * 1000 + every };
    }
    const d = DESCRIPTORS[s];
    if (!d) throw new CronParseError(`unrecognized descriptor: ${s}`);
    s = d;
  }
  const fields = s.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: ${goList(fields)}`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i]!));
  return { next: (t) => nextTime(t, { minute: minute!, hour: hour!, dom: dom!, month: month!, dow: dow! }, zone) };
}

type Spec = Record<"minute" | "hour" | "dom" | "month" | "dow", { values: Set<number>; star: boolean }>;

function dayMatches(s: Spec, dom: number, dow: number): boolean {
  const a = s.dom.values.has(dom);
  const b = s.dow.values.has(dow);
  return s.dom.star || s.dow.star ? a && b : a || b;
}

/** SpecSchedule.Next: walk months, days, hours and minutes of wall-clock time in the zone. */
function nextTime(t: number, s: Spec, zone: string | undefined): number | undefined {
  const offset = (at: number) => (zone && zone !== "UTC" && zone !== "Etc/UTC" ? zoneOffsetMs(zone, at) : 0);
  // Wall-clock time as a UTC-based Date, starting at the next whole minute.
  let w = new Date(Math.floor((t + offset(t)) / 60_000) * 60_000 + 60_000);
  const limit = w.getUTCFullYear() + 5;
  while (w.getUTCFullYear() <= limit) {
    if (!s.month.values.has(w.getUTCMonth() + 1)) {
      w = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() + 1, 1));
      continue;
    }
    if (!dayMatches(s, w.getUTCDate(), w.getUTCDay())) {
      w = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + 1));
      continue;
    }
    if (!s.hour.values.has(w.getUTCHours())) {
      w = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours() + 1));
      continue;
    }
    if (!s.minute.values.has(w.getUTCMinutes())) {
      w = new Date(w.getTime() + 60_000);
      continue;
    }
    const wall = w.getTime();
    return wall - offset(wall - offset(wall));
  }
  return undefined;
}

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant (wall clock minus UTC), from Intl's tz data. */
export function zoneOffsetMs(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** Go's time.ParseDuration for @every (units h, m, s, ms; e.g. "1h30m"). */
function goDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/y;
  let ms = 0, i = 0;
  if (!s) return undefined;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as "h" | "m" | "s" | "ms"];
    i = re.lastIndex;
  }
  return ms;
}
