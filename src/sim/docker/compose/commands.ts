// `docker compose …` (Compose v2 plugin): resolves the project (-f/--file, -p/--project-name,
// COMPOSE_PROJECT_NAME, top-level `name:`, the directory name), loads it with compose-go's
// rules (load.ts) and runs the operation on the local engine (project.ts). Handlers are only
// registered for the command paths the captured CLI spec has (the compose plugin's spec).
//
// Timeline events: see ../engine/ops.ts (containers, networks, volumes, images).

import type { Cli, Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { ociExecFailed } from "../../runtime";
import { ensureImage } from "../engine/ops";
import { dockerPullErrorMessage } from "../../images";
import { renderTable } from "../../cli/format/tabwriter";
import { dockerAgo } from "../../cli/format/duration";
import { engineHost } from "../engine/state";
import { execAndWait } from "../engine/exec-wait";
import { parseDotEnv } from "./interpolate";
import { loadCompose, type SourceFile } from "./load";
import { printComposeConfig } from "./print";
import { composePort, composePortArgsError, composePs } from "./ps-port";
import { composeRun } from "./run";
import { attachUp, logMarks } from "./up-attached";
import { err, flagBool, flagList, flagStr, out, type Op } from "./cli-util";
import { goAtoi, lifecycle, logs, rm, scale, version } from "./lifecycle";
import { build, create, events, kill, pausing } from "./control";
import {
  activeServices, composeDown, composeUp, errInvalidProjectName, LABEL_CONFIG_FILES, LABEL_NUMBER, LABEL_PROJECT, LABEL_SERVICE, normalizeProjectName,
  PROJECT_NAME_RE, projectContainers, renderPullProgress, serviceImage, type Project, type ProgressLine,
} from "./project";

export const DEFAULT_COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
export const ERR_NO_CONFIG = "no configuration file provided: not found";

/** Loads the project the flags and working directory describe. */
export function resolveProject(ctx: ProgramContext, inv: Invocation): { ok: true; project: Project; warnings: string[] } | { ok: false; result: ExecResult } {
  const fs = ctx.host.fs;
  let paths = flagList(inv, "file");
  if (!paths.length && ctx.env.COMPOSE_FILE) paths = ctx.env.COMPOSE_FILE.split(":");
  if (!paths.length) {
    const found = DEFAULT_COMPOSE_FILES.find((f) => fs.read(f) !== undefined);
    if (!found) return { ok: false, result: err(ERR_NO_CONFIG) };
    paths = [found];
  }
  const files: SourceFile[] = [];
  for (const p of paths) {
    const text = p === "-" ? ctx.stdin : fs.read(p);
    if (text === undefined) return { ok: false, result: err(`open ${fs.resolve(p)}: no such file or directory`) };
    files.push({ path: p === "-" ? `${fs.cwd}/-` : fs.resolve(p), text });
  }
  const dir = files[0]!.path.slice(0, files[0]!.path.lastIndexOf("/")) || "/";
  const dotenv = parseDotEnv(fs.read(`${dir}/.env`) ?? "");
  const env: Record<string, string | undefined> = { ...dotenv, ...ctx.env };
  const loaded = loadCompose(files, env, { readFile: (p) => fs.read(p) });
  const warn = loaded.warnings.map((w) => `WARN[0000] ${w}\n`).join("");
  if (!loaded.ok) return { ok: false, result: { exitCode: 1, stdout: "", stderr: warn + loaded.error + "\n" } };
  const explicit = flagStr(inv, "project-name");
  let name: string;
  if (explicit) {
    if (!PROJECT_NAME_RE.test(explicit)) return { ok: false, result: err(errInvalidProjectName(explicit)) };
    name = explicit;
  } else if (env.COMPOSE_PROJECT_NAME) name = normalizeProjectName(env.COMPOSE_PROJECT_NAME);
  else if (typeof loaded.model.raw.name === "string") name = normalizeProjectName(loaded.model.raw.name);
  else name = normalizeProjectName(dir.slice(dir.lastIndexOf("/") + 1));
  return { ok: true, project: { name, model: loaded.model, configFiles: files.map((f) => f.path), workingDir: dir, environment: env }, warnings: loaded.warnings };
}

function withProject(op: Op) {
  return (ctx: ProgramContext, inv: Invocation): ExecResult => {
    const r = resolveProject(ctx, inv);
    if (!r.ok) return r.result;
    const res = op(ctx, inv, r.project);
    const warn = r.warnings.map((w) => `WARN[0000] ${w}\n`).join("");
    return { ...res, stderr: warn + res.stderr, ...(res.combined !== undefined ? { combined: warn + res.combined } : {}) };
  };
}

/** up's applyScale: `--scale SERVICE=NUM` (strings.Split on "=", then strconv.Atoi). */
function parseUpScale(specs: string[]): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const s of specs) {
    const split = s.split("=");
    if (split.length !== 2) return `invalid --scale option ${JSON.stringify(s)}. Should be SERVICE=NUM`;
    const n = goAtoi(split[1]!);
    if (typeof n === "string") return n;
    out[split[0]!] = n;
  }
  return out;
}

/** cmd/compose/up.go's validateFlags (Compose v2.3x), in its order. */
function upFlagsError(inv: Invocation): string | undefined {
  const b = (f: string) => flagBool(inv, f);
  const cascadeFail = b("abort-on-container-failure");
  const cascadeStop = b("abort-on-container-exit") || (!!flagStr(inv, "exit-code-from") && !cascadeFail);
  const attach = flagList(inv, "attach").length > 0;
  if (cascadeStop && cascadeFail) return "--abort-on-container-failure cannot be combined with --abort-on-container-exit";
  if (b("wait") && (b("attach-dependencies") || cascadeStop || attach)) return "--wait cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies";
  if (b("build") && b("no-build")) return "--build and --no-build are incompatible";
  if ((b("detach") || b("wait")) && (b("attach-dependencies") || cascadeStop || cascadeFail || attach || b("watch"))) {
    return "--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, --attach, --attach-dependencies or --watch";
  }
  if (b("force-recreate") && b("no-recreate")) return "--force-recreate and --no-recreate are incompatible";
  if (b("always-recreate-deps") && b("no-recreate")) return "--always-recreate-deps and --no-recreate are incompatible";
  if (b("no-build") && b("watch")) return "--no-build and --watch are incompatible";
  return undefined;
}

const up: Op = (ctx, inv, p) => {
  const bad = upFlagsError(inv);
  if (bad) return err(bad);
  const scale = parseUpScale(flagList(inv, "scale"));
  if (typeof scale === "string") return err(scale);
  const profiles = [...flagList(inv, "profile"), ...(ctx.env.COMPOSE_PROFILES ? ctx.env.COMPOSE_PROFILES.split(",") : [])];
  // --wait implies detached mode; --no-start creates only, attached to nothing.
  const attached = !flagBool(inv, "detach") && !flagBool(inv, "wait") && !flagBool(inv, "no-start");
  const exitCodeFrom = flagStr(inv, "exit-code-from");
  if (exitCodeFrom && !p.model.services.some((s) => s.name === exitCodeFrom)) return err(`no such service: ${exitCodeFrom}`);
  let attachTo: string[] = [];
  if (attached) {
    const active = activeServices(p, profiles, inv.args).map((s) => s.name);
    const explicit = flagList(inv, "attach");
    const unknown = explicit.filter((s) => !active.includes(s));
    if (unknown.length) return err(`cannot attach to services not included in up: ${[...new Set(unknown)].join(", ")}`);
    // The services named (all when none), their dependencies with --attach-dependencies, minus
    // those whose compose `attach: false` opts out, minus --no-attach.
    const named = inv.args.length ? inv.args : active;
    const withDeps = flagBool(inv, "attach-dependencies") ? dependencyClosure(p, named) : named;
    attachTo = explicit.length ? explicit : withDeps.filter((n) => p.model.services.find((s) => s.name === n)?.raw.attach !== false);
    attachTo = attachTo.filter((n) => !flagList(inv, "no-attach").includes(n));
  }
  const marks = logMarks(ctx.world, ctx.host.name, p.name);
  const res = composeUp(ctx.world, ctx.host.name, p, {
    services: inv.args, scale, profiles, removeOrphans: flagBool(inv, "remove-orphans"), forceRecreate: flagBool(inv, "force-recreate"), fs: ctx.host.fs, build: flagBool(inv, "build"),
    attached, noStart: flagBool(inv, "no-start"), noRecreate: flagBool(inv, "no-recreate"), renewAnonVolumes: flagBool(inv, "renew-anon-volumes"), pull: flagStr(inv, "pull"),
    wait: flagBool(inv, "wait") && !flagBool(inv, "no-start"), ...(flagStr(inv, "wait-timeout") ? { waitTimeoutS: Number(flagStr(inv, "wait-timeout")) } : {}),
  });
  if (res.exitCode !== 0 || !attached) return res;
  const cascade = flagBool(inv, "abort-on-container-failure") ? "failure" : flagBool(inv, "abort-on-container-exit") || exitCodeFrom ? "exit" : "none";
  return attachUp(ctx.world, ctx.host.name, p, marks, res, {
    attachTo, noLogPrefix: flagBool(inv, "no-log-prefix"), timestamps: flagBool(inv, "timestamps"), cascade, ...(exitCodeFrom ? { exitCodeFrom } : {}),
  });
};

/** The services and, transitively, what they depend on. */
function dependencyClosure(p: Project, names: string[]): string[] {
  const out = new Set<string>();
  const add = (n: string) => {
    if (out.has(n)) return;
    out.add(n);
    for (const d of Object.keys(p.model.services.find((s) => s.name === n)?.dependsOn ?? {})) add(d);
  };
  names.forEach(add);
  return [...out];
}

const down: Op = (ctx, inv, p) => {
  const rmi = flagStr(inv, "rmi");
  if (rmi && rmi !== "all" && rmi !== "local") return err(`invalid value for --rmi: ${JSON.stringify(rmi)}`);
  return composeDown(ctx.world, ctx.host.name, p, { volumes: flagBool(inv, "volumes"), removeOrphans: flagBool(inv, "remove-orphans"), ...(rmi ? { rmi: rmi as "all" | "local" } : {}) });
};

/** moby's container list Command: the path, then each argument, quoted '…' when it holds blanks. */
export function listedCommand(cmd: string[]): string {
  const [path = "", ...args] = cmd;
  return args.length ? `${path} ${args.map((a) => (/[ \t\n]/.test(a) ? `'${a}'` : a)).join(" ")}` : path;
}

/** The COMMAND column: the listed command, Ellipsis'd to 20 and quoted. */
export function quoteCommand(cmd: string[]): string {
  const s = listedCommand(cmd);
  return `"${s.length > 20 ? s.slice(0, 19) + "…" : s}"`;
}

export function containerStatus(c: { status: string; startedAt?: number; finishedAt?: number; exitCode: number; created: number; health?: { status: string } }, now: number): string {
  if (c.status === "running") {
    const h = c.health ? (c.health.status === "starting" ? " (health: starting)" : ` (${c.health.status})`) : "";
    return `Up ${dockerAgo(now - (c.startedAt ?? now)).replace(/ ago$/, "")}${h}`;
  }
  if (c.status === "paused") return `Up ${dockerAgo(now - (c.startedAt ?? now)).replace(/ ago$/, "")} (Paused)`;
  if (c.status === "exited") return `Exited (${c.exitCode}) ${dockerAgo(now - (c.finishedAt ?? now))}`;
  if (c.status === "restarting") return `Restarting (${c.exitCode}) ${dockerAgo(now - (c.finishedAt ?? now))}`;
  return c.status === "created" ? "Created" : c.status;
}

/** `docker compose ls`: NAME STATUS CONFIG FILES, from the containers' labels. */
function ls(ctx: ProgramContext, inv: Invocation): ExecResult {
  const h = engineHost(ctx.world, ctx.host.name);
  const projects = new Map<string, { states: Map<string, number>; files: string }>();
  for (const c of h.containers) {
    const name = c.labels[LABEL_PROJECT];
    if (!name) continue;
    const e = projects.get(name) ?? { states: new Map(), files: c.labels[LABEL_CONFIG_FILES] ?? "" };
    e.states.set(c.status, (e.states.get(c.status) ?? 0) + 1);
    projects.set(name, e);
  }
  const all = flagBool(inv, "all");
  const rows = [["NAME", "STATUS", "CONFIG FILES"]];
  for (const name of [...projects.keys()].sort()) {
    const e = projects.get(name)!;
    if (!all && !e.states.get("running")) continue;
    const status = [...e.states.entries()].sort().map(([s, n]) => `${s}(${n})`).join(", ");
    rows.push([name, status, e.files]);
  }
  if (flagBool(inv, "quiet")) return out(rows.slice(1).map((r) => r[0] + "\n").join(""));
  return out(renderTable(rows));
}

/** `docker compose config` (cmd/compose/config.go's runConfig, in its order of flags). */
const config: Op = (ctx, inv, p) => {
  const lines = (xs: string[]) => out([...new Set(xs)].sort().map((s) => s + "\n").join(""));
  // -q validates only: the project loaded, nothing is printed.
  if (flagBool(inv, "quiet")) return out("");
  if (flagBool(inv, "services")) return lines(p.model.services.map((s) => s.name));
  if (flagBool(inv, "volumes")) return lines(Object.keys(p.model.volumes));
  if (flagBool(inv, "networks")) return lines([...Object.keys(p.model.networks), ...p.model.services.flatMap((s) => (s.raw.network_mode === undefined && !Object.keys(s.networks).length ? ["default"] : []))]);
  if (flagBool(inv, "profiles")) return lines(p.model.services.flatMap((s) => s.profiles));
  const profiles = [...flagList(inv, "profile"), ...(ctx.env.COMPOSE_PROFILES ? ctx.env.COMPOSE_PROFILES.split(",") : [])];
  const active = activeServices(p, profiles, inv.args);
  if (flagBool(inv, "images")) return lines(active.map((s) => serviceImage(p, s)));
  return out(printComposeConfig(p, active.map((s) => s.name)));
};

/** `docker compose pull [SERVICE…]`: every service with an image (build-only ones are skipped). */
const pull: Op = (ctx, inv, p) => {
  const skipped: ProgressLine[] = [];
  const lines: ProgressLine[] = [];
  let failure = "";
  const services = p.model.services.filter((s) => !inv.args.length || inv.args.includes(s.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  // pull.go: a service without an image, or whose image another service already pulls, is
  // skipped at once (those lines come first); the others pull concurrently.
  const pulling = new Map<string, string>();
  for (const s of services) {
    if (!s.image) {
      skipped.push({ kind: s.name, name: "", status: "Skipped - No image to be pulled" });
      continue;
    }
    const by = pulling.get(s.image);
    if (by) {
      skipped.push({ kind: s.name, name: "", status: `Skipped - Image is already being pulled by ${by}` });
      continue;
    }
    pulling.set(s.image, s.name);
    const r = ensureImage(ctx.world, ctx.host.name, s.image, { always: true });
    if (r.ok) lines.push({ kind: s.name, name: "", status: "Pulled" });
    else {
      const msg = r.ref ? dockerPullErrorMessage(r.ref as never, r.reason as never) : r.message;
      lines.push({ kind: s.name, name: "", status: `Error ${msg}`, error: true });
      failure ||= `Error response from daemon: ${msg}\n`;
    }
  }
  return { exitCode: failure ? 1 : 0, stdout: "", stderr: renderPullProgress([...skipped, ...lines]) + failure };
};

/** `docker compose exec SERVICE CMD…`: runs in the service's container (--index, default 1). */
const exec: Op = (ctx, inv, p) => {
  const [service, ...argv] = inv.args;
  // cobra.MinimumNArgs(2), printed by the plugin runner as it is.
  if (!service || argv.length === 0) return err(`requires at least 2 arg(s), only received ${inv.args.length}`);
  if (!p.model.services.some((s) => s.name === service)) return err(`no such service: ${service}`);
  // getSpecifiedContainer: the service's running containers (only number N with --index N),
  // lowest number first.
  const index = inv.flags.changed("index") ? Number(inv.flags.str("index")) : 0;
  const c = projectContainers(ctx.world, ctx.host.name, p.name)
    .filter((x) => x.labels[LABEL_SERVICE] === service && x.status === "running" && !!x.process && (index <= 0 || x.labels[LABEL_NUMBER] === String(index)))
    .sort((a, b) => Number(a.labels[LABEL_NUMBER]) - Number(b.labels[LABEL_NUMBER]))[0];
  if (!c) return err(index > 0 ? `service "${service}" is not running container #${index}` : `service "${service}" is not running`);
  // Compose waits for the command as docker exec does: the clock moves by the time it took.
  const r = execAndWait(ctx.world, c.process!, argv, { ...(inv.flags.str("workdir") ? { workingDir: inv.flags.str("workdir") } : {}) });
  if (r.error) return { exitCode: r.error.includes("not found") || r.error.includes("no such file") ? 127 : 126, stdout: "", stderr: ociExecFailed(r.error) + "\n" };
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
};

export const COMPOSE_HANDLERS: Record<string, { run: (ctx: ProgramContext, inv: Invocation) => ExecResult; max?: number; interspersed?: boolean }> = {
  "docker compose up": { run: withProject(up) },
  "docker compose down": { run: withProject(down) },
  "docker compose ps": { run: withProject(composePs) },
  "docker compose port": { run: (ctx, inv) => composePortArgsError(inv) ?? withProject(composePort)(ctx, inv) },
  "docker compose ls": { run: ls, max: 0 },
  "docker compose scale": { run: withProject(scale) },
  "docker compose version": { run: version, max: 0 },
  "docker compose stop": { run: withProject(lifecycle("stop")) },
  "docker compose start": { run: withProject(lifecycle("start")) },
  "docker compose restart": { run: withProject(lifecycle("restart")) },
  "docker compose rm": { run: withProject(rm) },
  "docker compose logs": { run: withProject(logs) },
  "docker compose config": { run: withProject(config) },
  "docker compose pull": { run: withProject(pull) },
  "docker compose exec": { run: withProject(exec), interspersed: false },
  "docker compose run": { run: withProject(composeRun), interspersed: false },
  "docker compose kill": { run: withProject(kill) },
  "docker compose pause": { run: withProject(pausing("pause")) },
  "docker compose unpause": { run: withProject(pausing("unpause")) },
  "docker compose create": { run: withProject(create) },
  "docker compose events": { run: withProject(events) },
  "docker compose build": { run: withProject(build) },
};

/** Registers every compose handler whose command the CLI spec knows. */
export function registerComposeCommands<C extends ProgramContext>(cli: Cli<C>): void {
  for (const [path, h] of Object.entries(COMPOSE_HANDLERS)) {
    if (!cli.spec.commands[path]) continue;
    cli.handle(path, { args: h.max !== undefined ? { max: h.max } : undefined, run: h.run, ...(h.interspersed === false ? { interspersed: false } : {}) });
  }
}
