// Go's time.Parse for the layouts docker's api/types/time.GetTimestamp uses (`--since`/`--until`
// of docker logs): the value in UTC milliseconds plus nanoseconds, or Go's ParseError text
// ("parsing time "x" as "2006-01-02": cannot parse "x" as "2006"", "…: extra text: …",
// "…: month out of range"). Only the layout elements those layouts contain are known here.

import { goTimeQuote } from "../../cli/format/go-fmt";

export interface ParsedTime { ms: number; nanos: number }

const ELEMENTS = ["2006", "01", "02", "15", "04", "05", ".999999999", "Z07:00"] as const;

function tokens(layout: string): string[] {
  const out: string[] = [];
  let rest = layout;
  while (rest) {
    const el = ELEMENTS.find((e) => rest.startsWith(e));
    if (el) { out.push(el); rest = rest.slice(el.length); } else { out.push(rest[0]!); rest = rest.slice(1); }
  }
  return out;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
// ParseError quotes with the time package's own quote (non-ASCII bytes as \xNN).
const q = goTimeQuote;

/** getnum: one or two digits (exactly two when fixed). */
function getnum(v: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(v[0])) return undefined;
  if (!isDigit(v[1])) return fixed ? undefined : [Number(v[0]), v.slice(1)];
  return [Number(v.slice(0, 2)), v.slice(2)];
}

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function goTimeParse(layout: string, value: string): ParsedTime | string {
  const bad = (elem: string, rest: string) => `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}`;
  const range = (what: string) => `parsing time ${q(value)}: ${what} out of range`;
  let v = value;
  let year = 0, month = 1, day = 1, hour = 0, min = 0, sec = 0, nanos = 0, offsetMin = 0;
  for (const t of tokens(layout)) {
    const hold = v;
    if (!(ELEMENTS as readonly string[]).includes(t)) {
      if (!v.startsWith(t)) return bad(t, v);
      v = v.slice(t.length);
      continue;
    }
    switch (t) {
      case "2006":
        if (v.length < 4 || !/^\d{4}/.test(v)) return bad(t, hold);
        year = Number(v.slice(0, 4));
        v = v.slice(4);
        break;
      case "01": case "02": case "15": case "04": case "05": {
        const r = getnum(v, t !== "15");
        if (!r) return bad(t, hold);
        [v] = [r[1]];
        const n = r[0];
        if (t === "01") { if (n < 1 || n > 12) return range("month"); month = n; }
        if (t === "02") { if (n > 31) return range("day"); day = n; }
        if (t === "15") { if (n >= 24) return range("hour"); hour = n; }
        if (t === "04") { if (n >= 60) return range("minute"); min = n; }
        if (t === "05") {
          if (n >= 60) return range("second");
          sec = n;
          // A fraction the layout does not show is still read after the seconds.
          const f = /^[.,](\d+)/.exec(v);
          if (f && !layout.includes(".9")) { nanos = Number(f[1]!.slice(0, 9).padEnd(9, "0")); v = v.slice(f[0].length); }
        }
        break;
      }
      case ".999999999": {
        const f = /^[.,](\d+)/.exec(v);
        if (f) { nanos = Number(f[1]!.slice(0, 9).padEnd(9, "0")); v = v.slice(f[0].length); }
        break;
      }
      case "Z07:00": {
        if (v.startsWith("Z")) { v = v.slice(1); break; }
        const z = /^([+-])(\d\d):(\d\d)/.exec(v);
        if (!z) return bad(t, hold);
        offsetMin = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
        v = v.slice(6);
        break;
      }
    }
  }
  if (v) return `parsing time ${q(value)}: extra text: ${q(v)}`;
  if (day < 1 || day > daysIn(month, year)) return range("day");
  return { ms: Date.UTC(year, month - 1, day, hour, min, sec) - offsetMin * 60_000, nanos };
}
