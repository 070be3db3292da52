// `docker container|image|network|volume|system prune` (docker/cli cli/command/*/prune.go, moby
// daemon/prune.go, volume/service Prune). The client asks first unless -f (PromptForConfirmation:
// the warning, " [y/N] ", one line of stdin; only y/Y goes on, anything else — an empty stdin
// too — cancels silently with status 0), then prints what the daemon deleted:
//   "Deleted Containers:\n<id>…\n" + blank line, "Total reclaimed space: 0B"
// (networks have no space line; system prune runs the others in its order and sums the space).
// What each removes:
//   - containers: every one not running (created, exited, dead), newest first; the space is
//     their writable layers' (container-size.ts);
//   - networks: user-defined ones without an endpoint — a stopped container has none, so its
//     network goes — then, on a manager, swarm networks no service uses (never ingress);
//   - volumes: unused anonymous volumes (API ≥ 1.42), with -a (filter all=true) named ones too;
//     the space is the size of the files in them (pkg/directory.Size);
//   - images: dangling ones (no tag), with -a every image no container (even a stopped one) uses.
// Filters (`--filter`): label=K[=V], label!=K[=V], until=TIMESTAMP|DURATION (not for volumes).

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { engineNetworks, visibleNetworks, removeNetwork as removeAnyNetwork } from "../network";
import { humanSize } from "./more-commands";

/** go-units HumanSize (4 significant digits), as the prune commands print the space. */
const reclaimed = (bytes: number): string => `Total reclaimed space: ${humanSize(bytes, 4)}\n`;
import { getTimestamp } from "./logs";
import { removeContainer, removeVolume } from "./ops";
import { ANONYMOUS_VOLUME_LABEL, ERR_DAEMON, engineHost, type Container } from "./state";
import { volumeDataDir } from "./volume-mounts";
import { imageDelete, imageReferences } from "./image-delete";
import { containerSizeRw } from "./container-size";

type Kind = "container" | "image" | "network" | "volume";

/** The filters each prune endpoint accepts (moby's *AcceptedFilters). */
const ACCEPTED: Record<Kind, string[]> = {
  container: ["label", "label!", "until"],
  image: ["dangling", "label", "label!", "until"],
  network: ["label", "label!", "until"],
  volume: ["label", "label!", "all"],
};

const WARNINGS = {
  container: "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?",
  imageDangling: "WARNING! This will remove all dangling images.\nAre you sure you want to continue?",
  imageAll: "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?",
  network: "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?",
  volumeAnonymous: "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?",
  volumeAll: "WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?",
};

/** One endpoint's report: the deleted objects' lines and the space freed. */
interface Report { lines: string[]; space: number }
type Pruned = { ok: true; report: Report } | { ok: false; error: string };

/** opts.FilterOpt.Set: what the flag refuses (pflag then reports it as an invalid argument). */
const FILTER_VALUE = { filter: (v: string) => (v === "" || v.includes("=") ? undefined : "bad format of filter (expected name=value)") };

/** filters.Args from `--filter k=v` (FilterOpt: name lower-cased, both sides trimmed; empty values skipped). */
function filterArgs(list: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of list) {
    const i = f.indexOf("=");
    if (i < 0) continue;
    const k = f.slice(0, i).trim().toLowerCase(), v = f.slice(i + 1).trim();
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

/** filters.Args.MatchKVList: every value ("k" or "k=v") is among the labels. */
const matchKV = (values: string[], labels: Record<string, string>): boolean => values.every((v) => {
  const i = v.indexOf("=");
  return i < 0 ? v in labels : labels[v.slice(0, i)] === v.slice(i + 1);
});

/** daemon/prune.go matchLabels: label= must all match, label!= must not all match. */
function matchLabels(f: Map<string, string[]>, labels: Record<string, string>): boolean {
  if (f.has("label") && !matchKV(f.get("label")!, labels)) return false;
  return !(f.has("label!") && matchKV(f.get("label!")!, labels));
}

/** Validates the filters and reads `until` (getUntilFromPruneFilters): the cutoff in ms, or an error. */
function checkFilters(kind: Kind, f: Map<string, string[]>, now: number): { until?: number } | { error: string } {
  for (const k of f.keys()) if (!ACCEPTED[kind].includes(k)) return { error: `${ERR_DAEMON}invalid filter '${k}'` };
  const until = f.get("until");
  if (!until) return {};
  if (until.length > 1) return { error: `${ERR_DAEMON}more than one until filter specified` };
  const t = getTimestamp(until[0]!, now);
  if (typeof t === "string") return { error: `${ERR_DAEMON}${t}` };
  return { until: t.sec * 1000 + Math.floor(t.nanos / 1e6) };
}

const isRunning = (c: Container): boolean => c.status === "running" || c.status === "restarting" || c.status === "paused";

function pruneContainers(ctx: ProgramContext, f: Map<string, string[]>): Pruned {
  const chk = checkFilters("container", f, ctx.world.now);
  if ("error" in chk) return { ok: false, error: chk.error };
  const host = ctx.host.name;
  // daemon.List(): newest first.
  const list = [...engineHost(ctx.world, host).containers].reverse()
    .filter((c) => !isRunning(c) && (chk.until === undefined || c.created <= chk.until) && matchLabels(f, c.labels));
  // Each one's writable layer is measured before it goes (GetContainerLayerSize, then containerRm).
  let space = 0;
  for (const c of list) {
    space += containerSizeRw(ctx.world, host, c);
    removeContainer(ctx.world, host, c);
  }
  return { ok: true, report: { lines: list.map((c) => c.id), space } };
}

function pruneNetworks(ctx: ProgramContext, f: Map<string, string[]>): Pruned {
  const chk = checkFilters("network", f, ctx.world.now);
  if ("error" in chk) return { ok: false, error: chk.error };
  const { world, host } = ctx;
  const keep = (created: number, labels: Record<string, string>) => (chk.until !== undefined && created > chk.until) || !matchLabels(f, labels);
  const running = new Set(engineHost(world, host.name).containers.filter(isRunning).map((c) => c.id));
  const nets = engineNetworks(world);
  const deleted: string[] = [];
  for (const n of [...nets.of(host.name)]) {
    if (n.builtin || n.name === "docker_gwbridge" || keep(n.createdAt, n.labels)) continue;
    // Only a running container holds an endpoint; a stopped one's attachment does not keep it.
    if (n.endpoints.some((e) => running.has(e.containerId))) continue;
    for (const e of [...n.endpoints]) nets.detach(n, e.containerId);
    if (removeAnyNetwork(world, host, n.id).ok) deleted.push(n.name);
  }
  // clusterNetworksPrune (managers only: a worker's removal is refused and skipped): a network
  // some service uses stays ("is in use"), as does the routing mesh.
  for (const n of visibleNetworks(world, host)) {
    if (n.scope !== "swarm" || n.net.ingress || keep(n.net.createdAt, n.net.labels)) continue;
    if (removeAnyNetwork(world, host, n.net.id).ok) deleted.push(n.net.name);
  }
  return { ok: true, report: { lines: deleted, space: 0 } };
}

/** pkg/directory.Size: the bytes of the files under a directory of the machine. */
function dirSize(ctx: ProgramContext, dir: string): number {
  const fs = ctx.world.host(ctx.host.name)?.fs;
  if (!fs) return 0;
  return fs.list(dir, true).reduce((sum, p) => sum + new TextEncoder().encode(fs.read(p) ?? "").length, 0);
}

function pruneVolumes(ctx: ProgramContext, f: Map<string, string[]>): Pruned {
  const chk = checkFilters("volume", f, ctx.world.now);
  if ("error" in chk) return { ok: false, error: chk.error };
  const host = ctx.host.name;
  const h = engineHost(ctx.world, host);
  const all = (f.get("all") ?? []).some((v) => ["1", "true"].includes(v.toLowerCase()));
  const used = new Set(h.containers.flatMap((c) => c.mounts.filter((m) => m.type === "volume").map((m) => m.source)));
  const list = [...h.volumes].sort((a, b) => (a.name < b.name ? -1 : 1))
    .filter((v) => !used.has(v.name) && (all || ANONYMOUS_VOLUME_LABEL in v.labels) && matchLabels(f, v.labels));
  let space = 0;
  for (const v of list) {
    space += dirSize(ctx, volumeDataDir(v.name));
    removeVolume(ctx.world, host, v.name);
  }
  return { ok: true, report: { lines: list.map((v) => v.name), space } };
}

/**
 * ImagePrune (classic store): each image without a tag (dangling; with -a, every image) is
 * deleted through ImageDelete without force, reference by reference (or by ID when it has none);
 * a conflict (a container uses it) skips it. The space is that of the images deleted.
 */
function pruneImages(ctx: ProgramContext, f: Map<string, string[]>): Pruned {
  const chk = checkFilters("image", f, ctx.world.now);
  if ("error" in chk) return { ok: false, error: chk.error };
  const host = ctx.host.name;
  const h = engineHost(ctx.world, host);
  const danglingOnly = !(f.get("dangling") ?? []).some((v) => ["0", "false"].includes(v.toLowerCase()));
  const ids = [...new Set(h.images.filter((i) => (chk.until === undefined || i.created <= chk.until) && matchLabels(f, {})).map((i) => i.id))];
  const lines: string[] = [];
  let space = 0;
  for (const id of ids) {
    const size = h.images.find((i) => i.id === id)!.size;
    const refs = imageReferences(h, id);
    if (danglingOnly && refs.some((r) => !r.canonical)) continue;
    for (const target of refs.length ? refs.map((r) => r.text) : [id]) {
      const r = imageDelete(ctx.world, host, target, false);
      if (!r.ok) continue;
      for (const rec of r.records) lines.push("deleted" in rec ? `deleted: ${rec.deleted}` : `untagged: ${rec.untagged}`);
      if (r.records.some((rec) => "deleted" in rec && rec.deleted === `sha256:${id}`)) space += size;
    }
  }
  return { ok: true, report: { lines, space } };
}

/** PromptForConfirmation: the question, and whether stdin's first line is y/Y. */
function confirm(ctx: ProgramContext, warning: string): { yes: boolean; prompt: string } {
  const answer = (ctx.stdin.split("\n")[0] ?? "").trim();
  return { yes: answer.toLowerCase() === "y", prompt: `${warning} [y/N] ` };
}

const TITLES: Record<Kind, string> = { container: "Deleted Containers:", image: "Deleted Images:", network: "Deleted Networks:", volume: "Deleted Volumes:" };
const PRUNERS: Record<Kind, (ctx: ProgramContext, f: Map<string, string[]>) => Pruned> = {
  container: pruneContainers, image: pruneImages, network: pruneNetworks, volume: pruneVolumes,
};

/** One runPrune's output: the deleted list (then the blank line Fprintln adds), if any. */
const section = (kind: Kind, r: Report): string => (r.lines.length ? `${TITLES[kind]}\n${r.lines.map((l) => l + "\n").join("")}\n` : "");

/** `docker KIND prune [-a] [-f] [--filter …]`. */
function prune(kind: Kind) {
  return (ctx: ProgramContext, inv: Invocation): ExecResult => {
    const f = filterArgs(inv.flags.list("filter"));
    const all = inv.spec.flags.some((x) => x.name === "all") && inv.flags.bool("all");
    if (kind === "volume" && all) {
      if (f.has("all")) return { exitCode: 1, stdout: "", stderr: "conflicting options: cannot specify both --all and --filter all=1\n" };
      f.set("all", ["true"]);
    }
    if (kind === "image") f.set("dangling", [all ? "false" : "true"]);
    let stdout = "";
    if (!inv.flags.bool("force")) {
      const warning = kind === "container" ? WARNINGS.container : kind === "network" ? WARNINGS.network
        : kind === "image" ? (all ? WARNINGS.imageAll : WARNINGS.imageDangling) : all ? WARNINGS.volumeAll : WARNINGS.volumeAnonymous;
      const c = confirm(ctx, warning);
      stdout = c.prompt;
      // errdefs.Cancelled: the CLI exits 0 without a word.
      if (!c.yes) return { exitCode: 0, stdout, stderr: "" };
    }
    const r = PRUNERS[kind](ctx, f);
    if (!r.ok) return { exitCode: 1, stdout, stderr: r.error + "\n" };
    stdout += section(kind, r.report);
    if (kind !== "network") stdout += reclaimed(r.report.space);
    return { exitCode: 0, stdout, stderr: "" };
  };
}

/** system/prune.go confirmationMessage: what will go, by the flags. */
function systemWarning(all: boolean, volumes: boolean): string {
  const items = ["all stopped containers", "all networks not used by at least one container"];
  if (volumes) items.push("all anonymous volumes not used by at least one container");
  items.push(all ? "all images without at least one container associated to them" : "all dangling images");
  items.push(all ? "all build cache" : "unused build cache");
  return `WARNING! This will remove:\n${items.map((i) => `  - ${i}\n`).join("")}\nAre you sure you want to continue?`;
}

/** `docker system prune [-a] [--volumes] [-f] [--filter …]`: containers, networks, (volumes,) images. */
function systemPrune(ctx: ProgramContext, inv: Invocation): ExecResult {
  const all = inv.flags.bool("all"), volumes = inv.flags.bool("volumes");
  const filters = inv.flags.list("filter");
  if (volumes && filterArgs(filters).has("until")) return { exitCode: 1, stdout: "", stderr: 'ERROR: The "until" filter is not supported with "--volumes"\n' };
  let stdout = "";
  if (!inv.flags.bool("force")) {
    const c = confirm(ctx, systemWarning(all, volumes));
    stdout = c.prompt;
    if (!c.yes) return { exitCode: 0, stdout, stderr: "" };
  }
  let space = 0;
  const kinds: Kind[] = ["container", "network", ...(volumes ? ["volume" as const] : []), "image"];
  for (const kind of kinds) {
    const f = filterArgs(filters);
    // Each runs as its own `prune -f`: volumes anonymous only (system prune's -a is not theirs).
    if (kind === "image") f.set("dangling", [all ? "false" : "true"]);
    const r = PRUNERS[kind](ctx, f);
    if (!r.ok) return { exitCode: 1, stdout, stderr: r.error + "\n" };
    stdout += section(kind, r.report);
    space += r.report.space;
  }
  return { exitCode: 0, stdout: stdout + reclaimed(space), stderr: "" };
}

type Handle = (path: string, h: {
  args?: { min?: number; max?: number }; values?: Record<string, (v: string) => string | undefined>;
  run: (ctx: ProgramContext, inv: Invocation) => ExecResult;
}) => void;

export function registerPruneCommands(handle: Handle): void {
  for (const kind of ["container", "image", "network", "volume"] as const) handle(`docker ${kind} prune`, { args: { max: 0 }, values: FILTER_VALUE, run: prune(kind) });
  handle("docker system prune", { args: { max: 0 }, values: FILTER_VALUE, run: systemPrune });
}
