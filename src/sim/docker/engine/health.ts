// Mirrors moby's daemon/health.go: a container with a HEALTHCHECK runs its probe every
// `interval` (start_interval during the start period) after it starts; a probe is the test
// command exec'd in the container (CMD / CMD-SHELL), exit 0 = success, cut at `timeout`.
// Status: "starting" → "healthy" on the first success; failures count towards "unhealthy"
// after `retries` in a row, except during the start period (where they do not count).
// Timeline: engine/container-health  subject: container name, data {host, status}.

import { parseDuration } from "../../clock";
import type { World } from "../../world";
import type { Container } from "./state";

export type HealthStatus = "starting" | "healthy" | "unhealthy";

export interface HealthConfig {
  /** ["CMD", …] or ["CMD-SHELL", "…"]; ["NONE"] disables. */
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
}

export interface HealthState {
  status: HealthStatus;
  failingStreak: number;
  nextCheckAt: number;
  log: { start: number; end: number; exitCode: number; output: string }[];
}

export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_START_INTERVAL_MS = 5_000;
const MAX_LOG = 5;

const dur = (v: unknown, dflt: number) => (typeof v === "string" ? parseDuration(v) ?? dflt : typeof v === "number" ? v / 1e6 : dflt);

/** compose's `healthcheck:` mapping (test string = CMD-SHELL) → config; undefined when disabled. */
export function healthFromCompose(h: unknown): HealthConfig | undefined {
  if (!h || typeof h !== "object") return undefined;
  const o = h as Record<string, unknown>;
  if (o.disable === true) return undefined;
  const test = typeof o.test === "string" ? ["CMD-SHELL", o.test] : Array.isArray(o.test) ? o.test.map(String) : [];
  if (!test.length || test[0] === "NONE") return undefined;
  return {
    test, intervalMs: dur(o.interval, DEFAULT_INTERVAL_MS), timeoutMs: dur(o.timeout, DEFAULT_TIMEOUT_MS),
    retries: typeof o.retries === "number" ? o.retries : DEFAULT_RETRIES, startPeriodMs: dur(o.start_period, 0),
    startIntervalMs: dur(o.start_interval, DEFAULT_START_INTERVAL_MS),
  };
}

/** Called when PID 1 starts: the first probe is one interval later. */
export function initHealth(c: Container, now: number): void {
  if (!c.healthcheck) return;
  c.health = { status: "starting", failingStreak: 0, nextCheckAt: now + firstInterval(c.healthcheck, 0), log: [] };
}

function firstInterval(h: HealthConfig, sinceStart: number): number {
  return h.startPeriodMs > 0 && sinceStart < h.startPeriodMs ? Math.min(h.startIntervalMs, h.intervalMs) : h.intervalMs;
}

/** Runs the probes that are due; true if the status changed. */
export function runDueProbes(world: World, host: string, c: Container): boolean {
  const h = c.healthcheck;
  const st = c.health;
  if (!h || !st || c.status !== "running" || !c.process || st.nextCheckAt > world.now) return false;
  const argv = h.test[0] === "CMD-SHELL" ? ["/bin/sh", "-c", h.test.slice(1).join(" ")] : h.test.slice(1);
  const r = c.process.exec(argv, { timeoutMs: h.timeoutMs });
  const exitCode = r.error ? -1 : r.timedOut ? -1 : r.exitCode;
  const output = r.error ? `OCI runtime exec failed: exec failed: unable to start container process: ${r.error}: unknown` : r.timedOut ? `Health check exceeded timeout (${h.timeoutMs / 1000}s)` : r.stdout + r.stderr;
  st.log = [...st.log, { start: world.now, end: world.now, exitCode, output }].slice(-MAX_LOG);
  const before = st.status;
  const sinceStart = world.now - (c.startedAt ?? world.now);
  if (exitCode === 0) {
    st.status = "healthy";
    st.failingStreak = 0;
  } else if (!(sinceStart < h.startPeriodMs)) {
    st.failingStreak++;
    if (st.failingStreak >= h.retries) st.status = "unhealthy";
  }
  st.nextCheckAt = world.now + (st.status === "starting" ? firstInterval(h, sinceStart) : h.intervalMs);
  if (st.status !== before) world.record("engine", "container-health", c.name, { host, status: st.status });
  return st.status !== before;
}
