// What a lab machine says about itself (Ubuntu, root): hostname [-I|-i], whoami, id, date (the
// virtual clock), which, env, and `ip addr` / `ip -4 addr show DEV` listing the machine's
// interfaces (lo, eth0, further NICs of a multi-homed machine — what students read to pick
// --advertise-addr). Prefixes are assumed /24; MAC addresses are derived from the address.

import { formatTime } from "../runtime/template";
import type { Host } from "../world";
import { ok, type Program, type ProgramRegistry } from "./registry";

const hostname: Program = (ctx, args) => {
  if (args.includes("-I") || args.includes("--all-ip-addresses")) return ok(`${addresses(ctx.host).join(" ")} \n`);
  if (args.includes("-i") || args.includes("--ip-address")) return ok("127.0.1.1\n");
  return ok(`${ctx.host.name}\n`);
};

function addresses(h: Host): string[] {
  return [h.ip, ...h.interfaces.map((i) => i.ip)];
}

function interfaces(h: Host): { name: string; ip: string }[] {
  return [{ name: "eth0", ip: h.ip }, ...h.interfaces];
}

function mac(ip: string, index: number): string {
  const b = ip.split(".").map((x) => Number(x) & 255);
  return ["52", "54", "00", index.toString(16).padStart(2, "0"), b[2]!.toString(16).padStart(2, "0"), b[3]!.toString(16).padStart(2, "0")].join(":");
}

function ipAddr(h: Host, v4only: boolean, only?: string): string | undefined {
  const blocks: string[] = [];
  const lo = [
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000",
    ...(v4only ? [] : ["    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00"]),
    "    inet 127.0.0.1/8 scope host lo",
    "       valid_lft forever preferred_lft forever",
    ...(v4only ? [] : ["    inet6 ::1/128 scope host noprefixroute ", "       valid_lft forever preferred_lft forever"]),
  ];
  if (!only || only === "lo") blocks.push(lo.join("\n"));
  interfaces(h).forEach((nic, i) => {
    if (only && only !== nic.name) return;
    const brd = nic.ip.replace(/\.\d+$/, ".255");
    blocks.push([
      `${i + 2}: ${nic.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000`,
      ...(v4only ? [] : [`    link/ether ${mac(nic.ip, i)} brd ff:ff:ff:ff:ff:ff`]),
      `    inet ${nic.ip}/24 brd ${brd} scope global ${nic.name}`,
      "       valid_lft forever preferred_lft forever",
    ].join("\n"));
  });
  if (only && blocks.length === 0) return undefined;
  return blocks.join("\n") + "\n";
}

const ip: Program = (ctx, args) => {
  const v4 = args.includes("-4");
  const rest = args.filter((a) => !a.startsWith("-"));
  const object = rest[0] ?? "";
  if (!object) return { exitCode: 255, stdout: "", stderr: "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n" };
  if (!["a", "addr", "address"].includes(object)) {
    return { exitCode: 255, stdout: "", stderr: `Object "${object}" is unknown, try "ip help".\n` };
  }
  const verb = rest[1];
  const dev = verb === "show" || verb === "list" || verb === "ls" ? (rest[2] === "dev" ? rest[3] : rest[2]) : undefined;
  if (verb !== undefined && !["show", "list", "ls"].includes(verb)) {
    return { exitCode: 255, stdout: "", stderr: `Command "${verb}" is unknown, try "ip address help".\n` };
  }
  const out = ipAddr(ctx.host, v4, dev);
  if (out === undefined) return { exitCode: 1, stdout: "", stderr: `Device "${dev}" does not exist.\n` };
  return ok(out);
};

const date: Program = (ctx, args) => {
  if (args.some((a) => a === "-u" || a === "--utc" || a === "+%s" || a.startsWith("+"))) {
    if (args.includes("+%s")) return ok(`${Math.floor(ctx.world.now / 1000)}\n`);
  }
  return ok(`${formatTime("date", ctx.world.now)}\n`);
};

/** Where the lab machine's programs are installed. */
const PATHS: Record<string, string> = { docker: "/usr/bin/docker", kubectl: "/usr/bin/kubectl", curl: "/usr/bin/curl", wget: "/usr/bin/wget", ping: "/usr/bin/ping", ip: "/usr/sbin/ip" };

export function registerHostInfo(reg: ProgramRegistry): void {
  reg
    .register("hostname", hostname)
    .register("whoami", () => ok("root\n"))
    .register("id", () => ok("uid=0(root) gid=0(root) groups=0(root)\n"))
    .register("date", date)
    .register("ip", ip)
    .register("env", (ctx) => ok(Object.keys(ctx.env).sort().map((k) => `${k}=${ctx.env[k]}\n`).join("")))
    .register("which", (ctx, args) => {
      const found = args.filter((a) => !a.startsWith("-")).map((a) => PATHS[a] ?? (reg.get(a) ? `/usr/bin/${a}` : undefined));
      return { exitCode: found.every((f) => f !== undefined) ? 0 : 1, stdout: found.filter(Boolean).map((f) => `${f}\n`).join(""), stderr: "" };
    });
}
