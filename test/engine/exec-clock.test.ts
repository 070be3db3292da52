// docker exec (and docker compose exec) block while their command runs, as kubectl exec does: the
// clock moves by the command's sleeps and network waits; -d returns at once and prints nothing;
// a command that never ends comes back as timed out without moving time.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function run(script: string, files: Record<string, string> = {}) {
  const s = new Session({ seed: "exec-clock", files, cluster: { hosts: [{ name: "host1", ip: "10.0.0.10" }] } });
  return s.run(script, { allowSim: false });
}

const dates = (steps: { command: string; stdout: string }[]) => steps.filter((s) => s.command === "date").map((s) => s.stdout.trim());

describe("docker exec and the virtual clock", () => {
  it("`docker exec c sleep 30` takes 30 s; the container's own clock follows", () => {
    const steps = run("docker run -d --name c busybox sleep 100000\ndate\ndocker exec c sleep 30\ndate\ndocker exec c date");
    expect(dates(steps)).toEqual(["Wed Jan 10 00:00:00 UTC 2024", "Wed Jan 10 00:00:30 UTC 2024"]);
    expect(steps[4]!.stdout).toBe("Wed Jan 10 00:00:30 UTC 2024\n");
  });

  it("a wget to an address nobody has waits the kernel's connect timeout, or -T's alarm", () => {
    const steps = run([
      "docker run -d --name c busybox sleep 100000",
      "docker exec c wget -T 5 -O- http://10.9.9.9/", "date",
      "docker exec c wget -O- http://10.9.9.9/", "date",
    ].join("\n"));
    expect([steps[1]!.exitCode, steps[1]!.stderr]).toEqual([1, "Connecting to 10.9.9.9 (10.9.9.9:80)\nwget: download timed out\n"]);
    expect(steps[3]!.stderr).toBe("Connecting to 10.9.9.9 (10.9.9.9:80)\nwget: can't connect to remote host (10.9.9.9): Connection timed out\n");
    // 5 s, then busybox's 127 s (the kernel's SYN retries).
    expect(dates(steps)).toEqual(["Wed Jan 10 00:00:05 UTC 2024", "Wed Jan 10 00:02:12 UTC 2024"]);
  });

  it("a shell's sleeps add up; -d prints nothing and does not hold the shell; a never-ending command moves nothing", () => {
    const steps = run([
      "docker run -d --name c busybox sleep 100000",
      "docker exec c sh -c 'sleep 2; echo hi; sleep 3'", "date",
      "docker exec -d c sh -c 'echo hi; sleep 50'", "date",
      "docker exec c tail -f /dev/null", "date",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("hi\n");
    expect([steps[3]!.exitCode, steps[3]!.stdout, steps[3]!.stderr]).toEqual([0, "", ""]);
    expect(steps[5]!.exitCode).toBe(124);
    expect(dates(steps)).toEqual(["Wed Jan 10 00:00:05 UTC 2024", "Wed Jan 10 00:00:05 UTC 2024", "Wed Jan 10 00:00:05 UTC 2024"]);
  });

  it("time passing during an exec is time for the container too: a restart policy's container exits meanwhile", () => {
    const steps = run([
      "docker run -d --name short busybox sleep 20",
      "docker run -d --name c busybox sleep 100000",
      "docker exec c sleep 30",
      "docker ps -a --filter name=short --format '{{.Status}}'",
    ].join("\n"));
    expect(steps[3]!.stdout).toMatch(/^Exited \(0\) 10 seconds ago\n$/);
  });

  it("docker compose exec waits as docker exec does", () => {
    const files = { "compose.yaml": "services:\n  app:\n    image: busybox\n    command: sleep 100000\n" };
    const steps = run("docker compose up -d\ndocker compose exec app sleep 45\ndate", files);
    expect(steps[1]!.exitCode).toBe(0);
    expect(dates(steps)).toEqual(["Wed Jan 10 00:00:45 UTC 2024"]);
  });
});
