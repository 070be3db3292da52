// A container's log as `docker logs` / `kubectl logs` read it: whole lines with the virtual time
// they were written and their stream. Partial lines wait for their newline (or the exit). Bounded:
// the oldest lines are dropped past MAX_LOG_LINES, long lines are cut.

import { markShallow } from "../clone";
import type { LogStream } from "../images/types";

export const MAX_LOG_LINES = 5000;
export const MAX_LINE_CHARS = 16 * 1024;

export interface LogEntry {
  time: number;
  stream: LogStream;
  text: string;
  /**
   * The output ended without a newline (`printf abc` then exit): the CRI's "P" tag, Docker's
   * partial-message metadata. `docker logs` and `kubectl logs` print such a line without one.
   */
  partial?: true;
}

/** An entry as the log readers print it: its newline unless the program never wrote one. */
export const logLine = (e: LogEntry): string => (e.partial ? e.text : `${e.text}\n`);

export class LogBuffer {
  /** Entries are never changed once pushed: copies of a world share them (src/sim/clone.ts). */
  private readonly lines: LogEntry[] = markShallow([]);
  /** The line each stream is in the middle of (replaced, never edited: frozen, shared by copies). */
  private partialOut?: Readonly<{ time: number; text: string }>;
  private partialErr?: Readonly<{ time: number; text: string }>;
  dropped = 0;

  /** Appends a chunk of output; each completed line is stamped with the time its first byte came. */
  write(time: number, stream: LogStream, chunk: string): void {
    const pieces = chunk.split("\n");
    for (let i = 0; i < pieces.length; i++) {
      const last = i === pieces.length - 1;
      const held = this.held(stream);
      const text = (held?.text ?? "") + pieces[i]!;
      const at = held?.time ?? time;
      if (last) {
        this.hold(stream, text === "" ? undefined : Object.freeze({ time: at, text }));
      } else {
        this.hold(stream, undefined);
        this.push({ time: at, stream, text });
      }
    }
  }

  private held(stream: LogStream): Readonly<{ time: number; text: string }> | undefined {
    return stream === "stdout" ? this.partialOut : this.partialErr;
  }

  private hold(stream: LogStream, line: Readonly<{ time: number; text: string }> | undefined): void {
    if (stream === "stdout") this.partialOut = line;
    else this.partialErr = line;
  }

  /** A whole line (programs' own logs). */
  line(time: number, stream: LogStream, text: string): void {
    this.push({ time, stream, text });
  }

  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      const held = this.held(stream);
      if (held) this.push({ time: held.time, stream, text: held.text, partial: true });
      this.hold(stream, undefined);
    }
  }

  private push(e: LogEntry): void {
    this.lines.push(e.text.length > MAX_LINE_CHARS ? { ...e, text: e.text.slice(0, MAX_LINE_CHARS) } : e);
    // Trim in batches: shifting one line per write would make long-running loggers quadratic.
    if (this.lines.length >= 2 * MAX_LOG_LINES) {
      const excess = this.lines.length - MAX_LOG_LINES;
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** The last MAX_LOG_LINES lines, oldest first. */
  entries(): LogEntry[] {
    return this.lines.slice(-MAX_LOG_LINES);
  }
}
