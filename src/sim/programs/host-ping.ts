// `ping` on a lab machine (Ubuntu's iputils): machines answer by name or address, loopback at
// once; a machine that is down is "Destination Host Unreachable". Time passes one second per packet.
// Without -c a real ping runs until ^C; here it stops after four packets and says so.

import type { Program } from "./registry";

const DEFAULT_PACKETS = 4;

export const hostPing: Program = (ctx, args) => {
  let count: number | undefined;
  let target = "";
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-c") count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (/^-[WwisItQlp]$/.test(a)) i++;
    else if (!a.startsWith("-")) target = a;
  }
  if (!target) return { exitCode: 2, stdout: "", stderr: "ping: usage error: Destination address required\n" };
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
    return { exitCode: 1, stdout: "", stderr: `ping: invalid argument: '${args[args.indexOf("-c") + 1] ?? count}': out of range: 1 <= value <= 9223372036854775807\n` };
  }
  const world = ctx.world;
  const loopback = target === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(target);
  const machine = loopback ? ctx.host : world.hostByAddress(target);
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(target);
  if (!machine && !isIp) return { exitCode: 2, stdout: "", stderr: `ping: ${target}: Name or service not known\n` };
  const ip = loopback ? (target === "localhost" ? "127.0.0.1" : target) : machine ? (isIp ? target : machine.ip) : target;
  const shown = isIp ? ip : `${loopback ? "localhost" : machine!.name} (${ip})`;
  const packets = count ?? DEFAULT_PACKETS;
  let out = `PING ${isIp ? ip : target} (${ip}) 56(84) bytes of data.\n`;
  const answers = loopback || (machine !== undefined && machine.up);
  const times: number[] = [];
  for (let seq = 1; seq <= packets; seq++) {
    if (answers) {
      const ms = loopback ? 0.03 + (seq % 3) * 0.007 : 0.35 + (seq % 5) * 0.041;
      times.push(ms);
      out += `64 bytes from ${shown}: icmp_seq=${seq} ttl=64 time=${ms.toFixed(3)} ms\n`;
    } else if (machine) {
      out += `From ${ctx.host.ip} icmp_seq=${seq} Destination Host Unreachable\n`;
    }
    if (seq < packets) world.advance(1000);
  }
  const elapsed = (packets - 1) * 1000 + (packets === 1 ? 0 : answers ? 2 : 30);
  const received = times.length;
  out += `\n--- ${target} ping statistics ---\n`;
  const errors = !answers && machine ? `, +${packets} errors` : "";
  out += `${packets} packets transmitted, ${received} received${errors}, ${Math.round(100 * (packets - received) / packets)}% packet loss, time ${elapsed}ms\n`;
  if (received) {
    const min = Math.min(...times), max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / received;
    const mdev = Math.sqrt(Math.max(0, times.reduce((a, b) => a + b * b, 0) / received - avg * avg));
    out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
  }
  const stderr = count === undefined ? `clustergrade: ping runs until interrupted (^C); stopped after ${DEFAULT_PACKETS} packets — use ping -c N\n` : "";
  return { exitCode: received ? 0 : 1, stdout: out, stderr };
};
