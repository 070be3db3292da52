// compose's waitDependencies (convergence.go): before starting a service, each dependency's
// containers must satisfy its `depends_on` condition. service_started needs nothing more (the
// dependency's container was started just before — compose does not wait for readiness);
// service_healthy lets virtual time pass until the healthcheck reports healthy (an unhealthy or
// exited container, or one without a healthcheck, is an error); service_completed_successfully
// waits for exit 0. A dependency with `required: false` that fails is skipped.

import type { World } from "../../world";
import type { Container } from "../engine/state";
import { LABEL_SERVICE } from "./container-spec";
import type { ServiceModel } from "./model";
import type { ProgressLine } from "./project";

/** How long compose lets a dependency become healthy/complete (the real one waits indefinitely). */
export const DEPENDENCY_WAIT_CAP_MS = 15 * 60_000;

export const errUnhealthy = (c: string) => `dependency failed to start: container ${c} is unhealthy`;
export const errNoHealthcheck = (c: string) => `dependency failed to start: container ${c} has no healthcheck configured`;
export const errExited = (c: string, code: number) => `dependency failed to start: container ${c} exited (${code})`;
export const errNotCompleted = (svc: string, code: number) => `service "${svc}" didn't complete successfully: exit ${code}`;

type Verdict = "ok" | "wait" | string;

function healthy(c: Container): Verdict {
  if (c.status === "exited" || c.status === "created") return errExited(c.name, c.exitCode);
  if (!c.healthcheck || !c.health) return errNoHealthcheck(c.name);
  if (c.health.status === "unhealthy") return errUnhealthy(c.name);
  return c.health.status === "healthy" ? "ok" : "wait";
}

function completed(svc: string, c: Container): Verdict {
  if (c.status === "exited") return c.exitCode === 0 ? "ok" : errNotCompleted(svc, c.exitCode);
  return "wait";
}

/** Waits for `s`'s dependencies; returns an error message, or undefined when they are satisfied. */
export function waitDependencies(world: World, s: ServiceModel, containersOf: () => Container[], lines: ProgressLine[]): string | undefined {
  for (const dep of Object.keys(s.dependsOn).sort()) {
    const { condition, required } = s.dependsOn[dep]!;
    if (condition !== "service_healthy" && condition !== "service_completed_successfully") continue;
    const mine = () => containersOf().filter((c) => c.labels[LABEL_SERVICE] === dep);
    const check = (c: Container) => (condition === "service_healthy" ? healthy(c) : completed(dep, c));
    const verdict = (): Verdict => {
      const vs = mine().map(check);
      return vs.find((v) => v !== "ok" && v !== "wait") ?? (vs.includes("wait") ? "wait" : "ok");
    };
    world.advanceUntil(() => verdict() !== "wait", DEPENDENCY_WAIT_CAP_MS);
    const v = verdict();
    const status = condition === "service_healthy" ? "Healthy" : "Exited";
    for (const c of mine()) {
      const line = lines.find((l) => l.kind === "Container" && l.name === c.name);
      if (line && v === "ok") line.status = status;
      else if (line && v !== "wait" && required) {
        line.status = "Error";
        line.error = true;
      }
    }
    if (v === "wait" || v === "ok") continue;
    if (required) return v;
  }
  return undefined;
}
