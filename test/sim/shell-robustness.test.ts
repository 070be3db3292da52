// No input may crash or hang the shell: random scripts from shell-significant characters.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { Rng } from "../../src/sim/rng";

const ALPHABET = ["echo", " ", "'", '"', "\\", "$", "(", ")", "{", "}", "|", "&", ";", "<", ">", "<<", "EOF", "\n", "#", "`", "x", "=", "*", "cat", "$(", "2>&1", "-", "ssh", "exit", "sleep 1"];

describe("shell robustness", () => {
  it("never throws on random scripts and always returns one step per parsed line", () => {
    const rng = new Rng("fuzz");
    const session = new Session({ seed: "fuzz", cluster: { hosts: [{ name: "h1" }, { name: "h2" }] } });
    for (let i = 0; i < 400; i++) {
      let script = "";
      const n = rng.range(1, 40);
      for (let j = 0; j < n; j++) script += rng.pick(ALPHABET);
      expect(() => session.run(script, { allowSim: false })).not.toThrow();
    }
  });

  it("bounds deep command substitution", () => {
    const deep = "echo " + "$(echo ".repeat(50) + "x" + ")".repeat(50);
    const [step] = new Session({ seed: "d", cluster: { hosts: [{ name: "h1" }] } }).run(deep, { allowSim: false });
    expect(step!.stderr).toContain("nested too deeply");
  });

  it("caps the number of steps", () => {
    const steps = new Session({ seed: "s", cluster: { hosts: [{ name: "h1" }] } }).run("true\n".repeat(5000), { allowSim: false });
    expect(steps.length).toBe(2000);
  });
});
