// How the shell runs one command line: special builtins, functions, launchers (env, xargs,
// timeout…), the image's programs, nested shells, script files, then the simulated tools.

import { normalizePath } from "../fs";
import { BUILTIN_COMMANDS, type CommandContext } from "./commands";
import { callFunction } from "./functions";
import type { Shell } from "./interpreter";
import { SHELLS, specialBuiltin, subShell } from "./invocation";
import { launches } from "./launchers";
import { notFound, permissionDenied } from "./messages";
import { ALWAYS_BUILTIN, capOutput } from "./support";
import { toolVersion, VERSION_TOOLS } from "./tool-versions";
import type { Io, Thread } from "./types";

export function* runCommand(sh: Shell, argv: string[], io: Io, assigns: readonly (readonly [string, string])[]): Thread {
  const [name, ...args] = argv as [string, ...string[]];
  const special = yield* specialBuiltin(sh, name, args, io, assigns);
  if (special !== undefined) return special;
  const fn = sh.functions.get(name);
  if (fn) return yield* callFunction(sh, fn, args, io);
  const runs = sh.host.tools.has(name) ? launches(name, args, io.stdin) : undefined;
  if (runs) {
    // xargs reports 123 when an invocation failed; the others return the command's status.
    let status = 0;
    for (const r of runs) status = yield* sh.command(r.argv, { ...io, stdin: name === "xargs" ? "" : io.stdin }, [...assigns, ...r.env]);
    return name === "xargs" && status !== 0 ? 123 : status;
  }

  const base = name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : name;
  if (sh.host.isProgram(argv)) {
    // A program that answers and exits at once (`nginx -t`) prints through this command's streams.
    const quick = sh.host.runProgram?.(argv, sh.env(assigns));
    if (quick) { io.out(quick.stdout); io.err(quick.stderr); return quick.exitCode; }
    return (yield { kind: "run", argv, exec: false }) ?? 0;
  }
  // A file without x bits named by its path (even one called like a tool: /etc/hostname) is not run.
  if (name.includes("/") && sh.host.fs.executable && sh.host.fs.isFile(normalizePath(name, sh.cwd)) && !sh.host.fs.executable(normalizePath(name, sh.cwd))) {
    io.err(permissionDenied(sh.errorContext(), name));
    return 126;
  }
  if (SHELLS.has(base) && sh.host.tools.has(base)) return yield* subShell(sh, name, args, io, assigns);
  if (name.includes("/") && !sh.host.tools.has(base)) {
    const path = normalizePath(name, sh.cwd);
    const file = sh.host.fs.read(path);
    if (typeof file === "string" && file !== "ENOENT" && file !== "EISDIR") {
      const script = sh.child([name, ...args], true);
      script.named = true;
      script.line = 1;
      return yield* script.script(file, io);
    }
    io.err(notFound(sh.errorContext(), name));
    return 127;
  }
  if (!sh.host.tools.has(base) && !ALWAYS_BUILTIN.has(base)) {
    io.err(notFound(sh.errorContext(), name));
    return 127;
  }
  if (VERSION_TOOLS.has(base)) {
    const line = toolVersion(base, args, () => sh.env(assigns));
    if (line !== undefined) { io.out(`${line}\n`); return 0; }
  }
  const impl = BUILTIN_COMMANDS[base];
  if (!impl) return 0; // present in the image but not simulated: succeeds silently
  const cctx: CommandContext = {
    host: sh.host, cwd: sh.cwd, gnu: !sh.host.tools.has("ash"), ...(sh.flavour ? { shell: sh.flavour } : {}),
    errorContext: sh.errorContext(),
    get env() { return sh.env(assigns); }, // lazy: only env/printenv read it
  };
  const r = impl(args, capOutput(io), cctx);
  return typeof r === "number" ? r : yield* r;
}
