// What `docker inspect NAME|ID` finds besides containers, images and volumes (docker/cli
// cli/command/system/inspect.go inspectAll): networks, and — when this daemon is a swarm manager —
// services, tasks, nodes, secrets and configs, each printed as its own `… inspect` would.

import type { ProgramContext } from "../../programs/registry";
import { findNetwork } from "../network";
import { managerAccess } from "../swarm/state";
import { findNode } from "./node-ls";
import { networkObject } from "./network-cmds";
import { inspectFileObject } from "./secret-cmds";
import { findService } from "./service-ls";
import { nodeObject, serviceObject, taskObject } from "./swarm-inspect";

/** The network named or identified by `ref`, as `docker network inspect` prints it. */
export function inspectNetworkRef(ctx: ProgramContext, ref: string): Record<string, unknown> | undefined {
  const r = findNetwork(ctx.world, ctx.host, ref);
  return r.ok ? networkObject(ctx.world, ctx.host.name, r.network) : undefined;
}

/**
 * inspectAll's swarm kinds, in its order (service, task, node, then — after plugins — secret,
 * config); only on a manager (info.Swarm.ControlAvailable), as the CLI checks before trying them.
 */
export function inspectSwarmRef(ctx: ProgramContext, ref: string): Record<string, unknown> | undefined {
  const acc = managerAccess(ctx.world, ctx.host);
  if (!acc.ok) return undefined;
  const c = acc.cluster;
  const svc = findService(c, ref);
  if (svc.ok) return serviceObject(ctx.world, c, svc.service);
  const tasks = [...c.tasks.values()];
  const task = tasks.find((t) => t.id === ref) ?? (ref ? (tasks.filter((t) => t.id.startsWith(ref)).length === 1 ? tasks.find((t) => t.id.startsWith(ref)) : undefined) : undefined);
  if (task) return taskObject(ctx.world, c, task);
  const node = findNode(c, acc.node, ref);
  if (node.ok) return nodeObject(ctx.world, c, node.node);
  return inspectFileObject(c, "secret", ref) ?? inspectFileObject(c, "config", ref);
}
