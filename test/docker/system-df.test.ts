// `docker system df` and `docker system df -v` (engine/system-df.ts), as docker/cli's
// DiskUsageContext writes them: the summary counts images once whatever their tags, containers by
// their writable layers; -v prints four sections, each its own table, headers even when empty.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const steps = new Session({ seed: "df" }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout };
}

describe("docker system df -v", () => {
  it("with nothing: the four section titles and their headers", () => {
    const { steps } = run("docker system df -v");
    expect(steps[0]).toMatchObject({ exitCode: 0, stderr: "" });
    expect(steps[0]!.stdout).toBe([
      "Images space usage:",
      "",
      "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS",
      "",
      "Containers space usage:",
      "",
      "CONTAINER ID   IMAGE     COMMAND   LOCAL VOLUMES   SIZE      CREATED   STATUS    NAMES",
      "",
      "Local Volumes space usage:",
      "",
      "VOLUME NAME   LINKS     SIZE",
      "",
      "Build cache usage: 0B",
      "",
      "CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED",
      "",
    ].join("\n"));
  });

  it("lists each image once (first tag), each container's layer, each volume's links and size", () => {
    const { out } = run([
      "docker volume create vv",
      "docker run --name x -v vv:/d busybox sh -c 'echo hello > /d/f; echo abc > /tmp/a'",
      "docker tag busybox box:1",
      "docker system df",
      "docker system df -v",
    ].join("\n"));
    expect(out(3).split("\n").slice(1, 4)).toEqual([
      expect.stringMatching(/^Images +1 +1 +[\d.]+MB +0B \(0%\)$/),
      "Containers      1         0         4B        4B (100%)",
      "Local Volumes   1         1         6B        0B (0%)",
    ]);
    const v = out(4);
    // box:1 sorts before busybox:latest in the reference store: it is the tag shown.
    expect(v).toMatch(/\nREPOSITORY +TAG +IMAGE ID +CREATED +SIZE +SHARED SIZE +UNIQUE SIZE +CONTAINERS\nbox +1 +[0-9a-f]{12} +Less than a second ago +([\d.]+MB) +0B +\1 +1\n\n/);
    expect(v).toMatch(/\nCONTAINER ID +IMAGE +COMMAND +LOCAL VOLUMES +SIZE +CREATED +STATUS +NAMES\n[0-9a-f]{12} +busybox +"sh -c 'echo hello >…" +1 +4B +Less than a second ago +Exited \(0\) Less than a second ago +x\n\n/);
    expect(v).toContain("\nLocal Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\nvv            1         6B\n\nBuild cache usage: 0B\n");
  });

  it("a format other than table runs once over the whole usage; an execution error is bare", () => {
    const { steps } = run([
      "docker run --name x busybox true",
      "docker system df -v --format '{{range .Containers}}{{.Names}} {{.Size}}{{end}}'",
      "docker system df -v --format 'x{{.Nope}}'",
    ].join("\n"));
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "x 0B" });
    expect(steps[2]).toMatchObject({
      exitCode: 1, stdout: "x",
      stderr: 'template: :1:3: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.diskUsageContext\n',
    });
  });
});
