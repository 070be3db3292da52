import { describe, expect, it } from "vitest";
import { replay, rows, SWARM3 } from "./helpers";

const fmt = (f: string) => `--format '${f}'`;

describe("docker service create / ls / ps", () => {
  it("create without -d prints the ID and the converged progress screen", () => {
    const { out, steps, s } = replay("docker service create --name web --replicas 3 -p 8080:80 nginx");
    const id = out(0).split("\n")[0]!;
    expect(id).toMatch(/^[0-9a-z]{25}$/);
    const bar = "[==================================================>]";
    expect(out(0)).toBe(`${id}\noverall progress: 3 out of 3 tasks\n1/3: running   ${bar}\n2/3: running   ${bar}\n3/3: running   ${bar}\nverify: Service ${id} converged\n`);
    expect(steps[0]!.exitCode).toBe(0);
    // The monitor period (5 s) passed while verifying.
    expect(s.world.now - Date.parse("2024-01-10T00:00:00Z")).toBe(5000);
  });

  it("create -d prints only the ID; ls and ps show the real tables", () => {
    const { out } = replay("docker service create -d --name web --replicas 3 -p 8080:80 nginx\ndocker service ls\ndocker service ps web");
    expect(out(0)).toMatch(/^[0-9a-z]{25}\n$/);
    const ls = rows(out(1));
    expect(ls[0]).toEqual(["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]);
    expect(ls[1]!.slice(1)).toEqual(["web", "replicated", "3/3", "nginx:latest", "*:8080->80/tcp"]);
    expect(ls[1]![0]).toMatch(/^[0-9a-z]{12}$/);
    const ps = rows(out(2));
    expect(ps[0]).toEqual(["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"]);
    expect(ps.slice(1).map((r) => [r[1], r[3], r[4], r[5]])).toEqual([
      ["web.1", "manager1", "Running", "Running less than a second ago"],
      ["web.2", "worker1", "Running", "Running less than a second ago"],
      ["web.3", "worker2", "Running", "Running less than a second ago"],
    ]);
  });

  it("scale prints `scaled to` and converges; --filter and --format on ls", () => {
    const { out } = replay([
      "docker service create -d --name webserver nginx",
      "docker service scale webserver=5",
      `docker service ls --filter name=webserver ${fmt("{{.Replicas}}")}`,
      `docker service ls -q`,
    ].join("\n"));
    expect(out(1).startsWith("webserver scaled to 5\noverall progress: 5 out of 5 tasks\n")).toBe(true);
    expect(out(1).endsWith("verify: Service webserver converged\n")).toBe(true);
    expect(out(2)).toBe("5/5\n");
    // serviceContext.ID is always truncated, also for -q's "{{.ID}}" (checked against the real client).
    expect(out(3)).toMatch(/^[0-9a-z]{12}\n$/);
  });

  it.each([
    ["global service", "docker service create -d --name agent --mode global busybox top\ndocker service scale agent=2",
      "agent: scale can only be used with replicated or replicated-job mode\n"],
    ["missing service", "docker service scale nope=2", "nope: Error response from daemon: service nope not found\n"],
    ["bad number", "docker service scale web=x", 'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax\n'],
  ])("scale errors: %s", (_n, script, stderr) => {
    const { last } = replay(script);
    expect(last.stderr).toBe(stderr);
    expect(last.exitCode).toBe(1);
  });

  it("global services: one task per node, a new node gets one, a drained node loses it", () => {
    const { out } = replay([
      "docker service create -d --name agent --mode global busybox top",
      `docker service ls ${fmt("{{.Mode}} {{.Replicas}}")}`,
      "sim node add worker3",
      "ssh worker3 docker swarm join --token $(docker swarm join-token -q worker) 10.0.0.11:2377",
      `docker service ls ${fmt("{{.Replicas}}")}`,
      "docker node update --availability drain worker1",
      `docker service ls ${fmt("{{.Replicas}}")}`,
      `docker service ps agent ${fmt("{{.Name}} {{.Node}} {{.DesiredState}}")} --filter desired-state=running`,
    ].join("\n"));
    expect(out(1)).toBe("global 3/3\n");
    expect(out(4)).toBe("4/4\n");
    expect(out(6)).toBe("3/3\n");
    expect(out(7).split("\n").filter(Boolean).map((l) => l.split(" ")[1]).sort()).toEqual(["manager1", "worker2", "worker3"]);
  });

  it("pending tasks explain why (constraints, resources, drained) and start when fixed", () => {
    const { out } = replay([
      "docker service create -d --name db --constraint node.labels.disk==ssd redis",
      "docker service ps db --no-trunc --format '{{.CurrentState}}|{{.Error}}'",
      "docker service ps db",
      "docker node update --label-add disk=ssd worker2",
      "docker service ps db --format '{{.Node}} {{.CurrentState}}'",
      "docker service create -d --name big --reserve-memory 100g nginx",
      "docker service ps big --no-trunc --format '{{.Error}}'",
      "docker node update --availability drain manager1",
      "docker node update --availability drain worker1",
      "docker node update --availability pause worker2",
      "docker service create -d --name none nginx",
      "docker service ps none --no-trunc --format '{{.Error}}'",
      "docker service create -d --name mixed --constraint node.role==worker nginx",
      "docker service ps mixed --no-trunc --format '{{.Error}}'",
      "docker service ls --filter name=none --format '{{.Replicas}}'",
    ].join("\n"));
    expect(out(1)).toBe('Pending less than a second ago|"no suitable node (scheduling constraints not satisfied on 3 nodes)"\n');
    expect(out(2)).toContain('"no suitable node (scheduling …"');
    expect(out(4)).toBe("worker2 Running less than a second ago\n");
    expect(out(6)).toBe('"no suitable node (insufficient resources on 3 nodes)"\n');
    expect(out(11)).toBe('"no suitable node (3 nodes not available for new tasks)"\n');
    expect(out(13)).toBe('"no suitable node (3 nodes not available for new tasks)"\n');
    expect(out(14)).toBe("0/1\n");
  });

  it("constraint parse errors and unknown keys", () => {
    const { steps, out } = replay([
      "docker service create -d --name a --constraint node.role=manager nginx",
      "docker service create -d --name b --constraint 'node.name==x' nginx",
      "docker service ps b --no-trunc --format '{{.Error}}'",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe("Error response from daemon: rpc error: code = Unknown desc = constraint expected one operator from ==, !=\n");
    expect(out(2)).toBe('"no suitable node (scheduling constraints not satisfied on 3 nodes)"\n');
  });

  it("--replicas-max-per-node shows in REPLICAS and limits placement", () => {
    const { out } = replay([
      "docker service create -d --name capped --replicas 4 --replicas-max-per-node 1 nginx",
      "docker service ls --format '{{.Replicas}}'",
      "docker service ps capped --no-trunc --filter name=capped.4 --format '{{.Error}}'",
    ].join("\n"));
    expect(out(1)).toBe("3/4 (max 1 per node)\n");
    expect(out(2)).toBe('"no suitable node (max replicas per node limit exceed; scheduling constraints not satisfied on 0 nodes)"\n'.replace("; scheduling constraints not satisfied on 0 nodes", ""));
  });

  it("draining a node moves its replicated tasks (the older task listed after its replacement)", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "docker node update --availability drain worker1",
      "docker service ps web --format '{{.Name}}|{{.Node}}|{{.DesiredState}}|{{.CurrentState}}'",
      "docker node ls --format '{{.Hostname}} {{.Availability}}'",
    ].join("\n"));
    expect(out(2)).toBe([
      "web.1|manager1|Running|Running less than a second ago",
      "web.2|manager1|Running|Running less than a second ago",
      "web.2|worker1|Shutdown|Shutdown less than a second ago",
      "web.3|worker2|Running|Running less than a second ago",
      "",
    ].join("\n"));
    expect(out(3)).toBe("manager1 Active\nworker1 Drain\nworker2 Active\n");
  });

  it("pause keeps existing tasks but takes no new ones", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "docker node update --availability pause worker1",
      "docker service scale -d web=6",
      "docker service ps web --format '{{.Node}}' --filter desired-state=running",
    ].join("\n"));
    const nodes = out(3).trim().split("\n");
    expect(nodes.filter((n) => n === "worker1")).toHaveLength(1);
    expect(nodes).toHaveLength(6);
  });

  it("a node going down: tasks rescheduled after the restart delay; node Down", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "sim node down worker1",
      "docker node ls --format '{{.Hostname}} {{.Status}}'",
      "docker service ls --format '{{.Replicas}}'",
      "sleep 5",
      "docker service ls --format '{{.Replicas}}'",
      "docker service ps web --format '{{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(2)).toBe("manager1 Ready\nworker1 Down\nworker2 Ready\n");
    // swarmkit counts tasks observed running: the down node's task still is (moby#45922).
    expect(out(3)).toBe("3/3\n");
    expect(out(5)).toBe("4/3\n");
    expect(out(6)).toContain("\nweb.2 worker1 Shutdown Running 5 seconds ago\n");
  });

  it("image typo: digest warning, Rejected tasks retried every restart delay", () => {
    const { steps, out } = replay("docker service create -d --name web ngnix\nsleep 11\ndocker service ps web --format '{{.DesiredState}}|{{.CurrentState}}|{{.Error}}'\ndocker service ls --format '{{.Replicas}}'");
    expect(steps[0]!.stderr).toBe("image ngnix:latest could not be accessed on a registry to record\nits digest. Each node will access ngnix:latest independently,\npossibly leading to different nodes running different\nversions of the image.\n");
    const lines = out(2).trim().split("\n");
    expect(lines[0]).toBe('Ready|Rejected 1 second ago|"No such image: ngnix:latest"');
    expect(lines.slice(1).every((l) => l.startsWith("Shutdown|Rejected"))).toBe(true);
    expect(out(3)).toBe("0/1\n");
  });

  it("without -d a service that never converges stops as Ctrl-C would", () => {
    const { out } = replay("docker service create --name web --constraint node.hostname==nope nginx");
    const id = out(0).split("\n")[0]!;
    expect(out(0)).toBe(`${id}\noverall progress: 0 out of 1 tasks\n1/1: no suitable node (scheduling constraints not satisfied on 3 nodes)\nOperation continuing in background.\nUse \`docker service ps ${id}\` to check progress.\n`);
  });

  it.each([
    ["duplicate name", "docker service create -d --name web nginx\ndocker service create -d --name web nginx",
      "Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists\n"],
    ["bad name", "docker service create -d --name my_web_ nginx", "Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n"],
    ["port in use", "docker service create -d --name a -p 8080:80 nginx\ndocker service create -d --name b -p 8080:80 nginx",
      /^Error response from daemon: rpc error: code = InvalidArgument desc = port '8080' is already in use by service 'a' \([0-9a-z]{25}\) as an ingress port\n$/],
    ["mode", "docker service create --mode global --replicas 2 nginx", "replicas can only be used with replicated or replicated-job mode\n"],
    ["unknown mode", "docker service create --mode foo nginx", "Unknown mode: foo, only replicated and global supported\n"],
    ["missing secret", "docker service create -d --secret nope nginx", "secret not found: nope\n"],
    ["missing network", "docker service create -d --network nope nginx", "Error response from daemon: network nope not found\n"],
    ["ingress attach", "docker service create -d --network ingress nginx", 'Error response from daemon: rpc error: code = InvalidArgument desc = Service cannot be explicitly attached to the ingress network "ingress"\n'],
    ["local network", "docker service create -d --network bridge nginx", "Error response from daemon: The network bridge cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.\n"],
    ["bad template", "docker service create -d --hostname '{{.Task.Labels}}' nginx", /^Error response from daemon: rpc error: code = InvalidArgument desc = expanding hostname failed: template: /],
  ])("create errors: %s", (_n, script, stderr) => {
    const { last } = replay(script);
    if (typeof stderr === "string") expect(last.stderr).toBe(stderr);
    else expect(last.stderr).toMatch(stderr);
    expect(last.exitCode).toBe(1);
  });

  it.each([
    ["--replicas x", 'invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'],
    ["-p 1.2.3.4:80:80", 'invalid argument "1.2.3.4:80:80" for "-p, --publish" flag: hostip is not supported'],
    ["--mount foo=bar", `invalid argument "foo=bar" for "--mount" flag: unexpected key 'foo' in 'foo=bar'`],
    ["--update-delay 5", 'invalid argument "5" for "--update-delay" flag: time: missing unit in duration "5"'],
    ["--reserve-memory 1q", `invalid argument "1q" for "--reserve-memory" flag: invalid suffix: 'q'`],
    ["-p published=80", "invalid argument \"published=80\" for \"-p, --publish\" flag: missing mandatory field 'target'"],
  ])("flag value errors exit 125: %s", (flag, msg) => {
    const { last } = replay(`docker service create ${flag} nginx`);
    expect(last.stderr).toBe(`${msg}\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n`);
    expect(last.exitCode).toBe(125);
  });

  it("templates render per task (hostname, env)", () => {
    const { s } = replay("docker service create -d --name web --replicas 2 --hostname '{{.Node.Hostname}}-{{.Service.Name}}' -e SLOT='{{.Task.Slot}}' nginx");
    const snap = s.world.snapshot() as { swarm: { tasks: { Hostname: string; Env: string[]; Node: string }[] } };
    expect(snap.swarm.tasks.map((t) => [t.Hostname, t.Env])).toEqual([
      ["manager1-web", ["SLOT=1"]],
      ["worker1-web", ["SLOT=2"]],
    ]);
  });

  it("spread preference splits tasks between label groups", () => {
    const { out } = replay([
      "docker node update --label-add zone=a manager1",
      "docker node update --label-add zone=a worker1",
      "docker node update --label-add zone=b worker2",
      "docker service create -d --name web --replicas 4 --placement-pref spread=node.labels.zone nginx",
      "docker service ps web --format '{{.Node}}'",
    ].join("\n"));
    const nodes = out(4).trim().split("\n");
    expect(nodes.filter((n) => n === "worker2")).toHaveLength(2);
  });
});

describe("docker service update / rollback / rm / inspect", () => {
  it("rolling update with --update-delay replaces one slot at a time", () => {
    const { out, s } = replay([
      "docker service create -d --name web --replicas 3 nginx:1.25",
      "docker service update --image nginx:1.26 --update-delay 10s web",
      "docker service ps web --format '{{.Name}} {{.Image}} {{.DesiredState}} {{.CurrentState}}'",
    ].join("\n"));
    expect(out(1).startsWith("web\noverall progress: 3 out of 3 tasks\n")).toBe(true);
    expect(out(1).endsWith("verify: Service web converged\n")).toBe(true);
    expect(out(2)).toBe([
      "web.1 nginx:1.26 Running Running 25 seconds ago",
      "web.1 nginx:1.25 Shutdown Shutdown 25 seconds ago",
      "web.2 nginx:1.26 Running Running 15 seconds ago",
      "web.2 nginx:1.25 Shutdown Shutdown 15 seconds ago",
      "web.3 nginx:1.26 Running Running 5 seconds ago",
      "web.3 nginx:1.25 Shutdown Shutdown 5 seconds ago",
      "",
    ].join("\n"));
    // The timeline lets a check see that at least 2 tasks ran at every moment.
    const counts = s.world.events.filter((e) => e.type === "service-tasks" && e.subject === "service/web").map((e) => e.data!.running as number);
    expect(Math.min(...counts.slice(counts.indexOf(3)))).toBe(2);
  });

  it("rollback swaps back to the previous spec; no previous spec is an error", () => {
    const { out, steps } = replay([
      "docker service create -d --name web nginx:1.25",
      "docker service rollback web",
      "docker service update -d --image nginx:1.26 web",
      "docker service rollback web",
      "docker service inspect web --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}'",
      "docker service update --rollback --image x web",
    ].join("\n"));
    expect(steps[1]!.stderr).toMatch(/^Error response from daemon: rpc error: code = FailedPrecondition desc = service [0-9a-z]{25} does not have a previous spec\n$/);
    expect(out(3)).toMatch(/^web\nrollback: manually requested rollback\noverall progress: rolling back update: 1 out of 1 tasks\n1\/1: running {3}\[=+>\]\nverify: Service web converged\n$/);
    expect(out(4)).toMatch(/^nginx:1\.25@sha256:[0-9a-f]{64}\n$/);
    expect(steps[5]!.stderr).toBe("other flags may not be combined with --rollback\n");
  });

  it("update --replicas on a global service, mode change", () => {
    const { last } = replay("docker service create -d --mode global --name a busybox top\ndocker service update --replicas 2 a");
    expect(last.stderr).toBe("replicas can only be used with replicated mode\n");
  });

  it("rm removes the service and its tasks", () => {
    const { out, steps } = replay("docker service create -d --name web --replicas 2 nginx\ndocker service rm web nope\ndocker service ls -q\ndocker service ps web");
    expect(out(1)).toBe("web\n");
    expect(steps[1]!.stderr).toBe("Error response from daemon: service nope not found\n");
    expect(out(2)).toBe("");
    expect(steps[3]!.stderr).toBe("no such service: web\n");
  });

  it("inspect: JSON shape, --format, --pretty", () => {
    const { out, steps } = replay([
      "docker service create -d --name web --replicas 2 -p 8080:80 --constraint node.role==worker nginx",
      "docker service inspect web --format '{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{json .Spec.TaskTemplate.Placement.Constraints}}'",
      "docker service inspect --pretty web",
      "docker service inspect web",
      "docker service inspect --pretty --format x web",
    ].join("\n"));
    expect(out(1)).toBe('web 2 ["node.role==worker"]\n');
    expect(out(2)).toContain("\nName:\t\tweb\nService Mode:\tReplicated\n Replicas:\t2\nPlacement:\n Constraints:\t[node.role==worker]\n");
    const json = JSON.parse(out(3));
    expect(json[0].Spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(json[0].Endpoint.Ports).toEqual([{ Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" }]);
    expect(steps[4]!.stderr).toBe("--format is incompatible with human friendly format\n");
  });

  it("replicated jobs run to completion: `job complete`, REPLICAS with completions", () => {
    const { out } = replay("docker service create --name migrate --mode replicated-job alpine echo done\ndocker service ls --format '{{.Mode}}|{{.Replicas}}'\ndocker service ps migrate --format '{{.DesiredState}} {{.CurrentState}}'");
    expect(out(0)).toMatch(/\noverall progress: 1 out of 1 tasks\n1\/1: complete  \[=+>\]\njob complete\n$/);
    expect(out(1)).toBe("replicated job|0/1 (1/1 completed)\n");
    expect(out(2)).toBe("Complete Complete less than a second ago\n");
  });

  it("busybox without a command completes and is restarted every 5 s", () => {
    const { out } = replay("docker service create -d --name bb busybox\nsleep 6\ndocker service ps bb --format '{{.DesiredState}} {{.CurrentState}}'");
    const lines = out(2).trim().split("\n");
    expect(lines[0]).toMatch(/^Ready Ready/);
    expect(lines.slice(1).every((l) => /^Shutdown Complete/.test(l))).toBe(true);
  });
});
