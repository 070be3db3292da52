// `docker logs` (docker/cli cli/command/container/logs.go, the client's ContainerLogs and moby's
// log reader): --tail/-n keeps the last N lines of the whole log, then --since/--until (durations
// before the client's clock, RFC 3339 or Unix timestamps, api/types/time GetTimestamp) keep the
// lines in the window (both ends included); --details puts the log attributes (none here) and a
// space before each line, -t the line's time as RFC3339NanoFixed. A container with a TTY has one
// stream, stdout, with CR LF line ends.

import type { Invocation } from "../../cli/command";
import type { LogEntry } from "../../runtime";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { goTimeParse } from "./go-time-parse";
import { containerLogs } from "./ops";
import { ATTACHED_WAIT_CAP_MS } from "./wait-cap";
import { engineHost, errNoSuchContainer, findContainer, type Container } from "./state";
import { goQuote } from "../../cli/format/go-fmt";

/** A point in time as GetTimestamp hands it to the daemon: whole seconds and nanoseconds. */
interface Instant { sec: number; nanos: number }

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration, in milliseconds (undefined when Go refuses it). */
export function goDurationMs(v: string): number | undefined {
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(v);
  if (!m) return undefined;
  if (m[2] === "0") return 0;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * UNITS[part[2]!]!;
  return m[1] === "-" ? -total : total;
}

/** GetTimestamp's choice of layout (api/types/time/timestamp.go). */
function timestampLayout(value: string): string {
  const inLocation = !/[zZ+]/.test(value) && value.split("-").length - 1 !== 3;
  if (value.includes(".")) return inLocation ? "2006-01-02T15:04:05.999999999" : "2006-01-02T15:04:05.999999999Z07:00";
  if (value.includes("T")) {
    let colons = value.split(":").length - 1;
    if (!inLocation && !/[zZ]/.test(value) && colons > 0) colons--;
    const base = colons === 0 ? "2006-01-02T15" : colons === 1 ? "2006-01-02T15:04" : "2006-01-02T15:04:05";
    return inLocation ? base : `${base}Z07:00`;
  }
  return inLocation ? "2006-01-02" : "2006-01-02Z07:00";
}

/**
 * api/types/time.GetTimestamp: a duration counts back from the client's clock (whole seconds),
 * a timestamp without a zone is the client's local time (UTC here), digits are Unix seconds.
 * A string is the error the client wraps.
 */
export function getTimestamp(value: string, nowMs: number): Instant | string {
  const d = goDurationMs(value);
  if (value !== "0" && d !== undefined) return { sec: Math.floor((nowMs - d) / 1000), nanos: 0 };
  const t = goTimeParse(timestampLayout(value), value);
  if (typeof t !== "string") return { sec: Math.floor(t.ms / 1000), nanos: t.nanos };
  // A value with a dash was meant as a timestamp: Go's parse error.
  if (value.includes("-")) return t;
  // parseTimestamp: Unix seconds, optionally with a fraction.
  const u = /^(\d+)(?:\.(\d{1,9}))?$/.exec(value);
  if (u) return { sec: Number(u[1]), nanos: Number((u[2] ?? "").padEnd(9, "0")) };
  return `failed to parse value as time or duration: ${goQuote(value)}`;
}

/** moby's jsonmessage.RFC3339NanoFixed of a virtual time (always nine digits). */
export const rfc3339NanoFixed = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");

export function logs(ctx: ProgramContext, inv: Invocation): ExecResult {
  const ref = inv.args[0]!;
  const c = findContainer(engineHost(ctx.world, ctx.host.name), ref);
  if (!c || c === "ambiguous") return { exitCode: 1, stdout: "", stderr: errNoSuchContainer(ref) + "\n" };
  // The client turns --since/--until into timestamps before it asks for the logs.
  const window: { since?: number; until?: number } = {};
  for (const name of ["since", "until"] as const) {
    const v = inv.flags.str(name);
    if (!v) continue;
    const at = getTimestamp(v, ctx.world.now);
    if (typeof at === "string") return { exitCode: 1, stdout: "", stderr: `invalid value for "${name}": ${at}\n` };
    // Lines carry whole milliseconds: the first one at or after since, the last at or before until.
    if (at.sec === 0 && at.nanos === 0) continue; // zero means no bound
    window[name] = at.sec * 1000 + (name === "since" ? Math.ceil(at.nanos / 1e6) : Math.floor(at.nanos / 1e6));
  }
  // -f streams until PID 1 exits (a server never does: the wait is capped as an attached run's).
  if (inv.flags.bool("follow") && c.status === "running") ctx.world.advanceUntil(() => c.status !== "running", ATTACHED_WAIT_CAP_MS);
  let lines = containerLogs(c).filter((l) => l.time <= ctx.world.now);
  // The daemon's strconv.Atoi of --tail: anything else (and a negative number) is every line.
  const tail = /^[-+]?\d+$/.test(inv.flags.str("tail")) ? Number(inv.flags.str("tail")) : -1;
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  lines = lines.filter((l) => (window.since === undefined || l.time >= window.since) && (window.until === undefined || l.time <= window.until));
  const details = inv.flags.bool("details"), stamps = inv.flags.bool("timestamps");
  // A last line written without a newline is printed without one (the log driver's partial message).
  const render = (l: LogEntry) => `${stamps ? rfc3339NanoFixed(l.time) + " " : ""}${details ? " " : ""}${ttyLine(c, l.text, l.partial)}${l.partial ? "" : "\n"}`;
  return {
    exitCode: 0,
    stdout: lines.filter((l) => l.stream === "stdout" || isTty(c)).map(render).join(""),
    stderr: lines.filter((l) => l.stream === "stderr" && !isTty(c)).map(render).join(""),
    // The client writes each line to its stream as the log replays them: `2>&1` keeps that order.
    combined: lines.map(render).join(""),
  };
}

/** Config.Tty: PID 1 writes to a terminal, one stream whose lines end in CR LF (ONLCR). */
export const isTty = (c: Container): boolean => !!c.stdio?.Tty;

/**
 * A log line as the terminal turned it: "\r" before the newline the logger splits on; a last line
 * without a newline (a shell's prompt, flushed at exit) has none.
 */
export const ttyLine = (c: Container, text: string, partial = false): string => (isTty(c) && !partial ? `${text}\r` : text);
