// docker network / volume create and rm errors as the daemon words them: a driver nobody provides
// (plugin "foo" not found), the host/null drivers' single network, the local volume driver's name
// rules (also for `docker run -v NAME:…`, where only /…, . and ./… are host paths), and a stopped
// container's attachment, which is no endpoint (network rm succeeds; the container's next start
// fails).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "audit11-netvol" }).run(script, { allowSim: true });
}

const D = "Error response from daemon: ";

describe("docker network create/rm", () => {
  it("drivers", () => {
    const s = run("docker network create -d foo n1\ndocker network create -d host n2\ndocker network create -d null n3\ndocker network create -d macvlan n4");
    expect(s.map((x) => [x.exitCode, x.stderr])).toEqual([
      [1, `${D}plugin "foo" not found\n`], [1, `${D}only one instance of "host" network is allowed\n`],
      [1, `${D}only one instance of "null" network is allowed\n`], [0, ""],
    ]);
  });

  it("a running container's endpoint keeps the network; a stopped one's does not", () => {
    const s = run([
      "docker network create n1", "docker run -d --name a --network n1 nginx:alpine", "docker network rm n1",
      "docker stop a", "docker network rm n1", "docker start a",
    ].join("\n"));
    expect(s[2]!.stderr).toMatch(new RegExp(`^${D}error while removing network: network n1 id [0-9a-f]{64} has active endpoints\\n$`));
    expect([s[4]!.exitCode, s[4]!.stdout]).toEqual([0, "n1\n"]);
    expect(s[5]!.exitCode).toBe(1);
    expect(s[5]!.stderr).toMatch(/^Error response from daemon: network [0-9a-f]{64} not found\nError: failed to start containers: a\n$/);
  });
});

describe("docker volume create and run -v NAME", () => {
  it("the local driver's name rules and unknown drivers", () => {
    const s = run(['docker volume create "bad name"', "docker volume create a", "docker volume create -d foo v2", "docker volume create my_vol.1-x"].join("\n"));
    expect(s.map((x) => [x.exitCode, x.stdout, x.stderr])).toEqual([
      [1, "", `${D}create bad name: "bad name" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path\n`],
      [1, "", `${D}create a: volume name is too short, names should be at least two alphanumeric characters\n`],
      [1, "", `${D}create v2: error looking up volume plugin foo: plugin "foo" not found\n`],
      [0, "my_vol.1-x\n", ""],
    ]);
  });

  it("run -v: ../x is a volume name (only . and ./x become absolute)", () => {
    const s = run(['docker run -d -v "../up:/d" alpine sleep 9', 'docker run -d -v "./here:/d" --name ok alpine sleep 9', "docker volume ls -q"].join("\n"));
    expect(s[0]!.exitCode).toBe(125);
    expect(s[0]!.stderr).toContain(`docker: ${D}create ../up: "../up" includes invalid characters for a local volume name`);
    expect(s[1]!.exitCode).toBe(0);
    expect(s[2]!.stdout).toBe("");
  });
});

describe("docker network ls --filter (daemon/network/filter.go)", () => {
  const ls = (args: string) => {
    const s = run(["docker network create n1", "docker network create n2", "docker run -d --name a --network n2 nginx:alpine", `docker network ls ${args}`].join("\n"));
    return s[3]!;
  };
  it.each([
    ["--filter dangling=true", "n1\n"],
    ["--filter dangling=0", "bridge\nhost\nn2\nnone\n"],
    ["--filter name=^n", "n1\nn2\nnone\n"],
    ["--filter type=custom", "n1\nn2\n"],
  ])("%s", (args, names) => {
    expect(ls(`${args} --format '{{.Name}}'`).stdout).toBe(names);
  });
  it.each([
    ["--filter type=bogus", "invalid filter: 'type'='bogus'"],
    ["--filter dangling=x", `invalid value for filter 'dangling', must be "true" (or "1"), or "false" (or "0")`],
    ["--filter dangling=true --filter dangling=false", 'got more than one value for filter key "dangling"'],
  ])("%s is refused", (args, msg) => {
    expect(ls(args)).toMatchObject({ exitCode: 1, stdout: "", stderr: `${D}${msg}\n` });
  });
});
