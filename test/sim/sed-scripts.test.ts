// sed scripts as students write them on the lab machine (GNU sed 4.9, compared with the real one
// here on 2026-11-26): escaped delimiters, other delimiters, ; inside and between s commands,
// s///N and I, groups and &, and GNU's "-e expression #1, char N" errors.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const sed = (input: string, script: string, opts = "") => {
  const s = new Session({ seed: "sed", cluster: { hosts: [{ name: "h1", ip: "10.0.0.5" }] } });
  const [step] = s.run(`printf '${input}' | sed ${opts} '${script}'`, { allowSim: false });
  return [step!.stdout, step!.stderr, step!.exitCode];
};

describe("sed", () => {
  it.each([
    ["apiVersion: v1\\n", "s/v1/apps\\/v1/", "apiVersion: apps/v1\n"],
    ["a/b\\n", "s/a\\/b/x/", "x\n"],
    ["a|b\\n", "s|a\\|b|x|", "x\n"],
    ["image: nginx:1.25\\n", "s#nginx:1.25#nginx:1.27#", "image: nginx:1.27\n"],
    ["x.y.z\\n", "s/\\./-/g", "x-y-z\n"],
    ["a;b\\n", "s/;/,/; s/a/A/", "A,b\n"],
    ["aaa\\n", "s/a/b/2", "aba\n"],
    ["aaa\\n", "s/a/b/2g", "abb\n"],
    ["hello\\n", "s/l/[&]/g", "he[l][l]o\n"],
    ["Hello\\n", "s/hello/bye/I", "bye\n"],
    ["a\\nb\\nc\\n", "/a/!d", "a\n"],
  ])("%s | sed '%s'", (input, script, out) => {
    expect(sed(input, script)).toEqual([out, "", 0]);
  });

  it("-E groups", () => {
    expect(sed("hello world\\n", "s/(\\w+) (\\w+)/\\2 \\1/", "-E")).toEqual(["world hello\n", "", 0]);
  });

  it.each([
    ["s/x/y", "sed: -e expression #1, char 5: unterminated `s' command\n"],
    ["k", "sed: -e expression #1, char 1: unknown command: `k'\n"],
    ["s/\\(/x/", "sed: -e expression #1, char 7: Unmatched ( or \\(\n"],
    ["s/a/b/0", "sed: -e expression #1, char 7: number option to `s' command may not be zero\n"],
    ["s/a/b/ x", "sed: -e expression #1, char 8: unknown option to `s'\n"],
    ["p x", "sed: -e expression #1, char 3: extra characters after command\n"],
  ])("refuses '%s' as GNU sed does", (script, err) => {
    expect(sed("hello\\n", script)).toEqual(["", err, 1]);
  });
});
