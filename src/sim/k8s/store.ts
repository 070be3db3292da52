// The cluster's object store (etcd + the API server's storage layer): plain API objects keyed by
// kind, namespace and name, with uid, resourceVersion, generation and creationTimestamp kept the
// way the real server keeps them. Validation, defaulting and admission live in the API server;
// controllers and kubelets read and write here directly, level-triggered.

import { DeferredCopyMap, freezeData, freezeKey, thaw } from "../clone";
import type { World } from "../world";
import { Rng } from "../rng";

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** Any API object. Kind-specific shapes narrow this with their own interfaces. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Kinds without `generation` (pods in v1.30) and without spec. */
export const NO_GENERATION: ReadonlySet<string> = new Set([
  "Pod", "Event", "Endpoints", "EndpointSlice", "Secret", "ConfigMap", "Namespace", "Node", "Service",
  "PersistentVolume", "PersistentVolumeClaim", "ServiceAccount", "Lease", "CSINode", "StorageClass", "LimitRange",
  "ResourceQuota", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
]);

const sortedViews = new WeakMap<Store, Map<string, Map<string | undefined, KObject[]>>>();
/** kindsPresent's last answer per store (a pure cache, like sortedViews). */
const presentKinds = new WeakMap<Store, { epoch: number; list: readonly string[] }>();

export class Store {
  /**
   * Objects by kind, then "<namespace>/<name>". A copy of the world copies a kind's objects when it
   * first uses them (DeferredCopyMap): a grade reads and writes a few kinds of the many a cluster
   * holds. Kinds stored frozen are read without copying (readBucket); a write takes its own copy.
   */
  private readonly kinds = new DeferredCopyMap<string, Map<string, KObject>>();

  /** A kind's objects for reading: a kind stored frozen may be the source world's (unchanged) map. */
  private readBucket(kind: string): ReadonlyMap<string, KObject> | undefined {
    return STORED_FROZEN.has(kind) ? this.kinds.peek(kind) : this.kinds.get(kind);
  }
  /**
   * Sorted views per kind, by namespace (undefined: all namespaces), dropped when the kind's set
   * of objects changes. A pure cache, kept in a WeakMap beside the store: a copy of the world
   * starts without it and sorts again what it reads.
   */
  private get sorted(): Map<string, Map<string | undefined, KObject[]>> {
    let m = sortedViews.get(this);
    if (!m) sortedViews.set(this, (m = new Map()));
    return m;
  }
  private revision = 0;
  private removed = 0;
  /** Moves when a kind gets its first object or loses its last (kindsPresent's cache key). */
  private kindsEpoch = 0;
  /** The revision of the last write to each kind: what a loop's inputs moved at. */
  private readonly kindRevisions = new Map<string, number>();
  /** The same per kind and namespace. */
  private readonly namespaceRevisions = new Map<string, Map<string, number>>();
  /** While set, every kind read (get, list, view) is added: a control loop's read set. */
  reads?: Set<string>;

  constructor(private readonly world: World) {}

  /** The cluster-wide revision (etcd revision); increases on every write. */
  get resourceVersion(): number {
    return this.revision;
  }

  /**
   * The revision of the last write (create, update, touch, remove) to an object of `kind` — in
   * `namespace` when given; 0 if none yet. Loops compare it to skip work whose inputs stood still.
   */
  revisionOf(kind: string, namespace?: string): number {
    // Asking when a kind last moved is reading it: a loop that decides from this must run again when it moves.
    this.reads?.add(kind);
    return (namespace === undefined ? this.kindRevisions.get(kind) : this.namespaceRevisions.get(kind)?.get(namespace)) ?? 0;
  }

  private wrote(kind: string, namespace: string | undefined): void {
    this.kindRevisions.set(kind, this.revision);
    let perNamespace = this.namespaceRevisions.get(kind);
    if (!perNamespace) this.namespaceRevisions.set(kind, (perNamespace = new Map()));
    perNamespace.set(namespace ?? "", this.revision);
  }

  /** How many objects have been removed so far (the garbage collector wakes on this). */
  get removals(): number {
    return this.removed;
  }

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    this.reads?.add(kind);
    return this.readBucket(kind)?.get(key(namespace, name)) as T | undefined;
  }

  /** Objects of a kind, optionally in one namespace, sorted by namespace then name. */
  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    return this.view<T>(kind, namespace).slice();
  }

  /**
   * list() without the copy, for loops that read every object each pass (the kubelets, the
   * scheduler, the pod index): the store's own sorted array, valid until the next write.
   */
  view<T extends KObject = KObject>(kind: string, namespace?: string): readonly T[] {
    this.reads?.add(kind);
    let views = this.sorted.get(kind);
    if (!views) this.sorted.set(kind, (views = new Map()));
    let view = views.get(namespace);
    if (!view) {
      const all = [...(this.readBucket(kind)?.values() ?? [])];
      view = (namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? "") === namespace)).sort(byNamespaceAndName);
      views.set(namespace, view);
    }
    return view as readonly KObject[] as readonly T[];
  }

  private invalidate(kind: string): void {
    this.sorted.delete(kind);
  }

  /** The kinds with at least one object, sorted (read-only; recomputed when a kind fills or empties). */
  kindsPresent(): readonly string[] {
    if (this.reads) for (const k of this.kinds.keys()) this.reads.add(k);
    const hit = presentKinds.get(this);
    if (hit && hit.epoch === this.kindsEpoch) return hit.list;
    const list = Object.freeze([...this.kinds.keys()].filter((k) => (this.kinds.peek(k)?.size ?? 0) > 0).sort());
    presentKinds.set(this, { epoch: this.kindsEpoch, list });
    return list;
  }

  /** Stores a new object: assigns uid, resourceVersion, generation and creationTimestamp. */
  create<T extends KObject>(obj: T): T {
    freezeImmutable(obj);
    const meta = obj.metadata;
    // The API server assigns a Job's uid itself, before validation (its selector is made from it).
    if (!meta.uid) meta.uid = this.uuid();
    meta.resourceVersion = String(++this.revision);
    this.fillCreated(obj);
    let bucket = this.kinds.get(obj.kind);
    if (!bucket) this.kinds.set(obj.kind, (bucket = new Map()));
    bucket.set(key(meta.namespace, meta.name), obj);
    if (bucket.size === 1) this.kindsEpoch++;
    this.invalidate(obj.kind);
    this.wrote(obj.kind, meta.namespace);
    if (STORED_FROZEN.has(obj.kind)) freezeData(obj);
    return obj;
  }

  /**
   * A dry-run create's answer: the object as create() would store it (uid and creationTimestamp
   * from BeforeCreate, the strategy's generation) without a resourceVersion, stored nowhere. Its
   * uid comes from its own stream (dryRunUuid), so a dry run shifts no later ids or names.
   */
  dryRunCreate<T extends KObject>(obj: T): T {
    const meta = obj.metadata;
    if (!meta.uid) meta.uid = this.dryRunUuid(obj.kind, meta.namespace, meta.name);
    return this.fillCreated(obj);
  }

  /** A dry-run update's answer: the generation the update would store, stored nowhere. */
  dryRunUpdate<T extends KObject>(obj: T, opts: { specChanged?: boolean } = {}): T {
    if (opts.specChanged && obj.metadata.generation !== undefined) obj.metadata.generation++;
    return obj;
  }

  private fillCreated<T extends KObject>(obj: T): T {
    obj.metadata.creationTimestamp = this.world.clock.iso();
    if (!NO_GENERATION.has(obj.kind)) obj.metadata.generation = 1;
    return obj;
  }

  /**
   * Replaces a stored object. `specChanged` bumps metadata.generation (the API server does
   * this when anything but metadata and status changed).
   */
  update<T extends KObject>(obj: T, opts: { specChanged?: boolean } = {}): T {
    freezeImmutable(obj);
    const meta = obj.metadata;
    meta.resourceVersion = String(++this.revision);
    if (opts.specChanged && meta.generation !== undefined) meta.generation++;
    const bucket = this.kinds.get(obj.kind);
    const k = key(meta.namespace, meta.name);
    if (bucket?.get(k) !== obj) this.invalidate(obj.kind);
    bucket?.set(k, obj);
    this.wrote(obj.kind, meta.namespace);
    if (STORED_FROZEN.has(obj.kind)) freezeData(obj);
    return obj;
  }

  /**
   * A stored object ready to be changed in place (then touch() it): the object itself, or for a
   * kind stored frozen an unfrozen copy put in its place.
   */
  editable<T extends KObject>(obj: T): T {
    if (!Object.isFrozen(obj)) return obj;
    const copy = thaw(obj);
    const bucket = this.kinds.get(obj.kind);
    const k = key(obj.metadata.namespace, obj.metadata.name);
    if (bucket?.get(k) === obj) {
      bucket.set(k, copy);
      this.invalidate(obj.kind);
    }
    return copy;
  }

  /** Marks an in-place change (status written by a controller or kubelet). */
  touch(obj: KObject): void {
    obj.metadata.resourceVersion = String(++this.revision);
    this.wrote(obj.kind, obj.metadata.namespace);
    if (STORED_FROZEN.has(obj.kind)) freezeData(obj);
  }

  remove(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const bucket = this.kinds.get(kind);
    const k = key(namespace, name);
    const obj = bucket?.get(k);
    if (obj) {
      bucket!.delete(k);
      if (bucket!.size === 0) this.kindsEpoch++;
      this.revision++;
      this.removed++;
      this.invalidate(kind);
      this.wrote(kind, namespace);
    }
    return obj;
  }

  /** RFC 4122 v4 UUID from the seeded generator. */
  uuid(): string {
    return formatUuid(this.world.rng.hexId(32));
  }

  /** A dry run's uid: a stream seeded by the revision and the object, not the world's. */
  private dryRunUuid(kind: string, namespace: string | undefined, name: string): string {
    return formatUuid(new Rng(`dry-run/${this.revision}/${kind}/${namespace ?? ""}/${name}`).hexId(32));
  }
}

/** 32 hex digits as an RFC 4122 v4 UUID (version and variant digits set). */
export function formatUuid(s: string): string {
  const variant = "89ab"[parseInt(s[16]!, 16) % 4]!;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
}

/**
 * Kinds whose stored objects are only ever replaced as a whole (store.update with a new object),
 * never edited in place: frozen once stored, so every copy of the world shares them.
 */
const STORED_FROZEN = new Set([
  "Event", "ServiceAccount", "ConfigMap", "Secret", "CSINode", "PriorityClass", "Endpoints", "EndpointSlice",
  "Namespace", "Service", "StorageClass", "ControllerRevision", "LimitRange", "Ingress", "IngressClass",
]);

/**
 * The parts of stored objects that are only ever replaced, never edited in place: a change to
 * them comes as a new object through the API server, or a controller assigns a new value.
 */
const REPLACED_ONLY: Readonly<Record<string, readonly string[]>> = {
  ControllerRevision: ["data"],
  ConfigMap: ["data", "binaryData"],
  Namespace: ["spec"],
  Secret: ["data"],
  Service: ["spec"],
  Endpoints: ["subsets"],
  EndpointSlice: ["endpoints", "ports"],
};
/** A node's status parts set at registration, and its conditions (the node lifecycle controller replaces them). */
const NODE_STATUS_FIXED = ["addresses", "capacity", "allocatable", "nodeInfo", "images", "daemonEndpoints", "conditions"];

/**
 * Freezes what of a stored object is only ever replaced — those parts, a pod's spec and any
 * workload's pod template — so that copies of the world share them (src/sim/clone.ts).
 */
function freezeImmutable(obj: KObject): void {
  // Labels, owner references and finalizers are replaced by whoever changes them.
  const meta = obj.metadata;
  freezeData(meta.labels);
  freezeData(meta.ownerReferences);
  freezeData(meta.finalizers);
  const template = (obj.spec as { template?: object } | undefined)?.template;
  // Frozen in every world: controllers' template fingerprints are cached per frozen template.
  if (template) freezeKey(template);
  // A pod's spec changes only by replacement (the scheduler's binding writes a new one), whoever made the pod.
  if (obj.kind === "Pod") freezeData(obj.spec);
  for (const field of REPLACED_ONLY[obj.kind] ?? []) freezeData(obj[field]);
  if (obj.kind === "Node") {
    const status = obj.status as Record<string, unknown> | undefined;
    if (status) for (const field of NODE_STATUS_FIXED) freezeData(status[field]);
  }
}

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

function byNamespaceAndName(a: KObject, b: KObject): number {
  const na = a.metadata.namespace ?? "";
  const nb = b.metadata.namespace ?? "";
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
