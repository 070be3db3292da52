// `docker service rm` (docker/cli cli/command/service/remove.go).

import { removeService } from "../swarm/services";
import { findService } from "./service-ls";
import { ok, onManager, type SwarmHandler } from "./swarm-common";

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
