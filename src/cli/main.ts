// The `clustergrade` command: dispatches to a subcommand (commands/), parsing its options with
// util.parseArgs. Usage errors print the message and the usage line and exit 2.

import { parseArgs } from "node:util";
import { SUBCOMMANDS, type Subcommand } from "./commands";
import { CliError, usageError } from "./errors";
import type { Io } from "./io";

export const TOP_HELP = `Usage: clustergrade COMMAND [options]

Grades Docker Swarm / Kubernetes exercises by replaying answers through a deterministic simulator.

Commands:
${SUBCOMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join("\n")}

Run 'clustergrade COMMAND --help' for a command's arguments and options.
`;

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(TOP_HELP);
    return 2;
  }
  if (name === "--help" || name === "-h") {
    io.out(TOP_HELP);
    return 0;
  }
  if (name === "help") {
    const sub = rest[0] === undefined ? undefined : find(rest[0]);
    if (rest[0] !== undefined && !sub) return fail(io, new CliError(`unknown command "${rest[0]}"\n\n${TOP_HELP}`));
    io.out(sub ? sub.help : TOP_HELP);
    return 0;
  }
  const sub = find(name);
  if (!sub) {
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    return fail(io, new CliError(`${what}\n\n${TOP_HELP}`));
  }
  try {
    const parsed = parse(sub, rest);
    if (parsed === "help") {
      io.out(sub.help);
      return 0;
    }
    return await sub.run(parsed, io);
  } catch (err) {
    if (err instanceof CliError) return fail(io, err);
    throw err;
  }
}

function find(name: string): Subcommand | undefined {
  return SUBCOMMANDS.find((c) => c.name === name);
}

function parse(sub: Subcommand, args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...sub.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    // Node's messages mention "parseArgs"; keep only what the user typed wrong.
    const msg = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, "") : String(err);
    throw usageError(msg, sub.usage);
  }
  if (parsed.values.help) return "help" as const;
  const [min, max] = sub.args;
  const n = parsed.positionals.length;
  if (n < min) throw usageError(`"${sub.name}" needs ${min === max ? min : `at least ${min}`} argument${min === 1 ? "" : "s"}, got ${n}`, sub.usage);
  if (n > max) throw usageError(`"${sub.name}" takes at most ${max} argument${max === 1 ? "" : "s"}, got ${n}`, sub.usage);
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

function fail(io: Io, err: CliError): number {
  io.err(`clustergrade: ${err.message}\n${err.usage ? `Usage: ${err.usage}\nRun '${err.usage.split(" ").slice(0, 2).join(" ")} --help' for more.\n` : ""}`);
  return err.exitCode;
}
