// bash's ANSI-C quoting, $'…' (lib/sh/strtrans.c ansicstr without echo's flag): backslash
// escapes decoded inside single quotes — \a \b \e \E \f \n \r \t \v \\ \' \" \?, \NNN (one to
// three octal digits, the first may be 0), \xHH (one or two hex digits), \uHHHH / \UHHHHHHHH,
// \cX (control-X). An unknown escape, or \x \u \U without digits, stays as written (backslash
// kept). The string ends at a NUL byte, as a C string does: $'a\0b' is "a".

const SIMPLE: Record<string, string> = {
  a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
  "\\": "\\", "'": "'", '"': '"', "?": "?",
};

/** Where the $'…' starting at `open` (the `'`) ends: the index of its closing quote, or -1. */
export function ansiCEnd(src: string, open: number): number {
  for (let i = open + 1; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "'") return i;
  }
  return -1;
}

/** The text of a $'…' body (what lies between the quotes). */
export function decodeAnsiC(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\" || i + 1 >= body.length) { out += c; continue; }
    const e = body[++i]!;
    if (SIMPLE[e] !== undefined) { out += SIMPLE[e]; continue; }
    if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      i += m.length - 1;
      const v = parseInt(m, 8) & 0xff;
      if (v === 0) return out;
      out += String.fromCharCode(v);
      continue;
    }
    if (e === "x" || e === "u" || e === "U") {
      const max = e === "x" ? 2 : e === "u" ? 4 : 8;
      const m = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(body.slice(i + 1))?.[0];
      if (!m) { out += `\\${e}`; continue; }
      i += m.length;
      const v = parseInt(m, 16);
      if (v === 0) return out;
      // \x is one byte; \u and \U a code point (written as UTF-8).
      out += e === "x" ? String.fromCharCode(v) : v <= 0x10ffff ? String.fromCodePoint(v) : "";
      continue;
    }
    if (e === "c" && i + 1 < body.length) {
      const x = body[++i]!;
      const v = x === "?" ? 0x7f : x.toUpperCase().charCodeAt(0) & 31;
      if (v === 0) return out;
      out += String.fromCharCode(v);
      continue;
    }
    out += `\\${e}`;
  }
  return out;
}
