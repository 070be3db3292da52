// The real docker client (28.2) as the oracle for the swarm tables and pretty templates: a stand-in
// daemon (fake-daemon.ts) serves the simulator's own API objects, the real CLI formats them with
// docker/cli's code, and the simulator's output for the same command must be byte-identical.
// This checks formatting (columns, padding, sorting, truncation, quoting, templates), not the
// state. Skipped when no docker binary is installed.
//
// The real CLI prints ages against the wall clock, so the session's virtual clock is made to end
// at "now", and every age in the scripts sits well inside a HumanDuration bucket (a slow machine
// adds a second or two, not a bucket); a service that keeps failing (bad) is only listed without
// its ages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";
import { hasDocker } from "../format/oracle";
import { startFakeDaemon, type FakeDaemon } from "./fake-daemon";
import { SWARM3 } from "./helpers";

const STACK = `version: "3.8"
services:
  web:
    image: nginx:alpine
    ports:
      - "80:80"
    deploy:
      replicas: 2
  db:
    image: redis
    deploy:
      mode: global
`;

const SCRIPT = [
  "docker service create -d --name web --replicas 3 -p 8080:80 --label tier --label team=a nginx",
  "docker service create -d --name bad --replicas 2 nosuchimage:1.0",
  "docker service create -d --name pend --replicas 2 --constraint node.labels.zone==x nginx",
  "docker service create -d --name glob --mode global nginx",
  "docker service create -d --name hostp --replicas 1 --publish mode=host,published=9090,target=90 --publish mode=host,published=9091,target=91 nginx",
  "docker service create -d --name ranges --replicas 1 -p 8081-8083:81-83 -p 7000:80/udp nginx",
  "docker service create -d --name job --mode replicated-job --replicas 2 busybox true",
  "docker service create -d --name gjob --mode global-job busybox true",
  "echo s3cret | docker secret create --label x=y --label flag db_pass -",
  "echo data | docker config create app_cfg -",
  "docker service create -d --name full --secret db_pass --config app_cfg --env A=1 --limit-memory 256M --reserve-cpu 0.5 " +
    "--mount type=volume,source=data,target=/data --constraint node.role==manager --placement-pref spread=node.labels.zone " +
    "--update-delay 10s --replicas-max-per-node 2 nginx sleep 100",
  "docker service create -d --name extras --health-cmd 'curl -f localhost || exit 1' --health-interval 10s --health-retries 3 --init " +
    "--cap-add net_admin --cap-drop CHOWN --log-driver json-file --log-opt max-size=10m --ulimit nofile=1024:2048 " +
    "--sysctl net.core.somaxconn=1024 -p 8090:80 nginx",
  "docker service create -d --name nohealth --no-healthcheck --log-driver syslog nginx",
  "docker stack deploy -c stack.yml app",
  "sleep 20",
  "docker service update -d --image nginx:alpine web",
  "sleep 20",
  "docker node update --label-add ssd --label-add zone=a --availability drain worker1",
  "sleep 90",
].join("\n");

const COMMANDS: string[][] = [
  ["node", "ls"],
  ["node", "ls", "-q"],
  ["node", "ls", "--format", "table {{.Hostname}}\t{{.TLSStatus}}\t{{.Self}}"],
  ["node", "ls", "--format", "{{json .}}"],
  ["service", "ls"],
  ["service", "ls", "-q"],
  ["service", "ls", "--format", "{{json .}}"],
  ["service", "ls", "--filter", "mode=global"],
  ["service", "ps", "web"],
  ["service", "ps", "-q", "web"],
  ["service", "ps", "--no-trunc", "web"],
  ["service", "ps", "--format", "{{.Name}} {{.Node}}", "web"],
  ["service", "ps", "--format", "table {{.Name}}\t{{.Error}}", "bad"],
  ["service", "ps", "pend"],
  ["service", "ps", "glob"],
  ["service", "ps", "hostp"],
  ["service", "ps", "job"],
  ["node", "ps", "worker1"],
  ["node", "ps", "-q", "worker2"],
  ["node", "ps", "--filter", "name=app", "manager1", "worker2"],
  ["service", "ps", "--filter", "node=worker2", "web"],
  ["service", "inspect", "--pretty", "web"],
  ["service", "inspect", "--pretty", "full"],
  ["service", "inspect", "--pretty", "glob"],
  ["service", "inspect", "--pretty", "hostp"],
  ["service", "inspect", "--pretty", "job"],
  ["service", "inspect", "--pretty", "extras"],
  ["service", "inspect", "--pretty", "nohealth"],
  ["service", "inspect", "--pretty", "app_web"],
  ["node", "inspect", "--pretty", "self"],
  ["node", "inspect", "--pretty", "worker1"],
  ["secret", "ls"],
  // (not {{.Labels}}: Go joins a map in random order)
  ["secret", "ls", "--format", "{{.Name}} {{.Label \"x\"}} {{.Driver}}"],
  ["config", "ls"],
  ["secret", "inspect", "--pretty", "db_pass"],
  ["config", "inspect", "--pretty", "app_cfg"],
  ["stack", "ls"],
  ["stack", "services", "app"],
  ["stack", "services", "-q", "app"],
  ["stack", "ps", "app"],
  ["stack", "ps", "-q", "app"],
  ["stack", "ps", "--no-trunc", "app"],
  ["network", "ls"],
  ["network", "ls", "--no-trunc"],
  ["network", "ls", "--format", "{{.Name}} {{.Label \"com.docker.stack.namespace\"}}"],
  ["network", "ls", "--format", "{{json .}}"],
  ["config", "ls", "--format", "{{json .}}"],
];

const shellQuote = (a: string) => (/^[\w./=-]+$/.test(a) ? a : `'${a}'`);

describe.skipIf(!hasDocker)("swarm formatters: the simulator against the real docker client on the same API objects", () => {
  let session: Session;
  let daemon: FakeDaemon;

  beforeAll(async () => {
    const files = { "stack.yml": STACK };
    const probe = new Session({ seed: "formatters-oracle", cluster: SWARM3, files });
    const t0 = probe.world.now;
    probe.run(SCRIPT, { allowSim: true });
    const elapsed = probe.world.now - t0;
    session = new Session({ seed: "formatters-oracle", cluster: SWARM3, files, startTime: new Date(Math.floor((Date.now() - elapsed) / 1000) * 1000).toISOString() });
    session.run(SCRIPT, { allowSim: true });
    daemon = await startFakeDaemon(session);
  });

  afterAll(async () => {
    await daemon?.close();
  });

  it("docker info: the Server section and --format fields (system.Info)", async () => {
    // The client part lists this machine's CLI plugins; Runtimes is a Go map printed in random order.
    const server = (out: string) => out.slice(out.indexOf("\nServer:")).replace(/^ Runtimes: .*\n/m, "");
    const sim = session.fork().run("docker info", { allowSim: true })[0]!;
    const real = await daemon.docker(["info"]);
    expect(server(sim.stdout)).toBe(server(real.stdout));
    const format = "{{.LoggingDriver}} {{.CgroupDriver}} {{.Driver}} {{json .DriverStatus}} {{json .Plugins}} {{json .RegistryConfig}} {{.Swarm.LocalNodeState}}";
    const simF = session.fork().run(`docker info --format '${format}'`, { allowSim: true })[0]!;
    expect(simF.stdout).toBe((await daemon.docker(["info", "--format", format])).stdout);
  });

  it.each(COMMANDS.map((c) => [c.join(" "), c]))("docker %s", async (_name, args) => {
    const sim = session.fork().run(`docker ${(args as string[]).map(shellQuote).join(" ")}`, { allowSim: true })[0]!;
    const real = await daemon.docker(args as string[]);
    expect(sim.stdout).toBe(real.stdout);
    expect(sim.stderr).toBe(real.stderr);
    expect(sim.exitCode).toBe(real.status);
  });
});
