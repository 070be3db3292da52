// go-yaml v2's scalar scanners (scannerc.go: scan_block_scalar, scan_flow_scalar,
// scan_plain_scalar) over a cursor on the input, split from the token scanner to keep each file
// to one concern. They find where a scalar ends and the errors go-yaml raises inside one; the
// value itself is left to the `yaml` package.

import { OutcomeError } from "../../outcome-error";

export interface Mark { index: number; line: number; column: number }

export const enum T {
  StreamStart, StreamEnd, VersionDirective, TagDirective, DocumentStart, DocumentEnd,
  BlockSequenceStart, BlockMappingStart, BlockEnd, FlowSequenceStart, FlowSequenceEnd,
  FlowMappingStart, FlowMappingEnd, BlockEntry, FlowEntry, Key, Value, Alias, Anchor, Tag, Scalar,
}

export interface Token { t: T; start: Mark; end: Mark }

/** A scanner or parser error, with go-yaml's problem and context marks. */
export class GoYamlError extends OutcomeError {
  constructor(readonly kind: "scanner" | "parser", readonly problem: string, readonly problemMark: Mark, readonly contextMark?: Mark) {
    super(problem);
  }
}

const isBreakCh = (c: string) => c === "\r" || c === "\n" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isBlankCh = (c: string) => c === " " || c === "\t";

/** The input and go-yaml's mark (index, 0-based line and column) as the scanner moves along it. */
export class Cursor {
  pos = 0;
  mark: Mark = { index: 0, line: 0, column: 0 };

  constructor(readonly src: string) {}

  ch(k = 0): string { return this.src[this.pos + k] ?? "\0"; }
  isZ(k = 0) { return this.ch(k) === "\0"; }
  isBreak(k = 0) { return isBreakCh(this.ch(k)); }
  isBlank(k = 0) { return isBlankCh(this.ch(k)); }
  isBlankZ(k = 0) { return this.isBlank(k) || this.isBreak(k) || this.isZ(k); }
  isBreakZ(k = 0) { return this.isBreak(k) || this.isZ(k); }
  here(): Mark { return { ...this.mark }; }

  skip(): void {
    this.pos++;
    this.mark.index++;
    this.mark.column++;
  }

  skipLine(): void {
    if (this.ch() === "\r" && this.ch(1) === "\n") {
      this.pos += 2;
      this.mark.index += 2;
    } else if (this.isBreak()) {
      this.pos++;
      this.mark.index++;
    } else return;
    this.mark.column = 0;
    this.mark.line++;
  }
}

export function scanBlockScalar(c: Cursor, parentIndent: number): Token {
  const start = c.here();
  c.skip();
  let increment = 0;
  const chomp = () => { if (c.ch() === "+" || c.ch() === "-") c.skip(); };
  const digit = () => {
    if (/[0-9]/.test(c.ch())) {
      if (c.ch() === "0") throw new GoYamlError("scanner", "found an indentation indicator equal to 0", c.here(), start);
      increment = Number(c.ch());
      c.skip();
    }
  };
  if (c.ch() === "+" || c.ch() === "-") { chomp(); digit(); } else { digit(); chomp(); }
  while (c.isBlank()) c.skip();
  if (c.ch() === "#") while (!c.isBreakZ()) c.skip();
  if (!c.isBreakZ()) throw new GoYamlError("scanner", "did not find expected comment or line break", c.here(), start);
  if (c.isBreak()) c.skipLine();
  let indent = increment > 0 ? (parentIndent >= 0 ? parentIndent + increment : increment) : 0;
  indent = blockScalarBreaks(c, indent, start, parentIndent);
  while (c.mark.column === indent && !c.isZ()) {
    while (!c.isBreakZ()) c.skip();
    c.skipLine();
    indent = blockScalarBreaks(c, indent, start, parentIndent);
  }
  return { t: T.Scalar, start, end: c.here() };
}

function blockScalarBreaks(c: Cursor, indent: number, start: Mark, parentIndent: number): number {
  let max = 0;
  for (;;) {
    while ((indent === 0 || c.mark.column < indent) && c.ch() === " ") c.skip();
    if (c.mark.column > max) max = c.mark.column;
    if ((indent === 0 || c.mark.column < indent) && c.ch() === "\t") {
      throw new GoYamlError("scanner", "found a tab character where an indentation space is expected", c.here(), start);
    }
    if (!c.isBreak()) break;
    c.skipLine();
  }
  if (indent === 0) indent = Math.max(max, parentIndent + 1, 1);
  return indent;
}

export function scanFlowScalar(c: Cursor, single: boolean): Token {
  const start = c.here();
  c.skip();
  for (;;) {
    if (c.mark.column === 0 && ((c.ch() === "-" && c.ch(1) === "-" && c.ch(2) === "-") || (c.ch() === "." && c.ch(1) === "." && c.ch(2) === ".")) && c.isBlankZ(3)) {
      throw new GoYamlError("scanner", "found unexpected document indicator", c.here(), start);
    }
    if (c.isZ()) throw new GoYamlError("scanner", "found unexpected end of stream", c.here(), start);
    let leadingBlanks = false;
    while (!c.isBlankZ()) {
      const ch = c.ch();
      if (single && ch === "'" && c.ch(1) === "'") {
        c.skip();
        c.skip();
      } else if (single && ch === "'") break;
      else if (!single && ch === '"') break;
      else if (!single && ch === "\\" && c.isBreak(1)) {
        c.skip();
        c.skipLine();
        leadingBlanks = true;
        break;
      } else if (!single && ch === "\\") {
        const e = c.ch(1);
        const len = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
        if (!len && !"0abt\tnvfre \"'\\N_LP".includes(e)) throw new GoYamlError("scanner", "found unknown escape character", c.here(), start);
        c.skip();
        c.skip();
        for (let k = 0; k < len; k++) {
          if (!/[0-9A-Fa-f]/.test(c.ch(k))) throw new GoYamlError("scanner", "did not find expected hexdecimal number", c.here(), start);
        }
        const value = len ? parseInt(c.src.slice(c.pos, c.pos + len), 16) : 0;
        if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) throw new GoYamlError("scanner", "found invalid Unicode character escape code", c.here(), start);
        for (let k = 0; k < len; k++) c.skip();
      } else c.skip();
    }
    if (c.ch() === (single ? "'" : '"')) break;
    while (c.isBlank() || c.isBreak()) {
      if (c.isBlank()) c.skip();
      else {
        c.skipLine();
        leadingBlanks = true;
      }
    }
    void leadingBlanks;
  }
  c.skip();
  return { t: T.Scalar, start, end: c.here() };
}

export function scanPlainScalar(c: Cursor, indent: number, flow: number): { token: Token; leadingBlanks: boolean } {
  const start = c.here();
  let end = c.here();
  let leadingBlanks = false;
  for (;;) {
    if (c.mark.column === 0 && ((c.ch() === "-" && c.ch(1) === "-" && c.ch(2) === "-") || (c.ch() === "." && c.ch(1) === "." && c.ch(2) === ".")) && c.isBlankZ(3)) break;
    if (c.ch() === "#") break;
    while (!c.isBlankZ()) {
      const ch = c.ch();
      if ((ch === ":" && c.isBlankZ(1)) || (flow > 0 && ",?[]{}".includes(ch))) break;
      leadingBlanks = false;
      c.skip();
      end = c.here();
    }
    if (!(c.isBlank() || c.isBreak())) break;
    while (c.isBlank() || c.isBreak()) {
      if (c.isBlank()) {
        if (leadingBlanks && c.mark.column < indent && c.ch() === "\t") {
          throw new GoYamlError("scanner", "found a tab character that violates indentation", c.here(), start);
        }
        c.skip();
      } else {
        c.skipLine();
        leadingBlanks = true;
      }
    }
    if (flow === 0 && c.mark.column < indent) break;
  }
  return { token: { t: T.Scalar, start, end }, leadingBlanks };
}
