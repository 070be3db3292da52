// Engine behaviours fixed in the Docker fidelity audit. Environment: moby merges a container's variables
// with its image's ENV — the container's first, then
// the image's ENV entries it does not override; exec'd processes get PATH, HOSTNAME, then that list.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";

const run = (script: string) => new Session({ seed: "env", cluster: { hosts: [{ name: "h1", ip: "10.0.0.2" }] } }).run(script, { allowSim: false });

describe("container environment order", () => {
  it("inspect lists -e variables before the image's; env in the container follows", () => {
    const steps = run([
      "docker run -d -e A=1 -e PATH=/x --name c nginx",
      "docker inspect --format '{{json .Config.Env}}' c",
      "docker exec c env",
    ].join("\n"));
    expect(steps[1]!.stdout).toMatch(/^\["A=1","PATH=\/x","NGINX_VERSION=[^"]+"/);
    const lines = steps[2]!.stdout.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual(["PATH=/x", `HOSTNAME=${lines[1]!.slice(9)}`, "A=1"]);
    expect(lines[3]).toMatch(/^NGINX_VERSION=/);
    expect(lines[lines.length - 1]).toBe("HOME=/root");
  });
});

describe("a host port already taken", () => {
  it("names the endpoint (container and 64-hex ID); docker start adds its 'failed to start containers' line", () => {
    const steps = run([
      "docker run -d -p 8080:80 --name a nginx",
      "docker create -p 8080:80 --name b nginx",
      "docker start b",
      "docker run -d -p 8080:80 --name c nginx",
      "docker start nosuch",
    ].join("\n"));
    const bind = (name: string) => new RegExp(`^Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint ${name} \\([0-9a-f]{64}\\): Bind for 0\\.0\\.0\\.0:8080 failed: port is already allocated\\n`);
    expect(steps[2]!.stderr).toMatch(bind("b"));
    expect(steps[2]!.stderr.endsWith("\nError: failed to start containers: b\n")).toBe(true);
    expect(steps[3]!.stderr.split("\n").find((l) => l.startsWith("docker: "))).toMatch(/^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint c \(/);
    expect(steps[3]!.exitCode).toBe(125);
    expect(steps[4]!.stderr).toBe("Error response from daemon: No such container: nosuch\nError: failed to start containers: nosuch\n");
  });
});
