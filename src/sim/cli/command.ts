// Dispatches argv to a handler the way cobra does: walk subcommands (skipping flags), parse the
// flags of the command found, check --help and the argument count, then run the handler. The
// command tree, flags and help text come from the real client's spec (specs/*.json); the
// simulators only register handlers per command path. Output wording is the dialect's.

import type { ExecResult, ProgramContext } from "../programs/registry";
import { FlagError, parseFlags, type Flags } from "./flags";
import type { CliSpec, CommandSpec, FlagSpec } from "./spec";

export interface ArgRule {
  min?: number;
  max?: number;
}

export interface Invocation {
  /** Resolved command path, aliases expanded: "docker service rm". */
  path: string;
  spec: CommandSpec;
  args: string[];
  flags: Flags;
  argsLenAtDash: number;
}

export interface Handler<C> {
  args?: ArgRule;
  /** false: flags end at the first positional argument (docker run / service create). */
  interspersed?: boolean;
  /** Value checks for flag types pflag does not know (returns pflag's error detail). */
  values?: Record<string, (v: string) => string | undefined>;
  run(ctx: C, inv: Invocation): ExecResult;
}

/** How a CLI words its own errors. */
export interface Dialect {
  flagError(cmd: CommandSpec, message: string): ExecResult;
  argCountError(cmd: CommandSpec, rule: ArgRule, got: number): ExecResult;
  unknownCommand(parent: CommandSpec, word: string, suggestions: string[]): ExecResult;
  /** A command the real client has but the simulator does not implement. */
  unsupported(cmd: CommandSpec): ExecResult;
  /** A command group run without a subcommand. */
  groupUsage(cmd: CommandSpec): ExecResult;
}

export class Cli<C extends ProgramContext> {
  private readonly handlers = new Map<string, Handler<C>>();
  private readonly orphanPaths: string[] = [];
  private readonly aliasIndex = new Map<string, Map<string, string>>();
  /** Each command's flags followed by the global flags it does not shadow (computed once). */
  private readonly flagSpecs = new Map<CommandSpec, FlagSpec[]>();

  constructor(readonly spec: CliSpec, private readonly dialect: Dialect) {
    for (const cmd of Object.values(spec.commands)) {
      const children = new Map<string, string>();
      for (const sub of cmd.subcommands) {
        const child = spec.commands[`${cmd.path} ${sub}`];
        children.set(sub, `${cmd.path} ${sub}`);
        for (const alias of child?.aliases ?? []) children.set(alias, `${cmd.path} ${sub}`);
      }
      this.aliasIndex.set(cmd.path, children);
    }
  }

  /** Registers a handler; a path the spec lacks is ignored (listed by `orphans`, checked in tests). */
  handle(path: string, handler: Handler<C>): this {
    if (!this.spec.commands[path]) this.orphanPaths.push(path);
    else this.handlers.set(path, handler);
    return this;
  }

  /** Handlers registered for paths the captured spec does not have (a test asserts none). */
  orphans(): string[] {
    return [...this.orphanPaths];
  }

  has(path: string): boolean {
    return this.handlers.has(path);
  }

  run(ctx: C, argv: string[]): ExecResult {
    const root = this.spec.commands[this.spec.tool]!;
    const globals = this.spec.globalFlags;
    let cmd = root;
    const rest: string[] = [];
    let i = 0;
    // Walk down the tree on positional words, letting global flags (and their values) pass.
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === "--") break;
      if (a.startsWith("-") && a.length > 1) {
        rest.push(a);
        const spec = findFlag(a, [...globals, ...(cmd === root ? root.flags : [])]);
        if (spec && spec.type !== "bool" && !a.includes("=") && !/^-[^-]./.test(a) && i + 1 < argv.length) {
          rest.push(argv[++i]!);
        }
        continue;
      }
      const next = this.aliasIndex.get(cmd.path)?.get(a);
      if (!next) break;
      const child = this.spec.commands[next];
      if (!child) {
        // A real subcommand whose spec was not captured: not simulated, but not "unknown" either.
        ctx.setPath(next);
        return this.dialect.unsupported({ ...cmd, path: next, use: next, aliases: [], subcommands: [], flags: [], help: "" });
      }
      cmd = child;
    }
    rest.push(...argv.slice(i));
    ctx.setPath(cmd.path);

    const handler = this.handlers.get(cmd.path);
    let flagSpecs = this.flagSpecs.get(cmd);
    if (!flagSpecs) {
      flagSpecs = [...cmd.flags, ...globals.filter((g) => !cmd.flags.some((f) => f.name === g.name || (g.short !== undefined && f.short === g.short)))];
      this.flagSpecs.set(cmd, flagSpecs);
    }
    let parsed;
    try {
      parsed = parseFlags(rest, flagSpecs, { interspersed: handler?.interspersed, custom: handler?.values });
    } catch (e) {
      if (e instanceof FlagError) {
        if (rest.includes("--help") || rest.includes("-h")) return { exitCode: 0, stdout: cmd.help, stderr: "" };
        return this.dialect.flagError(cmd, e.message);
      }
      throw e;
    }
    if (parsed.help) return { exitCode: 0, stdout: cmd.help, stderr: "" };

    if (!handler) {
      if (cmd.subcommands.length > 0) {
        if (parsed.args.length > 0) {
          const word = parsed.args[0]!;
          return this.dialect.unknownCommand(cmd, word, suggest(word, [...(this.aliasIndex.get(cmd.path)?.keys() ?? [])]));
        }
        return this.dialect.groupUsage(cmd);
      }
      return this.dialect.unsupported(cmd);
    }
    const rule = handler.args ?? {};
    const n = parsed.args.length;
    if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
      return this.dialect.argCountError(cmd, rule, n);
    }
    return handler.run(ctx, { path: cmd.path, spec: cmd, args: parsed.args, flags: parsed.flags, argsLenAtDash: parsed.argsLenAtDash });
  }
}

function findFlag(arg: string, specs: FlagSpec[]): FlagSpec | undefined {
  if (arg.startsWith("--")) {
    const name = arg.slice(2).split("=")[0];
    return specs.find((s) => s.name === name);
  }
  return specs.find((s) => s.short === arg[1]);
}

/** cobra's suggestions: Levenshtein distance ≤ 2, or the word is a prefix. */
export function suggest(word: string, candidates: string[]): string[] {
  return candidates
    .filter((c) => c.startsWith(word) || levenshtein(word, c) <= 2)
    .sort();
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}
