// `docker images` (engine/image-list.ts): the REPOSITORY[:TAG] argument and --filter reference
// match as reference.FamiliarMatch does (the familiar string, then the name; path.Match globs),
// one row per tag (an ID twice for two tags, -q too), dangling images as <none> <none>, and the
// daemon's filter errors.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const steps = new Session({ seed: "images" }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout };
}

const names = (table: string) => table.trim().split("\n").slice(1).map((l) => l.split(/ +/).slice(0, 2).join(":"));

describe("docker images", () => {
  it("filters by repository, tag and glob; one row per tag", () => {
    const { out } = run([
      "docker pull -q nginx", "docker pull -q nginx:1.27", "docker pull -q redis", "docker tag nginx web:v1",
      "docker images", "docker images nginx", "docker images 'ngi*'", "docker images nginx:1.27",
      "docker images --filter reference='*:v1'", "docker images -q", "docker images nope",
    ].join("\n"));
    expect(names(out(4)).sort()).toEqual(["nginx:1.27", "nginx:latest", "redis:latest", "web:v1"]);
    expect(names(out(5)).sort()).toEqual(["nginx:1.27", "nginx:latest"]);
    expect(names(out(6)).sort()).toEqual(["nginx:1.27", "nginx:latest"]);
    expect(names(out(7))).toEqual(["nginx:1.27"]);
    expect(names(out(8))).toEqual(["web:v1"]);
    const ids = out(9).trim().split("\n");
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(3);
    expect(out(10)).toBe("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n");
  });

  it("--digests shows the pull's digest for its repository's tags only", () => {
    const { out } = run("docker pull nginx\ndocker tag nginx web:v1\ndocker images --digests --format '{{.Repository}} {{.Digest}}'");
    const digest = /Digest: (sha256:[0-9a-f]{64})/.exec(out(0))![1];
    expect(out(2).trim().split("\n").sort()).toEqual([`nginx ${digest}`, "web <none>"]);
  });

  it("a dangling image is <none> <none>, kept by dangling=true, left out by a reference filter", () => {
    const { out } = run([
      "docker run -d --name w nginx", "docker rmi -f nginx",
      "docker images", "docker images --filter dangling=true --format '{{.Repository}}:{{.Tag}}'",
      "docker images --filter dangling=false -q", "docker images '*'",
    ].join("\n"));
    expect(names(out(2))).toEqual(["<none>:<none>"]);
    expect(out(3)).toBe("<none>:<none>\n");
    expect(out(4)).toBe("");
    expect(names(out(5))).toEqual([]);
  });

  it("the daemon's filter errors", () => {
    const { steps } = run("docker images --filter dangling=maybe\ndocker images --filter foo=1\ndocker images --filter before=nope");
    expect(steps.map((s) => [s.exitCode, s.stderr])).toEqual([
      [1, "Error response from daemon: invalid filter 'dangling=maybe'\n"],
      [1, "Error response from daemon: invalid filter 'foo'\n"],
      [1, "Error response from daemon: No such image: nope:latest\n"],
    ]);
  });
});
