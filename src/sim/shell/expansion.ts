// The expansion half of the machines' shell: $VAR and ${VAR:-x}, $(…), word splitting, globbing,
// ~, aliases in command position, here-document bodies, and where redirections send input and
// output. interpreter.ts runs lines, lists, pipelines and compound commands on top of it.

import type { ExecResult } from "../programs/registry";
import type { Host } from "../world";
import type { Line, Redirect, Word } from "./ast";
import { parseScript } from "./parser";

export const SHELL_LIMITS = {
  /** Bytes of stdout (and of stderr) kept per step. */
  stepOutput: 256 * 1024,
  /** Nesting of `$(…)` and `ssh HOST CMD`. */
  depth: 8,
  /** Words after expansion in one command. */
  words: 10_000,
  /** Iterations of one loop (a `while` waiting on the cluster sleeps in between). */
  loopIterations: 1_000,
};

export interface Step {
  host: string;
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export abstract class Expander {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  /** `alias k=kubectl`: expanded at the start of a command, as an interactive bash does. */
  readonly aliases = new Map<string, string>();
  protected lastExit = 0;
  protected depth = 0;

  abstract get host(): Host;
  abstract runLine(line: Line): Step;

  /** The command's words with an alias in command position replaced by its value (aliases of aliases too, no loops). */
  protected withAliases(words: Word[]): Word[] {
    let out = words;
    const seen = new Set<string>();
    for (;;) {
      const first = out[0];
      const part = first?.parts.length === 1 ? first.parts[0] : undefined;
      if (!part || part.kind !== "lit" || part.quoted || seen.has(part.text)) return out;
      const value = this.aliases.get(part.text);
      if (value === undefined) return out;
      seen.add(part.text);
      const parsed = parseScript(value)[0]?.lists[0]?.first.commands[0];
      const replacement = parsed && !("kind" in parsed) ? parsed.words : [];
      // The replacement's first word is checked again (an alias of an alias), never the same one twice.
      out = [...replacement, ...out.slice(1)];
    }
  }

  protected deliver(text: string, to: { path?: string; append?: boolean; null?: boolean }, fallback: (t: string) => void): void {
    if (to.null) return;
    if (to.path !== undefined) {
      if (to.append) this.host.fs.append(to.path, text);
      else this.host.fs.write(to.path, text);
      return;
    }
    fallback(text);
  }

  protected applyRedirect(r: Redirect, errOut: Output):
    | { error: string }
    | { fd: number; stdin?: string; target: { path?: string; append?: boolean; null?: boolean; toErr?: boolean; toOut?: boolean } } {
    switch (r.kind) {
      case "heredoc": {
        const body = r.expand ? this.expandHeredoc(r.body, errOut) : r.body;
        return { fd: 0, stdin: body, target: {} };
      }
      case "herestring":
        return { fd: 0, stdin: this.expandWord(r.word, errOut, false).join(" ") + "\n", target: {} };
      case "dup":
        if (r.fd === 2 && r.to === 1) return { fd: 2, target: { toOut: true } };
        if (r.fd === 1 && r.to === 2) return { fd: 1, target: { toErr: true } };
        return { fd: -1, target: {} };
      case "file": {
        const path = this.expandWord(r.target, errOut, false).join(" ");
        if (r.op === "<") {
          const content = this.host.fs.read(path);
          if (content === undefined) return { error: `bash: ${path}: No such file or directory\n` };
          return { fd: 0, stdin: content, target: {} };
        }
        if (path === "/dev/null") return { fd: r.fd, target: { null: true } };
        if (path === "/dev/stderr" && r.fd === 1) return { fd: 1, target: { toErr: true } };
        if (path === "/dev/stdout" && r.fd === 2) return { fd: 2, target: { toOut: true } };
        if (this.host.fs.isDir(path)) return { error: `bash: ${path}: Is a directory\n` };
        if (r.op === ">") this.host.fs.write(path, "");
        return { fd: r.fd, target: { path, append: true } };
      }
    }
  }

  /** Expands a word into fields (word splitting and globbing unless `split` is false). */
  protected expandWord(word: Word, errOut: Output, split = true): string[] {
    const fields: string[] = [];
    let cur = "";
    let have = false;
    let glob = false;
    const pushText = (text: string, quoted: boolean) => {
      if (quoted || !split) {
        cur += text;
        have = true;
        return;
      }
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && (have || cur !== "")) {
          fields.push(cur);
          cur = "";
          have = false;
        }
        if (piece !== "") { cur += piece; have = true; }
      });
    };
    word.parts.forEach((part, index) => {
      if (part.kind === "lit") {
        // Tilde expansion: an unquoted ~ starting the word (alone or before /) is $HOME.
        const text = index === 0 && !part.quoted && /^~(\/|$)/.test(part.text) ? (this.vars.get("HOME") ?? "/root") + part.text.slice(1) : part.text;
        cur += text;
        have = true;
        if (!part.quoted && /[*?]/.test(part.text)) glob = true;
      } else if (part.kind === "var") {
        let value = this.variable(part.name);
        if ((value === undefined || value === "") && part.fallback) {
          value = this.expandWord(part.fallback, errOut, false).join(" ");
        }
        pushText(value ?? "", part.quoted);
      } else {
        pushText(this.substitute(part.source, errOut), part.quoted);
      }
    });
    if (have || cur !== "") fields.push(cur);
    if (glob && split) return fields.flatMap((f) => this.glob(f));
    return fields;
  }

  protected variable(name: string): string | undefined {
    if (name === "?") return String(this.lastExit);
    if (name === "$") return "4242";
    if (name === "#") return "0";
    if (/^\d$/.test(name)) return name === "0" ? "bash" : "";
    // bash keeps PWD as `cd` leaves it: the machine's working directory, unless assigned.
    if (name === "PWD") return this.vars.get(name) ?? this.workingDirectory();
    return this.vars.get(name);
  }

  /** The directory the shell is in (the machine's, for the host shell). */
  protected workingDirectory(): string {
    return "/";
  }

  protected substitute(source: string, errOut: Output): string {
    if (this.depth >= SHELL_LIMITS.depth) {
      errOut.stderr += "bash: command substitution nested too deeply\n";
      return "";
    }
    this.depth++;
    const saved = this.lastExit;
    try {
      let stdout = "";
      for (const line of parseScript(source)) {
        const step = this.runLine(line);
        stdout += step.stdout;
        errOut.stderr += step.stderr;
      }
      errOut.exitCode = this.lastExit;
      return stdout.replace(/\n+$/, "");
    } finally {
      this.depth--;
      if (errOut.exitCode === undefined) this.lastExit = saved;
    }
  }

  /** Unquoted here-document bodies expand $VAR and $(…) but are not split. */
  protected expandHeredoc(body: string, errOut: Output): string {
    return body.replace(/\\([$`\\])|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|\?)|\$\(([^()]*)\)/g,
      (m, esc?: string, braced?: string, bare?: string, cmd?: string) => {
        if (esc) return esc;
        if (cmd !== undefined) return this.substitute(cmd, errOut);
        return this.variable((braced ?? bare)!) ?? "";
      });
  }

  protected glob(pattern: string): string[] {
    const slash = pattern.lastIndexOf("/");
    const dir = slash >= 0 ? pattern.slice(0, slash) || "/" : ".";
    const base = slash >= 0 ? pattern.slice(slash + 1) : pattern;
    const re = new RegExp("^" + base.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]") + "$");
    const matches = this.host.fs.entries(dir).filter((n) => re.test(n) && !n.startsWith("."));
    if (matches.length === 0) return [pattern];
    return matches.map((n) => (slash >= 0 ? `${pattern.slice(0, slash)}/${n}` : n));
  }
}

export class Output {
  stdout = "";
  stderr = "";
  exitCode: number | undefined;
}

export function clip(r: ExecResult): ExecResult {
  const cap = SHELL_LIMITS.stepOutput;
  if (r.stdout.length <= cap && r.stderr.length <= cap) return r;
  return {
    exitCode: r.exitCode,
    stdout: r.stdout.length > cap ? r.stdout.slice(0, cap) + "\n[output truncated]\n" : r.stdout,
    stderr: r.stderr.length > cap ? r.stderr.slice(0, cap) + "\n[output truncated]\n" : r.stderr,
  };
}
