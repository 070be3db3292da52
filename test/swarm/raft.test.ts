import { describe, expect, it } from "vitest";
import type { ClusterSpecInput } from "../../src/sim/cluster-spec";
import { replay } from "./helpers";

const THREE_MANAGERS: ClusterSpecInput = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" }, { name: "manager2", ip: "10.0.0.12" }, { name: "manager3", ip: "10.0.0.13" },
    { name: "worker1", ip: "10.0.0.21" },
  ],
  swarm: { managers: ["manager1", "manager2", "manager3"], workers: ["worker1"] },
};
const NO_LEADER = "Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.\n";
const status = "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'";

describe("raft, quorum and leadership", () => {
  it("losing the leader elects another; losing the majority stops management, tasks keep running", () => {
    const { out, steps, s } = replay([
      "docker service create -d --name web --replicas 4 nginx",
      "sim node down manager1",
      `ssh manager2 ${JSON.stringify(status)}`,
      "sim node down manager2",
      "ssh manager3 docker service ls",
      "ssh manager3 docker service scale web=6",
      "sim node up manager2",
      `ssh manager3 ${JSON.stringify(status)}`,
    ].join("\n"), THREE_MANAGERS);
    expect(out(2)).toBe("manager1 Down Unreachable\nmanager2 Ready Leader\nmanager3 Ready Reachable\nworker1 Ready \n");
    expect(steps[4]!.stderr).toBe(NO_LEADER);
    // runScale prefixes each service's error with its name (`%s: %v`).
    expect(steps[5]!.stderr).toBe(`web: ${NO_LEADER}`);
    expect(out(7)).toBe("manager1 Down Unreachable\nmanager2 Ready Leader\nmanager3 Ready Reachable\nworker1 Ready \n");
    const q = s.world.events.filter((e) => e.type === "quorum").map((e) => e.data!.hasQuorum);
    expect(q).toEqual([true, true, true, true, false, true]);
  });

  it("--force-new-cluster on a surviving manager keeps services, one manager", () => {
    const { out, steps } = replay([
      "docker service create -d --name web --replicas 2 nginx",
      "sim node down manager1",
      "sim node down manager2",
      "ssh worker1 docker swarm init --force-new-cluster",
      "ssh manager3 docker swarm init --force-new-cluster --advertise-addr 10.0.0.13",
      `ssh manager3 ${JSON.stringify(status)}`,
      "ssh manager3 docker service ls --format '{{.Name}}'",
      "ssh manager3 docker info --format '{{.Swarm.Managers}}'",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[3]!.stderr).toBe("Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n");
    expect(out(4)).toMatch(/^Swarm initialized: current node \([0-9a-z]{25}\) is now a manager\./);
    expect(out(5)).toBe("manager1 Down \nmanager2 Down \nmanager3 Ready Leader\nworker1 Ready \n");
    expect(out(6)).toBe("web\n");
    expect(out(7)).toBe("1\n");
  });

  it("promote / demote and their refusals", () => {
    const { out, steps } = replay([
      "docker node promote worker1",
      "docker node promote worker1",
      "docker node demote worker1",
      "sim node down manager3",
      "docker node demote manager2",
    ].join("\n"), THREE_MANAGERS);
    expect(out(0)).toBe("Node worker1 promoted to a manager in the swarm.\n");
    expect(out(1)).toMatch(/^Node [0-9a-z]{25} is already a manager\.\n$/);
    expect(out(2)).toBe("Manager worker1 demoted in the swarm.\n");
    expect(steps[4]!.stderr).toBe("Error response from daemon: rpc error: code = FailedPrecondition desc = can't remove member from the raft: this would result in a loss of quorum\n");
  });

  it("demoting the last manager; removing a manager or a live node", () => {
    const { steps, out } = replay([
      "docker node demote manager1",
      "docker node rm worker1",
      "docker node rm manager1",
      "ssh worker1 docker swarm leave",
      "docker node rm worker1",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe("Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm\n");
    expect(steps[1]!.stderr).toMatch(/^Error response from daemon: rpc error: code = FailedPrecondition desc = node [0-9a-z]{25} is not down and can't be removed\n$/);
    expect(steps[2]!.stderr).toMatch(/is a cluster manager and is a member of the raft cluster\. It must be demoted to worker before removal\n$/);
    expect(out(4)).toBe("worker1\n");
  });

  it("leaving managers: quorum warning", () => {
    const { steps } = replay("ssh manager2 docker swarm leave", THREE_MANAGERS);
    expect(steps[0]!.stderr).toBe("Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n");
  });
});

describe("autolock", () => {
  it("init --autolock prints the key; a restarted manager is locked until unlocked", () => {
    const { out, steps } = replay([
      "docker swarm init --advertise-addr 10.0.0.11 --autolock",
      "ssh worker1 docker swarm join --token $(docker swarm join-token -q manager) 10.0.0.11:2377",
      "ssh worker2 docker swarm join --token $(docker swarm join-token -q manager) 10.0.0.11:2377",
      "docker swarm unlock-key -q > key.txt",
      "sim node restart worker1",
      "ssh worker1 docker node ls",
      `ssh worker1 "docker info --format '{{.Swarm.LocalNodeState}}'"`,
      status,
      "ssh worker1 'echo SWMKEY-1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | docker swarm unlock'",
      "scp key.txt worker1:key.txt || true",
      "ssh worker1 'docker swarm unlock < /dev/null'",
    ].join("\n"), { hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }, { name: "worker2", ip: "10.0.0.13" }] });
    expect(out(0)).toMatch(/\nTo unlock a swarm manager after it restarts, run the `docker swarm unlock`\ncommand and provide the following key:\n\n {4}SWMKEY-1-[A-Za-z0-9+/]{43}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager\.\n$/);
    expect(steps[5]!.stderr).toBe('Error response from daemon: Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.\n');
    expect(out(6)).toBe("locked\n");
    expect(out(7)).toBe("manager1 Ready Leader\nworker1 Down Unreachable\nworker2 Ready Reachable\n");
    expect(steps[8]!.stderr).toBe("Error response from daemon: swarm could not be unlocked: invalid key provided\n");
  });

  it("unlock with the right key; unlock-key --rotate; autolock off", () => {
    const cluster: ClusterSpecInput = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"], autolock: true } };
    const { out, steps } = replay([
      "export KEY=$(docker swarm unlock-key -q)",
      "sim node restart manager1",
      "docker service ls",
      "docker swarm unlock <<< $KEY",
      "docker service ls -q",
      "docker swarm unlock <<< $KEY",
      "docker swarm unlock-key --rotate",
      "docker swarm update --autolock=false",
      "docker swarm unlock-key",
      "docker swarm unlock-key --rotate",
    ].join("\n"), cluster);
    expect(steps[2]!.exitCode).toBe(1);
    expect(steps[3]!.exitCode).toBe(0);
    expect(out(3)).toBe("");
    expect(steps[4]!.exitCode).toBe(0);
    expect(steps[5]!.stderr).toBe("Error: swarm is not locked\n");
    expect(out(6)).toMatch(/^Successfully rotated manager unlock key\.\nTo unlock a swarm manager/);
    expect(out(7)).toBe("Swarm updated.\n");
    expect(steps[8]!.stderr).toBe("no unlock key is set\n");
    expect(steps[9]!.stderr).toBe("cannot rotate because autolock is not turned on\n");
  });

  it("swarm update --autolock=true prints the key block", () => {
    const { out } = replay("docker swarm update --autolock=true");
    expect(out(0)).toMatch(/^Swarm updated\.\nTo unlock a swarm manager after it restarts/);
  });
});
