// Behaviours found wrong in the Docker/Swarm fidelity audit, each replayed through real commands
// and checked on the transcript text (shared/reference/swarm.md and docker/cli sources).
import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers";

const ONE_NODE = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"] } };

describe("service progress after a drain (docker/cli tasksBySlot: lowest desired state wins)", () => {
  it("scale counts the replacement task of a drained node's slot, not its shut-down predecessor", () => {
    const { out, steps } = replay([
      "docker service create -d --name web --replicas 4 nginx",
      "docker node update --availability drain worker1",
      "docker node update --availability active worker1",
      "docker service scale web=6",
    ].join("\n"));
    const bar = "[==================================================>]";
    const slots = [1, 2, 3, 4, 5, 6].map((i) => `${i}/6: running   ${bar}\n`).join("");
    expect(out(3)).toBe(`web scaled to 6\noverall progress: 6 out of 6 tasks\n${slots}verify: Service web converged\n`);
    expect(steps[3]!.exitCode).toBe(0);
  });
});

describe("docker service ps names (task.Print)", () => {
  const script = [
    "docker service create -d --name web --replicas 2 nginx",
    "docker node update --availability drain worker1",
  ];

  it("indents older tasks of a slot only in table formats", () => {
    const { out } = replay([...script,
      "docker service ps web --format '{{.Name}} {{.Node}} {{.DesiredState}}'",
      "docker service ps web --format 'table {{.Name}}\\t{{.DesiredState}}'",
    ].join("\n"));
    expect(out(2)).toBe("web.1 manager1 Running\nweb.2 worker2 Running\nweb.2 worker1 Shutdown\n");
    expect(out(3)).toBe("NAME        DESIRED STATE\nweb.1       Running\nweb.2       Running\n \\_ web.2   Shutdown\n");
  });

  it("--no-resolve names tasks after the service ID and shows node IDs", () => {
    const { out } = replay([...script, "docker service ps web --no-resolve --format '{{.Name}} {{.Node}}'", "docker service inspect -f '{{.ID}}' web"].join("\n"));
    const id = out(3).trim();
    const lines = out(2).trim().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual([`${id}.1`, `${id}.2`, `${id}.2`]);
    expect(lines[0]!.split(" ")[1]).toMatch(/^[0-9a-z]{25}$/);
  });

  it("-q prints whole task IDs even through --format", () => {
    const { out } = replay([...script, "docker service ps -q web", "docker service ps -q --format '{{.ID}}' web"].join("\n"));
    expect(out(2).trim().split("\n").every((l) => /^[0-9a-z]{25}$/.test(l))).toBe(true);
    expect(out(3)).toBe(out(2));
  });
});

describe("docker node inspect --pretty", () => {
  it("Joined at is Go's time String (no zero fraction), lower-cased by PrettyPrint", () => {
    const { out } = replay("docker node inspect --pretty self");
    expect(out(0)).toContain("Joined at:             \t2024-01-10 00:00:00 +0000 utc\n");
    expect(rows(out(0)).length).toBeGreaterThan(5);
  });
});

describe("service templates run on Go's text/template (swarmkit template package)", () => {
  const RPC = "Error response from daemon: rpc error: code = InvalidArgument desc = ";

  it("builtins work: printf, if/eq, index, join", () => {
    const { out } = replay([
      `docker service create -d --name t -l env=prod --hostname '{{.Service.Labels.env}}-{{join "-" .Service.Name .Task.Slot}}-{{printf "%03s" .Task.Slot}}' busybox top`,
      `docker service create -d --name u --replicas 3 --hostname '{{if eq .Task.Slot "1"}}primary{{else}}replica{{end}}' busybox top`,
      "docker inspect --format '{{.Name}} {{.Config.Hostname}}' $(docker ps -q)",
    ].join("\n"), ONE_NODE);
    // Container names are /<service>.<slot>.<task ID>.
    const hostnames = out(2).trim().split("\n").map((l) => l.replace(/^\/(\w+\.\d+)\.\w+ /, "$1 ")).sort();
    expect(hostnames).toEqual(["t.1 prod-t-1-001", "u.1 primary", "u.2 replica", "u.3 replica"]);
  });

  it("errors name Go's types and the failing field's position, wrapped as ExpandContainerSpec wraps them", () => {
    const { err, steps } = replay([
      "docker service create -d --name a --hostname '{{.Node.Labels}}' busybox top",
      "docker service create -d --name b --env 'A={{.Task.Foo}}' busybox top",
      "docker service create -d --name c --mount 'type=volume,source=d-{{.Task.Bad}},target=/data' busybox top",
      "docker service create -d --name d --hostname '{{.Foo}}' busybox top",
      "docker service create -d --name e --hostname '{{.Service.Labels.env}}' busybox top",
      "docker service create -d --name f --hostname '{{.Node.Hostname' busybox top",
    ].join("\n"));
    expect(err(0)).toBe(`${RPC}expanding hostname failed: template: expansion:1:7: executing "expansion" at <.Node.Labels>: can't evaluate field Labels in type struct { ID string; Hostname string; Platform template.Platform }\n`);
    expect(err(1)).toBe(`${RPC}expanding env failed: expanding env "A={{.Task.Foo}}": template: expansion:1:7: executing "expansion" at <.Task.Foo>: can't evaluate field Foo in type struct { ID string; Name string; Slot string }\n`);
    expect(err(2)).toBe(`${RPC}expanding mounts failed: expanding mount source "d-{{.Task.Bad}}": template: expansion:1:9: executing "expansion" at <.Task.Bad>: can't evaluate field Bad in type struct { ID string; Name string; Slot string }\n`);
    expect(err(3)).toBe(`${RPC}expanding hostname failed: template: expansion:1:2: executing "expansion" at <.Foo>: can't evaluate field Foo in type *template.Context\n`);
    expect(err(4)).toBe(`${RPC}expanding hostname failed: template: expansion:1:10: executing "expansion" at <.Service.Labels.env>: map has no entry for key "env"\n`);
    expect(err(5)).toBe(`${RPC}expanding hostname failed: template: expansion:1: unclosed action\n`);
    expect(steps.every((s) => s.exitCode === 1)).toBe(true);
  });
});

describe("docker network rm ingress asks first (PromptForConfirmation)", () => {
  const WARNING = "WARNING! Before removing the routing-mesh network, make sure all the nodes\nin your swarm run the same docker engine version. Otherwise, removal may not\nbe effective and functionality of newly created ingress networks will be\nimpaired.\nAre you sure you want to continue? [y/N] ";

  it("without a yes on stdin nothing is removed (exit 0); `echo y |` removes it", () => {
    const { out, steps } = replay([
      "docker network rm ingress",
      "docker network ls --filter name=ingress -q | wc -l",
      "echo y | docker network rm ingress",
      "docker network ls --filter name=ingress -q | wc -l",
    ].join("\n"));
    expect(out(0)).toBe(WARNING);
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(1).trim()).toBe("1");
    expect(out(2)).toBe(WARNING + "ingress\n");
    expect(out(3).trim()).toBe("0");
  });
});

describe("secret inspect --format (TemplateInspector: the typed struct first)", () => {
  it("fields left out of the JSON still exist for templates", () => {
    const { out, steps } = replay("echo s3cret | docker secret create db_pass -\ndocker secret inspect db_pass --format '{{.Spec.Name}} {{.Spec.Data}} {{.Spec.Driver}}'");
    expect(out(1)).toBe("db_pass [] <nil>\n");
    expect(steps[1]!.exitCode).toBe(0);
  });
});

describe("service inspect --pretty (docker/cli serviceInspectPrettyTemplate, defaults inserted)", () => {
  it("always has Placement and Resources; Dir/User, no Hostname; a blank line closes each service", () => {
    const { out } = replay([
      "docker service create -d --name web --user nobody --workdir /tmp --hostname h --limit-pids 20 nginx",
      "docker service inspect --pretty web",
    ].join("\n"));
    expect(out(1).startsWith("\nID:\t\t")).toBe(true);
    expect(out(1)).toContain("\n Replicas:\t1\nPlacement:\nUpdateConfig:\n");
    expect(out(1)).toMatch(/\n Image:\t\tnginx:latest@sha256:[0-9a-f]{64}\n Dir:\t\t\/tmp\n Init:\t\tfalse\n User: nobody\nResources:\n Limits:\n  PIDs:\t\t20\nEndpoint Mode:\tvip\n\n$/);
    expect(out(1)).not.toContain("Hostname");
  });

  it("a job's mode line is empty", () => {
    const { out } = replay("docker service create -d --name job --mode replicated-job alpine true\ndocker service inspect --pretty job");
    expect(out(1)).toContain("\nName:\t\tjob\nService Mode:\nPlacement:\n");
  });

  it("an unknown service: `Error: no such service:` (inspect.go's getRef); pretty prints nothing then", () => {
    const { out, err, steps } = replay([
      "docker service create -d --name web nginx",
      "docker service inspect nosuch",
      "docker service inspect --pretty web nosuch",
    ].join("\n"));
    expect([out(1), err(1), steps[1]!.exitCode]).toEqual(["[]\n", "Error: no such service: nosuch\n", 1]);
    expect([out(2), err(2), steps[2]!.exitCode]).toEqual(["", "Error: no such service: nosuch\n", 1]);
  });
});

describe("node inspect --pretty of several nodes", () => {
  it("records follow each other without a blank line (the template has no trailing newline)", () => {
    const { out } = replay("docker node inspect --pretty manager1 worker1");
    // Each record ends with its TLS Info block (nodeInspectPrettyTemplate's last section).
    expect(out(0)).toMatch(/\n Issuer Public Key:\t[A-Za-z0-9+/=]+\nID:\t\t\t/);
    expect(out(0)).toMatch(/\n Issuer Public Key:\t[A-Za-z0-9+/=]+\n$/);
  });
});

describe("a manager dropped by another manager's --force-new-cluster", () => {
  const M3 = {
    hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "manager2", ip: "10.0.0.12" }, { name: "manager3", ip: "10.0.0.13" }],
    swarm: { managers: ["manager1", "manager2", "manager3"] },
  };

  it("keeps its swarm state: cannot manage or join until `swarm leave --force`, then rejoins fresh", () => {
    const { out, err, steps } = replay([
      "sim node down manager1",
      "sim node down manager3",
      "ssh manager2 docker swarm init --force-new-cluster",
      "sim node up manager1",
      "docker node ls",
      "docker swarm join --token $(ssh manager2 docker swarm join-token -q manager) 10.0.0.12:2377",
      "docker swarm leave --force && docker swarm join --token $(ssh manager2 docker swarm join-token -q manager) 10.0.0.12:2377",
      `ssh manager2 "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'"`,
    ].join("\n"), M3);
    expect(err(4)).toBe("Error response from daemon: This node is not a swarm manager. Manager is being prepared or has trouble connecting to the cluster.\n");
    expect(err(5)).toBe('Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n');
    expect(out(6)).toBe("Node left the swarm.\nThis node joined a swarm as a manager.\n");
    expect(steps[6]!.exitCode).toBe(0);
    // The old entry stays Down until `docker node rm` (equal hostnames: order unspecified).
    expect(out(7).split("\n").filter(Boolean).sort()).toEqual(["manager1 Down ", "manager1 Ready Reachable", "manager2 Ready Leader", "manager3 Down "]);
  });
});

describe("global service progress with no eligible node (globalProgressUpdater)", () => {
  it("keeps waiting for new tasks instead of converging", () => {
    const { out } = replay("docker service create --mode global --name g --constraint node.labels.x==y nginx");
    const id = out(0).split("\n")[0]!;
    expect(out(0)).toBe(`${id}\noverall progress: waiting for new tasks\nOperation continuing in background.\nUse \`docker service ps ${id}\` to check progress.\n`);
  });
});

describe("Go time.Time values in templates (node/service/task/network/secret timestamps)", () => {
  it("print as Go's time String(); json gives RFC 3339", () => {
    const { out } = replay([
      "docker service create -d --name web nginx",
      "docker node inspect -f '{{.CreatedAt}} | {{json .CreatedAt}}' self",
      "docker service inspect -f '{{.UpdatedAt}}' web",
      "docker network inspect -f '{{.Created}}' ingress",
      "docker network ls --filter name=ingress --format '{{.CreatedAt}}'",
      "echo x | docker secret create s -",
      "docker secret inspect -f '{{.CreatedAt}}' s",
    ].join("\n"));
    expect(out(1)).toBe('2024-01-10 00:00:00 +0000 UTC | "2024-01-10T00:00:00Z"\n');
    for (const i of [2, 3, 4, 6]) expect(out(i)).toBe("2024-01-10 00:00:00 +0000 UTC\n");
  });

  it("the JSON of inspect keeps RFC 3339", () => {
    const { out } = replay("docker node inspect self");
    expect(out(0)).toContain('"CreatedAt": "2024-01-10T00:00:00Z",');
  });
});

describe("docker inspect finds swarm objects on a manager (inspectAll)", () => {
  it("services, tasks, nodes, networks and secrets by name or ID; not on a worker", () => {
    const { out, err, steps } = replay([
      "docker service create -d --name web nginx",
      "docker inspect --format '{{.Status.State}} {{.DesiredState}} {{.Slot}}' $(docker service ps -q web)",
      "docker inspect --format '{{.Spec.Name}}' web",
      "docker inspect --format '{{.Description.Hostname}}' worker1",
      "docker inspect --format '{{.Name}} {{.Driver}}' ingress",
      "echo x | docker secret create s -",
      "docker inspect --format '{{.Spec.Name}}' s",
      "ssh worker1 docker inspect web",
    ].join("\n"));
    expect([out(1), out(2), out(3), out(4), out(6)]).toEqual(["running running 1\n", "web\n", "worker1\n", "ingress overlay\n", "s\n"]);
    expect([out(7), err(7), steps[7]!.exitCode]).toEqual(["[]\n", "Error: No such object: web\n", 1]);
  });
});

describe("inspect --format falls back to the decoded JSON (tryRawInspectFallback)", () => {
  it("a field under a timestamp fails on the JSON string, an interface {} for Go", () => {
    const { err, steps } = replay("docker node inspect self --format '{{.CreatedAt.Foo}}'");
    expect(err(0)).toBe('template parsing error: template: :1:12: executing "" at <.CreatedAt.Foo>: can\'t evaluate field Foo in type interface {}\n');
    expect(steps[0]!.exitCode).toBe(1);
  });
});

describe("service update --network-rm / --network-add (updateNetworks)", () => {
  it("an unknown network to remove fails; removing then re-adding one works; adding twice is refused", () => {
    const { err, steps } = replay([
      "docker network create -d overlay n1",
      "docker network create -d overlay n2",
      "docker service create -d --name web --network n1 nginx",
      "docker service update -d --network-rm nope web",
      "docker service update -d --network-rm n1 --network-add n1 web",
      "docker service update -d --network-add n2 --network-add n2 web",
    ].join("\n"));
    expect([err(3), steps[3]!.exitCode]).toEqual(["Error response from daemon: network nope not found\n", 1]);
    expect(steps[4]!.exitCode).toBe(0);
    expect([err(5), steps[5]!.exitCode]).toEqual(["service is already attached to network n2\n", 1]);
  });
});

describe("swarm join without --token", () => {
  it("reaches the CA, which refuses the node: no role matches an empty token", () => {
    const { err, steps } = replay("docker swarm init --advertise-addr 10.0.0.11\nssh worker1 docker swarm join 10.0.0.11:2377", {
      hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }],
    });
    expect(err(1)).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n");
    expect(steps[1]!.exitCode).toBe(1);
  });
});

describe("service inspect --pretty UpdateStatus", () => {
  it("a completed rollback has no Completed line (UpdateIsCompleted wants state completed)", () => {
    const { out } = replay([
      "docker service create -d --name web nginx:1.25",
      "docker service update -d --image nginx:1.26 web",
      "sleep 10",
      "docker service rollback -d web",
      "sleep 10",
      "docker service inspect --pretty web",
    ].join("\n"));
    expect(out(5)).toMatch(/\nUpdateStatus:\n State:\t\trollback_completed\n Started:\t[^\n]+ ago\n Message:\trollback completed\nPlacement:\n/);
  });
});

describe("docker node ps with an unknown node among others (node/ps.go)", () => {
  it("prints the known nodes' tasks, then each error", () => {
    const { out, err, steps } = replay("docker service create -d --name web --replicas 3 nginx\ndocker node ps worker1 nosuch --format '{{.Node}}'\ndocker node ps a b");
    expect([out(1), err(1), steps[1]!.exitCode]).toEqual(["worker1\n", "Error response from daemon: node nosuch not found\n", 1]);
    expect([out(2), err(2)]).toEqual(["", "Error response from daemon: node a not found\nError response from daemon: node b not found\n"]);
  });
});
