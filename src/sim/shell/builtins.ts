// Builtins that only touch the shell's variables or the current machine's working directory.
// (ssh and exit, which move between machines, live in the interpreter.)

import type { ExecResult } from "../programs/registry";
import type { Host } from "../world";

export interface ShellEnv {
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  readonly aliases: Map<string, string>;
  readonly host: Host;
}

type Builtin = (sh: ShellEnv, args: string[]) => ExecResult;

const ok = (stdout = ""): ExecResult => ({ exitCode: 0, stdout, stderr: "" });
const fail = (stderr: string): ExecResult => ({ exitCode: 1, stdout: "", stderr });

const exportVars: Builtin = (sh, args) => {
  for (const a of args) {
    if (a.startsWith("-")) continue;
    const eq = a.indexOf("=");
    const key = eq < 0 ? a : a.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return fail(`bash: export: \`${a}': not a valid identifier\n`);
    if (eq >= 0) sh.vars.set(key, a.slice(eq + 1));
    sh.exported.add(key);
  }
  return ok();
};

const unset: Builtin = (sh, args) => {
  for (const a of args) {
    sh.vars.delete(a);
    sh.exported.delete(a);
  }
  return ok();
};

const cd: Builtin = (sh, args) => {
  const fs = sh.host.fs;
  const dir = args[0] ?? "/root";
  if (fs.read(dir) !== undefined) return fail(`bash: cd: ${dir}: Not a directory\n`);
  // Directories exist implicitly under the files they hold (and when made with mkdir).
  if (!fs.isDir(dir) && dir !== "/") return fail(`bash: cd: ${dir}: No such file or directory\n`);
  fs.cwd = fs.resolve(dir);
  return ok();
};

/** `alias NAME=VALUE…`, `alias` (lists), `alias NAME` (shows one). */
const alias: Builtin = (sh, args) => {
  const show = (n: string) => `alias ${n}='${sh.aliases.get(n)!.replace(/'/g, "'\\''")}'\n`;
  if (args.length === 0) return ok([...sh.aliases.keys()].sort().map(show).join(""));
  let out = "";
  let err = "";
  for (const a of args) {
    const eq = a.indexOf("=");
    if (eq < 0) {
      if (sh.aliases.has(a)) out += show(a);
      else err += `bash: alias: ${a}: not found\n`;
      continue;
    }
    const name = a.slice(0, eq);
    if (!/^[^\s/$`=|&;()<>'"]+$/.test(name)) {
      err += `bash: alias: \`${name}': invalid alias name\n`;
      continue;
    }
    sh.aliases.set(name, a.slice(eq + 1));
  }
  return { exitCode: err ? 1 : 0, stdout: out, stderr: err };
};

const unalias: Builtin = (sh, args) => {
  if (args.includes("-a")) {
    sh.aliases.clear();
    return ok();
  }
  let err = "";
  for (const a of args) if (!sh.aliases.delete(a)) err += `bash: unalias: ${a}: not found\n`;
  return { exitCode: err ? 1 : 0, stdout: "", stderr: err };
};

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["alias", alias],
  ["unalias", unalias],
  // Tab completion is an interactive nicety: `complete -F __start_kubectl k` is accepted, silently.
  ["complete", () => ok()],
  ["export", exportVars],
  ["unset", unset],
  ["cd", cd],
  ["pwd", (sh) => ok(sh.host.fs.cwd + "\n")],
]);
