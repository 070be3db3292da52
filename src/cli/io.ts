// The CLI's effects: reading inputs (files, directories, stdin) and writing output. The command
// modules take an Io so tests and other front ends can drive them without a process.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CliError } from "./errors";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines only then). */
  errIsTty: boolean;
  readStdin(): string;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  errIsTty: Boolean(process.stderr.isTTY),
  readStdin: () => readFileSync(0, "utf8"),
};

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A text file's content, or a CliError naming it. `-` is stdin. */
export function readText(path: string, io: Io, what = "file"): string {
  if (path === "-") return io.readStdin();
  if (!existsSync(path)) throw new CliError(`${what} not found: ${path}`);
  if (isDirectory(path)) throw new CliError(`${what} is a directory: ${path}`);
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const MAX_FILES = 1_000;
const MAX_DEPTH = 8;

/**
 * Every file under DIR (dotfiles such as .env included), keyed by its path relative to DIR with
 * '/' separators, in sorted order. `skip` names top-level entries to leave out.
 */
export function readTree(dir: string, skip: string[] = []): Record<string, string> {
  if (!isDirectory(dir)) throw new CliError(`not a directory: ${dir}`);
  const out: Record<string, string> = {};
  let count = 0;
  const walk = (d: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full).split("\\").join("/");
      if (depth === 0 && skip.includes(name)) continue;
      if (isDirectory(full)) walk(full, depth + 1);
      else if (isFile(full)) {
        if (++count > MAX_FILES) throw new CliError(`more than ${MAX_FILES} files under ${dir}`);
        out[rel] = readFileSync(full, "utf8");
      }
    }
  };
  walk(dir, 0);
  return out;
}
