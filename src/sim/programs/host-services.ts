// The lab machine's service manager, as far as exercises use it: restarting the Docker daemon
// (`systemctl restart docker`, `service docker restart`) — what a student does to see an
// autolocked manager come back locked. The machine keeps running; the daemon stops its containers
// (their own exit codes) and, started again, brings back those whose restart policy says so. `status` reports the daemon running; other verbs and units are
// not simulated and say so.

import { shutdownDaemon } from "../docker/engine/subsystem";
import { formatTime } from "../runtime/template";
import { fail, ok, type Program, type ProgramContext } from "./registry";

const UNITS = new Set(["docker", "docker.service"]);

function restartDocker(ctx: ProgramContext): void {
  shutdownDaemon(ctx.world, ctx.host.name);
  ctx.world.hostEvent(ctx.host, "restart");
}

function status(ctx: ProgramContext): string {
  const since = formatTime("date", ctx.world.now);
  return [
    "● docker.service - Docker Application Container Engine",
    "     Loaded: loaded (/lib/systemd/system/docker.service; enabled; vendor preset: enabled)",
    `     Active: active (running) since ${since}`,
    "TriggeredBy: ● docker.socket",
    "       Docs: https://docs.docker.com",
    "   Main PID: 1234 (dockerd)",
    "",
  ].join("\n");
}

export const systemctl: Program = (ctx, args) => {
  const [verb, unit] = args.filter((a) => !a.startsWith("-"));
  if (!verb) return fail("systemctl: this simulator knows `systemctl restart docker` and `systemctl status docker`");
  if (unit === undefined) return fail(`Too few arguments.`);
  if (!UNITS.has(unit)) return fail(`clustergrade: systemctl ${verb} ${unit}: only the docker service is simulated`);
  if (verb === "restart") {
    restartDocker(ctx);
    return ok();
  }
  if (verb === "status") return ok(status(ctx));
  if (verb === "is-active") return ok("active\n");
  return fail(`clustergrade: systemctl ${verb} docker is not simulated (restart and status are)`);
};

export const service: Program = (ctx, args) => {
  const [unit, verb] = args;
  if (!unit || !verb) return fail("Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]");
  return systemctl(ctx, [verb, unit]);
};
