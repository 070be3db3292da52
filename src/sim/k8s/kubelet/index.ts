// The kubelets: one per Node, run as a single world subsystem for speed. Each pass syncs the pods
// bound to nodes whose machine is up — new or changed pods, pods with a timer due (process exit,
// probe tick, back-off end, grace period, volume mount retry, remount), pods waiting on a
// ConfigMap/Secret when the store changed, pods whose volumes follow one when one was written —
// and writes their status. A pod's volumes are mounted before its sandbox exists
// (volume-manager.ts). A machine that goes down stops its kubelet (statuses go stale until the
// node controller marks them); when it comes back, its containers restart.
//
// Timeline events (source "kubernetes"):
//   pod-status   subject "pod/<ns>/<name>"  data {node, phase, ready, restarts}   when one of them changes
//   pod-deleted  subject "pod/<ns>/<name>"  data {node}                            the kubelet's final delete

import { deepFreeze, DeferredCopyMap } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { Host, HostEvent, Subsystem, World } from "../../world";
import type { Node, Pod } from "../controllers/model";
import { Backoff } from "./backoff";
import type { ContainerRuntime } from "./cri";
import { customImages, ImageManager } from "./image-manager";
import { computePodStatus } from "./pod-status";
import { PodWorker } from "./pod-worker";
import { ensureContainerRecords, NO_PROBES, NO_RECORDS, type ContainerRecord, type PodRecord } from "./records";
import { defaultRuntime } from "./runtime-adapter";
import { admitPod, REJECTED_PREFIX, type Rejection } from "./admission";
import { addPodToNodeInfo, newNodeInfo } from "../scheduler/node-info";
import type { NodeInfo } from "../scheduler/framework";
import { getCondition, isTerminal, iso, sameJson } from "../controllers/pods";
import { COMPONENT, event } from "../controllers/client";
import { PodIpam } from "./ipam";
import { mountPodVolumes } from "./volume-manager";
import { podVolumesDir } from "./host-path";
import { newStaticPodTable, syncStaticPods, type StaticPodTable } from "./static-pods";
import { POD_INITIALIZING } from "./reasons";
import { earliest } from "../controllers/controller";
import { catchUpProbes, hasDeferredTicks } from "./probe-deferral";
import { EphemeralWorker, ephemeralContainerStatuses, ephemeralInputs, ephemeralRecords, ephemeralSpecs } from "./ephemeral";

export { formatPod, CRASH_LOOP_BACK_OFF, CREATE_CONTAINER_CONFIG_ERROR } from "./reasons";
export type { ContainerRuntime, ContainerProcess, ContainerConfig } from "./cri";

export class Kubelets implements Subsystem {
  readonly name = "kubelet";
  /**
   * What the kubelets know per pod (records.ts). A copy of the world copies a record only when it
   * is asked for (DeferredCopyMap): a pass only peeks at pods with nothing due.
   */
  readonly records = new DeferredCopyMap<string, PodRecord>();
  readonly images: ImageManager;
  private readonly restartBackoff = new Backoff();
  private readonly ipam: PodIpam;
  private lastRevision = -1;
  private lastConfigRevision = -1;
  /** Mirror pods made from node manifests (static-pods.ts). */
  private readonly staticPods: StaticPodTable = newStaticPodTable();
  private lastClock = -1;
  private lastRemovals = -1;
  private dirty = true;
  private cachedWake?: number;

  constructor(private readonly cluster: KubeCluster, private readonly runtime: ContainerRuntime = defaultRuntime) {
    const world = cluster.world;
    this.images = new ImageManager(customImages(world.config), world.rng.fork("kubelet-images"));
    this.ipam = new PodIpam(cluster);
    this.idRng = world.rng.fork("kubelet-containers");
  }

  private readonly idRng;

  onHostEvent(world: World, host: Host, _event: HostEvent): void {
    // Probe ticks run late happened before the machine changed: run them now, while it still runs them.
    for (const pod of this.cluster.store.view<Pod>("Pod")) if (pod.spec.nodeName === host.name) this.catchUp(pod, world.now);
    this.dirty = true;
  }

  /**
   * Something outside the pod's own sync reaches its containers (kubectl exec or logs, another
   * pod's request, the node changing): probe ticks run late are run first, up to this instant
   * (probe-deferral.ts). Returns the pod's record.
   */
  catchUp(pod: Pod, now = this.cluster.world.now): PodRecord | undefined {
    const peeked = this.records.peek(pod.metadata.uid);
    if (!peeked || !hasDeferredTicks(peeked)) return peeked && this.records.get(pod.metadata.uid);
    const rec = this.records.get(pod.metadata.uid)!;
    catchUpProbes(pod, rec, now, true);
    // The next tick wakes the world again (the pod's next sync recomputes its wake-up).
    for (const c of [...rec.initContainers, ...rec.containers]) for (const p of c.probes) rec.nextAt = earliest(rec.nextAt, p.nextAt);
    this.cachedWake = earliest(this.cachedWake, rec.nextAt);
    this.dirty = true;
    return rec;
  }

  reconcile(world: World): boolean {
    const store = this.cluster.store;
    // Node manifests are files, not API objects: looked at on every pass (inotify sees a write at once).
    const staticChanged = syncStaticPods(this.cluster, world.hosts, store.view<Node>("Node"), this.staticPods);
    const rev = store.resourceVersion;
    if (!this.dirty && rev === this.lastRevision && world.now === this.lastClock) return false;
    const storeChanged = rev !== this.lastRevision;
    // A ConfigMap or Secret was written: pods whose volumes follow one look for changes.
    const configRev = Math.max(store.revisionOf("ConfigMap"), store.revisionOf("Secret"));
    const configChanged = configRev !== this.lastConfigRevision;
    this.lastConfigRevision = configRev;
    this.dirty = false;
    let changed = staticChanged;
    // Records of pods gone from the store are dropped; pods leave only by removal, so the
    // sweep is needed only when something was removed since the last one.
    const sweep = store.removals !== this.lastRemovals;
    const live = sweep ? new Set<string>() : undefined;
    const nodes = nodesByName(store.view<Node>("Node"));
    const pods = store.view<Pod>("Pod");
    this.ipam.beginPass(pods);
    let wake: number | undefined;
    let infos: Map<string, NodeInfo> | undefined;
    for (const pod of pods) {
      const nodeName = pod.spec.nodeName;
      if (!nodeName) continue;
      live?.add(pod.metadata.uid);
      const host = world.host(nodeName);
      const node = nodes.get(nodeName);
      if (!host || !node || !host.up) continue;
      let rec: Readonly<PodRecord> | undefined = this.records.peek(pod.metadata.uid);
      if (!rec) {
        let rejection: Rejection | undefined;
        if (!pod.metadata.deletionTimestamp && !isTerminal(pod)) {
          infos ??= this.admittedNodeInfos(pods, nodes);
          const info = infos.get(nodeName)!;
          rejection = admitPod(pod, node, info);
          if (!rejection) addPodToNodeInfo(info, pod);
        }
        const fresh: PodRecord = { uid: pod.metadata.uid, node: nodeName, sandbox: false, containers: NO_RECORDS, initContainers: NO_RECORDS, bootSeen: host.boots };
        this.records.set(pod.metadata.uid, fresh);
        if (rejection) this.reject(pod, fresh, rejection, host);
        rec = fresh;
      }
      const due = rec.lastRv !== pod.metadata.resourceVersion || (rec.nextAt !== undefined && rec.nextAt <= world.now)
        || rec.bootSeen !== host.boots || (storeChanged && blocked(rec))
        || (configChanged && !!rec.followsConfig && rec.volumeRemountAt === undefined);
      if (due) {
        rec = this.records.get(pod.metadata.uid)!;
        if (this.syncPod(pod, rec, host)) changed = true;
      }
      if (rec.nextAt !== undefined && (wake === undefined || rec.nextAt < wake)) wake = rec.nextAt;
    }
    if (live) {
      for (const uid of [...this.records.keys()]) if (!live.has(uid)) this.forget(this.records.get(uid)!);
      this.lastRemovals = store.removals;
    }
    this.cachedWake = wake;
    this.lastRevision = store.resourceVersion;
    this.lastClock = world.now;
    if (changed) this.dirty = true;
    return changed;
  }

  /**
   * Something outside the kubelet's own timers acted on a pod's containers (`kubectl exec` sent
   * PID 1 a signal, wrote a file a probe reads): the pod is synced on the next pass, as the real
   * kubelet's PLEG notices a container that died.
   */
  poke(uid: string): void {
    const rec = this.records.get(uid);
    if (!rec) return;
    rec.nextAt = this.cluster.world.now;
    this.dirty = true;
  }

  nextWake(world: World): number | undefined {
    return this.cachedWake !== undefined && this.cachedWake > world.now ? this.cachedWake : undefined;
  }

  /** What the pods this kubelet already admitted use, per node (admission's view). */
  private admittedNodeInfos(pods: readonly Pod[], nodes: Map<string, Node>): Map<string, NodeInfo> {
    const out = new Map<string, NodeInfo>();
    for (const [name, node] of nodes) out.set(name, newNodeInfo(node));
    for (const p of pods) {
      if (!p.spec.nodeName || isTerminal(p) || !this.records.has(p.metadata.uid)) continue;
      if (this.records.peek(p.metadata.uid)!.failed) continue;
      const info = out.get(p.spec.nodeName);
      if (info) addPodToNodeInfo(info, p);
    }
    return out;
  }

  /** The pod is gone: its record, and its volumes' directory on the node (emptyDirs). */
  private forget(rec: PodRecord): void {
    this.records.delete(rec.uid);
    const dir = podVolumesDir(rec.uid);
    const fs = rec.node ? this.cluster.world.host(rec.node)?.fs : undefined;
    if (fs?.isDir(dir)) fs.remove(dir);
  }

  /** Admission failed: the pod is Failed with the predicate's reason. */
  private reject(pod: Pod, rec: PodRecord, r: Rejection, host: Host): void {
    rec.failed = { reason: r.reason, message: REJECTED_PREFIX + r.message };
    rec.startTime = this.cluster.world.now;
    event(this.cluster, pod, "Warning", r.reason, r.message, COMPONENT.kubelet, undefined, rec.node);
    rec.sandbox = false;
    void host;
  }

  /** One pod sync; true if the store changed. */
  private syncPod(pod: Pod, rec: PodRecord, host: Host): boolean {
    const world = this.cluster.world;
    const rvBefore = this.cluster.store.resourceVersion;
    if (rec.bootSeen !== host.boots) this.afterReboot(rec, host.boots);
    if (!rec.sandbox && !rec.failed && !pod.metadata.deletionTimestamp) {
      ensureContainerRecords(rec, pod);
      // The volumes come first: until they are all mounted there is no sandbox and no container.
      const mounted = mountPodVolumes(this.cluster, pod, rec, world.now, (e) =>
        event(this.cluster, pod, e.type, e.reason, e.message, { component: COMPONENT.kubelet, host: rec.node }));
      if (!mounted.ready) {
        rec.startTime ??= world.now;
        // generateAPIPodStatus: a hostNetwork pod has the node's IP, sandbox or not.
        if (pod.spec.hostNetwork) rec.podIP = host.ip;
        rec.nextAt = mounted.retryAt;
        this.writeStatus(pod, rec, host);
        rec.lastRv = pod.metadata.resourceVersion;
        return this.cluster.store.resourceVersion !== rvBefore;
      }
      rec.sandbox = true;
      rec.startTime ??= world.now;
      rec.podIP = pod.spec.hostNetwork ? host.ip : this.ipam.allocate(rec.node);
    }
    const deps = {
      cluster: this.cluster, images: this.images, runtime: this.runtime, restartBackoff: this.restartBackoff,
      newContainerId: () => this.idRng.hexId(64),
    };
    const worker = new PodWorker(deps, pod, rec);
    const gone = worker.sync();
    if (gone) {
      this.cluster.store.remove("Pod", pod.metadata.namespace, pod.metadata.name);
      world.record("kubernetes", "pod-deleted", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, { node: rec.node });
      this.forget(rec);
      return true;
    }
    rec.nextAt = worker.nextWake();
    // `kubectl debug`'s ephemeral containers: started once the sandbox runs, never restarted.
    if (ephemeralSpecs(pod).length) {
      const ephemeral = new EphemeralWorker(deps, pod, rec);
      ephemeral.sync();
      rec.nextAt = earliest(rec.nextAt, ephemeral.nextWake());
    }
    this.writeStatus(pod, rec, host);
    rec.lastRv = pod.metadata.resourceVersion;
    return this.cluster.store.resourceVersion !== rvBefore;
  }

  private writeStatus(pod: Pod, rec: PodRecord, host: Host): void {
    const world = this.cluster.world;
    // The status is a function of the pod object and the kubelet's record: while neither moved
    // (a probe that changed nothing, a timer that found nothing due), there is nothing to write.
    const inputs = statusInputs(pod, rec, host.ip);
    if (sameInputs(rec.statusInputs, inputs)) return;
    const next = computePodStatus(pod, rec, (t) => iso(world, t), host.ip, iso(world));
    if (rec.ephemeralContainers?.length) {
      (next as typeof next & { ephemeralContainerStatuses?: unknown }).ephemeralContainerStatuses = ephemeralContainerStatuses(pod, rec, (t) => iso(world, t));
    }
    const prev = pod.status ?? {};
    if (sameJson(prev, next)) {
      rec.statusInputs = inputs;
      return;
    }
    const summary = (s: typeof next) => {
      const ready = getCondition(s.conditions, "Ready")?.status === "True";
      const restarts = (s.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
      return { phase: s.phase, ready, restarts };
    };
    const a = summary(prev);
    const b = summary(next);
    // Frozen: the kubelet replaces a status as a whole (others edit it through editableStatus), so
    // copies of the world share it.
    pod.status = deepFreeze(next);
    this.cluster.store.touch(pod);
    inputs[0] = pod.metadata.resourceVersion;
    rec.statusInputs = inputs;
    if (a.phase !== b.phase || a.ready !== b.ready || a.restarts !== b.restarts) {
      world.record("kubernetes", "pod-status", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, { node: rec.node, ...b });
    }
  }

  /** The machine restarted: every container died with it and is started again (init containers first). */
  private afterReboot(rec: PodRecord, boots: number): void {
    rec.bootSeen = boots;
    const now = this.cluster.world.now;
    const at = (t: number) => iso(this.cluster.world, t);
    if ([...rec.initContainers, ...rec.containers].some((c) => c.proc)) {
      // A new sandbox: the init containers run again, in order, before the app (computePodActions).
      rec.initFrontier = 0;
      rec.initialized = false;
      for (const c of rec.initContainers) {
        if (c.proc || c.restartable || !c.terminated) continue;
        c.lastTerminated = c.terminated;
        c.restarting = true;
      }
    }
    for (const c of [...rec.initContainers, ...rec.containers]) {
      if (!c.proc) continue;
      c.previousLogs = c.proc.logs();
      c.lastTerminated = {
        exitCode: 255, reason: "Unknown", startedAt: at(c.startedAt ?? now), finishedAt: at(now), containerID: c.containerID,
      };
      c.proc = undefined;
      c.ready = false;
      c.started = false;
      c.probes = NO_PROBES;
      c.restarting = true;
      c.retryAt = undefined;
    }
  }

  /** `kubectl logs`: the current (or previous) container's output, or why there is none. */
  logs(pod: Pod, container: string, previous: boolean): { logs?: string; waiting?: string; notFound?: boolean } {
    const rec = this.catchUp(pod);
    const c = rec && [...rec.containers, ...rec.initContainers, ...ephemeralRecords(rec)].find((x) => x.name === container);
    if (!c) return { waiting: CONTAINER_WAITING_DEFAULT };
    if (previous) return c.previousLogs !== undefined ? { logs: c.previousLogs } : { notFound: true };
    if (c.proc) {
      c.proc.advance(this.cluster.world.now);
      return { logs: c.proc.logs() };
    }
    if (c.terminated || c.lastTerminated) return { logs: c.previousLogs ?? "" };
    return { waiting: waitingReasonForLogs(c, rec.initContainers.length > 0) };
  }
}

const CONTAINER_WAITING_DEFAULT = "ContainerCreating";

/** The waiting reason the pod's status shows (PodInitializing by default in a pod with init containers). */
function waitingReasonForLogs(c: ContainerRecord, hasInit: boolean): string {
  const r = c.waiting?.reason ?? (hasInit ? POD_INITIALIZING : CONTAINER_WAITING_DEFAULT);
  return r === "ErrImagePull" || r === "ImagePullBackOff" ? "trying and failing to pull image" : r;
}

/** Nodes by name, per sorted view of the store (a pure cache: the view is replaced on every Node write). */
const nodeMaps = new WeakMap<readonly Node[], Map<string, Node>>();
function nodesByName(view: readonly Node[]): Map<string, Node> {
  let m = nodeMaps.get(view);
  if (!m) nodeMaps.set(view, (m = new Map(view.map((n) => [n.metadata.name, n]))));
  return m;
}

/**
 * What computePodStatus reads: the pod's version, the node's address and the record's state, as a
 * flat list compared by identity (the record's state objects — waiting, terminated, image — are
 * replaced, never edited in place; an equal replacement only costs a recomputation). Not frozen:
 * a copy of the world copies it with the record, so it names the copy's own state objects.
 */
function statusInputs(pod: Pod, rec: PodRecord, hostIp: string): unknown[] {
  const k: unknown[] = [pod.metadata.resourceVersion, hostIp, rec.sandbox, rec.podIP, rec.startTime, rec.failed];
  if (rec.ephemeralContainers?.length) k.push(...ephemeralInputs(rec));
  for (const list of [rec.initContainers, rec.containers]) {
    for (const c of list) {
      k.push(c.name, c.proc !== undefined, c.startedAt, c.waiting, c.terminated, c.restarting, c.lastTerminated,
        c.ready, c.restartCount, c.image, c.everStarted, c.started, c.containerID);
    }
  }
  return k;
}

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function blocked(rec: PodRecord): boolean {
  for (const c of rec.containers) if (c.blockedOnConfig !== undefined) return true;
  for (const c of rec.initContainers) if (c.blockedOnConfig !== undefined) return true;
  return false;
}
