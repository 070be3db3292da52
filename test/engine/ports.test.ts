// Publishing ports on one engine: `docker run -p/-P/--expose`, the ephemeral port allocator
// (libnetwork portallocator: 32768 upwards, sequentially), `docker port`, the PORTS column of
// `docker ps` (docker/cli DisplayablePorts) and the port fields of `docker inspect`. Offline
// argument errors are compared with the real client when it is installed.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { naturalLess } from "../../src/sim/cli/format/natural-sort";
import { displayablePorts } from "../../src/sim/docker/engine/ports";
import { realDocker } from "./real-docker";

const run = (script: string) => new Session({ seed: "ports" }).run(script, { allowSim: true });
const last = (script: string) => run(script).at(-1)!;

describe("docker run -P and docker port", () => {
  it("publishes every exposed port on an ephemeral port, the same one on 0.0.0.0 and ::", () => {
    const steps = run("docker run -d -P --name web nginx\ndocker port web\ndocker port web 80\ndocker port web 80/tcp");
    expect(steps[1]!.stdout).toBe("80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n");
    expect(steps[2]!.stdout).toBe("0.0.0.0:32768\n[::]:32768\n");
    expect(steps[3]!.stdout).toBe("0.0.0.0:32768\n[::]:32768\n");
  });

  it("hands out ports sequentially, exposed ports by number, and a restart takes the next one", () => {
    const steps = run([
      "docker run -d -P --name a nginx",
      "docker run -d -P --expose 443 --expose 53/udp --name b nginx",
      "docker port b",
      "docker restart a",
      "docker port a 80",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe([
      "53/udp -> 0.0.0.0:32768", "53/udp -> [::]:32768",
      "80/tcp -> 0.0.0.0:32769", "80/tcp -> [::]:32769",
      "443/tcp -> 0.0.0.0:32770", "443/tcp -> [::]:32770", "",
    ].join("\n"));
    expect(steps[4]!.stdout).toBe("0.0.0.0:32771\n[::]:32771\n");
  });

  it("fails with the CLI's own errors", () => {
    const steps = run("docker run -d -P --name web nginx\ndocker port web 81/tcp\ndocker port web 81\ndocker port web http\ndocker port nope");
    expect(steps[1]).toMatchObject({ exitCode: 1, stdout: "", stderr: "Error: No public port '81/tcp' published for web\n" });
    expect(steps[2]!.stderr).toBe("Error: No public port '81' published for web\n");
    expect(steps[3]!.stderr).toBe('Error: invalid port (http): strconv.ParseUint: parsing "http": invalid syntax\n');
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: No such container: nope\n" });
  });

  it("a stopped container holds no port", () => {
    const steps = run("docker run -d -p 8080:80 --name web nginx\ndocker stop web\ndocker port web\ndocker port web 80");
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "" });
    expect(steps[3]!.stderr).toBe("Error: No public port '80' published for web\n");
  });

  it("-p without a host port and a host range take ports as the allocator gives them", () => {
    const steps = run("docker run -d -p 80 -p 127.0.0.1:9000-9005:443 --name web nginx\ndocker port web");
    expect(steps[1]!.stdout).toBe("80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n443/tcp -> 127.0.0.1:9000\n");
  });

  it("a taken port is refused on the first address", () => {
    const steps = run("docker run -d -p 8080:80 nginx\ndocker run -d -p 8080:80 --name second nginx");
    expect(steps[1]!.exitCode).toBe(125);
    expect(steps[1]!.stderr).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated/);
  });
});

describe("docker ps PORTS (DisplayablePorts)", () => {
  it("groups unpublished ports and same-number bindings, lists other mappings after them", () => {
    const out = last("docker run -d -p 8080:80 -p 127.0.0.1:9000-9002:9000-9002 --expose 7000-7001 --name w nginx\ndocker ps --format '{{.Ports}}'").stdout;
    expect(out).toBe("7000-7001/tcp, 127.0.0.1:9000-9002->9000-9002/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
  });

  it("a host range over a container range is one mapping per port", () => {
    const out = last("docker run -d -p 8000-8002:80-82 nginx\ndocker ps --format '{{.Ports}}'").stdout;
    expect(out).toBe("0.0.0.0:8000->80/tcp, [::]:8000->80/tcp, 0.0.0.0:8001->81/tcp, [::]:8001->81/tcp, 0.0.0.0:8002->82/tcp, [::]:8002->82/tcp\n");
  });

  it("matches docker/cli's formatter cases", () => {
    // docker/cli formatter/container_test.go TestDisplayablePorts (types.Port with string IPs, as in 28.x).
    const p = (ip: string, pub: number, priv: number, type: string) => ({ hostIp: ip, hostPort: pub ? String(pub) : "", containerPort: priv, protocol: type });
    const cases: [ReturnType<typeof p>[], string][] = [
      [[p("", 0, 9988, "tcp")], "9988/tcp"],
      [[p("", 0, 9988, "udp")], "9988/udp"],
      [[p("0.0.0.0", 0, 9988, "tcp")], "0.0.0.0:0->9988/tcp"],
      [[p("", 8899, 9988, "tcp")], "9988/tcp"],
      [[p("4.3.2.1", 8899, 9988, "tcp")], "4.3.2.1:8899->9988/tcp"],
      [[p("4.3.2.1", 9988, 9988, "tcp")], "4.3.2.1:9988->9988/tcp"],
      [[p("", 0, 9988, "udp"), p("", 0, 9988, "udp")], "9988/udp, 9988/udp"],
      [[p("1.2.3.4", 9998, 9998, "udp"), p("1.2.3.4", 9999, 9999, "udp")], "1.2.3.4:9998-9999->9998-9999/udp"],
      [[p("1.2.3.4", 8887, 9998, "udp"), p("1.2.3.4", 8888, 9999, "udp")], "1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp"],
      [[p("", 0, 9998, "udp"), p("", 0, 9999, "udp")], "9998-9999/udp"],
      [[p("1.2.3.4", 7766, 6677, "tcp"), p("", 8899, 9988, "udp")], "9988/udp, 1.2.3.4:7766->6677/tcp"],
      [[p("1.2.3.4", 8899, 9988, "udp"), p("1.2.3.4", 8899, 9988, "tcp"), p("4.3.2.1", 3322, 2233, "tcp")],
        "4.3.2.1:3322->2233/tcp, 1.2.3.4:8899->9988/tcp, 1.2.3.4:8899->9988/udp"],
      [[p("", 8899, 9988, "udp"), p("1.2.3.4", 7766, 6677, "tcp"), p("4.3.2.1", 3322, 2233, "tcp")],
        "9988/udp, 4.3.2.1:3322->2233/tcp, 1.2.3.4:7766->6677/tcp"],
      [[p("", 0, 80, "tcp"), p("", 0, 1024, "tcp"), p("", 0, 80, "udp"), p("", 0, 1024, "udp"),
        p("1.1.1.1", 80, 1024, "tcp"), p("1.1.1.1", 80, 1024, "udp"), p("1.1.1.1", 1024, 80, "tcp"), p("1.1.1.1", 1024, 80, "udp"),
        p("2.1.1.1", 80, 1024, "tcp"), p("2.1.1.1", 80, 1024, "udp"), p("2.1.1.1", 1024, 80, "tcp"), p("2.1.1.1", 1024, 80, "udp"),
        p("", 0, 12345, "sctp")],
        "80/tcp, 80/udp, 1024/tcp, 1024/udp, 12345/sctp, 1.1.1.1:1024->80/tcp, 1.1.1.1:1024->80/udp, 2.1.1.1:1024->80/tcp, 2.1.1.1:1024->80/udp, 1.1.1.1:80->1024/tcp, 1.1.1.1:80->1024/udp, 2.1.1.1:80->1024/tcp, 2.1.1.1:80->1024/udp"],
    ];
    for (const [ports, want] of cases) expect(displayablePorts(ports)).toBe(want);
  });

  it("sorts `docker port` lines with NaturalLess", () => {
    expect(naturalLess("80/tcp -> 0.0.0.0:1", "80/tcp -> [::]:1")).toBe(true);
    expect(naturalLess("9000/tcp", "80/tcp")).toBe(false);
    expect(naturalLess("a2", "a10")).toBe(true);
  });
});

describe("docker inspect port fields", () => {
  it("PortBindings as given, NetworkSettings.Ports as bound, ExposedPorts, PublishAllPorts", () => {
    const steps = run([
      "docker run -d -P --name web nginx",
      "docker inspect -f '{{json .HostConfig.PortBindings}} {{.HostConfig.PublishAllPorts}} {{json .NetworkSettings.Ports}} {{json .Config.ExposedPorts}}' web",
      "docker run -d -p 8080:80 --expose 7000 --name two nginx",
      "docker inspect -f '{{json .HostConfig.PortBindings}} {{json .NetworkSettings.Ports}}' two",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe('{} true {"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"32768"},{"HostIp":"::","HostPort":"32768"}]} {"80/tcp":{}}\n');
    expect(steps[3]!.stdout).toBe('{"80/tcp":[{"HostIp":"","HostPort":"8080"}]} {"7000/tcp":null,"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}]}\n');
  });
});

const docker = realDocker();

const ORACLE = [
  "port", "port a b c", "container port", "top", "container top", "run --expose 1:2 nginx", "run --expose abc nginx", "run --expose 80-70 nginx",
  "run --expose 99999 nginx", "run --expose /udp nginx", "run -p 8000-8001:80-82 nginx", "create --expose 1-x nginx",
];

describe.skipIf(!docker)("docker port / --expose oracle (offline decisions)", () => {
  it.each(ORACLE)("docker %s", (cmd) => {
    const args = cmd.split(" ");
    const real = spawnSync(docker!, args, { env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock", DOCKER_CONFIG: "/tmp/clustergrade-docker-config" }, encoding: "utf8" });
    if (real.stderr.includes("Cannot connect to the Docker daemon")) return;
    const step = run(`docker ${cmd}`)[0]!;
    expect(step.stderr).toBe(real.stderr);
    expect(step.stdout).toBe(real.stdout);
    expect(step.exitCode).toBe(real.status);
  });
});

describe("docker ps filters (moby's filters.Args)", () => {
  const three = "docker run -d -P --name web nginx\ndocker run -d -p 8080:80 --name w2 nginx\ndocker run -d --name r redis";
  it("publish= and expose= match the published and container ports, ranges and protocols included", () => {
    const steps = run([three,
      "docker ps --filter publish=8080 --format '{{.Names}}'", "docker ps --filter publish=32768-32770/tcp --format '{{.Names}}'",
      "docker ps --filter expose=80 --format '{{.Names}}'", "docker ps --filter expose=6379/udp --format '{{.Names}}'"].join("\n"));
    expect(steps[3]!.stdout).toBe("w2\n");
    expect(steps[4]!.stdout).toBe("web\n");
    expect(steps[5]!.stdout).toBe("w2\nweb\n");
    expect(steps[6]!.stdout).toBe("");
  });

  it("values of one key are alternatives; names are regular expressions, with or without the leading /", () => {
    const steps = run([three,
      "docker ps --filter name=web --filter name=r --format '{{.Names}}'", "docker ps --filter 'name=^w.*2$' --format '{{.Names}}'",
      "docker ps --filter name=^/web$ --format '{{.Names}}'", "docker ps --filter name=web --filter expose=6379 --format '{{.Names}}'"].join("\n"));
    expect(steps[3]!.stdout).toBe("r\nweb\n");
    expect(steps[4]!.stdout).toBe("w2\n");
    expect(steps[5]!.stdout).toBe("web\n");
    expect(steps[6]!.stdout).toBe("");
  });
});

describe("host network", () => {
  it("-p is discarded with the daemon's warning; nothing is published (docker ps PORTS empty)", () => {
    const steps = run([
      "docker pull -q nginx && docker pull -q busybox",
      "docker run -d -p 80:80 --network host --name h nginx",
      "docker run -d -P --network host --name h2 busybox sleep 100",
      "docker ps --format '{{.Names}}:{{.Ports}}'", "docker port h",
      "docker inspect -f '{{json .HostConfig.PortBindings}} {{json .NetworkSettings.Ports}}' h",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe("WARNING: Published ports are discarded when using host network mode\n");
    expect(steps[2]!.stderr).toBe("");
    expect(steps[3]!.stdout).toBe("h2:\nh:\n");
    expect(steps[4]!.stdout).toBe("");
    expect(steps[5]!.stdout).toBe('{"80/tcp":[{"HostIp":"","HostPort":"80"}]} {}\n');
  });
});

describe("port maps in --format templates", () => {
  it("ExposedPorts, NetworkSettings.Ports, PortBindings and Labels are Go maps", () => {
    const out = run("docker run -d -P -l a=b --name web nginx\ndocker inspect -f '{{.Config.ExposedPorts}} {{.NetworkSettings.Ports}} {{.HostConfig.PortBindings}} {{.Config.Labels}}' web")[1]!.stdout;
    expect(out).toBe("map[80/tcp:{}] map[80/tcp:[{0.0.0.0 32768} {:: 32768}]] map[] map[a:b]\n");
  });
});
