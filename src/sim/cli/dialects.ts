// How docker (28.x) and kubectl (1.30) word command-line errors, byte for byte.

import type { ExecResult } from "../programs/registry";
import type { ArgRule, Dialect } from "./command";
import type { CommandSpec } from "./spec";

const err = (stderr: string, exitCode: number): ExecResult => ({ exitCode, stdout: "", stderr });

export const dockerDialect: Dialect = {
  flagError: (cmd, message) =>
    err(`${message}\n\nUsage:  ${cmd.use}\n\nRun '${cmd.path} --help' for more information\n`, 125),
  argCountError(cmd, rule, _got) {
    let what: string;
    let tail = "Run";
    if (rule.max === 0) {
      what = "accepts no arguments";
    } else if (rule.min !== undefined && rule.max !== undefined && rule.min === rule.max) {
      what = `requires ${plural(rule.min)}`;
    } else if (rule.min !== undefined && rule.max !== undefined) {
      what = `requires at least ${rule.min} and at most ${plural(rule.max)}`;
    } else if (rule.min !== undefined) {
      what = `requires at least ${plural(rule.min)}`;
      tail = "See";
    } else {
      what = `requires at most ${plural(rule.max ?? 0)}`;
    }
    return err(`docker: '${cmd.path}' ${what}\n\nUsage:  ${cmd.use}\n\n${tail} '${cmd.path} --help' for more information\n`, 1);
  },
  unknownCommand(parent, word) {
    if (parent.path === "docker") return err(`docker: unknown command: docker ${word}\n\nRun 'docker --help' for more information\n`, 1);
    return err(`docker: unknown command: ${parent.path} ${word}\n\nUsage:  ${parent.path}\n\nRun '${parent.path} --help' for more information\n`, 1);
  },
  unsupported: (cmd) =>
    err(`clustergrade: '${cmd.path}' is a real docker command that this simulator does not implement\n`, 1),
  groupUsage: (cmd) => ({ exitCode: 0, stdout: cmd.help, stderr: "" }),
};

function plural(n: number): string {
  return `${n} argument${n === 1 ? "" : "s"}`;
}

/**
 * Commands with their own cobra FlagErrorFunc. `kubectl diff` sets one because its exit code 1
 * means "differences found": the error goes through cmdutil.UsageErrorf and CheckDiffErr, so it
 * reads "See '… -h' for help and examples" and exits 2.
 */
const KUBECTL_USAGE_FLAG_ERRORS: Record<string, number> = { "kubectl diff": 2 };

export const kubectlDialect: Dialect = {
  flagError: (cmd, message) => {
    const code = KUBECTL_USAGE_FLAG_ERRORS[cmd.path];
    if (code !== undefined) return err(`error: ${message}\nSee '${cmd.path} -h' for help and examples\n`, code);
    return err(`error: ${message}\nSee '${cmd.path} --help' for usage.\n`, 1);
  },
  argCountError: (cmd: CommandSpec, _rule: ArgRule) =>
    err(`error: unexpected arguments for ${cmd.path}\nSee '${cmd.path} -h' for help and examples\n`, 1),
  unknownCommand(parent, word, suggestions) {
    // Subcommand groups (kubectl set, rollout, create …) answer without suggestions.
    if (parent.path !== "kubectl") {
      return err(`error: unknown command "${word}"\nSee '${parent.path} -h' for help and examples\n`, 1);
    }
    let msg = `error: unknown command "${word}" for "${parent.path}"`;
    if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join("\n")}`;
    return err(msg + "\n", 1);
  },
  unsupported: (cmd) =>
    err(`error: '${cmd.path}' is a real kubectl command that this simulator does not implement\n`, 1),
  // A group alone prints its help and exits 1 (cmdutil.DefaultSubCommandRun): on stdout for
  // `kubectl rollout`, which passes streams.Out; on stderr for set, config, top, create secret and
  // create service, which pass streams.ErrOut. `kubectl` alone prints on stdout and exits 0.
  groupUsage: (cmd) => {
    if (cmd.path === "kubectl") return { exitCode: 0, stdout: cmd.help, stderr: "" };
    return cmd.path === "kubectl rollout" ? { exitCode: 1, stdout: cmd.help, stderr: "" } : err(cmd.help, 1);
  },
};
