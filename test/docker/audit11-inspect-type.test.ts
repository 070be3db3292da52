// `docker inspect --type T` (docker/cli system/inspect.go): an unknown type is refused by the
// client; a known one tries only its own inspector, whose API error is printed as it is.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { hasDocker } from "../format/oracle";

function run(script: string) {
  return new Session({ seed: "audit11-inspect" }).run(script, { allowSim: true });
}

const D = "Error response from daemon: ";

describe("docker inspect --type", () => {
  it.each([
    ["container", `${D}No such container: nope`],
    ["image", `${D}No such image: nope:latest`],
    ["volume", `${D}get nope: no such volume`],
    ["network", `${D}network nope not found`],
  ])("%s: the API's not-found error", (type, msg) => {
    const [s] = run(`docker inspect --type ${type} nope`);
    expect(s).toMatchObject({ exitCode: 1, stdout: "[]\n", stderr: `${msg}\n` });
  });

  it("finds only its own kind", () => {
    const s = run(["docker volume create web", "docker run -d --name web nginx:alpine", "docker inspect --type volume -f '{{.Name}} {{.Driver}}' web", "docker inspect --type container -f '{{.Name}}' web"].join("\n"));
    expect(s[2]!.stdout).toBe("web local\n");
    expect(s[3]!.stdout).toBe("/web\n");
  });

  const UNKNOWN = 'unknown type: "bogus": must be one of "config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"\n';
  it("an unknown type", () => {
    expect(run("docker inspect --type bogus web")[0]).toMatchObject({ exitCode: 1, stdout: "", stderr: UNKNOWN });
  });

  it.skipIf(!hasDocker)("an unknown type as the real client refuses it", () => {
    const real = spawnSync("docker", ["inspect", "--type", "bogus", "web"], { encoding: "utf8", env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock" } });
    expect({ code: real.status, err: real.stderr }).toEqual({ code: 1, err: UNKNOWN });
  });
});
