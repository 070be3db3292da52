// The engine passes the image and runtime features through: reference errors in the parser's words
// (oracle: the real docker client rejects them without a daemon), create's errors as create returns
// them (bare, exit 1), and the container's network (its address, Docker's embedded DNS) to PID 1
// and to exec'd programs.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { realDocker } from "./real-docker";

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

describe("network-scoped aliases (client-side parse)", () => {
  it.each(["run", "create"])("docker %s --network-alias needs a user-defined network", (verb) => {
    for (const net of ["", "--network bridge ", "--network host "]) {
      expect(run(`docker ${verb} ${net}--network-alias x busybox`)[0]).toMatchObject({
        exitCode: 125,
        stderr: `docker: network-scoped aliases are only supported for user-defined networks\n\nRun 'docker ${verb} --help' for more information\n`,
      });
    }
  });
});

describe("a container's network as its programs see it", () => {
  const setup = [
    "docker network create app",
    "docker run -d --name web --network app --network-alias www nginx",
    "docker run -d --name plain nginx",
    "docker pull busybox",
  ];
  /** The steps after the setup. */
  const after = (...cmds: string[]) => run([...setup, ...cmds].join("\n")).slice(setup.length);

  it("hostname -i and inspect show the container's address; the deprecated IPAddress is the default bridge's", () => {
    const steps = after("docker exec web hostname -i", "docker exec plain hostname -i",
      "docker inspect -f '{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Networks.app.IPAddress}}' web",
      "docker inspect -f '{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Gateway}}|{{.NetworkSettings.IPPrefixLen}}' plain");
    const webIp = steps[0]!.stdout.trim();
    expect(webIp).toMatch(/^172\.18\.0\.\d+$/);
    expect(steps[1]!.stdout).toMatch(/^172\.17\.0\.\d+\n$/);
    expect(steps[2]!.stdout).toBe(`|${webIp}\n`);
    expect(steps[3]!.stdout).toBe(`${steps[1]!.stdout.trim()}|172.17.0.1|16\n`);
  });

  it("the embedded DNS (127.0.0.11) resolves names, aliases and NAME.NETWORK on a user-defined network", () => {
    const steps = after("docker exec web hostname -i",
      "docker run --rm --network app busybox nslookup web",
      "docker run --rm --network app busybox nslookup www",
      "docker run --rm --network app busybox nslookup web.app",
      "docker run --rm --network app busybox nslookup plain");
    const ip = steps[0]!.stdout.trim();
    const answer = (name: string) => `Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\t${name}\nAddress: ${ip}\n\n`;
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: answer("web") });
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: answer("www") });
    expect(steps[3]).toMatchObject({ exitCode: 0, stdout: answer("web.app") });
    // plain is on the default bridge only: not on a network the asker shares.
    expect(steps[4]).toMatchObject({ exitCode: 1, stdout: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find plain: NXDOMAIN\n\n" });
  });

  it("wget reaches another container by name on a user-defined network, by address on the default bridge, not by name there", () => {
    const steps = after("docker exec web hostname -i", "docker exec plain hostname -i",
      "docker run --rm --network app busybox wget -O /dev/null http://web/",
      "docker run --rm busybox wget -qO /dev/null http://plain/",
      "docker run --rm --network app busybox wget -q -O- http://web:81/");
    const webIp = steps[0]!.stdout.trim();
    expect(steps[2]!.exitCode).toBe(0);
    expect(steps[2]!.stderr.split("\n")[0]).toBe(`Connecting to web (${webIp}:80)`);
    expect(steps[3]).toMatchObject({ exitCode: 1, stderr: "wget: bad address 'plain'\n" });
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: `wget: can't connect to remote host (${webIp}): Connection refused\n` });
    const plainIp = steps[1]!.stdout.trim();
    const byIp = after(`docker run --rm busybox wget -qO- http://${plainIp}/`);
    expect(byIp[0]).toMatchObject({ exitCode: 0 });
    expect(byIp[0]!.stdout).toContain("<title>Welcome to nginx!</title>");
  });

  it("a stopped container's name no longer resolves (only running containers have endpoints)", () => {
    const steps = after("docker stop web", "docker run --rm --network app busybox wget -qO- http://web/");
    expect(steps[1]).toMatchObject({ exitCode: 1, stderr: "wget: bad address 'web'\n" });
  });

  it("a container on the default bridge asks the machine's nameserver, which knows no container names", () => {
    const steps = run("docker pull busybox\ndocker run --rm busybox nslookup web");
    expect(steps[1]).toMatchObject({ exitCode: 1, stdout: "Server:\t\t10.0.0.1\nAddress:\t10.0.0.1:53\n\n** server can't find web: NXDOMAIN\n\n" });
  });
});

describe("the network hooks survive a forked world", () => {
  it("a container started before the fork resolves containers started in the copy, not in the original", () => {
    const base = new Session({ seed: "wiring", cluster: { hosts: [{ name: "h1", ip: "10.0.0.2" }] } });
    // nginx as the client: a daemon PID 1 can be copied (a shell running a script cannot).
    base.run("docker network create app\ndocker run -d --name client --network app nginx", { allowSim: false });
    const copy = base.fork();
    copy.run("docker run -d --name web --network app nginx", { allowSim: false });
    const inCopy = copy.run("docker exec client curl -s http://web/", { allowSim: false });
    expect(inCopy[0]).toMatchObject({ exitCode: 0 });
    expect(inCopy[0]!.stdout).toContain("<title>Welcome to nginx!</title>");
    const inBase = base.run("docker exec client curl -s http://web/", { allowSim: false });
    expect(inBase[0]).toMatchObject({ exitCode: 6 });
  });
});

describe("--network host", () => {
  it("the container takes the host's name; elsewhere its short ID", () => {
    const steps = run("docker pull busybox\ndocker run --rm --network host busybox hostname\ndocker run -d --name c busybox sleep 9\ndocker exec c hostname");
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "h1\n" });
    expect(steps[3]!.stdout).toBe(`${steps[2]!.stdout.slice(0, 12)}\n`);
  });
});
