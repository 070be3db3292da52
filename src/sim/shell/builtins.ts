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

export const SUDO_USAGE = "usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\nusage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\nusage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n";

/** sudo's own options stripped: the command to run ([] for `sudo -i`/`-s`), undefined for no command. */
export function stripSudo(args: string[]): string[] | undefined {
  let i = 0;
  let shell = false;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") { i++; break; }
    if (!a.startsWith("-")) break;
    if (/^-[ugCDghpRrTt]$/.test(a)) i++;
    if (a === "-i" || a === "-s" || a === "--login" || a === "--shell") shell = true;
  }
  const rest = args.slice(i);
  if (rest.length === 0) return shell ? [] : undefined;
  return rest;
}

/** ssh's own options skipped: the destination (user@ dropped) and the remote command, if any. */
export function parseSsh(args: string[]): { dest: string; command?: string } | { error: string } {
  const rest = [...args];
  while (rest.length && rest[0]!.startsWith("-")) {
    const flag = rest.shift()!;
    if (/^-[ilopFJ]$/.test(flag)) rest.shift();
  }
  if (rest.length === 0) {
    return { error: "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           destination [command [argument ...]]\n" };
  }
  const dest = rest.shift()!.replace(/^[^@]*@/, "");
  return rest.length ? { dest, command: rest.join(" ") } : { dest };
}
