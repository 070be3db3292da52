// `docker rmi` / `docker image rm` and `docker tag` (engine/image-delete.ts, image-commands.ts) as
// moby's classic image service answers them: a tag removed alone while another names the image,
// the digest reference of a pull by tag untagged with its last tag, the image and each layer
// "Deleted", and the daemon's two conflicts (a container using the reference: must force; a
// running container and an image ID: cannot be forced).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const steps = new Session({ seed: "rmi" }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

const SHA = "sha256:[0-9a-f]{64}";
const ID12 = "[0-9a-f]{12}";

describe("docker rmi", () => {
  it("removes one tag of an image with two tags (only Untagged), then the image with its digest and layers", () => {
    const { steps, out } = run([
      "docker pull -q nginx",
      "docker tag nginx web:v1",
      "docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}'",
      "docker rmi web:v1",
      "docker tag nginx web:v1",
      "docker rmi nginx",
      "docker rmi web:v1",
      "docker images -q",
    ].join("\n"));
    const [a, b] = out(2).trim().split("\n").map((l) => l.split(" ")[1]);
    expect(a).toBe(b); // one image, two references
    expect(steps[3]).toMatchObject({ exitCode: 0, stdout: "Untagged: web:v1\n", stderr: "" });
    // The last nginx tag goes, and with it the repository's digest reference; web:v1 keeps the image.
    expect(out(5)).toMatch(new RegExp(`^Untagged: nginx:latest\nUntagged: nginx@${SHA}\n$`));
    expect(out(6)).toMatch(new RegExp(`^Untagged: web:v1\nDeleted: sha256:${a}[0-9a-f]{52}\n(Deleted: ${SHA}\n)+$`));
    expect(out(7)).toBe("");
  });

  it("prints one Deleted line per layer the pull listed", () => {
    const { out } = run("docker pull nginx\ndocker rmi nginx");
    const layers = out(0).split("\n").filter((l) => l.endsWith(": Pull complete")).length;
    const deleted = out(1).split("\n").filter((l) => l.startsWith("Deleted: "));
    expect(deleted).toHaveLength(1 + layers);
    expect(out(0)).toContain(out(1).split("\n")[1]!.replace("Untagged: nginx@", "Digest: "));
  });

  it("refuses a reference a stopped container uses unless forced; -f deletes it", () => {
    const { steps, out } = run([
      "docker run --name once busybox true",
      "docker rmi busybox",
      "docker rmi -f busybox",
      "docker ps -a --format '{{.Image}}'",
    ].join("\n"));
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toMatch(new RegExp(
      `^Error response from daemon: conflict: unable to remove repository reference "busybox" \\(must force\\) - container ${ID12} is using its referenced image ${ID12}\n$`,
    ));
    expect(steps[2]).toMatchObject({ exitCode: 0, stderr: "" });
    expect(out(2)).toMatch(new RegExp(`^Untagged: busybox:latest\nUntagged: busybox@${SHA}\nDeleted: ${SHA}\n(Deleted: ${SHA}\n)+$`));
    // The container now shows its image by ID (ContainerContext.Image truncates it).
    expect(out(3)).toMatch(new RegExp(`^${ID12}\n$`));
  });

  it("a running container: by ID it cannot be forced; -f by name only untags (the image stays, <none>)", () => {
    const { steps, out } = run([
      "docker run -d --name web nginx",
      "docker images -q",
      "docker rmi $(docker images -q)",
      "docker rmi -f $(docker images -q)",
      "docker rmi -f nginx",
      "docker images --format '{{.Repository}} {{.Tag}}'",
      "docker rm -f web",
      "docker rmi $(docker images -q)",
    ].join("\n"));
    const id = out(1).trim();
    const err = `Error response from daemon: conflict: unable to delete ${id} (cannot be forced) - image is being used by running container ${out(0).slice(0, 12)}\n`;
    expect(steps[2]).toMatchObject({ exitCode: 1, stdout: "", stderr: err });
    expect(steps[3]).toMatchObject({ exitCode: 1, stdout: "", stderr: err });
    expect(out(4)).toMatch(new RegExp(`^Untagged: nginx:latest\nUntagged: nginx@${SHA}\n$`));
    expect(out(5)).toBe("<none> <none>\n");
    expect(out(7)).toMatch(new RegExp(`^Deleted: sha256:${id}[0-9a-f]{52}\n(Deleted: ${SHA}\n)+$`));
  });

  it("by ID: several repositories must be forced; a stopped container's image too", () => {
    const { steps, out } = run([
      "docker pull -q redis",
      "docker tag redis cache:1",
      "docker rmi $(docker images -q | head -1)",
      "docker run --name r redis true",
      "docker rmi cache:1",
      "docker rmi $(docker images -q | head -1)",
      "docker rmi -f $(docker images -q | head -1)",
    ].join("\n"));
    expect(steps[2]!.stderr).toMatch(new RegExp(`^Error response from daemon: conflict: unable to delete ${ID12} \\(must be forced\\) - image is referenced in multiple repositories\n$`));
    expect(steps[4]).toMatchObject({ exitCode: 0, stdout: "Untagged: cache:1\n" });
    expect(steps[5]!.stderr).toMatch(new RegExp(`^Error response from daemon: conflict: unable to delete ${ID12} \\(must be forced\\) - image is being used by stopped container ${ID12}\n$`));
    expect(out(6)).toMatch(new RegExp(`^Untagged: redis:latest\nUntagged: redis@${SHA}\nDeleted: ${SHA}\n`));
  });

  it("a missing image: exit 1, or with -f only printed (exit 0); a bad reference is fatal even with -f", () => {
    const { steps } = run("docker rmi nope\ndocker rmi -f nope\ndocker rmi -f Nope");
    expect(steps[0]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: No such image: nope:latest\n" });
    expect(steps[1]).toMatchObject({ exitCode: 0, stderr: "Error response from daemon: No such image: nope:latest\n" });
    expect(steps[2]).toMatchObject({
      exitCode: 1, stderr: "Error response from daemon: invalid reference format: repository name (library/Nope) must be lowercase\n",
    });
  });
});

describe("docker tag", () => {
  it("the client's reference checks, then the daemon's", () => {
    const { steps } = run([
      "docker tag nope x",
      "docker tag Nope x",
      "docker pull -q alpine",
      "docker tag alpine X",
      "docker tag alpine x@sha256:" + "0".repeat(64),
      "docker image tag alpine x",
      "docker inspect -f '{{.RepoTags}} {{len .RepoDigests}}' x",
    ].join("\n"));
    expect(steps[0]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: No such image: nope:latest\n" });
    expect(steps[1]).toMatchObject({
      exitCode: 1, stderr: 'Error parsing reference: "Nope" is not a valid repository/tag: invalid reference format: repository name (library/Nope) must be lowercase\n',
    });
    expect(steps[3]!.stderr).toBe('Error parsing reference: "X" is not a valid repository/tag: invalid reference format: repository name (library/X) must be lowercase\n');
    expect(steps[4]!.stderr).toBe("refusing to create a tag with a digest reference\n");
    expect(steps[5]).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
    // One image, both its names; the digest reference of the pull stays with alpine's tag.
    expect(steps[6]!.stdout).toBe("[alpine:latest x:latest] 1\n");
  });

  it.skipIf(spawnSync("docker", ["--version"]).error !== undefined)("argument errors as the installed docker prints them", () => {
    for (const args of [["tag", "a"], ["tag", "A", "b"], ["tag", "a", "B"]]) {
      const real = spawnSync("docker", args, { encoding: "utf8", env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/root" } });
      const [step] = new Session({ seed: "rmi" }).run(["docker", ...args].join(" "), { allowSim: false });
      expect([step!.exitCode, step!.stdout, step!.stderr], args.join(" ")).toEqual([real.status, real.stdout, real.stderr]);
    }
  });
});

describe("a tagged name runs the image locally", () => {
  it("until the tag is removed (then the registry is asked, and has no such repository)", () => {
    const { steps } = run([
      "docker pull -q nginx",
      "docker tag nginx mine:v1",
      "docker run -d --name a mine:v1",
      "docker rm -f a",
      "docker rmi mine:v1",
      "docker run -d mine:v1",
    ].join("\n"));
    expect(steps[2]).toMatchObject({ exitCode: 0, stderr: "" });
    expect(steps[4]!.stdout).toBe("Untagged: mine:v1\n");
    expect(steps[5]!.exitCode).toBe(125);
    expect(steps[5]!.stderr).toContain("pull access denied for mine");
  });
});

describe("docker image prune", () => {
  it("removes a dangling image once no container uses it: its ID, then each layer", () => {
    const { out } = run([
      "docker run -d --name w nginx",
      "docker rmi -f nginx",
      "docker image prune -f",
      "docker rm -f w",
      "docker image prune -f",
      "docker images -q",
    ].join("\n"));
    expect(out(2)).toBe("Total reclaimed space: 0B\n");
    expect(out(4)).toMatch(new RegExp(`^Deleted Images:\ndeleted: ${SHA}\n(deleted: ${SHA}\n)+\nTotal reclaimed space: [0-9.]+MB\n$`));
    expect(out(5)).toBe("");
  });
});
