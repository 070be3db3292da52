// docker run|create|exec --env-file (docker/cli opts.ReadKVEnvStrings, before any request): files
// first, then -e; kvfile.Parse's errors name the file; a missing file is open()'s error. The
// messages and exit codes were taken from the real client (28.2) without a daemon.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  const files = { "app.env": "# comment\nA=1\n\nB=x y\nC\n", "bad.env": "A B=1\n", "noname.env": "=x\n" };
  const s = new Session({ seed: "env-file", files, cluster: { hosts: [{ name: "host1", ip: "10.0.0.10" }] } });
  const pull = /^(Unable to find image .*|.*: Pulling from .*|[0-9a-f]{12}: Pull complete|Digest: .*|Status: .*)\n/gm;
  return s.run(script, { allowSim: false }).map((st) => ({ ...st, stderr: st.stderr.replace(pull, "") }));
}

describe("--env-file", () => {
  it("docker run: the file's variables, then -e (which wins); a bare KEY comes from the client", () => {
    const steps = run("export C=client\ndocker run --rm --env-file app.env -e D=4 -e A=2 busybox env");
    expect(steps[1]!.stdout).toContain("A=2\nB=x y\nC=client\nD=4\n");
  });

  it("docker exec: the exec's environment", () => {
    const steps = run("docker run -d --name c busybox sleep 1000\ndocker exec --env-file app.env c printenv A B");
    expect(steps[1]!.stdout).toBe("1\nx y\n");
  });

  it("errors are the client's, before any request", () => {
    const steps = run([
      "docker run --env-file nosuch busybox env",
      "docker create --env-file bad.env busybox",
      "docker run --env-file noname.env busybox",
      "docker exec --env-file bad.env nosuchcontainer env",
      "docker exec --env-file nosuch nosuchcontainer env",
    ].join("\n"));
    expect(steps.map((s) => [s.exitCode, s.stderr])).toEqual([
      [125, "docker: open nosuch: no such file or directory\n\nRun 'docker run --help' for more information\n"],
      [125, "docker: invalid env file (bad.env): variable 'A B' contains whitespaces\n\nRun 'docker create --help' for more information\n"],
      [125, "docker: invalid env file (noname.env): no variable name on line '=x'\n\nRun 'docker run --help' for more information\n"],
      [1, "invalid env file (bad.env): variable 'A B' contains whitespaces\n"],
      [1, "open nosuch: no such file or directory\n"],
    ]);
  });

  it("docker service create names the file in a format error too", () => {
    const s = new Session({ seed: "env-file", files: { "bad.env": "A B=1\n" }, cluster: { hosts: [{ name: "m1", ip: "10.0.0.1" }], swarm: { managers: ["m1"] } } });
    const steps = s.run("docker service create --env-file bad.env busybox", { allowSim: false });
    expect([steps[0]!.exitCode, steps[0]!.stderr]).toEqual([1, "invalid env file (bad.env): variable 'A B' contains whitespaces\n"]);
  });
});
