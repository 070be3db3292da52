// Placeholder until the Kubernetes simulator lands.
import type { ProgramRegistry } from "../programs/registry";
import type { World } from "../world";
import type { ClusterSpec } from "../cluster-spec";

export function registerKubectl(reg: ProgramRegistry): void {
  reg.register("kubectl", () => ({ exitCode: 1, stdout: "", stderr: "kubectl: not implemented yet\n" }));
}

export function initKubernetes(_world: World, _spec: NonNullable<ClusterSpec["kubernetes"]>): void {}
