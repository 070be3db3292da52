// `docker compose kill|pause|unpause|create|events|build` (Compose v2.36 cmd/compose and
// pkg/compose kill.go, pause.go, create.go, events.go, build.go):
//   - kill: the project's running containers (orphans too with --remove-orphans) get the signal
//     (SIGKILL by default), each line Killed; with none running, "no container to kill" on
//     stderr, without a newline, status 0;
//   - pause / unpause: the running (paused) containers, each line Paused / Unpaused;
//   (these three run under progress.Run, whose frame is titled "Running");
//   - create: up's create phase without starting (`[+] Creating`, containers Created);
//   - events: a stream that never ends by itself — it follows on the virtual clock up to the
//     attached-wait cap and prints the project's container events of that time, one a line
//     (`2006-01-02 15:04:05.000000 container ACTION ID (image=…, name=…)`), or JSON with --json;
//   - build: the services with `build:` (others have nothing to build: no output).

import type { ExecResult } from "../../programs/registry";
import { pauseContainer, signalContainer, unpauseContainer } from "../engine/pause";
import { ATTACHED_WAIT_CAP_MS } from "../engine/wait-cap";
import { buildServiceImage } from "./build";
import { err, flagBool, flagList, flagStr, out, type Op } from "./cli-util";
import { LABEL_SERVICE } from "./container-spec";
import { composeUp, projectContainers, renderProgress, serviceImage, type ProgressLine, type Project } from "./project";
import type { Container } from "../engine/state";

const ofServices = (p: Project, services: string[], orphans = false) => (c: Container): boolean => {
  const svc = c.labels[LABEL_SERVICE]!;
  return (orphans || p.model.services.some((s) => s.name === svc)) && (!services.length || services.includes(svc));
};

/** Unknown services named on the command line: compose's project.GetServices error. */
function unknownService(p: Project, services: string[]): ExecResult | undefined {
  const bad = services.find((s) => !p.model.services.some((x) => x.name === s));
  return bad ? err(`no such service: ${bad}`) : undefined;
}

export const kill: Op = (ctx, inv, p) => {
  const bad = unknownService(p, inv.args);
  if (bad) return bad;
  const list = projectContainers(ctx.world, ctx.host.name, p.name)
    .filter((c) => c.status === "running" && ofServices(p, inv.args, flagBool(inv, "remove-orphans"))(c));
  if (!list.length) return out("", "no container to kill");
  const lines: ProgressLine[] = [];
  for (const c of list) {
    const e = signalContainer(ctx.world, ctx.host.name, c, flagStr(inv, "signal") || "SIGKILL");
    lines.push({ kind: "Container", name: c.name, status: e ? "Error while Killing" : "Killed", ...(e ? { error: true } : {}) });
    if (e) return err(renderProgress("Running", lines) + e);
  }
  return out("", renderProgress("Running", lines));
};

export function pausing(action: "pause" | "unpause"): Op {
  return (ctx, inv, p) => {
    const bad = unknownService(p, inv.args);
    if (bad) return bad;
    const list = projectContainers(ctx.world, ctx.host.name, p.name)
      .filter((c) => (c.status === "running" || c.status === "paused") && ofServices(p, inv.args)(c));
    const lines: ProgressLine[] = [];
    const title = "Running";
    for (const c of list) {
      const e = action === "pause" ? pauseContainer(ctx.world, ctx.host.name, c) : unpauseContainer(ctx.world, ctx.host.name, c);
      if (e) return err(renderProgress(title, lines) + e);
      lines.push({ kind: "Container", name: c.name, status: action === "pause" ? "Paused" : "Unpaused" });
    }
    return out("", renderProgress(title, lines));
  };
}

export const create: Op = (ctx, inv, p) => {
  if (flagBool(inv, "build") && flagBool(inv, "no-build")) return err("--build and --no-build are incompatible");
  if (flagBool(inv, "force-recreate") && flagBool(inv, "no-recreate")) return err("--force-recreate and --no-recreate are incompatible");
  const bad = unknownService(p, inv.args);
  if (bad) return bad;
  const scale: Record<string, number> = {};
  for (const s of flagList(inv, "scale")) {
    const split = s.split("=");
    if (split.length !== 2) return err(`invalid --scale option ${JSON.stringify(s)}. Should be SERVICE=NUM`);
    if (!/^[+-]?\d+$/.test(split[1]!)) return err(`strconv.Atoi: parsing ${JSON.stringify(split[1])}: invalid syntax`);
    scale[split[0]!] = Number(split[1]);
  }
  const res = composeUp(ctx.world, ctx.host.name, p, {
    services: inv.args, scale, profiles: [], removeOrphans: flagBool(inv, "remove-orphans"), forceRecreate: flagBool(inv, "force-recreate"),
    fs: ctx.host.fs, build: flagBool(inv, "build"), attached: false, noStart: true, noRecreate: flagBool(inv, "no-recreate"), pull: flagStr(inv, "pull"),
  });
  // The create phase runs under its own title ("Creating"), not up's "Running".
  return { ...res, stderr: res.stderr.replace(/^\[\+\] Running (\d+\/\d+)$/m, "[+] Creating $1") };
};

const EVENT_ACTIONS: Record<string, string> = {
  "container-created": "create", "container-started": "start", "container-exited": "die", "container-removed": "destroy",
  "container-restarting": "restart", "container-paused": "pause", "container-unpaused": "unpause",
};

/** api.Event's String(): local time with microseconds, the container's full ID, its attributes. */
const eventTime = (ms: number): string => new Date(ms).toISOString().replace("T", " ").replace(/\.(\d{3})Z$/, ".$1000");

export const events: Op = (ctx, inv, p) => {
  const bad = unknownService(p, inv.args);
  if (bad) return bad;
  const start = ctx.world.events.length;
  ctx.world.advanceUntil(() => false, ATTACHED_WAIT_CAP_MS);
  let stdout = "";
  for (const e of ctx.world.events.slice(start)) {
    const action = e.source === "engine" ? EVENT_ACTIONS[e.type] : undefined;
    const id = e.data?.id as string | undefined;
    if (!action || !id || e.data?.host !== ctx.host.name) continue;
    const c = projectContainers(ctx.world, ctx.host.name, p.name).find((x) => x.id === id);
    if (!c || !ofServices(p, inv.args)(c)) continue;
    // The daemon's event attributes: the container's labels, image and name (exitCode on die);
    // a Go map, printed here in key order.
    const attrs: Record<string, string> = { ...c.labels, image: c.image, name: c.name, ...(action === "die" ? { exitCode: String(e.data?.exitCode ?? c.exitCode) } : {}) };
    const attributes = Object.fromEntries(Object.keys(attrs).sort().map((k) => [k, attrs[k]!]));
    stdout += flagBool(inv, "json")
      ? JSON.stringify({ action, attributes, id, service: c.labels[LABEL_SERVICE], time: new Date(e.time).toISOString(), type: "container" }) + "\n"
      // api.Event's String() ends in a newline, and the CLI prints it with Fprintln.
      : `${eventTime(e.time)} container ${action} ${id} (${Object.entries(attributes).map(([k, v]) => `${k}=${v}`).join(", ")})\n\n`;
  }
  return out(stdout);
};

export const build: Op = (ctx, inv, p) => {
  const bad = unknownService(p, inv.args);
  if (bad) return bad;
  const lines: ProgressLine[] = [];
  for (const s of p.model.services) {
    if (!s.hasBuild || (inv.args.length && !inv.args.includes(s.name))) continue;
    const b = buildServiceImage(ctx.world, ctx.host.name, ctx.host.fs, p.workingDir, s, serviceImage(p, s), true);
    if (!b.ok) return err(b.error);
    lines.push({ kind: "Service", name: s.name, status: "Built" });
  }
  return out("", flagBool(inv, "quiet") ? "" : renderProgress("Building", lines));
};
