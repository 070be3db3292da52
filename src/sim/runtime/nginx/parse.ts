// nginx's configuration reader, as ngx_conf_file.c reads it: words, quoted strings, `;`, `{`, `}`
// and `#` comments, `include` expanded where it stands (globs sorted, a missing plain file an
// error), each directive checked against the module tables (directives.ts) for its context, its
// block form and its number of arguments. Errors carry nginx's own wording and the file:line it
// names (`unknown directive "foo" in /etc/nginx/conf.d/default.conf:1`).

import type { ContainerFs } from "../fs";
import { normalizePath } from "../fs";
import { globSource } from "../shell/patterns";
import { BLOCK_CONTEXT, FREEFORM_BLOCKS, specOf, type Ctx } from "./directives";

export interface Directive {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: Directive[];
}

/** A configuration error: nginx's message without " in FILE:LINE", and where. */
export class NginxConfError extends Error {
  constructor(readonly text: string, readonly file?: string, readonly line?: number) {
    super(file ? `${text} in ${file}:${line}` : text);
  }
}

/** The conf prefix relative include paths start from (nginx -p default for the packages). */
const PREFIX = "/etc/nginx";
/** Budgets: a config is read once per start, but a student's may include itself. */
const MAX_DEPTH = 16;
const MAX_DIRECTIVES = 5_000;

interface Token { text: string; line: number; quoted: boolean }
type Terminator = ";" | "{" | "}" | "eof";

class Reader {
  private i = 0;
  line = 1;
  constructor(readonly src: string, readonly file: string) {}

  /** The words up to the next `;`, `{` or `}` (or the end), as ngx_conf_read_token. */
  next(): { words: Token[]; end: Terminator; line: number } {
    const words: Token[] = [];
    const s = this.src;
    for (;;) {
      // Spaces, and comments at a word boundary.
      while (this.i < s.length) {
        const c = s[this.i]!;
        if (c === "\n") { this.line++; this.i++; continue; }
        if (c === " " || c === "\t" || c === "\r") { this.i++; continue; }
        if (c === "#") { while (this.i < s.length && s[this.i] !== "\n") this.i++; continue; }
        break;
      }
      if (this.i >= s.length) return { words, end: "eof", line: this.line };
      const c = s[this.i]!;
      if (c === ";" || c === "{" || c === "}") {
        this.i++;
        if (words.length === 0 && c !== "}") throw new NginxConfError(`unexpected "${c}"`, this.file, this.line);
        return { words, end: c, line: this.line };
      }
      words.push(c === '"' || c === "'" ? this.quoted(c) : this.word());
    }
  }

  private quoted(q: string): Token {
    const s = this.src;
    const line = this.line;
    let text = "";
    this.i++;
    while (this.i < s.length && s[this.i] !== q) {
      const c = s[this.i]!;
      if (c === "\\" && this.i + 1 < s.length) {
        const n = s[this.i + 1]!;
        // ngx_conf_read_token keeps the backslash except before a quote or another backslash;
        // \t \r \n become the characters.
        text += n === q || n === "\\" ? n : n === "t" ? "\t" : n === "r" ? "\r" : n === "n" ? "\n" : c + n;
        this.i += 2;
        continue;
      }
      if (c === "\n") this.line++;
      text += c;
      this.i++;
    }
    if (this.i >= s.length) throw new NginxConfError('unexpected end of file, expecting ";" or "}"', this.file, this.line);
    this.i++;
    const after = s[this.i];
    if (after !== undefined && !/[\s;{}]/.test(after)) throw new NginxConfError(`unexpected "${after}"`, this.file, this.line);
    return { text, line, quoted: true };
  }

  private word(): Token {
    const s = this.src;
    const start = this.i;
    const line = this.line;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === ";" || c === "{") break;
      // `}` ends a word unless it closes a `${name}` variable.
      if (c === "}" && !/\$\{[^}]*$/.test(s.slice(start, this.i))) break;
      if (c === "\\" && this.i + 1 < s.length) { this.i += 2; continue; }
      this.i++;
    }
    return { text: s.slice(start, this.i), line, quoted: false };
  }
}

interface ParseState {
  fs: ContainerFs;
  count: number;
  depth: number;
  /** What was read, to know a configuration read before when it comes again. */
  reads: { path: string; content: string }[];
  globs: { pattern: string; files: string[] }[];
}

/** Configurations read before, by the main file's text: valid while every file and glob reads the same. */
const configs = new Map<string, { path: string; reads: ParseState["reads"]; globs: ParseState["globs"]; tree: Directive[] }>();

/** Reads the main configuration file and every file it includes. */
export function parseConfig(fs: ContainerFs, path: string): Directive[] {
  const content = fs.read(path);
  if (typeof content !== "string" || content === "ENOENT" || content === "EISDIR" || content === "ENOTDIR" || content === "EACCES") {
    throw new NginxConfError(`open() "${path}" failed (${content === "EISDIR" ? "21: Is a directory" : "2: No such file or directory"})`);
  }
  const known = configs.get(content);
  if (known && known.path === path && known.reads.every((r) => fs.read(r.path) === r.content)
    && known.globs.every((g) => sameList(globFiles(fs, g.pattern), g.files))) return known.tree;
  const state: ParseState = { fs, count: 0, depth: 0, reads: [], globs: [] };
  const tree = parseFile(state, content, path, "main");
  if (configs.size >= 64) configs.clear();
  configs.set(content, { path, reads: state.reads, globs: state.globs, tree });
  return tree;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Files that include nothing, read before: every nginx container reads the same mime.types and
 * default.conf, so their directives (never changed once read) are kept by path, context and text.
 */
const leafFiles = new Map<string, { file: string; ctx: Ctx; out: Directive[] }>();
const INCLUDES = /^[ \t]*include[ \t]/m;

function parseFile(state: ParseState, src: string, file: string, ctx: Ctx): Directive[] {
  // Keyed by the text itself: the image's files are the same strings, whose hash V8 keeps.
  const known = leafFiles.get(src);
  if (known && known.file === file && known.ctx === ctx) {
    state.count += known.out.length;
    return known.out;
  }
  const out = parseBlock(state, new Reader(src, file), ctx, false);
  if (!INCLUDES.test(src)) {
    if (leafFiles.size >= 64) leafFiles.clear();
    leafFiles.set(src, { file, ctx, out });
  }
  return out;
}

function parseBlock(state: ParseState, r: Reader, ctx: Ctx, inBlock: boolean): Directive[] {
  const out: Directive[] = [];
  for (;;) {
    const { words, end, line } = r.next();
    if (end === "eof") {
      if (words.length) throw new NginxConfError('unexpected end of file, expecting ";" or "}"', r.file, r.line);
      if (inBlock) throw new NginxConfError('unexpected end of file, expecting "}"', r.file, r.line);
      return out;
    }
    if (end === "}") {
      if (words.length || !inBlock) throw new NginxConfError('unexpected "}"', r.file, line);
      return out;
    }
    if (++state.count > MAX_DIRECTIVES) throw new NginxConfError("too many directives", r.file, line);
    const [nameTok, ...argToks] = words;
    const name = nameTok!.text;
    const args = argToks.map((t) => t.text);
    const d: Directive = { name, args, file: r.file, line };
    if (FREEFORM_BLOCKS.has(ctx)) {
      // Inside types {}, map {}…: entries, not directives.
      if (end === "{") d.block = parseBlock(state, r, "freeform", true);
      out.push(d);
      continue;
    }
    checkDirective(d, ctx, end === "{");
    if (name === "include") {
      out.push(...include(state, d, ctx));
      continue;
    }
    if (end === "{") {
      if (state.depth >= MAX_DEPTH) throw new NginxConfError("too deep nesting", r.file, line);
      state.depth++;
      d.block = parseBlock(state, r, BLOCK_CONTEXT[name] ?? "freeform", true);
      state.depth--;
    }
    out.push(d);
  }
}

/** ngx_conf_handler's checks, in its order. */
function checkDirective(d: Directive, ctx: Ctx, hasBlock: boolean): void {
  const spec = specOf(d.name, ctx);
  if (!spec) throw new NginxConfError(`unknown directive "${d.name}"`, d.file, d.line);
  if (!spec.contexts.includes(ctx)) throw new NginxConfError(`"${d.name}" directive is not allowed here`, d.file, d.line);
  if (!spec.block && hasBlock) throw new NginxConfError(`directive "${d.name}" is not terminated by ";"`, d.file, d.line);
  if (spec.block && !hasBlock) throw new NginxConfError(`directive "${d.name}" has no opening "{"`, d.file, d.line);
  const [min, max] = spec.args;
  if (d.args.length < min || d.args.length > max) throw new NginxConfError(`invalid number of arguments in "${d.name}" directive`, d.file, d.line);
}

/** `include PATH;`: a glob includes what matches (sorted, maybe nothing); a plain path must exist. */
function include(state: ParseState, d: Directive, ctx: Ctx): Directive[] {
  const pattern = normalizePath(d.args[0]!, PREFIX);
  if (state.depth >= MAX_DEPTH) throw new NginxConfError("too deep nesting", d.file, d.line);
  const glob = /[*?[]/.test(pattern);
  const files = glob ? globFiles(state.fs, pattern) : [pattern];
  if (glob) state.globs.push({ pattern, files });
  const out: Directive[] = [];
  for (const f of files) {
    const content = state.fs.read(f);
    // A directory opens, then reading it fails (a subPath typo leaves one where default.conf was).
    if (content === "EISDIR") throw new NginxConfError(`pread() "${f}" failed (21: Is a directory)`);
    if (typeof content !== "string" || content === "ENOENT" || content === "ENOTDIR" || content === "EACCES") {
      throw new NginxConfError(`open() "${f}" failed (2: No such file or directory)`, d.file, d.line);
    }
    state.reads.push({ path: f, content });
    state.depth++;
    out.push(...parseFile(state, content, f, ctx));
    state.depth--;
  }
  return out;
}

/** Globs read before (every nginx start checks conf.d/*.conf), as regular expressions. */
const globs = new Map<string, RegExp>();

/** Files matching a glob whose wildcards are in the last segment (`conf.d/*.conf`), sorted as glob(3). */
export function globFiles(fs: ContainerFs, pattern: string): string[] {
  const slash = pattern.lastIndexOf("/");
  const dir = pattern.slice(0, slash) || "/";
  const name = pattern.slice(slash + 1);
  let re = globs.get(name);
  if (!re) globs.set(name, (re = new RegExp(`^${globSource(name)}$`)));
  const names = fs.list(dir);
  // glob(3) matches directories as well as files (nginx then fails to read one).
  return names.filter((n) => !n.startsWith(".") && re.test(n)).map((n) => `${dir === "/" ? "" : dir}/${n}`).sort();
}
