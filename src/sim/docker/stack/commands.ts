// `docker stack …` (docker/cli cli/command/stack): `config` is offline (load, merge, print);
// `deploy` runs the client-side checks in the real order — stack name, -c given, files
// readable, load/schema errors, forbidden keys, the "Ignoring …" warnings, images present,
// --resolve-image, the "Since --detach…" lines — and then hands the converted stack to the
// swarm through a StackBackend (the Swarm simulator implements it: setStackBackend).
//
// Naming: services STACK_service, networks STACK_name (default STACK_default, overlay),
// secrets/configs STACK_name, label com.docker.stack.namespace=STACK on everything.

import type { Cli, Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { parseImageReference } from "../../images/reference";
import { forbiddenMessage, loadStack, type SourceFile } from "../compose/load";
import type { ComposeModel } from "../compose/model";
import { printStackConfig } from "../compose/print";
import { NOT_A_MANAGER, swarmStackBackend } from "./backend";
import { FILTER_VALUE } from "../cli/swarm-common";

export const ERR_NO_COMPOSE_FILE = "Specify a Compose file (with --compose-file)";
export const errInvalidStackName = (n: string) => `invalid stack name: ${JSON.stringify(n)}`;
export const errNoImage = (svc: string) => `invalid image reference for service ${svc}: no image specified`;
export const errResolveImage = (v: string) => `Invalid option ${v} for flag --resolve-image`;
export const DETACH_NOTICE = "Since --detach=false was not specified, tasks will be created in the background.\nIn a future release, --detach=false will become the default.\n";
export { LABEL_NAMESPACE } from "./convert";
export { errNothingFound, NOT_A_MANAGER } from "./backend";

/** What the swarm does with a converted stack; implemented by the Swarm simulator. */
export interface StackBackend {
  /** Manager check etc.: an error message (already worded) or undefined. */
  precondition(ctx: ProgramContext): string | undefined;
  deploy(ctx: ProgramContext, stack: string, model: ComposeModel, opts: { prune: boolean; detach: boolean; files: SourceFile[]; resolveImage?: string }): ExecResult;
  ls(ctx: ProgramContext, inv: Invocation): ExecResult;
  services(ctx: ProgramContext, stack: string, inv: Invocation): ExecResult;
  ps(ctx: ProgramContext, stack: string, inv: Invocation): ExecResult;
  rm(ctx: ProgramContext, stacks: string[], inv: Invocation): ExecResult;
}

let backend: StackBackend | undefined = swarmStackBackend;
export function setStackBackend(b: StackBackend): void {
  backend = b;
}

const fail = (stderr: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: stderr.endsWith("\n") ? stderr : stderr + "\n" });

function readFiles(ctx: ProgramContext, paths: string[]): SourceFile[] | ExecResult {
  const files: SourceFile[] = [];
  for (const p of paths) {
    const text = p === "-" ? ctx.stdin : ctx.host.fs.read(p);
    if (text === undefined) return fail(`open ${p}: no such file or directory`);
    files.push({ path: p === "-" ? `${ctx.host.fs.cwd}/-` : ctx.host.fs.resolve(p), text });
  }
  return files;
}

function config(ctx: ProgramContext, inv: Invocation): ExecResult {
  const paths = inv.flags.list("compose-file");
  if (!paths.length) return fail(ERR_NO_COMPOSE_FILE);
  const files = readFiles(ctx, paths);
  if (!Array.isArray(files)) return files;
  const r = loadStack(files, ctx.env, { skipInterpolation: inv.flags.bool("skip-interpolation"), readFile: (p) => ctx.host.fs.read(p) });
  if (!r.ok) return fail(r.error);
  return { exitCode: 0, stdout: printStackConfig(r.model, files[0]!.path.slice(0, files[0]!.path.lastIndexOf("/")) || "/"), stderr: logrusWarnings(ctx, r.warnings) };
}

/** The client side of `docker stack deploy`, in docker/cli's order. */
export function deployChecks(ctx: ProgramContext, inv: Invocation): { ok: true; stack: string; model: ComposeModel; files: SourceFile[]; stderr: string } | { ok: false; result: ExecResult } {
  const stack = inv.args[0] ?? "";
  if (stack.trim() === "") return { ok: false, result: fail(errInvalidStackName(stack)) };
  const paths = inv.flags.list("compose-file");
  if (!paths.length) return { ok: false, result: fail(ERR_NO_COMPOSE_FILE) };
  const files = readFiles(ctx, paths);
  if (!Array.isArray(files)) return { ok: false, result: files };
  const forbidden = forbiddenMessage(files);
  if (forbidden) return { ok: false, result: fail(forbidden) };
  const r = loadStack(files, ctx.env, { readFile: (p) => ctx.host.fs.read(p) });
  if (!r.ok) return { ok: false, result: fail(r.error) };
  let stderr = logrusWarnings(ctx, r.warnings);
  if (r.unsupported.length) stderr += `Ignoring unsupported options: ${r.unsupported.join(", ")}\n\n`;
  if (r.deprecated.length) {
    stderr += `Ignoring deprecated options:\n\n${r.deprecated.map((k) => `${k}: ${deprecatedText(k)}`).join("\n\n")}\n\n`;
  }
  for (const s of [...r.model.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!s.image) return { ok: false, result: { exitCode: 1, stdout: "", stderr: stderr + errNoImage(s.name) + "\n" } };
    // reference.ParseAnyReference: an image ID or digest, else a normalized name.
    const ref = /^[a-f0-9]{64}$/.test(s.image) || /^sha256:[a-f0-9]{64}$/.test(s.image) ? undefined : parseImageReference(s.image);
    if (ref && !ref.ok) return { ok: false, result: { exitCode: 1, stdout: "", stderr: `${stderr}invalid image reference for service ${s.name}: ${ref.message}\n` } };
  }
  const resolve = inv.flags.str("resolve-image");
  if (resolve && !["always", "changed", "never"].includes(resolve)) return { ok: false, result: { exitCode: 1, stdout: "", stderr: stderr + errResolveImage(resolve) + "\n" } };
  if (!inv.flags.changed("detach")) stderr += DETACH_NOTICE;
  return { ok: true, stack, model: r.model, files, stderr };
}

/** The loader's logrus warnings, in logrus's text format on a non-terminal (UTC machine). */
function logrusWarnings(ctx: ProgramContext, warnings: string[]): string {
  const time = new Date(ctx.world.now).toISOString().replace(/\.\d+Z$/, "Z");
  return warnings.map((w) => `time="${time}" level=warning msg="${w.replace(/["\\]/g, "\\$&")}"\n`).join("");
}

function deprecatedText(k: string): string {
  return k === "container_name"
    ? "Setting the container name is not supported."
    : "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.";
}

function deploy(ctx: ProgramContext, inv: Invocation): ExecResult {
  const c = deployChecks(ctx, inv);
  if (!c.ok) return c.result;
  const pre = backend ? backend.precondition(ctx) : NOT_A_MANAGER;
  if (pre) return { exitCode: 1, stdout: "", stderr: c.stderr + pre + "\n" };
  const res = backend!.deploy(ctx, c.stack, c.model, { prune: inv.flags.bool("prune"), detach: inv.flags.bool("detach"), files: c.files, resolveImage: inv.flags.str("resolve-image") || "always" });
  return { ...res, stderr: c.stderr + res.stderr };
}

const viaBackend = (f: (b: StackBackend, ctx: ProgramContext, inv: Invocation) => ExecResult) => (ctx: ProgramContext, inv: Invocation): ExecResult => {
  if (!backend) return fail(`Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.`);
  return f(backend, ctx, inv);
};

export function registerStackCommands<C extends ProgramContext>(cli: Cli<C>): void {
  const handle = (path: string, h: Parameters<Cli<C>["handle"]>[1]) => {
    if (cli.spec.commands[path]) cli.handle(path, h);
  };
  handle("docker stack config", { args: { max: 0 }, run: config });
  handle("docker stack deploy", { args: { min: 1, max: 1 }, run: deploy });
  handle("docker stack ls", { args: { max: 0 }, run: viaBackend((b, ctx, inv) => b.ls(ctx, inv)) });
  // -f/--filter is opts.FilterOpt: a value without "=" is refused as the flag is parsed.
  handle("docker stack services", { args: { min: 1, max: 1 }, values: { filter: FILTER_VALUE }, run: viaBackend((b, ctx, inv) => b.services(ctx, inv.args[0]!, inv)) });
  handle("docker stack ps", { args: { min: 1, max: 1 }, values: { filter: FILTER_VALUE }, run: viaBackend((b, ctx, inv) => b.ps(ctx, inv.args[0]!, inv)) });
  handle("docker stack rm", { args: { min: 1 }, run: viaBackend((b, ctx, inv) => b.rm(ctx, inv.args, inv)) });
}
