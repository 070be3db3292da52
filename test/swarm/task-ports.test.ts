// The ports of swarm task containers, as moby's executor creates them (portBindings/exposedPorts of
// daemon/cluster/executor/container): host-mode ports are bound by the engine (a published port of 0
// takes an ephemeral one), ingress ports are not the container's, and the image's EXPOSE is merged
// in — so `docker ps` shows `80/tcp` for an nginx task behind the routing mesh.
import { describe, expect, it } from "vitest";
import { replay } from "./helpers";

const TWO = { hosts: [{ name: "m1", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], swarm: { managers: ["m1"], workers: ["w1"] } };

describe("swarm task containers' ports", () => {
  it("an ingress-published task shows only the image's exposed port", () => {
    const { steps } = replay([
      "docker service create -q --name web -p 8080:80 --constraint node.hostname==m1 nginx",
      "docker ps --format '{{.Ports}}'",
      "docker inspect --format '{{json .HostConfig.PortBindings}} {{json .Config.ExposedPorts}}' $(docker ps -q)",
      "docker port $(docker ps -q)",
      "curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080",
    ].join("\n"), TWO);
    expect(steps[1]!.stdout).toBe("80/tcp\n");
    expect(steps[2]!.stdout).toBe('{} {"80/tcp":{}}\n');
    expect(steps[3]).toMatchObject({ exitCode: 0, stdout: "" });
    expect(steps[4]!.stdout).toBe("200\n");
  });

  it("a task of an image without EXPOSE shows no port", () => {
    const { steps } = replay("docker service create -q --name s --constraint node.hostname==m1 busybox sleep 1d\ndocker ps --format '[{{.Ports}}]'", TWO);
    expect(steps[1]!.stdout).toBe("[]\n");
  });

  it("host-mode ports are bound on both stacks; without a published port the engine picks one", () => {
    const { steps } = replay([
      "docker service create -q --name h --publish mode=host,target=80,published=9090 --constraint node.hostname==m1 nginx",
      "docker service create -q --name r --publish mode=host,target=80 --constraint node.hostname==m1 nginx",
      "docker ps --format '{{.Names}}|{{.Ports}}'",
      "docker inspect --format '{{json .HostConfig.PortBindings}}' $(docker ps -q --filter name=r)",
      "curl -s -o /dev/null -w '%{http_code}\\n' localhost:9090",
      "ssh w1 curl -s -o /dev/null -w '%{http_code}' m1:32768",
    ].join("\n"), TWO);
    const lines = steps[2]!.stdout.trimEnd().split("\n").map((l) => l.split("|"));
    expect(lines.map(([n, p]) => [n!.split(".")[0], p])).toEqual([
      ["r", "0.0.0.0:32768->80/tcp, [::]:32768->80/tcp"],
      ["h", "0.0.0.0:9090->80/tcp, [::]:9090->80/tcp"],
    ]);
    expect(steps[3]!.stdout).toBe('{"80/tcp":[{"HostIp":"","HostPort":""}]}\n');
    expect(steps[4]!.stdout).toBe("200\n");
    expect(steps[5]!.stdout).toBe("200");
  });

  it("a host port another container holds fails the task's start with the engine's error", () => {
    const { steps } = replay([
      "docker run -d -p 7070:80 nginx",
      "docker service create -d -q --name clash --publish mode=host,target=80,published=7070 --constraint node.hostname==m1 nginx",
      "docker service ps clash --no-trunc --format '{{.CurrentState}}|{{.Error}}' | tail -1",
    ].join("\n"), TWO);
    expect(steps[2]!.stdout).toMatch(/^Failed .*\|"starting container failed: failed to set up container networking: driver failed programming external connectivity on endpoint clash\.1\.[a-z0-9]{25} \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:7070 failed: port is already allocated"\n$/);
  });
});
