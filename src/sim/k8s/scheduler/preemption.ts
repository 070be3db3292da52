// Mirrors the DefaultPreemption PostFilter (pkg/scheduler/framework/preemption and
// plugins/defaultpreemption, v1.30) for the rejections removing pods can cure — resources, pod
// count and host ports: on each node a lower-priority pod could make room on, take away every
// lower-priority pod, check the pod fits, then give back ("reprieve") the most important ones
// that still leave it room; among the nodes that work, prefer the lowest highest-priority
// victim, then the smallest sum of victim priorities, then the fewest victims, then the first.
// (PodDisruptionBudgets are not weighed; affinity and spread rejections are not preempted.)

import type { Pod } from "../controllers/model";
import { isTerminal } from "../controllers/pods";
import type { NodeInfo, PodInfo, Status } from "./framework";
import { addPodToNodeInfo, newNodeInfo } from "./node-info";

/** The plugins whose rejection removing pods can cure. */
const PREEMPTIBLE_PLUGINS = new Set(["NodeResourcesFit", "NodePorts"]);

export const NOT_ELIGIBLE_TERMINATING = "not eligible due to a terminating pod on the nominated node.";

export interface PreemptionCandidate {
  node: NodeInfo;
  victims: Pod[];
}

const priorityOf = (p: Pod) => p.spec.priority ?? 0;
const startOf = (p: Pod) => String((p.status as { startTime?: string } | undefined)?.startTime ?? p.metadata.creationTimestamp);

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: Pod, b: Pod): number {
  if (priorityOf(a) !== priorityOf(b)) return priorityOf(b) - priorityOf(a);
  return startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0;
}

/**
 * PodEligibleToPreemptOthers's second rule: a pod whose nominated node still has a terminating
 * lower-priority pod waits for it rather than preempting again.
 */
export function waitsForVictims(pod: Pod, placed: readonly Pod[]): boolean {
  const nominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
  if (!nominated) return false;
  return placed.some((p) => p.spec.nodeName === nominated && p.metadata.deletionTimestamp && priorityOf(p) < priorityOf(pod));
}

/** SelectVictimsOnNode; undefined when removing every lower-priority pod is not enough. */
function victimsOn(pod: PodInfo, node: NodeInfo, onNode: Pod[], fits: (info: NodeInfo) => boolean): Pod[] | undefined {
  const prio = priorityOf(pod.pod);
  const lower = onNode.filter((p) => priorityOf(p) < prio && !p.metadata.deletionTimestamp);
  if (!lower.length) return undefined;
  const rest = onNode.filter((p) => !lower.includes(p));
  const build = (pods: Pod[]) => {
    const info = newNodeInfo(node.node);
    for (const p of pods) addPodToNodeInfo(info, p);
    return info;
  };
  if (!fits(build(rest))) return undefined;
  const kept = [...rest];
  const victims: Pod[] = [];
  for (const p of [...lower].sort(moreImportantFirst)) {
    if (fits(build([...kept, p]))) kept.push(p);
    else victims.push(p);
  }
  return victims;
}

/** pickOneNodeForPreemption over the candidates (nodes in the scheduler's order). */
function pick(candidates: PreemptionCandidate[]): PreemptionCandidate | undefined {
  const criteria: ((c: PreemptionCandidate) => number)[] = [
    (c) => Math.max(...c.victims.map(priorityOf)),
    // Upstream offsets each priority by MaxInt32+1 so that negative priorities sum sensibly.
    (c) => c.victims.reduce((s, p) => s + priorityOf(p) + 2147483648, 0),
    (c) => c.victims.length,
  ];
  let pool = candidates;
  for (const score of criteria) {
    if (pool.length <= 1) break;
    const best = Math.min(...pool.map(score));
    pool = pool.filter((c) => score(c) === best);
  }
  return pool[0];
}

/**
 * The preemption candidate for a pod no node fits, or undefined ("No preemption victims found"
 * for the nodes it could have helped). `fits` runs the filters on a rebuilt node.
 */
export function findPreemption(
  pod: PodInfo, infos: readonly NodeInfo[], statuses: Map<string, Status>, placed: readonly Pod[], fits: (info: NodeInfo) => boolean,
): PreemptionCandidate | undefined {
  const prio = priorityOf(pod.pod);
  const candidates: PreemptionCandidate[] = [];
  for (const node of infos) {
    const status = statuses.get(node.name);
    if (!status || status.code !== "Unschedulable" || !PREEMPTIBLE_PLUGINS.has(status.plugin)) continue;
    const onNode = placed.filter((p) => p.spec.nodeName === node.name && !isTerminal(p));
    if (!onNode.some((p) => priorityOf(p) < prio)) continue;
    const victims = victimsOn(pod, node, onNode, fits);
    if (victims?.length) candidates.push({ node, victims });
  }
  return pick(candidates);
}
