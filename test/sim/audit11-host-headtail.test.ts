// The machines' head and tail are GNU coreutils': -c, signed -n/-c, the obsolete -N, headers
// between files, GNU's errors — checked byte for byte against the installed GNU head/tail
// (C locale) when there is one.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const gnu = spawnSync("head", ["--version"], { encoding: "utf8" }).stdout?.includes("GNU coreutils") ?? false;
const FILE = "hello world\nline2\nlast line without newline";
const CASES = [
  "head -c 5 f", "tail -c 3 f", "head -c -4 f", "tail -c +7 f", "head -n -1 f", "tail -n +2 f", "head -2 f", "tail -1 f",
  "head -c5 f", "head -n 1 f f", "head -q -n 1 f f", "head -n 1 f nope", "tail -c 1k f", "head -c x f", "head -x f",
];

function sim(cmd: string) {
  const [step] = new Session({ seed: "headtail", files: { f: FILE } }).run(cmd, { allowSim: true });
  return { code: step!.exitCode, out: step!.stdout, err: step!.stderr };
}

describe("host head and tail (GNU)", () => {
  it("-c and signed counts", () => {
    expect(sim("head -c 5 f").out).toBe("hello");
    expect(sim("tail -c 3 f").out).toBe("ine");
    expect(sim("tail -n +2 f").out).toBe("line2\nlast line without newline");
    expect(sim("echo abc | tail -c 2").out).toBe("c\n");
  });

  it.skipIf(!gnu)("as GNU coreutils prints them", () => {
    const dir = mkdtempSync(join(tmpdir(), "headtail-"));
    writeFileSync(join(dir, "f"), FILE);
    for (const c of CASES) {
      const real = spawnSync("sh", ["-c", c], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, LC_ALL: "C" } });
      expect(sim(c), c).toEqual({ code: real.status, out: real.stdout, err: real.stderr });
    }
  });
});
