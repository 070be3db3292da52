// Mirrors pkg/controller/job/job_controller.go (v1.30) and the TTL-after-finished controller.
// Per Job: claim the pods its selector matches; count the ones that finished (each carries the
// batch.kubernetes.io/job-tracking finalizer until it is counted); then decide:
//   - suspended → delete the active pods, condition Suspended ("Job suspended"); resuming resets startTime;
//   - failed pods > backoffLimit (restartPolicy Never), or container restarts of active pods ≥
//     backoffLimit (OnFailure) → Failed, BackoffLimitExceeded "Job has reached the specified backoff limit";
//   - running longer than activeDeadlineSeconds → Failed, DeadlineExceeded "Job was active longer
//     than specified deadline"; a failing Job deletes its active pods, which count as failed;
//   - enough successes (completions, every index of an Indexed Job, or for a work queue one
//     success and nothing active) → Complete (no reason or message in v1.30), event "Job completed";
//   - otherwise keep min(parallelism, remaining) pods active. A pod that failed delays the next
//     creation by 10 s, doubled per failure since the last success, at most 6 min.
// Status: active, ready, succeeded, failed, terminating, startTime, completionTime,
// completedIndexes (Indexed), uncountedTerminatedPods {}. A finished Job with
// ttlSecondsAfterFinished is deleted that long after it finished (its pods go with it).

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { kindInfo } from "../api/kinds";
import { COMPONENT, createPod, deletePod, event } from "./client";
import { earliest, type ControllerLoop } from "./controller";
import type { Condition, KObject, LabelSelector, Pod, PodTemplateSpec } from "./model";
import { PodIndex } from "./pod-index";
import { rankPodsForDeletion } from "./pod-ranking";
import { claimPods } from "./replicaset";
import { controllerRef, deepClone, getCondition, isPodReady, isTerminal, iso, newControllerRef, parseTime, restartCount, sameJson, setCondition } from "./pods";

export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
export const COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

export interface Job extends KObject {
  spec: {
    parallelism?: number;
    completions?: number | null;
    activeDeadlineSeconds?: number;
    backoffLimit?: number;
    completionMode?: "NonIndexed" | "Indexed";
    suspend?: boolean;
    ttlSecondsAfterFinished?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
  };
  status?: {
    active?: number;
    ready?: number;
    succeeded?: number;
    failed?: number;
    terminating?: number;
    startTime?: string;
    completionTime?: string;
    completedIndexes?: string;
    uncountedTerminatedPods?: Record<string, never>;
    conditions?: Condition[];
  };
}

/**
 * Failures since the last success and when the last one happened (the controller's
 * podBackoffStore). Kept per cluster by the Job's uid, as the real store is kept by the Job's key:
 * an edit of the Job (a label, a new backoffLimit) replaces the stored object but not its back-off.
 */
interface BackoffRecord { failures: number; lastFailureAt: number }
const backoffStores = new SideTable<KubeCluster, Map<string, BackoffRecord>>();
function backoffsOf(cluster: KubeCluster): Map<string, BackoffRecord> {
  let m = backoffStores.get(cluster);
  if (!m) backoffStores.set(cluster, (m = new Map()));
  return m;
}
/** The Job revision at the last scan for orphaned tracking finalizers. */
const orphanScan = new SideTable<KubeCluster, number>();

/** The Job's Complete or Failed condition, when it has finished. */
export const finishedCondition = (job: Job): Condition | undefined =>
  (job.status?.conditions ?? []).find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");

export const jobController: ControllerLoop = {
  name: "job-controller",
  sync(cluster) {
    const jobs = cluster.store.list<Job>("Job");
    // A pod whose Job is gone keeps no tracking finalizer (the controller's orphan cleanup):
    // looked for only when a Job was written since the last look, not on every pod change.
    const jobsRevision = cluster.store.revisionOf("Job");
    // Without Jobs and nothing to clean up, the pods are not even looked at (so pod changes do not wake this loop).
    if (!jobs.length && orphanScan.get(cluster) === jobsRevision) return false;
    // A deleted Job's record goes with it (removeBackoffRecord); looked for only when one may be stale.
    const backoffs = backoffsOf(cluster);
    if (backoffs.size > jobs.length) {
      const live = new Set(jobs.map((j) => j.metadata.uid));
      for (const uid of backoffs.keys()) if (!live.has(uid)) backoffs.delete(uid);
    }
    const index = PodIndex.of(cluster);
    let changed = false;
    for (const job of jobs) if (syncJob(cluster, job, index)) changed = true;
    if (orphanScan.get(cluster) === jobsRevision) return changed;
    orphanScan.set(cluster, jobsRevision);
    for (const pod of index.all) {
      if (!pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue;
      const ref = controllerRef(pod);
      const owner = ref?.kind === "Job" ? cluster.store.get<Job>("Job", pod.metadata.namespace, ref.name) : undefined;
      if (!owner || owner.metadata.uid !== ref!.uid) changed = cluster.api.removeFinalizer(pod, JOB_TRACKING_FINALIZER) || changed;
    }
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    const now = cluster.world.now;
    const later = (at: number | undefined) => { if (at !== undefined && at > now) t = earliest(t, at); };
    const backoffs = backoffsOf(cluster);
    for (const job of cluster.store.view<Job>("Job")) {
      const done = finishedCondition(job);
      if (done) {
        if (job.spec.ttlSecondsAfterFinished !== undefined) later(finishedAt(job, done) + job.spec.ttlSecondsAfterFinished * 1000);
        continue;
      }
      if (job.spec.suspend) continue;
      const start = parseTime(job.status?.startTime);
      if (start !== undefined && job.spec.activeDeadlineSeconds !== undefined) later(start + job.spec.activeDeadlineSeconds * 1000);
      const b = backoffs.get(job.metadata.uid);
      if (b && b.failures > 0) later(b.lastFailureAt + backoffDelay(b.failures));
    }
    return t;
  },
};

function backoffDelay(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
}

function finishedAt(job: Job, cond: Condition): number {
  return parseTime(job.status?.completionTime) ?? parseTime(cond.lastTransitionTime) ?? 0;
}

function syncJob(cluster: KubeCluster, job: Job, index: PodIndex): boolean {
  if (job.metadata.deletionTimestamp) return false;
  const now = cluster.world.now;
  const done = finishedCondition(job);
  if (done) {
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (ttl !== undefined && now >= finishedAt(job, done) + ttl * 1000) {
      cluster.api.delete(kindInfo("Job")!, job.metadata.namespace, job.metadata.name, { cascade: "background" });
      return true;
    }
    let changed = false;
    for (const p of index.owned(job.metadata.uid)) if (cluster.api.removeFinalizer(p, JOB_TRACKING_FINALIZER)) changed = true;
    return changed;
  }
  const claimed = claimPods(cluster, job as KObject & { spec: { selector: LabelSelector } }, index);
  let changed = claimed.changed;
  const status = deepClone(job.status ?? {});
  const conditions = (status.conditions ??= []);
  const indexed = job.spec.completionMode === "Indexed";
  const completedIndexes = parseIndexes(status.completedIndexes);
  const backoffs = backoffsOf(cluster);
  let backoff = backoffs.get(job.metadata.uid) ?? { failures: 0, lastFailureAt: 0 };

  // Count the pods that finished since the last sync (those still holding the finalizer).
  const active: Pod[] = [];
  let terminating = 0;
  for (const p of claimed.pods) {
    const tracked = p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
    if (isTerminal(p)) {
      if (!tracked) continue;
      if (p.status.phase === "Succeeded") {
        if (indexed) {
          const i = podIndex(p);
          if (i !== undefined && !completedIndexes.has(i)) { completedIndexes.add(i); status.succeeded = (status.succeeded ?? 0) + 1; }
        } else status.succeeded = (status.succeeded ?? 0) + 1;
        backoff = { failures: 0, lastFailureAt: 0 };
      } else {
        status.failed = (status.failed ?? 0) + 1;
        backoff = { failures: backoff.failures + 1, lastFailureAt: Math.max(backoff.lastFailureAt, podFinishedAt(p) ?? now) };
      }
      cluster.api.removeFinalizer(p, JOB_TRACKING_FINALIZER);
      changed = true;
    } else if (p.metadata.deletionTimestamp) terminating++;
    else active.push(p);
  }
  backoffs.set(job.metadata.uid, backoff);
  if (indexed) status.completedIndexes = formatIndexes(completedIndexes);

  const component = COMPONENT.job;
  const at = iso(cluster.world);
  if (job.spec.suspend) {
    for (const p of active) { deletePod(cluster, p); event(cluster, job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, component); terminating++; }
    if (active.length) changed = true;
    active.length = 0;
    if (getCondition(conditions, "Suspended")?.status !== "True") {
      setCondition(conditions, { type: "Suspended", status: "True", reason: "JobSuspended", message: "Job suspended", lastProbeTime: at }, at);
      event(cluster, job, "Normal", "Suspended", "Job suspended", component);
    }
    return writeStatus(cluster, job, status, active, terminating) || changed;
  }
  if (getCondition(conditions, "Suspended")?.status === "True") {
    setCondition(conditions, { type: "Suspended", status: "False", reason: "JobResumed", message: "Job resumed", lastProbeTime: at }, at);
    status.startTime = at;
    event(cluster, job, "Normal", "Resumed", "Job resumed", component);
  }
  status.startTime ??= at;

  const failure = failureReason(job, status, active, now);
  if (failure) {
    for (const p of active) {
      deletePod(cluster, p);
      event(cluster, job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, component);
      // Pods a failing Job deletes count as failed (their tracking finalizer goes now).
      status.failed = (status.failed ?? 0) + 1;
      cluster.api.removeFinalizer(p, JOB_TRACKING_FINALIZER);
    }
    terminating += active.length;
    active.length = 0;
    setCondition(conditions, { type: "Failed", status: "True", reason: failure.reason, message: failure.message, lastProbeTime: at }, at);
    event(cluster, job, "Warning", failure.reason, failure.message, component);
    writeStatus(cluster, job, status, active, terminating);
    return true;
  }

  const succeeded = status.succeeded ?? 0;
  const completions = job.spec.completions;
  const parallelism = job.spec.parallelism ?? 1;
  const hasCompletions = completions !== undefined && completions !== null;
  const complete = indexed
    ? completedIndexes.size >= (completions ?? 0)
    : hasCompletions ? succeeded >= completions : succeeded > 0 && active.length === 0;
  if (complete) {
    for (const p of active) { deletePod(cluster, p); event(cluster, job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, component); }
    terminating += active.length;
    active.length = 0;
    // v1.30 sets Complete without a reason or message (CompletionsReached came in 1.31).
    conditions.push({ type: "Complete", status: "True", lastProbeTime: at, lastTransitionTime: at });
    status.completionTime = at;
    event(cluster, job, "Normal", "Completed", "Job completed", component);
    writeStatus(cluster, job, status, active, terminating);
    return true;
  }

  // manageJob: how many pods should be running now.
  const pendingIndexes = indexed ? [...Array(completions ?? 0).keys()].filter((i) => !completedIndexes.has(i) && !active.some((p) => podIndex(p) === i)) : [];
  const want = indexed
    ? Math.min(parallelism, active.length + pendingIndexes.length)
    : hasCompletions ? Math.max(0, Math.min(parallelism, completions - succeeded)) : succeeded > 0 ? active.length : parallelism;
  if (active.length > want) {
    const victims = rankPodsForDeletion(active, active, now).slice(0, active.length - want);
    for (const p of victims) { deletePod(cluster, p); event(cluster, job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, component); }
    terminating += victims.length;
    for (const v of victims) active.splice(active.indexOf(v), 1);
    changed = true;
  } else if (active.length < want && (backoff.failures === 0 || now >= backoff.lastFailureAt + backoffDelay(backoff.failures))) {
    const n = want - active.length;
    for (let i = 0; i < n; i++) {
      const { pod, error } = createPod(cluster, podForJob(job, indexed ? pendingIndexes[i] : undefined));
      if (!pod) {
        event(cluster, job, "Warning", "FailedCreate", `Error creating: ${error ?? ""}`, component);
        break;
      }
      event(cluster, job, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`, component);
      active.push(pod);
    }
    changed = true;
  }
  return writeStatus(cluster, job, status, active, terminating) || changed;
}

function failureReason(job: Job, status: NonNullable<Job["status"]>, active: Pod[], now: number): { reason: string; message: string } | undefined {
  const limit = job.spec.backoffLimit ?? 6;
  const exceeded = (status.failed ?? 0) > limit;
  let restarts = 0;
  if (job.spec.template.spec.restartPolicy === "OnFailure") for (const p of active) restarts += restartCount(p) + initRestarts(p);
  const onFailure = job.spec.template.spec.restartPolicy === "OnFailure" && (limit === 0 ? restarts > 0 : restarts >= limit);
  if (exceeded || onFailure) return { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
  const start = parseTime(status.startTime);
  if (job.spec.activeDeadlineSeconds !== undefined && start !== undefined && now - start >= job.spec.activeDeadlineSeconds * 1000) {
    return { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };
  }
  return undefined;
}

function initRestarts(p: Pod): number {
  return (p.status?.initContainerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

function writeStatus(cluster: KubeCluster, job: Job, status: NonNullable<Job["status"]>, active: Pod[], terminating: number): boolean {
  if (active.length) status.active = active.length;
  else delete status.active;
  status.ready = active.filter(isPodReady).length;
  status.terminating = terminating;
  status.uncountedTerminatedPods = {};
  if (!status.succeeded) delete status.succeeded;
  if (!status.failed) delete status.failed;
  if (status.conditions?.length === 0) delete status.conditions;
  if (sameJson(job.status ?? {}, status)) return false;
  job.status = status;
  cluster.store.touch(job);
  cluster.world.record("kubernetes", "job-status", `job/${job.metadata.namespace}/${job.metadata.name}`, {
    active: status.active ?? 0, succeeded: status.succeeded ?? 0, failed: status.failed ?? 0,
  });
  return true;
}

/** The pod the Job creates: its template, the tracking finalizer, and for an Indexed Job its index. */
function podForJob(job: Job, completionIndex: number | undefined): Pod {
  const t = job.spec.template;
  const meta = t.metadata ?? {};
  const spec = deepClone(t.spec);
  const labels = { ...(meta.labels ?? {}) };
  const annotations = { ...(meta.annotations ?? {}) };
  let generateName = `${job.metadata.name}-`;
  if (completionIndex !== undefined) {
    const i = String(completionIndex);
    generateName = `${job.metadata.name}-${i}-`;
    annotations[COMPLETION_INDEX_ANNOTATION] = i;
    labels[COMPLETION_INDEX_ANNOTATION] = i;
    spec.hostname ??= `${job.metadata.name}-${i}`;
    const env = { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } };
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) c.env = [...(c.env ?? []), deepClone(env)];
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      namespace: job.metadata.namespace ?? "default",
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [newControllerRef(job)],
      finalizers: [JOB_TRACKING_FINALIZER],
    },
    spec,
  } as unknown as Pod;
}

function podIndex(p: Pod): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function podFinishedAt(p: Pod): number | undefined {
  let t: number | undefined;
  for (const c of p.status?.containerStatuses ?? []) {
    const f = parseTime(c.state?.terminated?.finishedAt);
    if (f !== undefined) t = t === undefined ? f : Math.max(t, f);
  }
  return t;
}

/** status.completedIndexes: "1,3-5,7". */
export function formatIndexes(set: Set<number>): string | undefined {
  if (set.size === 0) return undefined;
  const xs = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    parts.push(j > i ? `${xs[i]}-${xs[j]}` : String(xs[i]));
    i = j + 1;
  }
  return parts.join(",");
}

function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? "").split(",")) {
    if (!part) continue;
    const [a, b] = part.split("-").map(Number);
    for (let i = a!; i <= (b ?? a!); i++) out.add(i);
  }
  return out;
}
