// The single-engine commands (docker/cli cli/command/container, image, volume): run, create,
// start, stop, rm, pull, volume ls/create/rm here; logs (logs.ts), port (port-command.ts), top
// (top-command.ts), ps/exec/inspect/images (more-commands.ts) — on the host the shell is on.
// Timeline events: see ops.ts.

import { runNetworkError } from "../network/attach";
import type { Cli, Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { dockerAgo } from "../../cli/format/duration";
import {
  dockerPullErrorMessage, dockerPullFailure, parseImageReference, dockerPullProgress, defaultTagNotice, formatDockerCliError, unableToFindLocally,
  type ImageReference, type ResolveFailure,
} from "../../images";
import { containerStatus, quoteCommand } from "../compose/commands";
import { containerLogs, createContainer, ensureImage, killContainer, ensureVolume, removeContainer, removeVolume, startContainer, stopContainer } from "./ops";
import { registerMoreEngineCommands } from "./more-commands";
import { engineHost, ERR_DAEMON, errNameInUse, errNoSuchContainer, errNoSuchVolume, errRemoveRunning, errVolumeInUse, findContainer, type Container, type ContainerMount, type EngineHost, type ImageRecord } from "./state";
import { findImage } from "./image-delete";
import { envFromFlags } from "./env-flags";
import { healthFromCompose } from "./health";
import { port } from "./port-command";
import { isTty, logs, ttyLine } from "./logs";
import { invalidContainerName } from "./rename";
import { errBindSourceMissing, hostPathExists } from "../swarm/task-mounts";
import { ATTACHED_WAIT_CAP_MS } from "./wait-cap";
import { top } from "./top-command";
import { localVolumeNameError, volumeCreate, volumeInspect, volumeLs } from "./volume-commands";
import { registerPruneCommands } from "./prune";
import { registerImageCommands } from "./image-commands";
import { systemDf } from "./system-df";
import { pauseContainer, signalContainer, unpauseContainer } from "./pause";
import { logLine } from "../../runtime";
import { exposeError, parseExpose, parsePublishSpec } from "./ports";
import { natPortSpecError, parseBytes, parseCpus, parseMount, RUN_EXTRA_VALUE_CHECKS } from "../cli/service-flag-values";

const ok = (stdout: string, stderr = ""): ExecResult => ({ exitCode: 0, stdout, stderr });

/** docker's RAMInBytes ("512m", "1g", plain bytes). */
function dockerBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(v.trim());
  if (!m) return undefined;
  const mult: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  return Math.round(parseFloat(m[1]!) * mult[m[2]!.toLowerCase()]!);
}

/**
 * How `docker run` and `docker create` report an error of createContainer (the reference, the pull,
 * the daemon's create): run wraps it as toStatusError does (`docker: ` prefix, the help line, 125);
 * create returns it as it is, so the CLI prints the bare message and exits 1.
 */
function createFailure(start: boolean, message: string, before = ""): ExecResult {
  if (start) return { exitCode: 125, stdout: "", stderr: before + formatDockerCliError("run", message) };
  return { exitCode: 1, stdout: "", stderr: `${before}${message}\n` };
}

/** A full image ID (64 hex digits): run/create parse it with ParseAnyReference as an image ID. */
const IMAGE_ID = /^[a-f0-9]{64}$/;

const isLocalReference = (h: EngineHost, ref: string) => h.images.some((i) => i.ref === ref || i.ref === `${ref}:latest`);

/** The image a hex string names by ID (whole or a unique prefix), with a reference to run it by. */
function imageById(h: EngineHost, ref: string): ImageRecord | undefined {
  if (!/^[a-f0-9]+$/.test(ref)) return undefined;
  const found = findImage(h, ref);
  if (!("image" in found)) return undefined;
  return h.images.find((i) => i.id === found.image.id && i.ref !== "") ?? found.image;
}

function runOrCreate(start: boolean) {
  return (ctx: ProgramContext, inv: Invocation): ExecResult => {
    const host = ctx.host.name;
    const [image, ...cmd] = inv.args;
    const name = inv.flags.str("name");
    const h = engineHost(ctx.world, host);
    const network = inv.flags.str("network");
    const aliases = inv.flags.list("network-alias");
    const parseErr = parseError(inv);
    if (parseErr) return { exitCode: 125, stdout: "", stderr: formatDockerCliError(start ? "run" : "create", parseErr) };
    // parse() reads the env files before it looks at the networks (and before any request).
    const envFlags = envFromFlags(ctx, inv);
    if (!envFlags.ok) return { exitCode: 125, stdout: "", stderr: formatDockerCliError(start ? "run" : "create", envFlags.error) };
    const env = envFlags.list;
    // parse() (client side, before any request): aliases need a user-defined network.
    if (aliases.length && (["", "default", "bridge", "host", "none"].includes(network) || network.startsWith("container:"))) {
      return { exitCode: 125, stdout: "", stderr: formatDockerCliError(start ? "run" : "create", "network-scoped aliases are only supported for user-defined networks") };
    }
    const badPolicy = restartPolicyError(inv.flags.str("restart"));
    if (badPolicy) return createFailure(start, `${ERR_DAEMON}${badPolicy}`);
    let stderr = "";
    // The daemon looks the image up before it reserves the name: a missing image is pulled
    // (and a failed pull reported) before a name conflict is.
    // GetImage: a reference first, then an image ID or a unique prefix of one (`docker run 3b2c47eae839`).
    const byId = IMAGE_ID.test(image!) || !isLocalReference(h, image!) ? imageById(h, image!) : undefined;
    if (IMAGE_ID.test(image!) && !byId) return createFailure(start, `${ERR_DAEMON}No such image: sha256:${image}`);
    const have = !!byId || h.images.some((i) => i.ref === image || i.ref === `${image}:latest`);
    const pulled = ensureImage(ctx.world, host, byId ? byId.ref : image!);
    if (!pulled.ok) {
      // A reference the parser rejects never reaches the daemon: the parser's own words.
      if (!pulled.ref) return createFailure(start, pulled.message);
      const ref = pulled.ref as ImageReference;
      return createFailure(start, `${ERR_DAEMON}${dockerPullErrorMessage(ref, pulled.reason as ResolveFailure)}`, unableToFindLocally(ref));
    }
    if (!have) stderr += unableToFindLocally(pulled.image.ref) + dockerPullProgress(pulled.image, false, false);
    if (name) {
      const invalid = invalidContainerName(name);
      if (invalid) return createFailure(start, ERR_DAEMON + invalid, stderr);
      const clash = h.containers.find((c) => c.name === name);
      if (clash) return createFailure(start, errNameInUse(name, clash.id), stderr);
    }
    const mounts: ContainerMount[] = [];
    for (const v of inv.flags.list("volume")) {
      const [src, target, mode] = v.split(":");
      if (target === undefined) { mounts.push({ type: "volume", source: "", target: src!, readOnly: false }); continue; }
      // An absolute path binds; the CLI makes "." and "./x" absolute; anything else names a
      // volume, which the local driver's name rules then judge ("../x" included).
      const bind = src!.startsWith("/") || src === "." || src!.startsWith("./");
      if (!bind) {
        const bad = engineHost(ctx.world, host).volumes.some((x) => x.name === src) ? undefined : localVolumeNameError(src!);
        if (bad) return createFailure(start, `${ERR_DAEMON}create ${src}: ${bad}`, stderr);
        ensureVolume(ctx.world, host, src!);
      }
      mounts.push({ type: bind ? "bind" : "volume", source: src!, target, readOnly: mode === "ro", mode: mode ?? (bind ? "" : "z") });
    }
    // --mount (validated with the flags): a named volume is created as -v creates it.
    for (const v of inv.flags.list("mount")) {
      const r = parseMount(v);
      if (!r.ok) continue;
      const type = r.value.type === "bind" ? "bind" : r.value.type === "tmpfs" ? "tmpfs" : "volume";
      if (type === "volume" && r.value.source) ensureVolume(ctx.world, host, r.value.source);
      // Unlike -v, a --mount bind source must exist (the daemon validates it at create).
      if (type === "bind" && !hostPathExists(ctx.world, host, ctx.host.fs.resolve(r.value.source))) {
        return createFailure(start, `${ERR_DAEMON}${errBindSourceMissing(r.value.source)}`, stderr);
      }
      mounts.push({ type, source: r.value.source, target: r.value.target, readOnly: r.value.readOnly });
    }
    const netErr = runNetworkError(ctx.world, ctx.host, network);
    if (netErr) return createFailure(start, `${ERR_DAEMON}${netErr}`, stderr);
    // The daemon's create warnings, which the CLI prints as "WARNING: …".
    if (network === "host" && inv.flags.list("publish").length) stderr += "WARNING: Published ports are discarded when using host network mode\n";
    const entry = inv.flags.changed("entrypoint") ? [inv.flags.str("entrypoint")].filter(Boolean) : undefined;
    const c = createContainer(ctx.world, host, {
      name: name || undefined, image: pulled.image, imageRef: image!, entrypoint: entry, command: cmd.length ? cmd : undefined,
      env, labels: Object.fromEntries(inv.flags.list("label").map((l) => [l.split("=")[0]!, l.split("=").slice(1).join("=")])),
      ports: inv.flags.list("publish").flatMap(parsePublishSpec), publishAll: inv.flags.bool("publish-all"),
      expose: inv.flags.list("expose").flatMap(parseExpose), autoRemove: inv.flags.bool("rm"), stdio: stdioConfig(inv, start),
      ...(inv.flags.str("user") ? { user: inv.flags.str("user") } : {}), networks: [network || "bridge"], aliases, mounts,
      readOnlyRootfs: inv.flags.bool("read-only"), groupAdd: inv.flags.list("group-add"),
      tmpfs: inv.flags.list("tmpfs").map((t) => t.split(":")[0]!),
      restart: inv.flags.str("restart") || "no", tty: inv.flags.bool("tty"), ...(inv.flags.bool("init") ? { init: true } : {}),
      // -i: an attached run hands PID 1 what is piped to it, then EOF; otherwise stdin stays open.
      ...(inv.flags.bool("interactive") ? (start && !inv.flags.bool("detach") ? { stdin: ctx.stdin } : { stdinOpen: true }) : {}),
      ...(inv.flags.str("hostname") ? { hostname: inv.flags.str("hostname") } : {}),
      ...(inv.flags.str("workdir") ? { workingDir: inv.flags.str("workdir") } : {}),
      ...(inv.flags.changed("memory") ? { memoryLimitBytes: dockerBytes(inv.flags.str("memory")) } : {}),
      ...(inv.flags.str("health-cmd") && !inv.flags.bool("no-healthcheck") ? {
        healthcheck: healthFromCompose({
          test: inv.flags.str("health-cmd"),
          ...(inv.flags.changed("health-interval") ? { interval: inv.flags.str("health-interval") } : {}),
          ...(inv.flags.changed("health-timeout") ? { timeout: inv.flags.str("health-timeout") } : {}),
          ...(inv.flags.changed("health-start-period") ? { start_period: inv.flags.str("health-start-period") } : {}),
          ...(inv.flags.changed("health-retries") ? { retries: inv.flags.int("health-retries") } : {}),
        }),
      } : {}),
      ...(inv.flags.changed("cpus") ? { nanoCpus: Math.round(Number(inv.flags.str("cpus")) * 1e9) } : {}),
    });
    if (inv.flags.changed("stop-timeout")) c.stopTimeoutS = inv.flags.int("stop-timeout");
    if (inv.flags.changed("stop-signal")) c.stopSignal = inv.flags.str("stop-signal");
    if (!start) return ok(c.id + "\n", stderr);
    const err = startContainer(ctx.world, host, c);
    if (err) {
      const code = c.startError ? c.exitCode : 125;
      // AutoRemove: the daemon removes a container whose start failed, and the CLI waits for it.
      if (inv.flags.bool("rm")) removeContainer(ctx.world, host, c, { volumes: true });
      return { exitCode: code, stdout: inv.flags.bool("detach") ? c.id + "\n" : "", stderr: stderr + `docker: Error response from daemon: ${err}\n\nRun 'docker run --help' for more information\n` };
    }
    if (inv.flags.bool("detach")) return ok(c.id + "\n", stderr);
    // Attached: the command waits for PID 1 to end (a server never does: the wait is capped).
    ctx.world.advanceUntil(() => c.status !== "running", ATTACHED_WAIT_CAP_MS);
    const logs = containerLogs(c).filter((l) => l.time <= ctx.world.now);
    const toOut = (l: (typeof logs)[number]) => l.stream === "stdout" || isTty(c);
    const render = (l: (typeof logs)[number]) => (toOut(l) ? ttyLine(c, l.text, l.partial) + (l.partial ? "" : "\n") : logLine(l));
    const res: ExecResult = {
      exitCode: c.status === "running" ? 0 : c.exitCode,
      stdout: logs.filter(toOut).map(render).join(""),
      stderr: stderr + logs.filter((l) => !toOut(l)).map(render).join(""),
      // The pull's messages, then PID 1's lines in the order written (what `2>&1` keeps).
      combined: stderr + logs.map(render).join(""),
    };
    if (inv.flags.bool("rm") && c.status !== "running") removeContainer(ctx.world, host, c, { volumes: true });
    return res;
  };
}

/**
 * Config's stdio as docker/cli's parse() and runContainer set them: stdout and stderr attached
 * unless -a says otherwise, stdin with -i (StdinOnce then too); `run -d` attaches nothing.
 */
function stdioConfig(inv: Invocation, start: boolean): NonNullable<Container["stdio"]> {
  const a = inv.flags.list("attach").map((s) => s.toLowerCase());
  const interactive = inv.flags.bool("interactive");
  const detached = start && inv.flags.bool("detach");
  const stdin = !detached && (interactive || a.includes("stdin"));
  return {
    Tty: inv.flags.bool("tty"), OpenStdin: interactive, StdinOnce: stdin && interactive,
    AttachStdin: stdin, AttachStdout: !detached && (a.length === 0 || a.includes("stdout")), AttachStderr: !detached && (a.length === 0 || a.includes("stderr")),
  };
}

export { ATTACHED_WAIT_CAP_MS } from "./wait-cap";

function eachContainer(verb: (ctx: ProgramContext, inv: Invocation, ref: string) => string | undefined) {
  return (ctx: ProgramContext, inv: Invocation): ExecResult => {
    let stdout = "", stderr = "";
    for (const ref of inv.args) {
      const e = verb(ctx, inv, ref);
      if (e) stderr += e + "\n";
      else stdout += ref + "\n";
    }
    return { exitCode: stderr ? 1 : 0, stdout, stderr };
  };
}

const lookup = (ctx: ProgramContext, ref: string) => {
  const c = findContainer(engineHost(ctx.world, ctx.host.name), ref);
  return c === "ambiguous" ? undefined : c;
};

const stop = eachContainer((ctx, inv, ref) => {
  const c = lookup(ctx, ref);
  if (!c) return errNoSuchContainer(ref);
  stopContainer(ctx.world, ctx.host.name, c, inv.flags.changed("time") ? { timeoutS: inv.flags.int("time") } : {});
  return undefined;
});
const kill = eachContainer((ctx, inv, ref) => {
  const c = lookup(ctx, ref);
  if (!c) return errNoSuchContainer(ref);
  // A paused container takes SIGKILL (delivered as it is thawed).
  if (c.status === "paused" && !inv.flags.str("signal")) c.status = "running";
  if (c.status !== "running") return `Error response from daemon: cannot kill container: ${ref}: container ${c.id} is not running`;
  const signal = inv.flags.str("signal");
  if (signal) return signalContainer(ctx.world, ctx.host.name, c, signal);
  killContainer(ctx.world, ctx.host.name, c);
  return undefined;
});
const pause = eachContainer((ctx, _inv, ref) => {
  const c = lookup(ctx, ref);
  return c ? pauseContainer(ctx.world, ctx.host.name, c) : errNoSuchContainer(ref);
});
const unpause = eachContainer((ctx, _inv, ref) => {
  const c = lookup(ctx, ref);
  return c ? unpauseContainer(ctx.world, ctx.host.name, c) : errNoSuchContainer(ref);
});
/** startContainer's error as the API returns it. */
const startErr = (e: string | undefined): string | undefined => (e === undefined ? undefined : e.startsWith(ERR_DAEMON) ? e : ERR_DAEMON + e);

/** startContainersWithoutAttachments: each error as it comes, then one line naming the failures. */
const start = (ctx: ProgramContext, inv: Invocation): ExecResult => {
  const r = eachContainer((c2, _inv, ref) => {
    const c = lookup(c2, ref);
    if (!c) return errNoSuchContainer(ref);
    return startErr(startContainer(c2.world, c2.host.name, c));
  })(ctx, inv);
  const failed = inv.args.filter((ref) => !r.stdout.split("\n").includes(ref));
  return failed.length ? { ...r, stderr: r.stderr + `Error: failed to start containers: ${failed.join(", ")}\n` } : r;
};
const restart = eachContainer((ctx, inv, ref) => {
  const c = lookup(ctx, ref);
  if (!c) return errNoSuchContainer(ref);
  stopContainer(ctx.world, ctx.host.name, c, inv.flags.changed("time") ? { timeoutS: inv.flags.int("time") } : {});
  return startErr(startContainer(ctx.world, ctx.host.name, c));
});
const rm = eachContainer((ctx, inv, ref) => {
  const c = lookup(ctx, ref);
  if (!c) return errNoSuchContainer(ref);
  if (c.status === "paused" && !inv.flags.bool("force")) return `${ERR_DAEMON}cannot remove container "${c.id}": container is paused and must be unpaused first`;
  if (c.status === "paused") c.status = "running";
  if (c.status === "running") {
    if (!inv.flags.bool("force")) return errRemoveRunning(c.id);
    killContainer(ctx.world, ctx.host.name, c);
  }
  removeContainer(ctx.world, ctx.host.name, c, { volumes: inv.flags.bool("volumes") });
  return undefined;
});

/**
 * runPull: "Using default tag" (unless -q), the daemon's progress (discarded with -q), then the
 * full reference; an image already here is "up to date" without layers.
 */
function pull(ctx: ProgramContext, inv: Invocation): ExecResult {
  const ref = inv.args[0]!;
  const quiet = inv.flags.bool("quiet");
  // A tag or digest with --all-tags is refused once the reference parses, before any request.
  const parsed = parseImageReference(ref);
  if (!parsed.ok) return { exitCode: 1, stdout: "", stderr: `${parsed.message}\n` };
  if (inv.flags.bool("all-tags") && defaultTagNotice(parsed.ref) === "") return { exitCode: 1, stdout: "", stderr: "tag can't be used with --all-tags/-a\n" };
  const r = ensureImage(ctx.world, ctx.host.name, ref);
  if (!r.ok) {
    // The client parses the reference first (reference.ParseNormalizedNamed): the parser's words.
    if (!r.ref) return { exitCode: 1, stdout: "", stderr: `${r.message}\n` };
    const failed = dockerPullFailure(r.ref as never, r.reason as never);
    return quiet ? { ...failed, stdout: "" } : failed;
  }
  if (quiet) return ok(r.image.ref.full + "\n");
  return ok(defaultTagNotice(r.image.ref) + dockerPullProgress(r.image, !r.pulled, true));
}

const volumeRm = eachContainer((ctx, _inv, name) => {
  const h = engineHost(ctx.world, ctx.host.name);
  if (!h.volumes.some((v) => v.name === name)) return errNoSuchVolume(name);
  const users = h.containers.filter((c) => c.mounts.some((m) => m.type === "volume" && m.source === name));
  if (users.length) return errVolumeInUse(name, users.map((c) => c.id));
  removeVolume(ctx.world, ctx.host.name, name);
  return undefined;
});

const check = <T>(p: (v: string) => { ok: true; value: T } | { ok: false; error: string }) => (v: string): string | undefined => {
  const r = p(v);
  return r.ok ? undefined : r.error;
};

/** docker run/create flag types pflag does not know: opts.NanoCPUs (decimal) and opts.MemBytes (bytes). */
const RUN_VALUE_CHECKS: Record<string, (v: string) => string | undefined> = {
  cpus: check(parseCpus), memory: check(parseBytes), "memory-reservation": check(parseBytes), "shm-size": check(parseBytes),
  ...RUN_EXTRA_VALUE_CHECKS,
};

/**
 * What run/create's parse() refuses before any request (docker/cli container/opts.go): a `-p`
 * nat.ParsePortSpec cannot read, a restart policy ParseRestartPolicy cannot, --rm with --restart.
 */
function parseError(inv: Invocation): string | undefined {
  for (const p of inv.flags.list("publish")) {
    const e = natPortSpecError(p);
    if (e) return e;
  }
  for (const x of inv.flags.list("expose")) {
    const e = exposeError(x);
    if (e) return e;
  }
  const policy = inv.flags.str("restart");
  const colon = policy.indexOf(":");
  if (colon === 0) return "invalid restart policy format: no policy provided before colon";
  if (colon > 0 && policy.slice(colon + 1) !== "" && !/^[+-]?\d+$/.test(policy.slice(colon + 1))) return "invalid restart policy format: maximum retry count must be an integer";
  if (inv.flags.bool("rm") && policy !== "" && policy !== "no") return "conflicting options: cannot specify both --restart and --rm";
  return undefined;
}

/** moby's ValidateRestartPolicy (verifyContainerSettings, before the image is looked up). */
function restartPolicyError(policy: string): string | undefined {
  const [name = "", count = ""] = policy.split(":");
  const retries = count === "" ? 0 : Number(count);
  if (["always", "unless-stopped", "no"].includes(name)) {
    if (retries !== 0) return `invalid restart policy: maximum retry count can only be used with 'on-failure'${retries < 0 ? " and cannot be negative" : ""}`;
    return undefined;
  }
  if (name === "on-failure") return retries < 0 ? "invalid restart policy: maximum retry count cannot be negative" : undefined;
  if (name === "") return undefined;
  return `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`;
}

export function registerEngineCommands<C extends ProgramContext>(cli: Cli<C>): void {
  const handle = (path: string, h: Parameters<Cli<C>["handle"]>[1]) => {
    if (cli.spec.commands[path]) cli.handle(path, h);
  };
  // `docker X` is the shortcut of the management command `docker container X` / `docker image X`.
  const both = (name: string, group: "container" | "image", h: Parameters<Cli<C>["handle"]>[1]) => {
    handle(`docker ${name}`, h);
    handle(`docker ${group} ${name}`, h);
  };
  both("run", "container", { args: { min: 1 }, interspersed: false, values: RUN_VALUE_CHECKS, run: runOrCreate(true) });
  both("create", "container", { args: { min: 1 }, interspersed: false, values: RUN_VALUE_CHECKS, run: runOrCreate(false) });
  both("start", "container", { args: { min: 1 }, run: start });
  both("stop", "container", { args: { min: 1 }, run: stop });
  both("restart", "container", { args: { min: 1 }, run: restart });
  both("kill", "container", { args: { min: 1 }, run: kill });
  both("pause", "container", { args: { min: 1 }, run: pause });
  both("unpause", "container", { args: { min: 1 }, run: unpause });
  both("rm", "container", { args: { min: 1 }, run: rm });
  both("logs", "container", { args: { min: 1, max: 1 }, run: logs });
  both("pull", "image", { args: { min: 1, max: 1 }, run: pull });
  both("port", "container", { args: { min: 1, max: 2 }, run: port });
  both("top", "container", { args: { min: 1 }, interspersed: false, run: top });
  handle("docker volume ls", { args: { max: 0 }, values: { filter: (v) => (v === "" || v.includes("=") ? undefined : "bad format of filter (expected name=value)") }, run: volumeLs });
  handle("docker volume create", { args: { max: 1 }, run: volumeCreate });
  handle("docker volume rm", { args: { min: 1 }, run: volumeRm });
  handle("docker volume inspect", { args: { min: 1 }, run: volumeInspect });
  registerMoreEngineCommands(handle);
  registerPruneCommands(handle);
  registerImageCommands(handle);
  handle("docker system df", { args: { max: 0 }, run: systemDf });
}
