// The environment `docker run|create|exec` send, as docker/cli's opts.ReadKVEnvStrings builds it
// before any request: each --env-file in order (kvfile.Parse: comments and blank lines skipped,
// values verbatim), then each -e; a bare KEY takes the client's value and is dropped when unset.

import type { Invocation } from "../../cli/command";
import type { ProgramContext } from "../../programs/registry";
import { envFromFiles } from "../cli/service-spec";

export type EnvFlags = { ok: true; env: Record<string, string> } | { ok: false; error: string };

export function envFromFlags(ctx: ProgramContext, inv: Invocation): EnvFlags {
  const files = envFromFiles(ctx.host, inv.flags.list("env-file"), ctx.env);
  if (!files.ok) return files;
  const env: Record<string, string> = {};
  for (const e of [...files.lines, ...inv.flags.list("env")]) {
    const i = e.indexOf("=");
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
    else if (ctx.env[e] !== undefined) env[e] = ctx.env[e]!;
  }
  return { ok: true, env };
}
