// kubectl describe's PrefixWriter: lines written at nesting levels (2 spaces each), "Label:\tvalue"
// cells aligned by a tabwriter (minwidth 0, tabwidth 8, padding 2) over the whole output, and
// the shared helpers (labels/annotations blocks, times, the Events table).

import { kubeAge } from "../../../cli/format/duration";
import { tabwrite } from "../../../cli/format/tabwriter";
import type { KEvent } from "../../api/events";
import { goSort } from "../go-sort";

type Obj = Record<string, any>;

export class DescribeWriter {
  private readonly lines: string[] = [];

  /** Writes `text` at a level; tabs separate aligned cells. */
  write(level: number, text: string): void {
    this.lines.push("  ".repeat(level) + text);
  }

  toString(): string {
    const text = this.lines.join("\n") + "\n";
    return tabwrite(text, { minWidth: 0, padding: 2, padChar: " " });
  }

  /** The lines as written, tabs kept: what kubectl prints where it skips the tabwriter
   *  (`rollout history --revision=N` writes the pod template through a bare PrefixWriter). */
  raw(): string {
    return this.lines.join("\n") + "\n";
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 +0000" (UTC). */
export function rfc1123z(iso: string | number | undefined): string {
  if (iso === undefined) return "<unset>";
  const d = new Date(typeof iso === "number" ? iso : Date.parse(iso));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Labels: first `k=v` on the label's line, the rest below, aligned (sorted keys). */
export function writeMap(w: DescribeWriter, level: number, label: string, m: Record<string, string> | undefined, sep = "=", skip: string[] = []): void {
  const keys = Object.keys(m ?? {}).filter((k) => !skip.includes(k)).sort();
  if (!keys.length) {
    w.write(level, `${label}\t<none>`);
    return;
  }
  // Continuation lines carry no indentation of their own (kubectl writes the indent into the
  // title: `"  Labels:\t"`); aligned output is the same, raw output (raw()) shows it.
  keys.forEach((k, i) => w.write(i === 0 ? level : 0, `${i === 0 ? label : ""}\t${k}${sep}${m![k]}`));
}

/** describe's maxAnnotationLen: a longer `key: value` (or one with a newline) goes multiline. */
const MAX_ANNOTATION_LEN = 140;

const shorten = (s: string, max: number) => (s.length > max ? s.slice(0, max) + "..." : s);

/**
 * printAnnotationsMultiline: `key: value` per line, sorted, the last-applied configuration
 * skipped; a value that is long or has several lines prints under its key, each line indented
 * two spaces and cut at 138 characters with "...".
 */
export function writeAnnotations(w: DescribeWriter, level: number, m: Record<string, string> | undefined, skip = ["kubectl.kubernetes.io/last-applied-configuration"]): void {
  const keys = Object.keys(m ?? {}).filter((k) => !skip.includes(k)).sort();
  if (!keys.length) {
    w.write(level, "Annotations:\t<none>");
    return;
  }
  keys.forEach((k, i) => {
    const head = i === 0 ? "Annotations:" : "";
    const lvl = i === 0 ? level : 0;
    const value = m![k]!.replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(lvl, `${head}\t${k}:`);
      for (const line of value.split("\n")) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}`);
    } else {
      w.write(lvl, `${head}\t${k}: ${value}`);
    }
  });
}

export function writeEvents(w: DescribeWriter, events: KEvent[], now: number): void {
  if (!events.length) {
    w.write(0, "Events:\t<none>");
    return;
  }
  w.write(0, "Events:");
  w.write(1, "Type\tReason\tAge\tFrom\tMessage");
  w.write(1, "----\t------\t----\t----\t-------");
  for (const e of byLastSeen(events)) {
    const first = Date.parse(e.firstTimestamp);
    const last = Date.parse(e.lastTimestamp);
    const age = e.count > 1 ? `${kubeAge(now, last)} (x${e.count} over ${kubeAge(now, first)})` : kubeAge(now, first);
    // kubectl ≥ 1.20 shows only the component (reportingController), not the host.
    const from = e.source?.component || e.reportingComponent || "<unknown>";
    w.write(1, `${e.type}\t${e.reason}\t${age}\t${from}\t${String(e.message).trim()}`);
  }
}

/** describe sorts the server's order with event.SortableEvents (lastTimestamp, oldest first)
 *  through Go's unstable sort.Sort: ties keep their order only up to 12 events. The server
 *  lists events in key order — by name, `<object>.<hex time of the first occurrence>` — so a
 *  repeated event keeps the place of its first occurrence whatever its resourceVersion. */
function byLastSeen(events: KEvent[]): KEvent[] {
  const last = (e: KEvent) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : 0);
  const listed = [...events].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  return goSort(listed, (a, b) => last(a) < last(b));
}

export function or(v: unknown, dflt = "<none>"): string {
  return v === undefined || v === null || v === "" ? dflt : String(v);
}

export type { Obj };
