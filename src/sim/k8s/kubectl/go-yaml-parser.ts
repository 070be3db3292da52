// Mirrors go-yaml v2's parser (parserc.go) over the scanner's tokens, as far as yaml.Unmarshal
// reads: the first document. It builds nothing; it only finds the first error and words it as
// the decoder's fail() does — the problem's line (0-based for parser errors, 1-based for scanner
// errors: go-yaml's own off-by-one), else the context's, then the problem.

import { GoYamlError, Scanner, T, type Mark, type Token } from "./go-yaml-scanner";

const enum S {
  ImplicitDocumentStart, DocumentStart, DocumentContent, DocumentEnd, BlockNode, BlockNodeOrIndentless,
  FlowNode, BlockSequenceFirst, BlockSequenceEntry, IndentlessEntry, BlockMappingFirstKey, BlockMappingKey,
  BlockMappingValue, FlowSequenceFirst, FlowSequenceEntry, FlowSeqMapKey, FlowSeqMapValue, FlowSeqMapEnd,
  FlowMappingFirstKey, FlowMappingKey, FlowMappingValue, FlowMappingEmptyValue, End,
}

const perr = (problem: string, problemMark: Mark, contextMark?: Mark) => new GoYamlError("parser", problem, problemMark, contextMark);

class Parser {
  private states: S[] = [];
  /** Where the text after the first document begins (undefined: the document runs to the end). */
  documentEnd: number | undefined;
  private marks: Mark[] = [];
  state: S = S.ImplicitDocumentStart;

  constructor(private readonly sc: Scanner) {}

  private peek(): Token { return this.sc.peek(); }
  private pop(): void { this.state = this.states.pop()!; }

  /** One event; returns its kind when it is one the caller stops on. */
  step(): "document-end" | "stream-end" | undefined {
    switch (this.state) {
      case S.ImplicitDocumentStart: return this.documentStart(true);
      case S.DocumentStart: return this.documentStart(false);
      case S.DocumentContent: {
        const t = this.peek().t;
        if (t === T.VersionDirective || t === T.TagDirective || t === T.DocumentStart || t === T.DocumentEnd || t === T.StreamEnd) this.pop();
        else this.node(true, false);
        return;
      }
      case S.DocumentEnd: {
        // What follows the first document is never decoded: remember where it starts.
        const next = this.peek();
        this.documentEnd = next.t === T.StreamEnd ? undefined : next.start.index;
        if (next.t === T.DocumentEnd) this.sc.skipToken();
        this.state = S.DocumentStart;
        return "document-end";
      }
      case S.BlockNode: return this.node(true, false);
      case S.BlockNodeOrIndentless: return this.node(true, true);
      case S.FlowNode: return this.node(false, false);
      case S.BlockSequenceFirst: return this.blockSequenceEntry(true);
      case S.BlockSequenceEntry: return this.blockSequenceEntry(false);
      case S.IndentlessEntry: return this.indentlessEntry();
      case S.BlockMappingFirstKey: return this.blockMappingKey(true);
      case S.BlockMappingKey: return this.blockMappingKey(false);
      case S.BlockMappingValue: return this.blockMappingValue();
      case S.FlowSequenceFirst: return this.flowSequenceEntry(true);
      case S.FlowSequenceEntry: return this.flowSequenceEntry(false);
      case S.FlowSeqMapKey: {
        const t = this.peek().t;
        if (t !== T.Value && t !== T.FlowEntry && t !== T.FlowSequenceEnd) {
          this.states.push(S.FlowSeqMapValue);
          return this.node(false, false);
        }
        this.sc.skipToken();
        this.state = S.FlowSeqMapValue;
        return;
      }
      case S.FlowSeqMapValue: {
        if (this.peek().t === T.Value) {
          this.sc.skipToken();
          const t = this.peek().t;
          if (t !== T.FlowEntry && t !== T.FlowSequenceEnd) {
            this.states.push(S.FlowSeqMapEnd);
            return this.node(false, false);
          }
        }
        this.state = S.FlowSeqMapEnd;
        return;
      }
      case S.FlowSeqMapEnd:
        this.peek();
        this.state = S.FlowSequenceEntry;
        return;
      case S.FlowMappingFirstKey: return this.flowMappingKey(true);
      case S.FlowMappingKey: return this.flowMappingKey(false);
      case S.FlowMappingValue: return this.flowMappingValue(false);
      case S.FlowMappingEmptyValue: return this.flowMappingValue(true);
      case S.End: return "stream-end";
    }
  }

  private documentStart(implicit: boolean): "stream-end" | undefined {
    let tok = this.peek();
    if (!implicit) {
      while (tok.t === T.DocumentEnd) {
        this.sc.skipToken();
        tok = this.peek();
      }
    }
    if (tok.t === T.StreamStart) {
      this.sc.skipToken();
      return;
    }
    if (implicit && tok.t !== T.VersionDirective && tok.t !== T.TagDirective && tok.t !== T.DocumentStart && tok.t !== T.StreamEnd) {
      this.states.push(S.DocumentEnd);
      this.state = S.BlockNode;
      return;
    }
    if (tok.t !== T.StreamEnd) {
      while (tok.t === T.VersionDirective || tok.t === T.TagDirective) {
        this.sc.skipToken();
        tok = this.peek();
      }
      if (tok.t !== T.DocumentStart) throw perr("did not find expected <document start>", tok.start);
      this.states.push(S.DocumentEnd);
      this.state = S.DocumentContent;
      this.sc.skipToken();
      return;
    }
    this.state = S.End;
    this.sc.skipToken();
    return "stream-end";
  }

  private node(block: boolean, indentless: boolean): undefined {
    let tok = this.peek();
    if (tok.t === T.Alias) {
      this.pop();
      this.sc.skipToken();
      return;
    }
    const start = tok.start;
    let props = false;
    if (tok.t === T.Anchor || tok.t === T.Tag) {
      const other = tok.t === T.Anchor ? T.Tag : T.Anchor;
      props = true;
      this.sc.skipToken();
      tok = this.peek();
      if (tok.t === other) {
        this.sc.skipToken();
        tok = this.peek();
      }
    }
    if (indentless && tok.t === T.BlockEntry) {
      this.state = S.IndentlessEntry;
      return;
    }
    if (tok.t === T.Scalar) {
      this.pop();
      this.sc.skipToken();
      return;
    }
    const next = tok.t === T.FlowSequenceStart ? S.FlowSequenceFirst
      : tok.t === T.FlowMappingStart ? S.FlowMappingFirstKey
      : block && tok.t === T.BlockSequenceStart ? S.BlockSequenceFirst
      : block && tok.t === T.BlockMappingStart ? S.BlockMappingFirstKey : undefined;
    if (next !== undefined) {
      this.state = next;
      return;
    }
    if (props) {
      this.pop();
      return;
    }
    throw perr("did not find expected node content", tok.start, start);
  }

  private enter(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.sc.skipToken();
  }

  private blockSequenceEntry(first: boolean): undefined {
    this.enter(first);
    let tok = this.peek();
    if (tok.t === T.BlockEntry) {
      this.sc.skipToken();
      tok = this.peek();
      if (tok.t !== T.BlockEntry && tok.t !== T.BlockEnd) {
        this.states.push(S.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.BlockSequenceEntry;
      return;
    }
    if (tok.t === T.BlockEnd) {
      this.pop();
      this.marks.pop();
      this.sc.skipToken();
      return;
    }
    throw perr("did not find expected '-' indicator", tok.start, this.marks.pop());
  }

  private indentlessEntry(): undefined {
    let tok = this.peek();
    if (tok.t === T.BlockEntry) {
      this.sc.skipToken();
      tok = this.peek();
      if (tok.t !== T.BlockEntry && tok.t !== T.Key && tok.t !== T.Value && tok.t !== T.BlockEnd) {
        this.states.push(S.IndentlessEntry);
        return this.node(true, false);
      }
      this.state = S.IndentlessEntry;
      return;
    }
    this.pop();
    return;
  }

  private blockMappingKey(first: boolean): undefined {
    this.enter(first);
    let tok = this.peek();
    if (tok.t === T.Key) {
      this.sc.skipToken();
      tok = this.peek();
      if (tok.t !== T.Key && tok.t !== T.Value && tok.t !== T.BlockEnd) {
        this.states.push(S.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = S.BlockMappingValue;
      return;
    }
    if (tok.t === T.BlockEnd) {
      this.pop();
      this.marks.pop();
      this.sc.skipToken();
      return;
    }
    throw perr("did not find expected key", tok.start, this.marks.pop());
  }

  private blockMappingValue(): undefined {
    let tok = this.peek();
    if (tok.t === T.Value) {
      this.sc.skipToken();
      tok = this.peek();
      if (tok.t !== T.Key && tok.t !== T.Value && tok.t !== T.BlockEnd) {
        this.states.push(S.BlockMappingKey);
        return this.node(true, true);
      }
    }
    this.state = S.BlockMappingKey;
    return;
  }

  private flowSequenceEntry(first: boolean): undefined {
    this.enter(first);
    let tok = this.peek();
    if (tok.t !== T.FlowSequenceEnd) {
      if (!first) {
        if (tok.t !== T.FlowEntry) throw perr("did not find expected ',' or ']'", tok.start, this.marks.pop());
        this.sc.skipToken();
        tok = this.peek();
      }
      if (tok.t === T.Key) {
        this.state = S.FlowSeqMapKey;
        this.sc.skipToken();
        return;
      }
      if (tok.t !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.sc.skipToken();
    return;
  }

  private flowMappingKey(first: boolean): undefined {
    this.enter(first);
    let tok = this.peek();
    if (tok.t !== T.FlowMappingEnd) {
      if (!first) {
        if (tok.t !== T.FlowEntry) throw perr("did not find expected ',' or '}'", tok.start, this.marks.pop());
        this.sc.skipToken();
        tok = this.peek();
      }
      if (tok.t === T.Key) {
        this.sc.skipToken();
        tok = this.peek();
        if (tok.t !== T.Value && tok.t !== T.FlowEntry && tok.t !== T.FlowMappingEnd) {
          this.states.push(S.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = S.FlowMappingValue;
        return;
      }
      if (tok.t !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.sc.skipToken();
    return;
  }

  private flowMappingValue(empty: boolean): undefined {
    if (!empty && this.peek().t === T.Value) {
      this.sc.skipToken();
      const t = this.peek().t;
      if (t !== T.FlowEntry && t !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingKey);
        return this.node(false, false);
      }
    }
    if (empty) this.peek();
    this.state = S.FlowMappingKey;
    return;
  }
}

/** The error yaml.Unmarshal (go-yaml v2) returns for TEXT, e.g. "yaml: line 7: did not find expected key". */
export function goYamlSyntaxError(text: string): string | undefined {
  return goYamlFirstDocument(text).error;
}

/**
 * The error yaml.v3's Unmarshal returns for TEXT (Docker's Compose and stack loaders use v3). Same
 * scanner and parser; only fail() differs: v3 names the context mark's line first (+1 for scanner
 * errors) and the problem mark's only when the context's is 0.
 */
export function goYamlV3SyntaxError(text: string): string | undefined {
  return goYamlFirstDocument(text, "v3").error;
}

/**
 * yaml.Unmarshal's view of TEXT: the syntax error it stops on, or where its first (and only
 * decoded) document ends — text after it, such as an outdented second mapping, is never read.
 */
export function goYamlFirstDocument(text: string, wording: "v2" | "v3" = "v2"): { error?: string; end?: number } {
  const parser = new Parser(new Scanner(text));
  try {
    // A step budget: every event consumes input or pops a state, so this bounds any input.
    for (let i = 0; i < 4 * text.length + 64; i++) {
      const ev = parser.step();
      if (ev === "document-end") return { end: parser.documentEnd };
      if (ev === "stream-end") return {};
    }
    return {};
  } catch (e) {
    if (!(e instanceof GoYamlError)) throw e;
    const scannerOffset = e.kind === "scanner" ? 1 : 0;
    const context = e.contextMark?.line ?? 0;
    const line = wording === "v3"
      ? context !== 0 ? context + scannerOffset : e.problemMark.line !== 0 ? e.problemMark.line + scannerOffset : 0
      : e.problemMark.line !== 0 ? e.problemMark.line + scannerOffset : context;
    return { error: `yaml: ${line ? `line ${line}: ` : ""}${e.problem}` };
  }
}
