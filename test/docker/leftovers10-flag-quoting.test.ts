// pflag's `invalid argument %q for %q flag: %v` quotes the value as Go's %q does (quotes,
// backslashes and control characters escaped), strconv's errors quote with strconv.Quote and
// time.ParseDuration with the time package's own quote (non-ASCII bytes as \xNN). Replayed against
// fixed expectations and, where the docker client is installed, against it byte for byte.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { realDocker } from "../engine/real-docker";

const docker = realDocker();
const shq = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

function sim(argv: string[]) {
  const steps = new Session({ seed: "flag-quoting" }).run(`docker ${argv.map(shq).join(" ")}`, { allowSim: true });
  return steps[0]!;
}

const CASES: [string[], string][] = [
  [["service", "create", "--replicas", 'a"b', "nginx"], `invalid argument "a\\"b" for "--replicas" flag: strconv.ParseUint: parsing "a\\"b": invalid syntax`],
  [["service", "create", "--replicas", "a\\b\tc", "nginx"], `invalid argument "a\\\\b\\tc" for "--replicas" flag: strconv.ParseUint: parsing "a\\\\b\\tc": invalid syntax`],
  [["service", "create", "--replicas", "a\x01é", "nginx"], `invalid argument "a\\x01é" for "--replicas" flag: strconv.ParseUint: parsing "a\\x01é": invalid syntax`],
  [["service", "create", "--update-delay", 'x"é\t', "nginx"], `invalid argument "x\\"é\\t" for "--update-delay" flag: time: invalid duration "x\\"\\xc3\\xa9\\x09"`],
  [["service", "create", "--health-interval", '1x"', "nginx"], `invalid argument "1x\\"" for "--health-interval" flag: time: unknown unit "x\\"" in duration "1x\\""`],
  [["service", "create", "--update-delay", "1h2", "nginx"], `invalid argument "1h2" for "--update-delay" flag: time: missing unit in duration "1h2"`],
  [["service", "create", "--update-delay", ".s", "nginx"], `invalid argument ".s" for "--update-delay" flag: time: invalid duration ".s"`],
  [["service", "create", "--health-interval", "-1s", "nginx"], `invalid argument "-1s" for "--health-interval" flag: duration cannot be negative`],
  [["service", "ls", "--filter", 'a"b'], `invalid argument "a\\"b" for "-f, --filter" flag: bad format of filter (expected name=value)`],
  [["service", "create", "--publish", 'a"b:80', "nginx"], `invalid argument "a\\"b:80" for "-p, --publish" flag: invalid hostPort: a"b`],
  [["run", "--cpus", 'a"b', "nginx"], `invalid argument "a\\"b" for "--cpus" flag: failed to parse a"b as a rational number`],
  [["run", "--add-host", 'a"b', "nginx"], `invalid argument "a\\"b" for "--add-host" flag: bad format for add-host: "a\\"b"`],
];

describe("pflag invalid argument: Go-quoted values", () => {
  it.each(CASES)("docker %j", (argv, first) => {
    const s = sim(argv);
    expect(s.exitCode).toBe(125);
    expect(s.stderr.split("\n")[0]).toBe(first);
  });

  it("docker service scale checks each value (strconv.ParseUint) before asking the daemon", () => {
    // As `DOCKER_HOST=unix:///nonexistent.sock docker service scale web=+5 api='a"b' db=3` does:
    // the bad values are reported, the valid one goes to the daemon (here: not a swarm manager).
    const s = sim(["service", "scale", "web=+5", 'api=a"b', "db=3", "x=99999999999999999999"]);
    expect(s.exitCode).toBe(1);
    expect(s.stderr).toBe(
      'web: invalid replicas value +5: strconv.ParseUint: parsing "+5": invalid syntax\n' +
        'api: invalid replicas value a"b: strconv.ParseUint: parsing "a\\"b": invalid syntax\n' +
        'db: Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n' +
        'x: invalid replicas value 99999999999999999999: strconv.ParseUint: parsing "99999999999999999999": value out of range\n',
    );
  });
});

describe.skipIf(!docker)("pflag invalid argument: as the installed docker client prints it", () => {
  it.each(CASES.map(([argv]) => [argv]))("docker %j", (argv) => {
    const real = spawnSync(docker!, argv, {
      env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock", DOCKER_CONFIG: "/tmp/clustergrade-docker-config" },
      encoding: "utf8",
    });
    const s = sim(argv);
    expect(s.stderr).toBe(real.stderr);
    expect(s.exitCode).toBe(real.status);
  });
});
