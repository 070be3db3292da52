// ContainerSpec.ReadOnly and Groups: `service create --read-only --group`, `service update
// --read-only --group-add --group-rm` (update.go updateGroups: appended, removed, sorted) and a
// stack's `read_only:` reach the spec, `service inspect` (moby's field order) and the task
// containers (HostConfig.ReadonlyRootfs / GroupAdd), which then behave as `docker run` ones do.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";

const CLUSTER = { hosts: [{ name: "m1", ip: "10.0.0.1" }], swarm: { managers: ["m1"] } };

function run(script: string, files: Record<string, string> = {}) {
  const steps = new Session({ seed: "ro-groups", files, cluster: CLUSTER }).run(script, { allowSim: true });
  return { steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

const SPEC = "docker service inspect w --format '{{json .Spec.TaskTemplate.ContainerSpec}}'";

describe("service create --read-only", () => {
  it("nginx's tasks fail as `docker run --read-only nginx` does, with the same output", () => {
    const r = run([
      "docker run -d --name r --read-only nginx",
      "docker service create -d --read-only --name w nginx",
      "docker service ps w --format '{{.CurrentState}}|{{.Error}}'",
      "docker service logs --raw w",
      "docker logs r",
    ].join("\n"));
    expect(r.out(2).split("\n")[1]).toMatch(/^Failed .*\|"task: non-zero exit \(1\)"$/);
    expect(r.err(3)).toContain('nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)\n');
    expect([r.out(3), r.err(3)]).toEqual([r.out(4), r.err(4)]);
  });

  it("is ContainerSpec.ReadOnly (before Mounts), the container's ReadonlyRootfs; update --read-only=false clears it", () => {
    const r = run([
      "docker service create -d --read-only --user 1000 --mount type=tmpfs,target=/t --name w busybox sleep 1000",
      SPEC,
      "docker exec $(docker ps -q -f name=w.1) touch /x",
      "docker exec $(docker ps -q -f name=w.1) touch /t/x",
      "docker inspect --format '{{.HostConfig.ReadonlyRootfs}}' $(docker ps -q -f name=w.1)",
      "docker service update -d --read-only=false w",
      SPEC,
      "docker exec $(docker ps -q -f name=w.1) touch /tmp/x",
    ].join("\n"));
    expect(r.out(1)).toMatch(/"Args":\["sleep","1000"\],"User":"1000","Init":false,"ReadOnly":true,"Mounts":\[/);
    expect([r.steps[2]!.exitCode, r.err(2)]).toEqual([1, "touch: /x: Read-only file system\n"]);
    expect(r.steps[3]!.exitCode).toBe(0);
    expect(r.out(4)).toBe("true\n");
    expect(r.out(6)).not.toContain("ReadOnly\":true");
    expect(r.steps[7]!.exitCode).toBe(0);
  });

  it("an update with --read-only on a service already read-only changes nothing (no new task)", () => {
    const r = run([
      "docker service create -d --read-only --name w busybox sleep 1000",
      "docker service update -d --read-only w",
      "docker service ps -q w | wc -l",
    ].join("\n"));
    expect(r.out(2).trim()).toBe("1");
  });
});

describe("service create --group, update --group-add/--group-rm", () => {
  it("Groups follows User in the ContainerSpec; the task's processes have them as supplementary groups", () => {
    const r = run([
      "docker service create -d --group 2000 --group 101 --user 1000:3000 --name w busybox sleep 1000",
      SPEC,
      "docker exec $(docker ps -q -f name=w.1) id",
      "docker inspect --format '{{json .HostConfig.GroupAdd}}' $(docker ps -q -f name=w.1)",
    ].join("\n"));
    // ToService keeps the flags' order.
    expect(r.out(1)).toMatch(/"User":"1000:3000","Groups":\["2000","101"\],"Init":false,/);
    expect(r.out(2)).toBe("uid=1000 gid=3000 groups=101,2000,3000\n");
    expect(r.out(3)).toBe('["2000","101"]\n');
  });

  it("updateGroups appends, removes by exact text and sorts; none left is no Groups", () => {
    const r = run([
      "docker service create -d --group 20 --name w busybox sleep 1000",
      "docker service update -d --group-add 3 --group-add 100 w",
      "docker service inspect w --format '{{json .Spec.TaskTemplate.ContainerSpec.Groups}}'",
      "docker service update -d --group-rm 100 --group-rm 3 --group-rm 20 w",
      SPEC,
      "docker service inspect w --format '{{json .Spec.TaskTemplate.ContainerSpec.Groups}}'",
    ].join("\n"));
    expect(r.out(2)).toBe('["100","20","3"]\n');
    expect(r.out(4)).not.toContain("Groups");
    // Left out of the JSON (omitempty), Groups decodes as a nil slice: `null` to {{json}}.
    expect(r.out(5)).toBe("null\n");
  });
});

describe("stack files", () => {
  it("read_only: true is ContainerSpec.ReadOnly; group_add is not in the v3 schema", () => {
    const files = {
      "a.yml": "services:\n  web:\n    image: busybox\n    command: sleep 1000\n    read_only: true\n",
      "b.yml": "version: '3.8'\nservices:\n  web:\n    image: busybox\n    group_add: [staff]\n",
    };
    const r = run([
      "docker stack deploy -d -c a.yml app",
      "docker service inspect app_web --format '{{.Spec.TaskTemplate.ContainerSpec.ReadOnly}}'",
      "docker exec $(docker ps -q -f name=app_web.1) touch /x",
      "docker stack deploy -d -c b.yml b",
    ].join("\n"), files);
    expect(r.out(1)).toBe("true\n");
    expect(r.err(2)).toBe("touch: /x: Read-only file system\n");
    expect([r.steps[3]!.exitCode, r.err(3)]).toEqual([1, "services.web Additional property group_add is not allowed\n"]);
  });
});

describe("--stop-signal and --tty", () => {
  it("are ContainerSpec.StopSignal and TTY (after Init), the task container's Config.StopSignal; update clears them", () => {
    const r = run([
      "docker service create -d --stop-signal SIGUSR1 -t --name w busybox sleep 1000",
      SPEC,
      "docker inspect --format '{{.Config.StopSignal}}' $(docker ps -q -f name=w.1)",
      "docker service update -d --stop-signal '' --tty=false w",
      SPEC,
    ].join("\n"));
    expect(r.out(1)).toMatch(/"Args":\["sleep","1000"\],"Init":false,"StopSignal":"SIGUSR1","TTY":true,"StopGracePeriod":/);
    expect(r.out(2)).toBe("SIGUSR1\n");
    expect(r.out(4)).not.toMatch(/StopSignal|TTY/);
  });

  it("a stack's stop_signal: and tty: are converted too", () => {
    const files = { "s.yml": "services:\n  web:\n    image: busybox\n    command: sleep 1000\n    stop_signal: SIGINT\n    tty: true\n" };
    const r = run("docker stack deploy -d -c s.yml app\ndocker service inspect app_web --format '{{.Spec.TaskTemplate.ContainerSpec.StopSignal}} {{.Spec.TaskTemplate.ContainerSpec.TTY}}'", files);
    expect(r.out(1)).toBe("SIGINT true\n");
  });
});
