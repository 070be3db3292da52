// stat and readlink, busybox's (coreutils/stat.c, readlink.c) and GNU coreutils' 9.1. stat's
// format directives take printf's flags and width (`%-10s`, `%04a`); the default display is
// the formats the tools print themselves. Device and inode numbers are made up (stable per
// path): nothing in a simulated container has real ones.

import { normalizePath } from "../fs";
import { modeString, type FsNode } from "../fs-access";
import { resolveLinks } from "../fs-paths";
import { fsNode } from "../fs-node";
import { accountName } from "../identity";
import type { CommandFn } from "./commands";

const BUSYBOX_FORMAT = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %h\n"
  + "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z";
const GNU_FORMAT = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Hd,%Ld\tInode: %-10i  Links: %h\n"
  + "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w";
/** The overlay root's device (major 0, an anonymous minor), as containers commonly show it. */
const DEVICE_MINOR = 0x34;

const TYPE_BITS = { file: 0o100000, dir: 0o040000, symlink: 0o120000 } as const;

function fileType(n: FsNode): string {
  if (n.type === "dir") return "directory";
  if (n.type === "symlink") return "symbolic link";
  return n.size === 0 ? "regular empty file" : "regular file";
}

/** A stable made-up inode number per path (FNV-1a). */
function inode(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return 1_000_000 + (h % 8_000_000);
}

/** GNU's shell-escape quoting of %N: a plain name as it is, anything else in single quotes. */
const gnuQuote = (s: string): string => (/^[A-Za-z0-9_.\/+:,@%^=-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** printf's flags, width and precision applied to one converted value. */
function pad(spec: string, value: string, numeric: boolean): string {
  const m = /^([-#+ 0]*)(\d*)(?:\.(\d+))?$/.exec(spec);
  if (!m) return value;
  const [, flags = "", width = "", precision] = m;
  let v = !numeric && precision !== undefined ? value.slice(0, Number(precision)) : value;
  const w = Number(width || "0");
  if (v.length >= w) return v;
  if (flags.includes("-")) return v.padEnd(w);
  v = numeric && flags.includes("0") ? v.padStart(w, "0") : v.padStart(w);
  return v;
}

/** busybox's human_time ("2026-11-26 14:00:00.000000000"); GNU adds the zone. */
function humanTime(ms: number, gnu: boolean): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000000${gnu ? " +0000" : ""}`;
}

function render(format: string, name: string, path: string, n: FsNode, ctx: Parameters<CommandFn>[2]): string {
  const fs = ctx.host.fs;
  const mtime = n.stat.mtime ?? ctx.host.now();
  const named = (kind: "user" | "group", id: number) => accountName(fs, kind, id) ?? "UNKNOWN";
  // GNU's %Hd and %Ld are the device's major and minor numbers.
  return format.replace(/%([-#+ 0-9.]*)((?:[HL](?=[dr]))?[a-zA-Z%]|$)/g, (_all, spec: string, c: string) => {
    const num = (v: number, base = 10) => pad(spec, v.toString(base), true);
    const str = (v: string) => pad(spec, v, false);
    switch (c) {
      case "%": return "%";
      case "": return "%";
      case "n": return str(name);
      case "N": return n.type === "symlink" ? (ctx.gnu ? `${gnuQuote(name)} -> ${gnuQuote(n.target!)}` : `'${name}' -> '${n.target}'`) : str(ctx.gnu ? gnuQuote(name) : name);
      case "a": return pad(spec.includes("#") ? spec.replace("#", "") : spec, (spec.includes("#") ? "0" : "") + (n.stat.mode & 0o7777).toString(8), true);
      case "A": return str(modeString(n.stat, n.type === "symlink" ? "l" : n.type === "dir"));
      case "b": return num(n.blocks * 2);
      case "B": return num(512);
      case "d": return num(DEVICE_MINOR);
      case "D": return num(DEVICE_MINOR, 16);
      case "Hd": return num(0);
      case "Ld": return num(DEVICE_MINOR);
      case "f": return num(TYPE_BITS[n.type] | (n.type === "symlink" ? 0o777 : n.stat.mode & 0o7777), 16);
      case "F": return str(fileType(n));
      case "g": return num(n.stat.gid);
      case "G": return str(named("group", n.stat.gid));
      case "h": return num(n.nlink);
      case "i": return num(inode(path));
      case "o": return num(4096);
      case "s": return num(n.size);
      case "u": return num(n.stat.uid);
      case "U": return str(named("user", n.stat.uid));
      case "x": case "y": case "z": case "w": return str(humanTime(mtime, ctx.gnu));
      case "X": case "Y": case "Z": case "W": return num(Math.floor(mtime / 1000));
      // An unknown directive: GNU prints "?", busybox the letter.
      default: return ctx.gnu ? "?" : str(c);
    }
  });
}

/** GNU --printf's backslash escapes (\n, \t, \\, octal). */
const unescape = (s: string): string =>
  s.replace(/\\(n|t|r|\\|"|0?[0-7]{1,3})/g, (_, e: string) => ({ n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"' } as Record<string, string>)[e] ?? String.fromCharCode(parseInt(e, 8)));

export const stat: CommandFn = (args, io, ctx) => {
  let format: string | undefined;
  let printf = false;
  let follow = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-c" || a === "--format" || a === "--printf") { format = args[++i] ?? ""; printf = a === "--printf"; }
    else if (a.startsWith("--format=")) format = a.slice(9);
    else if (a.startsWith("--printf=")) { format = a.slice(9); printf = true; }
    else if (a.startsWith("-c") && a.length > 2) format = a.slice(2);
    else if (a === "-L" || a === "--dereference") follow = true;
    else files.push(a);
  }
  if (files.length === 0) {
    io.err(ctx.gnu ? "stat: missing operand\nTry 'stat --help' for more information.\n" : "stat: missing operand\n");
    return 1;
  }
  let status = 0;
  for (const f of files) {
    const path = normalizePath(f, ctx.cwd);
    const n = fsNode(ctx.host.fs, path, follow);
    if (!n) {
      io.err(ctx.gnu ? `stat: cannot stat '${f}': No such file or directory\n` : `stat: can't stat '${f}': No such file or directory\n`);
      status = 1;
      continue;
    }
    // -L reports the file the link points to (its inode, not the link's).
    const at = follow ? resolveLinks((p) => ctx.host.fs.symlink?.(p)?.target, path, true) : path;
    const text = render(format ?? (ctx.gnu ? GNU_FORMAT : BUSYBOX_FORMAT), f, at, n, ctx);
    io.out(printf ? unescape(text) : `${text}\n`);
  }
  return status;
};

/** readlink FILE: a symlink's target; -f/-e/-m the canonical path with every link followed. */
export const readlink: CommandFn = (args, io, ctx) => {
  const opts = new Set<string>();
  const files: string[] = [];
  for (const a of args) {
    if (a.startsWith("-") && a.length > 1) for (const c of a.slice(1)) opts.add(c);
    else files.push(a);
  }
  const fs = ctx.host.fs;
  const nl = opts.has("n") ? "" : "\n";
  let status = 0;
  for (const f of files) {
    const path = normalizePath(f, ctx.cwd);
    if (opts.has("f") || opts.has("e") || opts.has("m")) {
      const real = resolveLinks((p) => fs.symlink?.(p)?.target, path, true);
      // -f needs every directory on the way, -e the file itself too.
      if ((opts.has("e") && !fs.exists(real)) || (opts.has("f") && !fs.isDir(real.slice(0, real.lastIndexOf("/")) || "/"))) { status = 1; continue; }
      io.out(real + nl);
      continue;
    }
    const link = fs.symlink?.(path);
    if (!link) { status = 1; continue; }
    io.out(link.target + nl);
  }
  return status;
};
