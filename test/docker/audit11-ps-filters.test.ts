// `docker ps --filter` as moby's daemon/list.go folds and applies it: unknown keys and bad values
// are the daemon's errors before anything is listed, ancestor resolves the image to its ID,
// before/since by creation, volume by name or destination, exited only with -a, and a limit
// (-n, -l) lists stopped containers as -a does. The client refuses a filter without '='.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const SETUP = [
  "docker run -d --name web -p 8080:80 -v data:/data nginx:alpine", "docker run -d --name db -e POSTGRES_PASSWORD=x postgres:16",
  "docker run --name job alpine true",
].join("\n");

function ps(args: string) {
  const s = new Session({ seed: "audit11-ps" });
  s.run(SETUP, { allowSim: true });
  const [step] = s.run(`docker ps ${args}`, { allowSim: true });
  return { code: step!.exitCode, out: step!.stdout, err: step!.stderr };
}

describe("docker ps --filter", () => {
  it.each([
    ["--filter foo=bar", "Error response from daemon: invalid filter 'foo'\n"],
    ["--filter status=bogus", "Error response from daemon: invalid filter 'status=bogus'\n"],
    ["--filter exited=abc", 'Error response from daemon: strconv.Atoi: parsing "abc": invalid syntax\n'],
    ["--filter health=bad", "Error response from daemon: Unrecognised filter value for health: bad\n"],
    ["--filter is-task=x", "Error response from daemon: Invalid filter 'is-task=[x]'\n"],
    ["--filter since=nope", "Error response from daemon: No such container: nope\n"],
  ])("%s is the daemon's error", (args, err) => {
    expect(ps(args)).toEqual({ code: 1, out: "", err });
  });

  it("a filter without '=' is the client's flag error", () => {
    const r = ps("--filter name");
    expect(r.code).toBe(125);
    expect(r.err).toBe('invalid argument "name" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker ps [OPTIONS]\n\nRun \'docker ps --help\' for more information\n');
  });

  it.each([
    ["--filter ancestor=nginx:alpine", "web\n"],
    // nginx is nginx:latest, an image this engine does not have: nothing descends from it.
    ["--filter ancestor=nginx", ""],
    ["--filter before=db", "web\n"],
    ["--filter since=web", "db\n"],
    ["--filter volume=data", "web\n"],
    ["--filter volume=/data", "web\n"],
    ["--filter exited=0", ""],
    ["-a --filter exited=0", "job\n"],
    ["--filter status=exited", "job\n"],
    ["-n 1", "job\n"],
    ["-l", "job\n"],
    ["--filter health=none", "db\nweb\n"],
    ["--filter is-task=false", "db\nweb\n"],
    ["--filter network=bridge --filter name=^w", "web\n"],
  ])("%s", (args, names) => {
    expect(ps(`${args} --format '{{.Names}}'`).out).toBe(names);
  });
});
