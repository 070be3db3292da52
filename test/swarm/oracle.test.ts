// Oracle tests: where the real docker client decides offline (flag errors, argument counts, the
// CLI-side checks before any API call), run it and compare with the simulator byte for byte.
// Skipped when no docker binary is installed.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { replay, THREE_HOSTS } from "./helpers";
import { realDocker } from "../engine/real-docker";

const docker = realDocker();

const CASES: string[] = [
  "service create --replicas x nginx",
  "service create --mode global --replicas 2 nginx",
  "service create --mode foo nginx",
  "service create --publish 1.2.3.4:80:80 nginx",
  "service create -p published=80 nginx",
  "service create -p target=80,mode=foo nginx",
  "service create --mount foo=bar nginx",
  "service create --mount type=volume nginx",
  "service create --update-delay 5 nginx",
  "service create --reserve-memory 1q nginx",
  "service create --reserve-cpu 0.0000000001 nginx",
  "service create --placement-pref foo nginx",
  "service create --placement-pref foo=bar nginx",
  "service create --secret source=a,foo=b nginx",
  "service create",
  "service scale web",
  "service scale web=",
  "swarm join",
  "swarm join a b",
  "swarm init --availability foo",
  "swarm init extra",
  "swarm join-token foo",
  "swarm join-token",
  "swarm unlock extra",
  "secret create",
  "secret create a b c",
  "config create a",
  "node update",
  "network create",
  "network connect a",
  "swarm update --autolock=maybe",
  "service ls --filter foo",
  "node ls extra",
  // Student typos in flag values (exercise walk-through).
  "service create -p 80:80:80 nginx",
  "service create -p a:b:c:d nginx",
  "service create -p 80-70 nginx",
  "service create -p 70000 nginx",
  "service create -p 80: nginx",
  "service create -p 8080-8081:80-82 nginx",
  "service create -p 80/xyz nginx",
  "service create --mount type=volume,src=a,dst=/x,readonly=maybe nginx",
  "service create --health-cmd true --no-healthcheck nginx",
  "service create --dns 8.8.8 nginx",
  "service create --host foo nginx",
  "service create --host foo:bar nginx",
  "service create --ulimit nofile nginx",
  "service update --publish-rm web",
  "swarm init --default-addr-pool 10.0.0.0",
  // module 4's `docker run` instead of a service, mistyped.
  "run -p 80:80:80 nginx",
  "run -p abc nginx",
  "run -p 70000:80 nginx",
  "run -p 80/xyz nginx",
  "run --restart on-failure:x nginx",
  "run --rm -d --restart always nginx",
  "run --mount type=bind nginx",
  "run --dns 1.2.3 nginx",
  "run --add-host foo nginx",
  "create -p abc nginx",
  "ps --format {{.Nope}}",
  "ps --format {{.Names}",
  "network create -d overlay --subnet 10.0.0.0/8 --subnet 10.1.0.0/16 x",
];

describe.skipIf(!docker)("docker CLI oracle (offline decisions)", () => {
  it.each(CASES)("docker %s", (cmd) => {
    const args = cmd.split(" ");
    const real = spawnSync(docker!, args, { env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock", DOCKER_CONFIG: "/tmp/clustergrade-docker-config" }, encoding: "utf8" });
    const { steps } = replay(`docker ${cmd}`, THREE_HOSTS);
    // Only compare where the real client failed before contacting the daemon.
    if (real.stderr.includes("Cannot connect to the Docker daemon")) return;
    expect(steps[0]!.stderr).toBe(real.stderr);
    expect(steps[0]!.stdout).toBe(real.stdout);
    expect(steps[0]!.exitCode).toBe(real.status);
  });
});
