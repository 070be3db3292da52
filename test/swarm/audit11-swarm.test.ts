// Audit (session 11) of the swarm's failure and recovery paths against moby and swarmkit: each
// case replays the command sequence of a fix.
import { describe, expect, it } from "vitest";
import type { ClusterSpecInput } from "../../src/sim/cluster-spec";
import { replay } from "./helpers";

const THREE_MANAGERS: ClusterSpecInput = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" }, { name: "manager2", ip: "10.0.0.12" }, { name: "manager3", ip: "10.0.0.13" },
    { name: "worker1", ip: "10.0.0.21" }, { name: "worker2", ip: "10.0.0.22" },
  ],
  swarm: { managers: ["manager1", "manager2", "manager3"], workers: ["worker1", "worker2"] },
};
const NODES = "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'";

describe("docker swarm leave on a manager dropped by another's --force-new-cluster (moby Cluster.Leave)", () => {
  it("IsManager without IsActiveManager: the 'may lose the consensus' warning", () => {
    const { steps } = replay([
      "sim node down manager3",
      "sim node down manager2",
      "docker swarm init --force-new-cluster",
      "sim node up manager2",
      "ssh manager2 docker node ls",
      "ssh manager2 docker swarm leave",
      "ssh manager2 docker swarm leave --force",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[4]!.stderr).toBe(
      "Error response from daemon: This node is not a swarm manager. Manager is being prepared or has trouble connecting to the cluster.\n",
    );
    expect(steps[5]!.stderr).toBe(
      "Error response from daemon: You are attempting to leave the swarm on a node that is participating as a manager. Doing so may lose the consensus of your cluster. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n",
    );
    expect(steps[5]!.exitCode).toBe(1);
    expect(steps[6]!.stdout).toBe("Node left the swarm.\n");
  });
});

describe("a restarted leader (raft election while its machine is away)", () => {
  it("comes back a follower when the other managers are a majority; a lone manager stays leader", () => {
    const { out } = replay(["sim node restart manager1", NODES, "sim node restart manager2", NODES].join("\n"), THREE_MANAGERS);
    expect(out(1)).toBe("manager1 Ready Reachable\nmanager2 Ready Leader\nmanager3 Ready Reachable\nworker1 Ready \nworker2 Ready \n");
    // manager2 leads now: restarting manager2 hands leadership to the earliest other manager.
    expect(out(3)).toBe("manager1 Ready Leader\nmanager2 Ready Reachable\nmanager3 Ready Reachable\nworker1 Ready \nworker2 Ready \n");
    const single = replay(["sim node restart manager1", NODES].join("\n"), {
      hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.21" }],
      swarm: { managers: ["manager1"], workers: ["worker1"] },
    });
    expect(single.out(1)).toBe("manager1 Ready Leader\nworker1 Ready \n");
  });

  it("with one other manager down there is no majority without it: it stays leader", () => {
    const { out } = replay(["sim node down manager3", "sim node restart manager1", NODES].join("\n"), THREE_MANAGERS);
    expect(out(2)).toBe("manager1 Ready Leader\nmanager2 Ready Reachable\nmanager3 Down Unreachable\nworker1 Ready \nworker2 Ready \n");
  });
});

describe("a join that timed out keeps trying in the background (moby's node runner)", () => {
  it("completes once the swarm has a leader again: a new node entry, the old one Down", () => {
    const { steps, out } = replay([
      "export T=$(docker swarm join-token -q worker)",
      "ssh worker2 docker swarm leave",
      "sim node down manager2",
      "sim node down manager3",
      "ssh worker2 docker swarm join --token $T 10.0.0.11:2377",
      "ssh worker2 docker info --format '{{.Swarm.LocalNodeState}}'",
      "sim node up manager2",
      "ssh worker2 docker info --format '{{.Swarm.LocalNodeState}}'",
      NODES,
    ].join("\n"), THREE_MANAGERS);
    expect(steps[4]!.stderr).toBe(
      'Error response from daemon: Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.\n',
    );
    expect(out(5)).toBe("pending\n");
    expect(out(7)).toBe("active\n");
    expect(out(8)).toBe(
      "manager1 Ready Leader\nmanager2 Ready Reachable\nmanager3 Down Unreachable\nworker1 Ready \nworker2 Down \nworker2 Ready \n",
    );
  });

  it("a locked manager answers once unlocked; an address no manager listens on never does", () => {
    const { out } = replay([
      "docker swarm update --autolock=true >/dev/null",
      "export K=$(docker swarm unlock-key -q) T=$(docker swarm join-token -q worker)",
      "ssh worker2 docker swarm leave",
      "ssh worker1 docker swarm leave",
      "sim node restart manager1",
      "ssh worker2 docker swarm join --token $T 10.0.0.11:2377",
      "ssh worker1 docker swarm join --token $T 10.0.0.22:2377",
      "echo $K | docker swarm unlock",
      "ssh worker2 docker info --format '{{.Swarm.LocalNodeState}}'",
      "ssh worker1 docker info --format '{{.Swarm.LocalNodeState}}'",
    ].join("\n"), THREE_MANAGERS);
    expect(out(8)).toBe("active\n");
    expect(out(9)).toBe("pending\n");
  });
});

describe("docker stack deploy on a manager without a leader (docker/cli deployCompose)", () => {
  const NO_LEADER =
    "Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.\n";
  const lose = ["sim node down manager2", "sim node down manager3"];
  it("passes the CLI's ControlAvailable check; the first call needing the raft fails", () => {
    const { steps } = replay([
      `printf 'services:\\n  web:\\n    image: nginx\\n    secrets: [s]\\nsecrets:\\n  s:\\n    file: ./s.txt\\n' > s.yml`,
      "echo hi > s.txt",
      "docker stack deploy -d -c s.yml app",
      ...lose,
      "docker stack deploy -d -c s.yml app",
      "docker stack deploy -d --prune -c s.yml app",
      "docker stack deploy -d -c s.yml other",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[2]!.exitCode).toBe(0);
    // Redeploy: the network exists; createSecrets' inspect fails.
    expect(steps[5]!.stdout).toBe("");
    expect(steps[5]!.stderr).toBe(NO_LEADER);
    // --prune: pruneServices reports the failed listing and goes on.
    expect(steps[6]!.stderr).toBe(`Failed to list services: ${NO_LEADER}${NO_LEADER}`);
    // A new stack: the overlay network cannot be created.
    expect(steps[7]!.stdout).toBe("Creating network other_default\n");
    expect(steps[7]!.stderr).toBe(`failed to create network other_default: ${NO_LEADER}`);
    expect(steps[7]!.exitCode).toBe(1);
  });

  it("a locked manager has no control API: the CLI's own refusal", () => {
    const { steps } = replay([
      "printf 'services:\\n  web:\\n    image: nginx\\n' > t.yml",
      "docker swarm update --autolock=true >/dev/null",
      "sim node restart manager1",
      "docker stack deploy -d -c t.yml app",
    ].join("\n"), THREE_MANAGERS);
    expect(steps[3]!.stderr).toBe(
      'this node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again\n',
    );
  });
});

describe("a volume mount's VolumeOptions (docker/cli MountOpt, stack handleVolumeToMount, swarmkit expandMounts)", () => {
  const ONE: ClusterSpecInput = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"] } };
  const MOUNTS = "--format '{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}'";
  it("--mount volume-label/-opt/-nocopy reach the spec; labels and options are templates; the task's volume carries them", () => {
    const { out } = replay([
      `docker service create -d --name g --mount 'type=volume,source=v-{{.Task.Slot}},target=/d,volume-label=who={{.Task.Name}},volume-opt=o={{.Service.Name}},volume-nocopy' busybox sleep 1000`,
      `docker service inspect g ${MOUNTS}`,
      "docker volume inspect v-1 --format '{{json .Labels}} {{json .Options}}'",
      "docker service create -d --name d --mount type=volume,source=x,target=/d,volume-driver= busybox",
      `docker service inspect d ${MOUNTS}`,
    ].join("\n"), ONE);
    expect(out(1)).toBe(
      '[{"Type":"volume","Source":"v-{{.Task.Slot}}","Target":"/d","VolumeOptions":{"NoCopy":true,"Labels":{"who":"{{.Task.Name}}"},"DriverConfig":{"Options":{"o":"{{.Service.Name}}"}}}}]\n',
    );
    expect(out(2)).toMatch(/^\{"who":"g\.1\.[0-9a-z]{25}"\} \{"o":"g"\}\n$/);
    // Any volume-* key makes the DriverConfig, even an empty driver.
    expect(out(4)).toBe('[{"Type":"volume","Source":"x","Target":"/d","VolumeOptions":{"DriverConfig":{}}}]\n');
  });

  it("a bad label or option template is refused at create, wrapped as expandMounts wraps it", () => {
    const { steps } = replay([
      "docker service create -d --name b1 --mount 'type=volume,source=v,target=/d,volume-label=who={{.Task.Nam}}' busybox",
      "docker service create -d --name b2 --mount 'type=volume,source=v,target=/d,volume-opt=o={{.Nope}}' busybox",
    ].join("\n"), ONE);
    expect(steps[0]!.stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = expanding mounts failed: expanding volume labels: expanding map entry "who"="{{.Task.Nam}}": template: expansion:1:7: executing "expansion" at <.Task.Nam>: can\'t evaluate field Nam in type struct { ID string; Name string; Slot string }\n',
    );
    expect(steps[1]!.stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = expanding mounts failed: expanding volume driver config: expanding map entry "o"="{{.Nope}}": template: expansion:1:2: executing "expansion" at <.Nope>: can\'t evaluate field Nope in type *template.Context\n',
    );
  });

  it("a stack's named volume: its labels plus the namespace; DriverConfig only with a driver or driver_opts, which alone labels the volume the executor creates", () => {
    const { out } = replay([
      "printf 'services:\\n  web:\\n    image: nginx\\n    volumes: [data:/d, d2:/d2, ext:/e]\\nvolumes:\\n  data:\\n    labels: {x: y}\\n  d2:\\n    driver: local\\n    driver_opts: {type: tmpfs, device: tmpfs}\\n  ext:\\n    external: true\\n' > s.yml",
      "docker volume create ext >/dev/null",
      "docker stack deploy -d -c s.yml app >/dev/null",
      `docker service inspect app_web ${MOUNTS}`,
      "docker volume ls -q --filter label=com.docker.stack.namespace=app",
      "docker volume inspect app_d2 --format '{{json .Labels}} {{json .Options}}'",
    ].join("\n"), ONE);
    expect(out(3)).toBe(
      '[{"Type":"volume","Source":"app_data","Target":"/d","VolumeOptions":{"Labels":{"com.docker.stack.namespace":"app","x":"y"}}},' +
        '{"Type":"volume","Source":"app_d2","Target":"/d2","VolumeOptions":{"Labels":{"com.docker.stack.namespace":"app"},"DriverConfig":{"Name":"local","Options":{"device":"tmpfs","type":"tmpfs"}}}},' +
        '{"Type":"volume","Source":"ext","Target":"/e","VolumeOptions":{}}]\n',
    );
    expect(out(4)).toBe("app_d2\n");
    expect(out(5)).toBe('{"com.docker.stack.namespace":"app"} {"device":"tmpfs","type":"tmpfs"}\n');
  });
});

describe("swarmkit's template funcMap join", () => {
  it("joins its arguments after the first; with none, s[1:] panics and the call fails", () => {
    const { steps } = replay("docker service create -d --name bad --env 'A={{join}}' busybox");
    expect(steps[0]!.stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = expanding env failed: expanding env "A={{join}}": template: expansion:1:2: executing "expansion" at <join>: error calling join: runtime error: slice bounds out of range [1:0]\n',
    );
  });
});
