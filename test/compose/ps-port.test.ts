// `docker compose ps` and `docker compose port` read the engine's container list as Compose v2
// does: PORTS is docker/cli's DisplayablePorts (the column `docker ps` shows, allocator-chosen
// host ports included), --format json carries Publishers, and `port` prints IP:PORT of the first
// binding of the private port (`:0` for a port only exposed), with Compose's own errors.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const APP = `services:
  web:
    image: nginx
    ports: ["80", "127.0.0.1:8081:80", "0.0.0.0:9000:9000", "8443:443"]
    volumes: ["data:/data"]
  db:
    image: redis
volumes:
  data:
`;

const replay = (script: string) => new Session({ seed: "compose-ps-port", files: { "compose.yaml": APP } }).run(`docker compose up -d\n${script}`, { allowSim: true }).slice(1);

describe("docker compose ps PORTS", () => {
  it("matches docker ps: ephemeral ports, an address written out binding only itself", () => {
    const steps = replay("docker compose ps --format '{{.Name}}|{{.Ports}}'\ndocker ps --format '{{.Names}}|{{.Ports}}'");
    // DisplayablePorts: same-number bindings grouped first, then the other mappings by container port.
    const web = "0.0.0.0:9000->9000/tcp, 0.0.0.0:32768->80/tcp, 127.0.0.1:8081->80/tcp, [::]:32768->80/tcp, 0.0.0.0:8443->443/tcp, [::]:8443->443/tcp";
    expect(steps[0]!.stdout).toBe(`root-db-1|6379/tcp\nroot-web-1|${web}\n`);
    expect(steps[1]!.stdout.split("\n").sort().join("\n")).toBe(`\nroot-db-1|6379/tcp\nroot-web-1|${web}`);
  });

  it("the default table has the PORTS column of docker ps", () => {
    const steps = replay("docker compose ps db");
    expect(steps[0]!.stdout).toBe([
      "NAME        IMAGE     COMMAND                  SERVICE   CREATED                  STATUS                  PORTS",
      'root-db-1   redis     "docker-entrypoint.s…"   db        Less than a second ago   Up Less than a second   6379/tcp', "",
    ].join("\n"));
  });

  it("--format json is one object per line with Publishers sorted by target port", () => {
    const steps = replay("docker compose ps --format json db\ndocker compose ps --format '{{json .Publishers}}' web");
    expect(JSON.parse(steps[0]!.stdout)).toMatchObject({
      Name: "root-db-1", Service: "db", State: "running", ExitCode: 0, Health: "", Ports: "6379/tcp", LocalVolumes: "1", Size: "0B",
      Networks: "root_default", CreatedAt: "2024-01-10 00:00:00 +0000 UTC",
      Publishers: [{ URL: "", TargetPort: 6379, PublishedPort: 0, Protocol: "tcp" }],
    });
    expect(Object.keys(JSON.parse(steps[0]!.stdout))).toEqual([...Object.keys(JSON.parse(steps[0]!.stdout))].sort());
    const pubs = JSON.parse(steps[1]!.stdout) as { TargetPort: number }[];
    expect(pubs.map((p) => p.TargetPort)).toEqual([80, 80, 80, 443, 443, 9000]);
    expect(steps[1]!.stdout).toMatch(/^\[\{"URL":/);
  });

  it("a stopped container lists no ports; --status and --filter status= select by state", () => {
    const steps = replay("docker compose stop db\ndocker compose ps -a --format '{{.Name}}|{{.State}}|{{.Ports}}|{{.ExitCode}}'\ndocker compose ps --status exited -q\ndocker compose ps --filter status=running --services\ndocker compose ps --filter state=running\ndocker compose ps nope");
    expect(steps[1]!.stdout).toMatch(/^root-db-1\|exited\|\|0\nroot-web-1\|running\|0\.0\.0\.0:9000->9000\/tcp.*\|0\n$/);
    expect(steps[2]!.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(steps[3]!.stdout).toBe("web\n");
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: "unknown filter state\n" });
    expect(steps[5]).toMatchObject({ exitCode: 1, stderr: "no such service: nope\n" });
  });
});

describe("compose expose", () => {
  it("adds to Config.ExposedPorts, shown unpublished by ps", () => {
    const file = "services:\n  a:\n    image: busybox\n    command: sleep 1d\n    expose: [\"3000\", 4000-4001, \"53/udp\"]\n";
    const steps = new Session({ seed: "compose-expose", files: { "compose.yaml": file } })
      .run("docker compose up -d\ndocker compose ps --format '{{.Ports}}'\ndocker inspect --format '{{json .Config.ExposedPorts}}' root-a-1", { allowSim: true });
    expect(steps[1]!.stdout).toBe("3000/tcp, 53/udp, 4000-4001/tcp\n");
    expect(steps[2]!.stdout).toBe('{"3000/tcp":{},"4000/tcp":{},"4001/tcp":{},"53/udp":{}}\n');
  });
});

describe("docker compose port", () => {
  it("prints IP:PORT of the private port's first binding", () => {
    const steps = replay("docker compose port web 443\ndocker compose port web 9000\ndocker compose port db 6379\ndocker compose port --index 1 web 443");
    expect(steps[0]!.stdout).toBe("0.0.0.0:8443\n");
    expect(steps[1]!.stdout).toBe("0.0.0.0:9000\n");
    // An exposed port without a binding is a Summary.Ports entry too: no address, port 0.
    expect(steps[2]!.stdout).toBe(":0\n");
    expect(steps[3]!.stdout).toBe("0.0.0.0:8443\n");
  });

  it("fails with Compose's errors", () => {
    const steps = replay([
      "docker compose port web 81", "docker compose port --protocol udp db 6379", "docker compose port web",
      "docker compose port web http", "docker compose port nope 80", "docker compose port --index 2 web 80",
      "docker compose stop web", "docker compose port web 80",
    ].join("\n"));
    expect(steps[0]).toMatchObject({ exitCode: 1, stdout: "", stderr: expect.stringMatching(/^no port 81\/tcp for container root-web-1: (\d+\/tcp, ){5}\d+\/tcp\n$/) });
    expect(steps[1]!.stderr).toBe("no port 6379/udp for container root-db-1: 0/tcp\n");
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: "requires at least 2 arg(s), only received 1\n" });
    expect(steps[3]!.stderr).toBe('strconv.ParseUint: parsing "http": invalid syntax\n');
    expect(steps[4]!.stderr).toBe('service "nope" is not running\n');
    expect(steps[5]!.stderr).toBe('service "web" is not running container #2\n');
    expect(steps[7]!.stderr).toBe('service "web" is not running\n');
  });

  it("has Compose v2.36's help", () => {
    const steps = replay("docker compose port --help");
    expect(steps[0]!.stdout).toBe([
      "Usage:  docker compose port [OPTIONS] SERVICE PRIVATE_PORT", "", "Print the public port for a port binding", "", "Options:",
      "      --dry-run           Execute command in dry run mode",
      "      --index int         Index of the container if service has multiple",
      "                          replicas",
      '      --protocol string   tcp or udp (default "tcp")', "",
    ].join("\n"));
  });
});
