import { describe, expect, it } from "vitest";
import { replay, rows, THREE_HOSTS } from "./helpers";

const FAKE_TOKEN = `SWMTKN-1-${"0".repeat(50)}-${"0".repeat(25)}`;

const MULTI_HOMED = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11", interfaces: [{ name: "eth1", ip: "192.168.56.10" }] },
    { name: "worker1", ip: "10.0.0.12" },
  ],
};

describe("docker swarm init / join", () => {
  it("prints the real init output with the join command on one line", () => {
    const { out, steps } = replay("docker swarm init --advertise-addr 10.0.0.11", THREE_HOSTS);
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(0)).toMatch(
      /^Swarm initialized: current node \([0-9a-z]{25}\) is now a manager\.\n\nTo add a worker to this swarm, run the following command:\n\n    docker swarm join --token SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25} 10\.0\.0\.11:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions\.\n\n$/,
    );
  });

  it.each([
    ["no --advertise-addr", "docker swarm init",
      "Error response from daemon: could not choose an IP address to advertise since this system has multiple addresses on different interfaces (10.0.0.11 on eth0 and 192.168.56.10 on eth1) - specify one with --advertise-addr\n", 1],
    ["an interface name", "docker swarm init --advertise-addr eth1", "", 0],
    ["a bad address", "docker swarm init --advertise-addr 999.1.1.1", "Error response from daemon: advertise address must be a non-zero IP address or network interface (with optional port number)\n", 1],
  ])("multi-homed host: %s", (_n, cmd, stderr, code) => {
    const { steps } = replay(cmd, MULTI_HOMED);
    expect(steps[0]!.stderr).toBe(stderr);
    expect(steps[0]!.exitCode).toBe(code);
    if (code === 0) expect(steps[0]!.stdout).toContain(" 192.168.56.10:2377\n");
  });

  it("joins workers and managers through $(docker swarm join-token -q …) over ssh", () => {
    const { steps, out } = replay([
      "docker swarm init --advertise-addr 10.0.0.11",
      "ssh worker1 docker swarm join --token $(docker swarm join-token -q worker) 10.0.0.11:2377",
      "ssh worker2 docker swarm join --token $(docker swarm join-token -q manager) 10.0.0.11:2377",
      "docker node ls",
      "ssh worker1 docker node ls",
      "ssh worker1 docker swarm join-token worker",
    ].join("\n"), THREE_HOSTS);
    expect(out(1)).toBe("This node joined a swarm as a worker.\n");
    expect(out(2)).toBe("This node joined a swarm as a manager.\n");
    const table = rows(out(3));
    expect(table[0]).toEqual(["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"]);
    expect(table.slice(1).map((r) => r.slice(1))).toEqual([
      ["manager1", "Ready", "Active", "Leader", "28.2.2"],
      ["worker1", "Ready", "Active", "28.2.2"],
      ["worker2", "Ready", "Active", "Reachable", "28.2.2"],
    ]);
    expect(out(3).split("\n")[1]).toMatch(/^[0-9a-z]{25} \* {3}manager1/);
    expect(out(3).split("\n")[2]).toMatch(/^[0-9a-z]{25} {5}worker1/);
    const notManager = "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n";
    expect(steps[4]!.stderr).toBe(notManager);
    expect(steps[5]!.stderr).toBe(notManager);
  });

  it.each([
    ["malformed token", "docker swarm join --token abc 10.0.0.11:2377", "Error response from daemon: invalid join token\n"],
    ["wrong token", `docker swarm join --token ${FAKE_TOKEN} 10.0.0.11:2377`,
      "Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n"],
    ["not a manager address", `docker swarm join --token ${FAKE_TOKEN} 10.0.0.13:2377`,
      'Error response from daemon: Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.\n'],
  ])("join fails: %s", (_n, cmd, stderr) => {
    const { steps } = replay(`docker swarm init --advertise-addr 10.0.0.11\nssh worker1 ${cmd}`, THREE_HOSTS);
    expect(steps[1]!.stderr).toBe(stderr);
    expect(steps[1]!.exitCode).toBe(1);
  });

  it("refuses a second init and a join of a member", () => {
    const { steps } = replay("docker swarm init --advertise-addr 10.0.0.11\ndocker swarm init\ndocker swarm join --token x 10.0.0.11:2377");
    const exists = 'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n';
    expect(steps[0]!.stderr).toBe(exists);
    expect(steps[1]!.stderr).toBe(exists);
  });

  it("commands that need a swarm fail on a plain host", () => {
    const { steps } = replay("docker node ls\ndocker service ls\ndocker swarm leave", THREE_HOSTS);
    const msg = 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';
    expect(steps[0]!.stderr).toBe(msg);
    expect(steps[1]!.stderr).toBe(msg);
    expect(steps[2]!.stderr).toBe("Error response from daemon: This node is not part of a swarm\n");
  });

  it("join-token: --rotate, -q and a bad role", () => {
    const { steps, out } = replay("docker swarm join-token -q worker\ndocker swarm join-token --rotate worker\ndocker swarm join-token -q worker\ndocker swarm join-token foo");
    expect(out(0)).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}\n$/);
    expect(out(1)).toMatch(/^Successfully rotated worker join token\.\n\nTo add a worker to this swarm, run the following command:\n\n {4}docker swarm join --token SWMTKN-1-\S+ 10\.0\.0\.11:2377\n\n$/);
    expect(out(2)).not.toBe(out(0));
    expect(out(2).slice(0, 59)).toBe(out(0).slice(0, 59));
    expect(steps[3]!.stderr).toBe("unknown role foo\n");
  });

  it("leave: worker leaves, shows Down; manager refusals", () => {
    const { steps, out } = replay("ssh worker1 docker swarm leave\ndocker node ls --format '{{.Hostname}} {{.Status}}'\ndocker swarm leave");
    expect(out(0)).toBe("Node left the swarm.\n");
    expect(out(1)).toBe("manager1 Ready\nworker1 Down\nworker2 Ready\n");
    expect(steps[2]!.stderr).toBe("Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. \n");
  });

  it("docker info shows the swarm section and --format reads it", () => {
    const { out } = replay("docker info\ndocker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Managers}} {{.Swarm.Nodes}}'\nssh worker1 \"docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'\"");
    expect(out(0)).toMatch(/\n Swarm: active\n  NodeID: [0-9a-z]{25}\n  Is Manager: true\n  ClusterID: [0-9a-z]{25}\n  Managers: 1\n  Nodes: 3\n  Default Address Pool: 10\.0\.0\.0\/8  \n  SubnetSize: 24\n  Data Path Port: 4789\n/);
    expect(out(0)).toContain("  Node Address: 10.0.0.11\n  Manager Addresses:\n   10.0.0.11:2377\n");
    expect(out(1)).toBe("active true 1 3\n");
    expect(out(2)).toBe("active false\n");
  });
});
