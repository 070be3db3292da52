// The `docker` program: a cobra-like Cli built from the real docker CLI 28.2 spec (plus the
// Compose v2 plugin's commands under `docker compose`), with handlers registered per command
// path: the swarm, node, service, network, secret, config and info commands here, the engine
// (run, ps, …), compose and stack commands from their folders. `initSwarm` forms a scenario's
// starting swarm.

import { Cli } from "../cli/command";
import { dockerDialect } from "../cli/dialects";
import type { CliSpec, CommandSpec, FlagSpec } from "../cli/spec";
import { composeSpec, dockerSpec } from "../cli/specs";
import type { ClusterSpec } from "../cluster-spec";
import type { ProgramContext, ProgramRegistry } from "../programs/registry";
import type { World } from "../world";
import { registerComposeCommands } from "./compose/commands";
import { registerEngineCommands } from "./engine/commands";
import { registerStackCommands } from "./stack/commands";
import { registerSwarmCommands } from "./cli/swarm-register";
import { initSwarm as initSwarmCluster } from "./swarm";

/** docker's spec with `docker compose …` grafted in; compose's own flags apply to each subcommand. */
function mergedSpec(): CliSpec {
  const composeRoot = composeSpec.commands["docker compose"];
  const composeFlags: FlagSpec[] = composeRoot?.flags ?? composeSpec.globalFlags;
  const commands: Record<string, CommandSpec> = { ...dockerSpec.commands };
  for (const [path, cmd] of Object.entries(composeSpec.commands)) {
    if (path === "docker compose") {
      commands[path] = cmd;
      continue;
    }
    const extra = composeFlags.filter((g) => !cmd.flags.some((f) => f.name === g.name || (g.short && f.short === g.short)));
    commands[path] = { ...cmd, flags: [...cmd.flags, ...extra] };
  }
  const root = dockerSpec.commands.docker!;
  if (composeRoot && !root.subcommands.includes("compose")) {
    commands.docker = { ...root, subcommands: [...root.subcommands, "compose"] };
  }
  return { ...dockerSpec, commands };
}

/** `docker compose -f x up` → `docker compose up -f x`: compose's flags may precede the subcommand. */
function hoistComposeFlags(spec: CliSpec, args: string[]): string[] {
  if (args[0] !== "compose") return args;
  const root = spec.commands["docker compose"];
  if (!root) return args;
  const before: string[] = [];
  let i = 1;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-") || a === "-" || a === "--") break;
    before.push(a);
    const f = root.flags.find((x) => (a.startsWith("--") ? x.name === a.slice(2).split("=")[0] : x.short === a[1]));
    if (f && f.type !== "bool" && !a.includes("=") && !(a.length > 2 && !a.startsWith("--")) && i + 1 < args.length) before.push(args[++i]!);
  }
  if (before.length === 0 || i >= args.length) return args;
  return ["compose", args[i]!, ...before, ...args.slice(i + 1)];
}

let cli: Cli<ProgramContext> | undefined;

export const ERR_DAEMON_DOWN = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

export function dockerCli(): Cli<ProgramContext> {
  if (cli) return cli;
  const c = new Cli<ProgramContext>(mergedSpec(), dockerDialect);
  registerSwarmCommands(c);
  registerEngineCommands(c);
  registerComposeCommands(c);
  registerStackCommands(c);
  cli = c;
  return c;
}

export function registerDocker(reg: ProgramRegistry): void {
  reg.register("docker", (ctx, args) => {
    const c = dockerCli();
    if (!ctx.host.up) return { exitCode: 1, stdout: "", stderr: `${ERR_DAEMON_DOWN}\n` };
    return c.run(ctx, hoistComposeFlags(c.spec, args));
  });
}

/** Forms the scenario's starting swarm: the first manager inits on its address, the rest join. */
export function initSwarm(world: World, spec: NonNullable<ClusterSpec["swarm"]>): void {
  initSwarmCluster(world, spec);
}
