// `docker run -e KEY` with KEY unset on the client: opts.ValidateEnv keeps the bare KEY, so
// Config.Env holds "KEY"; moby's merge() then leaves out the image's KEY=… and the process
// environment (ReplaceOrAppendEnvValues) has no KEY at all (moby/moby#10141, #10145). A bare KEY
// in an --env-file is dropped by the CLI instead (kvfile.Parse), and `-e =x` is refused by the flag.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "env-unset" }).run(script, { allowSim: true });
}

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

describe("docker run -e KEY, KEY unset on the client", () => {
  it("keeps the bare KEY in Config.Env; the process has no KEY", () => {
    const s = run([
      "docker run -d --name a -e FOO -e BAR=1 -e BAR=2 nginx",
      "docker inspect a --format '{{json .Config.Env}}'",
      "docker exec a sh -c 'echo ${FOO-unset} $BAR'",
    ].join("\n"));
    expect(s[1]!.stdout).toBe(`["FOO","BAR=1","BAR=2","${PATH}","NGINX_VERSION=1.27.4"]\n`);
    expect(s[2]!.stdout).toBe("unset 2\n");
  });

  it("hides the image's own value of KEY", () => {
    const s = run([
      "docker run -d --name c -e NGINX_VERSION nginx",
      "docker inspect c --format '{{json .Config.Env}}'",
      "docker exec c sh -c 'echo ${NGINX_VERSION-unset}'",
    ].join("\n"));
    expect(s[1]!.stdout).toBe(`["NGINX_VERSION","${PATH}"]\n`);
    expect(s[2]!.stdout).toBe("unset\n");
  });

  it("takes the client's value when KEY is exported", () => {
    const s = run(["export FOO=x", "docker run -d --name b -e FOO nginx", "docker inspect b --format '{{json .Config.Env}}'"].join("\n"));
    expect(s[2]!.stdout).toBe(`["FOO=x","${PATH}","NGINX_VERSION=1.27.4"]\n`);
  });

  it("an --env-file's bare unset KEY is dropped by the CLI", () => {
    const s = run(["printf 'A\\nB=2\\n' > e.env", "docker run -d --name d --env-file e.env nginx", "docker inspect d --format '{{json .Config.Env}}'"].join("\n"));
    expect(s[2]!.stdout).toBe(`["B=2","${PATH}","NGINX_VERSION=1.27.4"]\n`);
  });

  it("a variable without a name is refused by the flag (run, create, exec)", () => {
    const s = run(["docker run -e =x nginx", "docker create --env==y nginx", "docker exec -e =x c ls"].join("\n"));
    expect(s.map((x) => [x.exitCode, x.stderr.split("\n")[0]])).toEqual([
      [125, 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x'],
      [125, 'invalid argument "=y" for "-e, --env" flag: invalid environment variable: =y'],
      [125, 'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x'],
    ]);
  });
});
