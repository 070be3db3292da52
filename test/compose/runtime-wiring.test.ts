// Compose containers on the project network: service names resolve through Docker's embedded DNS
// (compose gives each service container its service name as an alias); a one-off `compose run`
// container answers to the service name only with --use-aliases (compose's getAliases).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const COMPOSE = [
  "cat > compose.yaml <<EOF",
  "services:",
  "  web:",
  "    image: nginx",
  "  client:",
  "    image: busybox",
  "    command: sh -c \"sleep 1; wget -qO- http://web/ | head -4\"",
  "EOF",
].join("\n");

const run = (script: string) =>
  new Session({ seed: "compose-wiring", cluster: { hosts: [{ name: "h1", ip: "10.0.0.2" }] } }).run(`${COMPOSE}\ndocker compose up -d\n${script}`, { allowSim: false }).slice(2);

describe("compose services reach each other by service name", () => {
  it("PID 1 of one service fetches from another by its service name", () => {
    const steps = run("sleep 3\ndocker compose logs --no-log-prefix client");
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n" });
  });

  it("compose exec sees the container's address; compose run resolves services, and its own service only with --use-aliases", () => {
    const steps = run([
      "sleep 3",
      "docker compose exec web hostname -i",
      "docker compose run --rm client nslookup web",
      "docker compose run --rm client nslookup client",
      "docker compose run --rm --use-aliases client nslookup client",
    ].join("\n")).slice(1);
    const ip = steps[0]!.stdout.trim();
    expect(ip).toMatch(/^172\.18\.0\.\d+$/);
    expect(steps[1]).toMatchObject({ exitCode: 0, stdout: `Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\tweb\nAddress: ${ip}\n\n` });
    // client-1 has exited (only running containers resolve) and the one-off is not aliased.
    expect(steps[2]).toMatchObject({ exitCode: 1, stdout: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find client: NXDOMAIN\n\n" });
    expect(steps[3]!.exitCode).toBe(0);
    expect(steps[3]!.stdout).toMatch(/^Server:\t\t127\.0\.0\.11\nAddress:\t127\.0\.0\.11:53\n\nName:\tclient\nAddress: 172\.18\.0\.\d+\n\n$/);
  });
});

describe("network_mode naming a predefined network", () => {
  it("host: the host's name; bridge: an address on the default bridge", () => {
    const steps = new Session({ seed: "compose-wiring", cluster: { hosts: [{ name: "h1", ip: "10.0.0.2" }] } }).run([
      "cat > compose.yaml <<EOF", "services:", "  h:", "    image: busybox", "    network_mode: host", "    command: hostname",
      "  b:", "    image: nginx", "    network_mode: bridge", "EOF",
      "docker compose up -d", "docker compose logs --no-log-prefix h", "docker compose exec b hostname -i",
    ].join("\n"), { allowSim: false }).slice(2);
    expect(steps[0]).toMatchObject({ exitCode: 0, stdout: "h1\n" });
    expect(steps[1]!.stdout).toMatch(/^172\.17\.0\.\d+\n$/);
  });
});
