// `docker service update | scale | rollback` (docker/cli cli/command/service/update.go,
// scale.go, rollback.go).

import type { SwarmCluster } from "../swarm/cluster";
import { errNoPreviousSpec, DAEMON } from "../swarm/errors";
import { isGlobal } from "../swarm/orchestrator/common";
import { updateService } from "../swarm/services";
import { SERVICE_VALUE_CHECKS } from "./service-flag-values";
import { findService } from "./service-ls";
import { waitForService } from "./service-progress";
import { specFromUpdateFlags } from "./service-spec";
import { fail, ok, onManager, type Ctx, type SwarmHandler } from "./swarm-common";
import type { ExecResult } from "../../programs/registry";
import { goQuote } from "../../cli/format/go-fmt";
import { managerAccess } from "../swarm/state";

const ALLOWED_WITH_ROLLBACK = new Set(["rollback", "detach", "quiet"]);

function notFound(ref: string): ExecResult {
  return fail(`${DAEMON}service ${ref} not found`);
}

function waitOutput(ctx: Ctx, c: SwarmCluster, svcId: string, ref: string, quiet: boolean, head: string, warning: string): ExecResult {
  const svc = c.services.get(svcId)!;
  const w = waitForService(ctx.world, c, svc, ref);
  return { exitCode: w.exitCode, stdout: head + (quiet ? "" : w.stdout), stderr: warning + w.stderr };
}

export const serviceUpdateHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  values: SERVICE_VALUE_CHECKS,
  run(ctx, inv) {
    const f = inv.flags;
    const ref = inv.args[0]!;
    return onManager(ctx, (c) => {
      const found = findService(c, ref);
      if (!found.ok) return notFound(ref);
      if (f.bool("rollback") && f.given().some((g) => !ALLOWED_WITH_ROLLBACK.has(g))) return fail("other flags may not be combined with --rollback");
      const svc = found.service;
      let spec = svc.spec;
      let warning = "";
      if (f.bool("rollback")) {
        if (!svc.previousSpec) return fail(DAEMON + errNoPreviousSpec(svc.id));
        spec = svc.previousSpec;
      } else {
        const built = specFromUpdateFlags(ctx.world, ctx.host, c, svc.spec, f, ctx.env);
        if (!built.ok) return fail(built.error);
        spec = built.spec;
        warning = built.warning;
      }
      const r = updateService(ctx.world, c, svc, spec, { rollback: f.bool("rollback") });
      if (!r.ok) return fail(r.error);
      const head = `${ref}\n`;
      if (f.bool("detach")) return ok(head, warning);
      return waitOutput(ctx, c, svc.id, ref, f.bool("quiet"), head, warning);
    });
  },
};

export const serviceRollbackHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    const ref = inv.args[0]!;
    return onManager(ctx, (c) => {
      const found = findService(c, ref);
      if (!found.ok) return notFound(ref);
      const svc = found.service;
      if (!svc.previousSpec) return fail(DAEMON + errNoPreviousSpec(svc.id));
      const r = updateService(ctx.world, c, svc, svc.previousSpec, { rollback: true });
      if (!r.ok) return fail(r.error);
      const head = `${ref}\n`;
      if (inv.flags.bool("detach")) return ok(head);
      return waitOutput(ctx, c, svc.id, ref, inv.flags.bool("quiet"), head, "");
    });
  },
};

/** strconv.ParseUint(s, 10, 64)'s error, or undefined. */
function checkUint64(s: string): string | undefined {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  return BigInt(s) >= 2n ** 64n ? `strconv.ParseUint: parsing ${goQuote(s)}: value out of range` : undefined;
}

const SCALE_USAGE = "\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services\n";

export const serviceScaleHandler: SwarmHandler = {
  args: { min: 1 },
  run(ctx, inv) {
    for (const a of inv.args) {
      const i = a.indexOf("=");
      if (i <= 0 || i === a.length - 1) return fail(`invalid scale specifier '${a}'.\nSee 'docker service scale --help'.${SCALE_USAGE}`);
    }
    // runScale parses each value before asking the daemon, so a bad value is reported (and the
    // rest still scaled) whether or not this node can manage the swarm; ParseUint takes no sign.
    ctx.world.settle();
    const acc = managerAccess(ctx.world, ctx.host);
    let stdout = "";
    let stderr = "";
    const waits: { id: string; ref: string }[] = [];
    for (const a of inv.args) {
      const i = a.indexOf("=");
      const ref = a.slice(0, i);
      const value = a.slice(i + 1);
      const bad = checkUint64(value);
      if (bad) { stderr += `${ref}: invalid replicas value ${value}: ${bad}\n`; continue; }
      if (!acc.ok) { stderr += `${ref}: ${acc.error}\n`; continue; }
      const c = acc.cluster;
      const found = findService(c, ref);
      if (!found.ok) { stderr += `${ref}: ${DAEMON}service ${ref} not found\n`; continue; }
      const svc = found.service;
      if (isGlobal(svc)) { stderr += `${ref}: scale can only be used with replicated or replicated-job mode\n`; continue; }
      const mode = svc.spec.mode as { kind: "replicated"; replicas: number };
      const r = updateService(ctx.world, c, svc, { ...svc.spec, mode: { ...mode, replicas: Number(value) } });
      if (!r.ok) { stderr += `${ref}: ${r.error}\n`; continue; }
      stdout += `${ref} scaled to ${Number(value)}\n`;
      waits.push({ id: svc.id, ref });
    }
    if (acc.ok) {
      const c = acc.cluster;
      if (!inv.flags.bool("detach")) {
        for (const w of waits) {
          if (!c.services.has(w.id)) continue;
          const out = waitForService(ctx.world, c, c.services.get(w.id)!, w.ref);
          stdout += out.stdout;
          stderr += out.stderr;
        }
      }
    }
    return { exitCode: stderr ? 1 : 0, stdout, stderr };
  },
};
