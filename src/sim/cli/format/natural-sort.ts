// Mirrors github.com/fvbommel/sortorder NaturalLess, which docker uses to sort `service ls`,
// `node ls`, `stack ls`, `secret ls`, `service ps`: digit runs compare as numbers
// (`node-2` < `node-10`), digits sort before other characters, other bytes compare as UTF-8.

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Code points of s (UTF-8 byte order equals code point order). */
function points(s: string): number[] {
  return Array.from(s, (ch) => ch.codePointAt(0) ?? 0);
}

export function naturalLess(a: string, b: string): boolean {
  const s1 = points(a);
  const s2 = points(b);
  let i1 = 0;
  let i2 = 0;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1];
    const c2 = s2[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && s1[i1] === 48) i1++;
    while (i2 < s2.length && s2[i2] === 48) i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < s1.length && isDigit(s1[i1])) i1++;
    while (i2 < s2.length && isDigit(s2[i2])) i2++;
    const len1 = i1 - nz1;
    const len2 = i2 - nz2;
    if (len1 !== len2) return len1 < len2;
    const n1 = String.fromCodePoint(...s1.slice(nz1, i1));
    const n2 = String.fromCodePoint(...s2.slice(nz2, i2));
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

/** A comparator for Array#sort. */
export function naturalCompare(a: string, b: string): number {
  if (naturalLess(a, b)) return -1;
  if (naturalLess(b, a)) return 1;
  return 0;
}

/** A sorted copy, by a key, in natural order (stable for equal keys). */
export function naturalSortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => naturalCompare(key(x), key(y)));
}
