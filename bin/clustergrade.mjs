#!/usr/bin/env node
// The `clustergrade` command: runs the TypeScript CLI (src/cli.ts) through tsx, so there is no
// build step. src/cli.ts does its work when imported (reading process.argv, setting the exit code).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// Use the project's tsconfig whatever the current directory is.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import(new URL("../src/cli.ts", import.meta.url).href);
