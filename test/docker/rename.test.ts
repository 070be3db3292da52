// docker rename (docker 28.2 client; moby daemon/rename.go, names.go) and the container-name rule
// create shares with it.
import { expect, it } from "vitest";
import { Session } from "../../src/sim";

it("docker rename: the daemon's refusals, then the new name everywhere (ps, the embedded DNS)", () => {
  const s = new Session({ seed: "rename", cluster: { hosts: [{ name: "h1", ip: "10.0.0.5" }] } });
  const steps = s.run([
    "docker run -d --name web nginx:1.27", "docker run -d --name db redis:7",
    "docker rename web web", "docker rename web db", "docker rename web 'my web'", "docker rename nope x2", "docker rename web ''",
    "docker rename web site", "docker ps --format '{{.Names}}'",
    "docker network create net1", "docker network connect net1 site", "docker run --rm --network net1 busybox:1.36 wget -qO- site | grep -c '<title>Welcome to nginx'",
    "docker run -d --name 'a b' nginx:1.27",
  ].join("\n"), { allowSim: false });
  const db = steps[1]!.stdout.trim();
  expect(steps.slice(2, 7).map((x) => [x.exitCode, x.stderr])).toEqual([
    [1, "Error response from daemon: Renaming a container with the same name as its current name\n"],
    [1, `Error response from daemon: Error when allocating new name: Conflict. The container name "/db" is already in use by container "${db}". You have to remove (or rename) that container to be able to reuse that name.\n`],
    [1, "Error response from daemon: Error when allocating new name: Invalid container name (/my web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n"],
    [1, "Error response from daemon: No such container: nope\n"],
    [1, "Error: Neither old nor new names may be empty\n"],
  ]);
  expect([steps[7]!.exitCode, steps[7]!.stdout]).toEqual([0, ""]);
  expect(steps[8]!.stdout).toBe("db\nsite\n");
  expect(steps[11]!.stdout).toBe("1\n");
  expect([steps[12]!.exitCode, steps[12]!.stderr]).toEqual([125,
    "docker: Error response from daemon: Invalid container name (a b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n"]);
});
