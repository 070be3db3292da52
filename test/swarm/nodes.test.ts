import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers";

describe("docker node inspect / ps / update", () => {
  it("inspect: JSON fields, self, --format, --pretty, unknown", () => {
    const { out, steps } = replay([
      "docker node update --label-add zone=east worker1",
      "docker node inspect self --format '{{.Description.Hostname}} {{.Spec.Role}} {{.ManagerStatus.Leader}} {{.ManagerStatus.Addr}}'",
      "docker node inspect worker1 --format '{{.Spec.Availability}} {{.Spec.Labels.zone}} {{.Status.State}} {{.Status.Addr}}'",
      "docker node inspect --pretty worker1",
      "docker node inspect nope",
      "docker node inspect --format 'pretty{{.ID}}' self",
    ].join("\n"));
    expect(out(1)).toBe("manager1 manager true 10.0.0.11:2377\n");
    expect(out(2)).toBe("active east ready 10.0.0.12\n");
    expect(out(3)).toMatch(/^ID:\t\t\t[0-9a-z]{25}\nLabels:\n - zone=east\nHostname:              \tworker1\n/);
    expect(out(3)).toContain("Status:\n State:\t\t\tReady\n Availability:         \tActive\n Address:\t\t10.0.0.12\n");
    expect(out(3)).toContain("Resources:\n CPUs:\t\t\t2\n Memory:\t\t4GiB\n");
    expect(steps[4]!.stderr).toBe("Error response from daemon: node nope not found\n");
    expect(out(4)).toBe("[]\n");
    expect(steps[5]!.stderr).toBe("cannot supply extra formatting options to the pretty template\n");
  });

  it("update: labels (add/rm, missing), availability and role validation", () => {
    const { steps, out } = replay([
      "docker node update --label-add a=1 --label-add b worker1",
      "docker node update --label-rm c worker1",
      "docker node update --availability foo worker1",
      "docker node update --role boss worker1",
      "docker node update --role manager worker1",
      "docker node ls --filter role=manager --format '{{.Hostname}} {{.ManagerStatus}}'",
      "docker node ls --filter node.label=a=1 -q",
    ].join("\n"));
    expect(out(0)).toBe("worker1\n");
    expect(steps[1]!.stderr).toBe("key c doesn't exist in node's labels\n");
    expect(steps[2]!.stderr).toBe('Error response from daemon: invalid Availability: "foo"\n');
    expect(steps[3]!.stderr).toBe('Error response from daemon: invalid Role: "boss"\n');
    expect(out(5)).toBe("manager1 Leader\nworker1 Reachable\n");
    expect(out(6)).toMatch(/^[0-9a-z]{25}\n$/);
  });

  it("node ps defaults to self; drained managers run no tasks", () => {
    const { out } = replay([
      "docker node update --availability drain manager1",
      "docker service create -d --name web --replicas 4 nginx",
      "docker node ps",
      "docker node ps worker1 --format '{{.Name}} {{.Node}}'",
    ].join("\n"));
    expect(rows(out(2))).toHaveLength(1);
    expect(out(3).trim().split("\n").every((l) => l.endsWith(" worker1"))).toBe(true);
  });

  it("sim node add gives a plain host; it can join and gets tasks", () => {
    const { out, steps } = replay([
      "sim node add worker3",
      "ssh worker3 docker info --format '{{.Swarm.LocalNodeState}}'",
      "ssh worker3 docker swarm join --token $(docker swarm join-token -q worker) 10.0.0.11:2377",
      "docker node ls --format '{{.Hostname}}'",
    ].join("\n"));
    expect(out(1)).toBe("inactive\n");
    expect(steps[2]!.exitCode).toBe(0);
    expect(out(3)).toBe("manager1\nworker1\nworker2\nworker3\n");
  });

  it("a powered-off machine cannot run docker", () => {
    const { steps } = replay("sim node down worker1\nssh worker1 docker ps");
    expect(steps[1]!.exitCode).toBe(255);
  });
});

describe("task containers on the engines", () => {
  it("docker ps on a worker shows the task container; removing it fails the task, swarm replaces it", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      `ssh worker1 "docker ps --format '{{.Image}} {{.Names}}'"`,
      "ssh worker1 'docker rm -f $(docker ps -q)'",
      "docker service ps web --filter name=web.2 --format '{{.DesiredState}} {{.CurrentState}} {{.Error}}'",
      "sleep 5",
      "docker service ls --format '{{.Replicas}}'",
      "ssh worker1 docker ps -q",
    ].join("\n"));
    expect(out(1)).toMatch(/^nginx:latest web\.2\.[0-9a-z]{25}\n$/);
    expect(out(3)).toBe('Ready Ready less than a second ago \nShutdown Failed less than a second ago "task: non-zero exit (137)"\n');
    expect(out(5)).toBe("3/3\n");
    expect(out(6).trim().split("\n")).toHaveLength(1);
  });
});

describe("encrypted overlay on Windows", () => {
  it("attaches without error; the state shows the task cannot communicate", () => {
    const { s, steps } = replay([
      "sim node add win1 --os windows",
      "ssh win1 docker swarm join --token $(docker swarm join-token -q worker) 10.0.0.11:2377",
      "docker network create -d overlay --opt encrypted sec",
      "docker service create -d --name winapp --network sec --constraint node.platform.os==windows mcr.microsoft.com/windows/servercore:ltsc2022",
    ].join("\n"));
    expect(steps.every((x) => x.exitCode === 0)).toBe(true);
    const snap = s.world.snapshot() as { swarm: { tasks: { Node: string; Networks: { Name: string; CanCommunicate: boolean }[] }[] } };
    const t = snap.swarm.tasks.find((x) => x.Node === "win1");
    expect(t?.Networks).toEqual([expect.objectContaining({ Name: "sec", Encrypted: true, CanCommunicate: false })]);
  });
});

describe("scale", () => {
  it("100 services on 50 nodes replay quickly", () => {
    const workers = Array.from({ length: 49 }, (_, i) => `node${i + 1}`);
    let script = "";
    for (let i = 0; i < 100; i++) script += `docker service create -d --name svc${i} --replicas ${1 + (i % 5)} nginx\n`;
    script += "docker service ls -q\n";
    const t0 = performance.now();
    const { last } = replay(script, { hosts: [{ name: "manager1", ip: "10.0.0.11" }], generate: { prefix: "node", count: 49 }, swarm: { managers: ["manager1"], workers } });
    expect(last.stdout.trim().split("\n")).toHaveLength(100);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
