// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]` (docker/cli cli/command/container/port.go): the
// container's NetworkSettings.Ports as "80/tcp -> 0.0.0.0:32768" lines (or the addresses of one
// port), in sortorder.NaturalLess order, so the IPv4 binding comes before the [::] one.

import type { Invocation } from "../../cli/command";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { naturalLess } from "../../cli/format/natural-sort";
import { boundPorts } from "./ports";
import { engineHost, errNoSuchContainer, findContainer } from "./state";
import { goQuote } from "../../cli/format/go-fmt";

const joinHostPort = (ip: string, port: string) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

export function port(ctx: ProgramContext, inv: Invocation): ExecResult {
  const [ref, wanted = ""] = inv.args as [string, string?];
  const c = findContainer(engineHost(ctx.world, ctx.host.name), ref);
  if (!c || c === "ambiguous") return { exitCode: 1, stdout: "", stderr: errNoSuchContainer(ref) + "\n" };
  // Only a container holding its network has NetworkSettings.Ports.
  const held = c.status === "running" || c.status === "paused" ? boundPorts(c).filter((b) => b.hostPort) : [];
  let out: string[];
  if (wanted) {
    const slash = wanted.indexOf("/");
    const num = slash < 0 ? wanted : wanted.slice(0, slash);
    const proto = slash < 0 || wanted.slice(slash + 1) === "" ? "tcp" : wanted.slice(slash + 1);
    // strconv.ParseUint(port, 10, 16), wrapped by the CLI.
    const bad = !/^\d+$/.test(num) ? "invalid syntax" : Number(num) > 65535 ? "value out of range" : undefined;
    if (bad) return { exitCode: 1, stdout: "", stderr: `Error: invalid port (${num}): strconv.ParseUint: parsing ${goQuote(num)}: ${bad}\n` };
    // The map key is the text as written ("080/tcp" is not "80/tcp").
    const frontends = held.filter((b) => `${b.containerPort}/${b.protocol}` === `${num}/${proto}`);
    if (!frontends.length) return { exitCode: 1, stdout: "", stderr: `Error: No public port '${wanted}' published for ${ref}\n` };
    out = frontends.map((b) => joinHostPort(b.hostIp, b.hostPort));
  } else {
    out = held.map((b) => `${b.containerPort}/${b.protocol} -> ${joinHostPort(b.hostIp, b.hostPort)}`);
  }
  out.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
  return { exitCode: 0, stdout: out.length ? out.join("\n") + "\n" : "", stderr: "" };
}
