// `docker network create --scope` (libnetwork NewNetwork's scope checks), the default bridge's
// Options, and `docker service logs -f` following on the virtual clock.
import { describe, expect, it } from "vitest";
import { replay, THREE_HOSTS } from "./helpers";

describe("docker network create --scope", () => {
  it("on a manager, --scope swarm makes a bridge network the swarm's; an overlay cannot be local", () => {
    const { out, steps } = replay([
      "docker network create --scope swarm shared",
      "docker network ls --filter name=shared --format '{{.Name}} {{.Driver}} {{.Scope}}'",
      "docker network inspect -f '{{json .Options}}' shared",
      "docker network create --scope local -d overlay o",
      "ssh worker1 docker network create --scope swarm w",
    ].join("\n"));
    expect(out(0)).toMatch(/^[a-z0-9]{25}\n$/);
    expect(out(1)).toBe("shared bridge swarm\n");
    expect(out(2)).toBe("{}\n");
    expect(steps[3]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: cannot downgrade network scope for overlay networks\n" });
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: Cannot create a multi-host network from a worker node. Please create the network from a manager node.\n" });
  });

  it("off a swarm, --scope swarm is refused; an overlay is refused first for want of a swarm", () => {
    const { steps } = replay("docker network create --scope swarm s\ndocker network create --scope local -d overlay o", THREE_HOSTS);
    expect(steps[0]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: cannot create a swarm scoped network when swarm is not active\n" });
    expect(steps[1]!.stderr).toBe('Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n');
  });
});

describe("the default bridge", () => {
  it("inspect shows docker0's driver options and no IPAM options", () => {
    const { out } = replay("docker network inspect -f '{{json .Options}} {{json .IPAM.Options}}' bridge\ndocker network create n\ndocker network inspect -f '{{json .Options}} {{json .IPAM.Options}}' n", THREE_HOSTS);
    expect(out(0)).toBe('{"com.docker.network.bridge.default_bridge":"true","com.docker.network.bridge.enable_icc":"true","com.docker.network.bridge.enable_ip_masquerade":"true","com.docker.network.bridge.host_binding_ipv4":"0.0.0.0","com.docker.network.bridge.name":"docker0","com.docker.network.driver.mtu":"1500"} null\n');
    expect(out(2)).toBe("{} {}\n");
  });
});

describe("docker service logs -f", () => {
  it("follows for as long as an attached docker logs -f would, --tail limiting only the lines already there", () => {
    const { out } = replay([
      "docker service create -d --name w busybox sh -c 'while true; do echo tick; sleep 10; done'",
      "sleep 25",
      "date +%s",
      "docker service logs -f --tail 1 --no-task-ids w",
      "date +%s",
    ].join("\n"));
    expect(Number(out(4)) - Number(out(2))).toBe(60);
    // One line of the three already written, then one every 10 s of the minute followed.
    const lines = out(3).trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(new Set(lines)).toEqual(new Set([lines[0]]));
    expect(lines[0]).toMatch(/^w\.1@manager1 +\| tick$/);
  });
});

describe("a task's anonymous volumes", () => {
  it("an image's VOLUME gets one on the task's node, removed with the task's container", () => {
    const { out } = replay([
      "docker service create -d --name r --constraint node.hostname==manager1 redis:7.2",
      "docker volume ls --format '{{.Name}} {{.Labels}}'",
      "docker service rm r",
      "sleep 5",
      "docker volume ls -q",
    ].join("\n"));
    expect(out(1)).toMatch(/^[0-9a-f]{64} com\.docker\.volume\.anonymous=\n$/);
    expect(out(4)).toBe("");
  });
});

describe("docker service logs 2>&1", () => {
  it("keeps the lines' order across stdout and stderr", () => {
    const { out } = replay([
      "docker service create -d --name j --restart-condition none --constraint node.hostname==manager1 busybox sh -c 'echo out1; echo err1 >&2; echo out2'",
      "sleep 2",
      "docker service logs --no-task-ids j 2>&1",
    ].join("\n"));
    expect(out(2).split("\n").map((l) => l.replace(/^.*\| /, ""))).toEqual(["out1", "err1", "out2", ""]);
  });
});
