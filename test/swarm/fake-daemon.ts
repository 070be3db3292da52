// A stand-in Docker Engine API over a unix socket, answering from a simulator session: the API
// objects the simulator's inspect commands print (nodes, services with ServiceStatus, tasks,
// secrets, configs, networks, info). The real `docker` client pointed at it formats them with
// docker/cli's own code, so the simulator's tables and pretty templates can be compared byte for
// byte with the real formatters on the same state. Only what the swarm list/inspect commands ask
// for is served; filters are applied as the daemon applies them.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Session } from "../../src/sim/index";
import { inspectFileObject } from "../../src/sim/docker/cli/secret-cmds";
import { networkObject } from "../../src/sim/docker/cli/network-cmds";
import { infoObject } from "../../src/sim/docker/cli/info";
import { nodeObject, serviceObject, taskObject } from "../../src/sim/docker/cli/swarm-inspect";
import { swarmOf } from "../../src/sim/docker/swarm/state";
import { serviceStatus } from "../../src/sim/docker/swarm/status";
import { visibleNetworks } from "../../src/sim/docker/network";
import type { ProgramContext } from "../../src/sim/programs/registry";

type Filters = Record<string, string[]>;

function parseFilters(q: URLSearchParams): Filters {
  const raw = q.get("filters");
  if (!raw) return {};
  const obj = JSON.parse(raw) as Record<string, string[] | Record<string, boolean>>;
  const out: Filters = {};
  for (const [k, v] of Object.entries(obj)) out[k] = Array.isArray(v) ? v : Object.keys(v).filter((x) => v[x]);
  return out;
}

const labelsMatch = (want: string[] | undefined, labels: Record<string, string>): boolean =>
  !want || want.every((w) => {
    const i = w.indexOf("=");
    return i < 0 ? w in labels : labels[w.slice(0, i)] === w.slice(i + 1);
  });

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

export interface FakeDaemon {
  /** Runs the real docker client against the session (on `host`); resolves with its output. */
  docker(args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }>;
  close(): Promise<void>;
}

export async function startFakeDaemon(session: Session, host = session.world.hosts[0]!.name): Promise<FakeDaemon> {
  const world = session.world;
  const h = world.host(host)!;
  const ctx = { world, host: h, env: {}, stdin: "", allowSim: true, setPath() {} } as ProgramContext;
  const st = () => swarmOf(world).of(h)!;

  const route = (path: string, q: URLSearchParams): unknown => {
    const c = st().cluster;
    const f = parseFilters(q);
    const p = path.replace(/^\/v[0-9.]+/, "");
    if (p === "/info") return infoObject(ctx);
    if (p === "/nodes") {
      return [...c.nodes.values()].map((n) => nodeObject(world, c, n)).filter((n) =>
        (!f.id || f.id.some((x) => (n.ID as string).startsWith(x))) && labelsMatch(f["node.label"], (n.Spec as { Labels: Record<string, string> }).Labels) &&
        (!f.role || f.role.includes((n.Spec as { Role: string }).Role)));
    }
    let m = /^\/nodes\/(.+)$/.exec(p);
    if (m) {
      const n = [...c.nodes.values()].find((x) => x.id === m![1] || x.host === m![1]) ?? [...c.nodes.values()].find((x) => x.id.startsWith(m![1]!));
      return n ? nodeObject(world, c, n) : undefined;
    }
    if (p === "/services") {
      return [...c.services.values()].filter((s) =>
        (!f.id || f.id.some((x) => s.id.startsWith(x))) && (!f.name || f.name.some((x) => s.spec.name.toLowerCase().startsWith(x.toLowerCase()))) &&
        labelsMatch(f.label, s.spec.labels) && (!f.mode || f.mode.includes(s.spec.mode.kind))).map((s) => {
        const o = json(serviceObject(world, c, s));
        if (q.get("status") === "true") {
          const n = serviceStatus(c, s);
          o.ServiceStatus = { RunningTasks: n.running, DesiredTasks: n.desired, CompletedTasks: n.completed };
        }
        return o;
      });
    }
    m = /^\/services\/(.+)$/.exec(p);
    if (m) {
      const s = c.services.get(m[1]!) ?? [...c.services.values()].find((x) => x.spec.name === m![1]) ?? [...c.services.values()].find((x) => x.id.startsWith(m![1]!));
      return s ? serviceObject(world, c, s) : undefined;
    }
    if (p === "/tasks") {
      // swarmkit's store lists by its ID index: ties of the CLI's stable sort keep that order.
      return [...c.tasks.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((t) => {
        const svc = c.services.get(t.serviceId);
        return (!f.service || f.service.includes(t.serviceId)) && (!f.node || f.node.some((x) => x === t.nodeId || c.nodes.get(t.nodeId)?.host === x)) &&
          (!f["desired-state"] || f["desired-state"].includes(t.desiredState === "complete" ? "shutdown" : t.desiredState)) &&
          (!f.id || f.id.some((x) => t.id.startsWith(x))) && labelsMatch(f.label, svc?.spec.labels ?? {}) &&
          (!f.name || f.name.some((x) => `${svc?.spec.name}.${t.slot || t.nodeId}.${t.id}`.startsWith(x)));
      }).map((t) => taskObject(world, c, t));
    }
    m = /^\/tasks\/(.+)$/.exec(p);
    if (m) {
      const t = c.tasks.get(m[1]!);
      return t ? taskObject(world, c, t) : undefined;
    }
    if (p === "/secrets" || p === "/configs") {
      const kind = p === "/secrets" ? "secret" : "config";
      const store = kind === "secret" ? c.secrets : c.configs;
      return [...store.values()].filter((s) => labelsMatch(f.label, s.labels)).map((s) => inspectFileObject(c, kind, s.id));
    }
    m = /^\/(secrets|configs)\/(.+)$/.exec(p);
    if (m) return inspectFileObject(c, m[1] === "secrets" ? "secret" : "config", m[2]!);
    if (p === "/networks") return visibleNetworks(world, h).map((n) => networkObject(world, host, n));
    m = /^\/networks\/(.+)$/.exec(p);
    if (m) {
      const n = visibleNetworks(world, h).find((x) => x.net.id === m![1] || x.net.name === m![1]) ??
        [...c.networks.values()].filter((x) => x.id === m![1] || x.name === m![1]).map((net) => ({ scope: "swarm" as const, net, cluster: c }))[0];
      return n ? networkObject(world, host, n as Parameters<typeof networkObject>[2]) : undefined;
    }
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://docker");
    if (url.pathname === "/_ping") {
      res.writeHead(200, { "API-Version": "1.50", "Docker-Experimental": "false", OSType: "linux", Swarm: "active/manager", "Content-Type": "text/plain" });
      res.end(req.method === "HEAD" ? undefined : "OK");
      return;
    }
    const body = route(url.pathname, url.searchParams);
    if (body === undefined) {
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `not found: ${url.pathname}` }));
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json", "API-Version": "1.50" });
    res.end(JSON.stringify(body));
  });
  const dir = mkdtempSync(join(tmpdir(), "cg-daemon-"));
  const sock = join(dir, "docker.sock");
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  const config = mkdtempSync(join(tmpdir(), "cg-docker-config-"));

  return {
    docker(args) {
      return new Promise((resolve) => {
        const child = spawn("docker", args, { env: { ...process.env, DOCKER_HOST: `unix://${sock}`, DOCKER_CONFIG: config, DOCKER_CLI_HINTS: "false" } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (status) => resolve({ stdout, stderr, status }));
      });
    },
    close: () => new Promise((resolve) => server.close(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(config, { recursive: true, force: true });
      resolve();
    })),
  };
}
