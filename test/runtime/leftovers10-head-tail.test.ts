// head and tail with -c (and the rest of their counts, headers and errors) as busybox 1.35 and GNU
// coreutils 9.1 print them: each row was captured from the real tools (LANG=C) over the same files,
// f = "line1\nline2\nline3\n", g = "abc" (no newline), d a directory.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

type Row = [command: string, stdout: string, stderr: string, exitCode: number];

const GNU: Row[] = [
    ["head -c 3 f", "lin", "", 0],
    ["head -c -3 f", "line1\nline2\nlin", "", 0],
    ["head -c 2k f", "line1\nline2\nline3\n", "", 0],
    ["head -c2 f", "li", "", 0],
    ["head -c 5 f g", "==> f <==\nline1\n==> g <==\nabc", "", 0],
    ["head -c 0 f", "", "", 0],
    ["head -c abc f", "", "head: invalid number of bytes: 'abc'\n", 1],
    ["head -c 1x f", "", "head: invalid number of bytes: '1x'\n", 1],
    ["head -n -1 f", "line1\nline2\n", "", 0],
    ["head -n abc f", "", "head: invalid number of lines: 'abc'\n", 1],
    ["head -n 1 -c 2 f", "li", "", 0],
    ["head -3c f", "lin", "", 0],
    ["head -q f g", "line1\nline2\nline3\nabc", "", 0],
    ["head -v g", "==> g <==\nabc", "", 0],
    ["head -n 2 nonexist f", "==> f <==\nline1\nline2\n", "head: cannot open 'nonexist' for reading: No such file or directory\n", 1],
    ["head d", "", "head: error reading 'd': Is a directory\n", 1],
    ["head -c 2 d f", "==> d <==\n\n==> f <==\nli", "head: error reading 'd': Is a directory\n", 1],
    ["tail -c 4 f", "ne3\n", "", 0],
    ["tail -c +3 f", "ne1\nline2\nline3\n", "", 0],
    ["tail -c -2 f", "3\n", "", 0],
    ["tail -c2 f", "3\n", "", 0],
    ["tail -c 2 f g", "==> f <==\n3\n\n==> g <==\nbc", "", 0],
    ["tail -c 0 f", "", "", 0],
    ["tail -c abc f", "", "tail: invalid number of bytes: 'abc'\n", 1],
    ["tail -3c f", "e3\n", "", 0],
    ["tail +2 f", "line2\nline3\n", "", 0],
    ["tail -n +0 f", "line1\nline2\nline3\n", "", 0],
    ["tail -n 1 g", "abc", "", 0],
    ["tail -n 1 nonexist f", "==> f <==\nline3\n", "tail: cannot open 'nonexist' for reading: No such file or directory\n", 1],
    ["tail d", "", "tail: error reading 'd': Is a directory\n", 1],
    ["tail -n 2 d f", "==> d <==\n\n==> f <==\nline2\nline3\n", "tail: error reading 'd': Is a directory\n", 1],
];

const BUSYBOX: Row[] = [
    ["head -c 3 f", "lin", "", 0],
    ["head -c -3 f", "line1\nline2\nlin", "", 0],
    ["head -c 2k f", "line1\nline2\nline3\n", "", 0],
    ["head -c2 f", "li", "", 0],
    ["head -c 5 f g", "==> f <==\nline1\n==> g <==\nabc", "", 0],
    ["head -c 0 f", "", "", 0],
    ["head -c abc f", "", "head: invalid number 'abc'\n", 1],
    ["head -c 1x f", "", "head: invalid number '1x'\n", 1],
    ["head -n -1 f", "line1\nline2\n", "", 0],
    ["head -n abc f", "", "head: invalid number 'abc'\n", 1],
    ["head -n 1 -c 2 f", "li", "", 0],
    ["head -3c f", "", "head: invalid number '3c'\n", 1],
    ["head -q f g", "line1\nline2\nline3\nabc", "", 0],
    ["head -v g", "==> g <==\nabc", "", 0],
    ["head -n 2 nonexist f", "\n==> f <==\nline1\nline2\n", "head: nonexist: No such file or directory\n", 1],
    ["head d", "", "head: d: Input/output error\n", 1],
    ["head -c 2 d f", "==> d <==\n\n==> f <==\nli", "head: d: Input/output error\n", 1],
    ["tail -c 4 f", "ne3\n", "", 0],
    ["tail -c +3 f", "ne1\nline2\nline3\n", "", 0],
    ["tail -c -2 f", "3\n", "", 0],
    ["tail -c2 f", "3\n", "", 0],
    ["tail -c 2 f g", "==> f <==\n3\n\n==> g <==\nbc", "", 0],
    ["tail -c 0 f", "", "", 0],
    ["tail -c abc f", "", "tail: invalid number 'abc'\n", 1],
    ["tail -3c f", "", "tail: invalid number '3c'\n", 1],
    ["tail +2 f", "line2\nline3\n", "", 0],
    ["tail -n +0 f", "line1\nline2\nline3\n", "", 0],
    ["tail -n 1 g", "abc", "", 0],
    ["tail -n 1 nonexist f", "line3\n", "tail: can't open 'nonexist': No such file or directory\n", 1],
    ["tail d", "", "tail: read error: Is a directory\n", 1],
    ["tail -n 2 d f", "==> d <==\n\n==> f <==\nline2\nline3\n", "tail: read error: Is a directory\n", 1],
];

function replayIn(image: string, rows: Row[]) {
  const setup = [
    `docker run -d --name c -w /tmp ${image} sleep 100000`,
    `docker exec c sh -c 'printf "line1\\nline2\\nline3\\n" > f; printf abc > g; mkdir -p d'`,
  ];
  const steps = new Session({ seed: "head-tail" }).run([...setup, ...rows.map(([cmd]) => `docker exec c sh -c '${cmd}'`)].join("\n"), { allowSim: true });
  return steps.slice(setup.length);
}

describe.each([["GNU coreutils (debian)", "debian", GNU], ["busybox", "busybox", BUSYBOX]] as const)("head/tail: %s", (_name, image, rows) => {
  const steps = replayIn(image, rows as Row[]);
  it.each((rows as Row[]).map((r, i) => [r[0], i] as const))("%s", (_cmd, i) => {
    const [, stdout, stderr, exitCode] = (rows as Row[])[i]!;
    expect([steps[i]!.stdout, steps[i]!.stderr, steps[i]!.exitCode]).toEqual([stdout, stderr, exitCode]);
  });
});
