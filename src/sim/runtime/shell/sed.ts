// sed as GNU sed 4.9 and busybox sed run the scripts students write: s/// (any delimiter, an
// escaped delimiter standing for itself, flags g p I and a number), p, d, q, with line, $ and
// /regex/ (or \cREGEXc) addresses, ranges and !, commands apart by ; or newlines; -n, -i, -e, -E/-r.
// Scripts are parsed the way compile.c reads them, one command after another (a ; inside an s
// command is its text), and a malformed one is refused with GNU's "-e expression #1, char N" words.

import { normalizePath } from "../fs";
import type { CommandFn } from "./commands";
import { readTextFile } from "./support";


type Address = { line: number } | { last: true } | { re: RegExp };
interface SedCommand {
  addr?: Address;
  /** The end of a range `addr,addr2` (GNU: a line number not after the start makes it one line). */
  addr2?: Address;
  /** `addr!cmd`: the lines the address does not select. */
  negate?: boolean;
  cmd: "s" | "p" | "d" | "q";
  re?: RegExp;
  replacement?: (match: string, groups: (string | undefined)[]) => string;
  print?: boolean;
  /** s///N: replace only the Nth match (with g: it and every later one). */
  nth?: number;
  /** The g flag. */
  all?: boolean;
}

class SedError extends Error {}

/** POSIX basic regular expressions as JavaScript ones: \( \) \{ \} \+ \? \| are the operators. */
export function breToJs(re: string, extended: boolean): string {
  if (extended) return re;
  let out = "";
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === "\\" && i + 1 < re.length) {
      const n = re[++i]!;
      out += "(){}+?|".includes(n) ? n : `\\${n}`;
    } else out += "(){}+?|".includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** Reads one command at a time from the script, as GNU sed's compile.c does. */
class ScriptReader {
  pos = 0;
  constructor(private readonly src: string, private readonly extended: boolean) {}

  private fail(message: string): never {
    throw new SedError(`-e expression #1, char ${this.pos}: ${message}`);
  }

  /** Text up to the next unescaped `delim`, the delimiter consumed; `\delim` stands for the delimiter itself. */
  private delimited(delim: string, what: string): string {
    let out = "";
    for (;;) {
      if (this.pos >= this.src.length) this.fail(what);
      const c = this.src[this.pos++]!;
      if (c === delim) return out;
      if (c === "\\" && this.pos < this.src.length) {
        const n = this.src[this.pos++]!;
        out += n === delim ? delim : n === "n" && delim !== "n" ? "\\n" : `\\${n}`;
        continue;
      }
      if (c === "\n" && what.startsWith("unterminated")) this.fail(what);
      out += c;
    }
  }

  private regex(source: string, flags: string): RegExp {
    try {
      return new RegExp(breToJs(source, this.extended).replace(/\\n/g, "\n"), flags);
    } catch {
      this.fail(/[([]/.test(source) ? "Unmatched ( or \\(" : "Invalid preceding regular expression");
    }
  }

  private address(): Address | undefined {
    const rest = this.src.slice(this.pos);
    const num = /^\d+/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return { line: Number(num[0]) };
    }
    if (rest.startsWith("$")) {
      this.pos++;
      return { last: true };
    }
    if (rest.startsWith("/") || rest.startsWith("\\")) {
      const delim = rest.startsWith("/") ? "/" : rest[1] ?? "";
      this.pos += rest.startsWith("/") ? 1 : 2;
      return { re: this.regex(this.delimited(delim, "unterminated address regex"), "") };
    }
    return undefined;
  }

  private skipBlanks(): void {
    while (this.pos < this.src.length && /[ \t]/.test(this.src[this.pos]!)) this.pos++;
  }

  /** The replacement's parts: `&` the match, `\1`…`\9` groups, `\n` a newline, other escapes the character. */
  private replacement(text: string): SedCommand["replacement"] {
    const parts: (string | number)[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === "&") parts.push(0);
      else if (c === "\\" && i + 1 < text.length) {
        const n = text[++i]!;
        parts.push(/\d/.test(n) ? Number(n) : n === "n" ? "\n" : n === "t" ? "\t" : n);
      } else parts.push(c);
    }
    return (match, groups) => parts.map((p) => (typeof p === "string" ? p : p === 0 ? match : groups[p - 1] ?? "")).join("");
  }

  commands(): SedCommand[] {
    const out: SedCommand[] = [];
    for (;;) {
      while (this.pos < this.src.length && /[\s;]/.test(this.src[this.pos]!)) this.pos++;
      if (this.pos >= this.src.length) return out;
      const addr = this.address();
      let addr2: Address | undefined;
      if (addr && this.src[this.pos] === ",") {
        this.pos++;
        addr2 = this.address();
        if (!addr2) this.fail("unexpected `,'");
      }
      this.skipBlanks();
      const negate = this.src[this.pos] === "!";
      if (negate) { this.pos++; this.skipBlanks(); }
      const where = { ...(addr ? { addr } : {}), ...(addr2 ? { addr2 } : {}), ...(negate ? { negate } : {}) };
      const cmd = this.src[this.pos++];
      if (cmd === undefined) this.fail("missing command");
      if (cmd === "s") {
        const delim = this.src[this.pos++];
        if (delim === undefined || delim === "\n" || delim === "\\") this.fail("unterminated `s' command");
        const pattern = this.delimited(delim, "unterminated `s' command");
        const replacement = this.delimited(delim, "unterminated `s' command");
        const flags = /^[gpIi0-9]*/.exec(this.src.slice(this.pos))![0];
        this.pos += flags.length;
        this.skipBlanks();
        if (this.pos < this.src.length && !/[;\n}]/.test(this.src[this.pos]!)) { this.pos++; this.fail("unknown option to `s'"); }
        const nth = /\d+/.exec(flags)?.[0];
        if (nth === "0") this.fail("number option to `s' command may not be zero");
        out.push({ ...where, cmd: "s", re: this.regex(pattern, `${flags.includes("g") || nth ? "g" : ""}${/[Ii]/.test(flags) ? "i" : ""}`),
          replacement: this.replacement(replacement), print: flags.includes("p"), all: flags.includes("g"), ...(nth ? { nth: Number(nth) } : {}) });
      } else if (cmd === "p" || cmd === "d" || cmd === "q") {
        out.push({ ...where, cmd });
      } else {
        throw new SedError(`-e expression #1, char ${this.pos}: unknown command: \`${cmd}'`);
      }
      this.skipBlanks();
      const next = this.src[this.pos];
      if (next !== undefined && !/[;\n}]/.test(next)) { this.pos++; this.fail("extra characters after command"); }
    }
  }
}

function substitute(line: string, c: SedCommand): string {
  let n = 0;
  return line.replace(c.re!, (m: string, ...rest: unknown[]) => {
    n++;
    if (c.nth !== undefined && (c.all ? n < c.nth : n !== c.nth)) return m;
    return c.replacement!(m, rest.slice(0, -2) as (string | undefined)[]);
  });
}

function runSed(commands: SedCommand[], text: string, quiet: boolean): string {
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const inRange = commands.map(() => false);
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let deleted = false;
    let quit = false;
    const hit = (a?: Address) => !a || ("line" in a ? a.line === i + 1 : "last" in a ? i === lines.length - 1 : a.re.test(line));
    const selects = (c: SedCommand, k: number): boolean => {
      if (!c.addr2) return hit(c.addr);
      if (inRange[k]) {
        const a = c.addr2;
        if ("line" in a ? i + 1 >= a.line : hit(a)) inRange[k] = false;
        return true;
      }
      if (!hit(c.addr)) return false;
      inRange[k] = !("line" in c.addr2 && c.addr2.line <= i + 1) && !("last" in c.addr2 && i === lines.length - 1);
      return true;
    };
    for (let k = 0; k < commands.length; k++) {
      const c = commands[k]!;
      if (selects(c, k) === !!c.negate) continue;
      if (c.cmd === "s") {
        const before = line;
        line = substitute(line, c);
        if (c.print && line !== before) out += line + "\n";
      } else if (c.cmd === "p") out += line + "\n";
      else if (c.cmd === "d") { deleted = true; break; }
      else { quit = true; break; }
    }
    if (!deleted && !quiet) out += line + "\n";
    if (quit) break;
  }
  return out;
}


export const sed: CommandFn = (args, io, ctx) => {
  let quiet = false;
  let inPlace = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-e") scripts.push(args[++i] ?? "");
    else if (/^-[niErs]+$/.test(a)) { quiet ||= a.includes("n"); inPlace ||= a.includes("i"); extended ||= /[Er]/.test(a); }
    else if (a.startsWith("-i")) inPlace = true;
    else if (scripts.length === 0 && !a.startsWith("-")) scripts.push(a);
    else files.push(a);
  }
  let commands: SedCommand[];
  try {
    commands = new ScriptReader(scripts.join("\n"), extended).commands();
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    io.err(ctx.gnu ? `sed: ${e.message}\n` : `sed: ${e.message.replace(/^-e expression #1, char \d+: /, "")}\n`);
    return 1;
  }
  if (files.length === 0) { io.out(runSed(commands, io.stdin, quiet)); return 0; }
  for (const f of files) {
    const text = readTextFile(ctx, f);
    if (text === undefined) { io.err(ctx.gnu ? `sed: can't read ${f}: No such file or directory\n` : `sed: ${f}: No such file or directory\n`); return ctx.gnu ? 2 : 1; }
    const result = runSed(commands, text, quiet);
    if (inPlace) ctx.host.fs.write(normalizePath(f, ctx.cwd), result);
    else io.out(result);
  }
  return 0;
};
