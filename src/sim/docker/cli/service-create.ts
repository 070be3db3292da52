// `docker service create` (docker/cli cli/command/service/create.go): CLI-side mode checks, then
// the API (manager), secrets/configs lookups, the create call, its warning (unresolvable image),
// the service ID, and unless -d the convergence display.

import { randomName } from "../swarm/ids";
import { createService } from "../swarm/services";
import { swarmOf } from "../swarm/state";
import { SERVICE_VALUE_CHECKS } from "./service-flag-values";
import { waitForService } from "./service-progress";
import { createPreflight, specFromCreateFlags } from "./service-spec";
import { fail, FILTER_VALUE, ok, onManager, type SwarmHandler } from "./swarm-common";

export const serviceCreateHandler: SwarmHandler = {
  args: { min: 1 },
  interspersed: false,
  values: { ...SERVICE_VALUE_CHECKS, filter: FILTER_VALUE },
  run(ctx, inv) {
    const f = inv.flags;
    const pre = createPreflight(ctx.host, f, ctx.env);
    if (pre) return fail(pre);
    return onManager(ctx, (c) => {
      const name = f.str("name") || randomName(swarmOf(ctx.world).rng);
      const built = specFromCreateFlags(ctx.world, ctx.host, c, f, inv.args, ctx.env, name);
      if (!built.ok) return fail(built.error);
      const r = createService(ctx.world, c, built.spec);
      if (!r.ok) return fail(r.error);
      const idLine = `${r.service.id}\n`;
      if (f.bool("detach")) return ok(idLine, built.warning);
      const w = waitForService(ctx.world, c, r.service, r.service.id);
      return { exitCode: w.exitCode, stdout: idLine + (f.bool("quiet") ? "" : w.stdout), stderr: built.warning + w.stderr };
    });
  },
};
