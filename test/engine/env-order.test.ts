// moby merges a container's environment with its image's: the container's variables first, then
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
