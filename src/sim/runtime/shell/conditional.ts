// `[[ EXPR ]]` (bash, busybox ash): && || ! and parentheses over the test primaries, no word
// splitting or globbing of operands, `==`/`!=` match a shell pattern (quoted parts literal),
// `=~` an extended regular expression, `<`/`>` compare strings.

import { normalizePath } from "../fs";
import type { Word } from "./ast";
import { expandSingle, type ExpandContext } from "./expand";
import { matchesWhole, patternFromText, patternOf } from "./patterns";
import type { ShellFs } from "./types";

type Item = { word: Word } | { op: string };

const UNARY = new Set(["-f", "-d", "-e", "-s", "-r", "-w", "-x", "-z", "-n", "-L", "-h"]);
const BINARY = new Set(["==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"]);

/** Whether the `[[ … ]]` expression holds (a malformed one is false). */
export function conditional(items: Item[], ctx: ExpandContext, fs: ShellFs, cwd: string, quotedPatterns = true): boolean {
  let i = 0;
  const text = (it: Item | undefined): string | undefined => (it && "op" in it ? it.op : it ? literal(it.word) : undefined);
  const value = (it: Item): string => ("op" in it ? it.op : expandSingle(it.word, ctx));

  const primary = (): boolean => {
    const t = items[i];
    if (!t) return false;
    if (text(t) === "!") { i++; return !primary(); }
    if ("op" in t && t.op === "(") {
      i++;
      const v = or();
      i++; // ")"
      return v;
    }
    const op = text(items[i + 1]);
    if (op !== undefined && BINARY.has(op) && items[i + 2]) {
      const left = value(t);
      const right = items[i + 2]!;
      i += 3;
      return binary(op, left, right);
    }
    const u = text(t);
    if (u !== undefined && UNARY.has(u) && items[i + 1]) {
      const operand = value(items[i + 1]!);
      i += 2;
      return unary(u, operand);
    }
    i++;
    return value(t) !== "";
  };
  const and = (): boolean => {
    let v = primary();
    while (text(items[i]) === "&&") { i++; const r = primary(); v = v && r; }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (text(items[i]) === "||") { i++; const r = and(); v = v || r; }
    return v;
  };

  const binary = (op: string, left: string, rightItem: Item): boolean => {
    if (op === "==" || op === "=" || op === "!=") {
      // busybox ash ignores quoting in the pattern (its [[ is test with glob matching).
      const pattern = "op" in rightItem ? undefined : quotedPatterns ? patternOf(rightItem.word, ctx) : patternFromText(value(rightItem));
      const hit = pattern === undefined ? left === value(rightItem) : matchesWhole(pattern, left);
      return op === "!=" ? !hit : hit;
    }
    const right = value(rightItem);
    if (op === "=~") {
      try { return new RegExp(right).test(left); } catch { return false; }
    }
    if (op === "<") return left < right;
    if (op === ">") return left > right;
    const a = Number(left) || 0;
    const b = Number(right) || 0;
    return { "-eq": a === b, "-ne": a !== b, "-lt": a < b, "-le": a <= b, "-gt": a > b, "-ge": a >= b }[op] ?? false;
  };

  const unary = (op: string, x: string): boolean => {
    const p = normalizePath(x, cwd);
    switch (op) {
      case "-z": return x === "";
      case "-n": return x !== "";
      case "-f": return fs.isFile(p);
      case "-d": return fs.isDir(p);
      case "-r": return fs.exists(p) && fs.readable?.(p) !== false;
      case "-x": return fs.isDir(p) || (fs.isFile(p) && fs.executable?.(p) !== false);
      case "-L": case "-h": return fs.symlink?.(p) !== undefined;
      case "-s": { const c = fs.read(p); return c !== "ENOENT" && c !== "EISDIR" && c !== "ENOTDIR" && c.length > 0; }
      default: return fs.exists(p);
    }
  };

  return or();
}

/** The unquoted literal text of a word (operators such as `-f` or `==` are written bare). */
function literal(word: Word): string | undefined {
  return word.parts.length === 1 && word.parts[0]!.split ? word.parts[0]!.text : undefined;
}
