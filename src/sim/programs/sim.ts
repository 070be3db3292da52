// `sim`: the instructor's hand on the world, allowed in setup/after and in `clustergrade replay`,
// never inside a graded submission. It adds machines, powers them down/up/restarts them and lets
// time pass.

import { parseDuration } from "../clock";
import { nextFreeIp, parseMemory } from "../cluster-spec";
import { fail, ok, type Program } from "./registry";

const USAGE = `Usage:
  sim node add NAME [--cpus N] [--memory SIZE] [--label k=v]... [--os linux|windows] [--ip ADDR]
  sim node down|up|restart NAME
  sim advance DURATION
`;

export const simProgram: Program = (ctx, args) => {
  const [group, verb, ...rest] = args;
  if (group === "advance" && verb !== undefined) {
    const ms = parseDuration(verb);
    if (ms === undefined) return fail(`sim: invalid duration ${JSON.stringify(verb)}`, 2);
    ctx.world.advance(ms);
    return ok();
  }
  if (group !== "node" || verb === undefined) return fail(USAGE, 2);
  const name = rest[0];
  if (!name) return fail(USAGE, 2);
  if (verb === "add") return addNode(ctx, name, rest.slice(1));
  const host = ctx.world.host(name);
  if (!host) return fail(`sim: no such host: ${name}`, 1);
  if (verb === "down" || verb === "up" || verb === "restart") {
    ctx.world.hostEvent(host, verb);
    return ok();
  }
  return fail(USAGE, 2);
};

function addNode(ctx: Parameters<Program>[0], name: string, opts: string[]) {
  const world = ctx.world;
  if (world.host(name)) return fail(`sim: host ${name} already exists`, 1);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return fail(`sim: invalid host name ${name}`, 2);
  let cpus = 2;
  let memory = 4 * 1024 ** 3;
  let os: "linux" | "windows" = "linux";
  let ip: string | undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < opts.length; i++) {
    const [flag, inline] = opts[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? opts[++i];
    if (value === undefined) return fail(`sim: ${flag} needs a value`, 2);
    switch (flag) {
      case "--cpus": cpus = Number(value); if (!(cpus > 0)) return fail(`sim: invalid --cpus ${value}`, 2); break;
      case "--memory": {
        const m = parseMemory(value);
        if (m === undefined) return fail(`sim: invalid --memory ${value}`, 2);
        memory = m;
        break;
      }
      case "--label": {
        const [k, v = ""] = value.split(/=(.*)/s, 2) as [string, string?];
        labels[k] = v;
        break;
      }
      case "--os":
        if (value !== "linux" && value !== "windows") return fail(`sim: --os is linux or windows`, 2);
        os = value;
        break;
      case "--ip": ip = value; break;
      default: return fail(`sim: unknown option ${flag}\n${USAGE}`, 2);
    }
  }
  world.addHost({
    name, ip: ip ?? nextFreeIp(world.hosts.flatMap((h) => [h.ip, ...h.interfaces.map((x) => x.ip)])),
    cpus, memory, labels, os, arch: "x86_64", interfaces: [],
  });
  return ok();
}
