// Long-running tools students start as PID 1: busybox `top` (runs until stopped) and `ping`
// (one reply a second, forever or `-c N` times, then the statistics), as in Docker's swarm
// tutorial (`docker service create --name helloworld alpine ping docker.com`).

import { accountName } from "../identity";
import type { CommandContext, CommandFn } from "./commands";
import { normalizeSignal } from "./control";
import { procpsPs } from "./commands-procps";
import type { Effect, Io } from "./types";

/**
 * busybox ps: "PID   USER     TIME  COMMAND", then "%5u %-8.8s %4u:%02u %s" per process. BSD-style
 * arguments (`ps aux`) change nothing in busybox. The exec'd ps is a fresh PID after PID 1's.
 */
/**
 * A private address (RFC 1918) that nothing in the simulation owns: nobody answers ICMP there
 * either. Public addresses stay "the outside world", which answers a few routers away.
 */
function unowned(ctx: CommandContext, ip: string): boolean {
  if (!/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip)) return false;
  return ctx.host.connect?.(ip, 1)?.kind === "timeout";
}

/** The USER column for a process of this container: the user's name, or the uid without one. */
function rows0User(ctx: CommandContext): string {
  const uid = ctx.host.identity?.uid ?? 0;
  return accountName(ctx.host.fs, "user", uid) ?? String(uid);
}

export const ps: CommandFn = (args, io, ctx) => {
  const now = ctx.host.now();
  const rows = [...(ctx.host.processes?.() ?? []).map((p) => ({ ...p, startedAt: p.startedAt ?? now })),
    { pid: 7, user: rows0User(ctx), command: ["ps", ...args].join(" "), startedAt: now }];
  // Debian-based images (GNU userland) have procps' ps, not busybox's.
  if (ctx.gnu) return procpsPs(args, io, rows);
  io.out("PID   USER     TIME  COMMAND\n");
  for (const p of rows) io.out(`${String(p.pid).padStart(5)} ${p.user.padEnd(8).slice(0, 8)}  0:00 ${p.command}\n`);
  return 0;
};

export const top: CommandFn = function* (): Generator<Effect, number, number | undefined> {
  yield { kind: "sleep", ms: Infinity };
  return 0;
};

/** A stable public-looking address for a name (no real DNS in the simulator). */
function addressOf(name: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  if (name === "localhost") return "127.0.0.1";
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `${104 + (h % 80)}.${(h >>> 8) % 256}.${(h >>> 16) % 256}.${1 + ((h >>> 24) % 254)}`;
}

export const ping: CommandFn = function* (args, io, ctx): Generator<Effect, number, number | undefined> {
  let count = Infinity;
  let target = "";
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-c") count = Number(args[++i] ?? "1");
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === "-W" || a === "-w" || a === "-i" || a === "-s" || a === "-t") i++;
    else if (!a.startsWith("-")) target = a;
  }
  if (!target) { io.err("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n"); return 1; }
  if (!Number.isFinite(count) && count !== Infinity) count = 1;
  const resolved = /^\d+\.\d+\.\d+\.\d+$/.test(target) || target === "localhost" ? undefined : ctx.host.resolveName?.(target);
  if (resolved === null) {
    io.err(ctx.gnu ? `ping: ${target}: Name or service not known\n` : `ping: bad address '${target}'\n`);
    return ctx.gnu ? 2 : 1;
  }
  // Debian/Ubuntu images (iputils-ping installed) print iputils' layout.
  if (ctx.gnu) return yield* iputilsPing(io, ctx, target, resolved ?? addressOf(target), resolved !== undefined, count);
  const ip = resolved ?? addressOf(target);
  // Loopback and a peer on the same container network answer with ttl 64 in well under a
  // millisecond; the outside world is a few routers away.
  const near = ip.startsWith("127.") || resolved !== undefined;
  const ttl = near ? 64 : 57;
  const times: number[] = [];
  io.out(`PING ${target} (${ip}): 56 data bytes\n`);
  if (ctx.host.echoes?.(ip) === false || unowned(ctx, ip)) {
    // Nothing answers: requests go out every second, the last one is waited for -W (10 s).
    let sent = 0;
    for (; sent < count; sent++) yield { kind: "sleep", ms: sent + 1 < count ? 1000 : 10_000 };
    io.out(`\n--- ${target} ping statistics ---\n${sent} packets transmitted, 0 packets received, 100% packet loss\n`);
    return 1;
  }
  let seq = 0;
  for (; seq < count; seq++) {
    const ms = ip.startsWith("127.") ? 0.05 + (seq % 3) * 0.011 : near ? 0.08 + (seq % 5) * 0.017 : 1 + (seq % 7) * 0.113;
    times.push(ms);
    io.out(`64 bytes from ${ip}: seq=${seq} ttl=${ttl} time=${ms.toFixed(3)} ms\n`);
    if (seq + 1 < count) yield { kind: "sleep", ms: 1000 };
  }
  const min = Math.min(...times), max = Math.max(...times), avg = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  io.out(`\n--- ${target} ping statistics ---\n${seq} packets transmitted, ${seq} packets received, 0% packet loss\n` +
    `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
  return 0;
};

/** iputils' millisecond figure: three significant decimals below 1 ms, two below 10, … */
const ipMs = (ms: number): string => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

/**
 * iputils ping (Debian's iputils-ping): icmp_seq from 1, "received", the run's time and mdev. A
 * reply names its sender as the target was written (Docker's resolver would answer the reverse
 * lookup with NAME.NETWORK; the simulated one keeps no reverse names).
 */
function* iputilsPing(io: Io, ctx: CommandContext, target: string, ip: string, near0: boolean, count: number): Generator<Effect, number, number | undefined> {
  const literal = /^\d+\.\d+\.\d+\.\d+$/.test(target);
  const near = ip.startsWith("127.") || near0;
  const shown = literal ? ip : `${target} (${ip})`;
  io.out(`PING ${literal ? ip : target} (${ip}) 56(84) bytes of data.\n`);
  const silent = ctx.host.echoes?.(ip) === false || unowned(ctx, ip);
  const times: number[] = [];
  let sent = 0;
  for (; sent < count; sent++) {
    if (!silent) {
      const ms = ip.startsWith("127.") ? 0.03 + (sent % 3) * 0.007 : near ? 0.08 + (sent % 5) * 0.017 : 1 + (sent % 7) * 0.113;
      times.push(ms);
      io.out(`64 bytes from ${shown}: icmp_seq=${sent + 1} ttl=${near ? 64 : 57} time=${ipMs(ms)} ms\n`);
    }
    if (sent + 1 < count) yield { kind: "sleep", ms: 1000 };
    else if (silent) yield { kind: "sleep", ms: 10_000 };
  }
  const elapsed = (sent - 1) * 1000 + (sent === 1 ? 0 : silent ? 30 : 2);
  const n = times.length;
  io.out(`\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${n} received, ${Math.round(100 * (sent - n) / sent)}% packet loss, time ${elapsed}ms\n`);
  if (!n) return 1;
  const min = Math.min(...times), max = Math.max(...times), avg = times.reduce((a, b) => a + b, 0) / n;
  const mdev = Math.sqrt(Math.max(0, times.reduce((a, b) => a + b * b, 0) / n - avg * avg));
  io.out(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`);
  return 0;
}

/**
 * kill [-SIG] PID…: PID 1 gets the signal (it dies only if it handles it, as the kernel shields a
 * namespace's init); this model has no other long-lived PIDs to signal.
 */
export const kill: CommandFn = (args, io, ctx) => {
  let sig = "SIGTERM";
  const pids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-s" || a === "-n") sig = normalizeSignal(args[++i] ?? "TERM");
    else if (/^-[A-Za-z0-9]+$/.test(a) && a !== "-l") sig = normalizeSignal(a.slice(1));
    else pids.push(a);
  }
  if (pids.length === 0) { io.err(`${ctx.gnu ? "kill" : "sh: kill"}: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`); return ctx.gnu ? 2 : 1; }
  let status = 0;
  for (const p of pids) {
    if (p === "1") { ctx.host.signalPid1?.(sig); continue; }
    io.err(ctx.gnu ? `sh: 1: kill: No such process\n` : `sh: can't kill pid ${p}: No such process\n`);
    status = 1;
  }
  return status;
};
