// chmod (busybox and GNU coreutils): octal modes and symbolic clauses ([ugoa]*[-+=][rwxXst]*,
// comma-separated; without who, the umask 022 spares the bits it masks, as chmod(1) says), -R.
// The x bits decide whether the shell may run a file (runtime/fs.ts executable()).

import type { FsError } from "../fs";
import { normalizePath } from "../fs";
import type { CommandFn } from "./commands";

const UMASK = 0o022;

/** The new mode for one clause list, or undefined when the mode does not parse. */
export function applyMode(spec: string, mode: number, dir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let m = mode;
  for (const clause of spec.split(",")) {
    const c = /^([ugoa]*)((?:[-+=][rwxXst]*)+)$/.exec(clause);
    if (!c) return undefined;
    const who = c[1]!;
    const whoMask = who === "" ? 0o7777 & ~UMASK : [...who].reduce((acc, w) => acc | ({ u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 } as Record<string, number>)[w]!, 0);
    for (const op of c[2]!.match(/[-+=][rwxXst]*/g)!) {
      let bits = 0;
      for (const p of op.slice(1)) {
        if (p === "r") bits |= 0o444;
        else if (p === "w") bits |= 0o222;
        else if (p === "x" || (p === "X" && (dir || (m & 0o111) !== 0))) bits |= 0o111;
        else if (p === "s") bits |= 0o6000;
        else if (p === "t") bits |= 0o1000;
      }
      bits &= whoMask;
      if (op[0] === "+") m |= bits;
      else if (op[0] === "-") m &= ~bits;
      else m = (m & ~(who === "" ? 0o7777 : whoMask)) | bits;
    }
  }
  return m;
}

export const chmod: CommandFn = (args, io, ctx) => {
  let recursive = false;
  const rest: string[] = [];
  for (const a of args) {
    if (a === "-R") recursive = true;
    else if (/^-[fvc]+$/.test(a)) continue;
    else rest.push(a);
  }
  const [spec, ...files] = rest;
  if (spec === undefined || files.length === 0) {
    io.err(ctx.gnu ? (spec === undefined ? "chmod: missing operand\n" : `chmod: missing operand after '${spec}'\n`) + "Try 'chmod --help' for more information.\n"
      : "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...\n");
    return 1;
  }
  const fs = ctx.host.fs;
  if (applyMode(spec, 0o644, false) === undefined) {
    io.err(ctx.gnu ? `chmod: invalid mode: '${spec}'\nTry 'chmod --help' for more information.\n` : `chmod: invalid mode '${spec}'\n`);
    return 1;
  }
  let status = 0;
  const one = (path: string, shown: string): void => {
    const st = fs.stat?.(path) ?? { uid: 0, gid: 0, mode: 0o644 };
    const e: FsError | undefined = fs.exists(path) ? fs.chmod?.(path, applyMode(spec, st.mode, fs.isDir(path))!) : "ENOENT";
    if (e === "ENOENT") {
      io.err(ctx.gnu ? `chmod: cannot access '${shown}': No such file or directory\n` : `chmod: ${shown}: No such file or directory\n`);
      status = 1;
    } else if (e) {
      const why = e === "EROFS" ? "Read-only file system" : "Operation not permitted";
      io.err(ctx.gnu ? `chmod: changing permissions of '${shown}': ${why}\n` : `chmod: ${shown}: ${why}\n`);
      status = 1;
    }
    if (recursive && fs.isDir(path)) for (const n of fs.list(path)) one(`${path === "/" ? "" : path}/${n}`, `${shown.replace(/\/$/, "")}/${n}`);
  };
  for (const f of files) one(normalizePath(f, ctx.cwd), f);
  return status;
};
