// What PID 1 is: the argv Docker/Kubernetes compute from ENTRYPOINT/CMD and their overrides, init
// processes (tini, dumb-init) and the images' entrypoint scripts peeled off, then classified as
// one of the image's programs, a shell, a tool on $PATH, a script file — or a start error with
// runc's message.

import { markShared } from "../clone";
import type { ImageFacts, ProgramPlan } from "../images/types";
import { normalizePath, type ContainerFs } from "./fs";

export const SHELL_NAMES = new Set(["sh", "ash", "bash", "dash"]);
const INIT_NAMES = new Set(["tini", "dumb-init", "docker-init", "tini-static"]);

export const basename = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

/**
 * Kubernetes `command` replaces ENTRYPOINT and `args` replaces CMD; a `command` without `args`
 * drops the image's CMD (as does `docker run --entrypoint`).
 */
export function effectiveArgv(image: ImageFacts, command?: string[], args?: string[]): string[] {
  const entrypoint = command ?? image.entrypoint;
  const cmd = args ?? (command !== undefined ? [] : image.cmd);
  return [...entrypoint, ...cmd];
}

export type Launch =
  | { kind: "program"; argv: string[]; plan: ProgramPlan; viaWrapper: boolean; init: boolean }
  | { kind: "shell" | "tool" | "script"; argv: string[]; viaWrapper: boolean; init: boolean }
  /** An entrypoint script with nothing to exec: exits 0. */
  | { kind: "empty"; argv: string[]; viaWrapper: boolean; init: boolean }
  | { kind: "missing"; argv: string[]; message: string; viaWrapper: boolean; init: boolean };

/** runc's start error for an executable that cannot be found. */
export function execNotFound(name: string): string {
  return name.includes("/") ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`;
}

/** runc's start (or exec) error for a file without x bits (exit 126). */
export const execPermissionDenied = (name: string): string => `exec: "${name}": permission denied`;

/** Docker's wrapping of a start error (`docker run`/`docker start`), exit code 127 (126 for permission). */
export const dockerStartErrorMessage = (message: string): string =>
  `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${message}: unknown`;

/** argv without the interpreter options a plan allows right after argv[0]. */
export function withoutInterpreterFlags(plan: ProgramPlan, argv: string[]): string[] {
  const skip = plan.interpreterFlags;
  if (!skip || argv.length === 0) return argv;
  let i = 1;
  while (i < argv.length && skip.includes(argv[i]!)) i++;
  return [argv[0]!, ...argv.slice(i)];
}

function matches(plan: ProgramPlan, raw: string[]): boolean {
  const match = plan.match;
  const argv = withoutInterpreterFlags(plan, raw);
  if (match.length === 0 || argv.length < match.length) return false;
  if (basename(argv[0]!) !== basename(match[0]!)) return false;
  return match.slice(1).every((m, i) => argv[i + 1] === m);
}

/** The image program argv starts, ignoring catch-all plans (match []). */
export function findProgram(image: ImageFacts, argv: string[]): ProgramPlan | undefined {
  return image.programs.find((p) => matches(p, argv));
}

function stripInit(argv: string[]): { argv: string[]; init: boolean } {
  if (argv.length === 0 || !INIT_NAMES.has(basename(argv[0]!))) return { argv, init: false };
  let i = 1;
  while (i < argv.length && argv[i]!.startsWith("-") && argv[i] !== "--") i++;
  if (argv[i] === "--") i++;
  return { argv: argv.slice(i), init: true };
}

/**
 * node's docker-entrypoint.sh: `[ -z "$(command -v "$1")" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }`
 * — the first argument is no command (not on $PATH, not a shell builtin, not an executable path)
 * or a file without x bits, so it is the script to run.
 */
function notACommand(image: ImageFacts, first: string, fs: ContainerFs, cwd: string): boolean {
  const path = normalizePath(first, cwd);
  if (fs.isFile(path) && !fs.executable(path)) return true;
  if (first.includes("/")) return !(fs.isFile(path) && fs.executable(path));
  return !imageTools(image).has(first) && !SHELL_BUILTINS.has(first);
}

/** What `command -v` finds without $PATH: the shells' builtins. */
const SHELL_BUILTINS = new Set(["echo", "printf", "test", "[", "true", "false", "pwd", "kill", "cd", "exit", "export", "set", "unset",
  "read", "eval", "exec", "shift", "trap", "wait", "type", "command", "alias", ":", "."]);

function stripWrappers(image: ImageFacts, argv: string[], fs: ContainerFs, cwd: string): { argv: string[]; viaWrapper: boolean } {
  let viaWrapper = false;
  for (let guard = 0; guard < 4 && argv.length > 0; guard++) {
    const w = image.wrappers.find((x) => basename(x.path) === basename(argv[0]!));
    if (!w) break;
    viaWrapper = true;
    argv = argv.slice(1);
    const first = argv[0];
    if (w.flagsTo && (first === undefined ? false : first.startsWith("-") || (w.alsoFor !== undefined && new RegExp(w.alsoFor).test(first))
      || (w.unlessCommand === true && notACommand(image, first, fs, cwd)))) {
      argv = [...w.flagsTo, ...argv];
    }
  }
  return { argv, viaWrapper };
}

const toolSets = new WeakMap<ImageFacts, ReadonlySet<string>>();

/**
 * An image's executables as a Set, built once per image (facts never change) and shared by every
 * container of it and every copy of a world (src/sim/clone.ts).
 */
export function imageTools(image: ImageFacts): ReadonlySet<string> {
  let s = toolSets.get(image);
  if (!s) toolSets.set(image, (s = markShared(new Set(image.tools))));
  return s;
}

/** Decides what runs as PID 1. `init` forces an init process (docker run --init). */
export function classifyLaunch(image: ImageFacts, rawArgv: string[], fs: ContainerFs, cwd: string, init = false): Launch {
  const stripped = stripInit(rawArgv);
  const { argv, viaWrapper } = stripWrappers(image, stripped.argv, fs, cwd);
  const base = { argv, viaWrapper, init: init || stripped.init };
  // The catalogue models an image's own entrypoint as its catch-all program (match []).
  const catchAll = image.programs.find((p) => p.match.length === 0);
  if (rawArgv.length === 0) return catchAll ? { ...base, kind: "program", plan: catchAll } : { ...base, kind: "missing", message: "No command specified" };
  if (argv.length === 0) return { ...base, kind: "empty" };
  const name = argv[0]!;
  const plan = findProgram(image, argv);
  if (plan) return { ...base, kind: "program", plan };
  const tools = imageTools(image);
  if (SHELL_NAMES.has(basename(name)) && tools.has(basename(name))) return { ...base, kind: "shell" };
  if (name.includes("/") && fs.isFile(normalizePath(name, cwd)) && !fs.executable(normalizePath(name, cwd))) {
    // execve of a file without x bits: runc's EACCES.
    return { ...base, kind: "missing", message: execPermissionDenied(name) };
  }
  if (tools.has(basename(name)) && (!name.includes("/") || !fs.isFile(normalizePath(name, cwd)))) return { ...base, kind: "tool" };
  if (name.includes("/") && fs.isFile(normalizePath(name, cwd)) && tools.has("sh")) return { ...base, kind: "script" };
  if (catchAll) return { ...base, kind: "program", plan: catchAll };
  return { ...base, kind: "missing", message: execNotFound(name) };
}

/** The image's executables (shared, never changed) plus what apt-get/apk installed since. */
export class PathTools {
  private added?: Set<string>;

  constructor(private readonly base: ReadonlySet<string>) {}

  has(name: string): boolean {
    return this.base.has(name) || (this.added?.has(name) ?? false);
  }

  add(name: string): void {
    if (!this.base.has(name)) (this.added ??= new Set()).add(name);
  }
}
