// What a task's container does once started, as far as swarm can see: the image can't be had
// (task Rejected "No such image: …"), the program exits (with its code, after some time), or it
// keeps running. A thin local reading of the image catalogue's facts; the full process model
// (logs, probes) lives in src/sim/runtime.

import { customImageSchema, type CustomImage } from "../../images/custom";
import { swarmNoSuchImage } from "../../images/pull-messages";
import { resolveImage } from "../../images/resolve";
import type { ImageFacts } from "../../images/types";
import type { World } from "../../world";
import type { ServiceSpec } from "./types";

export type TaskStart =
  | { ok: false; err: string }
  | { ok: true; exit?: { afterMs: number; code: number } };

const customCache = new WeakMap<object, CustomImage[]>();
export function customImages(world: World): CustomImage[] {
  let out = customCache.get(world.config);
  if (!out) {
    out = [];
    for (const raw of (world.config.images as unknown[] | undefined) ?? []) {
      const r = customImageSchema.safeParse(raw);
      if (r.success) out.push(r.data);
    }
    customCache.set(world.config, out);
  }
  return out;
}

export function imageFacts(world: World, image: string): ImageFacts | undefined {
  const r = resolveImage(image, customImages(world));
  return r.ok ? r.image : undefined;
}

const base = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

/** The argv a task runs: --entrypoint/COMMAND replace ENTRYPOINT, ARGS replace CMD. */
export function taskArgv(spec: ServiceSpec, img: ImageFacts): string[] {
  const entry = spec.command.length ? spec.command : img.entrypoint;
  const cmd = spec.args.length ? spec.args : spec.command.length ? [] : img.cmd;
  return [...entry, ...cmd];
}

function envOf(spec: ServiceSpec, img: ImageFacts): Record<string, string> {
  const env: Record<string, string> = { ...img.env };
  for (const e of spec.env) {
    const i = e.indexOf("=");
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  return env;
}

/** How long a shell-style command runs: undefined = forever. */
function simpleCommand(argv: string[]): { afterMs: number; code: number } | undefined {
  const [cmd0, ...rest] = argv;
  if (!cmd0) return { afterMs: 0, code: 0 };
  const name = base(cmd0);
  if (["sh", "bash", "ash", "dash"].includes(name)) {
    const c = rest.indexOf("-c");
    if (c < 0) return { afterMs: 0, code: 0 }; // no TTY: reads EOF and exits
    const script = rest[c + 1] ?? "";
    if (/while\s+(true|:)|tail\s+-f|sleep\s+infinity|nginx|httpd|-g\s+'?daemon off/.test(script)) return undefined;
    const sleep = /sleep\s+(\d+)/.exec(script);
    if (/exit\s+([1-9]\d*)/.test(script)) return { afterMs: sleep ? Number(sleep[1]) * 1000 : 0, code: Number(/exit\s+(\d+)/.exec(script)![1]) };
    return { afterMs: sleep ? Number(sleep[1]) * 1000 : 0, code: 0 };
  }
  if (name === "sleep") {
    const arg = rest[0] ?? "";
    if (arg === "infinity") return undefined;
    const n = /^(\d+)(s|m|h|d)?$/.exec(arg);
    if (!n) return { afterMs: 0, code: 1 };
    const mult = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(n[2] ?? "s") as "s"];
    return { afterMs: Number(n[1]) * mult, code: 0 };
  }
  if (["echo", "true", "date", "ls", "env", "printenv", "hostname", "cat", "uname", "whoami", "id", "pwd"].includes(name)) {
    return name === "cat" && rest.length === 0 ? { afterMs: 0, code: 0 } : { afterMs: 0, code: 0 };
  }
  if (name === "false") return { afterMs: 0, code: 1 };
  if (name === "ping" && rest.includes("-c")) return { afterMs: 1000 * Number(rest[rest.indexOf("-c") + 1] ?? 1), code: 0 };
  return undefined;
}

/** Starts a task's container on a node (virtually): the outcome swarm observes. */
export function startTask(world: World, spec: ServiceSpec): TaskStart {
  const img = imageFacts(world, spec.image);
  if (!img) return { ok: false, err: swarmNoSuchImage(spec.image) };
  const argv = taskArgv(spec, img);
  const env = envOf(spec, img);
  const names = argv.map(base);
  const plan = img.programs.find((p) => p.match.length > 0 && names.includes(base(p.match[0]!)));
  if (plan) {
    for (const rule of plan.exitRules ?? []) {
      const w = rule.when;
      let hit = false;
      if (w.kind === "always") hit = true;
      else if (w.kind === "replWithoutTty") hit = true;
      else if (w.kind === "envMissing") hit = !w.anyOf.some((n) => (n.includes("=") ? `${n.split("=")[0]}=${env[n.split("=")[0]!] ?? ""}` === n : !!env[n]));
      else if (w.kind === "envConflict") hit = !!env[w.names[0]] && !!env[w.names[1]];
      else if (w.kind === "envEquals") hit = env[w.name] === w.value;
      if (hit) return { ok: true, exit: { afterMs: rule.afterMs ?? 0, code: rule.exitCode } };
    }
    return { ok: true };
  }
  const exit = simpleCommand(argv);
  return exit ? { ok: true, exit } : { ok: true };
}
