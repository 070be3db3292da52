// Image IDs are the config digest, not the registry's manifest digest (moby: image.ID is
// digest(config); RepoDigests and `docker images --digests` hold the manifest's). Both must be
// consistent across images, inspect, ps, rmi by ID prefix — and swarm's task containers, whose
// Config.Image is the service's pinned `image:tag@sha256:<manifest digest>`.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const SWARM = { hosts: [{ name: "m1", ip: "10.0.0.1" }], swarm: { managers: ["m1"], workers: [] } };

function run(script: string, cluster?: object) {
  const steps = new Session({ seed: "audit11-ids", ...(cluster ? { cluster } : {}) } as never).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

describe("image ID vs repo digest", () => {
  it("docker images, inspect and pull agree on the ID and, separately, on the digest", () => {
    const { out } = run([
      "docker pull nginx", "docker images --digests --no-trunc --format '{{.ID}} {{.Digest}}'",
      "docker image inspect --format '{{.Id}} {{index .RepoDigests 0}}' nginx", "docker images -q",
    ].join("\n"));
    const digest = /Digest: (sha256:[0-9a-f]{64})/.exec(out(0))![1]!;
    const [id, listed] = out(1).trim().split(" ");
    expect(listed).toBe(digest);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(id).not.toBe(digest);
    expect(out(2)).toBe(`${id} nginx@${digest}\n`);
    expect(out(3)).toBe(`${id!.slice(7, 19)}\n`);
  });

  it("a container's Image is the ID; ps shows the ID once the tag is gone; rmi by ID prefix", () => {
    const s = new Session({ seed: "audit11-ids" });
    const id = s.run("docker pull -q nginx:alpine\ndocker image inspect -f '{{.Id}}' nginx:alpine", { allowSim: true })[1]!.stdout.trim();
    const steps = s.run([
      "docker run -d --name a nginx:alpine", "docker image inspect -f '{{.Id}}' nginx:alpine", "docker inspect -f '{{.Image}} {{.Config.Image}}' a",
      "docker tag nginx:alpine web:v1", "docker rmi nginx:alpine", "docker ps --format '{{.Image}}'",
      "docker rm -f a", "true", `docker rmi ${id.slice(7, 12)}`, "docker images -q",
    ].join("\n"), { allowSim: true });
    const out = (i: number) => steps[i]!.stdout;
    const err = (i: number) => steps[i]!.stderr;
    expect(out(2)).toBe(`${id} nginx:alpine\n`);
    expect(out(4)).toMatch(/^Untagged: nginx:alpine\nUntagged: nginx@sha256:[0-9a-f]{64}\n$/);
    expect(out(4)).not.toContain(id.slice(7));
    expect(out(5)).toBe(`${id.slice(7, 19)}\n`);
    // A tag and the ID both name one image: by ID without -f it is referenced in one repository only.
    expect(err(8)).toBe("");
    expect(out(8).split("\n").slice(0, 2)).toEqual(["Untagged: web:v1", `Deleted: ${id}`]);
    expect(steps[9]!.stdout).toBe("");
  });

  it("a swarm task container names the image by repo digest and runs the image's ID", () => {
    const { out, err } = run([
      "docker service create -q -d --name web nginx", "docker ps --format '{{.Image}}'", "docker ps --no-trunc --format '{{.Image}}'",
      "docker inspect -f '{{.Image}} {{.Config.Image}}' $(docker ps -q)", "docker image inspect -f '{{.Id}} {{index .RepoDigests 0}}' nginx",
      "docker rmi nginx",
    ].join("\n"), SWARM);
    const [id, repoDigest] = out(4).trim().split(" ");
    const digest = repoDigest!.split("@")[1]!;
    expect(id).not.toBe(digest);
    expect(out(1)).toBe("nginx:latest\n");
    expect(out(2)).toBe(`nginx:latest@${digest}\n`);
    expect(out(3)).toBe(`${id} nginx:latest@${digest}\n`);
    expect(err(5)).toMatch(new RegExp(`is using its referenced image ${id!.slice(7, 19)}\\n$`));
  });
});

describe("docker run by image ID", () => {
  it("a unique prefix of the ID runs the image; the container names it as typed", () => {
    const s = new Session({ seed: "audit11-ids" });
    const id = s.run("docker pull -q alpine\ndocker image inspect -f '{{.Id}}' alpine", { allowSim: true })[1]!.stdout.trim();
    const steps = s.run([
      `docker run -d --name a ${id.slice(7, 19)} sleep 100`, "docker ps --format '{{.Image}}'", "docker inspect -f '{{.Config.Image}} {{.Image}}' a",
      `docker run --rm ${id.slice(7, 11)} echo hi`,
    ].join("\n"), { allowSim: true });
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stderr).toBe("");
    expect(steps[1]!.stdout).toBe(`${id.slice(7, 19)}\n`);
    expect(steps[2]!.stdout).toBe(`${id.slice(7, 19)} ${id}\n`);
    expect(steps[3]!.stdout).toBe("hi\n");
  });
});
