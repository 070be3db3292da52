// The engine passes the image and runtime features through: reference errors in the parser's words
// (oracle: the real docker client rejects them without a daemon), create's errors as create returns
// them (bare, exit 1), and the container's network (its address, Docker's embedded DNS) to PID 1
// and to exec'd programs.
import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function realDocker(): string | undefined {
  try {
    execFileSync("docker", ["--version"], { stdio: "pipe" });
    return "docker";
  } catch {
    return undefined;
  }
}
const docker = realDocker();

const run = (script: string) =>
  new Session({ seed: "wiring", cluster: { hosts: [{ name: "h1", ip: "10.0.0.2" }] } }).run(script, { allowSim: false });

/** References the client parses (ParseAnyReference / ParseNormalizedNamed) before calling the daemon. */
const REFERENCE_CASES: string[] = [
  "run Nginx", "create Nginx", "pull Nginx", "container run a/B:1", "image pull a/B",
  "run nginx:", "create nginx:", "pull nginx:", "run :latest", "pull :latest",
  "run nginx@sha256:bad", "pull nginx@sha256:bad", "create nginx@sha256:0123456789abcdef0123456789abcdef",
  "pull nginx@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  "pull ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
];

describe.skipIf(!docker)("image reference errors (oracle)", () => {
  it.each(REFERENCE_CASES)("docker %s", (cmd) => {
    const args = cmd.split(" ");
    const real = spawnSync(docker!, args, { env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock", DOCKER_CONFIG: "/tmp/clustergrade-docker-config" }, encoding: "utf8" });
    expect(real.stderr).not.toContain("Cannot connect to the Docker daemon");
    const steps = run(`docker ${cmd}`);
    expect(steps[0]!.stderr).toBe(real.stderr);
    expect(steps[0]!.stdout).toBe(real.stdout);
    expect(steps[0]!.exitCode).toBe(real.status);
  });
});

describe("image reference errors", () => {
  it("run wraps the parser's message (docker: …, help line, 125); create and pull print it bare (1)", () => {
    const steps = run("docker run Nginx\ndocker create Nginx\ndocker pull Nginx");
    expect(steps[0]).toMatchObject({
      exitCode: 125,
      stderr: "docker: invalid reference format: repository name (library/Nginx) must be lowercase\n\nRun 'docker run --help' for more information\n",
    });
    expect(steps[1]).toMatchObject({ exitCode: 1, stderr: "invalid reference format: repository name (library/Nginx) must be lowercase\n" });
    expect(steps[2]).toMatchObject({ exitCode: 1, stderr: "invalid reference format: repository name (library/Nginx) must be lowercase\n" });
  });

  it("a full image ID runs the local image; an unknown one is the daemon's No such image", () => {
    const steps = run("docker pull busybox\ndocker images --no-trunc -q\ndocker run ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    expect(steps[2]).toMatchObject({
      exitCode: 125,
      stderr: "docker: Error response from daemon: No such image: sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n\nRun 'docker run --help' for more information\n",
    });
    const id = steps[1]!.stdout.trim().replace(/^sha256:/, "");
    const again = run(`docker pull busybox\ndocker run ${id} echo hi`);
    expect(again[1]).toMatchObject({ exitCode: 0, stdout: "hi\n", stderr: "" });
  });
});

describe("docker create reports createContainer's errors bare (runCreate returns them), exit 1", () => {
  it("name conflict, failed pull, unknown network", () => {
    const steps = run([
      "docker run -d --name a nginx",
      "docker create --name a nginx",
      "docker run --name a nginx",
      "docker create ngnix",
      "docker create --network nope nginx",
    ].join("\n"));
    const conflict = `Error response from daemon: Conflict. The container name "/a" is already in use by container "${steps[0]!.stdout.trim()}". You have to remove (or rename) that container to be able to reuse that name.\n`;
    expect(steps[1]).toMatchObject({ exitCode: 1, stderr: conflict });
    expect(steps[2]).toMatchObject({ exitCode: 125, stderr: `docker: ${conflict}\nRun 'docker run --help' for more information\n` });
    expect(steps[3]).toMatchObject({
      exitCode: 1,
      stderr: "Unable to find image 'ngnix:latest' locally\nError response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    });
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: "Error response from daemon: network nope not found\n" });
  });

  it("the image is pulled before the name is checked (the daemon looks the image up first)", () => {
    const steps = run("docker create --name a busybox\ndocker rmi busybox --force\ndocker create --name a busybox");
    expect(steps[2]!.exitCode).toBe(1);
    expect(steps[2]!.stderr).toMatch(/^Unable to find image 'busybox:latest' locally\nlatest: Pulling from library\/busybox\n[\s\S]*Error response from daemon: Conflict\./);
  });
});
