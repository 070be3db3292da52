// Service mounts and secrets as the tasks' containers see them: postgres' `file_env` reading
// POSTGRES_PASSWORD_FILE, bind mounts whose source is missing on the node, per-slot volumes.
import { describe, expect, it } from "vitest";
import { replay } from "./helpers";

const MISSING = "/usr/local/bin/docker-entrypoint.sh: line 21: /run/secrets/db_password: No such file or directory\n";

describe("postgres POSTGRES_PASSWORD_FILE", () => {
  it("a missing file makes the entrypoint exit 1 (docker run)", () => {
    const { steps, out } = replay([
      "docker run -d --name db -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password postgres:16",
      "docker ps -a --format '{{.Names}} {{.Status}}'",
      "docker logs db",
    ].join("\n"));
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(1)).toBe("db Exited (1) Less than a second ago\n");
    expect(steps[2]!.stderr).toBe(MISSING);
  });

  it("a service without the secret fails its tasks; with the secret it runs", () => {
    const { out } = replay([
      "printf s3cret | docker secret create db_password -",
      "docker service create -d --name bad -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password postgres:16",
      "docker service create -d --name good --secret db_password -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password postgres:16",
      "sleep 10",
      "docker service ps bad --format '{{.CurrentState}}|{{.Error}}' | grep -c 'non-zero exit (1)'",
      "docker service ls --format '{{.Name}} {{.Replicas}}'",
    ].join("\n"));
    expect(Number(out(4).trim())).toBeGreaterThan(0);
    expect(out(5)).toBe("bad 0/1\ngood 1/1\n");
  });
});

describe("service --mount type=bind", () => {
  it("a source missing on the node rejects every task, retried; the service stays 0/N", () => {
    const { out, steps } = replay([
      "docker service create -d --name api --replicas 3 --mount type=bind,source=/data,target=/data nginx:1.25",
      "sleep 20",
      "docker service ls --format '{{.Name}} {{.Replicas}}'",
      "docker service ps api --no-trunc --format '{{.CurrentState}}|{{.Error}}' | head -n 1",
      "docker service ps api -q | wc -l",
    ].join("\n"));
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(2)).toBe("api 0/3\n");
    expect(out(3)).toMatch(/^(Rejected|Ready|Preparing|Assigned|Pending)/);
    expect(Number(out(4).trim())).toBeGreaterThan(3);
    const { out: out2 } = replay("docker service create -d --name api --replicas 1 --constraint node.hostname==manager1 --mount type=bind,source=/data,target=/data nginx:1.25\nsleep 10\ndocker service ps api --no-trunc --format '{{.Error}}' | sort -u");
    expect(out2(2)).toContain('"invalid mount config for type "bind": bind source path does not exist: /data"');
  });

  it("an existing source (mkdir on the node, or a system path) runs", () => {
    const { out } = replay([
      "mkdir -p /srv/www",
      "docker service create -d --name web --constraint node.hostname==manager1 --mount type=bind,source=/srv/www,target=/usr/share/nginx/html nginx:1.25",
      "docker service create -d --name viz --constraint node.role==manager --mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock dockersamples/visualizer",
      "sleep 5",
      "docker service ls --format '{{.Name}} {{.Replicas}}'",
      "docker ps --filter name=web --format '{{.Mounts}}'",
    ].join("\n"));
    expect(out(4)).toBe("viz 1/1\nweb 1/1\n");
    expect(out(5)).toBe("/srv/www\n");
  });

  it("docker ps truncates a long mount source to 15 columns unless --no-trunc", () => {
    const { out } = replay([
      "docker service create -d --name viz --constraint node.role==manager --mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock dockersamples/visualizer",
      "docker ps --format '{{.Mounts}}'",
      "docker ps --no-trunc --format '{{.Mounts}}'",
    ].join("\n"));
    expect(out(1)).toBe("/var/run/docke…\n");
    expect(out(2)).toBe("/var/run/docker.sock\n");
  });
});

describe("service --mount type=volume with templates", () => {
  it("each task mounts a volume named after its slot, created on its node", () => {
    const { out, s } = replay([
      "docker service create -d --name redis --replicas 2 --constraint node.hostname==worker1 --mount 'type=volume,source=data-{{.Task.Slot}},target=/data' redis:7.2",
      "sleep 2",
      "ssh worker1 docker volume ls --format '{{.Name}}'",
      "ssh worker1 \"docker ps --format '{{.Mounts}}'\" | sort",
      "docker volume ls -q | wc -l",
      "docker service ls --format '{{.Replicas}}'",
    ].join("\n"));
    expect(out(2)).toBe("data-1\ndata-2\n");
    expect(out(3)).toBe("data-1\ndata-2\n");
    expect(out(4).trim()).toBe("0");
    expect(out(5)).toBe("2/2\n");
    const snap = s.world.snapshot() as { swarm: { tasks: { Slot: number; Mounts: { Type: string; Source: string; Target: string }[] }[] } };
    expect(snap.swarm.tasks.map((t) => [t.Slot, t.Mounts]).sort()).toEqual([
      [1, [{ Type: "volume", Source: "data-1", Target: "/data", ReadOnly: false }]],
      [2, [{ Type: "volume", Source: "data-2", Target: "/data", ReadOnly: false }]],
    ]);
  });

  it("an anonymous volume gets a 64-hex name on the task's node", () => {
    const { out } = replay([
      "docker service create -d --name c --constraint node.hostname==manager1 --mount type=volume,target=/cache redis:7.2",
      "docker volume ls --format '{{.Name}}' | grep -c -E '^[0-9a-f]{64}$'",
    ].join("\n"));
    // /cache, and redis's VOLUME /data (the image's volumes get anonymous ones too).
    expect(out(1).trim()).toBe("2");
  });
});
