// One swarm: its raft members, nodes, services, tasks, secrets, configs and swarm-scoped
// networks (swarmkit's store), plus lookups by name / ID / unique ID prefix as the daemon does.

import type { Rng } from "../../rng";
import type { World } from "../../world";
import { errAmbiguous } from "./errors";
import { joinToken, unlockKey } from "./ids";
import type { SecretOrConfig, Service, SwarmNode, Task } from "./types";

export interface SwarmSettings {
  taskHistoryLimit: number;
  dispatcherHeartbeatMs: number;
  certExpiryMs: number;
  snapshotInterval: number;
  maxSnapshots: number;
  defaultAddrPool: string[];
  subnetSize: number;
  dataPathPort: number;
}

export const DEFAULT_SETTINGS: SwarmSettings = {
  taskHistoryLimit: 5,
  dispatcherHeartbeatMs: 5_000,
  certExpiryMs: 2160 * 3_600_000,
  snapshotInterval: 10_000,
  maxSnapshots: 0,
  defaultAddrPool: ["10.0.0.0/8"],
  subnetSize: 24,
  dataPathPort: 4789,
};

export interface SwarmNetwork {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  attachable: boolean;
  ingress: boolean;
  internal: boolean;
  subnet: string;
  gateway: string;
  vxlanId: number;
  createdAt: number;
  /** Standalone containers attached to an attachable overlay: container ID → address. */
  attachments?: Record<string, string>;
}

export class SwarmCluster {
  readonly nodes = new Map<string, SwarmNode>();
  readonly services = new Map<string, Service>();
  /** All tasks by ID; change through addTask/removeTask so the per-service index stays right. */
  readonly tasks = new Map<string, Task>();
  private readonly byService = new Map<string, Map<string, Task>>();
  readonly secrets = new Map<string, SecretOrConfig>();
  readonly configs = new Map<string, SecretOrConfig>();
  readonly networks = new Map<string, SwarmNetwork>();
  /** Raft members (manager node IDs), in joining order. */
  members: string[] = [];
  leaderId: string | undefined;
  workerToken: string;
  managerToken: string;
  /** The root CA's digest in the join tokens (changes with a root rotation). */
  caDigest: string;
  /** Root CA generation: 0 at init, +1 per `docker swarm ca --rotate` (see ca-cert.ts). */
  caGeneration = 0;
  /** When the current root CA was made. */
  caCreatedAt: number;
  autolock = false;
  unlockKey = "";
  settings: SwarmSettings;
  private joinCounter = 0;
  /** Task creation counter (Task.seq). */
  taskSeq = 0;
  /** Next subnet index in the default address pool (10.0.<n>.0/24). */
  nextSubnet = 1;
  nextVxlan = 4097;
  nextIngressPort = 30000;

  constructor(readonly id: string, readonly rng: Rng, readonly createdAt: number, settings?: Partial<SwarmSettings>) {
    this.caDigest = rng.base36(50);
    this.caCreatedAt = createdAt;
    this.workerToken = joinToken(this.caDigest, rng);
    this.managerToken = joinToken(this.caDigest, rng);
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  nextJoinIndex(): number {
    return ++this.joinCounter;
  }

  rotateToken(role: "worker" | "manager"): void {
    if (role === "worker") this.workerToken = joinToken(this.caDigest, this.rng);
    else this.managerToken = joinToken(this.caDigest, this.rng);
  }

  /**
   * A root CA rotation (swarmkit's root rotation reconciler, converged): a new root, and join
   * tokens made again for its digest; the nodes up now take it, a down node keeps its old root.
   */
  rotateRootCA(now: number): void {
    this.caGeneration++;
    this.caCreatedAt = now;
    this.caDigest = this.rng.base36(50);
    this.workerToken = joinToken(this.caDigest, this.rng);
    this.managerToken = joinToken(this.caDigest, this.rng);
    for (const n of this.nodes.values()) if (n.state !== "down") n.caGeneration = this.caGeneration;
  }

  rotateUnlockKey(): void {
    this.unlockKey = unlockKey(this.rng);
  }

  newId(): string {
    return this.rng.swarmId();
  }

  // ---- views ----------------------------------------------------------------------------

  nodeByHost(host: string): SwarmNode | undefined {
    for (const n of this.nodes.values()) if (n.host === host) return n;
    return undefined;
  }

  sortedNodes(): SwarmNode[] {
    return [...this.nodes.values()].sort((a, b) => naturalCompare(a.host, b.host) || cmp(a.id, b.id));
  }

  tasksOf(serviceId: string): Task[] {
    const m = this.byService.get(serviceId);
    return m ? [...m.values()] : [];
  }

  addTask(t: Task): void {
    this.tasks.set(t.id, t);
    let m = this.byService.get(t.serviceId);
    if (!m) this.byService.set(t.serviceId, (m = new Map()));
    m.set(t.id, t);
  }

  removeTask(t: Task): void {
    this.tasks.delete(t.id);
    const m = this.byService.get(t.serviceId);
    m?.delete(t.id);
    if (m && m.size === 0) this.byService.delete(t.serviceId);
  }

  /**
   * The service of that name. swarmkit's store indexes names lowercased, so the daemon's own
   * lookups (and the create-time conflict check) ignore case: `fold`. Client-side matches
   * (stack deploy's map, service ps's createFilter) compare exactly.
   */
  serviceByName(name: string, fold = false): Service | undefined {
    const want = fold ? name.toLowerCase() : name;
    for (const s of this.services.values()) if ((fold ? s.spec.name.toLowerCase() : s.spec.name) === want) return s;
    return undefined;
  }
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; error: "not-found" | string };

/** Full ID, then name (any case: swarmkit's name index), then unique ID prefix (moby's Get*-by-reference rule). */
export function lookup<T extends { id: string }>(
  kind: string, items: Iterable<T>, ref: string, nameOf: (t: T) => string,
): Lookup<T> {
  const all = [...items];
  const byId = all.find((t) => t.id === ref);
  if (byId) return { ok: true, value: byId };
  const byName = all.filter((t) => nameOf(t).toLowerCase() === ref.toLowerCase());
  if (byName.length === 1) return { ok: true, value: byName[0]! };
  if (byName.length > 1) return { ok: false, error: errAmbiguous(kind, ref, byName.length) };
  if (ref === "") return { ok: false, error: "not-found" };
  const byPrefix = all.filter((t) => t.id.startsWith(ref));
  if (byPrefix.length === 1) return { ok: true, value: byPrefix[0]! };
  if (byPrefix.length > 1) return { ok: false, error: errAmbiguous(kind, ref, byPrefix.length) };
  return { ok: false, error: "not-found" };
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Natural order as docker's tables use it: "node-2" < "node-10". */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return cmp(x, y);
  }
  return pa.length - pb.length;
}

export type { World };
