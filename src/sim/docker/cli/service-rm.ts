// `docker service rm` and `docker service logs` (docker/cli cli/command/service/remove.go,
// logs.go). Logs show each task's output prefixed `<service>.<slot>.<task12>@<node>    | `.

import { removeService } from "../swarm/services";
import { imageFacts } from "../swarm/task-runtime";
import { findService } from "./service-ls";
import { fail, ok, onManager, short, type SwarmHandler } from "./swarm-common";

export const serviceRmHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    return onManager(ctx, (c) => {
      let stdout = "";
      const errors: string[] = [];
      for (const ref of inv.args) {
        const found = findService(c, ref);
        if (!found.ok) { errors.push(`Error response from daemon: service ${ref} not found`); continue; }
        removeService(ctx.world, c, found.service);
        stdout += `${ref}\n`;
      }
      return errors.length ? { exitCode: 1, stdout, stderr: errors.join("\n") + "\n" } : ok(stdout);
    });
  },
};

export const serviceLogsHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    return onManager(ctx, (c) => {
      const ref = inv.args[0]!;
      const found = findService(c, ref);
      const task = found.ok ? undefined : [...c.tasks.values()].find((t) => t.id === ref || t.id.startsWith(ref));
      if (!found.ok && !task) return fail(`Error response from daemon: service ${ref} not found`);
      const tasks = found.ok ? [...c.tasks.values()].filter((t) => t.serviceId === found.service.id) : [task!];
      const noTrunc = inv.flags.bool("no-trunc");
      const noIds = inv.flags.bool("no-task-ids");
      const raw = inv.flags.bool("raw");
      let out = "";
      for (const t of tasks.filter((x) => x.nodeId && x.state !== "new" && x.state !== "pending" && x.state !== "rejected").sort((a, b) => a.createdAt - b.createdAt)) {
        const svc = c.services.get(t.serviceId);
        const node = c.nodes.get(t.nodeId);
        const facts = imageFacts(ctx.world, t.spec.image);
        const plan = facts?.programs[0];
        const lines = (plan?.logs ?? []).filter((l) => (l.atMs ?? 0) <= ctx.world.now - t.stateAt).map((l) => l.text.replace(/\{[^}]+\}/g, ""));
        const name = `${svc?.spec.name ?? t.spec.name}.${t.slot > 0 ? t.slot : t.nodeId}${noIds ? "" : `.${noTrunc ? t.id : short(t.id)}`}`;
        const prefix = raw ? "" : `${name}@${inv.flags.bool("no-resolve") ? t.nodeId : node?.host ?? t.nodeId}    | `;
        for (const l of lines) out += `${prefix}${l}\n`;
      }
      return ok(out);
    });
  },
};
