// sed addresses as GNU and busybox sed take them: ranges (numbers, $, regexes), negation.
import { describe, expect, it } from "vitest";
import { replay } from "../../src/sim";

const out = (script: string) =>
  replay(`seq 20 > f.txt\n${script}`, { seed: "sed", cluster: { hosts: [{ name: "m1", ip: "10.0.0.1" }] } }).transcript.steps[1]!;

describe("sed address ranges", () => {
  it.each([
    ["sed -n 4,6p f.txt", "4\n5\n6\n"],
    ["sed '3,18d' f.txt", "1\n2\n19\n20\n"],
    ["sed -n '/7/,/9/p' f.txt", "7\n8\n9\n17\n18\n19\n"],
    ["sed -n '18,$p' f.txt", "18\n19\n20\n"],
    ["sed '2,19!d' f.txt | head -2", "2\n3\n"],
    ["sed -n '5,3p' f.txt", "5\n"],
    ["sed -n '$!d;p' f.txt", "20\n"],
    ["sed '1,/3/s/^/> /' f.txt | head -4", "> 1\n> 2\n> 3\n4\n"],
  ])("%s", (script, expected) => {
    expect(out(script)).toMatchObject({ exitCode: 0, stdout: expected, stderr: "" });
  });
});
