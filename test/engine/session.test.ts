// Single-engine docker commands replayed through a Session: run/ps/logs/exec/stop/rm/images,
// volumes and the local networks the network module shows.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function replay(script: string, files: Record<string, string> = {}) {
  const session = new Session({ seed: "engine-test", files });
  const steps = session.run(script, { allowSim: true });
  return { session, steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

describe("docker run / ps", () => {
  it("runs a detached nginx with a published port and lists it", () => {
    const { steps, out } = replay("docker run -d --name web -p 8080:80 nginx\ndocker ps");
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(0)).toMatch(/^[0-9a-f]{64}\n$/);
    expect(steps[0]!.stderr).toContain("Unable to find image 'nginx:latest' locally\n");
    const lines = out(1).split("\n");
    expect(lines[0]).toBe("CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                  PORTS                                     NAMES");
    expect(lines[1]).toMatch(/^[0-9a-f]{12}   nginx     "\/docker-entrypoint\.…"   Less than a second ago   Up Less than a second   0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp   web$/);
  });

  it("attached run prints the output and exits with the process's code", () => {
    const { steps, out } = replay("docker run --rm busybox echo hello\ndocker run busybox sh -c 'exit 3'\ndocker ps -a -q | wc -l");
    expect(out(0)).toBe("hello\n");
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[1]!.exitCode).toBe(3);
  });

  it("a container name in use is a conflict (exit 125)", () => {
    const { steps } = replay("docker run -d --name web nginx\ndocker run -d --name web nginx");
    expect(steps[1]!.exitCode).toBe(125);
    expect(steps[1]!.stderr).toMatch(/^docker: Error response from daemon: Conflict\. The container name "\/web" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\.\n\nRun 'docker run --help' for more information\n$/);
  });

  it("postgres without a password exits 1 with the entrypoint's error in the logs", () => {
    const { out, err } = replay("docker run -d --name db postgres:16\ndocker ps -a --format '{{.Names}} {{.Status}}'\ndocker logs db");
    expect(out(1)).toBe("db Exited (1) Less than a second ago\n");
    expect(err(2)).toContain("You must specify POSTGRES_PASSWORD to a non-empty value");
  });

  it("sleep takes virtual time; the container exits after it", () => {
    const { out } = replay("docker run -d --name s busybox sleep 30\ndocker ps --format '{{.Names}}'\nsleep 31\ndocker ps -a --format '{{.Names}} {{.Status}}'");
    expect(out(1)).toBe("s\n");
    expect(out(3)).toBe("s Exited (0) 1 second ago\n");
  });

  it("publishing a port twice fails with port is already allocated", () => {
    const { steps } = replay("docker run -d -p 8080:80 nginx\ndocker run -d -p 8080:80 nginx");
    expect(steps[1]!.exitCode).toBe(125);
    expect(steps[1]!.stderr).toContain("Bind for 0.0.0.0:8080 failed: port is already allocated");
  });
});

describe("stop / rm / exec / inspect", () => {
  it("rm of a running container needs -f", () => {
    const { steps, out } = replay("docker run -d --name web nginx\ndocker rm web\ndocker rm -f web\ndocker ps -a -q");
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toMatch(/cannot remove container "[0-9a-f]{64}": container is running: stop the container before removing or force remove/);
    expect(out(2)).toBe("web\n");
    expect(out(3)).toBe("");
  });

  it("stop then inspect shows the exit code; exec fails on a stopped container", () => {
    const { out, steps } = replay("docker run -d --name web nginx\ndocker stop web\ndocker inspect -f '{{.State.Status}} {{.State.ExitCode}}' web\ndocker exec web ls");
    expect(out(1)).toBe("web\n");
    expect(out(2)).toBe("exited 0\n");
    expect(steps[3]!.exitCode).toBe(1);
    expect(steps[3]!.stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n$/);
  });

  it("exec runs in the container; an unknown binary is runc's error", () => {
    const { out, steps } = replay("docker run -d --name web nginx\ndocker exec web echo hi\ndocker exec web nope");
    expect(out(1)).toBe("hi\n");
    expect(steps[2]!.exitCode).toBe(127);
    expect(steps[2]!.stderr).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown\n');
  });

  it("unknown container", () => {
    const { steps } = replay("docker stop nope\ndocker logs nope");
    expect(steps[0]!.stderr).toBe("Error response from daemon: No such container: nope\n");
    expect(steps[1]!.exitCode).toBe(1);
  });

  it("restart policy always brings an exiting container back", () => {
    const { session, out } = replay("docker run -d --name x --restart always busybox false\nsleep 5\ndocker inspect -f '{{.RestartCount}}' x");
    expect(Number(out(2).trim())).toBeGreaterThan(2);
    expect(session.world.events.some((e) => e.type === "container-restarting" && e.subject === "x")).toBe(true);
  });
});

describe("images and volumes", () => {
  it("lists pulled images and named volumes", () => {
    const { out } = replay("docker pull redis:7\ndocker images --format '{{.Repository}}:{{.Tag}}'\ndocker volume create data\ndocker volume ls\ndocker run -d -v data:/data --name r redis:7\ndocker volume rm data");
    expect(out(1)).toBe("redis:7\n");
    expect(out(3)).toBe("DRIVER    VOLUME NAME\nlocal     data\n");
  });

  it("state snapshot exposes containers per host", () => {
    const { session } = replay("docker run -d --name web nginx");
    const snap = session.world.snapshot() as Record<string, any>;
    const hostName = session.world.hosts[0]!.name;
    expect(snap["docker.engine"][hostName].containers[0]).toMatchObject({ name: "web", image: "nginx", status: "running" });
  });
});
