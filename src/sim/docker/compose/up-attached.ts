// `docker compose up` without -d (compose v2's up.go, attach.go, printer.go and
// cmd/formatter/logs.go): the project is created as `up -d` does, but the progress frame ends
// after the create phase — containers read `Created` (or `Running` when already up), the start
// happens after attaching and reports nothing — then `Attaching to cache-1, web-1` (the attached
// containers by name, without the project) and every line they write, `name | line` with the
// names padded to the longest plus one, stdout lines on stdout and stderr lines on stderr. Each
// container that stops adds `web-1 exited with code 0` (the terminal's RESET_LINE before it
// erases nothing on a fresh line, so the final screen has none); compose returns once every
// attached container has stopped, with status 0.
//
// A server never stops: the real command streams until the user presses Ctrl+C. The replay
// cannot know when that happened, so it follows the containers as an attached `docker run` (and
// `docker compose run`) does — ATTACHED_WAIT_CAP_MS of virtual time — and then returns with the
// containers still running, exit 0, as if the user had detached.
//
// --abort-on-container-exit (--abort-on-container-failure: a non-zero exit only, --exit-code-from
// SERVICE implies it): the first attached container to stop ends it — `Aborting on container
// exit...`, every project container stopped (`[+] Stopping N/N`, dependents first), and the exit
// code of that container (of SERVICE's container with --exit-code-from).

import type { ExecResult } from "../../programs/registry";
import type { World } from "../../world";
import { containerLogs, stopContainer } from "../engine/ops";
import type { Container } from "../engine/state";
import { rfc3339NanoFixed } from "../engine/logs";
import { ATTACHED_WAIT_CAP_MS } from "../engine/wait-cap";
import { LABEL_NUMBER, LABEL_SERVICE } from "./container-spec";
import { dependencyOrder } from "./model";
import { projectContainers, renderProgress, type ProgressLine, type Project } from "./project";

export interface AttachOptions {
  /** The services whose containers are attached (after --attach / --no-attach). */
  attachTo: string[];
  noLogPrefix: boolean;
  /** --timestamps: the consumer's RFC3339Nano time after the prefix. */
  timestamps?: boolean;
  /** none: wait for every attached container; exit: the first stop aborts; failure: the first non-zero exit. */
  cascade: "none" | "exit" | "failure";
  exitCodeFrom?: string;
}

/** Where each existing container's log, and the timeline, stood before `up`: attach streams only what comes next. */
export interface Marks { logs: Map<string, number>; events: number }

export function logMarks(world: World, host: string, project: string): Marks {
  return { logs: new Map(projectContainers(world, host, project).map((c) => [c.id, containerLogs(c).length])), events: world.events.length };
}

/** Each exit of these containers since the mark (a restarting one exits again and again). */
function exitsSince(world: World, marks: Marks, ids: Set<string>): { id: string; time: number; code: number }[] {
  return world.events.slice(marks.events)
    .filter((e) => e.source === "engine" && e.type === "container-exited" && ids.has(String(e.data?.id)))
    .map((e) => ({ id: String(e.data!.id), time: e.time, code: Number(e.data!.exitCode) }));
}

/**
 * compose's getContainerNameWithoutProject: `web-1` for `myapp-web-1`; a `container_name:`
 * (anything but the default name) is kept whole.
 */
export function logName(c: { name: string; labels: Record<string, string> }, project: string): string {
  const dflt = `${project}-${c.labels[LABEL_SERVICE]}-${c.labels[LABEL_NUMBER]}`;
  return c.name === dflt ? c.name.slice(project.length + 1) : c.name;
}

const stopped = (c: Container): boolean => c.status !== "running" && c.status !== "restarting";

/** Follows the attached containers after `up` created and started them; `res` is up's own result. */
export function attachUp(world: World, host: string, p: Project, marks: Marks, res: ExecResult, o: AttachOptions): ExecResult {
  const attached = projectContainers(world, host, p.name)
    .filter((c) => o.attachTo.includes(c.labels[LABEL_SERVICE]!))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Map(attached.map((c) => [c, logName(c, p.name)]));
  let stdout = attached.length ? `Attaching to ${[...names.values()].join(", ")}\n` : "";
  let stderr = res.stderr;
  const ids = new Set(attached.map((c) => c.id));
  // The first exit ends an aborting run (a non-zero one with --abort-on-container-failure);
  // otherwise the last container to stop for good does.
  const firstExit = () => exitsSince(world, marks, ids).find((x) => o.cascade !== "failure" || x.code !== 0);
  const done = () => (o.cascade === "none" ? attached.length > 0 && attached.every(stopped) : !!firstExit());
  world.advanceUntil(done, ATTACHED_WAIT_CAP_MS);

  const width = Math.max(0, ...[...names.values()].map((n) => n.length)) + 1;
  type Entry = { time: number; order: number; seq: number; out: "stdout" | "stderr"; text: string };
  const entries: Entry[] = [];
  attached.forEach((c, order) => {
    const prefix = o.noLogPrefix ? "" : `${names.get(c)!.padEnd(width)} | `;
    containerLogs(c).slice(marks.logs.get(c.id) ?? 0).filter((l) => l.time <= world.now).forEach((l, seq) => {
      const stamp = o.timestamps ? `${rfc3339NanoFixed(l.time)} ` : "";
      entries.push({ time: l.time, order, seq, out: l.stream === "stderr" && !c.tty ? "stderr" : "stdout", text: `${prefix}${stamp}${l.text}\n` });
    });
  });
  // Every exit, a restart's too, is reported (after the lines written up to then).
  for (const x of exitsSince(world, marks, ids)) {
    const order = attached.findIndex((c) => c.id === x.id);
    entries.push({ time: x.time, order, seq: Number.MAX_SAFE_INTEGER, out: "stdout", text: `${names.get(attached[order]!)} exited with code ${x.code}\n` });
  }
  entries.sort((a, b) => a.time - b.time || a.order - b.order || a.seq - b.seq);
  let exitCode = 0;
  const exit = o.cascade !== "none" ? firstExit() : undefined;
  if (exit) {
    // The printer stops printing once aborting: what came after the first exit is not shown.
    const first = attached.find((c) => c.id === exit.id)!;
    const cut = entries.findIndex((e) => e.order === attached.indexOf(first) && e.seq === Number.MAX_SAFE_INTEGER && e.time === exit.time);
    entries.splice(cut + 1);
    for (const e of entries) (e.out === "stdout" ? (stdout += e.text) : (stderr += e.text));
    stdout += "Aborting on container exit...\n";
    stderr += stopProject(world, host, p);
    const from = o.exitCodeFrom ? attached.find((c) => c.labels[LABEL_SERVICE] === o.exitCodeFrom) : undefined;
    exitCode = from ? from.exitCode : exit.code;
    return { exitCode, stdout, stderr };
  }
  for (const e of entries) (e.out === "stdout" ? (stdout += e.text) : (stderr += e.text));
  return { exitCode, stdout, stderr };
}

/** compose stop's order: dependents first (reverse dependency order), then by name. */
export function stopOrder(p: Project, list: Container[]): Container[] {
  const rank = new Map(dependencyOrder(p.model.services).map((s, i) => [s.name, i]));
  return [...list].sort((a, b) => (rank.get(b.labels[LABEL_SERVICE]!) ?? 0) - (rank.get(a.labels[LABEL_SERVICE]!) ?? 0) || (a.name < b.name ? -1 : 1));
}

/** `[+] Stopping N/N`: every container of the project stopped (an exited one reads Stopped too). */
export function stopProject(world: World, host: string, p: Project, services: string[] = []): string {
  const lines: ProgressLine[] = [];
  const list = projectContainers(world, host, p.name).filter((c) => !services.length || services.includes(c.labels[LABEL_SERVICE]!));
  for (const c of stopOrder(p, list)) {
    stopContainer(world, host, c);
    lines.push({ kind: "Container", name: c.name, status: "Stopped" });
  }
  return renderProgress("Stopping", lines);
}
