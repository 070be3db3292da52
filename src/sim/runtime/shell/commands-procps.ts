// procps-ng `ps` (Debian's procps package: the full node/python/golang images, or after
// `apt-get install procps`): its three layouts students type — plain `ps`, BSD `ps aux` and
// UNIX `ps -ef` — with the columns' real widths (procps' output.c format specifiers).

import type { Io } from "./types";

interface Proc { pid: number; user: string; command: string; startedAt: number }

/** "HH:MM" of a start time (UTC: containers have no TZ). */
const hhmm = (t: number): string => new Date(t).toISOString().slice(11, 16);
/** procps' CMD of the plain layout: the executable's name (comm), at most 15 characters. */
const comm = (command: string): string => { const a0 = command.split(" ")[0] ?? ""; return a0.slice(a0.lastIndexOf("/") + 1).slice(0, 15); };

/** Which layout the arguments ask for: BSD `aux` (no dash, or `-aux`), UNIX `-f`, else the default. */
function layout(args: string[]): "bsd" | "full" | "plain" {
  if (args.some((a) => /^[a-zA-Z]+$/.test(a) && a.includes("u"))) return "bsd";
  if (args.some((a) => /^-[a-zA-Z]*f/.test(a))) return "full";
  return "plain";
}

/**
 * The rows: PID 1 (its start time) and the exec'd ps itself. Memory columns are a typical idle
 * process's (the simulator keeps no per-process memory); PID 1 is a session leader (`Ss`), the
 * exec'd ps is running (`Rs`) with parent 0, as runc's setns'd processes are.
 */
export function procpsPs(args: string[], io: Io, rows: Proc[]): number {
  const kind = layout(args);
  if (kind === "bsd") {
    io.out("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n");
    for (const p of rows) {
      const self = p.pid !== 1;
      io.out(`${p.user.padEnd(8).slice(0, 8)} ${String(p.pid).padStart(7)}  0.0  0.0 ${String(self ? 8092 : 2304).padStart(6)} ` +
        `${String(self ? 4096 : 1280).padStart(5)} ?        ${(self ? "Rs" : "Ss").padEnd(4)} ${hhmm(p.startedAt)}   0:00 ${p.command}\n`);
    }
    return 0;
  }
  if (kind === "full") {
    io.out("UID          PID    PPID  C STIME TTY          TIME CMD\n");
    for (const p of rows) io.out(`${p.user.padEnd(8).slice(0, 8)} ${String(p.pid).padStart(7)} ${"0".padStart(7)}  0 ${hhmm(p.startedAt)} ?        00:00:00 ${p.command}\n`);
    return 0;
  }
  io.out("    PID TTY          TIME CMD\n");
  for (const p of rows) io.out(`${String(p.pid).padStart(7)} ?        00:00:00 ${comm(p.command)}\n`);
  return 0;
}
