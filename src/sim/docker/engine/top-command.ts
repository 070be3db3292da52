// `docker top CONTAINER` (docker/cli cli/command/container/top.go over moby's ContainerTop): the
// daemon runs `ps -ef` on the host and keeps the container's processes; the CLI prints them with
// tabwriter (minwidth 20, padding 3). The model knows PID 1 only (as the runtime launched it, an
// entrypoint script's exec already done), so that is the one row; its host PID is the one
// `docker inspect` reports as State.Pid. Under `--init`, PID 1 is docker-init (tini), which
// runs the command as its child: two rows, `/sbin/docker-init -- CMD` and CMD.

import type { Invocation } from "../../cli/command";
import { renderTable } from "../../cli/format/tabwriter";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { engineHost, ERR_DAEMON, errNoSuchContainer, findContainer, type Container } from "./state";

/** State.Pid of a running container: a stable number of the host's PID space. */
export const hostPid = (c: Container): number => 1000 + (parseInt(c.id.slice(0, 4), 16) % 30000);

const two = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** procps' STIME: the time of day within the last 24 hours, else month and day, else the year. */
function stime(start: number, now: number): string {
  const d = new Date(start);
  if (now - start < 86_400_000) return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  if (now - start < 365 * 86_400_000) return `${MONTHS[d.getUTCMonth()]}${two(d.getUTCDate())}`;
  return String(d.getUTCFullYear());
}

export function top(ctx: ProgramContext, inv: Invocation): ExecResult {
  const [ref] = inv.args as [string];
  const c = findContainer(engineHost(ctx.world, ctx.host.name), ref);
  if (!c || c === "ambiguous") return { exitCode: 1, stdout: "", stderr: errNoSuchContainer(ref) + "\n" };
  if (c.status !== "running" || !c.process) return { exitCode: 1, stdout: "", stderr: `${ERR_DAEMON}container ${c.id} is not running\n` };
  // Other ps options choose other columns: not modelled, and said so.
  if (inv.args.length > 1) return { exitCode: 1, stdout: "", stderr: "clustergrade: 'docker top' with ps options is not implemented by this simulator\n" };
  const pid = hostPid(c);
  // ps on the machine names the uid from the machine's accounts: root is root, other uids are numbers here.
  const user = c.process.identity.uid === 0 ? "root" : String(c.process.identity.uid);
  const row = (p: number, ppid: number, cmd: string) => [user, String(p), String(ppid), "0", stime(c.startedAt ?? ctx.world.now, ctx.world.now), c.tty ? "pts/0" : "?", "00:00:00", cmd];
  const cmd = c.process.launch.argv.join(" ");
  // The child is forked right after docker-init starts: the next PIDs of the host.
  // docker-init's own argv is the container's command as given (an entrypoint script's exec is the child's).
  const rows = c.init ? [row(pid, pid - 21, `/sbin/docker-init -- ${c.command.join(" ")}`), row(pid + 26, pid, cmd)] : [row(pid, pid - 21, cmd)];
  return { exitCode: 0, stdout: renderTable([["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], ...rows], { minWidth: 20, padding: 3, padChar: " " }), stderr: "" };
}
