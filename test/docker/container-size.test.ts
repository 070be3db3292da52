// A container's writable layer (engine/container-size.ts, moby's SizeRw): the files it made or
// changed, not what went to its volumes, binds or tmpfs, nor the engine's /etc/hosts & co.
// `docker container prune` / `docker system prune` reclaim it; `docker ps -s` shows it.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const steps = new Session({ seed: "size" }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout };
}

describe("container writable layers", () => {
  it("container prune reclaims the bytes the removed containers wrote (not their mounts)", () => {
    const { out } = run([
      "docker run --name a busybox sh -c 'echo hello > /tmp/x'", // 6 bytes
      "docker run --name b -v /data --tmpfs /scratch busybox sh -c 'echo abc > /data/f; echo abc > /scratch/f'", // mounts only
      "docker run --name c busybox sh -c 'echo 123456789 > /root/y'", // 10 bytes
      "docker container prune -f",
    ].join("\n"));
    expect(out(3)).toMatch(/^Deleted Containers:\n([0-9a-f]{64}\n){3}\nTotal reclaimed space: 16B\n$/);
  });

  it("a changed image file counts whole (copied up); system prune sums it with the rest", () => {
    const { out } = run([
      "docker run --name p busybox sh -c 'cat /etc/passwd | wc -c'",
      "docker run --name q busybox sh -c 'echo x >> /etc/passwd'",
      "docker system prune -f",
    ].join("\n"));
    const passwd = Number(out(0).trim());
    expect(out(2)).toMatch(new RegExp(`^Deleted Containers:\\n([0-9a-f]{64}\\n){2}\\nTotal reclaimed space: ${passwd + 2}B\\n$`));
  });

  it("docker ps -s adds SIZE: the layer and, as virtual, with the image", () => {
    const { out } = run([
      "docker run --name a busybox sh -c 'echo hello > /tmp/x'",
      "docker create --name b busybox",
      "docker ps -a -s",
      "docker ps -a --format '{{.Names}}: {{.Size}}'",
      "docker ps -a --format '{{.Names}}'",
    ].join("\n"));
    const lines = out(2).split("\n");
    expect(lines[0]).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES +SIZE$/);
    expect(out(3)).toMatch(/^b: 0B \(virtual [0-9.]+MB\)\na: 6B \(virtual [0-9.]+MB\)\n$/);
    expect(out(4)).toBe("b\na\n");
  });
});

describe("docker inspect --size", () => {
  it("adds SizeRw and SizeRootFs (the layer plus the image)", () => {
    const { out } = run([
      "docker run --name a busybox sh -c 'echo hi > /x'",
      "docker inspect -s -f '{{.SizeRw}} {{.SizeRootFs}}' a",
      "docker image inspect -f '{{.Size}}' busybox",
      "docker container inspect --size -f '{{json .SizeRw}}' a",
    ].join("\n"));
    const image = Number(out(2).trim());
    expect(out(1)).toBe(`3 ${image + 3}\n`);
    expect(out(3)).toBe("3\n");
  });
});
