// Audit (session 7) of docker compose against Compose v2.3x's sources (up.go/attach.go/
// printer.go/cmd/formatter/logs.go, stop.go, restart.go, remove.go, scale.go, cmd/compose/up.go's
// validateFlags) and of docker stack with a bridge network (the daemon's populateNetworkID).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const APP = `services:
  web:
    image: nginx:1.25
    depends_on: [cache]
  cache:
    image: redis:7
  job:
    image: busybox
    command: sh -c "echo hello; sleep 5; echo bye >&2; exit 3"
`;

const SWARM = { hosts: [{ name: "m1", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], swarm: { managers: ["m1"], workers: ["w1"] } };

function replay(script: string, files: Record<string, string> = { "compose.yaml": APP }, cluster?: unknown) {
  const session = new Session({ seed: "audit-s7", files, ...(cluster ? { cluster: cluster as never } : {}) });
  const steps = session.run(script, { allowSim: true });
  return { session, steps };
}

/** The progress frame without its timer column. */
const frame = (s: string, title: string) => {
  const at = s.indexOf(`[+] ${title}`);
  const lines = s.slice(at).split("\n");
  const end = lines.findIndex((l, i) => i > 0 && !l.startsWith(" "));
  return lines.slice(0, end).map((l) => l.replace(/ +\d+\.\ds$/, "").trimEnd());
};

describe("docker compose up without -d: attached to the containers' output", () => {
  it("reports the create phase (Created), attaches, prefixes each line, reports exits", () => {
    const { steps, session } = replay("docker compose up\ndocker compose ps -a --format '{{.Name}} {{.State}}'");
    const up = steps[0]!;
    expect(up.exitCode).toBe(0);
    expect(frame(up.stderr, "Running")).toEqual([
      "[+] Running 4/4",
      " ✔ Network root_default    Created",
      " ✔ Container root-cache-1  Created",
      " ✔ Container root-job-1    Created",
      " ✔ Container root-web-1    Created",
    ]);
    const out = up.stdout.split("\n");
    expect(out[0]).toBe("Attaching to cache-1, job-1, web-1");
    // Names padded to the longest plus one, then " | ".
    expect(out).toContain("job-1    | hello");
    expect(out.some((l) => l.startsWith("cache-1  | ") && l.includes("Ready to accept connections"))).toBe(true);
    expect(out).toContain("job-1 exited with code 3");
    // A container's stderr lines go to stderr, with the same prefix.
    expect(up.stderr).toContain("job-1    | bye\n");
    expect(up.stdout).not.toContain("bye");
    // Servers never end: followed as an attached docker run is (a minute), then left running.
    expect(session.world.now - Date.parse("2024-01-10T00:00:00Z")).toBe(60_000);
    expect(steps[1]!.stdout).toBe("root-cache-1 running\nroot-job-1 exited\nroot-web-1 running\n");
  });

  it("returns once every attached container has stopped, after the time they ran", () => {
    const { steps, session } = replay("docker compose up job");
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stdout).toBe("Attaching to job-1\njob-1  | hello\njob-1 exited with code 3\n");
    expect(steps[0]!.stderr.endsWith("job-1  | bye\n")).toBe(true);
    expect(session.world.now - Date.parse("2024-01-10T00:00:00Z")).toBe(5_000);
  });

  it("attaches to what comes next only: a running container's earlier output is not repeated", () => {
    const { steps } = replay("docker compose up -d cache\ndocker compose up cache --no-log-prefix");
    expect(frame(steps[1]!.stderr, "Running")).toEqual(["[+] Running 1/1", " ✔ Container root-cache-1  Running"]);
    expect(steps[1]!.stdout).toBe("Attaching to cache-1\n");
  });

  it("--timestamps puts the time after the prefix", () => {
    const { steps } = replay("docker compose up --timestamps job");
    expect(steps[0]!.stdout).toBe("Attaching to job-1\njob-1  | 2024-01-10T00:00:00.000000000Z hello\njob-1 exited with code 3\n");
  });

  it("a container that restarts reports each exit", () => {
    const { steps } = replay("docker compose up", { "compose.yaml": "services:\n  bad:\n    image: busybox\n    command: sh -c 'echo boom; exit 1'\n    restart: always\n" });
    const out = steps[0]!.stdout.split("\n");
    expect(out.slice(0, 5)).toEqual(["Attaching to bad-1", "bad-1  | boom", "bad-1 exited with code 1", "bad-1  | boom", "bad-1 exited with code 1"]);
  });

  it("two services on one missing image both pull (pullRequiredImages looks once, before pulling)", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": "services:\n  a:\n    image: busybox\n    command: sleep 60\n  b:\n    image: busybox\n    command: sleep 60\n" });
    expect(frame(steps[0]!.stderr, "Pulling")).toEqual(["[+] Pulling 2/2", " ✔ a Pulled", " ✔ b Pulled"]);
  });

  it("--abort-on-container-exit: the first exit stops the project and gives its code", () => {
    const { steps } = replay("docker compose up --abort-on-container-exit");
    const up = steps[0]!;
    expect(up.exitCode).toBe(3);
    expect(up.stdout.endsWith("job-1 exited with code 3\nAborting on container exit...\n")).toBe(true);
    expect(frame(up.stderr, "Stopping")).toEqual([
      "[+] Stopping 3/3",
      " ✔ Container root-web-1    Stopped",
      " ✔ Container root-job-1    Stopped",
      " ✔ Container root-cache-1  Stopped",
    ]);
  });

  it("validates the flags as validateFlags does", () => {
    const { steps } = replay([
      "docker compose up -d --abort-on-container-exit",
      "docker compose up --wait --attach web",
      "docker compose up --abort-on-container-exit --abort-on-container-failure",
      "docker compose up --exit-code-from nope",
      "docker compose up --attach nope",
      "docker compose up --scale web",
      "docker compose up --scale web=x",
    ].join("\n"));
    expect(steps.map((s) => [s.exitCode, s.stderr])).toEqual([
      [1, "--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, --attach, --attach-dependencies or --watch\n"],
      [1, "--wait cannot be combined with --abort-on-container-exit, --attach or --attach-dependencies\n"],
      [1, "--abort-on-container-failure cannot be combined with --abort-on-container-exit\n"],
      [1, "no such service: nope\n"],
      [1, "cannot attach to services not included in up: nope\n"],
      [1, 'invalid --scale option "web". Should be SERVICE=NUM\n'],
      [1, 'strconv.Atoi: parsing "x": invalid syntax\n'],
    ]);
  });
});

describe("docker compose stop / start / restart / rm", () => {
  const files = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    depends_on: [cache]\n  cache:\n    image: redis:7\n" };

  it("stop: [+] Stopping, dependents first; start: dependencies first, running ones skipped; restart: [+] Restarting", () => {
    const { steps } = replay("docker compose up -d\ndocker compose stop\ndocker compose start\ndocker compose start\ndocker compose restart", files);
    expect(frame(steps[1]!.stderr, "Stopping")).toEqual(["[+] Stopping 2/2", " ✔ Container root-web-1    Stopped", " ✔ Container root-cache-1  Stopped"]);
    expect(frame(steps[2]!.stderr, "Running")).toEqual(["[+] Running 2/2", " ✔ Container root-cache-1  Started", " ✔ Container root-web-1    Started"]);
    expect(steps[3]!.stderr).toBe("");
    expect(frame(steps[4]!.stderr, "Restarting")).toEqual(["[+] Restarting 2/2", " ✔ Container root-cache-1  Started", " ✔ Container root-web-1    Started"]);
  });

  it("rm asks first: nothing typed is no; -f removes; -s stops first", () => {
    const { steps } = replay([
      "docker compose up -d", "docker compose stop web", "docker compose rm", "docker compose ps -a -q | wc -l",
      "echo true | docker compose rm", "docker compose rm -sf", "docker compose rm",
    ].join("\n"), files);
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "Going to remove root-web-1", stderr: "" });
    expect(steps[3]!.stdout.trim()).toBe("2");
    expect(steps[4]!.stdout).toBe("Going to remove root-web-1");
    expect(frame(steps[4]!.stderr, "Removing")).toEqual(["[+] Removing 1/1", " ✔ Container root-web-1  Removed"]);
    expect(steps[5]!.stdout).toBe("Going to remove root-cache-1\n");
    expect(frame(steps[5]!.stderr, "Stopping")).toEqual(["[+] Stopping 1/1", " ✔ Container root-cache-1  Stopped"]);
    expect(steps[6]!.stderr).toBe("No stopped containers\n");
  });

  it("start reports a daemon error with its prefix", () => {
    const two = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    ports: ['8080:80']\n" };
    const { steps } = replay("docker compose up -d\ndocker compose stop\ndocker run -d -p 8080:80 nginx:1.25\ndocker compose start", two);
    expect(steps[3]!.exitCode).toBe(1);
    expect(steps[3]!.stderr).toMatch(/ ✘ Container root-web-1  Error +0\.0s\nError response from daemon: failed to set up container networking: .*Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n$/);
  });
});

describe("docker compose logs", () => {
  it("keeps each container's stderr on stderr, --tail per container, -t after the prefix, unknown services refused", () => {
    const { steps } = replay("docker compose up -d job\nsleep 6\ndocker compose logs\ndocker compose logs --tail 1 -t\ndocker compose logs nope");
    expect(steps[2]).toMatchObject({ stdout: "job-1  | hello\n", stderr: "job-1  | bye\n" });
    expect(steps[3]).toMatchObject({ stdout: "", stderr: "job-1  | 2024-01-10T00:00:05.000000000Z bye\n" });
    expect(steps[4]).toMatchObject({ exitCode: 1, stderr: "no such service: nope\n" });
  });
});

describe("docker compose scale / version", () => {
  it("scale sets the replicas as up -d does; its specifier errors", () => {
    const files = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n" };
    const { steps } = replay("docker compose up -d\ndocker compose scale web=3\ndocker compose scale web\ndocker compose scale web=x\ndocker compose scale api=2", files);
    expect(frame(steps[1]!.stderr, "Running")).toEqual([
      "[+] Running 3/3", " ✔ Container root-web-1  Running", " ✔ Container root-web-2  Started", " ✔ Container root-web-3  Started",
    ]);
    expect(steps.slice(2).map((s) => s.stderr)).toEqual([
      "invalid scale specifier: web\n", "invalid scale specifier: can't parse replica value as int: web=x\n", "no such service: api\n",
    ]);
  });

  it("version", () => {
    const { steps } = replay("docker compose version\ndocker compose version --short\ndocker compose version -f json");
    expect(steps.map((s) => s.stdout)).toEqual(["Docker Compose version v2.36.2\n", "2.36.2\n", '{"version":"v2.36.2"}\n']);
  });
});

describe("docker stack deploy with a bridge network (a compose file's `driver: bridge`)", () => {
  const stack = `version: "3.8"
services:
  web:
    image: nginx:1.25
    networks: [front]
networks:
  front:
    driver: bridge
`;
  it("makes the network on the manager's engine and the daemon refuses a service on it; rm removes it", () => {
    const { steps } = replay("docker stack deploy -c stack.yml app\ndocker stack deploy -c stack.yml app\ndocker network ls --format '{{.Name}} {{.Scope}}' --filter name=app\ndocker stack rm app\ndocker network ls -q --filter name=app", { "stack.yml": stack }, SWARM);
    const refused = "failed to create service app_web: Error response from daemon: The network app_front cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.\n";
    expect(steps[0]).toMatchObject({ exitCode: 1, stdout: "Creating network app_front\nCreating service app_web\n" });
    expect(steps[0]!.stderr.endsWith(refused)).toBe(true);
    // Found again by its stack label: not created twice.
    expect(steps[1]).toMatchObject({ exitCode: 1, stdout: "Creating service app_web\n" });
    expect(steps[2]!.stdout).toBe("app_front local\n");
    expect(steps[3]).toMatchObject({ exitCode: 0, stdout: "Removing network app_front\n" });
    expect(steps[4]!.stdout).toBe("");
  });
});

describe("docker stack config: what docker/cli's structs keep (checked against docker 28.2)", () => {
  const config = (yml: string) => replay("docker stack config -c s.yml", { "s.yml": yml }).steps[0]!;
  const H = "services:\n  a:\n    image: x\n";
  it.each([
    ["open bind/tmpfs/volume options keep their own fields", `${H}    volumes:\n      - type: bind\n        source: /a\n        target: /d\n        bind:\n          propagation: rprivate\n          create_host_path: true\n      - type: volume\n        source: v\n        target: /v\n        volume:\n          subpath: s\n          foo: 1\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: 100\n          mode: 0755\nvolumes:\n  v: {}\n`,
      'version: "3.13"\nservices:\n  a:\n    image: x\n    volumes:\n      - type: bind\n        source: /a\n        target: /d\n        bind:\n          propagation: rprivate\n      - type: volume\n        source: v\n        target: /v\n        volume:\n          subpath: s\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: 100\nvolumes:\n  v: {}\n'],
    ["build keeps BuildConfig's fields; a secret item its own", `${H}    build:\n      context: .\n      secrets: [a]\n      shm_size: 1g\n    secrets:\n      - source: s\n        foo: 1\nsecrets:\n  s:\n    external: true\n`,
      'version: "3.13"\nservices:\n  a:\n    build:\n      context: .\n    image: x\n    secrets:\n      - source: s\nsecrets:\n  s:\n    name: s\n    external: true\n'],
    ["empty lists and maps are omitted, pointers stay", `${H}    ports: []\n    labels: {}\n    healthcheck: {}\n    deploy:\n      placement: {constraints: []}\n      resources: {limits: {}}\n`,
      'version: "3.13"\nservices:\n  a:\n    deploy:\n      resources:\n        limits: {}\n    healthcheck: {}\n    image: x\n'],
    ["top-level labels become a sorted map; an empty name: the key (external) or nothing", `${H}networks:\n  n:\n    labels: [z=1, a]\nvolumes:\n  v:\n    name: ""\nconfigs:\n  c:\n    external: true\n    name: ""\n`,
      'version: "3.13"\nservices:\n  a:\n    image: x\nnetworks:\n  "n":\n    labels:\n      a: ""\n      z: "1"\nvolumes:\n  v: {}\nconfigs:\n  c:\n    name: c\n    external: true\n'],
    ["a service network's driver_opts is a string map; libyaml's single quotes", `services:\n  a:\n    image: x\n    command: ["echo", "it's "]\n    networks:\n      n:\n        driver_opts:\n          z: 1\n          a: b\nnetworks:\n  n: {}\n`,
      'version: "3.13"\nservices:\n  a:\n    command:\n      - echo\n      - \'it\'\'s \'\n    image: x\n    networks:\n      "n":\n        driver_opts:\n          a: b\n          z: "1"\nnetworks:\n  "n": {}\n'],
  ])("%s", (_name, yml, want) => {
    expect(config(yml)).toMatchObject({ exitCode: 0, stdout: want });
  });

  it("every repeated key of a mapping, as yaml.v3's unmarshal errors list them", () => {
    const r = config("services:\n  a:\n    image: x\n    image: y\n    image: z\n");
    expect(r.stderr).toBe('yaml: unmarshal errors:\n  line 4: mapping key "image" already defined at line 3\n  line 5: mapping key "image" already defined at line 3\n  line 5: mapping key "image" already defined at line 4\n');
  });
});

describe("docker compose up after the file changed", () => {
  it("recreates a container whose configuration diverged (config-hash), keeps an unchanged one; --no-recreate keeps it", () => {
    const { steps } = replay([
      "docker compose up -d",
      "sed -i s/1.25/1.27/ compose.yaml", "docker compose up -d --no-recreate", "docker compose up -d", "docker compose ps --format '{{.Image}}'",
      "sed -i s/1.27/1.25/ compose.yaml", "docker compose up",
    ].join("\n"), { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n" });
    expect(frame(steps[2]!.stderr, "Running")).toEqual(["[+] Running 1/1", " ✔ Container root-web-1  Running"]);
    expect(frame(steps[3]!.stderr, "Running")).toEqual(["[+] Running 1/1", " ✔ Container root-web-1  Started"]);
    expect(steps[4]!.stdout).toBe("nginx:1.27\n");
    expect(frame(steps[6]!.stderr, "Running")).toEqual(["[+] Running 1/1", " ✔ Container root-web-1  Recreated"]);
  });
});

describe("docker compose exec", () => {
  it("cobra's argument count, the first running container, --index N's own message", () => {
    const files = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n" };
    const { steps } = replay("docker compose up -d --scale web=2\ndocker compose exec web\ndocker compose exec --index 3 web ls\ndocker compose stop\ndocker compose exec web ls", files);
    expect(steps.slice(1).map((s) => s.stderr)).toEqual([
      "requires at least 2 arg(s), only received 1\n", 'service "web" is not running container #3\n', expect.stringContaining("Stopping"), 'service "web" is not running\n',
    ]);
  });
});

describe("docker compose down", () => {
  const files = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n" };
  it("--rmi all|local only, all removes the services' images; nothing left: the warning", () => {
    const { steps } = replay("docker compose up -d\ndocker compose down --rmi x\ndocker compose down --rmi all\ndocker images -q | wc -l\ndocker compose down", files);
    expect(steps[1]).toMatchObject({ exitCode: 1, stderr: 'invalid value for --rmi: "x"\n' });
    expect(frame(steps[2]!.stderr, "Running")).toEqual([
      "[+] Running 3/3", " ✔ Container root-web-1  Removed", " ✔ Network root_default  Removed", " ✔ Image nginx:1.25      Removed",
    ]);
    expect(steps[3]!.stdout.trim()).toBe("0");
    expect(steps[4]).toMatchObject({ exitCode: 0, stderr: 'Warning: No resource found to remove for project "root".\n' });
  });
});

describe("docker compose with external and overlay networks (a swarm manager and worker)", () => {
  const ext = "services:\n  web:\n    image: nginx:1.25\n    networks: [ov]\nnetworks:\n  ov:\n    external: true\n";
  const own = (attachable: boolean) => `services:\n  web:\n    image: nginx:1.25\n    networks: [ov]\nnetworks:\n  ov:\n    driver: overlay\n${attachable ? "    attachable: true\n" : ""}`;

  it("an external network must exist and, if a swarm one, be attachable; it keeps its own name", () => {
    const { steps } = replay([
      "docker compose up -d", "docker network create -d overlay ov", "docker compose up -d", "docker network rm ov",
      "docker network create -d overlay --attachable ov", "docker compose up -d", "docker network inspect ov -f '{{range .Containers}}{{.Name}}{{end}}'",
    ].join("\n"), { "compose.yaml": ext }, SWARM);
    // On a swarm node compose leaves the check to the attachment (an overlay may live elsewhere).
    expect(steps[0]!.stderr.endsWith("Error response from daemon: network ov not found\n")).toBe(true);
    expect(steps[2]!.stderr.endsWith(" ✘ Container root-web-1  Error                                           0.0s\nError response from daemon: Could not attach to network ov: rpc error: code = PermissionDenied desc = network ov not manually attachable\n")).toBe(true);
    expect(steps[5]!.exitCode).toBe(0);
    expect(steps[6]!.stdout).toBe("root-web-1\n");
  });

  it("driver: overlay is a swarm network: made on a manager (attachable as the file says), refused on a worker, removed by down", () => {
    const { steps } = replay([
      "docker compose -f a.yaml up -d", "docker network ls -f name=root_ov --format '{{.Name}} {{.Scope}}'", "docker compose -f a.yaml down",
      "docker compose -f b.yaml up -d", "ssh w1 docker compose -f b.yaml up -d", "docker compose -f b.yaml down", "docker network ls -q -f name=root_ov",
    ].join("\n"), { "a.yaml": own(false), "b.yaml": own(true) }, SWARM);
    expect(steps[0]!.stderr.endsWith("Error response from daemon: Could not attach to network root_ov: rpc error: code = PermissionDenied desc = network root_ov not manually attachable\n")).toBe(true);
    expect(steps[1]!.stdout).toBe("root_ov swarm\n");
    expect(steps[3]!.exitCode).toBe(0);
    expect(steps[4]!.stderr.endsWith("failed to create network root_ov: Error response from daemon: Cannot create a multi-host network from a worker node. Please create the network from a manager node.\n")).toBe(true);
    expect(frame(steps[5]!.stderr, "Running")).toEqual(["[+] Running 2/2", " ✔ Container root-web-1  Removed", " ✔ Network root_ov       Removed"]);
    expect(steps[6]!.stdout).toBe("");
  });

  it("off a swarm, a missing external network is compose's own error", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": ext });
    expect(steps[0]!.stderr.endsWith("network ov declared as external, but could not be found\n")).toBe(true);
  });

  it("an external volume must exist", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": "services:\n  db:\n    image: redis:7\n    volumes: [data:/data]\nvolumes:\n  data:\n    external: true\n" });
    expect(steps[0]!.stderr.endsWith('external volume "data" not found\n')).toBe(true);
  });
});

describe("docker compose config", () => {
  const file = "services:\n  web:\n    image: nginx:1.25\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n      - data:/data\n  job:\n    build: .\n    profiles: [tools]\nvolumes:\n  data: {}\n";
  it("short volumes as compose-go's populateType makes them, inactive profiles left out, build context resolved; -q prints nothing", () => {
    const { steps } = replay("docker compose config\ndocker compose config -q\ndocker compose config --images\ndocker compose --profile tools config --images\ndocker compose config --profiles", { "compose.yaml": file });
    expect(steps[0]!.stdout).toContain("  web:\n    image: nginx:1.25\n    networks:\n      default: null\n    volumes:\n      - type: bind\n        source: /root/html\n        target: /usr/share/nginx/html\n        read_only: true\n        bind:\n          create_host_path: true\n      - type: volume\n        source: data\n        target: /data\n        volume: {}\n");
    expect(steps[0]!.stdout).not.toContain("job:");
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "" });
    expect(steps[2]!.stdout).toBe("nginx:1.25\n");
    expect(steps[3]!.stdout).toBe("nginx:1.25\nroot-job\n");
    expect(steps[4]!.stdout).toBe("tools\n");
  });
});

describe("docker compose up --wait", () => {
  it("waits for running (healthy, with a healthcheck): each line ends Healthy; an exited one fails", () => {
    const file = "services:\n  web:\n    image: nginx:1.25\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 5s\n  cache:\n    image: redis:7\n  once:\n    image: busybox\n    command: \"true\"\n";
    const { steps } = replay("docker compose up -d --wait web cache\ndocker compose ps --format '{{.Name}} {{.Status}}'\ndocker compose up --wait once", { "compose.yaml": file });
    expect(frame(steps[0]!.stderr, "Running")).toEqual(["[+] Running 3/3", " ✔ Network root_default    Created", " ✔ Container root-cache-1  Healthy", " ✔ Container root-web-1    Healthy"]);
    expect(steps[1]!.stdout).toBe("root-cache-1 Up 5 seconds\nroot-web-1 Up 5 seconds (healthy)\n");
    expect(steps[2]).toMatchObject({ exitCode: 1 });
    expect(steps[2]!.stderr.endsWith("dependency failed to start: container root-once-1 exited (0)\n")).toBe(true);
  });
});

describe("docker compose pull", () => {
  it("skips a service without an image and one whose image another service pulls (those lines first)", () => {
    const { steps } = replay("docker compose pull", { "compose.yaml": "services:\n  a:\n    image: busybox\n  b:\n    image: busybox\n  c:\n    build: .\n  d:\n    image: redis:7\n" });
    expect(frame(steps[0]!.stderr, "Pulling")).toEqual([
      "[+] Pulling 4/4", " ✔ b Skipped - Image is already being pulled by a", " ✔ c Skipped - No image to be pulled", " ✔ a Pulled", " ✔ d Pulled",
    ]);
  });
});

describe("docker compose up with orphan containers", () => {
  it("warns about them (logrus), or removes them first with --remove-orphans", () => {
    const { steps } = replay("docker compose up -d\nsed -i s/old:/cache:/ compose.yaml\ndocker compose up -d\ndocker compose up -d --remove-orphans", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n  old:\n    image: redis:7\n" });
    expect(steps[2]!.stderr.startsWith("WARN[0000] Found orphan containers ([root-old-1]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.\n[+] Running 2/2\n")).toBe(true);
    expect(frame(steps[3]!.stderr, "Running")).toEqual(["[+] Running 3/3", " ✔ Container root-old-1    Removed", " ✔ Container root-cache-1  Running", " ✔ Container root-web-1    Running"]);
  });
});

describe("docker compose up with an image that does not exist", () => {
  it("fails in the Pulling frame, laid out as a successful one", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": "services:\n  web:\n    image: nginx:1.255\n  db:\n    image: redis:7\n" });
    expect(steps[0]!.exitCode).toBe(1);
    expect(frame(steps[0]!.stderr, "Pulling")).toEqual([
      // numDone counts every event no longer Working, the failed one too.
      "[+] Pulling 2/2", " ✔ db Pulled", " ✘ web Error manifest for nginx:1.255 not found: manifest unknown: manifest unknown",
    ]);
    expect(steps[0]!.stderr.endsWith("\nError response from daemon: manifest for nginx:1.255 not found: manifest unknown: manifest unknown\n")).toBe(true);
  });
});

describe("docker compose up --pull / pull_policy", () => {
  it("never does not pull (the daemon has no such image), always pulls what is present", () => {
    const files = { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n" };
    const { steps } = replay("docker compose up -d --pull never\ndocker compose up -d\ndocker compose up -d --pull always", files);
    expect(steps[0]!.stderr.endsWith("Error response from daemon: No such image: nginx:1.25\n")).toBe(true);
    expect(frame(steps[2]!.stderr, "Pulling")).toEqual(["[+] Pulling 1/1", " ✔ web Pulled"]);
    expect(frame(steps[2]!.stderr, "Running")).toEqual(["[+] Running 1/1", " ✔ Container root-web-1  Running"]);
  });
});
