// `docker logs` options (-t, --since/--until, --tail/-n, --details), `docker pull -q` and the
// "up to date" pull, `docker run --rm` when the start fails, and Config.Entrypoint vs Config.Cmd
// as the images define them. Offline decisions are compared with the real client when installed.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { getTimestamp, goDurationMs } from "../../src/sim/docker/engine/logs";
import { realDocker } from "./real-docker";

const run = (script: string) => new Session({ seed: "logs" }).run(script, { allowSim: true });

const TICKER = `docker run -d --name t busybox sh -c 'for i in 1 2 3 4 5; do echo line $i; sleep 10; done; sleep 1000'\nsleep 35`;

describe("docker logs", () => {
  it("-t prefixes RFC3339NanoFixed times of the virtual clock", () => {
    const out = run(`${TICKER}\ndocker logs -t t`).at(-1)!.stdout;
    expect(out).toBe([
      "2024-01-10T00:00:00.000000000Z line 1", "2024-01-10T00:00:10.000000000Z line 2",
      "2024-01-10T00:00:20.000000000Z line 3", "2024-01-10T00:00:30.000000000Z line 4", "",
    ].join("\n"));
  });

  it("--tail/-n keep the last lines; 0 none; anything else every line", () => {
    const steps = run(`${TICKER}\ndocker logs -n 2 t\ndocker logs --tail 1 t\ndocker logs --tail 0 t\ndocker logs --tail all t\ndocker logs --tail x t`);
    expect(steps[2]!.stdout).toBe("line 3\nline 4\n");
    expect(steps[3]!.stdout).toBe("line 4\n");
    expect(steps[4]!.stdout).toBe("");
    expect(steps[5]!.stdout).toBe("line 1\nline 2\nline 3\nline 4\n");
    expect(steps[6]!.stdout).toBe(steps[5]!.stdout);
  });

  it("--since and --until take durations, timestamps and Unix seconds, both ends included", () => {
    const steps = run([
      TICKER, "docker logs --since 15s t", "docker logs --until 2024-01-10T00:00:10Z t",
      "docker logs --since 2024-01-10T00:00:10 --until 2024-01-10T00:00:20 t", "docker logs --since 1704844810.5 t",
      "docker logs --since 2024-01-10T01:00:20+01:00 t", "docker logs --since 1m --tail 1 t",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe("line 3\nline 4\n");
    expect(steps[3]!.stdout).toBe("line 1\nline 2\n");
    expect(steps[4]!.stdout).toBe("line 2\nline 3\n");
    expect(steps[5]!.stdout).toBe("line 3\nline 4\n");
    expect(steps[6]!.stdout).toBe("line 3\nline 4\n");
    expect(steps[7]!.stdout).toBe("line 4\n");
  });

  it("refuses what GetTimestamp cannot read, and --details puts a space before each line", () => {
    const steps = run(`${TICKER}\ndocker logs --since abc t\ndocker logs --details --tail 1 t`);
    expect(steps[2]).toMatchObject({ exitCode: 1, stdout: "", stderr: 'invalid value for "since": failed to parse value as time or duration: "abc"\n' });
    expect(steps[3]!.stdout).toBe(" line 4\n");
  });

  it("a container with a TTY has one stream, stdout, with CR LF line ends (logs and an attached run)", () => {
    const steps = run([
      "docker pull -q busybox",
      "docker run -dit --name b busybox sh -c 'echo hi; echo err >&2; sleep 100'",
      "docker logs b", "docker logs -t --tail 1 b", "docker run -t busybox echo hello",
    ].join("\n"));
    expect(steps[2]).toMatchObject({ stdout: "hi\r\nerr\r\n", stderr: "" });
    expect(steps[3]!.stdout).toBe("2024-01-10T00:00:00.000000000Z err\r\n");
    expect(steps[4]).toMatchObject({ stdout: "hello\r\n", stderr: "" });
  });

  it("-f streams until PID 1 exits (capped for a server, as an attached run)", () => {
    const steps = run([
      "docker pull -q busybox", "docker run -d --name j busybox sh -c 'echo start; sleep 5; echo done'",
      "docker logs -f j", "docker ps -a --format '{{.Status}}'",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe("start\ndone\n");
    expect(steps[3]!.stdout).toBe("Exited (0) Less than a second ago\n");
  });

  it("parses Go durations and timestamps like the client", () => {
    expect(goDurationMs("1h30m")).toBe(5_400_000);
    expect(goDurationMs("1.5s")).toBe(1500);
    expect(goDurationMs("10")).toBeUndefined();
    expect(getTimestamp("10m", Date.UTC(2024, 0, 10, 0, 10, 0, 500))).toEqual({ sec: Date.UTC(2024, 0, 10) / 1000, nanos: 0 });
    expect(getTimestamp("2024-01-10", 0)).toEqual({ sec: Date.UTC(2024, 0, 10) / 1000, nanos: 0 });
    expect(getTimestamp("0", 0)).toEqual({ sec: 0, nanos: 0 });
    expect(getTimestamp("2024-01-10T10:00:00+01:00", 0)).toEqual({ sec: Date.UTC(2024, 0, 10, 9) / 1000, nanos: 0 });
    expect(getTimestamp("2024-01-10T10:00:00.5Z", 0)).toEqual({ sec: Date.UTC(2024, 0, 10, 10) / 1000, nanos: 500_000_000 });
  });

  it("a timestamp Go cannot parse is Go's ParseError", () => {
    expect(getTimestamp("2024-01-10 10:00:00", 0)).toBe('parsing time "2024-01-10 10:00:00": extra text: " 10:00:00"');
    expect(getTimestamp("2024-1-10", 0)).toBe('parsing time "2024-1-10" as "2006-01-02": cannot parse "1-10" as "01"');
    expect(getTimestamp("2024-13-01", 0)).toBe('parsing time "2024-13-01": month out of range');
    expect(getTimestamp("2024-02-30", 0)).toBe('parsing time "2024-02-30": day out of range');
    expect(getTimestamp("2024-01-10T10:00:00z", 0)).toBe('parsing time "2024-01-10T10:00:00z" as "2006-01-02T15:04:05Z07:00": cannot parse "z" as "Z07:00"');
    const step = run(`${TICKER}\ndocker logs --until '2024-01-10 00:00:10' t`)[2]!;
    expect(step).toMatchObject({ exitCode: 1, stdout: "", stderr: 'invalid value for "until": parsing time "2024-01-10 00:00:10": extra text: " 00:00:10"\n' });
  });
});

describe("docker pull", () => {
  it("-q prints only the full reference, also for an image already present", () => {
    const steps = run("docker pull -q nginx\ndocker pull -q nginx:1.25\ndocker pull -q nginx");
    expect(steps.map((s) => s.stdout)).toEqual(["docker.io/library/nginx:latest\n", "docker.io/library/nginx:1.25\n", "docker.io/library/nginx:latest\n"]);
    expect(steps.every((s) => s.stderr === "" && s.exitCode === 0)).toBe(true);
  });

  it("an image already here is up to date, whatever spelling names it", () => {
    const steps = run("docker pull nginx\ndocker pull docker.io/library/nginx:latest");
    expect(steps[1]!.stdout).toMatch(/^latest: Pulling from library\/nginx\nDigest: sha256:[0-9a-f]{64}\nStatus: Image is up to date for nginx:latest\ndocker\.io\/library\/nginx:latest\n$/);
  });

  it("-q keeps the error of a failed pull and drops the default-tag line", () => {
    const step = run("docker pull -q nosuchuser/nosuchimage")[0]!;
    expect(step.stdout).toBe("");
    expect(step.stderr).toMatch(/^Error response from daemon: pull access denied for nosuchuser\/nosuchimage/);
  });
});

describe("docker run --rm and the image's Entrypoint and Cmd", () => {
  it("--rm removes a container whose start failed (127, the OCI message)", () => {
    const steps = run("docker run --rm --name x busybox nosuchcmd\ndocker ps -a --format '{{.Names}}'");
    expect(steps[0]!.exitCode).toBe(127);
    expect(steps[0]!.stderr).toContain('exec: "nosuchcmd": executable file not found in $PATH: unknown');
    expect(steps[1]!.stdout).toBe("");
  });

  it("--rm is the daemon's AutoRemove: a detached container goes when it exits, stopped, killed or on its own", () => {
    const steps = run([
      "docker pull -q nginx && docker pull -q busybox",
      "docker run -d --rm --name x nginx", "docker inspect -f '{{.HostConfig.AutoRemove}}' x", "docker stop x",
      "docker run -d --rm --name y busybox sh -c 'sleep 3; exit 2'", "docker ps -a --format '{{.Names}}'", "sleep 5",
      "docker run -d --rm --name z busybox sleep 100", "docker kill z",
      "docker create --rm --name c busybox true", "docker start c",
      "docker ps -a --format '{{.Names}}'",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe("true\n");
    expect(steps[5]!.stdout).toBe("y\n");
    expect(steps[11]!.stdout).toBe("");
  });

  it("without --rm the failed container stays, Created", () => {
    const steps = run("docker run --name x busybox nosuchcmd\ndocker ps -a --format '{{.Names}} {{.Status}}'");
    expect(steps[1]!.stdout).toBe("x Created\n");
  });

  it("inspect shows the image's ENTRYPOINT and CMD apart; --entrypoint drops the image's CMD", () => {
    const f = "docker inspect -f '{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Path}} {{json .Args}}'";
    const steps = run([
      "docker run -d --name web nginx", `${f} web`,
      "docker run -d --name cache redis", `${f} cache`,
      "docker create --name box busybox", `${f} box`,
      "docker create --name box2 busybox echo hi", `${f} box2`,
      "docker create --name ep --entrypoint /bin/sh nginx", `${f} ep`,
      "docker create --name ep2 --entrypoint /bin/sh nginx -c true", `${f} ep2`,
    ].join("\n"));
    expect(steps[1]!.stdout).toBe('["/docker-entrypoint.sh"] ["nginx","-g","daemon off;"] "/docker-entrypoint.sh" ["nginx","-g","daemon off;"]\n');
    expect(steps[3]!.stdout).toBe('["docker-entrypoint.sh"] ["redis-server"] "docker-entrypoint.sh" ["redis-server"]\n');
    expect(steps[5]!.stdout).toBe('null ["sh"] "sh" []\n');
    expect(steps[7]!.stdout).toBe('null ["echo","hi"] "echo" ["hi"]\n');
    expect(steps[9]!.stdout).toBe('["/bin/sh"] null "/bin/sh" []\n');
    expect(steps[11]!.stdout).toBe('["/bin/sh"] ["-c","true"] "/bin/sh" ["-c","true"]\n');
  });
});

const docker = realDocker();

const ORACLE = ["pull -a nginx:1.25", "pull -a -q nginx@sha256:abc", "pull -q NGINX", "image pull --all-tags redis:7", "logs -n", "logs --since"];

describe.skipIf(!docker)("docker pull/logs oracle (offline decisions)", () => {
  it.each(ORACLE)("docker %s", (cmd) => {
    const real = spawnSync(docker!, cmd.split(" "), { env: { ...process.env, DOCKER_HOST: "unix:///nonexistent.sock", DOCKER_CONFIG: "/tmp/clustergrade-docker-config" }, encoding: "utf8" });
    if (real.stderr.includes("Cannot connect to the Docker daemon")) return;
    const step = run(`docker ${cmd}`)[0]!;
    expect(step.stderr).toBe(real.stderr);
    expect(step.stdout).toBe(real.stdout);
    expect(step.exitCode).toBe(real.status);
  });
});

describe("docker inspect Config", () => {
  it("follows Go's container.Config order, with the CLI's stdio fields and the image's defaults", () => {
    const steps = run([
      "docker pull -q nginx && docker pull -q busybox",
      "docker run -d --name web nginx", "docker inspect -f '{{json .Config}}' web",
      "docker create -it -u 1000 --name b busybox", "docker inspect -f '{{json .Config}}' b",
    ].join("\n"));
    expect(steps[2]!.stdout).toBe(`{"Hostname":"${JSON.parse(steps[2]!.stdout).Hostname}","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"80/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":${JSON.stringify(JSON.parse(steps[2]!.stdout).Env)},"Cmd":["nginx","-g","daemon off;"],"Image":"nginx","Volumes":null,"WorkingDir":"","Entrypoint":["/docker-entrypoint.sh"],"OnBuild":null,"Labels":{},"StopSignal":"SIGQUIT"}\n`);
    const b = JSON.parse(steps[4]!.stdout);
    expect([b.User, b.AttachStdin, b.AttachStdout, b.AttachStderr, b.Tty, b.OpenStdin, b.StdinOnce, b.WorkingDir, b.Cmd]).toEqual(["1000", true, true, true, true, true, true, "", ["sh"]]);
  });
});
