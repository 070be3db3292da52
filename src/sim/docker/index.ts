// Placeholder until the Docker engine / Swarm simulator lands: `docker` exists but does nothing.
import type { ProgramRegistry } from "../programs/registry";
import type { World } from "../world";
import type { ClusterSpec } from "../cluster-spec";

export function registerDocker(reg: ProgramRegistry): void {
  reg.register("docker", () => ({ exitCode: 1, stdout: "", stderr: "docker: not implemented yet\n" }));
}

export function initSwarm(_world: World, _spec: NonNullable<ClusterSpec["swarm"]>): void {}
