// `docker compose stop|start|restart|rm|logs|scale|version` (compose's stop.go, start.go,
// restart.go, remove.go, logs.go, scale.go): the commands that act on a project's existing
// containers, beside `up`/`down` (commands.ts, project.ts).

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { containerLogs, removeContainer, startContainer, stopContainer } from "../engine/ops";
import { rfc3339NanoFixed } from "../engine/logs";
import { ATTACHED_WAIT_CAP_MS } from "../engine/wait-cap";
import { err, flagBool, flagStr, out, type Op } from "./cli-util";
import { composeUp, LABEL_SERVICE, projectContainers, renderProgress, type ProgressLine, type Project } from "./project";
import { logName, stopOrder, stopProject } from "./up-attached";
import { dependencyOrder } from "./model";

export const daemonError = (e: string): string => (e.startsWith("Error response from daemon: ") ? e : `Error response from daemon: ${e}`);

/** The project's containers of the named services (all when none), in dependency order (dependencies first). */
function inDependencyOrder(ctx: ProgramContext, p: Project, services: string[]) {
  const list = projectContainers(ctx.world, ctx.host.name, p.name).filter((c) => !services.length || services.includes(c.labels[LABEL_SERVICE]!));
  return stopOrder(p, list).reverse();
}

/**
 * `docker compose stop|start|restart` (compose's stop.go, start.go, restart.go): stop goes
 * dependents first under `[+] Stopping` (a stopped container reads Stopped too); start goes
 * dependencies first under `[+] Running` and skips running containers; restart restarts each
 * under `[+] Restarting`, each line ending Started.
 */
export function lifecycle(action: "stop" | "start" | "restart"): Op {
  return (ctx, inv, p) => {
    if (action === "stop") return out("", stopProject(ctx.world, ctx.host.name, p, inv.args));
    const lines: ProgressLine[] = [];
    const title = action === "restart" ? "Restarting" : "Running";
    // start.go startService: start creates nothing — a service without a container (and not
    // scaled to 0) is an error, dependencies first.
    if (action === "start") {
      const have = new Set(projectContainers(ctx.world, ctx.host.name, p.name).map((c) => c.labels[LABEL_SERVICE]));
      const missing = dependencyOrder(p.model.services).find((s) => (!inv.args.length || inv.args.includes(s.name)) && !have.has(s.name) && s.deploy.replicas !== 0 && s.raw.scale !== 0);
      if (missing) return err(`service ${JSON.stringify(missing.name)} has no container to start`);
    }
    for (const c of inDependencyOrder(ctx, p, inv.args)) {
      if (action === "start" && c.status === "running") continue;
      if (action === "restart" && c.status === "running") stopContainer(ctx.world, ctx.host.name, c);
      const e = startContainer(ctx.world, ctx.host.name, c);
      if (e) {
        lines.push({ kind: "Container", name: c.name, status: "Error", error: true });
        return err(renderProgress(title, lines) + daemonError(e));
      }
      lines.push({ kind: "Container", name: c.name, status: "Started" });
    }
    return out("", renderProgress(title, lines));
  };
}

/**
 * `docker compose rm [-f] [-s] [-v] [SERVICE…]` (compose's remove.go): only stopped containers
 * (-s stops them first, under its own Stopping frame); `Going to remove a, b` is asked on stdout
 * and, without -f, answered from stdin as compose's Pipe prompt reads it (strconv.ParseBool of
 * the first word: y is no answer, true/1/t are yes; nothing typed is no).
 */
export const rm: Op = (ctx, inv, p) => {
  let stderr = "";
  if (flagBool(inv, "stop")) stderr += stopProject(ctx.world, ctx.host.name, p, inv.args);
  const list = projectContainers(ctx.world, ctx.host.name, p.name)
    .filter((c) => (!inv.args.length || inv.args.includes(c.labels[LABEL_SERVICE]!)) && c.status !== "running" && c.status !== "restarting");
  if (!list.length) return out("", stderr + "No stopped containers\n");
  const msg = `Going to remove ${list.map((c) => c.name).join(", ")}`;
  let stdout = msg;
  if (flagBool(inv, "force")) stdout += "\n";
  else if (!["1", "t", "true"].includes((ctx.stdin.trim().split(/\s+/)[0] ?? "").toLowerCase())) return out(stdout, stderr);
  const lines: ProgressLine[] = [];
  for (const c of list) {
    removeContainer(ctx.world, ctx.host.name, c, { volumes: flagBool(inv, "volumes") });
    lines.push({ kind: "Container", name: c.name, status: "Removed" });
  }
  return out(stdout, stderr + renderProgress("Removing", lines));
};

/**
 * `docker compose logs [SERVICE…]` (compose's logs.go, cmd/formatter/logs.go): each project
 * container's lines as `name | line`, names (without the project) padded to the longest plus
 * one; a container's stdout lines on stdout and its stderr lines on stderr. --tail counts per
 * container; -t puts the daemon's RFC3339Nano time before each line (after the prefix); -f
 * follows until the containers stop (a server never does: capped as `docker logs -f` is).
 */
export const logs: Op = (ctx, inv, p) => {
  for (const n of inv.args) if (!p.model.services.some((s) => s.name === n)) return err(`no such service: ${n}`);
  const list = projectContainers(ctx.world, ctx.host.name, p.name).filter((c) => !inv.args.length || inv.args.includes(c.labels[LABEL_SERVICE]!));
  if (flagBool(inv, "follow")) ctx.world.advanceUntil(() => list.every((c) => c.status !== "running" && c.status !== "restarting"), ATTACHED_WAIT_CAP_MS);
  const names = new Map(list.map((c) => [c, logName(c, p.name)]));
  const width = Math.max(0, ...[...names.values()].map((n) => n.length)) + 1;
  const tailRaw = flagStr(inv, "tail");
  const tail = /^\d+$/.test(tailRaw) ? Number(tailRaw) : undefined;
  const noPrefix = flagBool(inv, "no-log-prefix");
  const stamps = flagBool(inv, "timestamps");
  const entries = list.flatMap((c, order) => {
    let own = containerLogs(c).filter((l) => l.time <= ctx.world.now);
    if (tail !== undefined) own = tail === 0 ? [] : own.slice(-tail);
    const prefix = noPrefix ? "" : `${names.get(c)!.padEnd(width)} | `;
    return own.map((l, seq) => ({
      time: l.time, order, seq, stderr: l.stream === "stderr" && !c.tty,
      text: `${prefix}${stamps ? rfc3339NanoFixed(l.time) + " " : ""}${l.text}\n`,
    }));
  });
  entries.sort((a, b) => a.time - b.time || a.order - b.order || a.seq - b.seq);
  // Each line goes to its stream as it comes: `2>&1` keeps their order (combined).
  return { ...out(entries.filter((e) => !e.stderr).map((e) => e.text).join(""), entries.filter((e) => e.stderr).map((e) => e.text).join("")), combined: entries.map((e) => e.text).join("") };
};

/** scale's parseServicesReplicasArgs: `SERVICE=REPLICAS` (strings.Cut on the first "="). */
function parseScaleArgs(args: string[]): Record<string, number> | string {
  const out: Record<string, number> = {};
  for (const a of args) {
    const i = a.indexOf("=");
    if (i <= 0 || i === a.length - 1) return `invalid scale specifier: ${a}`;
    const n = goAtoi(a.slice(i + 1));
    if (typeof n === "string") return `invalid scale specifier: can't parse replica value as int: ${a}`;
    out[a.slice(0, i)] = n;
  }
  return out;
}

/** strconv.Atoi, with its error text. */
export function goAtoi(v: string): number | string {
  if (!/^[+-]?\d+$/.test(v)) return `strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`;
  return Number(v);
}

/**
 * `docker compose scale SERVICE=REPLICAS…` (compose v2.20+, scale.go): the services get the
 * scale asked, then create+start as `up -d` does under one `[+] Running` frame (their
 * dependencies too, unless --no-deps).
 */
export const scale: Op = (ctx, inv, p) => {
  const want = parseScaleArgs(inv.args);
  if (typeof want === "string") return err(want);
  for (const name of Object.keys(want)) if (!p.model.services.some((s) => s.name === name)) return err(`no such service: ${name}`);
  return composeUp(ctx.world, ctx.host.name, p, {
    services: Object.keys(want), scale: want, profiles: [], removeOrphans: false, forceRecreate: false, fs: ctx.host.fs, noDeps: flagBool(inv, "no-deps"),
  });
};

/** The Compose plugin version the CLI spec was written from. */
export const COMPOSE_VERSION = "2.36.2";

/** `docker compose version [--short] [-f pretty|json]`. */
export function version(_ctx: ProgramContext, inv: Invocation): ExecResult {
  if (flagBool(inv, "short")) return out(`${COMPOSE_VERSION}\n`);
  if (flagStr(inv, "format") === "json") return out(`{"version":"v${COMPOSE_VERSION}"}\n`);
  return out(`Docker Compose version v${COMPOSE_VERSION}\n`);
}
