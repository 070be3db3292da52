// Mirrors go-yaml v2's scanner (scannerc.go, as vendored by sigs.k8s.io/yaml, which kubectl uses
// to turn each manifest document into JSON): the tokens it produces and, above all, the errors it
// stops on, so a mis-indented manifest fails with kubectl's exact "yaml: line N: …" message.
// Only token kinds and positions matter here; scalar values are left to the `yaml` package.

import { Cursor, GoYamlError, scanBlockScalar, scanFlowScalar, scanPlainScalar, T, type Mark, type Token } from "./go-yaml-scalars";

export { GoYamlError, T, type Mark, type Token };

interface SimpleKey { possible: boolean; required: boolean; tokenNumber: number; mark: Mark }

export class Scanner extends Cursor {
  constructor(src: string) {
    super(src);
    // The reader consumes a leading byte-order mark before the scanner sees a column.
    if (src.startsWith("\uFEFF")) {
      this.pos = 1;
      this.mark.index = 1;
    }
  }

  readonly tokens: Token[] = [];
  head = 0;
  parsed = 0;
  private available = false;
  private startProduced = false;
  endProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private keyAllowed = false;
  private keys: SimpleKey[] = [];
  private possible = new Set<number>();
  private flow = 0;

  private err(problem: string): never {
    throw new GoYamlError("scanner", problem, this.here());
  }

  /** peek_token: the next token, scanning as far as simple keys require. */
  peek(): Token {
    if (!this.available) this.fetchMore();
    return this.tokens[this.head]!;
  }

  skipToken(): void {
    this.available = false;
    this.parsed++;
    this.endProduced = this.tokens[this.head]!.t === T.StreamEnd;
    this.head++;
  }

  private fetchMore(): void {
    for (;;) {
      let need = this.head === this.tokens.length;
      if (!need) {
        this.staleKeys();
        need = this.possible.has(this.parsed);
      }
      if (!need) break;
      this.fetchNext();
    }
    this.available = true;
  }

  private insert(number: number, tok: Token): void {
    if (number < 0) this.tokens.push(tok);
    else this.tokens.splice(this.head + number, 0, tok);
  }

  private simple(t: T, start: Mark): void {
    this.tokens.push({ t, start, end: this.here() });
  }

  private fetchNext(): void {
    if (!this.startProduced) {
      this.indent = -1;
      this.keys.push({ possible: false, required: false, tokenNumber: 0, mark: this.here() });
      this.keyAllowed = true;
      this.startProduced = true;
      return this.simple(T.StreamStart, this.here());
    }
    this.toNextToken();
    this.staleKeys();
    this.unroll(this.mark.column);
    if (this.isZ()) return this.streamEnd();
    const c = this.ch();
    const col0 = this.mark.column === 0;
    if (col0 && c === "%") return this.directive();
    if (col0 && c === "-" && this.ch(1) === "-" && this.ch(2) === "-" && this.isBlankZ(3)) return this.documentIndicator(T.DocumentStart);
    if (col0 && c === "." && this.ch(1) === "." && this.ch(2) === "." && this.isBlankZ(3)) return this.documentIndicator(T.DocumentEnd);
    if (c === "[") return this.flowStart(T.FlowSequenceStart);
    if (c === "{") return this.flowStart(T.FlowMappingStart);
    if (c === "]") return this.flowEnd(T.FlowSequenceEnd);
    if (c === "}") return this.flowEnd(T.FlowMappingEnd);
    if (c === ",") {
      this.removeKey();
      this.keyAllowed = true;
      return this.oneChar(T.FlowEntry);
    }
    if (c === "-" && this.isBlankZ(1)) return this.blockEntry();
    if (c === "?" && (this.flow > 0 || this.isBlankZ(1))) return this.key();
    if (c === ":" && (this.flow > 0 || this.isBlankZ(1))) return this.value();
    if (c === "*" || c === "&") return this.anchor(c === "*" ? T.Alias : T.Anchor);
    if (c === "!") return this.tag();
    if ((c === "|" || c === ">") && this.flow === 0) return this.blockScalar();
    if (c === "'" || c === '"') return this.flowScalar(c === "'");
    if (!(this.isBlankZ() || "-?:,[]{}#&*!|>'\"%@`".includes(c))
      || (c === "-" && !this.isBlank(1))
      || (this.flow === 0 && (c === "?" || c === ":") && !this.isBlankZ(1))) return this.plainScalar();
    this.err("found character that cannot start any token");
  }

  private oneChar(t: T): void {
    const start = this.here();
    this.skip();
    this.simple(t, start);
  }

  private staleKeys(): void {
    for (const k of this.keys) {
      if (k.possible && (k.mark.line < this.mark.line || k.mark.index + 1024 < this.mark.index)) {
        if (k.required) throw new GoYamlError("scanner", "could not find expected ':'", this.here(), k.mark);
        k.possible = false;
        this.possible.delete(k.tokenNumber);
      }
    }
  }

  private saveKey(): void {
    const required = this.flow === 0 && this.indent === this.mark.column;
    if (!this.keyAllowed) return;
    const key = { possible: true, required, tokenNumber: this.parsed + (this.tokens.length - this.head), mark: this.here() };
    this.removeKey();
    this.possible.add(key.tokenNumber);
    this.keys[this.keys.length - 1] = key;
  }

  private removeKey(): void {
    const k = this.keys[this.keys.length - 1]!;
    if (k.possible) {
      if (k.required) throw new GoYamlError("scanner", "could not find expected ':'", this.here(), k.mark);
      k.possible = false;
      this.possible.delete(k.tokenNumber);
    }
  }

  private roll(column: number, number: number, t: T, mark: Mark): void {
    if (this.flow > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    this.insert(number > -1 ? number - this.parsed : -1, { t, start: mark, end: mark });
  }

  private unroll(column: number): void {
    if (this.flow > 0) return;
    while (this.indent > column) {
      this.simple(T.BlockEnd, this.here());
      this.indent = this.indents.pop()!;
    }
  }

  private streamEnd(): void {
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unroll(-1);
    this.removeKey();
    this.keyAllowed = false;
    this.simple(T.StreamEnd, this.here());
  }

  private directive(): void {
    this.unroll(-1);
    this.removeKey();
    this.keyAllowed = false;
    const start = this.here();
    this.skip();
    let name = "";
    while (/[0-9A-Za-z_-]/.test(this.ch())) {
      name += this.ch();
      this.skip();
    }
    if (!name) throw new GoYamlError("scanner", "could not find expected directive name", this.here(), start);
    if (!this.isBlankZ()) throw new GoYamlError("scanner", "found unexpected non-alphabetical character", this.here(), start);
    if (name !== "YAML" && name !== "TAG") throw new GoYamlError("scanner", "found unknown directive name", this.here(), start);
    // The directive's value is not checked further: students do not write directives.
    while (!this.isBreakZ() && this.ch() !== "#") this.skip();
    while (!this.isBreakZ()) this.skip();
    this.skipLine();
    this.simple(name === "YAML" ? T.VersionDirective : T.TagDirective, start);
  }

  private documentIndicator(t: T): void {
    this.unroll(-1);
    this.removeKey();
    this.keyAllowed = false;
    const start = this.here();
    this.skip();
    this.skip();
    this.skip();
    this.simple(t, start);
  }

  private flowStart(t: T): void {
    this.saveKey();
    this.keys.push({ possible: false, required: false, tokenNumber: 0, mark: this.here() });
    this.flow++;
    this.keyAllowed = true;
    this.oneChar(t);
  }

  private flowEnd(t: T): void {
    this.removeKey();
    if (this.flow > 0) {
      this.flow--;
      const k = this.keys.pop()!;
      if (k.possible) this.possible.delete(k.tokenNumber);
    }
    this.keyAllowed = false;
    this.oneChar(t);
  }

  private blockEntry(): void {
    if (this.flow === 0) {
      if (!this.keyAllowed) this.err("block sequence entries are not allowed in this context");
      this.roll(this.mark.column, -1, T.BlockSequenceStart, this.here());
    }
    this.removeKey();
    this.keyAllowed = true;
    this.oneChar(T.BlockEntry);
  }

  private key(): void {
    if (this.flow === 0) {
      if (!this.keyAllowed) this.err("mapping keys are not allowed in this context");
      this.roll(this.mark.column, -1, T.BlockMappingStart, this.here());
    }
    this.removeKey();
    this.keyAllowed = this.flow === 0;
    this.oneChar(T.Key);
  }

  private value(): void {
    const k = this.keys[this.keys.length - 1]!;
    if (k.possible) {
      this.insert(k.tokenNumber - this.parsed, { t: T.Key, start: k.mark, end: k.mark });
      this.roll(k.mark.column, k.tokenNumber, T.BlockMappingStart, k.mark);
      k.possible = false;
      this.possible.delete(k.tokenNumber);
      this.keyAllowed = false;
    } else {
      if (this.flow === 0) {
        if (!this.keyAllowed) this.err("mapping values are not allowed in this context");
        this.roll(this.mark.column, -1, T.BlockMappingStart, this.here());
      }
      this.keyAllowed = this.flow === 0;
    }
    this.oneChar(T.Value);
  }

  private anchor(t: T): void {
    this.saveKey();
    this.keyAllowed = false;
    const start = this.here();
    this.skip();
    let n = 0;
    while (/[0-9A-Za-z_-]/.test(this.ch())) {
      this.skip();
      n++;
    }
    if (!n || !(this.isBlankZ() || "?:,]}%@`".includes(this.ch()))) {
      throw new GoYamlError("scanner", "did not find expected alphabetic or numeric character", this.here(), start);
    }
    this.simple(t, start);
  }

  private tag(): void {
    this.saveKey();
    this.keyAllowed = false;
    const start = this.here();
    this.skip();
    if (this.ch() === "<") {
      this.skip();
      while (!this.isBlankZ() && this.ch() !== ">") this.skip();
      if (this.ch() !== ">") throw new GoYamlError("scanner", "did not find the expected '>'", this.here(), start);
      this.skip();
    } else {
      while (!this.isBlankZ() && !(this.flow > 0 && ",[]{}".includes(this.ch()))) this.skip();
    }
    if (!this.isBlankZ() && !(this.flow > 0 && this.ch() === ",")) {
      throw new GoYamlError("scanner", "did not find expected whitespace or line break", this.here(), start);
    }
    this.simple(T.Tag, start);
  }

  private toNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.ch() === "\uFEFF") this.skip();
      // Tabs are allowed in the flow context, and in the block context but not where a key may start.
      while (this.ch() === " " || ((this.flow > 0 || !this.keyAllowed) && this.ch() === "\t")) this.skip();
      if (this.ch() === "#") while (!this.isBreakZ()) this.skip();
      if (!this.isBreak()) break;
      this.skipLine();
      if (this.flow === 0) this.keyAllowed = true;
    }
  }

  private blockScalar(): void {
    this.removeKey();
    this.keyAllowed = true;
    this.tokens.push(scanBlockScalar(this, this.indent));
  }

  private flowScalar(single: boolean): void {
    this.saveKey();
    this.keyAllowed = false;
    this.tokens.push(scanFlowScalar(this, single));
  }

  private plainScalar(): void {
    this.saveKey();
    this.keyAllowed = false;
    const r = scanPlainScalar(this, this.indent + 1, this.flow);
    this.tokens.push(r.token);
    // After a line break, a new line may start a simple key.
    if (r.leadingBlanks) this.keyAllowed = true;
  }
}
