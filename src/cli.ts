// The `clustergrade` command (bin/clustergrade.mjs imports this file and it runs on import):
// replay, grade, validate, batch. The work is in src/cli/ and the pure core; this sets the exit code.
import { runCli } from "./cli/main";
import { processIo } from "./cli/io";

process.exitCode = await runCli(process.argv.slice(2), processIo);
