// Audit (session 9) of the Swarm exercises as students type them: each case is a discrepancy
// with docker 28 / swarmkit that was fixed, replayed as the command sequence that showed it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim/index";
import { replay, SWARM3, THREE_HOSTS } from "./helpers";
import { hasDocker } from "../format/oracle";
import { startFakeDaemon } from "./fake-daemon";

const LOCKED = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" }, { name: "manager2", ip: "10.0.0.12" }, { name: "manager3", ip: "10.0.0.13" },
  ],
  swarm: { managers: ["manager1", "manager2", "manager3"], workers: [], autolock: true },
};

describe("a placement-only update moves no running task (swarmkit IsTaskDirtyPlacementConstraintsOnly)", () => {
  // The whole Placement (constraints, preferences, MaxReplicas) is compared apart from the rest of
  // the task spec: when only it changed and the task's node still meets the constraints, the task
  // is up to date. moby#37940: "reducing the max-replicas value does not terminate existing tasks".
  it("--replicas-max-per-node lowered: the two tasks on manager1 stay, REPLICAS shows the cap", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 4 nginx",
      "docker service update -d --replicas-max-per-node 1 web",
      "docker service ps web --format '{{.Name}} {{.Node}} {{.DesiredState}}'",
      "docker service ls --format '{{.Replicas}}'",
      "docker service inspect web --format '{{json .UpdateStatus}}'",
    ].join("\n"));
    expect(out(2)).toBe("web.1 manager1 Running\nweb.2 worker1 Running\nweb.3 worker2 Running\nweb.4 manager1 Running\n");
    expect(out(3)).toBe("4/4 (max 1 per node)\n");
    // The updater found nothing out of date, so no update ever started.
    expect(out(4)).toBe("null\n");
  });

  it("--placement-pref-add: no task is replaced (no Shutdown history)", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 nginx",
      "docker service update -d --placement-pref-add spread=node.labels.zone web",
      "docker service ps web --format '{{.Name}} {{.DesiredState}}'",
    ].join("\n"));
    expect(out(2)).toBe("web.1 Running\nweb.2 Running\nweb.3 Running\n");
  });

  it("a constraint the node no longer meets still replaces its task", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 1 nginx",
      "docker service ps web --format '{{.Node}}'",
      "docker service update -d --placement-pref-add spread=node.labels.zone --constraint-add node.role==worker web",
      "docker service ps web --filter desired-state=running --format '{{.Node}}'",
    ].join("\n"));
    expect(out(1)).toBe("manager1\n");
    expect(out(3)).toMatch(/^worker[12]\n$/);
  });
});

describe("docker swarm unlock-key --rotate (docker/cli unlock_key.go)", () => {
  it("prints the confirmation with Fprintln: no blank line before the unlock block", () => {
    const { steps, out } = replay("docker swarm unlock-key --rotate\ndocker swarm unlock-key --rotate -q", LOCKED);
    expect(steps[0]!.exitCode).toBe(0);
    expect(out(0)).toMatch(
      /^Successfully rotated manager unlock key\.\nTo unlock a swarm manager after it restarts, run the `docker swarm unlock`\ncommand and provide the following key:\n\n {4}SWMKEY-1-[A-Za-z0-9+/]{43}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager\.\n$/,
    );
    // -q: the key alone, no confirmation.
    expect(out(1)).toMatch(/^SWMKEY-1-[A-Za-z0-9+/]{43}\n$/);
  });

  const dockerBin = hasDocker ? spawnSync("which", ["docker"], { encoding: "utf8" }).stdout.trim() : "";
  it.skipIf(!dockerBin)("the docker 28 client holds that literal without a newline (join-token's keeps its \\n\\n)", () => {
    const bin = readFileSync(dockerBin);
    const unlock = bin.indexOf("Successfully rotated manager unlock key.");
    expect(unlock).toBeGreaterThan(0);
    expect(bin[unlock + "Successfully rotated manager unlock key.".length]).not.toBe(0x0a);
    const join = bin.indexOf("Successfully rotated %s join token.");
    expect(bin.subarray(join + "Successfully rotated %s join token.".length, join + "Successfully rotated %s join token.".length + 2).toString()).toBe("\n\n");
  });
});

describe("RestartPolicy.Window in service inspect (moby restartPolicyFromGRPC)", () => {
  it("--restart-window reaches the JSON; without one the field is a nil *time.Duration", () => {
    const { out } = replay([
      "docker service create -d --name w --restart-window 1m30s --restart-max-attempts 3 nginx",
      "docker service inspect w --format '{{json .Spec.TaskTemplate.RestartPolicy}}'",
      "docker service inspect w --format '{{.Spec.TaskTemplate.RestartPolicy.Window}}'",
      "docker service create -d --name plain nginx",
      "docker service inspect plain --format '{{.Spec.TaskTemplate.RestartPolicy.Window}}|{{json .Spec.TaskTemplate.RestartPolicy}}'",
    ].join("\n"));
    expect(out(1)).toBe('{"Condition":"any","Delay":5000000000,"MaxAttempts":3,"Window":90000000000}\n');
    expect(out(2)).toBe("1m30s\n");
    expect(out(4)).toBe('<nil>|{"Condition":"any","Delay":5000000000,"MaxAttempts":0}\n');
  });

  it("a stack's deploy.restart_policy.window too (convertRestartPolicy)", () => {
    const s = new Session({
      seed: "audit9",
      cluster: SWARM3,
      files: { "s.yml": "services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy:\n        condition: on-failure\n        delay: 3s\n        max_attempts: 2\n        window: 60s\n" },
    });
    const steps = s.run("docker stack deploy -c s.yml app\ndocker service inspect app_web --format '{{json .Spec.TaskTemplate.RestartPolicy}}'", { allowSim: false });
    expect(steps[1]!.stdout).toBe('{"Condition":"on-failure","Delay":3000000000,"MaxAttempts":2,"Window":60000000000}\n');
  });
});

describe("--secret/--config uid, gid and mode (docker/cli SecretOpt; moby container/secrets)", () => {
  it("reach the spec and the task container's files: 0444 root by default, read-only", () => {
    const { steps, out } = replay([
      "echo s3cret | docker secret create db_pw -",
      "echo x=1 | docker config create app_cfg -",
      "docker service create -d --name db --secret db_pw --secret source=db_pw,target=pw2,mode=0400,uid=100 --config source=app_cfg,target=/etc/app.conf,mode=0440 busybox top",
      "docker service inspect db --format '{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}'",
      "docker service inspect db --format '{{json .Spec.TaskTemplate.ContainerSpec.Configs}}'",
      "docker exec $(docker ps -q) ls -l /run/secrets /etc/app.conf",
      "docker exec $(docker ps -q) sh -c 'echo hi > /run/secrets/db_pw'",
    ].join("\n"));
    expect(out(3)).toMatch(/^\[\{"File":\{"Name":"db_pw","UID":"0","GID":"0","Mode":292\},"SecretID":"\w{25}","SecretName":"db_pw"\},\{"File":\{"Name":"pw2","UID":"100","GID":"0","Mode":256\},/);
    expect(out(4)).toMatch(/^\[\{"File":\{"Name":"\/etc\/app.conf","UID":"0","GID":"0","Mode":288\},"ConfigID":"\w{25}","ConfigName":"app_cfg"\}\]\n$/);
    expect(out(5)).toContain("-r--r-----    1 root     root             4 Jan 10 00:00 /etc/app.conf\n");
    expect(out(5)).toContain("-r--r--r--    1 root     root             7 Jan 10 00:00 db_pw\n");
    expect(out(5)).toContain("-r--------    1 100      root             7 Jan 10 00:00 pw2\n");
    expect(steps[6]!.stderr).toBe("sh: can't create /run/secrets/db_pw: Read-only file system\n");
  });

  it("mode is strconv.ParseUint(v, 0, 32): 0400 is octal, 400 decimal; a bad one is a flag error", () => {
    const { steps, out } = replay([
      "echo s3cret | docker secret create db_pw -",
      "docker service create -d --name a --secret source=db_pw,mode=400 busybox top",
      "docker service inspect a --format '{{json (index .Spec.TaskTemplate.ContainerSpec.Secrets 0).File}}'",
      "docker service create -d --name b --secret source=db_pw,mode=0999 busybox top",
      "docker service create -d --name c --config source=db_pw,mode=abc busybox top",
    ].join("\n"));
    expect(out(2)).toBe('{"Name":"db_pw","UID":"0","GID":"0","Mode":400}\n');
    expect(steps[3]!.exitCode).toBe(125);
    expect(steps[3]!.stderr).toMatch(/^invalid argument "source=db_pw,mode=0999" for "--secret" flag: invalid mode specified: strconv\.ParseUint: parsing "0999": invalid syntax\n/);
    expect(steps[4]!.stderr).toMatch(/^invalid argument "source=db_pw,mode=abc" for "--config" flag: invalid mode specified: strconv\.ParseUint: parsing "abc": invalid syntax\n/);
  });

  it("a stack's long syntax too (convertServiceSecrets: uid/gid \"0\", mode 0444 unless given)", () => {
    const s = new Session({
      seed: "audit9",
      cluster: SWARM3,
      files: {
        "pw.txt": "secret\n",
        "s.yml": [
          "services:", "  web:", "    image: busybox", "    command: top", "    secrets:", "      - pw",
          "      - source: pw", "        target: other", '        uid: "103"', "        mode: 0440",
          "secrets:", "  pw:", "    file: ./pw.txt", "",
        ].join("\n"),
      },
    });
    const steps = s.run("docker stack deploy -c s.yml app\ndocker service inspect app_web --format '{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}'", { allowSim: false });
    expect(steps[1]!.stdout).toMatch(/"File":\{"Name":"pw","UID":"0","GID":"0","Mode":292\}.*"File":\{"Name":"other","UID":"103","GID":"0","Mode":288\}/);
  });
});

describe("a task container's environment (moby merge() and CreateDaemonEnvironment)", () => {
  it("Config.Env: the task's --env first as given (a bare KEY stays bare), then the image's ENV; the process leaves a bare KEY unset", () => {
    const { out } = replay([
      "docker service create -d --name s -e A=1 -e NOEQ -e B=2 --constraint node.role==manager busybox top",
      "docker inspect $(docker ps -q -f name=s.1) --format '{{json .Config.Env}}'",
      "docker exec $(docker ps -q -f name=s.1) env",
    ].join("\n"));
    expect(out(1)).toBe('["A=1","NOEQ","B=2","PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]\n');
    expect(out(2)).toMatch(/^PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin\nHOSTNAME=[0-9a-f]{12}\nA=1\nB=2\nHOME=\/root\n$/);
  });
});

describe("enum values moby cannot convert (daemon/cluster/convert ServiceSpecToGRPC)", () => {
  it("are refused with the daemon's plain InvalidParameter message, nothing created", () => {
    const { steps, out } = replay([
      "docker service create -d --name a --restart-condition always nginx",
      "docker service create -d --name b --update-failure-action bogus nginx",
      "docker service create -d --name c --update-order start_first nginx",
      "docker service create -d --name d --rollback-order x nginx",
      "docker service create -d --name e --endpoint-mode bogus nginx",
      "docker service create -d --name f --mount type=bogus,target=/x nginx",
      "docker service ls -q | wc -l",
    ].join("\n"));
    expect(steps.slice(0, 6).map((s) => [s.exitCode, s.stdout, s.stderr])).toEqual([
      [1, "", 'Error response from daemon: invalid RestartCondition: "always"\n'],
      [1, "", "Error response from daemon: unrecognized update failure action bogus\n"],
      [1, "", "Error response from daemon: unrecognized update order start_first\n"],
      [1, "", "Error response from daemon: unrecognized update order x\n"],
      [1, "", 'Error response from daemon: invalid resolution mode: "bogus"\n'],
      [1, "", 'Error response from daemon: invalid MountType: "bogus"\n'],
    ]);
    expect(out(6).trim()).toBe("0");
  });

  it("in its order (mounts, restart policy, update, rollback, endpoint); create lower-cases --endpoint-mode, update does not", () => {
    const { steps, out } = replay([
      "docker service create -d --name g --endpoint-mode bogus --update-failure-action nope --restart-condition always nginx",
      "docker service create -d --name h --endpoint-mode DNSRR --rollback-failure-action rollback --restart-condition '' nginx",
      "docker service inspect h --format '{{.Spec.EndpointSpec.Mode}} {{.Spec.RollbackConfig.FailureAction}} {{.Spec.TaskTemplate.RestartPolicy.Condition}}'",
      "docker service update -d --endpoint-mode VIP h",
      "docker service update -d --update-failure-action nope h",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe('Error response from daemon: invalid RestartCondition: "always"\n');
    expect(steps[1]!.exitCode).toBe(0);
    expect(out(2)).toBe("dnsrr rollback any\n");
    expect(steps[3]!.stderr).toBe('Error response from daemon: invalid resolution mode: "VIP"\n');
    expect(steps[4]!.stderr).toBe("Error response from daemon: unrecognized update failure action nope\n");
  });

  it("a stack's restart_policy.condition: always fails its service's creation", () => {
    const s = new Session({
      seed: "audit9",
      cluster: SWARM3,
      files: { "s.yml": "services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy:\n        condition: always\n" },
    });
    const steps = s.run("docker stack deploy -c s.yml app", { allowSim: false });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stdout).toBe("Creating network app_default\nCreating service app_web\n");
    expect(steps[0]!.stderr).toMatch(/failed to create service app_web: Error response from daemon: invalid RestartCondition: "always"\n$/);
  });
});

describe("negative durations and ratios swarmkit refuses (validateRestartPolicy, validateUpdate, validateClusterSpec)", () => {
  const INVALID = "Error response from daemon: rpc error: code = InvalidArgument desc = ";
  it("service create: a leading '-' makes the whole duration negative, as time.ParseDuration reads it", () => {
    const { steps } = replay([
      "docker service create -d --name a --update-delay -5s nginx",
      "docker service create -d --name b --restart-delay -1m30s nginx",
      "docker service create -d --name c --restart-window -1s nginx",
      "docker service create -d --name d --update-monitor -1s nginx",
      "docker service create -d --name e --update-max-failure-ratio 1.5 nginx",
      // Only the update config is validated, not the rollback's; jobs skip it.
      "docker service create -d --name f --rollback-delay -1s --rollback-max-failure-ratio 2 nginx",
    ].join("\n"));
    expect(steps.map((s) => s.stderr)).toEqual([
      INVALID + "TaskSpec: update-delay cannot be negative\n",
      INVALID + "TaskSpec: restart-delay cannot be negative\n",
      INVALID + "TaskSpec: restart-window cannot be negative\n",
      INVALID + "TaskSpec: update-monitor cannot be negative\n",
      INVALID + "TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1\n",
      "",
    ]);
  });

  it("swarm update / swarm ca: certificates expire after an hour at least; the heartbeat is not negative", () => {
    const { steps, out } = replay([
      "docker swarm update --cert-expiry 30m --dispatcher-heartbeat -1s",
      "docker swarm update --dispatcher-heartbeat -1s",
      "docker swarm ca --rotate -d --cert-expiry 59m",
      "docker swarm update --cert-expiry 1h",
      "docker info --format '{{json .Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}'",
    ].join("\n"));
    expect(steps[0]!.stderr).toBe(INVALID + "minimum certificate expiry time is: 1h0m0s\n");
    expect(steps[1]!.stderr).toBe(INVALID + "heartbeat time period cannot be a negative duration\n");
    expect(steps[2]!.stderr).toBe(INVALID + "minimum certificate expiry time is: 1h0m0s\n");
    expect(out(3)).toBe("Swarm updated.\n");
    expect(out(4)).toBe("3600000000000\n");
  });
});

describe("swarm init with a cluster spec swarmkit refuses (moby Init → initClusterSpec)", () => {
  it("fails with the wrapped error, but the node is left a manager of the new swarm", () => {
    const { steps, out } = replay("docker swarm init --cert-expiry 30m\ndocker node ls --format '{{.Hostname}} {{.ManagerStatus}}'", THREE_HOSTS);
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stdout).toBe("");
    expect(steps[0]!.stderr).toBe("Error response from daemon: error updating cluster settings: rpc error: code = InvalidArgument desc = minimum certificate expiry time is: 1h0m0s\n");
    expect(out(1)).toBe("manager1 Leader\n");
  });
});

describe("--health-* durations are opts.PositiveDurationOpt (checked against the docker 28 client)", () => {
  it("a negative one is a flag error, exit 125; -0s is zero", () => {
    const { steps } = replay([
      "docker service create -d --health-cmd true --health-interval -1s nginx",
      "docker service create -d --name h --health-cmd true --health-timeout -0s nginx",
      "docker service update --health-start-period -2s h",
    ].join("\n"));
    expect(steps[0]!.exitCode).toBe(125);
    expect(steps[0]!.stderr).toBe('invalid argument "-1s" for "--health-interval" flag: duration cannot be negative\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'docker service create --help\' for more information\n');
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.exitCode).toBe(125);
    expect(steps[2]!.stderr).toMatch(/^invalid argument "-2s" for "--health-start-period" flag: duration cannot be negative\n/);
  });

  const dockerBin = hasDocker ? spawnSync("which", ["docker"], { encoding: "utf8" }).stdout.trim() : "";
  it.skipIf(!dockerBin)("as the real client words it", () => {
    const real = spawnSync(dockerBin, ["service", "create", "--health-cmd", "true", "--health-interval", "-1s", "nginx"], {
      encoding: "utf8", env: { ...process.env, DOCKER_HOST: "unix:///nonexistent/docker.sock" }, timeout: 20_000,
    });
    const { steps } = replay("docker service create --health-cmd true --health-interval -1s nginx");
    expect(steps[0]!.stderr).toBe(real.stderr);
    expect(steps[0]!.exitCode).toBe(real.status);
  });
});

describe("service flag values the docker 28 client refuses before any request (exit 125)", () => {
  const flagError = (value: string, flag: string, detail: string) =>
    `invalid argument ${JSON.stringify(value)} for "${flag}" flag: ${detail}\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n`;
  const cases: [string, string, string, string][] = [
    ["--mount type=volume,target=/x,bind-propagation=rprivate", "type=volume,target=/x,bind-propagation=rprivate", "--mount", "cannot mix 'bind-*' options with mount type 'volume'"],
    ["--mount type=bind,source=/a,target=/x,volume-nocopy", "type=bind,source=/a,target=/x,volume-nocopy", "--mount", "cannot mix 'volume-*' options with mount type 'bind'"],
    ["--mount type=tmpfs,target=/x,tmpfs-size=abc", "type=tmpfs,target=/x,tmpfs-size=abc", "--mount", "invalid value for tmpfs-size: abc"],
    ["--mount type=tmpfs,target=/x,tmpfs-mode=999", "type=tmpfs,target=/x,tmpfs-mode=999", "--mount", "invalid value for tmpfs-mode: 999"],
    ["--mount type=bind,source=/a,target=/x,bind-recursive=writable", "type=bind,source=/a,target=/x,bind-recursive=writable", "--mount", "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"],
    ["--mount type=,target=/x", "type=,target=/x", "--mount", "type is required"],
    ["--secret a,b", "a,b", "--secret", "invalid field 'a' must be a key=value pair"],
    ["--secret ''", "", "--secret", "EOF"],
    ["--env =x", "=x", "-e, --env", "invalid environment variable: =x"],
    ["--label 'a b'", "a b", "-l, --label", "label 'a b' contains whitespaces"],
    ["--container-label =x", "=x", "--container-label", "invalid label '=x': empty name"],
    ["--ulimit nofile=abc:1", "nofile=abc:1", "--ulimit", 'strconv.ParseInt: parsing "abc": invalid syntax'],
    ["--generic-resource foo", "foo", "--generic-resource", "invalid generic-resource format `foo` expected `name=value`"],
    ["--credential-spec foo", "foo", "--credential-spec", 'invalid credential spec: value must be prefixed with "config://", "file://", or "registry://"'],
  ];
  it.each(cases)("docker service create %s", (flags, value, flag, detail) => {
    const { steps } = replay(`docker service create ${flags} nginx`);
    expect(steps[0]!.exitCode).toBe(125);
    expect(steps[0]!.stderr).toBe(flagError(value, flag, detail));
  });

  const dockerBin = hasDocker ? spawnSync("which", ["docker"], { encoding: "utf8" }).stdout.trim() : "";
  it.skipIf(!dockerBin)("the same words as the real client", () => {
    for (const [flags] of cases) {
      const argv = (flags.match(/'[^']*'|\S+/g) ?? []).map((a) => a.replace(/^'|'$/g, ""));
      const real = spawnSync(dockerBin, ["service", "create", ...argv, "nginx"], {
        encoding: "utf8", env: { ...process.env, DOCKER_HOST: "unix:///nonexistent/docker.sock" }, timeout: 20_000,
      });
      const { steps } = replay(`docker service create ${flags} nginx`);
      expect([steps[0]!.exitCode, steps[0]!.stderr]).toEqual([real.status, real.stderr]);
    }
  }, 60_000);
});

describe("more client-side refusals of the swarm commands (docker 28 client)", () => {
  const cases: [string, number, string][] = [
    ["docker stack ps --filter foo app", 125, 'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)'],
    ["docker stack services --filter foo app", 125, 'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)'],
    ["docker swarm init --external-ca protocol=x", 125, 'invalid argument "protocol=x" for "--external-ca" flag: unrecognized external CA protocol x'],
    ["docker swarm update --external-ca url=x", 125, 'invalid argument "url=x" for "--external-ca" flag: the external-ca option needs a protocol= parameter'],
    ["docker swarm init --default-addr-pool-mask-length 99999999999", 125, 'invalid argument "99999999999" for "--default-addr-pool-mask-length" flag: strconv.ParseUint: parsing "99999999999": value out of range'],
    ["docker swarm init --data-path-port -1", 125, 'invalid argument "-1" for "--data-path-port" flag: strconv.ParseUint: parsing "-1": invalid syntax'],
    ["docker secret create --driver x a file", 1, "When using secret driver secret data must be empty"],
    ["docker network create --subnet 10.1.0.0/24 --ip-range 10.2.0.0/25 x", 1, "no matching subnet for range 10.2.0.0/25"],
    ["docker network create --aux-address a=10.1.0.5 x", 1, "no matching subnet for aux-address 10.1.0.5"],
  ];
  it.each(cases)("%s", (cmd, code, first) => {
    const { steps } = replay(cmd);
    expect(steps[0]!.exitCode).toBe(code);
    expect(steps[0]!.stderr.split("\n")[0]).toBe(first);
  });
});

describe("service flag values, second batch (docker 28 client)", () => {
  const cases: [string, string][] = [
    ["docker service update --placement-pref-rm foo=bar web", 'invalid argument "foo=bar" for "--placement-pref-rm" flag: unsupported placement preference foo (only spread is supported)'],
    ["docker service create --limit-memory 1.5.5g nginx", 'invalid argument "1.5.5g" for "--limit-memory" flag: strconv.ParseFloat: parsing "1.5.5": invalid syntax'],
    ["docker service create --limit-memory 1Q nginx", "invalid argument \"1Q\" for \"--limit-memory\" flag: invalid suffix: 'q'"],
    ["docker service create --limit-memory -1 nginx", "invalid argument \"-1\" for \"--limit-memory\" flag: invalid size: '-1'"],
    [`docker service create --entrypoint "a 'b" nginx`, `invalid argument "a 'b" for "--entrypoint" flag: EOF found when expecting closing quote`],
    ["docker service create --network foo=bar nginx", 'invalid argument "foo=bar" for "--network" flag: invalid field key foo'],
    ["docker service create --network alias=a nginx", 'invalid argument "alias=a" for "--network" flag: network name/id is not specified'],
    ["docker service create --dns-search 'a b' nginx", 'invalid argument "a b" for "--dns-search" flag: a b is not a valid domain'],
    ["docker secret create --label =x a -", "invalid argument \"=x\" for \"-l, --label\" flag: invalid label '=x': empty name"],
  ];
  it.each(cases)("%s", (cmd, first) => {
    const { steps } = replay(cmd);
    expect(steps[0]!.exitCode).toBe(125);
    expect(steps[0]!.stderr.split("\n")[0]).toBe(first);
  });

  it("--entrypoint is split as google/shlex splits it (quotes, escapes)", () => {
    const { out } = replay([
      `docker service create -d --name e --entrypoint "sh -c 'echo a b'" busybox`,
      "docker service inspect e --format '{{json .Spec.TaskTemplate.ContainerSpec.Command}}'",
    ].join("\n"));
    expect(out(1)).toBe('["sh","-c","echo a b"]\n');
  });
});

describe("--network NAME finds a swarm network whatever its case (swarmkit's lowercased name index)", () => {
  it("the long syntax lower-cases the name (NetworkOpt), the swarm still finds it", () => {
    const { steps, out } = replay([
      "docker network create -d overlay MyNet",
      "docker service create -d --name a --network name=MyNet,alias=web nginx",
      "docker service create -d --name b --network mynet nginx",
      "docker service inspect a b --format '{{len .Spec.TaskTemplate.Networks}}'",
    ].join("\n"));
    expect(steps[1]!.exitCode).toBe(0);
    expect(steps[2]!.exitCode).toBe(0);
    expect(out(3)).toBe("1\n1\n");
  });
});

describe("the IMAGE column keeps a digest when the reference has no tag (service and task formatters)", () => {
  const DIGEST = "sha256:a2ce5eeadedddecf4ee25dcd5e0ae4edae0f6b5061e04848f6b2a360ca58fb6e";
  const script = [`docker service create -d --name d nginx@${DIGEST}`, `docker service create -d --name e nginx:latest@${DIGEST}`].join("\n");
  it("nginx@sha256:… is shown whole, nginx:latest@sha256:… as nginx:latest", () => {
    const { out } = replay(`${script}\ndocker service ls --format '{{.Name}} {{.Image}}'\ndocker service ps d e --format '{{.Name}} {{.Image}}'`);
    expect(out(2)).toBe(`d nginx@${DIGEST}\ne nginx:latest\n`);
    expect(out(3)).toBe(`d.1 nginx@${DIGEST}\ne.1 nginx:latest\n`);
  });

  it.skipIf(!hasDocker)("as the real client formats the same services", async () => {
    const s = new Session({ seed: "audit9-digest", cluster: SWARM3 });
    s.run(script, { allowSim: true });
    const daemon = await startFakeDaemon(s);
    try {
      for (const args of [["service", "ls", "--format", "{{.Name}} {{.Image}}"], ["service", "ps", "d", "e", "--format", "{{.Name}} {{.Image}}"]]) {
        const real = await daemon.docker(args);
        const sim = s.run(`docker ${args.map((a) => (/^[\w.-]+$/.test(a) ? a : `'${a}'`)).join(" ")}`, { allowSim: true })[0]!;
        expect(sim.stdout).toBe(real.stdout);
      }
    } finally {
      await daemon.close();
    }
  }, 60_000);
});

describe("CreateService's order: published ports before the name; the ingress network needed", () => {
  it("re-running the same `service create -p` reports the port, not the name", () => {
    const { steps } = replay("docker service create -d --name web -p 80:80 nginx\ndocker service create -d --name web -p 80:80 nginx\ndocker service create -d --name web nginx");
    expect(steps[1]!.stderr).toMatch(/^Error response from daemon: rpc error: code = InvalidArgument desc = port '80' is already in use by service 'web' \(\w{25}\) as an ingress port\n$/);
    expect(steps[2]!.stderr).toBe("Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists\n");
  });

  it("without an ingress network an ingress port is refused (host mode is not); a new --ingress network serves again", () => {
    const { steps } = replay([
      "echo y | docker network rm ingress",
      "docker service create -d --name a -p 81:80 nginx",
      "docker service create -d --name b -p mode=host,published=82,target=80 nginx",
      "docker service update -d --publish-add 83:80 b",
      "docker network create -d overlay --ingress my-ingress",
      "docker service create -d --name a -p 81:80 nginx",
    ].join("\n"));
    const NEEDS = "Error response from daemon: rpc error: code = FailedPrecondition desc = service needs ingress network, but no ingress network is present\n";
    expect(steps[1]!.stderr).toBe(NEEDS);
    expect(steps[2]!.exitCode).toBe(0);
    expect(steps[3]!.stderr).toBe(NEEDS);
    expect(steps[5]!.exitCode).toBe(0);
  });
});

describe("the scheduler's plugin filter (swarmkit PluginFilter, between resources and constraints)", () => {
  it("a volume driver or a log driver the engines do not have leaves the tasks pending: missing plugin", () => {
    const { out } = replay([
      "docker service create -d --name v --mount type=volume,source=d,target=/d,volume-driver=rexray nginx",
      "docker service ps v --no-trunc --format '{{.CurrentState}} {{.Error}}'",
      "docker service inspect v --format '{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}'",
      "docker service create -d --name l --log-driver foo --constraint node.role==worker nginx",
      "docker service ps l --no-trunc --format '{{.Error}}'",
      "docker service create -d --name ok --log-driver json-file --mount type=volume,source=e,target=/e,volume-driver=local nginx",
      "docker service ps ok --format '{{.CurrentState}}'",
    ].join("\n"));
    expect(out(1)).toBe('Pending less than a second ago "no suitable node (missing plugin on 3 nodes)"\n');
    expect(out(2)).toBe('[{"Type":"volume","Source":"d","Target":"/d","VolumeOptions":{"DriverConfig":{"Name":"rexray"}}}]\n');
    // Each node is counted under the first filter it fails: plugins come before constraints.
    expect(out(4)).toBe('"no suitable node (missing plugin on 3 nodes)"\n');
    expect(out(6)).toBe("Running less than a second ago\n");
  });
});

describe("service update's list flags as docker/cli merges them (update.go)", () => {
  it("--constraint-add/-rm: appended (duplicates kept), removed, then sorted", () => {
    const { out } = replay([
      "docker service create -d --name w --constraint node.role==worker --constraint node.hostname!=x nginx",
      "docker service update -d --constraint-add node.role==worker --constraint-add a.b==c w",
      "docker service inspect w --format '{{json .Spec.TaskTemplate.Placement.Constraints}}'",
      "docker service update -d --constraint-rm node.role==worker w",
      "docker service inspect w --format '{{json .Spec.TaskTemplate.Placement.Constraints}}'",
    ].join("\n"));
    expect(out(2)).toBe('["a.b==c","node.hostname!=x","node.role==worker","node.role==worker"]\n');
    expect(out(4)).toBe('["a.b==c","node.hostname!=x"]\n');
  });

  it("--mount-add replaces the mount on its target; a target twice is refused; sorted by source", () => {
    const { steps, out } = replay([
      "docker service create -d --name w --mount type=volume,source=old,target=/data --mount type=volume,source=b,target=/b nginx",
      "docker service update -d --mount-add type=volume,source=new,target=/data w",
      "docker service inspect w --format '{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}'",
      "docker service update -d --mount-add type=volume,source=x,target=/x --mount-add type=volume,source=y,target=/x w",
    ].join("\n"));
    expect(out(2)).toBe('[{"Type":"volume","Source":"b","Target":"/b"},{"Type":"volume","Source":"new","Target":"/data"}]\n');
    expect([steps[3]!.exitCode, steps[3]!.stderr]).toEqual([1, "duplicate mount target\n"]);
  });

  it("--publish-add keeps the old port on the same published port (swarmkit refuses the pair); --publish-rm matches the target", () => {
    const { steps, out } = replay([
      "docker service create -d --name w -p 8080:80 nginx",
      "docker service update -d --publish-add 8080:81 w",
      "docker service update -d --publish-add 8081:80 w",
      "docker service ls --format '{{.Ports}}'",
      "docker service update -d --publish-rm 9999:80 --publish-add 8082:80 w",
      "docker service ls --format '{{.Ports}}'",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = EndpointSpec: duplicate published ports provided\n");
    expect(out(3)).toBe("*:8080-8081->80/tcp\n");
    expect(out(5)).toBe("*:8082->80/tcp\n");
  });
});

describe("swarmkit validateSecretRefsSpec: one file target per secret (and per config)", () => {
  it("--secret-add onto a target in use is refused; removing the old one first works", () => {
    const { steps, out } = replay([
      "echo a | docker secret create a -",
      "echo b | docker secret create b -",
      "docker service create -d --name w --secret a nginx",
      "docker service update -d --secret-add source=b,target=a w",
      "docker service update -d --secret-rm a --secret-add source=b,target=a w",
      "docker service inspect w --format '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}}>{{.File.Name}} {{end}}'",
    ].join("\n"));
    expect(steps[3]!.stderr).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = secret references 'a' and 'b' have a conflicting target: 'a'\n");
    expect(steps[4]!.exitCode).toBe(0);
    expect(out(5)).toBe("b>a \n");
  });
});
