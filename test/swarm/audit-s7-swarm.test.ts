// Audit (session 7) of swarm failure/HA flows against swarmkit and moby: each case is a fix,
// pinned by the real behaviour it reproduces.
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
const NO_LEADER =
  "Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.\n";

describe("docker node rm: the deleted node's tasks (controlapi orphanNodeTasks)", () => {
  it("become Orphaned at once, with no error, and are replaced after the restart delay", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "docker node rm --force worker2",
      "docker service ps web --format '{{.Name}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}'",
      "sleep 5",
      "docker service ps web --filter desired-state=running --format '{{.Name}} {{.Node}} {{.CurrentState}}'",
    ].join("\n"));
    const lines = out(2).trimEnd().split("\n");
    expect(lines).toContain("web.3|Shutdown|Orphaned less than a second ago|"); // (no `\\_` outside table format)
    // Restart() waits the delay unless the node is drained: a deleted node (n == nil) is not.
    expect(lines).toContain("web.3|Ready|Ready less than a second ago|");
    expect(out(4)).toContain("web.3 manager1 Running less than a second ago\n");
  });

  it("a node removed after it went down: its stale Running task turns Orphaned", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "sim node down worker1",
      "sleep 10",
      "docker node rm worker1",
      "docker service ps web --filter desired-state=shutdown --format '{{.Node}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(4)).toMatch(/^[0-9a-z]{25} Orphaned less than a second ago\n$/);
  });
});

describe("lost quorum", () => {
  it("swarm networks cannot be created or removed on a manager without a leader", () => {
    const { steps } = replay([
      "docker network create -d overlay keep",
      "sim node down manager2",
      "sim node down manager3",
      "docker network create -d overlay net1",
      "docker network rm keep",
      "docker network create loc",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[3]!.stderr).toBe(NO_LEADER);
    expect(steps[3]!.exitCode).toBe(1);
    expect(steps[4]!.stderr).toBe(NO_LEADER);
    expect(steps[4]!.stdout).toBe("");
    expect(steps[5]!.exitCode).toBe(0); // local networks are the engine's own
  });

  it("swarm leave: without a leader ListNodes fails and only the general warning is given", () => {
    const { steps } = replay([
      "sim node down manager3",
      "docker swarm leave",
      "sim node down manager2",
      "docker swarm leave",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[1]!.stderr).toContain("Removing this node leaves 1 managers out of 3.");
    expect(steps[3]!.stderr).toBe(
      "Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n",
    );
  });
});



describe("docker node demote: controlapi UpdateNode's checks, in order", () => {
  it("after --force-new-cluster the old managers are no raft members: demote is NotFound, rm works", () => {
    const { steps, out } = replay([
      "sim node down manager2",
      "sim node down manager3",
      "docker swarm init --force-new-cluster",
      "docker node demote manager2",
      "docker node rm manager2",
      "docker node demote manager1",
      "docker node ls --filter role=manager --format '{{.Hostname}} {{.ManagerStatus}}'",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[3]!.stderr).toBe("Error response from daemon: rpc error: code = NotFound desc = can't find manager in raft memberlist\n");
    expect(out(4)).toBe("manager2\n");
    // manager3 still has the manager role (the store's role index), so manager1 is not "the last
    // manager": removing the only raft member is refused by CanRemoveMember instead.
    expect(steps[5]!.stderr).toBe(
      "Error response from daemon: rpc error: code = FailedPrecondition desc = can't remove member from the raft: this would result in a loss of quorum\n",
    );
    expect(out(6)).toBe("manager1 Leader\nmanager3 \n");
  });

  it("a node promoted while down is a manager outside the raft until it comes back", () => {
    const { steps, out } = replay([
      "sim node down worker2",
      "docker node promote worker2",
      "docker node ls --format '{{.Hostname}}|{{.Status}}|{{.ManagerStatus}}'",
      "docker node demote worker2",
      "sim node up worker2",
      "docker node demote worker2",
    ].join("\n"));
    expect(out(2)).toBe("manager1|Ready|Leader\nworker1|Ready|\nworker2|Down|\n");
    expect(steps[3]!.stderr).toBe("Error response from daemon: rpc error: code = NotFound desc = can't find manager in raft memberlist\n");
    expect(out(5)).toBe("Manager worker2 demoted in the swarm.\n");
  });
});

describe("rolling updates: swarmkit's updater timing and what makes a task out of date", () => {
  it("each worker waits --update-delay after its last slot too: completed = last batch + delay + monitor", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 4 --update-delay 10s --update-parallelism 2 nginx:1.24",
      "docker service update -d --image nginx:1.25 web",
      "sleep 24",
      "docker service inspect web --format '{{.UpdateStatus.State}}'",
      "sleep 1",
      "docker service inspect web --format '{{.UpdateStatus.State}} {{.UpdateStatus.CompletedAt}}'",
    ].join("\n"));
    expect(out(3)).toBe("updating\n");
    expect(out(5)).toBe("completed 2024-01-10 00:00:25 +0000 UTC\n");
  });

  it("an update that leaves every task up to date never starts: no UpdateStatus", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 2 nginx",
      "docker service update -d --constraint-add node.role!=nobody web",
      "docker service inspect web --format '{{json .UpdateStatus}}'",
      "docker service ps web -q | wc -l",
    ].join("\n"));
    expect(out(2)).toBe("null\n");
    expect(out(3).trim()).toBe("2");
  });

  it("a changed endpoint spec (--publish-add) makes the tasks out of date (IsTaskDirty compares t.Endpoint.Spec)", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 2 nginx",
      "docker service update --publish-add 8080:80 web",
      "docker service ps web --format '{{.Name}} {{.DesiredState}}'",
    ].join("\n"));
    expect(out(2)).toBe("web.1 Running\nweb.1 Shutdown\nweb.2 Running\nweb.2 Shutdown\n");
  });
});

describe("unplaced tasks of an older spec (swarmkit scheduler noSuitableNode, PR 2998)", () => {
  it("are shut down by the scheduler with their error cleared", () => {
    const { out } = replay([
      "docker service create -d --name pay nginx",
      "docker service update -d --constraint-add node.labels.x==1 pay",
      "docker service update -d --constraint-rm node.labels.x==1 pay",
      "docker service ps pay --format '{{.Node}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}'",
    ].join("\n"));
    expect(out(3).split("\n")).toContain("|Shutdown|Shutdown less than a second ago|");
  });
});

describe("cluster settings from swarm init/update in docker info", () => {
  it("init applies the spec flags it was given; durations print through units.HumanDuration", () => {
    const { out } = replay([
      "docker swarm init --advertise-addr 10.0.0.11 --cert-expiry 48h --dispatcher-heartbeat 90s --snapshot-interval 5000 --max-snapshots 2 > /dev/null",
      "docker info | sed -n '/Raft:/,/Force Rotate/p'",
      "docker swarm update --cert-expiry 2160h --dispatcher-heartbeat 5s",
      "docker info | grep -E 'Heartbeat Period|Expiry Duration'",
    ].join("\n"), {
      hosts: [{ name: "manager1", ip: "10.0.0.11" }],
    });
    expect(out(1)).toBe(
      "  Raft:\n   Snapshot Interval: 5000\n   Number of Old Snapshots to Retain: 2\n   Heartbeat Tick: 1\n   Election Tick: 10\n" +
      "  Dispatcher:\n   Heartbeat Period: About a minute\n  CA Configuration:\n   Expiry Duration: 2 days\n   Force Rotate: 0\n",
    );
    expect(out(3)).toBe("   Heartbeat Period: 5 seconds\n   Expiry Duration: 3 months\n");
  });
});

describe("docker swarm leave on a worker (moby Cluster.Leave)", () => {
  it("force-removes the node's task containers and tells the managers nothing", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "ssh worker1 docker run -d --name plain nginx > /dev/null",
      "ssh worker1 docker swarm leave",
      "ssh worker1 docker ps -a --format '{{.Names}}'",
      "docker service ps web --filter desired-state=shutdown --format '{{.Node}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(3)).toBe("plain\n");
    // The manager only sees the node go down: the old task keeps its last reported state.
    expect(out(4)).toBe("worker1 Running less than a second ago\n");
  });

  it("a constraints change by service update is rolled out by the updater (Shutdown), not rejected", () => {
    const { out } = replay([
      "docker service create -d --name web nginx",
      "docker service update -d --constraint-add node.labels.x==1 web",
      "docker service ps web --format '{{.DesiredState}} {{.CurrentState}} {{.Error}}'",
    ].join("\n"));
    expect(out(2)).toMatch(/^Running Pending less than a second ago "no suitable node \(scheduling …"\nShutdown Shutdown less than a second ago \n$/);
  });
});

describe("joining a multi-homed machine without --advertise-addr", () => {
  it("the managers record the address the node calls from (the interface on the manager's network)", () => {
    const { out } = replay([
      "docker swarm init --advertise-addr eth1 > /dev/null",
      "ssh worker1 docker swarm join --token $(docker swarm join-token -q manager) 10.10.0.10:2377",
      "docker node inspect worker1 --format '{{.Status.Addr}} {{.ManagerStatus.Addr}}'",
    ].join("\n"), {
      hosts: [
        { name: "manager1", ip: "192.168.56.10", interfaces: [{ name: "eth1", ip: "10.10.0.10" }] },
        { name: "worker1", ip: "192.168.56.21", interfaces: [{ name: "eth1", ip: "10.10.0.21" }] },
      ],
    });
    expect(out(1)).toBe("This node joined a swarm as a manager.\n");
    expect(out(2)).toBe("10.10.0.21 10.10.0.21:2377\n");
  });
});

describe("autolock: the key a locked manager needs", () => {
  const AUTOLOCKED: ClusterSpecInput = { ...THREE_MANAGERS, swarm: { ...THREE_MANAGERS.swarm!, autolock: true } };

  it("a manager locked before an unlock-key --rotate still needs the old key", () => {
    const { steps } = replay([
      "OLD=$(docker swarm unlock-key -q)",
      "sim node restart manager2",
      "docker swarm unlock-key --rotate -q > /dev/null",
      "docker swarm unlock-key -q | ssh manager2 docker swarm unlock",
      "echo $OLD | ssh manager2 docker swarm unlock",
    ].join("\n"), AUTOLOCKED);
    expect(steps[3]!.stderr).toBe("Error response from daemon: swarm could not be unlocked: invalid key provided\n");
    expect(steps[4]!.exitCode).toBe(0);
  });

  it("a manager powered off and on again comes back locked, needing the key of when it stopped", () => {
    const { steps } = replay([
      "OLD=$(docker swarm unlock-key -q)",
      "sim node up manager3",
      "ssh manager3 docker node ls -q | wc -l",
      "sim node down manager3",
      "docker swarm unlock-key --rotate -q > /dev/null",
      "sim node up manager3",
      "ssh manager3 docker node ls",
      "docker swarm unlock-key -q | ssh manager3 docker swarm unlock",
      "echo $OLD | ssh manager3 docker swarm unlock",
    ].join("\n"), AUTOLOCKED);
    expect(steps[2]!.stdout.trim()).toBe("4"); // `up` on a machine that was not down changes nothing
    expect(steps[6]!.stderr).toBe(
      'Error response from daemon: Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.\n',
    );
    expect(steps[7]!.stderr).toBe("Error response from daemon: swarm could not be unlocked: invalid key provided\n");
    expect(steps[8]!.exitCode).toBe(0);
  });
});

describe("constraint enforcer (swarmkit orchestrator/constraintenforcer)", () => {
  it("a node that no longer meets a service's constraints has its tasks rejected and replaced where they fit", () => {
    const { out } = replay([
      "docker node update --label-add pci=true worker2 > /dev/null",
      "docker service create -d --name pay --replicas 2 --constraint node.labels.pci==true nginx",
      "docker node update --label-rm pci worker2 > /dev/null",
      "docker node update --label-add pci=true worker1 > /dev/null",
      "sleep 5",
      "docker service ps pay --no-trunc --format '{{.Name}}|{{.Node}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}'",
      "docker service ls --format '{{.Replicas}}'",
    ].join("\n"));
    expect(out(5)).toBe([
      "pay.1|worker1|Running|Running less than a second ago|",
      "pay.1|worker2|Shutdown|Rejected 5 seconds ago|\"assigned node no longer meets constraints\"",
      "pay.2|worker1|Running|Running less than a second ago|",
      "pay.2|worker2|Shutdown|Rejected 5 seconds ago|\"assigned node no longer meets constraints\"",
      "",
    ].join("\n"));
    expect(out(6)).toBe("2/2\n");
  });

  it("leaves paused nodes alone and does not act on service updates (the updater's rolling job)", () => {
    const { out } = replay([
      "docker node update --label-add pci=true worker1 > /dev/null",
      "docker service create -d --name pay --constraint node.labels.pci==true nginx",
      "docker node update --availability pause worker1 > /dev/null",
      "docker node update --label-rm pci worker1 > /dev/null",
      "docker service ps pay --format '{{.Node}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(4)).toBe("worker1 Running less than a second ago\n");
  });

  it("a constraints change by service update is rolled out by the updater (Shutdown), not rejected", () => {
    const { out } = replay([
      "docker service create -d --name web nginx",
      "docker service update -d --constraint-add node.labels.x==1 web",
      "docker service ps web --format '{{.DesiredState}} {{.CurrentState}} {{.Error}}'",
    ].join("\n"));
    expect(out(2)).toMatch(/^Running Pending less than a second ago "no suitable node \(scheduling …"\nShutdown Shutdown less than a second ago \n$/);
  });
});

describe("a node down for a day (dispatcher defaultNodeDownPeriod)", () => {
  it("has its stale tasks orphaned, keeping their last timestamp", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "sim node down worker1",
      "sim advance 23h",
      "docker service ps web --filter node=worker1 --format '{{.DesiredState}} {{.CurrentState}}'",
      "sim advance 2h",
      "docker service ps web --filter node=worker1 --format '{{.DesiredState}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(3)).toBe("Shutdown Running 23 hours ago\n");
    expect(out(5)).toBe("Shutdown Orphaned 25 hours ago\n");
  });
});

describe("--force-new-cluster on a locked manager", () => {
  it("is refused until the manager is unlocked (it runs no manager: nodeState.IsManager)", () => {
    const { steps } = replay([
      "KEY=$(docker swarm unlock-key -q)",
      "sim node down manager2",
      "sim node down manager3",
      "sim node restart manager1",
      "docker swarm init --force-new-cluster",
      "echo $KEY | docker swarm unlock",
      "docker swarm init --force-new-cluster",
      "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'",
    ].join("\n"), { ...THREE_MANAGERS, swarm: { ...THREE_MANAGERS.swarm!, autolock: true } });
    expect(steps[4]!.stderr).toBe(
      "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n",
    );
    expect(steps[6]!.stdout).toMatch(/^Swarm initialized: current node \([0-9a-z]{25}\) is now a manager\./);
    expect(steps[7]!.stdout).toBe("manager1 Ready Leader\nmanager2 Down \nmanager3 Down \nworker1 Ready \n");
  });
});

describe('"self" names a node only where the CLI maps it (docker/cli node.Reference)', () => {
  it("node inspect and service ps's node filter take it; node update/promote/rm send it to the daemon as a name", () => {
    const { steps, out, err } = replay([
      "docker node inspect self --format '{{.Description.Hostname}}'",
      "docker node update --label-add a=b self",
      "docker node promote self",
      "docker node rm self",
    ].join("\n"));
    expect(out(0)).toBe("manager1\n");
    for (const i of [1, 2, 3]) {
      expect(steps[i]!.exitCode).toBe(1);
      expect(err(i)).toBe("Error response from daemon: node self not found\n");
    }
  });
});

describe("docker service ls REPLICAS after a node failure (swarmkit ListServiceStatuses)", () => {
  it("counts the dead node's task, still reported Running, beside its replacement: 4/3", () => {
    const { out } = replay([
      "docker service create -q --name web --replicas 3 nginx:1.25",
      "docker service ps web --format '{{.Node}}' | sort | uniq | head -3",
      "sim node down worker1",
      "sim advance 1m",
      "docker service ls --format '{{.Replicas}}'",
      "docker service ps web --filter desired-state=running --format '{{.CurrentState}}' | grep -c ^Running",
      "sim node up worker1",
      "sim advance 30s",
      "docker service ls --format '{{.Replicas}}'",
    ].join("\n"));
    if (!out(1).includes("worker1")) return; // nothing ran on worker1: nothing to count twice
    expect(out(4)).toBe("4/3\n");
    expect(out(5)).toBe("3\n");
    expect(out(8)).toBe("3/3\n");
  });
});
