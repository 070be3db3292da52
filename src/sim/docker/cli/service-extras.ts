// The parts of a service's ContainerSpec and TaskTemplate the simulator mostly carries for
// inspection: healthcheck (which task containers also run: swarm/task-health.ts), log driver,
// capabilities, sysctls and ulimits (no runtime effect), as
// docker/cli's ToService builds them (opts.go, healthCheckOptions.toHealthConfig,
// logDriverOptions.toLogDriver, opts.EffectiveCapAddCapDrop) and its pretty template shows them.

import { GoDuration } from "../../cli/format/go-value";
import type { Flags } from "../../cli/flags";
import { formatGoDuration } from "../../clock";
import type { ServiceSpec } from "../swarm/types";
import { goDurationMs, keyValues } from "./swarm-common";

type Extras = Pick<ServiceSpec, "healthcheck" | "logDriver" | "capAdd" | "capDrop" | "sysctls" | "ulimits">;

const HEALTH_FLAGS = ["health-cmd", "health-interval", "health-timeout", "health-start-period", "health-start-interval", "health-retries"];

/** toHealthConfig: NONE for --no-healthcheck, else a config as soon as any --health-* is set. */
function healthFromFlags(f: Flags, base?: ServiceSpec["healthcheck"]): ServiceSpec["healthcheck"] {
  if (f.bool("no-healthcheck")) return { test: ["NONE"], intervalMs: 0, timeoutMs: 0, startPeriodMs: 0, startIntervalMs: 0, retries: 0 };
  if (!HEALTH_FLAGS.some((k) => f.changed(k))) return base;
  const h = base ? { ...base, test: [...base.test] } : { test: [], intervalMs: 0, timeoutMs: 0, startPeriodMs: 0, startIntervalMs: 0, retries: 0 };
  if (f.changed("health-cmd")) h.test = f.str("health-cmd") ? ["CMD-SHELL", f.str("health-cmd")] : [];
  if (f.changed("health-interval")) h.intervalMs = goDurationMs(f.str("health-interval"));
  if (f.changed("health-timeout")) h.timeoutMs = goDurationMs(f.str("health-timeout"));
  if (f.changed("health-start-period")) h.startPeriodMs = goDurationMs(f.str("health-start-period"));
  if (f.changed("health-start-interval")) h.startIntervalMs = goDurationMs(f.str("health-start-interval"));
  if (f.changed("health-retries")) h.retries = f.int("health-retries");
  return h;
}

/** normalizeCaps: upper case, a CAP_ prefix (but ALL), duplicates dropped, sorted. */
function normalizeCaps(list: string[]): string[] {
  const caps = [...new Set(list.map((c) => c.trim().toUpperCase()).map((c) => (c === "ALL" || c.startsWith("CAP_") ? c : `CAP_${c}`)))].sort();
  return caps.includes("ALL") ? ["ALL"] : caps;
}

/** go-units ParseUlimit (values checked by the flag): name=soft[:hard], hard defaulting to soft. */
function ulimits(list: string[]): NonNullable<ServiceSpec["ulimits"]> {
  const byName = new Map<string, { name: string; soft: number; hard: number }>();
  for (const v of list) {
    const i = v.indexOf("=");
    const [soft, hard] = v.slice(i + 1).split(":");
    byName.set(v.slice(0, i), { name: v.slice(0, i), soft: Number(soft), hard: Number(hard ?? soft) });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** `service create`: what the flags set. */
export function extrasFromCreate(f: Flags): Extras {
  const out: Extras = {};
  const health = healthFromFlags(f);
  if (health) out.healthcheck = health;
  if (f.str("log-driver")) out.logDriver = { name: f.str("log-driver"), options: keyValues(f.list("log-opt")) };
  const add = normalizeCaps(f.list("cap-add"));
  const drop = normalizeCaps(f.list("cap-drop")).filter((c) => !add.includes(c));
  if (add.length) out.capAdd = add;
  if (drop.length) out.capDrop = drop;
  if (f.list("sysctl").length) out.sysctls = keyValues(f.list("sysctl"));
  if (f.list("ulimit").length) out.ulimits = ulimits(f.list("ulimit"));
  return out;
}

/** `service update`: the healthcheck flags merge into the current one; --log-driver replaces it. */
export function extrasFromUpdate(spec: ServiceSpec, f: Flags): Extras {
  const out: Extras = {};
  const health = healthFromFlags(f, spec.healthcheck);
  if (health !== spec.healthcheck) out.healthcheck = health;
  if (f.changed("log-driver") || f.changed("log-opt")) {
    out.logDriver = { name: f.changed("log-driver") ? f.str("log-driver") : spec.logDriver?.name ?? "", options: { ...(spec.logDriver?.options ?? {}), ...keyValues(f.list("log-opt")) } };
  }
  return out;
}

/** container.HealthConfig as JSON (omitempty: zero durations and retries left out). */
export function healthJson(h: NonNullable<ServiceSpec["healthcheck"]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (h.test.length) o.Test = [...h.test];
  if (h.intervalMs) o.Interval = new GoDuration(h.intervalMs * 1e6);
  if (h.timeoutMs) o.Timeout = new GoDuration(h.timeoutMs * 1e6);
  if (h.startPeriodMs) o.StartPeriod = new GoDuration(h.startPeriodMs * 1e6);
  if (h.startIntervalMs) o.StartInterval = new GoDuration(h.startIntervalMs * 1e6);
  if (h.retries) o.Retries = h.retries;
  return o;
}

/** The template's Capabilities / SysCtls / Ulimits sections (after User). */
export function prettyContainerExtras(sp: ServiceSpec): string {
  let o = "";
  if (sp.capAdd?.length || sp.capDrop?.length) {
    o += "Capabilities:\n";
    if (sp.capAdd?.length) o += ` Add: ${sp.capAdd.join(", ")}\n`;
    if (sp.capDrop?.length) o += ` Drop: ${sp.capDrop.join(", ")}\n`;
  }
  if (sp.sysctls && Object.keys(sp.sysctls).length) {
    o += `SysCtls:\n${Object.keys(sp.sysctls).sort().map((k) => ` ${k}${sp.sysctls![k] ? `: ${sp.sysctls![k]}` : ""}\n`).join("")}`;
  }
  if (sp.ulimits?.length) o += `Ulimits:\n${sp.ulimits.map((u) => ` ${u.name}: ${u.soft}:${u.hard}\n`).join("")}`;
  return o;
}

/** The Log Driver section: its `\n{{ end }}` leaves a blank line after it. */
export function prettyLogDriver(sp: ServiceSpec): string {
  if (!sp.logDriver) return "";
  let o = "Log Driver:\n";
  if (sp.logDriver.name) o += ` Name:\t\t${sp.logDriver.name}\n`;
  const opts = sp.logDriver.options;
  if (Object.keys(opts).length) o += ` LogOpts:\n${Object.keys(opts).sort().map((k) => `  ${k}${opts[k] ? `:       ${opts[k]}` : ""}\n`).join("")}`;
  return o + "\n";
}

/**
 * The Healthcheck section, closing the template: it follows Endpoint Mode (or the last port's
 * line, which keeps its trailing space) and ends with a space after the tests.
 */
export function prettyHealthcheck(sp: ServiceSpec): string {
  const h = sp.healthcheck;
  if (!h) return "";
  let o = ` Healthcheck:\n  Interval = ${formatGoDuration(h.intervalMs)}\n  Retries = ${h.retries}\n  StartPeriod =\t${formatGoDuration(h.startPeriodMs)}\n  Timeout =\t${formatGoDuration(h.timeoutMs)}`;
  if (h.test.length) o += `\n  Tests:${h.test.map((t) => `\n\t Test = ${t}`).join("")} `;
  return o + "\n";
}
