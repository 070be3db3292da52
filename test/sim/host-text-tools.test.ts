// The lab machine's bash builtins and GNU tools, against bash 5.2 and coreutils 9.1 run here
// (2026-11-26): printf's and echo -e's escapes, cat's display options, grep's basic syntax.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const run = (script: string) =>
  new Session({ seed: "host-text", cluster: { hosts: [{ name: "h1", ip: "10.0.0.5" }] } }).run(script, { allowSim: false }).map((s) => s.stdout + s.stderr);

describe("host text tools", () => {
  it("printf and echo -e escapes differ as in bash (octal \\NNN vs \\0NNN, \\c stops echo)", () => {
    expect(run("echo -e '\\101|\\0101|\\x41|\\e|\\\"|\\?|a\\tb' | cat -A\necho -e 'x\\cy'; echo next\nprintf '\\0101|\\101\\n' | cat -A")).toEqual([
      "\\101|A|A|^[|\\\"|\\?|a^Ib$\n", "xnext\n", "^H1|A$\n",
    ]);
  });

  it("cat -A/-n/-b/-s, and an unknown option", () => {
    const out = run("printf 'a\\n\\tb\\n\\n\\n\\nc\\r\\nd' > f\ncat -A f\ncat -bs f\ncat -z f");
    expect(out.slice(1)).toEqual([
      "a$\n^Ib$\n$\n$\n$\nc^M$\nd",
      "     1\ta\n     2\t\tb\n\n     3\tc\r\n     4\td",
      "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n",
    ]);
  });

  it("grep's basic syntax: \\| alternation and \\( \\) groups; -F is literal", () => {
    expect(run("printf 'a\\nb\\nc|d\\n' > f\ngrep 'a\\|b' f\ngrep -F 'c|d' f\ngrep -c '\\(a\\|c\\)' f").slice(1)).toEqual(["a\nb\n", "c|d\n", "2\n"]);
  });
});
