// Swarm-scoped network names go through swarmkit's validateNetworkSpec → validateAnnotations
// (isValidDNSName, at most 63 characters), as service names do: `my.net` is a fine bridge
// network name but no overlay one (moby/moby#31772, #33433).
import { describe, expect, it } from "vitest";
import { replay } from "../swarm/helpers";

const DNS = "Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n";
const LONG = "Error response from daemon: rpc error: code = InvalidArgument desc = name must be 63 characters or fewer\n";

describe("docker network create -d overlay: swarmkit's name validation", () => {
  it("refuses a dot, a leading dash or underscore, and names over 63 characters", () => {
    const { steps } = replay([
      "docker network create -d overlay my.net",
      "docker network create -d overlay _net",
      `docker network create -d overlay ${"a".repeat(64)}`,
      `docker network create -d overlay ${"a".repeat(63)}`,
      "docker network create -d overlay my_net-2",
      "docker network create my.net",
      "docker network ls --format '{{.Name}} {{.Driver}}' --filter name=net",
    ].join("\n"));
    expect(steps.slice(0, 3).map((s) => [s.exitCode, s.stdout, s.stderr])).toEqual([[1, "", DNS], [1, "", DNS], [1, "", LONG]]);
    expect(steps[3]!.exitCode).toBe(0);
    expect(steps[4]!.exitCode).toBe(0);
    // A local (bridge) network is libnetwork's alone: no DNS-label rule.
    expect(steps[5]!.exitCode).toBe(0);
    expect(steps[6]!.stdout).toBe("my.net bridge\nmy_net-2 overlay\n");
  });

  it("checks ingress+attachable before the name, as validateNetworkSpec does", () => {
    const { steps } = replay("docker network create -d overlay --ingress --attachable in.2");
    expect(steps[0]!.stderr).toBe("Error response from daemon: rpc error: code = InvalidArgument desc = ingress network cannot be attachable\n");
  });

  it("a stack network whose name is no DNS label fails the deploy", () => {
    const { steps } = replay([
      "cat > s.yml <<EOF",
      "services:",
      "  web:",
      "    image: nginx",
      "    networks: [front.end]",
      "networks:",
      "  front.end: {}",
      "EOF",
      "docker stack deploy -c s.yml st",
    ].join("\n"));
    const deploy = steps[steps.length - 1]!;
    expect(deploy.exitCode).toBe(1);
    expect(deploy.stdout).toBe("Creating network st_front.end\n");
    expect(deploy.stderr).toContain(`failed to create network st_front.end: ${DNS}`);
  });
});
