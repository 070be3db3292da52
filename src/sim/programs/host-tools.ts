// Text tools on the student's machine (sed, awk, cut, tr, uniq, tee, cp, mv, …): the same
// implementations the container shell runs (src/sim/runtime/shell), with GNU coreutils wording as
// on an Ubuntu lab machine, reading and writing the machine's working files through an adapter.
// So `kubectl get pods | awk '{print $1}'`, `docker service ps web --format '{{.Node}}' | sort | uniq -c`
// and `sed -i 's/nginx:1.25/nginx:1.26/' deploy.yaml` behave as on a real machine.

import type { VirtualFs } from "../fs";
import type { FsError } from "../runtime/fs";
import * as edit from "../runtime/shell/commands-edit";
import * as filters from "../runtime/shell/commands-filters";
import * as files from "../runtime/shell/commands-fs";
import * as text from "../runtime/shell/commands-text";
import { curl } from "../runtime/shell/commands-curl";
import { wget } from "../runtime/shell/commands-net";
import { hostHttp } from "./host-network";
import type { CommandContext, CommandFn } from "../runtime/shell/commands";
import type { ShellFs, ShellHost, Thread } from "../runtime/shell/types";
import type { Program, ProgramContext } from "./registry";

/** The machine's working files seen as a shell's file system (absolute paths in, FsError codes out). */
class HostFs implements ShellFs {
  constructor(private readonly fs: VirtualFs) {}

  read(path: string): string | FsError {
    const c = this.fs.read(path);
    if (c !== undefined) return c;
    return this.fs.isDir(path) ? "EISDIR" : "ENOENT";
  }

  write(path: string, content: string, append = false): FsError | undefined {
    if (path === "/dev/null" || path === "/dev/stdout" || path === "/dev/stderr") return undefined;
    if (this.fs.isDir(path)) return "EISDIR";
    if (this.fs.read(path) !== undefined || this.fs.isDir(parentOf(path))) {
      if (append) this.fs.append(path, content);
      else this.fs.write(path, content);
      return undefined;
    }
    return "ENOENT";
  }

  isFile(path: string): boolean {
    return this.fs.read(path) !== undefined || path === "/dev/null";
  }

  isDir(path: string): boolean {
    return this.fs.isDir(path);
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path);
  }

  list(dir: string): string[] {
    return this.fs.entries(dir);
  }

  mkdir(path: string, parents: boolean): FsError | undefined {
    if (this.isFile(path)) return "EEXIST";
    if (this.isDir(path)) return parents ? undefined : "EEXIST";
    if (!parents && !this.isDir(parentOf(path))) return "ENOENT";
    this.fs.mkdir(path);
    return undefined;
  }

  remove(path: string, recursive: boolean): FsError | undefined {
    if (this.isDir(path) && !recursive && this.fs.entries(path).length > 0) return "ENOTEMPTY";
    return this.fs.remove(path) ? undefined : "ENOENT";
  }
}

function parentOf(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

/** The commands, by name, that run here as they run in an Ubuntu container. */
const TOOLS: Readonly<Record<string, CommandFn>> = {
  sed: edit.sed, awk: edit.awk, tee: edit.tee, expr: edit.expr,
  cut: filters.cut, tr: filters.tr, uniq: filters.uniq,
  cp: files.cp, mv: files.mv,
  seq: text.seq, basename: text.basename, dirname: text.dirname, test: text.test, "[": text.bracket,
  curl, wget,
};

const ON_PATH = { has: (name: string) => name in TOOLS };

function hostTool(fn: CommandFn): Program {
  return (ctx: ProgramContext, args: string[]) => {
    const host: ShellHost = {
      fs: new HostFs(ctx.host.fs),
      hostname: ctx.host.name,
      ip: ctx.host.ip,
      now: () => ctx.world.now,
      tools: ON_PATH,
      isProgram: () => false,
      listening: () => false,
      http: (url, options) => hostHttp(ctx.world, ctx.host, url, options),
      budget: { steps: 0, instantSteps: 0 },
    };
    const cc: CommandContext = { host, cwd: ctx.host.fs.cwd, env: { ...ctx.env }, gnu: true };
    let stdout = "";
    let stderr = "";
    const result = fn(args, { stdin: ctx.stdin, out: (t) => { stdout += t; }, err: (t) => { stderr += t; } }, cc);
    return { exitCode: typeof result === "number" ? result : drain(result, ctx.world), stdout, stderr };
  };
}

/**
 * Runs a tool that may wait (curl on an address nothing answers) to its end: the machine's
 * clock passes its sleeps. One that would wait forever is cut off with status 1.
 */
function drain(thread: Thread, world: ProgramContext["world"]): number {
  let step = thread.next();
  while (!step.done) {
    const e = step.value;
    if (e.kind === "sleep") {
      if (!Number.isFinite(e.ms)) return 1;
      if (e.ms > 0) world.advance(e.ms);
    }
    step = thread.next(e.kind === "run" ? 0 : undefined);
  }
  return step.value;
}

/** Registers the tools (the host's own echo/cat/grep/… stay as they are). */
export function hostTools(): [string, Program][] {
  return Object.entries(TOOLS).map(([name, fn]) => [name, hostTool(fn)]);
}
