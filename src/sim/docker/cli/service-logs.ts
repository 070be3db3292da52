// `docker service logs SERVICE|TASK` (docker/cli cli/command/service/logs.go): the service is
// looked up first, then a task; each line of every task container's log (moby's ServiceLogs
// reads each task's container, `--tail` per container) is prefixed by the taskFormatter
// `<service>.<slot>[.<task id>]@<node>` padded to the replicas' digit count, then `    | `.
// `--raw` prints the bare messages; `-t` puts the daemon's RFC3339Nano timestamp first.
// `-f` follows: the stream never ends by itself (new tasks join it), so the command lets the
// virtual clock run as an attached `docker logs -f` does, up to its cap; `--tail` limits only
// the lines already written when it began.

import { containerLogs } from "../engine/ops";
import { ATTACHED_WAIT_CAP_MS } from "../engine/wait-cap";
import type { SwarmCluster } from "../swarm/cluster";
import { taskContainer } from "../swarm/engine-sync";
import type { Service, Task } from "../swarm/types";
import { findService } from "./service-ls";
import { fail, onManager, short, type SwarmHandler } from "./swarm-common";

export const errNoTaskOrService = (ref: string): string => `no such task or service: ${ref}`;
export const ERR_TTY_LOGS = "tty service logs only supported with --raw";

const digits = (n: number): number => String(n).length;

/** jsonmessage.RFC3339NanoFixed, as the daemon stamps log lines. */
const rfc3339NanoFixed = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");

/** `--since`: a Go duration relative to now ("10m", "1h30m") or an RFC 3339 date/Unix timestamp. */
function sinceTime(v: string, now: number): number | undefined {
  if (!v) return undefined;
  if (/^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/.test(v)) {
    let ms = 0;
    for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)/g)) ms += Number(m[1]) * { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s"];
    return now - ms;
  }
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

function tasksOf(c: SwarmCluster, ref: string): { tasks: Task[]; padding: number; tty: boolean } | undefined {
  const found = findService(c, ref);
  if (found.ok) {
    const svc: Service = found.service;
    const mode = svc.spec.mode;
    const padding = mode.kind === "replicated" || mode.kind === "replicated-job" ? digits(mode.replicas) : 1;
    return { tasks: c.tasksOf(svc.id), padding, tty: false };
  }
  const all = [...c.tasks.values()];
  const task = all.find((t) => t.id === ref) ?? (ref ? (() => { const p = all.filter((t) => t.id.startsWith(ref)); return p.length === 1 ? p[0] : undefined; })() : undefined);
  return task ? { tasks: [task], padding: digits(task.slot), tty: false } : undefined;
}

export const serviceLogsHandler: SwarmHandler = {
  args: { min: 1, max: 1 },
  run(ctx, inv) {
    return onManager(ctx, (c) => {
      const ref = inv.args[0]!;
      const sel = tasksOf(c, ref);
      if (!sel) return fail(errNoTaskOrService(ref));
      const raw = inv.flags.bool("raw");
      if (sel.tty && !raw) return fail(ERR_TTY_LOGS);
      const noTrunc = inv.flags.bool("no-trunc");
      const noResolve = inv.flags.bool("no-resolve");
      const tailRaw = inv.flags.changed("tail") ? inv.flags.str("tail") : "all";
      const tail = /^\d+$/.test(tailRaw) ? Number(tailRaw) : undefined;
      const since = inv.flags.changed("since") ? sinceTime(inv.flags.str("since"), ctx.world.now) : undefined;
      const stamps = inv.flags.bool("timestamps");
      const details = inv.flags.bool("details");
      const start = ctx.world.now;
      if (inv.flags.bool("follow")) ctx.world.advanceUntil(() => false, ATTACHED_WAIT_CAP_MS);
      const lines: { time: number; seq: number; stream: "stdout" | "stderr"; text: string }[] = [];
      let seq = 0;
      const ordered = [...(inv.flags.bool("follow") ? tasksOf(c, ref)?.tasks ?? sel.tasks : sel.tasks)].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
      for (const t of ordered) {
        const rec = taskContainer(t);
        if (!rec) continue;
        const all = containerLogs(rec.container).filter((l) => l.time <= ctx.world.now && (since === undefined || l.time >= since));
        let own = all.filter((l) => l.time <= start);
        if (tail !== undefined) own = own.slice(Math.max(0, own.length - tail));
        own = [...own, ...all.filter((l) => l.time > start)];
        const node = c.nodes.get(t.nodeId);
        const svcName = noResolve ? t.serviceId : c.services.get(t.serviceId)?.spec.name ?? t.spec.name;
        let name = `${svcName}.${t.slot}`;
        if (!inv.flags.bool("no-task-ids")) name += `.${noTrunc ? t.id : short(t.id)}`;
        const prefix = `${name}@${noResolve ? t.nodeId : node?.host ?? t.nodeId}${" ".repeat(Math.max(0, sel.padding - digits(t.slot)))}    | ${details ? " " : ""}`;
        for (const l of own) {
          const text = `${stamps ? `${rfc3339NanoFixed(l.time)} ` : ""}${raw ? "" : prefix}${l.text}\n`;
          lines.push({ time: l.time, seq: seq++, stream: l.stream, text });
        }
      }
      lines.sort((a, b) => a.time - b.time || a.seq - b.seq);
      const out = (s: "stdout" | "stderr") => lines.filter((l) => l.stream === s).map((l) => l.text).join("");
      // Each line to its stream in the order they come: `2>&1` keeps it (combined).
      return { exitCode: 0, stdout: out("stdout"), stderr: out("stderr"), combined: lines.map((l) => l.text).join("") };
    });
  },
};
