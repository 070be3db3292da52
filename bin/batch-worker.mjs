// Entry of a `clustergrade batch` grading thread: loads src/cli/batch-worker.ts through tsx, as
// bin/clustergrade.mjs loads the CLI (no build step).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import(new URL("../src/cli/batch-worker.ts", import.meta.url).href);
