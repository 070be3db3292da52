// The shape of a CLI command as the real client defines it: captured from the real docker
// (28.2) and kubectl (1.32) `--help` output by scripts/capture-cli-specs.mjs into specs/*.json,
// so flag names, shorthands, types, defaults, aliases and help text match the real tools.

export type FlagType =
  | "bool" | "string" | "int" | "int32" | "int64" | "uint" | "uint64" | "float" | "duration"
  | "bytes" | "decimal" | "stringArray" | "stringSlice" | "list" | "filter" | "map"
  /** Any other pflag value type name (docker: port, mount, pref, secret, config, …). */
  | (string & {});

export interface FlagSpec {
  name: string;
  short?: string;
  /** pflag type name as the help shows it (docker) or as inferred from the default (kubectl). */
  type: FlagType;
  /** Default as the help prints it (kubectl: the text after `=`), if any. */
  default?: string;
  usage: string;
  /** The flag may be given several times and accumulates (list, stringArray, filter, …). */
  repeated: boolean;
  /** `--flag` alone is allowed for a non-bool flag (kubectl `--dry-run`), meaning this value. */
  noOptDefault?: string;
}

export interface CommandSpec {
  /** Full path, e.g. "docker service create", "kubectl rollout undo". */
  path: string;
  /** The usage line after "Usage:", e.g. "docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]". */
  use: string;
  aliases: string[];
  short: string;
  flags: FlagSpec[];
  /** Names of direct subcommands. */
  subcommands: string[];
  /** The complete `--help` output, byte for byte. */
  help: string;
}

export interface CliSpec {
  tool: "docker" | "kubectl";
  version: string;
  /** Flags every command accepts (kubectl's `kubectl options`; docker's top-level options). */
  globalFlags: FlagSpec[];
  commands: Record<string, CommandSpec>;
}
