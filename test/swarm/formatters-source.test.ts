// docker CLI formatters checked against docker/cli's source (v28): the pretty inspect templates of
// secrets, configs, services and nodes, `docker info`'s swarm warnings (moby Cluster.Info), and
// the Containers map of `docker network inspect` (libnetwork EndpointResource). Each case replays
// real commands and asserts on the transcript text.
import { describe, expect, it } from "vitest";
import { replay } from "./helpers";

const FOUR_HOSTS = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" },
    { name: "manager2", ip: "10.0.0.14" },
    { name: "worker1", ip: "10.0.0.12" },
    { name: "worker2", ip: "10.0.0.13" },
  ],
};

describe("secret/config inspect --pretty (secretInspectPrettyTemplate, configInspectPrettyTemplate)", () => {
  it("prints the secret template with its uneven padding, labels as ' - k=v' (no '=' when empty)", () => {
    const { out, steps } = replay([
      "echo s3cret | docker secret create --label tier=db --label backup db_pass -",
      "docker secret inspect --pretty db_pass",
    ].join("\n"));
    const id = out(0).trim();
    expect(steps[1]!.exitCode).toBe(0);
    expect(out(1)).toBe(
      `ID:              ${id}\nName:              db_pass\nLabels:\n - backup\n - tier=db\nDriver:            \n` +
      "Created at:        2024-01-10 00:00:00 +0000 utc\nUpdated at:        2024-01-10 00:00:00 +0000 utc\n",
    );
  });

  it("prints a config's data after 'Data:'; --pretty wins over --format", () => {
    const { out } = replay([
      "printf 'a=1\\nb=2\\n' > app.conf",
      "docker config create app app.conf",
      "docker config inspect --format '{{.ID}}' --pretty app",
    ].join("\n"));
    const id = out(1).trim();
    expect(out(2)).toBe(
      `ID:\t\t\t${id}\nName:\t\t\tapp\nCreated at:            \t2024-01-10 00:00:00 +0000 utc\n` +
      "Updated at:            \t2024-01-10 00:00:00 +0000 utc\nData:\na=1\nb=2\n\n",
    );
  });

  it("refuses a template built on 'pretty' and writes nothing when a reference is missing", () => {
    const { steps } = replay([
      "echo x | docker secret create s1 -",
      "docker secret inspect --format prettyjson s1",
      "docker secret inspect --pretty s1 nosuch",
    ].join("\n"));
    expect(steps[1]).toMatchObject({ exitCode: 1, stdout: "", stderr: "cannot supply extra formatting options to the pretty template\n" });
    expect(steps[2]).toMatchObject({ exitCode: 1, stdout: "", stderr: "Error response from daemon: secret nosuch not found\n" });
  });
});

describe("service inspect --pretty (serviceInspectPrettyTemplate)", () => {
  it("lists labels without '=' when the value is empty, and Configs before Secrets", () => {
    const { out } = replay([
      "echo pw | docker secret create pw -",
      "echo c | docker config create cfg -",
      "docker service create -d --name w --label tier --label a=b --secret pw --config cfg nginx",
      "docker service inspect --pretty w",
    ].join("\n"));
    const text = out(3);
    expect(text).toContain("\nName:\t\tw\nLabels:\n a=b\n tier\nService Mode:\tReplicated\n");
    expect(text).toContain("\nConfigs:\n Target:\tcfg\n  Source:\tcfg\nSecrets:\n Target:\tpw\n  Source:\tpw\nResources:\n");
  });
});

describe("node inspect --pretty (nodeInspectPrettyTemplate)", () => {
  it("lists a node label without a value as ' - key'", () => {
    const { out } = replay(["docker node update --label-add ssd --label-add zone=a worker1", "docker node inspect --pretty worker1"].join("\n"));
    expect(out(1)).toContain("\nLabels:\n - ssd\n - zone=a\nHostname:              \tworker1\n");
  });
});

describe("docker info on a two-manager swarm (moby Cluster.Info warning)", () => {
  const twoManagers = { ...FOUR_HOSTS, swarm: { managers: ["manager1", "manager2"], workers: ["worker1", "worker2"] } };
  const warning =
    "WARNING: Running Swarm in a two-manager configuration. This configuration provides\n" +
    "         no fault tolerance, and poses a high risk to lose control over the cluster.\n" +
    "         Refer to https://docs.docker.com/engine/swarm/admin_guide/ to configure the\n" +
    "         Swarm for fault-tolerance.";

  it("prints the warning on stderr after the output, and in Warnings and Swarm.Warnings", () => {
    const { steps, out } = replay(["docker info", "docker info --format '{{len .Warnings}} {{len .Swarm.Warnings}}'"].join("\n"), twoManagers);
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stdout).toContain("  Managers: 2\n  Nodes: 4\n");
    expect(steps[0]!.stdout.endsWith(" Live Restore Enabled: false\n\n")).toBe(true);
    expect(steps[0]!.stderr).toBe(warning + "\n");
    expect(out(1)).toBe("1 1\n");
  });

  it("says nothing with one or three managers, nor on a worker", () => {
    const { steps } = replay(["docker info", "docker node promote manager2 worker1", "docker info", "ssh worker2 docker info"].join("\n"), {
      ...FOUR_HOSTS, swarm: { managers: ["manager1"], workers: ["manager2", "worker1", "worker2"] },
    });
    expect(steps[0]!.stderr).toBe("");
    expect(steps[2]!.stderr).toBe("");
    expect(steps[3]!.stderr).toBe("");
    const two = replay("ssh worker1 docker info", twoManagers);
    expect(two.last.stderr).toBe("");
  });
});

describe("network inspect Containers (libnetwork EndpointResource)", () => {
  it("keys a task's endpoint by its container ID, with the task's address, on its networks and ingress", () => {
    const { out } = replay([
      "docker network create -d overlay appnet",
      "docker service create -d --name web --replicas 1 --network appnet -p 80:80 nginx",
      "docker ps --no-trunc --format '{{.ID}} {{.Names}}'",
      "docker network inspect -f '{{range $id, $c := .Containers}}{{$id}} {{$c.Name}} {{$c.IPv4Address}}{{end}}' appnet",
      "docker network inspect -f '{{range $id, $c := .Containers}}{{$id}} {{$c.Name}} {{$c.IPv4Address}}{{end}}' ingress",
      "docker network inspect -f '{{range .Containers}}{{len .EndpointID}} {{.MacAddress}}{{end}}' appnet",
    ].join("\n"));
    const [cid, name] = out(2).trim().split(" ");
    expect(name).toMatch(/^web\.1\.[a-z0-9]{25}$/);
    expect(out(3)).toBe(`${cid} ${name} 10.0.1.3/24\n`);
    expect(out(4)).toMatch(new RegExp(`^${cid} ${name.replace(/\./g, "\\.")} 10\\.0\\.0\\.\\d+/24\\n$`));
    expect(out(5)).toMatch(/^64 [0-9a-f]{2}(:[0-9a-f]{2}){5}\n$/);
  });

  it("shows a running bridge container's address, and no stopped container", () => {
    const { out } = replay([
      "docker run -d --name c1 nginx",
      "docker run -d --name c2 nginx",
      "docker stop c2",
      "docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}};{{end}}' bridge",
    ].join("\n"));
    expect(out(3)).toBe("c1 172.17.0.2/16;\n");
  });
});

describe("the swarm root CA (node TLSInfo, docker swarm ca, root rotation progress)", () => {
  const PEM = /^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/;

  it("node inspect --pretty ends with the TLS Info block (the PEM's newline leaves a blank line)", () => {
    const { out } = replay(["docker node inspect --pretty self", "docker swarm ca"].join("\n"));
    const pem = out(1);
    expect(pem).toMatch(PEM);
    expect(out(0)).toContain(
      `\nEngine Version:\t\t28.2.2\nTLS Info:\n TrustRoot:\n${pem}\n Issuer Subject:\tMBMxETAPBgNVBAMTCHN3YXJtLWNh\n Issuer Public Key:\tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE`,
    );
    expect(out(0)).toMatch(/\n Issuer Public Key:\tMFkw[A-Za-z0-9+/]{118}==\n$/);
  });

  it("a down node shows the dispatcher's status message", () => {
    const { out } = replay(["sim node down worker2", "sleep 30", "docker node inspect --pretty worker2", "docker node inspect -f '{{json .Status}}' worker2"].join("\n"));
    expect(out(2)).toContain("Status:\n State:\t\t\tDown\n Message:              \tHeartbeat failure\n Availability:         \tActive\n");
    expect(out(3)).toBe('{"State":"down","Message":"heartbeat failure","Addr":"10.0.0.13"}\n');
  });

  it("swarm ca refuses CA flags without --rotate and is for managers only", () => {
    const { steps } = replay(["docker swarm ca --cert-expiry 48h", "ssh worker1 docker swarm ca"].join("\n"));
    expect(steps[0]).toMatchObject({ exitCode: 1, stderr: "`--cert-expiry` flag requires the `--rotate` flag to update the CA\n" });
    expect(steps[1]!.exitCode).toBe(1);
    expect(steps[1]!.stderr).toContain("This node is not a swarm manager.");
  });

  it("--rotate shows both bars full, then the new root; join tokens change; -q prints nothing", () => {
    const { out, steps } = replay([
      "docker swarm ca", "docker swarm join-token -q worker", "docker swarm ca --rotate", "docker swarm join-token -q worker", "docker swarm ca --rotate -q",
    ].join("\n"));
    const full = "[==================================================>] 3/3 nodes";
    const lines = out(2).split("\n");
    expect(lines[0]).toMatch(/^desired root digest: sha256:[0-9a-f]{64}$/);
    expect(lines[1]).toBe(`  rotated TLS certificates:  ${full}`);
    expect(lines[2]).toBe(`  rotated CA certificates:   ${full}`);
    const newRoot = lines.slice(3).join("\n");
    expect(newRoot).toMatch(PEM);
    expect(newRoot).not.toBe(out(0));
    expect(out(3)).not.toBe(out(1));
    expect(out(3)).toMatch(/^SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}\n$/);
    expect(steps[4]).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("a down node holds the rotation: CA bar at zero, Needs Rotation, Root Rotation In Progress", () => {
    const { out } = replay([
      "sim node down worker2", "sleep 30", "docker swarm ca --rotate",
      "docker node ls --format '{{.Hostname}} {{.TLSStatus}}'", "docker info --format '{{.Swarm.Cluster.RootRotationInProgress}}'",
      "sim node up worker2", "sleep 10", "docker info --format '{{.Swarm.Cluster.RootRotationInProgress}}'",
    ].join("\n"));
    const lines = out(2).split("\n");
    expect(lines[1]).toBe(`  rotated TLS certificates:  [${"=".repeat(33)}>${" ".repeat(17)}] 2/3 nodes`);
    expect(lines[2]).toBe(`  rotated CA certificates:   [>${" ".repeat(50)}] 0/3 nodes`);
    expect(lines[3]).toBe("Operation continuing in background.");
    expect(lines[4]).toBe("Use `swarmctl cluster inspect default` to check progress.");
    expect(out(3)).toBe("manager1 Ready\nworker1 Ready\nworker2 Needs Rotation\n");
    expect(out(4)).toBe("true\n");
    expect(out(7)).toBe("false\n");
  });
});

describe("the rollback line of the converge progress (ServiceProgress)", () => {
  const bars = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}/${n}: running   [${"=".repeat(50)}>]\n`).join("");

  it("a requested rollback shows the message the first poll saw, above the bars", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 2 nginx:1.24",
      "docker service update -d --image nginx:1.25 web",
      "docker service rollback web",
    ].join("\n"));
    expect(out(2)).toBe(`web\nrollback: manually requested rollback\noverall progress: rolling back update: 2 out of 2 tasks\n${bars(2)}verify: Service web converged\n`);
  });

  it("an update that rolls itself back adds the line below the bars", () => {
    const { out, steps } = replay([
      "docker service create -d --name web --replicas 2 nginx:1.24",
      "docker service update --image nosuch:1 --update-failure-action rollback web",
    ].join("\n"));
    expect(steps[1]!.exitCode).toBe(0);
    expect(out(1)).toMatch(new RegExp(
      `^web\\noverall progress: rolling back update: 2 out of 2 tasks\\n${bars(2).replace(/[[\]]/g, "\\$&")}` +
      "rollback: update rolled back due to failure or early termination of task [a-z0-9]{25}\\nverify: Service web converged\\n$",
    ));
  });
});

describe("network inspect of a swarm network (instantiated here or not)", () => {
  it("without a local endpoint the manager answers from the cluster: no Containers, no Peers, no labels", () => {
    const { out } = replay([
      "docker network create -d overlay appnet",
      "docker network inspect -f '{{json .Containers}} {{json .Peers}} {{json .Labels}} {{json .Options}}' appnet",
    ].join("\n"));
    expect(out(1)).toBe('null null null {"com.docker.network.driver.overlay.vxlanid_list":"4097"}\n');
  });

  it("peers are the nodes the network is instantiated on, named host-<12 hex>", () => {
    const { out } = replay([
      "docker network create -d overlay --opt encrypted appnet",
      "docker service create -d --name web --replicas 1 --network appnet --constraint node.role==manager nginx",
      "docker network inspect -f '{{range .Peers}}{{.Name}} {{.IP}};{{end}} {{json .Options}}' appnet",
      "docker network inspect -f '{{len .Peers}}' ingress",
    ].join("\n"));
    expect(out(2)).toMatch(/^manager1-[0-9a-f]{12} 10\.0\.0\.11; \{"com\.docker\.network\.driver\.overlay\.vxlanid_list":"4097","encrypted":""\}\n$/);
    expect(out(3)).toBe("3\n");
  });
});

describe("node ps of several nodes (node/ps.go adds each node to one shared filter)", () => {
  it("lists the first node's tasks again for every later node, indented under their own name", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 2 --constraint node.role==worker nginx",
      "docker service create -d --name db --replicas 1 --constraint node.role==manager redis",
      "docker node ps --format '{{.Name}} {{.Node}}' manager1 worker1",
      "docker node ps manager1 worker1",
    ].join("\n"));
    expect(out(2)).toBe("db.1 manager1\ndb.1 manager1\nweb.1 worker1\n");
    const rows = out(3).trimEnd().split("\n").slice(1).map((l) => l.split(/\s{2,}/).slice(0, 2));
    expect(rows.map((r) => r[1])).toEqual(["\\_ db.1", "\\_ db.1", "web.1"]);
    expect(rows[0]![0]).toBe(rows[1]![0]);
  });
});

describe("inspect JSON is the daemon's Go encoding", () => {
  it("sorts map keys and escapes <, >, & as encoding/json does (service, --format json, containers)", () => {
    const { out } = replay([
      "docker service create -d --name web --label zeta=1 --label alpha=2 nginx sh -c 'sleep 1 && echo <hi>'",
      "docker service inspect web",
      "docker service inspect --format json web",
    ].join("\n"));
    expect(out(1)).toContain('"Labels": {\n                "alpha": "2",\n                "zeta": "1"\n            },');
    expect(out(1)).toContain('"sleep 1 \\u0026\\u0026 echo \\u003chi\\u003e"');
    expect(out(2)).toContain('"Labels":{"alpha":"2","zeta":"1"}');
    expect(out(2)).toContain("\\u0026\\u0026");
  });
});

describe("UpdateStatus across updates (swarmkit UpdateService resets it unless rolling back)", () => {
  it("a scale after a completed update leaves no UpdateStatus (inspect --pretty shows none)", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 2 nginx:1.24",
      "docker service update --image nginx:1.25 web",
      "docker service inspect -f '{{.UpdateStatus.State}}' web",
      "docker service scale -d web=3",
      "docker service inspect -f '{{json .UpdateStatus}}' web",
      "docker service inspect --pretty web",
    ].join("\n"));
    expect(out(2)).toBe("completed\n");
    expect(out(4)).toBe("null\n");
    expect(out(5)).toContain("\nService Mode:\tReplicated\n Replicas:\t3\nPlacement:\n");
  });

  it("an update without changes restarts a paused update where tasks are out of date", () => {
    const { out } = replay([
      "docker service create -d --name web --replicas 3 --update-failure-action continue nginx:1.24",
      "docker service update -d --update-failure-action pause --image nosuch:1 web",
      "sleep 20",
      "docker service inspect -f '{{.UpdateStatus.State}} {{.UpdateStatus.StartedAt}}' web",
      "docker service update -d web",
      "docker service inspect -f '{{.UpdateStatus.StartedAt}}' web",
    ].join("\n"));
    expect(out(3)).toMatch(/^paused 2024-01-10 00:00:00 \+0000 UTC\n$/);
    expect(out(5)).toBe("2024-01-10 00:00:20 +0000 UTC\n");
  });
});

describe("ContainerSpec.Init (opts.go ToService: Init: &options.init)", () => {
  it("is false on every CLI-made service, shown by inspect and the pretty template; --init sets it; a stack leaves it unset", () => {
    const { out } = replay([
      "docker service create -d --name web nginx",
      "docker service inspect -f '{{json .Spec.TaskTemplate.ContainerSpec.Init}}' web",
      "docker service inspect --pretty web",
      "docker service update -d --init web",
      "docker service inspect -f '{{json .Spec.TaskTemplate.ContainerSpec.Init}}' web",
    ].join("\n"));
    expect(out(1)).toBe("false\n");
    expect(out(2)).toMatch(/\n Image:\t\tnginx:latest@sha256:[0-9a-f]{64}\n Init:\t\tfalse\nResources:\n/);
    expect(out(4)).toBe("true\n");
  });
});

describe("UpdateConfig JSON (swarm.UpdateConfig: Delay and Monitor omitempty)", () => {
  it("leaves a zero Delay out of the JSON; templates print the field as Go's time.Duration (0s)", () => {
    const { out } = replay([
      "docker service create -d --name web nginx",
      "docker service inspect -f '{{json .Spec.UpdateConfig}}' web",
      "docker service inspect -f '{{.Spec.RollbackConfig.Delay}}' web",
    ].join("\n"));
    expect(out(1)).toBe('{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}\n');
    expect(out(2)).toBe("0s\n");
  });

  it("duration fields print as Go durations in templates, nanoseconds in JSON and with %d", () => {
    const { out } = replay([
      "docker service create -d --name web --update-delay 10s --stop-grace-period 1m30s --health-cmd true --health-interval 5s nginx",
      "docker service inspect -f '{{.Spec.UpdateConfig.Delay}} {{.Spec.UpdateConfig.Monitor}} {{.Spec.TaskTemplate.ContainerSpec.StopGracePeriod}} {{.Spec.TaskTemplate.ContainerSpec.Healthcheck.Interval}}' web",
      "docker service inspect -f '{{json .Spec.UpdateConfig.Delay}} {{printf \"%d\" .Spec.UpdateConfig.Delay}} {{if .Spec.RollbackConfig.Delay}}set{{else}}zero{{end}}' web",
    ].join("\n"));
    expect(out(1)).toBe("10s 5s 1m30s 5s\n");
    expect(out(2)).toBe("10000000000 10000000000 zero\n");
  });
});

describe("inspect templates see the typed struct (omitempty fields are zero, not missing)", () => {
  it("node Status.Message / Spec.Name and task Status.Err / Slot print empty or zero", () => {
    const { out, steps } = replay([
      "docker node inspect self --format '[{{.Status.Message}}] [{{.Spec.Name}}]'",
      "docker service create -d --name g --mode global nginx",
      "docker inspect --type task -f '[{{.Status.Err}}] [{{.Slot}}]' $(docker service ps -q g | head -1)",
    ].join("\n"));
    expect(out(0)).toBe("[] []\n");
    expect(steps[2]!.exitCode).toBe(0);
    expect(out(2)).toBe("[] [0]\n");
  });
});
