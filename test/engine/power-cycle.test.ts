// A machine's power cycle is the daemon's restore() (engine/subsystem.ts): containers that were up
// are stopped with exit code 255 when the daemon starts again; `always` ones (even stopped by hand)
// and `unless-stopped` ones not stopped by hand start at once; on-failure and no stay down; --rm
// ones are gone. `systemctl restart docker` stops the containers first (their own exit codes).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string) {
  return new Session({ seed: "power" }).run(script, { allowSim: true });
}

const SETUP = [
  "docker run -d --name plain busybox sleep 1d",
  "docker run -d --name always --restart always nginx",
  "docker run -d --name unless --restart unless-stopped nginx",
  "docker run -d --name unless-stopped --restart unless-stopped nginx",
  "docker stop unless-stopped",
  "docker run -d --name always-stopped --restart always nginx",
  "docker stop always-stopped",
  "docker run -d --name onfail --restart on-failure nginx",
  "docker run -d --rm --name gone busybox sleep 1d",
];

describe("machine power cycle", () => {
  it("sim node down/up: Exited (255) without a policy that brings them back", () => {
    const steps = run([...SETUP, "sim node down manager1", "docker ps", "sim advance 60s", "sim node up manager1", "sleep 5",
      "docker ps -a --format '{{.Names}}: {{.Status}}'", "docker inspect -f '{{.State.ExitCode}} {{.RestartCount}}' plain"].join("\n"));
    const n = SETUP.length;
    expect(steps[n + 1]).toMatchObject({ exitCode: 1, stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n" });
    expect(steps[n + 5]!.stdout).toBe([
      "onfail: Exited (255) 5 seconds ago",
      "always-stopped: Up 5 seconds",
      "unless-stopped: Exited (0) About a minute ago",
      "unless: Up 5 seconds",
      "always: Up 5 seconds",
      "plain: Exited (255) 5 seconds ago",
      "",
    ].join("\n"));
    expect(steps[n + 6]!.stdout).toBe("255 0\n");
  });

  it("sim node restart is the same power cycle", () => {
    const steps = run([...SETUP, "sim node restart manager1", "docker ps -a --format '{{.Names}}: {{.State}}'"].join("\n"));
    expect(steps[SETUP.length + 1]!.stdout).toBe("onfail: exited\nalways-stopped: running\nunless-stopped: exited\nunless: running\nalways: running\nplain: exited\n");
  });

  it("systemctl restart docker stops the containers first: their own exit codes, not 255", () => {
    const steps = run([...SETUP, "systemctl restart docker", "docker ps -a --format '{{.Names}}: {{.Status}}'"].join("\n"));
    // busybox's sleep ignores SIGTERM: killed after the 10 s stop timeout, the shutdown's length;
    // nginx quits on SIGQUIT in 0.3 s.
    expect(steps[SETUP.length + 1]!.stdout).toBe([
      "onfail: Exited (0) 9 seconds ago",
      "always-stopped: Up Less than a second",
      "unless-stopped: Exited (0) 10 seconds ago",
      "unless: Up Less than a second",
      "always: Up Less than a second",
      "plain: Exited (137) Less than a second ago",
      "",
    ].join("\n"));
  });
});
