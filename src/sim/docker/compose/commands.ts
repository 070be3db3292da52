// `docker compose …` (Compose v2 plugin): resolves the project (-f/--file, -p/--project-name,
// COMPOSE_PROJECT_NAME, top-level `name:`, the directory name), loads it with compose-go's
// rules (load.ts) and runs the operation on the local engine (project.ts). Handlers are only
// registered for the command paths the captured CLI spec has (the compose plugin's spec).
//
// Timeline events: see ../engine/ops.ts (containers, networks, volumes, images).

import type { Cli, Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { ociExecFailed } from "../../runtime";
import { containerLogs, ensureImage } from "../engine/ops";
import { dockerPullErrorMessage } from "../../images";
import { renderTable } from "../../cli/format/tabwriter";
import { dockerAgo } from "../../cli/format/duration";
import { engineHost } from "../engine/state";
import { execAndWait } from "../engine/exec-wait";
import { startContainer, stopContainer, removeContainer } from "../engine/ops";
import { parseDotEnv } from "./interpolate";
import { loadCompose, type SourceFile } from "./load";
import { printComposeConfig } from "./print";
import { composePort, composePortArgsError, composePs } from "./ps-port";
import { composeRun } from "./run";
import {
  composeDown, composeUp, errInvalidProjectName, LABEL_CONFIG_FILES, LABEL_NUMBER, LABEL_PROJECT, LABEL_SERVICE, normalizeProjectName,
  PROJECT_NAME_RE, projectContainers, renderProgress, renderPullProgress, type Project, type ProgressLine,
} from "./project";

export const DEFAULT_COMPOSE_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
export const ERR_NO_CONFIG = "no configuration file provided: not found";

const out = (stdout: string, stderr = "", exitCode = 0): ExecResult => ({ exitCode, stdout, stderr });
const err = (msg: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: msg.endsWith("\n") ? msg : msg + "\n" });

const flagList = (inv: Invocation, name: string) => (inv.spec.flags.some((f) => f.name === name) ? inv.flags.list(name) : []);
const flagStr = (inv: Invocation, name: string) => (inv.spec.flags.some((f) => f.name === name) || inv.flags.changed(name) ? inv.flags.str(name) : "");
const flagBool = (inv: Invocation, name: string) => (inv.spec.flags.some((f) => f.name === name) ? inv.flags.bool(name) : false);

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
  return { ok: true, project: { name, model: loaded.model, configFiles: files.map((f) => f.path), workingDir: dir }, warnings: loaded.warnings };
}

type Op = (ctx: ProgramContext, inv: Invocation, p: Project) => ExecResult;

function withProject(op: Op) {
  return (ctx: ProgramContext, inv: Invocation): ExecResult => {
    const r = resolveProject(ctx, inv);
    if (!r.ok) return r.result;
    const res = op(ctx, inv, r.project);
    const warn = r.warnings.map((w) => `WARN[0000] ${w}\n`).join("");
    return { ...res, stderr: warn + res.stderr };
  };
}

function parseScale(specs: string[]): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const s of specs) {
    const m = /^([^=]+)=(\d+)$/.exec(s);
    if (!m) return `invalid scale specifier: ${s}`;
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

const up: Op = (ctx, inv, p) => {
  const scale = parseScale(flagList(inv, "scale"));
  if (typeof scale === "string") return err(scale);
  const profiles = [...flagList(inv, "profile"), ...(ctx.env.COMPOSE_PROFILES ? ctx.env.COMPOSE_PROFILES.split(",") : [])];
  return composeUp(ctx.world, ctx.host.name, p, {
    services: inv.args, scale, profiles, removeOrphans: flagBool(inv, "remove-orphans"), forceRecreate: flagBool(inv, "force-recreate"), fs: ctx.host.fs, build: flagBool(inv, "build"),
  });
};

const down: Op = (ctx, inv, p) => composeDown(ctx.world, ctx.host.name, p, { volumes: flagBool(inv, "volumes"), removeOrphans: flagBool(inv, "remove-orphans") });

export function quoteCommand(cmd: string[]): string {
  const s = cmd.join(" ");
  return `"${s.length > 20 ? s.slice(0, 19) + "…" : s}"`;
}

export function containerStatus(c: { status: string; startedAt?: number; finishedAt?: number; exitCode: number; created: number; health?: { status: string } }, now: number): string {
  if (c.status === "running") {
    const h = c.health ? (c.health.status === "starting" ? " (health: starting)" : ` (${c.health.status})`) : "";
    return `Up ${dockerAgo(now - (c.startedAt ?? now)).replace(/ ago$/, "")}${h}`;
  }
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

function lifecycle(action: "stop" | "start" | "restart" | "rm"): Op {
  return (ctx, inv, p) => {
    const lines: ProgressLine[] = [];
    let list = projectContainers(ctx.world, ctx.host.name, p.name).filter((c) => !inv.args.length || inv.args.includes(c.labels[LABEL_SERVICE]!));
    list = list.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const c of list) {
      if (action === "stop" || action === "restart") {
        if (c.status === "running") stopContainer(ctx.world, ctx.host.name, c);
        if (action === "stop") lines.push({ kind: "Container", name: c.name, status: "Stopped" });
      }
      if (action === "start" || action === "restart") {
        const e = startContainer(ctx.world, ctx.host.name, c);
        if (e) return err(renderProgress("Running", lines) + e);
        lines.push({ kind: "Container", name: c.name, status: action === "start" ? "Started" : "Started" });
      }
      if (action === "rm") {
        if (c.status === "running") continue;
        removeContainer(ctx.world, ctx.host.name, c);
        lines.push({ kind: "Container", name: c.name, status: "Removed" });
      }
    }
    if (action === "rm" && !lines.length) return out("", "No stopped containers\n");
    return out("", renderProgress(action === "restart" ? "Restarting" : "Running", lines));
  };
}

/**
 * compose's getContainerNameWithoutProject: `web-1` for `myapp-web-1`; a `container_name:`
 * (anything but the default name) is kept whole.
 */
function logName(c: { name: string; labels: Record<string, string> }, project: string): string {
  const dflt = `${project}-${c.labels[LABEL_SERVICE]}-${c.labels[LABEL_NUMBER]}`;
  return c.name === dflt ? c.name.slice(project.length + 1) : c.name;
}

/** `docker compose logs`: `name  | line`, names (without the project) padded to the longest. */
const logs: Op = (ctx, inv, p) => {
  const list = projectContainers(ctx.world, ctx.host.name, p.name).filter((c) => !inv.args.length || inv.args.includes(c.labels[LABEL_SERVICE]!));
  const names = new Map(list.map((c) => [c, logName(c, p.name)]));
  const width = Math.max(0, ...[...names.values()].map((n) => n.length));
  const entries = list.flatMap((c) => containerLogs(c).filter((l) => l.time <= ctx.world.now).map((l) => ({ ...l, name: names.get(c)! })));
  entries.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : 1));
  const noPrefix = flagBool(inv, "no-log-prefix");
  return out(entries.map((e) => (noPrefix ? e.text : `${e.name.padEnd(width)}  | ${e.text}`) + "\n").join(""));
};

const config: Op = (ctx, inv, p) => {
  if (flagBool(inv, "services")) return out(p.model.services.map((s) => s.name).sort().map((s) => s + "\n").join(""));
  if (flagBool(inv, "volumes")) return out(Object.keys(p.model.volumes).sort().map((s) => s + "\n").join(""));
  return out(printComposeConfig(p));
};

/** `docker compose pull [SERVICE…]`: every service with an image (build-only ones are skipped). */
const pull: Op = (ctx, inv, p) => {
  const lines: ProgressLine[] = [];
  let failure = "";
  const services = p.model.services.filter((s) => !inv.args.length || inv.args.includes(s.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const s of services) {
    if (!s.image) continue;
    const r = ensureImage(ctx.world, ctx.host.name, s.image, { always: true });
    if (r.ok) lines.push({ kind: s.name, name: "", status: "Pulled" });
    else {
      const msg = r.ref ? dockerPullErrorMessage(r.ref as never, r.reason as never) : r.message;
      lines.push({ kind: s.name, name: "", status: `Error ${msg}`, error: true });
      failure ||= `Error response from daemon: ${msg}\n`;
    }
  }
  return { exitCode: failure ? 1 : 0, stdout: "", stderr: renderPullProgress(lines) + failure };
};

/** `docker compose exec SERVICE CMD…`: runs in the service's container (--index, default 1). */
const exec: Op = (ctx, inv, p) => {
  const [service, ...argv] = inv.args;
  if (!service || argv.length === 0) return err("requires at least 2 arguments");
  if (!p.model.services.some((s) => s.name === service)) return err(`no such service: ${service}`);
  const index = inv.flags.changed("index") ? inv.flags.str("index") : "1";
  const c = projectContainers(ctx.world, ctx.host.name, p.name).find((x) => x.labels[LABEL_SERVICE] === service && x.labels[LABEL_NUMBER] === index);
  if (!c || c.status !== "running" || !c.process) return err(`service "${service}" is not running`);
  // Compose waits for the command as docker exec does: the clock moves by the time it took.
  const r = execAndWait(ctx.world, c.process, argv, { ...(inv.flags.str("workdir") ? { workingDir: inv.flags.str("workdir") } : {}) });
  if (r.error) return { exitCode: r.error.includes("not found") || r.error.includes("no such file") ? 127 : 126, stdout: "", stderr: ociExecFailed(r.error) + "\n" };
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
};

export const COMPOSE_HANDLERS: Record<string, { run: (ctx: ProgramContext, inv: Invocation) => ExecResult; max?: number; interspersed?: boolean }> = {
  "docker compose up": { run: withProject(up) },
  "docker compose down": { run: withProject(down) },
  "docker compose ps": { run: withProject(composePs) },
  "docker compose port": { run: (ctx, inv) => composePortArgsError(inv) ?? withProject(composePort)(ctx, inv) },
  "docker compose ls": { run: ls, max: 0 },
  "docker compose stop": { run: withProject(lifecycle("stop")) },
  "docker compose start": { run: withProject(lifecycle("start")) },
  "docker compose restart": { run: withProject(lifecycle("restart")) },
  "docker compose rm": { run: withProject(lifecycle("rm")) },
  "docker compose logs": { run: withProject(logs) },
  "docker compose config": { run: withProject(config) },
  "docker compose pull": { run: withProject(pull) },
  "docker compose exec": { run: withProject(exec), interspersed: false },
  "docker compose run": { run: withProject(composeRun), interspersed: false },
};

/** Registers every compose handler whose command the CLI spec knows. */
export function registerComposeCommands<C extends ProgramContext>(cli: Cli<C>): void {
  for (const [path, h] of Object.entries(COMPOSE_HANDLERS)) {
    if (!cli.spec.commands[path]) continue;
    cli.handle(path, { args: h.max !== undefined ? { max: h.max } : undefined, run: h.run, ...(h.interspersed === false ? { interspersed: false } : {}) });
  }
}
