// A bare shell on a terminal (`docker run -it busybox`, `-dit ubuntu`) is interactive: it writes
// its prompt — on stderr, which the TTY merges — and waits for a line. The prompt is a line in
// progress, so a log shows it once the container ends (docker's copier keeps partial lines until
// a newline or EOF); without a TTY the shell reads EOF and prints nothing.

import { describe, expect, it } from "vitest";
import { run } from "./helpers";

function promptOf(ref: string, options: Parameters<typeof run>[1] = {}) {
  const p = run(ref, { tty: true, stdinOpen: true, hostname: "c0ffee123456", ...options });
  const before = p.logs().length;
  p.kill();
  return { before, logs: p.logs().map((l) => ({ text: l.text, partial: l.partial ?? false, stream: l.stream })) };
}

describe("an interactive shell's first prompt", () => {
  it.each([
    ["busybox", {}, "/ # "],
    ["alpine", { workingDir: "/root" }, "~ # "],
    ["redis:alpine", { command: ["sh"] }, "/data # "],
    ["ubuntu", {}, "root@c0ffee123456:/# "],
    ["debian", {}, "root@c0ffee123456:/# "],
    ["debian", { command: ["sh"] }, "# "],
  ] as [string, Parameters<typeof run>[1], string][])("%s %j → %j", (ref, options, prompt) => {
    const r = promptOf(ref, options);
    expect(r.before).toBe(0); // held while the shell waits, as docker logs holds it
    expect(r.logs).toEqual([{ text: prompt, partial: true, stream: "stderr" }]);
  });

  it("without a TTY the shell reads EOF and exits 0 silently", () => {
    const p = run("busybox");
    p.advanceTo(Date.UTC(2024, 0, 10, 0, 0, 1));
    expect(p.logs()).toEqual([]);
    expect(p.status(Date.UTC(2024, 0, 10, 0, 0, 1))).toMatchObject({ state: "exited", exitCode: 0 });
  });
});
