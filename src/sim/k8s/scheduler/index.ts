// Mirrors kube-scheduler's scheduleOne (pkg/scheduler/schedule_one.go): for each pending pod,
// run the filter plugins in their default order on the nodes (stopping at the first plugin that
// rejects a node, and once numFeasibleNodesToFind nodes fit), score the feasible ones, bind to
// the best (ties broken by the seeded rng, as upstream's reservoir sampling), or record the
// FitError as PodScheduled=False + a FailedScheduling event. Unschedulable pods are retried when
// nodes or bound pods change, and every 5 minutes (podMaxInUnschedulablePodsDuration).

import { freezeData } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { Subsystem, World } from "../../world";
import type { Rng } from "../../rng";
import { COMPONENT, event } from "../controllers/client";
import type { Condition, Node, Pod } from "../controllers/model";
import { controllerRef, editableStatus, getCondition, isTerminal, iso, setCondition } from "../controllers/pods";
import type { FilterPlugin, NodeInfo, PodInfo, ScorePlugin, Status } from "./framework";
import { formatFitError, NOT_ELIGIBLE_NEVER, type FitError } from "./fit-error";
import { findPreemption, NOT_ELIGIBLE_TERMINATING, waitsForVictims, type PreemptionCandidate } from "./preemption";
import { buildNodeInfos, addPodToNodeInfo } from "./node-info";
import { nodeAffinity } from "./plugins/node-affinity";
import { nodeName } from "./plugins/node-name";
import { hostPorts, nodePorts } from "./plugins/node-ports";
import { balancedAllocation, nodeResourcesFit } from "./plugins/node-resources-fit";
import { nodeUnschedulable } from "./plugins/node-unschedulable";
import { podTopologySpread, podTopologySpreadFilter, podTopologySpreadPreFilter } from "./plugins/pod-topology-spread";
import { hasRequiredAntiAffinity, interPodAffinityFilter, interPodAffinityPreFilter } from "./plugins/inter-pod-affinity";
import { taintToleration } from "./plugins/taint-toleration";
import { bindPodVolumes, volumeBindingFilter, volumeBindingPreFilter } from "./plugins/volume-binding";
import { podRequests } from "./resources";

export { formatFitError } from "./fit-error";
export type { FitError } from "./fit-error";

export const DEFAULT_SCHEDULER_NAME = "default-scheduler";
/** Unschedulable pods are retried at least this often. */
export const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

/** The v1.30 default filter order. */
export const FILTER_PLUGINS: readonly FilterPlugin[] = [
  nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit,
];

/** The v1.30 default score plugins with their weights. */
export const SCORE_PLUGINS: readonly ScorePlugin[] = [
  taintToleration, nodeAffinity, podTopologySpread, nodeResourcesFit, balancedAllocation,
];

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore. */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes;
  const adaptive = Math.max(5, 50 - Math.floor(numAllNodes / 125));
  return Math.max(100, Math.floor((numAllNodes * adaptive) / 100));
}

export const scheduledMessage = (pod: Pod, node: string): string =>
  `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`;

/** A failed attempt: when, the rejecting plugins, and the cluster as it was afterwards. */
interface Attempt {
  at: number;
  plugins: ReadonlySet<string>;
  podRv: string;
  snapshot: ClusterSnapshot;
}

export class Scheduler implements Subsystem {
  readonly name = "kube-scheduler";
  private lastRevision = -1;
  private lastClock = -1;
  private nextStartNodeIndex = 0;
  private readonly attempts = new Map<string, Attempt>();
  private readonly rng: Rng;
  /** The pass's pods (bindings within the pass show through) and whether any placed one repels others. */
  private placed: readonly Pod[] = [];
  private anyExistingAntiAffinity = false;

  constructor(private readonly cluster: KubeCluster) {
    this.rng = cluster.world.rng.fork("scheduler");
  }

  nextWake(): number | undefined {
    let best: number | undefined;
    for (const a of this.attempts.values()) {
      const t = a.at + UNSCHEDULABLE_RETRY_MS;
      if (best === undefined || t < best) best = t;
    }
    return best;
  }

  reconcile(world: World): boolean {
    const store = this.cluster.store;
    if (store.resourceVersion === this.lastRevision && world.now === this.lastClock) return false;
    const pods = store.view<Pod>("Pod");
    const pending = pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp && !isTerminal(p)
      && (p.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME);
    const live = new Set(pending.map((p) => p.metadata.uid));
    for (const uid of [...this.attempts.keys()]) if (!live.has(uid)) this.attempts.delete(uid);
    let changed = false;
    if (pending.length > 0) {
      const nodes = store.view<Node>("Node");
      const infos = buildNodeInfos(nodes, pods);
      let snapshot: ClusterSnapshot | undefined;
      pending.sort(byPriorityThenAge);
      this.placed = pods;
      this.anyExistingAntiAffinity = pods.some((p) => p.spec.nodeName && !isTerminal(p) && hasRequiredAntiAffinity(p));
      const failed: [Pod, ReadonlySet<string>][] = [];
      for (const pod of pending) {
        // The SchedulingGates PreEnqueue plugin: a gated pod never enters the active queue — no
        // attempt, no FailedScheduling event — until its last gate is removed.
        if ((pod.spec.schedulingGates as unknown[] | undefined)?.length) {
          if (markSchedulingGated(this.cluster, pod)) changed = true;
          continue;
        }
        const prev = this.attempts.get(pod.metadata.uid);
        if (prev && world.now < prev.at + UNSCHEDULABLE_RETRY_MS) {
          snapshot ??= clusterSnapshot(store, nodes, pods);
          if (!worthRequeuing(prev, pod, snapshot)) {
            // The events seen since were not for this pod's plugins: later ones are read from here.
            if (prev.snapshot !== snapshot) this.attempts.set(pod.metadata.uid, { ...prev, snapshot });
            continue;
          }
        }
        const plugins = this.scheduleOne(pod, infos);
        if (plugins) failed.push([pod, plugins]);
        changed = true;
      }
      // Remember the failures against the state after this pass's bindings.
      if (failed.length) {
        const after = clusterSnapshot(store, nodes, pods);
        for (const [pod, plugins] of failed) this.attempts.set(pod.metadata.uid, { at: world.now, plugins, podRv: pod.metadata.resourceVersion, snapshot: after });
      }
    }
    this.placed = [];
    this.lastRevision = store.resourceVersion;
    this.lastClock = world.now;
    return changed;
  }

  /** One attempt: undefined when bound, else the plugins that rejected the pod. */
  private scheduleOne(pod: Pod, infos: NodeInfo[]): ReadonlySet<string> | undefined {
    const { requests, nonZero } = podRequests(pod);
    const info: PodInfo = { pod, requests, nonZero, hostPorts: hostPorts(pod), ownerUid: controllerRef(pod)?.uid };
    const statuses = new Map<string, Status>();
    const feasible: NodeInfo[] = [];
    const n = infos.length;
    // PreFilter (VolumeBinding): a rejection holds for every node, and FitError prints it once.
    const pre = volumeBindingPreFilter(this.cluster, pod);
    if ("status" in pre && n > 0) {
      for (const node of infos) statuses.set(node.name, pre.status);
      this.recordFailure(pod, { numAllNodes: n, statuses, preFilterMsg: pre.status.reasons.join(", "), postFilterMsg: pod.spec.preemptionPolicy === "Never" ? NOT_ELIGIBLE_NEVER : undefined });
      return rejectors(statuses);
    }
    const volumes = "state" in pre ? pre.state : undefined;
    // PreFilter of PodTopologySpread and InterPodAffinity: counts over the placed pods (only for a
    // pod with constraints or affinity terms, or when some placed pod has anti-affinity).
    const nsLabels = (ns: string) => this.cluster.store.get("Namespace", undefined, ns)?.metadata.labels as Record<string, string> | undefined;
    let spread: ReturnType<typeof podTopologySpreadPreFilter>;
    let affinity: ReturnType<typeof interPodAffinityPreFilter>;
    if (this.anyExistingAntiAffinity || pod.spec.affinity?.podAffinity || pod.spec.affinity?.podAntiAffinity || pod.spec.topologySpreadConstraints) {
      const placed = this.placed.filter((p) => p.spec.nodeName && !isTerminal(p));
      const nodeLabels = new Map(infos.map((i) => [i.name, (i.node.metadata.labels ?? {}) as Record<string, string>]));
      spread = podTopologySpreadPreFilter(pod, infos, placed);
      affinity = interPodAffinityPreFilter(pod, placed, (n) => nodeLabels.get(n), nsLabels, this.anyExistingAntiAffinity);
    }
    const want = numFeasibleNodesToFind(n);
    let processed = 0;
    for (let i = 0; i < n && feasible.length < want; i++) {
      const node = infos[(this.nextStartNodeIndex + i) % n]!;
      processed++;
      const status = runFilters(info, node) ?? volumeBindingFilter(volumes, node.node)
        ?? podTopologySpreadFilter(spread, info, node) ?? interPodAffinityFilter(affinity, info, node, nsLabels);
      if (status) statuses.set(node.name, status);
      else feasible.push(node);
    }
    if (n > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % n;
    if (feasible.length === 0) {
      this.recordFailure(pod, { numAllNodes: n, statuses, postFilterMsg: this.postFilter(info, infos, statuses) });
      return rejectors(statuses);
    }
    const chosen = feasible.length === 1 ? feasible[0]! : this.selectHost(info, feasible);
    bindPodVolumes(this.cluster, volumes, chosen.node);
    this.bind(pod, chosen);
    if (hasRequiredAntiAffinity(pod)) this.anyExistingAntiAffinity = true;
    addPodToNodeInfo(chosen, pod);
    return undefined;
  }

  /**
   * The DefaultPreemption PostFilter: undefined when it looked at the nodes and found no victims
   * (FitError then lists its per-node verdicts), else its message ("" after preempting).
   */
  private postFilter(info: PodInfo, infos: NodeInfo[], statuses: Map<string, Status>): string | undefined {
    const pod = info.pod;
    if (pod.spec.preemptionPolicy === "Never") return NOT_ELIGIBLE_NEVER;
    if (waitsForVictims(pod, this.placed)) return NOT_ELIGIBLE_TERMINATING;
    const candidate = findPreemption(info, infos, statuses, this.placed, (node) => !runFilters(info, node));
    if (!candidate) return undefined;
    this.preempt(pod, candidate);
    return "";
  }

  /** prepareCandidate: each victim gets DisruptionTarget, is deleted gracefully and told why; the pod is nominated. */
  private preempt(pod: Pod, candidate: PreemptionCandidate): void {
    const world = this.cluster.world;
    const node = candidate.node.name;
    for (const victim of candidate.victims) {
      setCondition(editableStatus(victim).conditions, {
        type: "DisruptionTarget", status: "True", reason: "PreemptionByScheduler",
        message: `${pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      }, iso(world));
      this.cluster.store.touch(victim);
      this.cluster.api.deletePod(victim);
      event(this.cluster, victim, "Normal", "Preempted", `Preempted by pod ${pod.metadata.uid} on node ${node}`, COMPONENT.scheduler);
      world.record("kubernetes", "pod-preempted", `pod/${victim.metadata.namespace}/${victim.metadata.name}`, { by: `${pod.metadata.namespace}/${pod.metadata.name}`, node });
    }
    editableStatus(pod).nominatedNodeName = node;
    this.cluster.store.touch(pod);
  }

  private selectHost(pod: PodInfo, feasible: NodeInfo[]): NodeInfo {
    const totals = new Array<number>(feasible.length).fill(0);
    for (const plugin of SCORE_PLUGINS) {
      const scores = plugin.score(pod, feasible);
      for (let i = 0; i < feasible.length; i++) totals[i]! += plugin.weight * scores[i]!;
    }
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.rng.int(ties) === 0) best = i;
      }
    }
    return feasible[best]!;
  }

  private bind(pod: Pod, node: NodeInfo): void {
    const world = this.cluster.world;
    // A pod's spec is frozen once stored (copies of the world share it): binding replaces it.
    pod.spec = freezeData({ ...pod.spec, nodeName: node.name });
    setCondition(editableStatus(pod).conditions, { type: "PodScheduled", status: "True", lastProbeTime: null }, iso(world));
    this.cluster.store.update(pod);
    this.attempts.delete(pod.metadata.uid);
    event(this.cluster, pod, "Normal", "Scheduled", scheduledMessage(pod, node.name), COMPONENT.scheduler);
    world.record("kubernetes", "pod-scheduled", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, { node: node.name });
  }

  private recordFailure(pod: Pod, err: FitError): void {
    const world = this.cluster.world;
    const message = formatFitError(err);
    const prev = getCondition(pod.status?.conditions, "PodScheduled");
    if (setCondition(editableStatus(pod).conditions, { type: "PodScheduled", status: "False", reason: "Unschedulable", message, lastProbeTime: null }, iso(world))) {
      this.cluster.store.touch(pod);
    }
    event(this.cluster, pod, "Warning", "FailedScheduling", message, COMPONENT.scheduler);
    if (!prev || prev.message !== message) {
      world.record("kubernetes", "pod-unschedulable", `pod/${pod.metadata.namespace}/${pod.metadata.name}`, { message });
    }
  }
}

export const SCHEDULING_GATED_MESSAGE = "Scheduling is blocked due to non-empty scheduling gates";

/**
 * The PodScheduled=False/SchedulingGated condition. Upstream the API server adds it when it
 * stores a pod that has gates (applySchedulingGatedCondition in the pod strategy's
 * PrepareForCreate), without timestamps; the scheduler sees the pod at once here, so the result
 * is the same. True when the pod changed.
 */
function markSchedulingGated(cluster: KubeCluster, pod: Pod): boolean {
  if (getCondition(pod.status?.conditions, "PodScheduled")) return false;
  editableStatus(pod).conditions.push({
    type: "PodScheduled", status: "False", reason: "SchedulingGated", message: SCHEDULING_GATED_MESSAGE, lastProbeTime: null, lastTransitionTime: null,
  } as unknown as Condition);
  cluster.store.touch(pod);
  return true;
}

function runFilters(pod: PodInfo, node: NodeInfo): Status | undefined {
  for (const plugin of FILTER_PLUGINS) {
    const status = plugin.filter(pod, node);
    if (status) return status;
  }
  return undefined;
}

function byPriorityThenAge(a: Pod, b: Pod): number {
  const pa = a.spec.priority ?? 0;
  const pb = b.spec.priority ?? 0;
  if (pa !== pb) return pb - pa;
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** The plugins that rejected some node (the pod's UnschedulablePlugins). */
function rejectors(statuses: Map<string, Status>): ReadonlySet<string> {
  return new Set([...statuses.values()].map((st) => st.plugin));
}

/** What the requeueing events are read from: the nodes, the bound non-terminal pods, the volumes. */
interface ClusterSnapshot {
  nodes: string;
  bound: ReadonlySet<string>;
  boundMix: string;
  volumes: string;
}

function clusterSnapshot(store: KubeCluster["store"], nodes: readonly Node[], pods: readonly Pod[]): ClusterSnapshot {
  const bound = new Set<string>();
  let mix = 0;
  for (const p of pods) {
    if (!p.spec.nodeName || isTerminal(p)) continue;
    bound.add(p.metadata.uid);
    mix = (mix ^ parseInt(p.metadata.uid.slice(0, 8), 16)) >>> 0;
  }
  return {
    nodes: nodes.map((n) => `${n.metadata.name}@${n.metadata.resourceVersion}`).join(","),
    bound,
    boundMix: `${bound.size}|${mix}`,
    // Claim and volume changes requeue pods VolumeBinding rejected (its EventsToRegister).
    volumes: `${store.revisionOf("PersistentVolumeClaim")}/${store.revisionOf("PersistentVolume")}/${store.revisionOf("StorageClass")}`,
  };
}

/** Plugins that register assigned-pod deletions (resources or ports freed) / any pod event. */
const ON_POD_DELETE = new Set(["NodeResourcesFit", "NodePorts", "PodTopologySpread", "InterPodAffinity"]);
const ON_ANY_POD = new Set(["PodTopologySpread", "InterPodAffinity"]);

/**
 * isPodWorthRequeuing with 1.30's defaults (no queueing hints): the pod itself was updated, a
 * node changed (every filter plugin registers Node events), volumes changed, or a pod event one
 * of its rejecting plugins registers — a bound pod gone for NodeResourcesFit/NodePorts, any bound
 * pod change for PodTopologySpread/InterPodAffinity. A new pod elsewhere does not wake a pod that
 * lacks CPU: it waits for the 5-minute flush.
 */
function worthRequeuing(prev: Attempt, pod: Pod, now: ClusterSnapshot): boolean {
  const before = prev.snapshot;
  if (pod.metadata.resourceVersion !== prev.podRv || before.nodes !== now.nodes || before.volumes !== now.volumes) return true;
  if (before.boundMix === now.boundMix) return false;
  if ([...prev.plugins].some((p) => ON_ANY_POD.has(p))) return true;
  if (![...prev.plugins].some((p) => ON_POD_DELETE.has(p))) return false;
  for (const uid of before.bound) if (!now.bound.has(uid)) return true;
  return false;
}
