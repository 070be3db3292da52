// Scenario-declared images (`images:` in a scenario): a small, documented schema a teacher uses to
// describe an app's behaviour on the virtual clock — ready after N s, crash after N s with an exit
// code, HTTP paths (optionally failing after N s), log lines, growing memory (for OOMKilled), a
// required env variable, and whether it handles SIGTERM. Compiled to the same ProgramPlan data the
// catalogue uses, so the runtime treats custom and catalogue images alike.

import { z } from "zod";
import { parseDuration } from "../clock";
import { ALPINE_TOOLS, BUSYBOX_TOOLS, DEBIAN_TOOLS, NO_TOOLS, exits, image, type ImageData } from "./catalogue/common";
import type { HttpRoute, LogLine, PortSpec, ProgramPlan } from "./types";

const QUANTITY_UNITS: Record<string, number> = {
  "": 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
};

/** "64Mi", "1Gi", "100M", "512" → bytes; undefined when not a quantity. */
export function parseBytes(text: string | number): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) && text >= 0 ? Math.round(text) : undefined;
  const m = /^(\d+(?:\.\d+)?)([kKMGT]i?|)$/.exec(text.trim());
  const unit = m ? QUANTITY_UNITS[m[2]!] : undefined;
  return m && unit !== undefined ? Math.round(parseFloat(m[1]!) * unit) : undefined;
}

/** A duration: "10s", "1m30s", "500ms", or a number of seconds. */
const duration = z.union([z.number().nonnegative(), z.string()])
  .refine((v) => typeof v === "number" || parseDuration(v) !== undefined, { message: 'expected a duration such as "10s" or "2m"' })
  .describe('Seconds, or a duration such as "10s", "1m30s", "500ms"');
const bytes = z.union([z.number().nonnegative(), z.string()])
  .refine((v) => parseBytes(v) !== undefined, { message: 'expected a quantity such as "64Mi" or "1Gi"' })
  .describe('Bytes, or a quantity such as "64Mi", "1Gi", "100M"');
const toMs = (v: number | string): number => (typeof v === "number" ? Math.round(v * 1000) : parseDuration(v)!);

const httpPath = z.union([
  z.number().int().min(100).max(599).describe("Always answers this status"),
  z.object({
    status: z.number().int().min(100).max(599).default(200),
    body: z.string().optional(),
    from: duration.optional().describe("Answers only from this uptime; before it, `beforeStatus`"),
    beforeStatus: z.number().int().min(100).max(599).default(503),
    failAfter: duration.optional().describe("From this uptime on, answers `failStatus` (a health check that starts failing)"),
    failStatus: z.number().int().min(100).max(599).default(500),
  }),
]);

export const customImageSchema = z.object({
  name: z.string().min(1).describe('The reference students use, e.g. "example/app:1.0" (tag defaults to latest)'),
  base: z.enum(["alpine", "busybox", "debian", "ubuntu", "scratch"]).default("alpine")
    .describe("Which shell and tools the image has (scratch: none, so no `kubectl exec … sh`)"),
  command: z.array(z.string()).default(["/app"]).describe("The image's CMD, as `docker inspect` shows it"),
  env: z.record(z.string(), z.string()).default({}).describe("The image's ENV"),
  ports: z.array(z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d+(\/(tcp|udp))?$/)])).default([])
    .describe('Ports the app listens on: 8080 or "53/udp"'),
  readyAfter: duration.default(0).describe("The app listens (TCP and HTTP) from this uptime"),
  crashAfter: duration.optional().describe("The app exits by itself at this uptime…"),
  exitCode: z.number().int().min(0).max(255).default(1).describe("…with this exit code (0: it completes)"),
  http: z.record(z.string(), httpPath).default({}).describe('Paths answered, e.g. { "/": 200, "/healthz": { failAfter: "30s" } }; others 404'),
  logs: z.array(z.union([z.string(), z.object({ after: duration, line: z.string(), stream: z.enum(["stdout", "stderr"]).default("stdout") })]))
    .default([]).describe("Lines logged at start (strings) or at an uptime"),
  requiredEnv: z.object({
    names: z.array(z.string()).min(1).describe("The app exits at start when one of these is unset or empty"),
    log: z.string().describe("…printing this (stderr)…"),
    exitCode: z.number().int().min(0).max(255).default(1),
  }).optional(),
  memory: z.union([bytes, z.object({ start: bytes, growPerSecond: bytes })]).optional()
    .describe("Memory in use (for OOMKilled: the container is killed with 137 once it exceeds its limit)"),
  ignoresSigterm: z.boolean().default(false).describe("PID 1 without handler: stops only when killed after the grace period (137)"),
  stopTime: duration.default(0).describe("How long a graceful stop takes"),
  files: z.record(z.string(), z.string()).default({}).describe("Files in the image (absolute paths)"),
});

export type CustomImage = z.output<typeof customImageSchema>;
export type CustomImageInput = z.input<typeof customImageSchema>;

function ports(list: CustomImage["ports"]): PortSpec[] {
  return list.map((p) => {
    const [n, proto] = String(p).split("/");
    return { port: Number(n), protocol: proto === "udp" ? "udp" : "tcp" };
  });
}

function routes(http: CustomImage["http"]): HttpRoute[] {
  const out: HttpRoute[] = [];
  for (const path of Object.keys(http).sort()) {
    const spec = http[path]!;
    if (typeof spec === "number") {
      out.push({ path, status: spec });
      continue;
    }
    const from = spec.from === undefined ? 0 : toMs(spec.from);
    const until = spec.failAfter === undefined ? undefined : toMs(spec.failAfter);
    if (from > 0) out.push({ path, status: spec.beforeStatus, untilMs: from });
    out.push({ path, status: spec.status, ...(spec.body !== undefined ? { body: spec.body } : {}), fromMs: from, ...(until !== undefined ? { untilMs: until } : {}) });
    if (until !== undefined) out.push({ path, status: spec.failStatus, fromMs: until });
  }
  return out;
}

function plan(c: CustomImage): ProgramPlan {
  const logs: LogLine[] = c.logs.map((l) => (typeof l === "string" ? { atMs: 0, stream: "stdout", text: l }
    : { atMs: toMs(l.after), stream: l.stream, text: l.line }));
  const p: ProgramPlan = {
    match: [],
    logs,
    listen: { ports: ports(c.ports), afterMs: toMs(c.readyAfter) },
    http: { routes: routes(c.http), notFound: { status: 404, body: "404 page not found\n" } },
    signals: c.ignoresSigterm ? {} : { SIGTERM: exits(0, toMs(c.stopTime)), SIGINT: exits(0, toMs(c.stopTime)) },
  };
  if (c.crashAfter !== undefined) p.exit = { afterMs: toMs(c.crashAfter), exitCode: c.exitCode };
  if (c.requiredEnv) {
    p.exitRules = c.requiredEnv.names.map((name) => ({ when: { kind: "envMissing" as const, anyOf: [name] },
      exitCode: c.requiredEnv!.exitCode, logs: c.requiredEnv!.log.split("\n").map((text) => ({ stream: "stderr" as const, text })) }));
  }
  if (c.memory !== undefined) {
    p.memory = typeof c.memory === "object"
      ? { bytes: parseBytes(c.memory.start)!, growBytesPerSecond: parseBytes(c.memory.growPerSecond)! }
      : { bytes: parseBytes(c.memory)! };
  }
  return p;
}

const BASE_TOOLS = { alpine: ALPINE_TOOLS, busybox: BUSYBOX_TOOLS, debian: DEBIAN_TOOLS, ubuntu: DEBIAN_TOOLS, scratch: NO_TOOLS };

/** The image data of a custom image (its reference is filled in by resolveImage). */
export function customImageData(c: CustomImage, tag: string | undefined): ImageData {
  return image({
    version: tag ?? "latest",
    cmd: c.command,
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ...c.env },
    exposedPorts: ports(c.ports),
    tools: BASE_TOOLS[c.base],
    files: c.files,
    programs: [plan(c)],
  });
}
