// File commands of busybox and GNU coreutils, with each flavour's error wording: cat, touch, rm,
// mkdir, rmdir, ls, cp, mv.

import { normalizePath, type FsError } from "../fs";
import { defaultStat, modeString } from "../fs-access";
import { fsNode } from "../fs-node";
import { resolveLinks } from "../fs-paths";
import { accountName } from "../identity";
import type { CommandFn } from "./commands";

const REASON: Record<FsError, string> = {
  ENOENT: "No such file or directory", EISDIR: "Is a directory", ENOTDIR: "Not a directory", EROFS: "Read-only file system",
  ENOTEMPTY: "Directory not empty", EEXIST: "File exists", ENOSPC: "No space left on device", EACCES: "Permission denied", EPERM: "Operation not permitted",
};

/** Splits leading "-xyz" flags (until "--" or the first operand). */
export function flags(args: string[]): { opts: Set<string>; rest: string[] } {
  const opts = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") { i++; break; }
    if (!a.startsWith("-") || a === "-") break;
    if (a.startsWith("--")) opts.add(a);
    else for (const c of a.slice(1)) opts.add(c);
  }
  return { opts, rest: args.slice(i) };
}

export const cat: CommandFn = (args, io, ctx) => {
  const { rest } = flags(args);
  if (rest.length === 0) { io.out(io.stdin); return 0; }
  let status = 0;
  for (const f of rest) {
    if (f === "-") { io.out(io.stdin); continue; }
    if (ctx.host.fs.readable?.(normalizePath(f, ctx.cwd)) === false) {
      status = 1;
      io.err(ctx.gnu ? `cat: ${f}: Permission denied\n` : `cat: can't open '${f}': Permission denied\n`);
      continue;
    }
    const c = ctx.host.fs.read(normalizePath(f, ctx.cwd));
    if (c === "ENOENT" || c === "EISDIR" || c === "ENOTDIR") {
      status = 1;
      if (c === "EISDIR") io.err(ctx.gnu ? `cat: ${f}: Is a directory\n` : "cat: read error: Is a directory\n");
      else io.err(ctx.gnu ? `cat: ${f}: No such file or directory\n` : `cat: can't open '${f}': No such file or directory\n`);
    } else io.out(c);
  }
  return status;
};

export const touch: CommandFn = (args, io, ctx) => {
  let status = 0;
  for (const f of flags(args).rest) {
    const p = normalizePath(f, ctx.cwd);
    if (ctx.host.fs.isFile(p) || ctx.host.fs.isDir(p)) continue;
    const bad = ctx.host.fs.write(p, "");
    if (bad) {
      status = 1;
      io.err(ctx.gnu ? `touch: cannot touch '${f}': ${REASON[bad]}\n` : `touch: ${f}: ${REASON[bad]}\n`);
    }
  }
  return status;
};

export const rm: CommandFn = (args, io, ctx) => {
  const { opts, rest } = flags(args);
  const force = opts.has("f");
  const recursive = opts.has("r") || opts.has("R");
  let status = 0;
  for (const f of rest) {
    const p = normalizePath(f, ctx.cwd);
    if (ctx.host.fs.isDir(p) && !recursive) {
      status = 1;
      io.err(ctx.gnu ? `rm: cannot remove '${f}': Is a directory\n` : `rm: '${f}' is a directory\n`);
      continue;
    }
    const bad = ctx.host.fs.remove(p, recursive);
    if (bad && !(bad === "ENOENT" && force)) {
      status = 1;
      io.err(ctx.gnu ? `rm: cannot remove '${f}': ${REASON[bad]}\n` : `rm: can't remove '${f}': ${REASON[bad]}\n`);
    }
  }
  return status;
};

export const mkdir: CommandFn = (args, io, ctx) => {
  const { opts, rest } = flags(args);
  let status = 0;
  for (const d of rest) {
    const bad = ctx.host.fs.mkdir(normalizePath(d, ctx.cwd), opts.has("p"));
    if (bad) {
      status = 1;
      io.err(ctx.gnu ? `mkdir: cannot create directory '${d}': ${REASON[bad]}\n` : `mkdir: can't create directory '${d}': ${REASON[bad]}\n`);
    }
  }
  return status;
};

export const rmdir: CommandFn = (args, io, ctx) => {
  let status = 0;
  for (const d of flags(args).rest) {
    const p = normalizePath(d, ctx.cwd);
    const bad = !ctx.host.fs.isDir(p) ? "ENOENT" : ctx.host.fs.remove(p, false);
    if (bad) { status = 1; io.err(ctx.gnu ? `rmdir: failed to remove '${d}': ${REASON[bad]}\n` : `rmdir: '${d}': ${REASON[bad]}\n`); }
  }
  return status;
};

/** A path as ls shows it: where it is, the name printed, and whether a final symlink is followed. */
interface Listed { path: string; name: string; follow: boolean }

/**
 * One `ls -l` line per entry. The virtual filesystem keeps owners and modes only where they differ
 * from root's 0644 files and 0755 directories (runtime/fs-access.ts); sizes, blocks and links are
 * the filesystem's (runtime/fs-node.ts), times the entry's or the current virtual time. A symlink
 * shows as `name -> target`. Owners are named from the container's /etc/passwd and /etc/group, as
 * numbers where they have no name. GNU pads the link, owner and size columns to the widest entry;
 * busybox uses fixed widths ("%4u %-8.8s %-8.8s %9u").
 */
function longListing(ctx: Parameters<CommandFn>[2], entries: Listed[], withTotal: boolean): string {
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const when = (ms: number) => {
    const d = new Date(ms);
    return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  };
  const fs = ctx.host.fs;
  const label = (kind: "user" | "group", n: number) => accountName(fs, kind, n) ?? String(n);
  const rows = entries.map(({ path, name, follow }) => {
    const node = fsNode(fs, path, follow) ?? { type: "file" as const, stat: defaultStat(path, false), size: 0, blocks: 0, nlink: 1 };
    const st = node.stat;
    return {
      name: node.target !== undefined ? `${name} -> ${node.target}` : name, mode: modeString(st, node.type === "symlink" ? "l" : node.type === "dir"),
      links: node.nlink, size: node.size, blocks: node.blocks, user: label("user", st.uid), group: label("group", st.gid), when: when(st.mtime ?? ctx.host.now()),
    };
  });
  const total = rows.reduce((t, r) => t + r.blocks, 0);
  let out = withTotal ? `total ${total}\n` : "";
  const w = (f: (r: (typeof rows)[number]) => string) => Math.max(...rows.map((r) => f(r).length), 1);
  const lw = w((r) => String(r.links)), sw = w((r) => String(r.size)), uw = w((r) => r.user), gw = w((r) => r.group);
  for (const r of rows) {
    out += ctx.gnu
      ? `${r.mode} ${String(r.links).padStart(lw)} ${r.user.padEnd(uw)} ${r.group.padEnd(gw)} ${String(r.size).padStart(sw)} ${r.when} ${r.name}\n`
      : `${r.mode} ${String(r.links).padStart(4)} ${r.user.slice(0, 8).padEnd(8)} ${r.group.slice(0, 8).padEnd(8)} ${String(r.size).padStart(9)} ${r.when} ${r.name}\n`;
  }
  return out;
}

/**
 * ls: missing operands are reported first, then the files (and, with -d, directories) sorted,
 * then each directory's entries under a `DIR:` header when there are several operands. A symlink
 * operand is followed unless -l or -d shows it (-L, -H or a trailing slash follow it anyway); the
 * entries of a listed directory are followed only with -L.
 */
export const ls: CommandFn = (args, io, ctx) => {
  const { opts, rest } = flags(args);
  const targets = rest.length ? rest : ["."];
  const long = opts.has("l");
  const deref = opts.has("L");
  let status = 0;
  const files: { t: string; p: string; follow: boolean }[] = [];
  const dirs: { t: string; p: string }[] = [];
  for (const t of targets) {
    const p = normalizePath(t, ctx.cwd);
    const follow = deref || opts.has("H") || t.endsWith("/") || !(long || opts.has("d"));
    const node = fsNode(ctx.host.fs, p, follow);
    if (node && (node.type !== "dir" || opts.has("d"))) files.push({ t, p, follow });
    else if (node) dirs.push({ t, p });
    else {
      status = ctx.gnu ? 2 : 1;
      io.err(ctx.gnu ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`);
    }
  }
  const byName = (a: { t: string }, b: { t: string }) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0);
  for (const { t, p, follow } of files.sort(byName)) io.out(long ? longListing(ctx, [{ path: p, name: t, follow }], false) : `${t}\n`);
  dirs.sort(byName).forEach(({ t, p }, k) => {
    if (targets.length > 1) io.out(`${k > 0 || files.length > 0 ? "\n" : ""}${t}:\n`);
    const listed = ctx.host.fs.list(p).filter((n) => opts.has("a") || opts.has("A") || !n.startsWith("."));
    // -a also lists the directory itself and its parent.
    const names = opts.has("a") ? [".", "..", ...listed] : listed;
    // `..` is the parent of where the directory really is (a volume's `conf -> ..data/conf` is in the timestamped directory).
    const real = resolveLinks((x) => ctx.host.fs.symlink?.(x)?.target, p, true);
    const at = (n: string) => (n === "." ? p : n === ".." ? normalizePath(`${real}/..`) : normalizePath(`${p}/${n}`));
    if (long) io.out(longListing(ctx, names.map((n) => ({ path: at(n), name: n, follow: deref || n === "." || n === ".." })), true));
    else for (const n of names) io.out(`${n}\n`);
  });
  return status;
};

function copy(move: boolean): CommandFn {
  return (args, io, ctx) => {
    const name = move ? "mv" : "cp";
    const { rest } = flags(args);
    if (rest.length < 2) { io.err(`${name}: missing file operand\n`); return 1; }
    const dest = normalizePath(rest[rest.length - 1]!, ctx.cwd);
    let status = 0;
    for (const src of rest.slice(0, -1)) {
      const from = normalizePath(src, ctx.cwd);
      const content = ctx.host.fs.read(from);
      if (content === "ENOENT" || content === "EISDIR" || content === "ENOTDIR") {
        status = 1;
        io.err(ctx.gnu ? `${name}: cannot stat '${src}': No such file or directory\n` : `${name}: can't stat '${src}': No such file or directory\n`);
        continue;
      }
      const to = ctx.host.fs.isDir(dest) ? `${dest}/${from.slice(from.lastIndexOf("/") + 1)}` : dest;
      const bad = ctx.host.fs.write(to, content);
      if (bad) { status = 1; io.err(`${name}: can't create '${to}': ${REASON[bad]}\n`); continue; }
      if (move) ctx.host.fs.remove(from, false);
    }
    return status;
  };
}
export const cp = copy(false);
export const mv = copy(true);

/** find [PATH…] [-maxdepth N] [-type f|d|l] [-name GLOB]: a pre-order walk, paths as given plus children. */
export const find: CommandFn = (args, io, ctx) => {
  const roots: string[] = [];
  let type: string | undefined;
  let name: RegExp | undefined;
  let maxDepth = Infinity;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-type") type = args[++i];
    else if (a === "-name" || a === "-iname") {
      const glob = (args[++i] ?? "").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
      name = new RegExp(`^${glob}$`, a === "-iname" ? "i" : "");
    } else if (a === "-maxdepth") maxDepth = Number(args[++i] ?? "0");
    else if (!a.startsWith("-")) roots.push(a);
  }
  let status = 0;
  const walk = (shown: string, path: string, depth: number) => {
    // find -P (the default) never follows a symlink, a starting point included (unless written with a slash): it is of type l.
    const link = !(depth === 0 && shown.endsWith("/")) && ctx.host.fs.symlink?.(path) !== undefined;
    const isDir = !link && ctx.host.fs.isDir(path);
    const kind = link ? "l" : isDir ? "d" : "f";
    const base = shown.replace(/\/+$/, "").split("/").pop() || shown;
    if ((!type || type === kind) && (!name || name.test(base))) io.out(`${shown}\n`);
    if (!isDir || depth >= maxDepth) return;
    for (const child of ctx.host.fs.list(path)) walk(`${shown.replace(/\/$/, "")}/${child}`, normalizePath(`${path}/${child}`), depth + 1);
  };
  for (const r of roots.length ? roots : ["."]) {
    const p = normalizePath(r, ctx.cwd);
    if (!ctx.host.fs.exists(p)) {
      io.err(ctx.gnu ? `find: '${r}': No such file or directory\n` : `find: ${r}: No such file or directory\n`);
      status = 1;
      continue;
    }
    walk(r, p, 0);
  }
  return status;
};
