// The prune commands (engine/prune.ts) and anonymous volumes (engine/container-volumes.ts), as
// docker CLI 28.2 prints them: the prompt without -f reads stdin (only y/Y goes on; anything else
// cancels with status 0 and nothing more), "Deleted …:" lists, a blank line, the space line.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const steps = new Session({ seed: "prune" }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

const HEX = /^[0-9a-f]{64}$/;

describe("docker volume prune", () => {
  it("asks first; an answer other than y cancels silently, y removes unused anonymous volumes only", () => {
    const { out, steps } = run([
      "docker volume create named",
      "docker run --name a -v /data busybox sh -c 'echo hello > /data/f'",
      "docker rm a",
      "docker volume ls -q",
      "docker volume prune",
      "echo yes | docker volume prune",
      "echo y | docker volume prune",
      "docker volume ls -q",
    ].join("\n"));
    const anon = out(3).split("\n").filter((l) => HEX.test(l));
    expect(anon).toHaveLength(1);
    const prompt = "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ";
    expect(steps[4]).toMatchObject({ exitCode: 0, stdout: prompt, stderr: "" });
    expect(steps[5]).toMatchObject({ exitCode: 0, stdout: prompt, stderr: "" });
    // "hello\n" is 6 bytes: pkg/directory.Size of the volume's files.
    expect(steps[6]).toMatchObject({ exitCode: 0, stdout: `${prompt}Deleted Volumes:\n${anon[0]}\n\nTotal reclaimed space: 6B\n` });
    expect(out(7)).toBe("named\n");
  });

  it("-a takes named volumes too, but never one a container (even a stopped one) uses", () => {
    const { out, steps } = run([
      "docker volume create keep",
      "docker volume create old",
      "docker create --name c -v keep:/k busybox",
      "docker volume prune -af",
      "docker volume ls -q",
      "echo n | docker volume prune -a",
      "docker volume prune -a --filter all=1",
      "docker volume prune -f --filter until=1h",
    ].join("\n"));
    expect(out(3)).toBe("Deleted Volumes:\nold\n\nTotal reclaimed space: 0B\n");
    expect(out(4)).toBe("keep\n");
    expect(out(5)).toBe("WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ");
    expect(steps[6]).toMatchObject({ exitCode: 1, stderr: "conflicting options: cannot specify both --all and --filter all=1\n" });
    expect(steps[7]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: invalid filter 'until'\n" });
  });

  it("nothing to remove is just the space line; a malformed filter is the flag's error", () => {
    const { steps } = run("docker volume prune -f\ndocker volume prune -f --filter label");
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "Total reclaimed space: 0B\n" });
    expect(steps[1]).toMatchObject({ exitCode: 125, stderr: 'invalid argument "label" for "--filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker volume prune [OPTIONS]\n\nRun \'docker volume prune --help\' for more information\n' });
  });
});

describe("docker container / network / image prune", () => {
  it("container prune removes every container not running, newest first", () => {
    const { out, steps } = run([
      "docker run --name one busybox true",
      "docker create --name two busybox",
      "docker run -d --name up busybox sleep 1d",
      "docker inspect -f '{{.Id}}' one two",
      "docker container prune -f",
      "docker ps -a --format '{{.Names}}'",
      "docker container prune",
    ].join("\n"));
    const [one, two] = out(3).trim().split("\n");
    expect(out(4)).toBe(`Deleted Containers:\n${two}\n${one}\n\nTotal reclaimed space: 0B\n`);
    expect(out(5)).toBe("up\n");
    expect(steps[6]).toMatchObject({ exitCode: 0, stdout: "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] " });
  });

  it("network prune takes networks without a running container, and such a container cannot start again", () => {
    const { out, err, steps } = run([
      "docker network create busy",
      "docker network create idle",
      "docker network create stopped",
      "docker run -d --name b --network busy busybox sleep 1d",
      "docker run -d --name s --network stopped busybox sleep 1d",
      "docker stop s",
      "docker network inspect -f '{{.Id}}' stopped",
      "docker network prune -f",
      "docker network ls --format '{{.Name}}'",
      "docker start s",
    ].join("\n"));
    expect(out(7)).toBe("Deleted Networks:\nidle\nstopped\n\n");
    expect(out(8).split("\n").filter(Boolean).sort()).toEqual(["bridge", "busy", "host", "none"]);
    expect(steps[9]!.exitCode).toBe(1);
    expect(err(9)).toBe(`Error response from daemon: network ${out(6).trim()} not found\nError: failed to start containers: s\n`);
  });

  it("image prune -a removes the images no container uses; without -a only dangling ones", () => {
    const { out } = run([
      "docker pull -q alpine",
      "docker run -d --name w busybox sleep 1d",
      "docker image prune -f",
      "docker image inspect -f '{{.Id}}' alpine",
      "docker image prune -af",
      "docker images --format '{{.Repository}}'",
    ].join("\n"));
    expect(out(2)).toBe("Total reclaimed space: 0B\n");
    // Pulled by tag: its digest reference goes too, then the image and each of its layers.
    expect(out(4)).toMatch(new RegExp(`^Deleted Images:\nuntagged: alpine:latest\nuntagged: alpine@sha256:[0-9a-f]{64}\ndeleted: ${out(3).trim()}\n(deleted: sha256:[0-9a-f]{64}\n)+\nTotal reclaimed space: [0-9.]+MB\n$`));
    expect(out(5)).toBe("busybox\n");
  });
});

describe("docker system prune", () => {
  it("asks with the list of what goes; -f runs container, network, (volume,) image prunes and sums the space", () => {
    const { out, steps } = run([
      "docker system prune",
      "docker system prune -a --volumes < /dev/null",
      "docker network create n",
      "docker run --name x -v /data busybox sh -c 'echo abc > /data/f'",
      "docker inspect -f '{{.Id}}' x",
      "docker system prune -f --volumes",
      "docker system prune -f --volumes --filter until=1h",
    ].join("\n"));
    expect(out(0)).toBe("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] ");
    expect(out(1)).toBe("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all anonymous volumes not used by at least one container\n  - all images without at least one container associated to them\n  - all build cache\n\nAre you sure you want to continue? [y/N] ");
    expect(out(5)).toMatch(new RegExp(`^Deleted Containers:\n${out(4).trim()}\n\nDeleted Networks:\nn\n\nDeleted Volumes:\n[0-9a-f]{64}\n\nTotal reclaimed space: 4B\n$`));
    expect(steps[6]).toMatchObject({ exitCode: 1, stderr: 'ERROR: The "until" filter is not supported with "--volumes"\n' });
  });
});

describe("anonymous volumes", () => {
  it("-v /data and an image's VOLUME are local volumes under /var/lib/docker/volumes, labelled anonymous", () => {
    const { out } = run([
      "docker run -d --name r -v /cache redis:7.2",
      "docker inspect -f '{{range .Mounts}}{{.Destination}} {{.Type}} {{.Mode}} {{.Source}}|{{end}}' r",
      "docker volume ls --format '{{.Name}} {{.Labels}}'",
      "docker exec r sh -c 'echo x > /data/k'",
    ].join("\n"));
    const mounts = out(1).trim().split("|").filter(Boolean).map((m) => m.split(" "));
    expect(mounts.map((m) => m[0])).toEqual(["/cache", "/data"]);
    for (const [, type, , source] of mounts) {
      expect(type).toBe("volume");
      expect(source).toMatch(/^\/var\/lib\/docker\/volumes\/[0-9a-f]{64}\/_data$/);
    }
    expect(out(2).trim().split("\n").map((l) => l.split(" ")[1])).toEqual(["com.docker.volume.anonymous=", "com.docker.volume.anonymous="]);
  });

  it("docker rm -v and run --rm remove them; plain docker rm keeps them; a named volume always stays", () => {
    const { out } = run([
      "docker volume create named",
      "docker run --rm -v /tmp1 -v named:/n busybox true",
      "docker volume ls -q",
      "docker run --name k -v /kept busybox true",
      "docker rm k",
      "docker volume ls -q | wc -l",
      "docker run --name g -v /gone busybox true",
      "docker rm -v g",
      "docker volume ls -q | wc -l",
    ].join("\n"));
    expect(out(2)).toBe("named\n");
    expect(out(5).trim()).toBe("2");
    expect(out(8).trim()).toBe("2");
  });
});

describe("docker volume ls --filter", () => {
  it("dangling, name (a regular expression), label, driver; other filters are refused", () => {
    const { out, steps } = run([
      "docker volume create va",
      "docker volume create --label x=1 vb",
      "docker create -v va:/a busybox",
      "docker volume ls -q -f dangling=true",
      "docker volume ls -q -f dangling=false",
      "docker volume ls -q -f name=^vb -f label=x=1 -f driver=local",
      "docker volume ls -f dangling=maybe",
      "docker volume ls -f foo=bar",
    ].join("\n"));
    expect(out(3)).toBe("vb\n");
    expect(out(4)).toBe("va\n");
    expect(out(5)).toBe("vb\n");
    expect(steps[6]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: invalid filter 'dangling=maybe'\n" });
    expect(steps[7]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: invalid filter 'foo'\n" });
  });
});

describe("docker system df", () => {
  it("one row per kind, reclaimable with its share; the volume's files count", () => {
    const { out } = run([
      "docker system df",
      "docker volume create vv",
      "docker run --name x -v vv:/d busybox sh -c 'echo hello > /d/f'",
      "docker rm x",
      "docker system df --format '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}'",
    ].join("\n"));
    expect(out(0)).toBe([
      "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE",
      "Images          0         0         0B        0B",
      "Containers      0         0         0B        0B",
      "Local Volumes   0         0         0B        0B",
      "Build Cache     0         0         0B        0B",
      "",
    ].join("\n"));
    const rows = out(4).trim().split("\n");
    expect(rows[0]).toMatch(/^Images\|1\|0\|[\d.]+MB\|[\d.]+MB \(100%\)$/);
    expect(rows.slice(1)).toEqual(["Containers|0|0|0B|0B", "Local Volumes|1|0|6B|6B (100%)", "Build Cache|0|0|0B|0B"]);
  });
});
