// docker compose replayed through a Session with the submission's files (compose.yaml, .env).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const APP = `services:
  web:
    image: nginx:\${NGINX_TAG:-latest}
    ports:
      - "\${WEB_PORT}:80"
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD:?set it}
    volumes:
      - data:/var/lib/postgresql/data
volumes:
  data: {}
`;

function replay(script: string, files: Record<string, string>) {
  const session = new Session({ seed: "compose-test", files });
  const steps = session.run(script, { allowSim: true });
  return { session, steps, out: (i: number) => steps[i]!.stdout, err: (i: number) => steps[i]!.stderr };
}

describe("docker compose up / ps / down", () => {
  const files = { "compose.yaml": APP, ".env": "WEB_PORT=8080\nDB_PASSWORD=secret\n" };

  it("creates the project network, volume and containers in dependency order", () => {
    const { steps, err } = replay("docker compose up -d", files);
    expect(steps[0]!.exitCode).toBe(0);
    const running = err(0).slice(err(0).indexOf("[+] Running"));
    expect(running.split("\n").map((l) => l.replace(/ +\d+\.\ds$/, "").trimEnd())).toEqual([
      "[+] Running 4/4",
      " ✔ Network root_default  Created",
      ' ✔ Volume "root_data"    Created',
      " ✔ Container root-db-1   Started",
      " ✔ Container root-web-1  Started",
      "",
    ]);
  });

  it("ps lists the project's containers with SERVICE and ports; docker ps sees them too", () => {
    const { out } = replay("docker compose up -d\ndocker compose ps --format '{{.Name}} {{.Service}} {{.State}}'\ndocker ps --format '{{.Names}}'\ndocker network ls --format '{{.Name}}'\ndocker volume ls -q", files);
    expect(out(1)).toBe("root-db-1 db running\nroot-web-1 web running\n");
    expect(out(2).split("\n").sort().join(" ").trim()).toBe("root-db-1 root-web-1");
    expect(out(3)).toContain("root_default\n");
    expect(out(4)).toBe("root_data\n");
  });

  it("up again reports Running; down removes containers and network, -v the volume", () => {
    const { err, out } = replay("docker compose up -d\ndocker compose up -d\ndocker compose down -v\ndocker ps -a -q\ndocker volume ls -q", files);
    expect(err(1)).toContain(" ✔ Container root-web-1  Running");
    expect(err(2)).toContain(" ✔ Container root-web-1  Removed");
    expect(err(2)).toContain(" ✔ Network root_default  Removed");
    expect(err(2)).toMatch(/ ✔ Volume root_data +Removed/);
    expect(out(3)).toBe("");
    expect(out(4)).toBe("");
  });

  it("--scale makes numbered containers; -p names the project", () => {
    const { out } = replay("docker compose -p shop up -d --scale web=3 web\ndocker ps --format '{{.Names}}' | sort", { ...files, ".env": "WEB_PORT=80\nDB_PASSWORD=x\n", "compose.yaml": APP.replace('"${WEB_PORT}:80"', '"80"') });
    expect(out(1)).toBe("shop-db-1\nshop-web-1\nshop-web-2\nshop-web-3\n");
  });

  it("a required variable that is not set is compose's error", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": APP });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toContain("required variable DB_PASSWORD is missing a value: set it");
  });

  it("no compose file", () => {
    const { steps } = replay("docker compose up -d", {});
    expect(steps[0]!.stderr).toBe("no configuration file provided: not found\n");
    expect(steps[0]!.exitCode).toBe(1);
  });

  it("an unknown key is a schema error", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": "services:\n  web:\n    imag: nginx\n" });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toContain("services.web additional properties 'imag' not allowed");
  });

  it("state: containers carry the compose labels", () => {
    const { session } = replay("docker compose up -d", files);
    const h = (session.world.snapshot() as any)["docker.engine"][session.world.hosts[0]!.name];
    const web = h.containers.find((c: any) => c.name === "root-web-1");
    expect(web.labels["com.docker.compose.project"]).toBe("root");
    expect(web.labels["com.docker.compose.service"]).toBe("web");
  });
});

describe("docker compose exec / logs", () => {
  it("exec runs in the service's first container; logs are prefixed", () => {
    const files = { "compose.yaml": "services:\n  web:\n    image: nginx\n  job:\n    image: busybox\n    command: echo done\n" };
    const { out, steps } = replay("docker compose up -d\ndocker compose exec web echo hi\ndocker compose exec nope ls\ndocker compose logs job", files);
    expect(out(1)).toBe("hi\n");
    expect(steps[2]!.exitCode).toBe(1);
    expect(steps[2]!.stderr).toBe("no such service: nope\n");
    expect(out(3)).toContain("done");
  });
});
