// Mirrors github.com/google/shlex's Split, which docker/cli's ShlexOpt (service create/update
// --entrypoint) applies to its value: words split on whitespace, '…' taken literally, "…" with
// backslash escapes, a backslash escaping the next rune outside quotes, and a '#' at the start of
// a word commenting out the rest of the line. Its two errors are the flag's.

export type ShlexResult = { ok: true; words: string[] } | { ok: false; error: string };

const SPACE = new Set([" ", "\t", "\r", "\n"]);

export function shlexSplit(input: string): ShlexResult {
  const words: string[] = [];
  const chars = [...input];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (SPACE.has(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      // A comment token runs to the end of the line; Split drops it.
      while (i < chars.length && chars[i] !== "\n") i++;
      continue;
    }
    let word = "";
    let state: "word" | "single" | "double" = "word";
    for (; i < chars.length; i++) {
      const r = chars[i]!;
      if (state === "single") {
        if (r === "'") state = "word";
        else word += r;
      } else if (state === "double") {
        if (r === '"') state = "word";
        else if (r === "\\") {
          if (i + 1 >= chars.length) return { ok: false, error: "EOF found after escape character" };
          word += chars[++i]!;
        } else word += r;
      } else if (SPACE.has(r)) break;
      else if (r === "'") state = "single";
      else if (r === '"') state = "double";
      else if (r === "\\") {
        if (i + 1 >= chars.length) return { ok: false, error: "EOF found after escape character" };
        word += chars[++i]!;
      } else word += r;
    }
    if (state !== "word") return { ok: false, error: "EOF found when expecting closing quote" };
    words.push(word);
  }
  return { ok: true, words };
}
