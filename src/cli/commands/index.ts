// The subcommands, in the order the top-level help lists them.

import { batchCommand } from "./batch";
import { gradeCommand } from "./grade";
import { replayCommand } from "./replay";
import type { Subcommand } from "./types";
import { validateCommand } from "./validate";

export const SUBCOMMANDS: Subcommand[] = [replayCommand, gradeCommand, validateCommand, batchCommand];

export type { Subcommand } from "./types";
