// Runs a bench script the way the Worker runs the simulator: bundled by esbuild without keepNames
// (wrangler.toml keep_names = false), instead of through tsx, whose transform wraps every function
// in __name() (an Object.defineProperty per closure made at run time) and so overstates the cost.
//   node bench/bundled.mjs rounds.ts k8s 15        (any bench/*.ts and its arguments)
// esbuild is the one tsx and wrangler bring (node_modules/esbuild).
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [script = "rounds.ts", ...args] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "clustergrade-bench-"));
const out = join(dir, "bench.cjs");
try {
  await build({
    entryPoints: [fileURLToPath(new URL(script, import.meta.url))],
    bundle: true, platform: "node", format: "cjs", target: "es2022", keepNames: false,
    outfile: out, logLevel: "error",
  });
  const r = spawnSync(process.execPath, [out, ...args], { stdio: "inherit" });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
