// Oracle tests for `docker container …` / `docker image …`: where the real docker client decides
// offline (argument counts, flag errors, aliases), compare with the simulator byte for byte.
// Skipped when no docker binary is installed.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { realDocker } from "./real-docker";

const docker = realDocker();

const CASES: string[] = [
  "container rm", "container stop", "container start", "container restart", "container kill",
  "container logs", "container logs a b", "container exec a", "container inspect", "container create",
  "container run", "container ls extra", "container ps extra", "container list --foo", "container rm --bogus x",
  "container nope", "image rm", "image pull", "image pull a b", "image inspect",
  "container run -d --cpus x nginx", "run --cpus 1.5.2 nginx", "container create --memory 12q nginx",
  "run -m abc nginx", "container run --shm-size=-1x nginx",
];

describe.skipIf(!docker)("docker container/image oracle (offline decisions)", () => {
  it.each(CASES)("docker %s", (cmd) => {
    const args = cmd.split(" ");
    const real = spawnSync(docker!, args, { env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock", DOCKER_CONFIG: "/tmp/clustergrade-docker-config" }, encoding: "utf8" });
    if (real.stderr.includes("Cannot connect to the Docker daemon")) return;
    const steps = new Session({ seed: "engine-oracle" }).run(`docker ${cmd}`, { allowSim: true });
    expect(steps[0]!.stderr).toBe(real.stderr);
    expect(steps[0]!.stdout).toBe(real.stdout);
    expect(steps[0]!.exitCode).toBe(real.status);
  });
});
