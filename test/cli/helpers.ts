// Runs the CLI two ways: as a process (node bin/clustergrade.mjs, what users run) and in-process
// through runCli with a captured Io (fast, for the many table cases).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/main";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const FIXTURE = join(ROOT, "test/fixtures/scenarios/notes-file.yaml");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], opts: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/clustergrade.mjs"), ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export async function cli(args: string[], stdin = ""): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    errIsTty: false,
    readStdin: () => stdin,
  });
  return { code, stdout, stderr };
}

/** A temporary directory holding the given files (paths may contain '/'). */
export function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "clustergrade-test-"));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}
