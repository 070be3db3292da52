// Task containers run on the shared process model, as `docker run` runs them.
import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers";

const ps = (out: string) => rows(out).slice(1).map((r) => (r[1]!.startsWith("\\_") ? r.slice(2) : r.slice(1)));

describe("task containers on the runtime", () => {
  it.each([
    ["gcr.io/cadvisor/cadvisor:v0.47.2"],
    ["portainer/agent:2.19.4"],
    ["dockersamples/visualizer"],
  ])("%s keeps running as a global service, as `docker run` does", (image) => {
    const { out, steps } = replay([
      `docker run -d --name probe ${image}`,
      `docker service create -d --name agent --mode global ${image}`,
      "sleep 30",
      "docker service ps agent --format '{{.Node}} {{.DesiredState}} {{.CurrentState}}'",
      "docker ps --filter name=probe --format '{{.Status}}'",
      "docker service ls --format '{{.Replicas}}'",
    ].join("\n"));
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(3).trim().split("\n").sort()).toEqual([
      "manager1 Running Running 30 seconds ago", "worker1 Running Running 30 seconds ago", "worker2 Running Running 30 seconds ago",
    ]);
    expect(out(4)).toBe("Up 30 seconds\n");
    expect(out(5)).toBe("3/3\n");
  });

  it("a command that ends completes the task, a non-zero exit fails it, and the restart policy replaces it", () => {
    const { out } = replay([
      "docker service create -d --name once --restart-condition none alpine echo hello",
      "docker service create -d --name bad alpine sh -c 'echo boom; exit 3'",
      "sleep 1",
      "docker service ps once bad --format '{{.Name}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}'",
    ].join("\n"));
    expect(out(3)).toBe([
      "bad.1|Ready|Ready 1 second ago|",
      'bad.1|Shutdown|Failed 1 second ago|"task: non-zero exit (3)"',
      "once.1|Shutdown|Complete 1 second ago|",
    ].join("\n") + "\n");
  });

  it("a command that cannot start fails the task with runc's message", () => {
    const { out } = replay("docker service create -d --name nocmd --restart-condition none alpine nosuchcmd\ndocker service ps nocmd --no-trunc --format '{{.CurrentState}}|{{.Error}}'");
    expect(out(1)).toBe('Failed less than a second ago|"starting container failed: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown"\n');
  });

  it("sleep N runs N seconds of virtual time, then the task completes and is restarted", () => {
    const { out } = replay([
      "docker service create -d --name nap alpine sleep 10",
      "sleep 9",
      "docker service ps nap --format '{{.CurrentState}}'",
      "sleep 2",
      "docker service ps nap --format '{{.DesiredState}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(2)).toBe("Running 9 seconds ago\n");
    expect(out(4)).toBe("Ready Ready 1 second ago\nShutdown Complete 1 second ago\n");
  });

  it("the task's container is in its node's docker ps, with the image's command", () => {
    const { out } = replay([
      "docker service create -d --name web --constraint node.hostname==worker1 nginx",
      "ssh worker1",
      "docker ps --format '{{.Names}} {{.Command}} {{.Status}}'",
      "docker images --format '{{.Repository}}:{{.Tag}}'",
    ].join("\n"));
    expect(out(2)).toMatch(/^web\.1\.[0-9a-z]{25} "\/docker-entrypoint\.…" Up Less than a second\n$/);
    expect(out(3)).toBe("nginx:latest\n");
  });

  it("stopping a task's container fails the task; swarm replaces it", () => {
    const { out } = replay([
      "docker service create -d --name web --constraint node.hostname==manager1 alpine sleep 3600",
      "docker kill $(docker ps -q --filter name=web)",
      "sleep 6",
      "docker service ps web --format '{{.DesiredState}}|{{.CurrentState}}|{{.Error}}'",
    ].join("\n"));
    expect(out(3)).toBe("Running|Running 1 second ago|\nShutdown|Failed 6 seconds ago|\"task: non-zero exit (137)\"\n");
  });

  it("--limit-memory below the program's use OOM-kills the task (exit 137)", () => {
    const { out } = replay([
      "docker service create -d --name db --restart-condition none --limit-memory 64M -e ACCEPT_EULA=Y -e MSSQL_SA_PASSWORD=Passw0rd! mcr.microsoft.com/mssql/server:2022-latest",
      "sleep 1",
      "docker service ps db --format '{{.CurrentState}}|{{.Error}}'",
    ].join("\n"));
    expect(out(2)).toMatch(/^Failed .*\|"task: non-zero exit \(137\)"\n$/);
  });

  it("secrets are files in the task's container", () => {
    const { out } = replay([
      "echo s3cret | docker secret create db_pass -",
      "docker service create -d --name app --secret db_pass --constraint node.role==manager alpine sleep 3600",
      "docker exec $(docker ps -q --filter name=app) cat /run/secrets/db_pass",
    ].join("\n"));
    expect(out(2)).toBe("s3cret\n");
  });
});

describe("docker service logs", () => {
  const script = [
    "docker service create -d --name bad --replicas 1 alpine sh -c 'echo boom; echo oops >&2; exit 3'",
    "sleep 6",
  ];
  it("prefixes each line with <service>.<slot>.<task>@<node>, stdout and stderr apart", () => {
    const { out, err, steps } = replay([...script, "docker service logs bad"].join("\n"));
    expect(steps[2]!.exitCode).toBe(0);
    expect(out(2)).toMatch(/^bad\.1\.[0-9a-z]{12}@manager1    \| boom\nbad\.1\.[0-9a-z]{12}@manager1    \| boom\n$/);
    expect(err(2)).toMatch(/^bad\.1\.[0-9a-z]{12}@manager1    \| oops\n/);
  });
  it("--raw, --no-task-ids, --no-trunc, --tail", () => {
    const { out, err } = replay([...script,
      "docker service logs --raw bad",
      "docker service logs --no-task-ids bad",
      "docker service logs --no-trunc --tail 0 bad",
      "docker service logs --no-trunc bad",
    ].join("\n"));
    expect(out(2)).toBe("boom\nboom\n");
    expect(out(3)).toBe("bad.1@manager1    | boom\nbad.1@manager1    | boom\n");
    expect(out(4)).toBe("");
    expect(err(4)).toBe("");
    expect(out(5)).toMatch(/^bad\.1\.[0-9a-z]{25}@manager1    \| boom\n/);
  });
  it("pads slots to the replica count's width; a task ID selects one task", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 10 busybox sh -c 'echo hi; sleep 3600'",
      "docker service logs --no-task-ids web",
      "docker service logs $(docker service ps -q web | head -1)",
    ].join("\n"));
    const lines = out(1).trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(lines).toContain("web.1@manager1     | hi");
    expect(lines).toContain("web.10@manager1    | hi");
    expect(out(2)).toMatch(/^web\.\d+\.[0-9a-z]{12}@\w+    \| hi\n$/);
  });
  it("an unknown service or task", () => {
    const { err, steps } = replay("docker service logs nope");
    expect(steps[0]!.exitCode).toBe(1);
    expect(err(0)).toBe("no such task or service: nope\n");
  });
});

describe("swarm tutorial and spec details", () => {
  it("`alpine ping docker.com` keeps running and logs one reply a second", () => {
    const { out } = replay([
      "docker service create --name helloworld --replicas 1 alpine ping docker.com",
      "docker service ls --format '{{.Name}} {{.Replicas}}'",
      "docker service logs --raw --tail 2 helloworld",
    ].join("\n"));
    expect(out(1)).toBe("helloworld 1/1\n");
    expect(out(2)).toMatch(/^64 bytes from [\d.]+: seq=4 ttl=57 time=[\d.]+ ms\n64 bytes from [\d.]+: seq=5 ttl=57 time=[\d.]+ ms\n$/);
  });

  it("restart-condition none: the ended task is shut down and not replaced (0/1)", () => {
    const { out } = replay([
      "docker service create -d --name once --restart-condition none alpine echo hi",
      "sleep 10",
      "docker service ps once --format '{{.DesiredState}} {{.CurrentState}}'",
      "docker service ls --format '{{.Replicas}}'",
    ].join("\n"));
    expect(out(2)).toBe("Shutdown Complete 10 seconds ago\n");
    expect(out(3)).toBe("0/1\n");
  });

  it("--env-file: comments skipped, bare names from the client's environment, then --env", () => {
    const { out, steps } = replay([
      "printf 'A=1\\n# note\\nB=two words\\n\\nTOKEN\\nMISSING\\n' > app.env",
      "export TOKEN=abc",
      "docker service create -d --name e --env-file app.env --env C=3 redis",
      "docker service inspect e --format '{{json .Spec.TaskTemplate.ContainerSpec.Env}}'",
      "docker service create -d --name m --env-file nope.env redis",
    ].join("\n"));
    expect(out(3)).toBe('["A=1","B=two words","TOKEN=abc","C=3"]\n');
    expect(steps[4]!.exitCode).toBe(1);
    expect(steps[4]!.stderr).toBe("open nope.env: no such file or directory\n");
  });

  it("inspect --pretty shows when the update started and completed", () => {
    const { out } = replay([
      "docker service create -d --name web nginx:1.25",
      "docker service update --image nginx:1.26 web",
      "sleep 60",
      "docker service inspect --pretty web",
    ].join("\n"));
    expect(out(3)).toContain("UpdateStatus:\n State:\t\tcompleted\n Started:\tAbout a minute ago\n Completed:\tAbout a minute ago\n Message:\tupdate completed\n");
  });
});
