// Mirrors moby's daemon/cluster/convert ServiceSpecToGRPC: before swarmkit validates a service
// spec, the daemon converts the API spec to swarmkit's, and refuses the enum values it has no
// swarmkit value for — the CLI sends --restart-condition, --update-failure-action, --update-order
// (and their rollback twins), --endpoint-mode and --mount type= as typed, and a stack's
// restart_policy / update_config / rollback_config values as written. The refusal is a plain
// InvalidParameter (no rpc wrapping): "Error response from daemon: invalid RestartCondition: …".
// An empty value takes swarmkit's default, which is what the service then shows.

import type { ServiceSpec, UpdateConfig } from "./types";

/** swarmapi.Mount_MountType_value, lower-cased (the CLI lower-cases `type=`). */
const MOUNT_TYPES = new Set(["bind", "volume", "tmpfs", "npipe", "cluster"]);
const RESTART_CONDITIONS = new Set(["none", "on-failure", "any"]);
const FAILURE_ACTIONS = new Set(["pause", "continue", "rollback"]);
const ORDERS = new Set(["stop-first", "start-first"]);
const RESOLUTION_MODES = new Set(["vip", "dnsrr"]);

/** Go's %q for the ASCII strings flags carry. */
const goQuote = (s: string): string => JSON.stringify(s);

function updateConfigError(u: UpdateConfig): string | undefined {
  if (u.failureAction !== "" && !FAILURE_ACTIONS.has(u.failureAction)) return `unrecognized update failure action ${u.failureAction}`;
  if ((u.order as string) !== "" && !ORDERS.has(u.order)) return `unrecognized update order ${u.order}`;
  return undefined;
}

/** ServiceSpecToGRPC's refusals, in its order: container (mounts), restart policy, update, rollback, endpoint. */
export function convertError(spec: ServiceSpec): string | undefined {
  for (const m of spec.mounts) if (m.type !== "" && !MOUNT_TYPES.has(m.type)) return `invalid MountType: ${goQuote(m.type)}`;
  const c = spec.restart.condition as string;
  if (c !== "" && !RESTART_CONDITIONS.has(c)) return `invalid RestartCondition: ${goQuote(c)}`;
  const u = updateConfigError(spec.update) ?? updateConfigError(spec.rollback);
  if (u) return u;
  const e = spec.endpointMode as string;
  if (e !== "" && !RESOLUTION_MODES.has(e)) return `invalid resolution mode: ${goQuote(e)}`;
  return undefined;
}

/** The converted spec's empty enums as swarmkit stores them (RestartOnAny, PAUSE, STOP_FIRST, VIP). */
export function withConvertedDefaults(spec: ServiceSpec): ServiceSpec {
  const upd = (u: UpdateConfig): UpdateConfig => ({ ...u, failureAction: u.failureAction || "pause", order: u.order || "stop-first" });
  return {
    ...spec,
    restart: { ...spec.restart, condition: spec.restart.condition || "any" },
    update: upd(spec.update),
    rollback: upd(spec.rollback),
    endpointMode: spec.endpointMode || "vip",
  };
}
