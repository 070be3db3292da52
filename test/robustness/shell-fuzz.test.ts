// The machines' shell never crashes on any mix of its syntax: random token soups of compound
// commands, pipes, lists and redirections either run or fail with a syntax error, within budgets.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { Rng } from "../../src/sim/rng";

const TOKENS = [
  "for", "i", "in", "a", "b", "do", "done", "if", "then", "elif", "else", "fi", "while", "until", "true", "false",
  "break", "continue", "2", ";", "\n", "echo", "$i", "|", "&&", "||", "wc", "-l", ">", "f", "<", "[", "-f", "]", "!",
  "{", "}", "(", ")", "'", "\"", "sleep", "1", "grep", "-q", "x", "sed", "s/a/b/", "<<EOF", "EOF",
];

describe("shell fuzz", () => {
  it("runs 1,500 random scripts without an exception", () => {
    const rng = new Rng("shell-fuzz");
    const session = new Session({ seed: "fuzz" });
    for (let n = 0; n < 1500; n++) {
      const script = Array.from({ length: 1 + rng.int(30) }, () => rng.pick(TOKENS)).join(" ");
      let steps: ReturnType<Session["run"]> = [];
      expect(() => { steps = session.run(script, { allowSim: false }); }, script).not.toThrow();
      for (const s of steps) expect(typeof s.exitCode, script).toBe("number");
    }
  });
});
