// Mirrors moby's swarm executor for a task whose container has a healthcheck
// (daemon/cluster/executor/container/controller.go). Start waits, the task "starting", for the
// container's health: healthy → running ("started"); unhealthy → Shutdown (ContainerStop: the
// container's stop signal, the service's stop grace period, then SIGKILL: engine/ops.ts beginStop)
// and, once the container has exited, the task fails with
// exitError{code, cause: ErrContainerUnhealthy}: "task: non-zero exit (137): dockerexec: unhealthy
// container" — unless the container exited 0, which Start takes for a start and Wait then for
// completion. While running, Wait does the same when the status turns unhealthy. The probes
// themselves run as for any container (engine/health.ts); zero durations and retries in the spec
// are the daemon's defaults.

import type { World } from "../../world";
import {
  DEFAULT_INTERVAL_MS, DEFAULT_RETRIES, DEFAULT_START_INTERVAL_MS, DEFAULT_TIMEOUT_MS, type HealthConfig,
} from "../engine/health";
import type { ServiceSpec } from "./types";

export const ERR_CONTAINER_UNHEALTHY = "dockerexec: unhealthy container";

/** The container's Config.Healthcheck from the service's; none without a test or with NONE. */
export function taskHealthConfig(h: ServiceSpec["healthcheck"]): HealthConfig | undefined {
  if (!h || !h.test.length || h.test[0] === "NONE") return undefined;
  return {
    test: h.test, intervalMs: h.intervalMs || DEFAULT_INTERVAL_MS, timeoutMs: h.timeoutMs || DEFAULT_TIMEOUT_MS,
    retries: h.retries > 0 ? h.retries : DEFAULT_RETRIES, startPeriodMs: h.startPeriodMs,
    startIntervalMs: h.startIntervalMs || DEFAULT_START_INTERVAL_MS,
  };
}
