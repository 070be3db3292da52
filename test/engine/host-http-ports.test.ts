// HTTP from the machines to published container ports: what answers is what the engine bound at
// start (NetworkSettings.Ports) — a `-P` or `-p 80` port is the allocator's, an address written out
// binds that address only (`-p 127.0.0.1:8080:80` is reachable from the machine itself, not from
// another one), and a host-network container listens on the machine's own addresses.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const TWO = { hosts: [{ name: "h1", ip: "10.0.0.1" }, { name: "h2", ip: "10.0.0.2" }] };
const run = (script: string) => new Session({ seed: "host-http", cluster: TWO }).run(script, { allowSim: true });
const WELCOME = "<title>Welcome to nginx!</title>";

describe("curl on the machines reaches bound ports", () => {
  it("a -P port answers on localhost and from another machine", () => {
    const steps = run([
      "docker run -d -P --name web nginx",
      "docker port web 80",
      "curl -s localhost:32768",
      "curl -s http://10.0.0.1:32768/",
      "ssh h2 curl -s h1:32768",
      "curl -sS localhost:80",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("0.0.0.0:32768\n[::]:32768\n");
    for (const i of [2, 3, 4]) expect(steps[i]).toMatchObject({ exitCode: 0, stdout: expect.stringContaining(WELCOME) });
    expect(steps[5]).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n" });
  });

  it("-p without a host port answers on the allocated one", () => {
    const steps = run("docker run -d -p 80 nginx\ncurl -s -o /dev/null -w '%{http_code}\\n' localhost:32768");
    expect(steps[1]!.stdout).toBe("200\n");
  });

  it("a 127.0.0.1 binding answers on the machine's loopback only", () => {
    const steps = run([
      "docker run -d -p 127.0.0.1:8080:80 nginx",
      "curl -s localhost:8080",
      "curl -s 127.0.0.1:8080",
      "curl -sS h1:8080",
      "curl -sS 10.0.0.1:8080",
      "ssh h2 curl -sS 10.0.0.1:8080",
    ].join("\n"));
    expect(steps[1]!.stdout).toContain(WELCOME);
    expect(steps[2]!.stdout).toContain(WELCOME);
    expect(steps[3]).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to h1 port 8080 after 0 ms: Couldn't connect to server\n" });
    expect(steps[4]).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to 10.0.0.1 port 8080 after 0 ms: Couldn't connect to server\n" });
    expect(steps[5]).toMatchObject({ host: "h1", exitCode: 7 });
  });

  it("a binding on the machine's own address answers there, not on loopback", () => {
    const steps = run("docker run -d -p 10.0.0.1:8080:80 nginx\nssh h2 curl -s h1:8080\ncurl -sS localhost:8080");
    expect(steps[1]!.stdout).toContain(WELCOME);
    expect(steps[2]!.exitCode).toBe(7);
  });

  it("a stopped container's port no longer answers", () => {
    const steps = run("docker run -d -P --name web nginx\ndocker stop web\ncurl -sS localhost:32768");
    expect(steps[2]!.exitCode).toBe(7);
  });

  it("a host-network container listens on the machine's addresses", () => {
    const steps = run("docker run -d --network host nginx\ncurl -s localhost\nssh h2 curl -s h1\ncurl -sS localhost:8080");
    expect(steps[1]!.stdout).toContain(WELCOME);
    expect(steps[2]!.stdout).toContain(WELCOME);
    expect(steps[3]!.exitCode).toBe(7);
  });
});

describe("containers reaching the machines' addresses", () => {
  it("a bridge container reaches a machine's published port by IP, as the machine would answer", () => {
    const steps = run([
      "docker run -d -P nginx",
      "docker run --rm curlimages/curl -s -o /dev/null -w '%{http_code}\\n' 10.0.0.1:32768",
      "docker run --rm curlimages/curl -sS 10.0.0.1:9999",
      "docker run --rm busybox wget -qO- 10.0.0.2:32768",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("200\n");
    expect(steps[2]).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to 10.0.0.1 port 9999 after 0 ms: Could not connect to server\n" });
    expect(steps[3]).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/\nwget: can't connect to remote host \(10\.0\.0\.2\): Connection refused\n$/) });
  });

  it("a host-network container's localhost is the machine's (127.0.0.1-only bindings included)", () => {
    const steps = run([
      "docker run -d -p 127.0.0.1:8080:80 nginx",
      "docker run --rm --network host curlimages/curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080",
      "docker run --rm curlimages/curl -sS localhost:8080",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("200\n");
    expect(steps[2]!.exitCode).toBe(7);
  });
});
