// The command-line specs of the real clients, as data (see ../spec.ts for the shape):
//  - docker.json:          docker CLI 28.2.2, captured from `docker … --help`;
//  - kubectl.json:         kubectl 1.30 (the design baseline), captured from `kubectl … --help` (+ `kubectl options`);
//  - docker-compose.json:  Docker Compose v2.36 plugin commands, hand-written from the docs
//                          (the plugin was not installed where the others were captured).
// Regenerate with `node scripts/capture-cli-specs.mjs` (needs the real clients; the JSON is the
// committed source of truth). Pure data + lookups: safe in Node and in the Worker.
//
// Notes for users of the data:
//  - `help` is the exact `--help` stdout (docker: as printed without a terminal, 80 columns).
//  - docker's `globalFlags` (--debug, -H, --context, …) are flags of the root command: docker only
//    accepts them before the subcommand (`docker -D ps`, not `docker ps -D`). kubectl's global
//    flags (`kubectl options`) are accepted anywhere.
//  - compose's `globalFlags` are the `docker compose` flags (before the compose subcommand); its
//    `--dry-run` is persistent and so also listed by every compose subcommand.
//  - `subcommands` lists every direct subcommand the real client shows, including ones that were
//    not captured (e.g. `docker attach`, `kubectl create role`): findCommand() returns undefined
//    for those.
//  - The `kubectl options` entry's `help` is the output of `kubectl options` (that command *is*
//    its help; its own `--help` prints nothing).

import type { CliSpec, CommandSpec, FlagSpec } from "../spec";
import composeJson from "./docker-compose.json";
import dockerJson from "./docker.json";
import kubectlJson from "./kubectl.json";

export type { CliSpec, CommandSpec, FlagSpec, FlagType } from "../spec";

/** docker CLI 28.2 (captured). Does not include `docker compose …`: see composeSpec. */
export const dockerSpec: CliSpec = dockerJson as CliSpec;

/** kubectl 1.32 (captured). */
export const kubectlSpec: CliSpec = kubectlJson as CliSpec;

/** The `docker compose` plugin (v2.36, hand-written from the docs); paths start "docker compose". */
export const composeSpec: CliSpec & { source: string } = composeJson as CliSpec & { source: string };

function words(path: string | readonly string[]): string[] {
  return typeof path === "string" ? path.split(/\s+/).filter(Boolean) : [...path];
}

/** The direct subcommand of `parent` called `name` (its name or one of its aliases), if captured. */
function child(spec: CliSpec, parent: string, name: string): CommandSpec | undefined {
  const direct = spec.commands[`${parent} ${name}`];
  if (direct) return direct;
  for (const [p, c] of Object.entries(spec.commands)) {
    if (c.aliases.includes(name) && p.slice(0, p.lastIndexOf(" ")) === parent) return c;
  }
  return undefined;
}

/**
 * The command at `path`, with or without the tool name: findCommand(dockerSpec, "service ls"),
 * findCommand(dockerSpec, ["docker", "service", "list"]) (aliases resolve to the command),
 * findCommand(kubectlSpec, "") (the root). composeSpec paths: "compose up" or "docker compose up".
 * Undefined when a word is not a (captured) subcommand.
 */
export function findCommand(spec: CliSpec, path: string | readonly string[]): CommandSpec | undefined {
  const w = words(path);
  if (w[0] === spec.tool) w.shift();
  let current = spec.tool as string;
  let found: CommandSpec | undefined = spec.commands[current];
  for (const name of w) {
    found = child(spec, current, name);
    if (!found) return undefined;
    current = found.path;
  }
  return found;
}

/**
 * Walks `args` (the words after the tool name, as typed) down the command tree for as long as they
 * name subcommands: resolveCommand(dockerSpec, ["service", "create", "--name", "web", "nginx"])
 * gives `docker service create` and rest ["--name", "web", "nginx"]. Stops at the first word that
 * is not a captured subcommand (a flag, an argument, or an uncaptured command, which stays in
 * `rest`). Global flags before the subcommand are not skipped.
 */
export function resolveCommand(
  spec: CliSpec,
  args: readonly string[],
): { command: CommandSpec | undefined; rest: string[] } {
  let current = spec.tool as string;
  let command: CommandSpec | undefined = spec.commands[current];
  let i = 0;
  for (; i < args.length; i++) {
    const next = child(spec, current, args[i]!);
    if (!next) break;
    command = next;
    current = next.path;
  }
  return { command, rest: args.slice(i) };
}

/** A flag of `command` by long name or shorthand: "replicas", "--replicas", "-e", "e". */
export function findFlag(command: CommandSpec, name: string): FlagSpec | undefined {
  if (name.startsWith("--")) return command.flags.find((f) => f.name === name.slice(2));
  if (name.startsWith("-")) return command.flags.find((f) => f.short === name.slice(1));
  return command.flags.find((f) => f.name === name) ?? (name.length === 1 ? command.flags.find((f) => f.short === name) : undefined);
}
