// The `cluster:` block of a scenario (and `clustergrade replay --cluster FILE`): the machines a
// run starts with, optionally already formed into a swarm or a Kubernetes cluster.

import { z } from "zod";
import type { HostSpec } from "./world";

const HOSTNAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Bytes from "4Gi", "512Mi", "2GB", "1g", "1073741824" or a number. */
export function parseMemory(v: string | number): number | undefined {
  if (typeof v === "number") return v >= 0 ? Math.floor(v) : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]i?|[kmgt]b?|[KMGT]B)?$/.exec(v.trim());
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  const unit = (m[2] ?? "").toLowerCase().replace(/b$/, "");
  const binary = (m[2] ?? "").includes("i") || /^[kmgt]$/.test(unit) && !(m[2] ?? "").endsWith("B");
  const pow = { "": 0, k: 1, ki: 1, m: 2, mi: 2, g: 3, gi: 3, t: 4, ti: 4 }[unit] ?? 0;
  return Math.floor(n * Math.pow(binary ? 1024 : 1000, pow));
}

const memory = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const bytes = parseMemory(v);
  if (bytes === undefined) {
    ctx.addIssue({ code: "custom", message: `invalid memory size ${JSON.stringify(v)} (use e.g. 4Gi, 512Mi)` });
    return z.NEVER;
  }
  return bytes;
});

export const hostSpecSchema = z.object({
  name: z.string().regex(HOSTNAME, "a host name is lowercase letters, digits, '-' and '.'"),
  ip: z.string().regex(IPV4, "an IPv4 address").optional(),
  cpus: z.number().positive().max(1024).default(2),
  memory: memory.default(4 * 1024 ** 3),
  labels: z.record(z.string(), z.string()).default({}),
  os: z.enum(["linux", "windows"]).default("linux"),
  arch: z.string().default("x86_64"),
  /** A multi-homed machine: extra interfaces (eth1, …) with their addresses. */
  interfaces: z.array(z.object({ name: z.string(), ip: z.string().regex(IPV4) }).strict()).default([]),
}).strict();

export const clusterSpecSchema = z.object({
  hosts: z.array(hostSpecSchema).min(1).max(2000),
  /** Generated hosts for large clusters: `{ prefix: node, count: 50 }` → node1…node50. */
  generate: z.object({
    prefix: z.string().regex(HOSTNAME),
    count: z.number().int().min(1).max(5000),
    cpus: z.number().positive().default(2),
    memory: memory.default(4 * 1024 ** 3),
  }).strict().optional(),
  swarm: z.object({
    managers: z.array(z.string()).min(1),
    workers: z.array(z.string()).default([]),
    autolock: z.boolean().default(false),
  }).strict().optional(),
  kubernetes: z.object({
    controlPlane: z.array(z.string()).min(1),
    workers: z.array(z.string()).default([]),
  }).strict().optional(),
  /** Scenario-defined images (validated by the image catalogue). */
  images: z.array(z.unknown()).default([]),
}).strict().superRefine((c, ctx) => {
  const names = new Set<string>();
  c.hosts.forEach((h, i) => {
    if (names.has(h.name)) ctx.addIssue({ code: "custom", path: ["hosts", i, "name"], message: `duplicate host ${h.name}` });
    names.add(h.name);
  });
  const known = (n: string) => names.has(n) || (c.generate && new RegExp(`^${c.generate.prefix}\\d+$`).test(n));
  const check = (list: string[] | undefined, path: (string | number)[]) =>
    list?.forEach((n, i) => {
      if (!known(n)) ctx.addIssue({ code: "custom", path: [...path, i], message: `unknown host ${n}` });
    });
  check(c.swarm?.managers, ["swarm", "managers"]);
  check(c.swarm?.workers, ["swarm", "workers"]);
  check(c.kubernetes?.controlPlane, ["kubernetes", "controlPlane"]);
  check(c.kubernetes?.workers, ["kubernetes", "workers"]);
});

export type ClusterSpecInput = z.input<typeof clusterSpecSchema>;
export type ClusterSpec = z.output<typeof clusterSpecSchema>;

/**
 * The machines `clustergrade replay` starts with when no --cluster is given: three Linux hosts,
 * manager1 (10.0.0.11), worker1 (10.0.0.12) and worker2 (10.0.0.13), 2 CPUs and 4 GiB each, with
 * no swarm formed yet, and a Kubernetes cluster on the same machines (manager1 the control plane)
 * that kubectl on any of them talks to.
 */
export const DEFAULT_CLUSTER: ClusterSpecInput = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" },
    { name: "worker1", ip: "10.0.0.12" },
    { name: "worker2", ip: "10.0.0.13" },
  ],
  kubernetes: { controlPlane: ["manager1"], workers: ["worker1", "worker2"] },
};

/** Host specs with addresses filled in (10.0.0.11, .12, … for hosts without one). */
export function expandHosts(spec: ClusterSpec): HostSpec[] {
  const hosts: HostSpec[] = spec.hosts.map((h) => ({ ...h, ip: h.ip ?? "" }));
  if (spec.generate) {
    for (let i = 1; i <= spec.generate.count; i++) {
      hosts.push({
        name: `${spec.generate.prefix}${i}`, ip: "", cpus: spec.generate.cpus, memory: spec.generate.memory,
        labels: {}, os: "linux", arch: "x86_64", interfaces: [],
      });
    }
  }
  const used = new Set(hosts.map((h) => h.ip).filter(Boolean));
  for (const h of hosts) {
    if (h.ip) continue;
    h.ip = nextFreeIp(used);
    used.add(h.ip);
  }
  return hosts;
}

/** The next free address in 10.0.x.y, for `sim node add` without --ip. */
export function nextFreeIp(taken: Iterable<string>): string {
  const used = taken instanceof Set ? (taken as Set<string>) : new Set(taken);
  // 10.0.0.11, 10.0.0.12, … 10.0.0.254, 10.0.1.1, …
  for (let n = 10; n < 60_000; n++) {
    const ip = `10.0.${Math.floor(n / 254)}.${(n % 254) + 1}`;
    if (!used.has(ip)) return ip;
  }
  return "10.255.255.254";
}
