// The environment `docker run|create|exec` send, as docker/cli's opts.ReadKVEnvStrings builds it
// before any request: each --env-file in order (kvfile.Parse: comments and blank lines skipped,
// values verbatim, a bare KEY taken from the client's environment or dropped when unset), then
// each -e (opts.ValidateEnv: a bare KEY takes the client's value, and stays a bare KEY when unset
// — which the daemon reads as "unset": no such variable, the image's own value hidden).

import type { Invocation } from "../../cli/command";
import type { ProgramContext } from "../../programs/registry";
import { envFromFiles } from "../cli/service-spec";

export type EnvFlags = { ok: true; env: Record<string, string>; list: string[] } | { ok: false; error: string };

export function envFromFlags(ctx: ProgramContext, inv: Invocation): EnvFlags {
  const files = envFromFiles(ctx.host, inv.flags.list("env-file"), ctx.env);
  if (!files.ok) return files;
  const list = [...files.lines];
  for (const e of inv.flags.list("env")) list.push(e.includes("=") || ctx.env[e] === undefined ? e : `${e}=${ctx.env[e]}`);
  return { ok: true, env: processEnv(list), list };
}

/**
 * The variables a process gets from a Config.Env list (moby's ReplaceOrAppendEnvValues): a later
 * KEY=VALUE replaces an earlier one in place; a bare KEY unsets it.
 */
export function processEnv(list: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of list) {
    const i = e.indexOf("=");
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
    else delete env[e];
  }
  return env;
}
