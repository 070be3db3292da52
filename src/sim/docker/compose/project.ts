// A Compose project on one engine (docker/compose's pkg/compose: create/start/down/ps):
// resources named project-service-N (containers), project_default / project_NAME (networks),
// project_NAME (volumes), all labelled com.docker.compose.* so later commands find them.
// Output is the TTY progress in its final form (`[+] Running 3/3` + ` ✔ Container … Started`),
// which compose writes to stderr.

import type { ExecResult } from "../../programs/registry";
import type { World } from "../../world";
import { dockerPullErrorMessage } from "../../images";
import { createContainer, ensureImage, removeContainer, startContainer, stopContainer } from "../engine/ops";
import { engineHost, type Container, type ContainerMount } from "../engine/state";
import { withStartingTogether } from "../network/embedded-dns";
import { errBindSourceMissing, hostPathExists } from "../swarm/task-mounts";
import { serviceObjectFiles } from "./object-files";
import { imagesToPrune, removeProjectImages, removeProjectVolumes } from "./down-resources";
import { buildServiceImage, type BuildFs } from "./build";
import { DEPENDENCY_WAIT_CAP_MS, errExited, errUnhealthy, waitDependencies } from "./depends-on";
import { attachError, ensureProjectNetworks, ensureProjectVolumes, removeProjectNetworks } from "./resources";
import { dependencyOrder, type ComposeModel, type ServiceModel } from "./model";

import { LABEL_CONFIG_FILES, LABEL_CONFIG_HASH, LABEL_NUMBER, LABEL_ONEOFF, LABEL_PROJECT, LABEL_SERVICE, networkName, serviceConfigHash, serviceContainerOptions, serviceNetworks, volumeName } from "./container-spec";
export { LABEL_CONFIG_FILES, LABEL_NUMBER, LABEL_ONEOFF, LABEL_PROJECT, LABEL_SERVICE, networkName, volumeName } from "./container-spec";
export { LABEL_NETWORK, LABEL_VOLUME } from "./resources";

/** The simulator's budget (not compose's): a service may not ask for more containers than this. */
export const MAX_SERVICE_CONTAINERS = 500;
export const errScaleBudget = (svc: string, n: number) =>
  `clustergrade: service "${svc}" asks for ${n} containers; the simulator runs at most ${MAX_SERVICE_CONTAINERS} per service`;

/** compose's doubledContainerNameWarning, returned as the error of `up --scale N` (N > 1). */
export const errDoubledContainerName = (svc: string, name: string) =>
  `WARNING: The "${svc}" service is using the custom container name "${name}". Docker requires each container to have a unique name. Remove the custom name to scale the service`;

/** compose's NormalizeProjectName: lower-case, keep [a-z0-9_-], trim leading _ and -. */
export function normalizeProjectName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]/g, "").replace(/^[_-]+/, "");
}
export const PROJECT_NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;
export const errInvalidProjectName = (n: string) =>
  `invalid project name "${n}": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number`;

export interface Project {
  name: string;
  model: ComposeModel;
  configFiles: string[];
  workingDir: string;
  /** The interpolation environment (.env under the shell's): `environment:` secrets and configs read it. */
  environment?: Record<string, string | undefined>;
}

export interface ProgressLine {
  kind: "Network" | "Volume" | "Container" | string;
  name: string;
  status: string;
  error?: boolean;
  /** progress.Warning: a step compose gave up on without failing ("Resource is still in use"). */
  warning?: boolean;
}

/** Event.Spinner() of a finished event: Done ✔, Warning !, Error ✘. */
const mark = (l: ProgressLine) => (l.error ? "✘" : l.warning ? "!" : "✔");

/**
 * The final frame of compose's TTY progress writer. Its count is numDone: every event no longer
 * Working — a failed or warned one included (every line here is final).
 */
export function renderProgress(title: string, lines: ProgressLine[]): string {
  if (!lines.length) return "";
  const done = lines.length;
  const width = Math.max(...lines.map((l) => `${l.kind} ${l.name}`.length));
  const body = lines.map((l) => {
    const left = ` ${mark(l)} ${`${l.kind} ${l.name}`.padEnd(width)}  ${l.status}`;
    return `${left.padEnd(Math.max(left.length + 1, 73))}0.0s`;
  });
  return `[+] ${title} ${done}/${lines.length}\n${body.join("\n")}\n`;
}

/** The Pulling frame: lines are "SERVICE STATUS" (no resource kind), the timer column as in the other frames. */
export function renderPullProgress(lines: ProgressLine[]): string {
  if (!lines.length) return "";
  const done = lines.length;
  return `[+] Pulling ${done}/${lines.length}\n` + lines.map((l) => {
    const left = ` ${mark(l)} ${l.kind} ${l.status}`;
    return `${left.padEnd(Math.max(left.length + 1, 73))}0.0s\n`;
  }).join("");
}

export function projectContainers(world: World, host: string, project: string, oneoff = false): Container[] {
  return engineHost(world, host).containers.filter(
    (c) => c.labels[LABEL_PROJECT] === project && (c.labels[LABEL_ONEOFF] === "True") === oneoff,
  );
}

/** Active services: no profiles, an enabled profile, or named on the command line. */
export function activeServices(p: Project, profiles: string[], named: string[]): ServiceModel[] {
  return p.model.services.filter((s) => named.includes(s.name) || s.profiles.length === 0 || s.profiles.some((x) => profiles.includes(x)));
}

function replicasOf(s: ServiceModel, scale: Record<string, number>): number {
  if (scale[s.name] !== undefined) return scale[s.name]!;
  if (typeof s.raw.scale === "number") return s.raw.scale;
  const r = s.deploy.replicas;
  if (r !== undefined && r !== null && !Number.isNaN(Number(r))) return Number(r);
  return 1;
}

export interface UpOptions {
  services: string[];
  scale: Record<string, number>;
  profiles: string[];
  removeOrphans: boolean;
  forceRecreate: boolean;
  /** The client's filesystem, for `build:` contexts (builds fail without it). */
  fs?: BuildFs;
  build?: boolean;
  /** `run --no-deps`: the named services only. */
  noDeps?: boolean;
  /** `run`: prepare these services (image, networks, volumes) without creating their containers. */
  skipContainers?: string[];
  /**
   * `up` without -d: the progress frame is the create phase's — the start comes after attaching
   * and reports nothing, so a started container reads Created (a running one Running).
   */
  attached?: boolean;
  /** `up --no-start`: create only. */
  noStart?: boolean;
  /** `up --pull always|missing|never|policy`. */
  pull?: string;
  /** `up --no-recreate`: keep existing containers even when their configuration changed. */
  noRecreate?: boolean;
  /** `-V`: recreated containers get new anonymous volumes instead of their predecessors'. */
  renewAnonVolumes?: boolean;
  /** `up --wait [--wait-timeout N]`: wait for every container to run (be healthy, with a healthcheck). */
  wait?: boolean;
  waitTimeoutS?: number;
}

/** The image a service runs: `image:`, or PROJECT-SERVICE for a build-only service. */
export const serviceImage = (p: Project, s: ServiceModel) => s.image ?? `${p.name}-${s.name}`;

/** `docker compose up -d` (and `create`+`start`): pulls, networks, volumes, containers in dependency order. */
export function composeUp(world: World, host: string, p: Project, o: UpOptions): ExecResult {
  const pulls: ProgressLine[] = [];
  const lines: ProgressLine[] = [];
  let selected = activeServices(p, o.profiles, o.services);
  if (o.services.length) {
    const want = new Set<string>();
    const add = (n: string) => {
      if (want.has(n)) return;
      want.add(n);
      const s = p.model.services.find((x) => x.name === n);
      if (o.noDeps) return;
      for (const d of Object.keys(s?.dependsOn ?? {})) add(d);
    };
    for (const n of o.services) {
      if (!p.model.services.some((s) => s.name === n)) return { exitCode: 1, stdout: "", stderr: `no such service: ${n}\n` };
      add(n);
    }
    selected = p.model.services.filter((s) => want.has(s.name));
  }
  const order = dependencyOrder(selected);
  const baseLabels = { [LABEL_PROJECT]: p.name, [LABEL_CONFIG_FILES]: p.configFiles.join(",") };

  // Images first: compose pulls what is missing before creating anything — every service whose
  // image was missing when it looked (pullRequiredImages), two services on one image both pull.
  // mustPull: `--pull` (other than "policy") overrides each service's pull_policy; always pulls,
  // never and build do not, missing (the default) pulls what the engine lacks.
  const policyOf = (s: ServiceModel): string => (o.pull && o.pull !== "policy" ? o.pull : typeof s.raw.pull_policy === "string" ? s.raw.pull_policy : "missing");
  const present = (ref: string) => engineHost(world, host).images.some((i) => i.ref === ref || i.ref === `${ref}:latest`);
  const missing = [...order].sort((a, b) => (a.name < b.name ? -1 : 1))
    .filter((s) => s.image && !s.hasBuild && (policyOf(s) === "always" || (!["never", "build"].includes(policyOf(s)) && !present(s.image))));
  for (const s of missing) {
    if (!s.image) continue;
    const r = ensureImage(world, host, s.image, { always: policyOf(s) === "always" });
    if (!r.ok) {
      const msg = r.ref ? dockerPullErrorMessage(r.ref as never, r.reason as never) : r.message;
      pulls.push({ kind: s.name, name: "", status: `Error ${msg}`, error: true });
      return { exitCode: 1, stdout: "", stderr: renderPullProgress(pulls) + `Error response from daemon: ${msg}\n` };
    }
    pulls.push({ kind: s.name, name: "", status: "Pulled" });
  }
  let stderr = renderPullProgress(pulls);
  // Then builds, for services with `build:` whose image is not on the engine yet (or --build).
  for (const s of order) {
    if (!s.hasBuild) continue;
    if (!o.fs) return { exitCode: 1, stdout: "", stderr: stderr + `failed to solve: unable to build service ${s.name}\n` };
    const b = buildServiceImage(world, host, o.fs, p.workingDir, s, serviceImage(p, s), !!o.build);
    if (!b.ok) return { exitCode: 1, stdout: "", stderr: stderr + b.error + "\n" };
    if (b.built) lines.push({ kind: "Service", name: s.name, status: "Built" });
  }

  // create.go: containers of services the file no longer has are removed (--remove-orphans) or
  // reported, before any container is made.
  const known = new Set(p.model.services.map((s) => s.name));
  const orphans = projectContainers(world, host, p.name).filter((c) => !known.has(c.labels[LABEL_SERVICE]!));
  if (orphans.length && o.removeOrphans) {
    for (const c of orphans) {
      stopContainer(world, host, c);
      removeContainer(world, host, c);
      lines.push({ kind: "Container", name: c.name, status: "Removed" });
    }
  } else if (orphans.length) stderr += warnOrphans(orphans);
  const netErr = ensureProjectNetworks(world, host, p, order, baseLabels, lines);
  if (netErr) return { exitCode: 1, stdout: "", stderr: stderr + renderProgress("Running", lines) + netErr + "\n" };
  const volErr = ensureProjectVolumes(world, host, p, order, baseLabels, lines);
  if (volErr) return { exitCode: 1, stdout: "", stderr: stderr + renderProgress("Running", lines) + volErr + "\n" };

  // create.go, then start.go: every container is made (or kept) first, then started service by
  // service in dependency order, waiting on each dependency's condition; the services of one
  // wave start concurrently in compose, so each sees the others' names (startingTogether).
  const toStart: { s: ServiceModel; c: Container; line: ProgressLine; started?: string }[] = [];
  for (const s of order) {
    if (o.skipContainers?.includes(s.name)) continue;
    const want = replicasOf(s, o.scale);
    if (want > MAX_SERVICE_CONTAINERS) return { exitCode: 1, stdout: "", stderr: stderr + errScaleBudget(s.name, want) + "\n" };
    const existing = projectContainers(world, host, p.name).filter((c) => c.labels[LABEL_SERVICE] === s.name)
      .sort((a, b) => Number(a.labels[LABEL_NUMBER]) - Number(b.labels[LABEL_NUMBER]));
    if (s.containerName && want > 1) {
      return { exitCode: 1, stdout: "", stderr: stderr + renderProgress("Running", lines) + errDoubledContainerName(s.name, s.containerName) + "\n" };
    }
    for (const c of existing.slice(want)) {
      stopContainer(world, host, c);
      removeContainer(world, host, c);
      lines.push({ kind: "Container", name: c.name, status: "Removed" });
    }
    for (let n = 1; n <= want; n++) {
      const name = s.containerName ?? `${p.name}-${s.name}-${n}`;
      let c = existing.find((x) => x.labels[LABEL_NUMBER] === String(n));
      // mustRecreate: --force-recreate, or a configuration that diverged (unless --no-recreate).
      const diverged = !!c && !o.noRecreate && c.labels[LABEL_CONFIG_HASH] !== serviceConfigHash(s);
      const recreated = !!c && (o.forceRecreate || diverged);
      // convergence.go: a recreated container inherits its predecessor's anonymous volumes (not with -V).
      const inherited = c && recreated && !o.renewAnonVolumes ? c.mounts.filter((m) => m.anonymous) : [];
      if (c && recreated) {
        stopContainer(world, host, c);
        removeContainer(world, host, c);
        c = undefined;
      }
      if (c) {
        if (c.status === "running") lines.push({ kind: "Container", name: c.name, status: "Running" });
        else if (o.noStart) lines.push({ kind: "Container", name: c.name, status: "Created" });
        else {
          const line: ProgressLine = { kind: "Container", name: c.name, status: "Created" };
          lines.push(line);
          toStart.push({ s, c, line, started: "Started" });
        }
        continue;
      }
      const img = serviceImage(p, s);
      // pull_policy never: the daemon has no such image to create the container from.
      if (s.image && !s.hasBuild && policyOf(s) === "never" && !present(img)) {
        return fail(stderr, lines, name, `Error response from daemon: No such image: ${/:[^/]*$/.test(img) || img.includes("@") ? img : `${img}:latest`}`);
      }
      const pulled = ensureImage(world, host, img);
      if (!pulled.ok) return fail(stderr, lines, name, `Error response from daemon: pull access denied for ${img}, repository does not exist or may require 'docker login'`);
      const spec = inheritAnonymousVolumes(serviceContainerOptions(p, s, pulled.image, img, { name, number: n }), inherited);
      const attachErr = attachError(world, host, spec.networks ?? []);
      if (attachErr) return fail(stderr, lines, name, attachErr);
      // A secret's or config's file is bound through the Mount API, which makes no missing source.
      const missing = serviceObjectFiles(p, s).mounts.find((m) => !hostPathExists(world, host, m.source));
      if (missing) return fail(stderr, lines, name, errBindSourceMissing(missing.source));
      const created = createContainer(world, host, spec);
      lines.push({ kind: "Container", name, status: recreated ? "Recreated" : "Created" });
      if (o.noStart) continue;
      // The start phase's Started replaces the create phase's line, unless attached (see attached).
      toStart.push({ s, c: created, line: lines[lines.length - 1]!, ...(o.attached ? {} : { started: "Started" }) });
    }
  }
  const startErr = o.noStart ? undefined : withStartingTogether(toStart.map((x) => x.c), () => {
    for (const s of order) {
      const depErr = waitDependencies(world, s, () => projectContainers(world, host, p.name), lines);
      if (depErr) return { exitCode: 1, stdout: "", stderr: stderr + renderProgress("Running", lines) + depErr + "\n" };
      for (const x of toStart.filter((t) => t.s === s)) {
        const err = startContainer(world, host, x.c);
        if (err) return fail(stderr, lines, x.c.name, err);
        if (x.started) x.line.status = x.started;
      }
    }
    return undefined;
  });
  if (startErr) return startErr;
  if (o.wait) {
    const err = waitForProject(world, host, p, lines, o.waitTimeoutS);
    if (err) return { exitCode: 1, stdout: "", stderr: stderr + renderProgress("Running", lines) + err + "\n" };
  }
  if (o.attached) {
    // An exited container the create phase kept reads Created; the start phase's Healthy/Exited
    // (dependency waits) are not shown either.
    for (const l of lines) if (l.kind === "Container" && (l.status === "Started" || l.status === "Healthy" || l.status === "Exited")) l.status = "Created";
  }
  stderr += renderProgress("Running", lines);
  return { exitCode: 0, stdout: "", stderr };
}

/**
 * start.go with --wait: every service waited on as a dependency would be (service_healthy when it
 * has a healthcheck, else running), each container's line ending Healthy; an unhealthy or exited
 * one fails as waitDependencies words it. Without --wait-timeout compose waits indefinitely: the
 * simulator lets at most the dependency wait's cap pass.
 */
function waitForProject(world: World, host: string, p: Project, lines: ProgressLine[], timeoutS?: number): string | undefined {
  const mine = lines.filter((l) => l.kind === "Container" && !l.error && l.status !== "Removed")
    .map((l) => ({ l, c: projectContainers(world, host, p.name).find((c) => c.name === l.name) }))
    .filter((x): x is { l: ProgressLine; c: Container } => !!x.c);
  const verdict = (c: Container): "ok" | "wait" | string => {
    if (c.status !== "running" && c.status !== "restarting") return errExited(c.name, c.exitCode);
    if (!c.healthcheck || !c.health) return c.status === "running" ? "ok" : "wait";
    return c.health.status === "healthy" ? "ok" : c.health.status === "unhealthy" ? errUnhealthy(c.name) : "wait";
  };
  world.advanceUntil(() => mine.every((x) => verdict(x.c) !== "wait"), timeoutS !== undefined && timeoutS > 0 ? timeoutS * 1000 : DEPENDENCY_WAIT_CAP_MS);
  for (const { l, c } of mine) {
    const v = verdict(c);
    if (v === "ok") l.status = "Healthy";
    else if (v !== "wait") {
      l.status = "Error";
      l.error = true;
      return v;
    }
  }
  const late = mine.find((x) => verdict(x.c) === "wait");
  return late ? `timeout waiting for dependencies` : undefined;
}

/** logrus' warning about containers of services the file no longer has (up and down). */
const warnOrphans = (orphans: Container[]): string =>
  `WARN[0000] Found orphan containers ([${orphans.map((c) => c.name).join(" ")}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.\n`;

function fail(prefix: string, lines: ProgressLine[], name: string, err: string): ExecResult {
  const i = lines.findIndex((l) => l.kind === "Container" && l.name === name);
  if (i >= 0) lines.splice(i, 1);
  lines.push({ kind: "Container", name, status: "Error", error: true });
  const msg = err.startsWith("Error response from daemon: ") ? err : `Error response from daemon: ${err}`;
  return { exitCode: 1, stdout: "", stderr: prefix + renderProgress("Running", lines) + msg + "\n" };
}

/** The container's options with the anonymous volumes of the one it replaces at the same paths (its data kept). */
function inheritAnonymousVolumes<T extends { mounts?: ContainerMount[] }>(spec: T, inherited: readonly ContainerMount[]): T {
  if (!inherited.length) return spec;
  const mounts = (spec.mounts ?? []).map((m) => (m.type === "volume" && !m.source ? inherited.find((x) => x.target === m.target) ?? m : m));
  // The image's VOLUMEs the old container had an anonymous volume at.
  for (const m of inherited) if (!mounts.some((x) => x.target === m.target)) mounts.push(m);
  return { ...spec, mounts };
}

/** `docker compose down [-v] [--remove-orphans] [--rmi all|local]`. */
export function composeDown(world: World, host: string, p: Project, o: { volumes: boolean; removeOrphans: boolean; rmi?: "all" | "local" }): ExecResult {
  const lines: ProgressLine[] = [];
  const known = new Set(p.model.services.map((s) => s.name));
  // compose down includes the one-off containers `run` left behind (oneOffInclude).
  const all = [...projectContainers(world, host, p.name), ...projectContainers(world, host, p.name, true)];
  const orphans = all.filter((c) => !known.has(c.labels[LABEL_SERVICE]!));
  const targets = o.removeOrphans ? all : all.filter((c) => known.has(c.labels[LABEL_SERVICE]!));
  // Reverse dependency order: dependents stop first.
  const rank = new Map(dependencyOrder(p.model.services).map((s, i) => [s.name, i]));
  targets.sort((a, b) => (rank.get(b.labels[LABEL_SERVICE]!) ?? 0) - (rank.get(a.labels[LABEL_SERVICE]!) ?? 0) || (a.name < b.name ? -1 : 1));
  for (const c of targets) {
    stopContainer(world, host, c);
    // RemoveVolumes: options.Volumes — the containers' anonymous volumes go with them.
    removeContainer(world, host, c, { volumes: o.volumes });
    lines.push({ kind: "Container", name: c.name, status: "Removed" });
  }
  const warn = !o.removeOrphans && orphans.length ? warnOrphans(orphans) : "";
  if (o.volumes) removeProjectVolumes(world, host, p, lines);
  removeProjectNetworks(world, host, p, lines);
  if (o.rmi) removeProjectImages(world, host, imagesToPrune(world, host, p, o.rmi, (s) => serviceImage(p, s)), lines);
  // Nothing found at all: compose says so (stderr) and succeeds.
  const none = !targets.length && !lines.length ? `Warning: No resource found to remove for project ${JSON.stringify(p.name)}.\n` : "";
  return { exitCode: 0, stdout: "", stderr: warn + renderProgress("Running", lines) + none };
}
