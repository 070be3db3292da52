// A container's interfaces as `ip addr` and `ifconfig` show them: the loopback and eth0 with the
// container's address (busybox's applets in busybox/alpine images, iproute2 once installed in
// Debian ones). The prefix follows the network the address belongs to: a Kubernetes node's pod
// range and Swarm overlays are /24, Docker's bridges /16. The MAC is derived from the address as
// Docker's bridge driver did (02:42 + the IPv4 bytes); the peer index is a typical one.

import type { CommandFn } from "./commands";

interface Eth { ip: string; prefix: number; mac: string; brd: string; mask: string; net: string; gateway: string }

function eth0(ip: string | undefined): Eth | undefined {
  if (!ip || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return undefined;
  const bytes = ip.split(".").map(Number);
  const prefix = ip.startsWith("10.244.") || ip.startsWith("10.0.") ? 24 : 16;
  const maskN = (0xffffffff << (32 - prefix)) >>> 0;
  const ipN = bytes.reduce((a, b) => ((a << 8) | b) >>> 0, 0);
  const dotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
  return { ip, prefix, mac: ["02", "42", ...bytes.map((b) => b.toString(16).padStart(2, "0"))].join(":"), brd: dotted((ipN | ~maskN) >>> 0), mask: dotted(maskN),
    net: dotted((ipN & maskN) >>> 0), gateway: dotted(((ipN & maskN) + 1) >>> 0) };
}

/** `ip addr` / `ip a` / `ip address show`, `ip route` (the bridge's gateway is the network's first address). */
export const ip: CommandFn = (args, io, ctx) => {
  const [object = "", verb = "show"] = args.filter((a) => !a.startsWith("-"));
  if (!/^(show|list|lst|s|l)$/.test(verb)) return 0;
  const e = eth0(ctx.host.ip);
  if (/^r(o(u(te?)?)?)?$/.test(object)) {
    if (e) io.out(`default via ${e.gateway} dev eth0 \n${e.net}/${e.prefix} dev eth0 ${ctx.gnu ? "proto kernel " : ""}scope link${ctx.gnu ? " " : "  "}src ${e.ip} \n`);
    return 0;
  }
  if (!/^a(d(dr?(e(ss?)?)?)?)?$/.test(object)) return 0;
  const gnu = ctx.gnu;
  const lo = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue ${gnu ? "state UNKNOWN group default " : ""}qlen 1000\n` +
    "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n" +
    "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n";
  io.out(lo);
  if (e) {
    io.out(`2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP${gnu ? "" : ",M-DOWN"}> mtu 1500 qdisc noqueue ${gnu ? "state UP group default " : ""}\n` +
      `    link/ether ${e.mac} brd ff:ff:ff:ff:ff:ff${gnu ? " link-netnsid 0" : ""}\n` +
      `    inet ${e.ip}/${e.prefix} brd ${e.brd} scope global eth0\n       valid_lft forever preferred_lft forever\n`);
  }
  return 0;
};

/** busybox ifconfig: eth0 then lo, with counters of an idle interface. */
export const ifconfig: CommandFn = (_args, io, ctx) => {
  const e = eth0(ctx.host.ip);
  if (e) {
    io.out(`eth0      Link encap:Ethernet  HWaddr ${e.mac.toUpperCase()}  \n          inet addr:${e.ip}  Bcast:${e.brd}  Mask:${e.mask}\n` +
      "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n          RX packets:12 errors:0 dropped:0 overruns:0 frame:0\n" +
      "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:0 \n" +
      "          RX bytes:1032 (1.0 KiB)  TX bytes:0 (0.0 B)\n\n");
  }
  io.out("lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n" +
    "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n" +
    "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n" +
    "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n");
  return 0;
};
