// What a subcommand is: its name, help text, util.parseArgs options, and run().

import type { ParseArgsConfig } from "node:util";
import type { Io } from "../io";

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Subcommand {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** `clustergrade NAME ARGS…` */
  usage: string;
  /** The full --help text. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Positional arguments allowed: [min, max]. */
  args: [number, number];
  /** Returns the exit code. */
  run(p: Parsed, io: Io): number | Promise<number>;
}
