// `docker compose run [OPTIONS] SERVICE [COMMAND] [ARGS...]` (compose's run.go): starts the
// service's dependencies (unless --no-deps) and prepares its networks/volumes/image as `up`
// does, then creates a one-off container PROJECT-SERVICE-run-<12 hex> (label
// com.docker.compose.oneoff=True, no restart policy, ports only with --service-ports/-p) and
// runs the command attached: its output is the command's, its exit code the command's.
// -d prints the container name; --rm removes the container once the command ended.

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { ATTACHED_WAIT_CAP_MS } from "../engine/commands";
import { containerLogs, createContainer, ensureImage, removeContainer, startContainer } from "../engine/ops";
import { serviceContainerOptions } from "./container-spec";
import { shellSplit } from "./model";
import { composeUp, serviceImage, type Project } from "./project";

export const errNoSuchService = (s: string) => `no such service: ${s}`;

export function composeRun(ctx: ProgramContext, inv: Invocation, p: Project): ExecResult {
  const [service, ...cmd] = inv.args;
  const s = p.model.services.find((x) => x.name === service);
  if (!s) return { exitCode: 1, stdout: "", stderr: errNoSuchService(service ?? "") + "\n" };
  const world = ctx.world;
  const host = ctx.host.name;
  const has = (f: string) => inv.spec.flags.some((x) => x.name === f);
  const bool = (f: string) => has(f) && inv.flags.bool(f);
  const str = (f: string) => (has(f) ? inv.flags.str(f) : "");
  const list = (f: string) => (has(f) ? inv.flags.list(f) : []);

  const prep = composeUp(world, host, p, {
    services: [s.name], scale: {}, profiles: [], removeOrphans: false, forceRecreate: false,
    fs: ctx.host.fs, build: bool("build"), noDeps: bool("no-deps"), skipContainers: [s.name],
  });
  if (prep.exitCode !== 0) return prep;
  const stderr = prep.stderr;

  const ref = serviceImage(p, s);
  const pulled = ensureImage(world, host, ref);
  if (!pulled.ok) return { exitCode: 1, stdout: "", stderr: stderr + `Error response from daemon: ${pulled.message}\n` };
  const extraEnv: Record<string, string> = {};
  for (const e of list("env")) {
    const i = e.indexOf("=");
    if (i > 0) extraEnv[e.slice(0, i)] = e.slice(i + 1);
    else if (ctx.env[e] !== undefined) extraEnv[e] = ctx.env[e]!;
  }
  const name = str("name") || `${p.name}-${s.name}-run-${world.rng.fork("compose-run").hexId(12)}`;
  const opts = serviceContainerOptions(p, s, pulled.image, ref, {
    name, number: 1, oneoff: true, publishPorts: bool("service-ports"),
    ...(cmd.length ? { command: cmd } : {}),
    ...(inv.flags.changed("entrypoint") ? { entrypoint: shellSplit(str("entrypoint")) } : {}),
    extraEnv,
  });
  if (str("workdir")) opts.workingDir = str("workdir");
  // getAliases: a one-off container answers to the service name only with --use-aliases.
  if (!bool("use-aliases")) opts.aliases = [];
  opts.tty = false;
  const c = createContainer(world, host, opts);
  const err = startContainer(world, host, c);
  if (err) {
    const msg = err.startsWith("Error response from daemon: ") ? err : `Error response from daemon: ${err}`;
    return { exitCode: c.startError ? c.exitCode : 1, stdout: "", stderr: stderr + msg + "\n" };
  }
  if (bool("detach")) return { exitCode: 0, stdout: name + "\n", stderr };
  world.advanceUntil(() => c.status !== "running", ATTACHED_WAIT_CAP_MS);
  const logs = containerLogs(c).filter((l) => l.time <= world.now);
  const res: ExecResult = {
    exitCode: c.status === "running" ? 0 : c.exitCode,
    stdout: logs.filter((l) => l.stream === "stdout").map((l) => l.text + "\n").join(""),
    stderr: stderr + logs.filter((l) => l.stream === "stderr").map((l) => l.text + "\n").join(""),
  };
  if (bool("rm") && c.status !== "running") removeContainer(world, host, c, { volumes: true });
  return res;
}
