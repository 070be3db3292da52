// bash's ANSI-C quoting $'…' in the machines' shell: each escape as bash decodes it, checked
// byte for byte against the real bash when one is installed.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const hasBash = spawnSync("bash", ["-c", "true"]).status === 0;

const CASES = [
  `printf '%s|' $'a\\tb\\nc' $'it\\'s' $'q\\"w' $'a\\\\b' $'\\?'`,
  `printf '%s|' $'x\\x41y' $'\\x4g' $'\\x' $'\\101\\0102' $'\\7' $'\\z'`,
  `printf '%s|' $'q\\0r' $'s\\x00t' $'\\e[1m\\E' $'\\cA\\c?' $'\\u00e9\\U0001F600' $'\\u'`,
  `echo "$'not'" $'a'"b"'c' $"d"`,
  `X=$'l1\\nl2'; echo "$X"; echo $(echo $'in)side')`,
  `printf '%s\\n' $'a\\rb\\fc\\vd\\ae\\bf'`,
];

function sim(script: string): string {
  return new Session({ seed: "ansi-c" }).run(script, { allowSim: true }).map((s) => s.stdout).join("");
}

describe("$'…' ANSI-C quoting", () => {
  it("decodes the escapes", () => {
    expect(sim(CASES[0]!)).toBe("a\tb\nc|it's|q\"w|a\\b|?|");
    expect(sim(CASES[1]!)).toBe("xAy|\x04g|\\x|A\b2|\x07|\\z|");
    expect(sim(CASES[2]!)).toBe("q|s|\x1b[1m\x1b|\x01\x7f|é😀|\\u|");
    expect(sim(CASES[3]!)).toBe("$'not' abc d\n");
    expect(sim(CASES[4]!)).toBe("l1\nl2\nin)side\n");
  });

  it.skipIf(!hasBash)("as the real bash does", () => {
    for (const c of CASES) {
      const real = spawnSync("bash", ["-c", c], { encoding: "utf8" }).stdout;
      expect(sim(c), c).toBe(real);
    }
  });
});
