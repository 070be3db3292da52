// The virtual clock: simulated time in milliseconds since the Unix epoch. Nothing in the core
// reads real time; the clock starts at the scenario's startTime and moves only when a command
// waits (`sleep`, `kubectl rollout status`, `sim advance`) or a subsystem's next event is due.

export const DEFAULT_START_TIME = "2024-01-10T00:00:00Z";

export class VirtualClock {
  constructor(public now: number) {}

  static fromIso(iso: string): VirtualClock {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) throw new Error(`invalid start time ${JSON.stringify(iso)}`);
    return new VirtualClock(t);
  }

  /** RFC 3339 in UTC without fractional seconds, as the transcript's `clock` field shows it. */
  iso(t = this.now): string {
    // Controllers stamp many objects at the same instant: format each instant once.
    if (t !== this.lastT) {
      this.lastT = t;
      this.lastIso = new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    return this.lastIso;
  }

  private lastT = NaN;
  private lastIso = "";
}

const UNIT_MS: Record<string, number> = {
  ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000,
};

/**
 * Parses a Go-style duration ("90s", "5m", "1h30m", "250ms") or a bare number of seconds
 * (as `sleep 5` takes it). Returns undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(parseFloat(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += parseFloat(m[1]!) * UNIT_MS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== s.length) return undefined;
  return Math.round(total);
}

/** Go's time.Duration String(): 1h2m3s, 5m0s, 30s, 1.5s, 0s. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? "-" : ""}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let out = "";
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  out += `${Number.isInteger(s) ? s : s.toString()}s`;
  return (neg ? "-" : "") + out;
}
