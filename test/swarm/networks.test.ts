import { describe, expect, it } from "vitest";
import { replay, rows, THREE_HOSTS } from "./helpers";

describe("docker network (swarm and local)", () => {
  it("a swarm node lists bridge, docker_gwbridge, host, ingress, none", () => {
    const { out } = replay("docker network ls\ndocker network ls --filter driver=overlay --format '{{.Name}} {{.Scope}}'");
    const t = rows(out(0));
    expect(t[0]).toEqual(["NETWORK ID", "NAME", "DRIVER", "SCOPE"]);
    expect(t.slice(1).map((r) => r.slice(1))).toEqual([
      ["bridge", "bridge", "local"], ["docker_gwbridge", "bridge", "local"], ["host", "host", "local"],
      ["ingress", "overlay", "swarm"], ["none", "null", "local"],
    ]);
    expect(out(1)).toBe("ingress swarm\n");
  });

  it("a plain host has no ingress or gwbridge; overlay needs a swarm manager", () => {
    const { out, steps } = replay("docker network ls --format '{{.Name}}'\ndocker network create -d overlay net", THREE_HOSTS);
    expect(out(0)).toBe("bridge\nhost\nnone\n");
    expect(steps[1]!.stderr).toBe('Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n');
  });

  it("overlay create: attachable, encrypted, subnet; worker refused; duplicate; inspect", () => {
    const { out, steps } = replay([
      "docker network create -d overlay --attachable --opt encrypted backend",
      "docker network create -d overlay --subnet 10.20.0.0/24 front",
      "ssh worker1 docker network create -d overlay x",
      "docker network create -d overlay backend",
      "docker network inspect backend --format '{{.Scope}} {{.Driver}} {{.Attachable}} {{json .IPAM.Config}} {{index .Options \"encrypted\"}}|'",
      "docker network inspect front --format '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}'",
      "ssh worker1 docker network ls --format '{{.Name}}'",
    ].join("\n"));
    expect(out(0)).toMatch(/^[0-9a-z]{25}\n$/);
    expect(steps[2]!.stderr).toBe("Error response from daemon: Cannot create a multi-host network from a worker node. Please create the network from a manager node.\n");
    expect(steps[3]!.stderr).toBe("Error response from daemon: network with name backend already exists\n");
    expect(out(4)).toBe('swarm overlay true [{"Subnet":"10.0.1.0/24","Gateway":"10.0.1.1"}] |\n');
    expect(out(5)).toBe("10.20.0.0/24 10.20.0.1\n");
    expect(out(6)).toBe("bridge\ndocker_gwbridge\nhost\ningress\nnone\n");
  });

  it("rm: in use by a service, predefined, unknown; a worker sees an overlay once a task uses it", () => {
    const { out, steps } = replay([
      "docker network create -d overlay app",
      "docker service create -d --name web --network app --replicas 3 nginx",
      "docker network rm app",
      "docker network rm bridge",
      "docker network rm nope",
      "ssh worker1 docker network ls --format '{{.Name}}'",
      "docker service rm web",
      "docker network rm app",
    ].join("\n"));
    expect(steps[2]!.stderr).toMatch(/^Error response from daemon: rpc error: code = FailedPrecondition desc = network [0-9a-z]{25} is in use by service [0-9a-z]{25}\n$/);
    expect(steps[3]!.stderr).toBe("Error response from daemon: bridge is a pre-defined network and cannot be removed\n");
    expect(steps[4]!.stderr).toBe("Error response from daemon: network nope not found\n");
    expect(out(5)).toContain("app\n");
    expect(out(7)).toBe("app\n");
  });

  it("user bridge networks get 172.18.0.0/16 and onward", () => {
    const { out } = replay("docker network create mynet\ndocker network inspect mynet --format '{{range .IPAM.Config}}{{.Subnet}}{{end}} {{.Scope}}'", THREE_HOSTS);
    expect(out(0)).toMatch(/^[0-9a-f]{64}\n$/);
    expect(out(1)).toBe("172.18.0.0/16 local\n");
  });

  it("overlay subnets come from --default-addr-pool with its mask length", () => {
    const { out } = replay([
      "docker swarm init --advertise-addr 10.0.0.11 --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 26",
      "docker network create -d overlay a",
      "docker network inspect ingress a --format '{{.Name}} {{range .IPAM.Config}}{{.Subnet}}{{end}}'",
    ].join("\n"), THREE_HOSTS);
    expect(out(2)).toBe("ingress 10.20.0.0/26\na 10.20.0.64/26\n");
  });

  it("CLI-side subnet/gateway checks", () => {
    const { steps } = replay("docker network create --gateway 10.1.0.1 --subnet 10.2.0.0/24 n\ndocker network create --gateway 10.1.0.1 n", THREE_HOSTS);
    expect(steps[0]!.stderr).toBe("no matching subnet for gateway 10.1.0.1\n");
    expect(steps[1]!.stderr).toBe("every ip-range or gateway must have a corresponding subnet\n");
  });
});

describe("docker secret / config", () => {
  it("create from stdin and file, ls, inspect, in-use rm", () => {
    const { out, steps } = replay([
      "echo hunter2 | docker secret create db_pass -",
      "echo 'server {}' > nginx.conf",
      "docker config create nginx_conf nginx.conf",
      "docker secret create db_pass -",
      "docker secret ls --format '{{.Name}} {{.CreatedAt}}'",
      "docker service create -d --name web --secret db_pass --config source=nginx_conf,target=/etc/nginx/conf.d/default.conf nginx",
      "docker secret rm db_pass",
      "docker config rm nginx_conf",
      "docker service inspect web --format '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}}->{{.File.Name}}{{end}}'",
      "docker service rm web",
      "docker secret rm db_pass",
    ].join("\n"));
    expect(out(0)).toMatch(/^[0-9a-z]{25}\n$/);
    expect(out(2)).toMatch(/^[0-9a-z]{25}\n$/);
    expect(steps[3]!.stderr).toBe("error reading from STDIN: data is empty\n");
    expect(out(4)).toBe("db_pass Less than a second ago\n");
    expect(steps[6]!.stderr).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = secret 'db_pass' is in use by the following service: web\n");
    expect(steps[7]!.stderr).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = config 'nginx_conf' is in use by the following service: web\n");
    expect(out(8)).toBe("db_pass->db_pass\n");
    expect(out(10)).toBe("db_pass\n");
  });

  it.each([
    ["no file", "docker secret create s", "secret file is required\n"],
    ["missing file", "docker secret create s nofile.txt", "error reading from nofile.txt: open nofile.txt: no such file or directory\n"],
    ["config from empty stdin", "docker config create c -", 'Error reading content from "-": error reading from STDIN: data is empty\n'],
    ["bad name", "echo x | docker secret create -- -bad -", "Error response from daemon: rpc error: code = InvalidArgument desc = invalid name, only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]\n"],
  ])("create errors: %s", (_n, cmd, stderr) => {
    const { last } = replay(cmd);
    expect(last.stderr).toBe(stderr);
    expect(last.exitCode).toBe(1);
  });

  it("ls table columns", () => {
    const { out } = replay("echo a | docker secret create s1 -\necho a | docker config create c1 -\ndocker secret ls\ndocker config ls");
    expect(rows(out(2))[0]).toEqual(["ID", "NAME", "DRIVER", "CREATED", "UPDATED"]);
    expect(rows(out(3))[0]).toEqual(["ID", "NAME", "CREATED", "UPDATED"]);
  });
});
