// Secrets and configs in containers are files with real modes, not guessed from their names: a
// swarm task's are read-only files, 0444 unless the reference gives a mode (moby's
// container/secrets, configs); Compose outside a swarm bind-mounts a `file:` source read-only and
// copies a `content:`/`environment:` one in as a 0444 file (or the given mode) before the start
// (compose's injectSecrets/injectConfigs). A script config is runnable only with an x mode.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { replay } from "../swarm/helpers";

const DENIED = (path: string) =>
  `OCI runtime exec failed: exec failed: unable to start container process: exec: "${path}": permission denied: unknown\n`;

describe("swarm: a task's secrets and configs", () => {
  it("are 0444 read-only files unless given a mode; a .sh config runs only with x bits", () => {
    const { steps } = replay([
      `printf '#!/bin/sh\\necho hi\\n' > run.sh`,
      "docker config create c1 run.sh",
      "docker secret create s1 run.sh",
      "docker service create -d --name w --config src=c1,target=/run.sh --config src=c1,target=/x.sh,mode=0755 --secret s1 nginx",
      "C=$(docker ps -q -f name=w)",
      "docker exec $C ls -l /run.sh /x.sh /run/secrets/s1",
      "docker exec $C /run.sh",
      "docker exec $C /x.sh",
      `docker exec $C sh -c 'echo x > /run.sh'`,
    ].join("\n"));
    expect(steps[5]!.stdout).toBe(
      "-r--r--r-- 1 root root 18 Jan 10 00:00 /run.sh\n-r--r--r-- 1 root root 18 Jan 10 00:00 /run/secrets/s1\n-rwxr-xr-x 1 root root 18 Jan 10 00:00 /x.sh\n",
    );
    expect([steps[6]!.exitCode, steps[6]!.stderr]).toEqual([126, DENIED("/run.sh")]);
    expect(steps[7]!.stdout).toBe("hi\n");
    expect(steps[8]!.stderr).toBe("sh: 1: cannot create /run.sh: Read-only file system\n");
  });
});

const COMPOSE = [
  "services:",
  "  web:",
  "    image: nginx",
  "    configs:",
  "      - source: script",
  "        target: /inline.sh",
  "      - source: script",
  "        target: inline2.sh",
  "        mode: 0755",
  "      - source: page",
  "        target: /page.txt",
  "    secrets:",
  "      - pass",
  "      - source: tok",
  "        target: token",
  "        mode: 0400",
  "configs:",
  "  script:",
  "    content: |",
  "      #!/bin/sh",
  "      echo inline",
  "  page:",
  "    file: ./page.txt",
  "secrets:",
  "  pass:",
  "    file: ./pass.txt",
  "  tok:",
  "    environment: TOKEN",
];

describe("compose: secrets and configs outside a swarm", () => {
  const run = (extra: string[]) =>
    new Session({ seed: "object-files" }).run([
      "printf 'hello\\n' > page.txt",
      "printf 'pw\\n' > pass.txt",
      "export TOKEN=s3cret",
      "cat > compose.yaml <<'EOF'", ...COMPOSE, "EOF",
      "docker compose up -d",
      ...extra,
    ].join("\n"), { allowSim: true });

  it("content and environment ones are copied in with their mode; file ones are read-only binds", () => {
    const steps = run([
      "docker compose exec web ls -l /inline.sh /inline2.sh /page.txt /run/secrets/pass /run/secrets/token",
      "docker compose exec web /inline.sh",
      "docker compose exec web /inline2.sh",
      "docker compose exec web cat /run/secrets/token /page.txt",
      "docker compose exec web sh -c 'echo x > /run/secrets/pass'",
      "docker inspect root-web-1 --format '{{range .Mounts}}{{.Source}} {{.Destination}} {{.RW}}|{{end}}'",
    ]);
    const out = steps.slice(-6);
    expect(out[0]!.stdout).toBe([
      "-r--r--r-- 1 root root 22 Jan 10 00:00 /inline.sh",
      "-rwxr-xr-x 1 root root 22 Jan 10 00:00 /inline2.sh",
      "-rw-r--r-- 1 root root 6 Jan 10 00:00 /page.txt",
      "-rw-r--r-- 1 root root 3 Jan 10 00:00 /run/secrets/pass",
      "-r-------- 1 root root 6 Jan 10 00:00 /run/secrets/token",
      "",
    ].join("\n"));
    expect([out[1]!.exitCode, out[1]!.stderr]).toEqual([126, DENIED("/inline.sh")]);
    expect(out[2]!.stdout).toBe("inline\n");
    expect(out[3]!.stdout).toBe("s3crethello\n");
    expect(out[4]!.stderr).toBe("sh: 1: cannot create /run/secrets/pass: Read-only file system\n");
    expect(out[5]!.stdout).toBe("/root/pass.txt /run/secrets/pass false|/root/page.txt /page.txt false|\n");
  });

  it("a missing file source fails the create (the Mount API makes no bind source)", () => {
    const steps = new Session({ seed: "object-files" }).run([
      "printf 'hello\\n' > page.txt",
      "cat > compose.yaml <<'EOF'", ...COMPOSE, "EOF",
      "docker compose up -d",
    ].join("\n"), { allowSim: true });
    const up = steps[steps.length - 1]!;
    expect(up.exitCode).toBe(1);
    expect(up.stderr).toContain('Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /root/pass.txt\n');
  });
});
