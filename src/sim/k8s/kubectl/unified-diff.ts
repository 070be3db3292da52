// GNU `diff -u` of two texts (what `kubectl diff` runs, as `diff -u -N`): a shortest edit script
// (Myers' O(ND) algorithm, the one GNU diff is built on), grouped into hunks with three lines of
// context; hunks closer than twice the context merge. Within a change, removed lines come before
// added ones. Header ranges are 1-based `start,count`, with `,1` left out and an empty side shown
// at the line before it (`-0,0`). GNU finds its script by divide and conquer: where lines repeat
// a lot, it can pick another script of the same length (rare in YAML, whose lines mostly differ).

type Op = { kind: " " | "-" | "+"; line: string };

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
function linesOf(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The edit script GNU diff prints: a shortest one (Myers), then its shift_boundaries pass, which
 * slides each run of changed lines over equal neighbours to merge runs and to line them up with
 * the changes in the other text (analyze.c).
 */
function editScript(a: string[], b: string[]): Op[] {
  const ops = myers(a, b);
  const changedA: boolean[] = [];
  const changedB: boolean[] = [];
  for (const o of ops) {
    if (o.kind !== "+") changedA.push(o.kind === "-");
    if (o.kind !== "-") changedB.push(o.kind === "+");
  }
  shiftBoundaries(a, changedA, changedB);
  shiftBoundaries(b, changedB, changedA);
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (changedA[i] || changedB[j]) {
      while (i < a.length && changedA[i]) out.push({ kind: "-", line: a[i++]! });
      while (j < b.length && changedB[j]) out.push({ kind: "+", line: b[j++]! });
    } else out.push({ kind: " ", line: a[i++]! }), j++;
  }
  return out;
}

/** GNU diff's shift_boundaries for one text (`changed`), keeping `other` in step. */
function shiftBoundaries(lines: string[], changed: boolean[], other: boolean[]): void {
  // The flag arrays have a false sentinel on each side.
  const c = (k: number) => (k >= 0 && k < changed.length ? changed[k]! : false);
  const o = (k: number) => (k >= 0 && k < other.length ? other[k]! : false);
  const end = lines.length;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < end && !c(i)) {
      while (o(j++));
      i++;
    }
    if (i === end) break;
    let start = i;
    while (c(++i));
    while (o(j)) j++;
    let runlength: number;
    let corresponding: number;
    do {
      runlength = i - start;
      while (start && lines[start - 1] === lines[i - 1]) {
        changed[--start] = true;
        changed[--i] = false;
        while (c(start - 1)) start--;
        while (o(--j));
      }
      corresponding = o(j - 1) ? i : end;
      while (i !== end && lines[start] === lines[i]) {
        changed[start++] = false;
        changed[i++] = true;
        while (c(i)) i++;
        while (o(++j)) corresponding = i;
      }
    } while (runlength !== i - start);
    while (corresponding < i) {
      changed[--start] = true;
      changed[--i] = false;
      while (o(--j));
    }
  }
}

/** Myers' greedy forward search with the trace kept, then walked back into an edit script. */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Walk back from (n, m): each step is one deletion or insertion after a run of equal lines.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: " ", line: a[--x]! }), y--;
    if (d === 0) break;
    if (down) ops.push({ kind: "+", line: b[--y]! });
    else ops.push({ kind: "-", line: a[--x]! });
  }
  while (x > 0 && y > 0) ops.push({ kind: " ", line: a[--x]! }), y--;
  return ops.reverse();
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The hunks of `diff -u` (without the ---/+++ header); "" when the texts are equal. */
export function unifiedHunks(before: string, after: string, context = 3): string {
  const ops = editScript(linesOf(before), linesOf(after));
  const changed = ops.map((o, i) => (o.kind === " " ? -1 : i)).filter((i) => i >= 0);
  if (!changed.length) return "";
  // Group changes whose gap of equal lines is at most 2 × context.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] - 1 <= 2 * context) last[1] = i;
    else groups.push([i, i]);
  }
  // Line numbers before each op on both sides.
  const aAt: number[] = [];
  const bAt: number[] = [];
  let la = 1;
  let lb = 1;
  for (const o of ops) {
    aAt.push(la);
    bAt.push(lb);
    if (o.kind !== "+") la++;
    if (o.kind !== "-") lb++;
  }
  let out = "";
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const aCount = slice.filter((o) => o.kind !== "+").length;
    const bCount = slice.filter((o) => o.kind !== "-").length;
    out += `@@ -${range(aAt[from]!, aCount)} +${range(bAt[from]!, bCount)} @@\n`;
    for (const o of slice) out += `${o.kind}${o.line}\n`;
  }
  return out;
}
