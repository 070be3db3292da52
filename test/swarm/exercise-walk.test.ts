// Mistakes students make in the Swarm exercises (shared/reference/exercises.md, modules 3–18),
// replayed as they type them and checked on the transcript against what docker 28 prints
// (moby daemon/cluster, swarmkit, docker/cli sources).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";
import { replay, SWARM3, THREE_HOSTS } from "./helpers";
import { hasDocker } from "../format/oracle";


const DAEMON = "Error response from daemon: ";
const TIMEOUT = DAEMON + 'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.\n';
const EXISTS = DAEMON + 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.\n';
const NOT_MANAGER = DAEMON + "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n";
const NO_LEADER = "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";

/** manager1 with a second interface (eth1), as multi-homed lab VMs are. */
const MULTI_HOMED = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11", interfaces: [{ name: "eth1", ip: "192.168.56.11" }] },
    { name: "worker1", ip: "10.0.0.12" },
    { name: "worker2", ip: "10.0.0.13" },
  ],
};

describe("module 3: swarm init on the wrong address (moby Cluster.Init)", () => {
  it("an advertised IP the multi-homed machine does not have: must specify a listening address", () => {
    const { steps } = replay("docker swarm init --advertise-addr 10.0.0.99\ndocker info --format '{{.Swarm.LocalNodeState}}'", MULTI_HOMED);
    expect(steps[0]!.stderr).toBe(DAEMON + "must specify a listening address because the address to advertise is not recognized as a system address, and a system's IP address to use could not be uniquely identified\n");
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[1]!.stdout).toBe("inactive\n");
  });

  it("on a single-homed machine the foreign IP is advertised (its only address is used locally)", () => {
    const { steps } = replay("docker swarm init --advertise-addr 10.0.0.99", THREE_HOSTS);
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stdout).toContain(" 10.0.0.99:2377\n");
  });

  it("a worker asked to --force-new-cluster is refused before its addresses are looked at", () => {
    const cluster = { ...MULTI_HOMED, hosts: MULTI_HOMED.hosts.map((h) => h.name === "worker1" ? { ...h, interfaces: [{ name: "eth1", ip: "192.168.56.12" }] } : h) };
    const { steps } = replay([
      "docker swarm init --advertise-addr eth1",
      "ssh worker1 docker swarm join --token $(docker swarm join-token -q worker) 192.168.56.11:2377",
      "ssh worker1 docker swarm init --force-new-cluster",
    ].join("\n"), cluster);
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.stderr).toBe(NOT_MANAGER);
  });
});

describe("module 3: a join that reaches no manager stays pending (moby Join: swarmConnectTimeout)", () => {
  const init = "docker swarm init --advertise-addr 10.0.0.11";
  const join = (addr: string) => `docker swarm join --token $(ssh manager1 docker swarm join-token -q worker) ${addr}`;

  it("a wrong port times out after 20 s; the node is pending, cannot join again until it leaves", () => {
    const { steps } = replay([
      init, "ssh worker1", "docker info --format '{{.SystemTime}}'", join("10.0.0.11:2376"), "docker info --format '{{.SystemTime}}'",
      "docker info --format '{{.Swarm.LocalNodeState}}'",
      join("10.0.0.11:2377"), "docker node ls", "docker swarm init --force-new-cluster", "echo x | docker swarm unlock",
      "docker swarm leave", join("10.0.0.11:2377"), "exit",
      "docker node ls --format '{{.Hostname}} {{.Status}}'",
    ].join("\n"), THREE_HOSTS);
    expect(steps[3]!.stderr).toBe(TIMEOUT);
    expect(steps[3]!.exitCode).toBe(1);
    expect(Date.parse(steps[4]!.stdout.trim()) - Date.parse(steps[2]!.stdout.trim())).toBe(20_000);
    expect(steps[5]!.stdout).toBe("pending\n");
    expect(steps[6]!.stderr).toBe(EXISTS);
    expect(steps[7]!.stderr).toBe(NOT_MANAGER);
    expect(steps[8]!.stderr).toBe(NOT_MANAGER);
    expect(steps[9]!.stderr).toBe("Error: swarm is not locked\n");
    expect(steps[10]!.stdout).toBe("Node left the swarm.\n");
    expect(steps[11]!.stdout).toBe("This node joined a swarm as a worker.\n");
    expect(steps[13]!.stdout).toBe("manager1 Ready\nworker1 Ready\n");
  });

  it("docker info of a pending node: no node ID or address, the join address as its manager", () => {
    const { steps } = replay([init, `ssh worker1 ${join("10.0.0.13")}`, "ssh worker1 docker info"].join("\n"), THREE_HOSTS);
    expect(steps[1]!.stderr).toBe(TIMEOUT);
    expect(steps[2]!.stdout).toContain("\n Swarm: pending\n  NodeID: \n  Is Manager: false\n  Node Address: \n  Manager Addresses:\n   10.0.0.13:2377\n Runtimes:");
  });

  it("the port defaults to 2377; a manager's --listen-addr port is where it answers", () => {
    const { steps } = replay([
      "docker swarm init --advertise-addr 10.0.0.11 --listen-addr 0.0.0.0:4000",
      `ssh worker1 ${join("10.0.0.11")}`,
      `ssh worker2 ${join("10.0.0.11:4000")}`,
    ].join("\n"), THREE_HOSTS);
    expect(steps[1]!.stderr).toBe(TIMEOUT);
    expect(steps[2]!.stdout).toBe("This node joined a swarm as a worker.\n");
  });

  it("an --advertise-addr the joining machine cannot resolve is dropped, not an error", () => {
    const { steps } = replay([init, `ssh worker1 ${join("10.0.0.11:2377")} --advertise-addr eth7`, "docker node inspect worker1 --format '{{.Status.Addr}}'"].join("\n"), THREE_HOSTS);
    expect(steps[1]!.stdout).toBe("This node joined a swarm as a worker.\n");
    expect(steps[2]!.stdout).toBe("10.0.0.12\n");
  });
});

describe("module 9: docker swarm unlock with a wrong key (swarmkit ParseHumanReadableKey)", () => {
  const locked = "docker swarm update --autolock=true\nsim node restart manager1";

  it("any SWMKEY-1- base64 is a key: a wrong one is 'invalid key provided'; other text 'invalid key string'", () => {
    const { steps } = replay([
      locked,
      "echo SWMKEY-1-wrongwrongwrongwrongwrongwrongwrongwrong | docker swarm unlock",
      "echo SWMKEY-1-abc | docker swarm unlock",
      "echo SWMKEY-1-not*base64 | docker swarm unlock",
      "echo wrongkey | docker swarm unlock",
      "docker swarm unlock-key -q",
    ].join("\n"));
    expect(steps[2]!.stderr).toBe(DAEMON + "swarm could not be unlocked: invalid key provided\n");
    expect(steps[3]!.stderr).toBe(DAEMON + "swarm could not be unlocked: invalid key provided\n");
    expect(steps[4]!.stderr).toBe(DAEMON + "invalid key string\n");
    expect(steps[5]!.stderr).toBe(DAEMON + "invalid key string\n");
    expect(steps.slice(2, 6).every((x) => x.exitCode === 1)).toBe(true);
  });

  it("the saved key unlocks (what is compared is the decoded key)", () => {
    const { steps } = replay(["KEY=$(docker swarm update --autolock=true >/dev/null; docker swarm unlock-key -q)", "sim node restart manager1", "echo $KEY | docker swarm unlock", "docker node ls -q | wc -l"].join("\n"));
    expect(steps[2]!.exitCode).toBe(0);
    expect(steps[3]!.stdout.trim()).toBe("3");
  });
});

describe("docker info's Swarm struct (moby Cluster.Info, docker/cli printSwarmInfo)", () => {
  it("on a worker Nodes and Managers are 0 and Cluster nil, not missing fields", () => {
    const { steps } = replay("ssh worker1 docker info --format '{{.Swarm.Nodes}}/{{.Swarm.Managers}}/{{.Swarm.Cluster}}/{{.Swarm.ControlAvailable}}'");
    expect(steps[0]!.stdout).toBe("0/0/<nil>/false\n");
    expect(steps[0]!.exitCode).toBe(0);
  });

  it("a manager that lost quorum reports the no-leader error and no cluster section (module 15–18)", () => {
    const cluster = {
      hosts: [{ name: "manager1", ip: "10.0.0.11" }, { name: "manager2", ip: "10.0.0.12" }, { name: "manager3", ip: "10.0.0.13" }],
      swarm: { managers: ["manager1", "manager2", "manager3"] },
    };
    const { steps } = replay([
      "sim node down manager2", "sim node down manager3", "docker info",
      "docker info --format '{{.Swarm.ControlAvailable}} {{.Swarm.Nodes}} {{.Swarm.Error}}'",
      "docker swarm init --force-new-cluster", "docker info --format '{{.Swarm.Nodes}} {{.Swarm.Managers}} [{{.Swarm.Error}}]'",
    ].join("\n"), cluster);
    expect(steps[2]!.stdout).toContain(` Swarm: active\n  NodeID: ${steps[2]!.stdout.match(/NodeID: (\w+)/)![1]}\n  Error: ${NO_LEADER}\n  Is Manager: true\n  Node Address: 10.0.0.11\n  Manager Addresses:\n   10.0.0.11:2377\n   10.0.0.12:2377\n   10.0.0.13:2377\n Runtimes:`);
    expect(steps[3]!.stdout).toBe(`true 0 ${NO_LEADER}\n`);
    // Managers counts the nodes with a ManagerStatus: the dropped managers have none.
    expect(steps[5]!.stdout).toBe("3 1 []\n");
  });

  it("Default Address Pool prints each pool followed by two spaces", () => {
    const { steps } = replay("docker swarm init --default-addr-pool 10.10.0.0/16 --default-addr-pool 10.20.0.0/16\ndocker info", { hosts: [{ name: "manager1", ip: "10.0.0.11" }] });
    expect(steps[1]!.stdout).toContain("\n  Default Address Pool: 10.10.0.0/16  10.20.0.0/16  \n");
  });
});

describe("module 8: stack files with typed fields (docker/cli v3 schema, interpolateTypeCastMapping)", () => {
  const FILES: Record<string, string> = {
    "quoted-replicas.yml": 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: "3"\n',
    "number-cpus.yml": "services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          cpus: 0.5\n          memory: 50M\n",
    "interpolated.yml": 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: ${N}\n      resources:\n        limits:\n          cpus: "${C}"\n    ports:\n      - target: 80\n        published: ${P}\n',
  };
  const run = (script: string) => new Session({ seed: "walk", cluster: SWARM3, files: FILES }).run(script, { allowSim: true });

  it("a literal string where an integer goes, a number where docker/cli wants a string: schema errors", () => {
    const steps = run("docker stack deploy -c quoted-replicas.yml app\ndocker stack deploy -c number-cpus.yml app\ndocker stack ls");
    expect(steps[0]!.stderr).toBe("services.web.deploy.replicas must be a integer\n");
    expect(steps[1]!.stderr).toBe("services.web.deploy.resources.limits.cpus must be a string\n");
    expect([steps[0]!.exitCode, steps[1]!.exitCode]).toEqual([1, 1]);
    expect(steps[2]!.stdout).toBe("NAME      SERVICES\n");
  });

  it("interpolated values are cast to the field's type (long-syntax ports keep only what was written); one that does not cast fails the load", () => {
    const steps = run([
      "export N=3 C=0.5 P=8080", "docker stack config -c interpolated.yml",
      "docker stack deploy -c interpolated.yml app", "docker service ls --format '{{.Name}} {{.Replicas}} {{.Ports}}'",
      "export N=three", "docker stack config -c interpolated.yml",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe('version: "3.13"\nservices:\n  web:\n    deploy:\n      replicas: 3\n      resources:\n        limits:\n          cpus: "0.5"\n    image: nginx\n    ports:\n      - target: 80\n        published: 8080\n');
    expect(steps[3]!.stdout).toBe("app_web 3/3 *:8080->80/tcp\n");
    expect(steps[5]!.stderr).toBe('error while interpolating services.web.deploy.replicas: failed to cast to expected type: strconv.Atoi: parsing "three": invalid syntax\n');
    expect(steps[5]!.exitCode).toBe(1);
  });

  describe.skipIf(!hasDocker)("against the real docker client (stack config is offline)", () => {
    it.each([["quoted-replicas.yml", {}], ["number-cpus.yml", {}], ["interpolated.yml", { N: "3", C: "0.5", P: "8080" }], ["interpolated.yml", { N: "x", C: "1", P: "80" }]] as [string, Record<string, string>][])("%s %j", (file, env) => {
      const dir = mkdtempSync(join(tmpdir(), "walk-"));
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      const real = spawnSync("docker", ["stack", "config", "-c", file], { cwd: dir, env: { ...process.env, ...env, DOCKER_HOST: "unix:///nonexistent.sock" }, encoding: "utf8" });
      const exports = Object.entries(env).map(([k, v]) => `export ${k}=${v}`);
      const steps = run([...exports, `docker stack config -c ${file}`].join("\n"));
      const sim = steps[steps.length - 1]!;
      expect([sim.exitCode, sim.stdout, sim.stderr]).toEqual([real.status, real.stdout, real.stderr]);
    });
  });
});

describe("module 8: stack files as docker/cli's v3.13 schema and ServiceConfig read them", () => {
  const FILES: Record<string, string> = {
    "dup-ports.yml": "services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n      - 80:80\n",
    "published-string.yml": 'services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: "8080"\n',
    "env-bool.yml": "services:\n  web:\n    image: nginx\n    environment:\n      DEBUG: true\n",
    "ipam-gateway.yml": "services:\n  web:\n    image: nginx\nnetworks:\n  front:\n    driver: overlay\n    ipam:\n      config:\n        - subnet: 10.5.0.0/24\n          gateway: 10.5.0.1\n",
    "gpu.yml": "services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n",
    "bad-order.yml": "services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        order: start-frist\n",
    "x-in-deploy.yml": "services:\n  web:\n    image: nginx\n    x-ok: 1\n    deploy:\n      x-no: 1\n",
    "bad-duration.yml": "services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        delay: 10x\n",
    "bad-port.yml": 'services:\n  web:\n    image: nginx\n    ports:\n      - "99999:80"\n',
    "external-yes.yml": "services:\n  web:\n    image: nginx\nnetworks:\n  ext:\n    external: yes\n",
    "external-name.yml": "services:\n  web:\n    image: nginx\nnetworks:\n  ext:\n    external:\n      name: real_net\n",
    "negative.yml": "services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: -8080\n    deploy:\n      replicas: -3\n      placement:\n        max_replicas_per_node: -1\n",
    "tmpfs-size.yml": "services:\n  web:\n    image: nginx\n    volumes:\n      - type: tmpfs\n        target: /x\n        tmpfs:\n          size: -1\n",
    "printing.yml": 'services:\n  web:\n    image: nginx\n    dns: 8.8.8.8\n    sysctls:\n      net.core.somaxconn: 1024\n    ports:\n      - "127.0.0.1:8081:81"\n    volumes:\n      - type: volume\n        source: data\n        target: /data\n        volume:\n          nocopy: true\nvolumes:\n  data:\n',
  };
  const run = (script: string) => new Session({ seed: "walk", cluster: SWARM3, files: FILES }).run(script, { allowSim: true });

  it.each([
    ["dup-ports.yml", "services.web.ports array items[0,1] must be unique\n"],
    ["published-string.yml", "services.web.ports.0.published must be a integer\n"],
    ["env-bool.yml", "services.web.environment.DEBUG must be a string, number or null\n"],
    ["ipam-gateway.yml", "networks.front.ipam.config.0 Additional property gateway is not allowed\n"],
    ["gpu.yml", "services.web.deploy.resources.reservations Additional property devices is not allowed\n"],
    ["bad-order.yml", 'services.web.deploy.update_config.order services.web.deploy.update_config.order must be one of the following: "start-first", "stop-first"\n'],
    ["x-in-deploy.yml", "services.web.deploy Additional property x-no is not allowed\n"],
    ["bad-duration.yml", "services.web.deploy.update_config.delay Does not match format 'duration'\n"],
    ["bad-port.yml", "services.web.ports.0 Does not match format 'ports'\n"],
    ["external-yes.yml", "networks.ext.external must be a boolean or mapping\n"],
    ["negative.yml", "decoding failed due to the following error(s):\n\ncannot parse 'Deploy.Replicas', -3 overflows uint\ncannot parse 'Deploy.Placement.max_replicas_per_node', -1 overflows uint\ncannot parse 'Ports[0].Published', -8080 overflows uint\n"],
    ["tmpfs-size.yml", "services.web.volumes.0.tmpfs.size Must be greater than or equal to 0\n"],
  ])("%s is refused as docker/cli refuses it", (file, stderr) => {
    const steps = run(`docker stack deploy -c ${file} app`);
    expect([steps[0]!.exitCode, steps[0]!.stdout, steps[0]!.stderr]).toEqual([1, "", stderr]);
  });

  it("stack config: dns as a list, sysctls as strings, volume options kept, a short port's host IP dropped with logrus's warning", () => {
    const steps = run("docker stack config -c printing.yml");
    expect(steps[0]!.stdout).toBe('version: "3.13"\nservices:\n  web:\n    dns:\n      - 8.8.8.8\n    image: nginx\n    ports:\n      - mode: ingress\n        target: 81\n        published: 8081\n        protocol: tcp\n    sysctls:\n      net.core.somaxconn: "1024"\n    volumes:\n      - type: volume\n        source: data\n        target: /data\n        volume:\n          nocopy: true\nvolumes:\n  data: {}\n');
    expect(steps[0]!.stderr).toBe(`time="2024-01-10T00:00:00Z" level=warning msg="ignoring IP-address (127.0.0.1:8081:81/tcp) service will listen on '0.0.0.0'"\n`);
  });

  it("external.name still works, with logrus's deprecation warning", () => {
    const steps = run("docker stack config -c external-name.yml");
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stderr).toBe('time="2024-01-10T00:00:00Z" level=warning msg="network ext: network.external.name is deprecated in favor of network.name"\n');
  });

  describe.skipIf(!hasDocker)("against the real docker client", () => {
    it.each(Object.keys(FILES))("docker stack config -c %s", (file) => {
      const dir = mkdtempSync(join(tmpdir(), "walk-"));
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      const real = spawnSync("docker", ["stack", "config", "-c", file], { cwd: dir, env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock" }, encoding: "utf8" });
      const sim = run(`docker stack config -c ${file}`)[0]!;
      const time = (t: string) => t.replace(/time="[^"]*"/g, "time=T");
      expect([sim.exitCode, sim.stdout, time(sim.stderr)]).toEqual([real.status, real.stdout, time(real.stderr)]);
    });
  });
});

describe("list filters the daemon checks (moby newListNodesFilters / newListTasksFilters)", () => {
  it("node ls: role and membership are swarmkit enums, any case; another value is refused", () => {
    const { steps } = replay([
      "docker node ls --filter role=boss", "docker node ls --filter role=Manager --format '{{.Hostname}}'",
      "docker node ls --filter membership=joined", "docker node ls --filter membership=Accepted -q | wc -l",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe(DAEMON + "Invalid role filter: 'boss'\n");
    expect(steps[1]!.stdout).toBe("manager1\n");
    expect(steps[2]!.stderr).toBe(DAEMON + "Invalid membership filter: 'joined'\n");
    expect(steps[3]!.stdout.trim()).toBe("3");
  });

  it("service ps / node ps: desired-state must be a task state; node= must name a node; services are looked up first", () => {
    const { steps } = replay([
      "docker service create -d --name web --replicas 2 nginx",
      "docker service ps web --filter desired-state=stopped",
      "docker service ps web --filter desired-state=Running --format '{{.Name}}'",
      "docker service ps web --filter node=worker9",
      "docker service ps web --filter node=worker1 --format '{{.Name}} {{.Node}}'",
      "docker service ps nope --filter foo=bar",
      "docker node ps worker1 --filter desired-state=stopped",
      "docker node ps --filter node=worker1 --format '{{.Name}}'",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe(DAEMON + "Invalid desired-state filter: 'stopped'\n");
    expect(steps[2]!.stdout).toBe("web.1\nweb.2\n");
    expect(steps[3]!.stderr).toBe(DAEMON + "node worker9 not found\n");
    expect(steps[4]!.stdout).toBe("web.2 worker1\n");
    expect(steps[5]!.stderr).toBe("no such service: nope\n");
    expect(steps[6]!.stderr).toBe(DAEMON + "Invalid desired-state filter: 'stopped'\n");
    // node ps adds the node's own ID to the node= filter: either node's tasks are listed.
    expect(steps[7]!.stdout).toBe("web.1\nweb.2\n");
  });
});

describe("module 4: published ports (swarmkit validateEndpointSpec / checkPortConflicts)", () => {
  it("two services may publish the same host-mode port; the scheduler keeps their tasks apart", () => {
    const { steps } = replay([
      "docker service create -d --name a --mode global --publish published=8080,target=80,mode=host nginx",
      "docker service create -d --name b --publish published=8080,target=80,mode=host nginx",
      "docker service ps b --format '{{.Name}} {{.CurrentState}} {{.Error}}' --no-trunc",
      "docker service create -d --name c -p 8080:80 nginx",
    ].join("\n"));
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.stdout).toBe('b.1 Pending less than a second ago "no suitable node (host-mode port already in use on 3 nodes)"\n');
    expect(steps[3]!.stderr).toMatch(/^Error response from daemon: rpc error: code = InvalidArgument desc = port '8080' is already in use by service 'a' \(\w+\) as a host-published port\n$/);
  });

  it("one published port twice is a duplicate whatever the modes; dnsrr refuses an ingress port", () => {
    const { steps } = replay([
      "docker service create -d --name a -p 8080:80 --publish published=8080,target=81,mode=host nginx",
      "docker service create -d --name b --endpoint-mode dnsrr -p 8080:80 -p 8080:81 nginx",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe(DAEMON + "rpc error: code = InvalidArgument desc = EndpointSpec: duplicate published ports provided\n");
    expect(steps[1]!.stderr).toBe(DAEMON + "rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode\n");
  });
});

describe("object names ignore case in swarmkit's store (lowercased name index)", () => {
  it("a second service or secret differing only in case conflicts; daemon lookups find either spelling; service ps matches exactly", () => {
    const { steps } = replay([
      "docker service create -d --name web nginx",
      "docker service create -d --name WEB nginx",
      "docker service inspect Web --format '{{.Spec.Name}}'",
      "docker service ls --filter name=WE --format '{{.Name}}'",
      "docker service ps WEB",
      "echo x | docker secret create db -",
      "echo x | docker secret create DB -",
      "docker node inspect WORKER1 --format '{{.Description.Hostname}}'",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe(DAEMON + "rpc error: code = AlreadyExists desc = name conflicts with an existing object: service WEB already exists\n");
    expect(steps[2]!.stdout).toBe("web\n");
    expect(steps[3]!.stdout).toBe("web\n");
    expect(steps[4]!.stderr).toBe("no such service: WEB\n");
    expect(steps[6]!.stderr).toBe(DAEMON + "rpc error: code = AlreadyExists desc = secret DB already exists\n");
    expect(steps[7]!.stdout).toBe("worker1\n");
  });
});

describe("flag values students mistype (docker/cli opts: nat.ParsePortSpec, mount, ValidateIPAddress, ValidateExtraHost, ParseUlimit)", () => {
  const usage = (cmd: string) => `\n\nUsage:  docker ${cmd} [OPTIONS] ${cmd === "service update" ? "SERVICE" : "IMAGE [COMMAND] [ARG...]"}\n\nRun 'docker ${cmd} --help' for more information\n`;
  it.each([
    ["service create -p 80:80:80 nginx", '"80:80:80" for "-p, --publish" flag: invalid IP address: 80'],
    ["service create -p 1.2.3.4:80:80 nginx", '"1.2.3.4:80:80" for "-p, --publish" flag: hostip is not supported'],
    ["service create -p 70000 nginx", '"70000" for "-p, --publish" flag: invalid containerPort: 70000'],
    ["service create -p abc:80 nginx", '"abc:80" for "-p, --publish" flag: invalid hostPort: abc'],
    ["service create -p 8080-8081:80-82 nginx", '"8080-8081:80-82" for "-p, --publish" flag: invalid ranges specified for container and host Ports: 80-82 and 8080-8081'],
    ["service create --mount type=volume,src=a,dst=/x,readonly=maybe nginx", '"type=volume,src=a,dst=/x,readonly=maybe" for "--mount" flag: invalid value for readonly: maybe'],
    ["service create --dns 8.8.8 nginx", '"8.8.8" for "--dns" flag: IP address is not correctly formatted: 8.8.8'],
    ["service create --host db nginx", '"db" for "--host" flag: bad format for add-host: "db"'],
    ["service create --ulimit nofile nginx", '"nofile" for "--ulimit" flag: invalid ulimit argument: nofile'],
    ["service update --publish-rm web", '"web" for "--publish-rm" flag: invalid containerPort: web'],
  ])("docker %s", (cmd, detail) => {
    const { steps } = replay(`docker ${cmd}`);
    expect([steps[0]!.exitCode, steps[0]!.stderr]).toEqual([125, `invalid argument ${detail}${usage(cmd.startsWith("service update") ? "service update" : "service create")}`]);
  });

  it("a host port range for one target publishes each port; --no-healthcheck with --health-cmd is refused", () => {
    const { steps } = replay("docker service create -d --name web -p 8080-8081:80 nginx\ndocker service ls --format '{{.Ports}}'\ndocker service create --health-cmd true --no-healthcheck nginx");
    expect(steps[1]!.stdout).toBe("*:8080-8081->80/tcp\n");
    expect([steps[2]!.exitCode, steps[2]!.stderr]).toEqual([1, "--no-healthcheck conflicts with --health-* options\n"]);
  });
});

describe("module 4: docker run instead of a service, mistyped (docker/cli container parse(), moby ValidateRestartPolicy)", () => {
  it.each([
    ["run -p 80:80:80 nginx", "invalid IP address: 80", "run"],
    ["run -p 70000:80 nginx", "invalid hostPort: 70000", "run"],
    ["create -p abc nginx", "invalid containerPort: abc", "create"],
    ["run --restart on-failure:x nginx", "invalid restart policy format: maximum retry count must be an integer", "run"],
    ["run --rm -d --restart always nginx", "conflicting options: cannot specify both --restart and --rm", "run"],
  ])("docker %s", (cmd, msg, verb) => {
    const { steps } = replay(`docker ${cmd}`);
    expect([steps[0]!.exitCode, steps[0]!.stdout, steps[0]!.stderr]).toEqual([125, "", `docker: ${msg}\n\nRun 'docker ${verb} --help' for more information\n`]);
  });

  it("an unknown restart policy is the daemon's, before any pull", () => {
    const { steps } = replay("docker run -d --restart sometimes nginx");
    expect(steps[0]!.stderr).toBe("docker: Error response from daemon: invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'\n\nRun 'docker run --help' for more information\n");
  });

  it("docker ps checks --format on an empty ContainerContext first, containers or not", () => {
    const { steps } = replay("docker ps --format '{{.Nope}}'\ndocker ps --format '{{.Names}'");
    expect(steps[0]!.stderr).toBe('failed to execute template: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n');
    expect(steps[1]!.stderr).toBe("failed to parse template: template: :1: bad character U+007D '}'\n");
    expect([steps[0]!.exitCode, steps[1]!.exitCode]).toEqual([1, 1]);
  });
});

describe("module 12: overlay network options (docker/cli network create consolidateIpam)", () => {
  it("overlapping subnets are refused before the daemon", () => {
    const { steps } = replay("docker network create -d overlay --subnet 10.0.0.0/8 --subnet 10.1.0.0/16 backend");
    expect([steps[0]!.exitCode, steps[0]!.stderr]).toEqual([1, "multiple overlapping subnet configuration is not supported\n"]);
  });
});

describe("service secrets (docker/cli ParseSecrets)", () => {
  it("one reference per target; secrets are looked up by exact name, not ID or another case", () => {
    const { steps } = replay([
      "echo pw | docker secret create db -",
      "docker service create -d --name web --secret db --secret db nginx",
      "docker service create -d --name web --secret $(docker secret inspect -f '{{.ID}}' db) nginx",
      "docker service create -d --name web --secret DB nginx",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe("duplicate secret target for db not allowed\n");
    expect(steps[2]!.stderr).toMatch(/^secret not found: \w{25}\n$/);
    expect(steps[3]!.stderr).toBe("secret not found: DB\n");
  });
});

describe("module 8: external secrets in a stack (docker/cli convert.Services → ParseSecrets)", () => {
  const FILES = {
    "used.yml": "services:\n  db:\n    image: redis\n    secrets: [db]\nsecrets:\n  db:\n    external: true\n",
    "unused.yml": "services:\n  db:\n    image: redis\nsecrets:\n  db:\n    external: true\n",
  };
  const run = (script: string) => new Session({ seed: "walk", cluster: SWARM3, files: FILES }).run(script, { allowSim: true });

  it("a missing one fails the service using it, after the networks; one nobody uses is never looked up", () => {
    const steps = run("docker stack deploy -c used.yml app\ndocker stack deploy -c unused.yml other");
    expect(steps[0]!.stdout).toBe("Creating network app_default\n");
    expect(steps[0]!.stderr.endsWith("service db: secret not found: db\n")).toBe(true);
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[1]!.stdout).toBe("Creating network other_default\nCreating service other_db\n");
  });
});

describe("module 8: the file's version picks docker/cli's schema (keys added in later 3.x refused by older ones)", () => {
  const file = (version: string, body: string) => ({ "stack.yml": `version: "${version}"\nservices:\n  web:\n    image: nginx\n${body}` });
  const config = (files: Record<string, string>) => new Session({ seed: "walk", cluster: SWARM3, files }).run("docker stack config -c stack.yml", { allowSim: true })[0]!;
  const PIDS = "    deploy:\n      resources:\n        limits:\n          pids: 100\n";
  const START_INTERVAL = "    healthcheck:\n      test: [\"CMD\", \"true\"]\n      start_interval: 5s\n";

  it.each([
    ["3.8", PIDS, "services.web.deploy.resources.limits Additional property pids is not allowed\n"],
    ["3.9", PIDS, ""],
    ["3.11", START_INTERVAL, "services.web.healthcheck Additional property start_interval is not allowed\n"],
    ["3.12", START_INTERVAL, ""],
    ["3.6", "    init: true\n", "services.web Additional property init is not allowed\n"],
    ["3.6", "    deploy:\n      rollback_config:\n        parallelism: 1\n", "services.web.deploy Additional property rollback_config is not allowed\n"],
    ["3.12", "    oom_score_adj: 5\n", "services.web Additional property oom_score_adj is not allowed\n"],
    ["3.7", "    deploy:\n      placement:\n        max_replicas_per_node: 1\n", "services.web.deploy.placement Additional property max_replicas_per_node is not allowed\n"],
    ["3.3", "    deploy:\n      update_config:\n        order: start-first\n", "services.web.deploy.update_config Additional property order is not allowed\n"],
  ])("version %s", (version, body, stderr) => {
    const step = config(file(version, body));
    expect(step.stderr).toBe(stderr);
    expect(step.exitCode).toBe(stderr ? 1 : 0);
  });

  it("3.13 takes oom_score_adj (dropped on load) and shm_size as a string; command is a string or a list", () => {
    expect(config(file("3.13", "    oom_score_adj: 5\n    shm_size: 1g\n")).stdout).toBe('version: "3.13"\nservices:\n  web:\n    image: nginx\n    shm_size: 1g\n');
    expect(config(file("3.13", "    command: 5\n")).stderr).toBe("services.web.command must be a string\n");
  });
});

describe("module 8: interpolation in stack files (docker/cli's template: no alternate values)", () => {
  it("${VAR:+alt} is an invalid format for docker stack", () => {
    const files = { "stack.yml": "services:\n  web:\n    image: nginx\n    environment:\n      D: ${D:+set}\n" };
    const step = new Session({ seed: "walk", cluster: SWARM3, files }).run("docker stack config -c stack.yml", { allowSim: true })[0]!;
    expect([step.exitCode, step.stderr]).toEqual([1, 'invalid interpolation format for services.web.environment.D: "${D:+set}"; you may need to escape any $ with another $\n']);
  });
});

describe("module 8: two -c files merged as docker/cli's merge.go does", () => {
  const FILES = {
    "base.yml": 'services:\n  web:\n    image: nginx\n    ports:\n      - "80:80"\n      - "443:443"\n    volumes:\n      - data:/data\n    deploy:\n      placement:\n        constraints: [node.role==worker]\n    labels: [x=1]\nvolumes:\n  data:\n  logs:\n',
    "over.yml": "services:\n  web:\n    ports:\n      - target: 8080\n        published: 80\n    volumes:\n      - logs:/data\n    deploy:\n      placement:\n        constraints: [node.role==worker]\n    labels:\n      y: 2\n",
  };
  it("ports by published port and volumes by target (the override wins, sorted), other lists appended, ambiguous keys quoted", () => {
    const step = new Session({ seed: "walk", cluster: SWARM3, files: FILES }).run("docker stack config -c base.yml -c over.yml", { allowSim: true })[0]!;
    expect(step.stdout).toBe('version: "3.13"\nservices:\n  web:\n    deploy:\n      placement:\n        constraints:\n          - node.role==worker\n          - node.role==worker\n    image: nginx\n    labels:\n      x: "1"\n      "y": "2"\n    ports:\n      - target: 8080\n        published: 80\n      - mode: ingress\n        target: 443\n        published: 443\n        protocol: tcp\n    volumes:\n      - type: volume\n        source: logs\n        target: /data\nvolumes:\n  data: {}\n  logs: {}\n');
  });

  describe.skipIf(!hasDocker)("against the real docker client", () => {
    it("docker stack config -c base.yml -c over.yml", () => {
      const dir = mkdtempSync(join(tmpdir(), "walk-"));
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      const real = spawnSync("docker", ["stack", "config", "-c", "base.yml", "-c", "over.yml"], { cwd: dir, env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock" }, encoding: "utf8" });
      const sim = new Session({ seed: "walk", cluster: SWARM3, files: FILES }).run("docker stack config -c base.yml -c over.yml", { allowSim: true })[0]!;
      expect([sim.exitCode, sim.stdout, sim.stderr]).toEqual([real.status, real.stdout, real.stderr]);
    });
  });
});

describe("module 8: image references checked by docker stack deploy before the daemon (LoadComposefile)", () => {
  it("an unset tag variable leaves 'nginx:' — invalid reference format; capitals must be lowercase", () => {
    const files = { "a.yml": "services:\n  web:\n    image: nginx:${TAG}\n", "b.yml": "services:\n  web:\n    image: Nginx\n" };
    const steps = new Session({ seed: "walk", cluster: SWARM3, files }).run("docker stack deploy -c a.yml app\ndocker stack deploy -c b.yml app", { allowSim: true });
    expect([steps[0]!.exitCode, steps[0]!.stdout, steps[0]!.stderr]).toEqual([1, "", "invalid image reference for service web: invalid reference format\n"]);
    expect(steps[1]!.stderr).toBe("invalid image reference for service web: invalid reference format: repository name (library/Nginx) must be lowercase\n");
  });
});
