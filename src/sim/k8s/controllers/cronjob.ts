// Mirrors pkg/controller/cronjob/cronjob_controllerv2.go (v1.30): at each scheduled time (the
// most recent one missed since lastScheduleTime, or since creation) a Job named
// <cronjob>-<scheduled time in minutes since the epoch> is made from the job template, owned by
// the CronJob and annotated batch.kubernetes.io/cronjob-scheduled-timestamp. concurrencyPolicy
// Forbid skips a run while a job is active, Replace deletes the active ones first; a run later
// than startingDeadlineSeconds is missed; suspend stops new runs. Finished jobs leave
// status.active ("Saw completed job"), and beyond successfulJobsHistoryLimit (3) /
// failedJobsHistoryLimit (1) the oldest are deleted with their pods. Events (From
// cronjob-controller): SuccessfulCreate "Created job hello-28418240", SawCompletedJob "Saw
// completed job: hello-28418240, status: Complete", SuccessfulDelete "Deleted job hello-28418238",
// JobAlreadyActive, MissSchedule, TooManyMissedTimes.

import type { KubeCluster } from "../cluster";
import { kindInfo } from "../api/kinds";
import { COMPONENT, event } from "./client";
import { earliest, type ControllerLoop } from "./controller";
import { CronParseError, parseCron, zoneOffsetMs, type CronSchedule } from "./cron-schedule";
import { finishedCondition, type Job } from "./job";
import type { Condition, KObject } from "./model";
import { controllerRef, deepClone, iso, newControllerRef, parseTime, sameJson } from "./pods";

export const SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";
const MAX_MISSED = 100;

export interface CronJob extends KObject {
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Job["spec"] };
  };
  status?: {
    active?: { apiVersion: string; kind: string; name: string; namespace?: string; resourceVersion: string; uid: string }[];
    lastScheduleTime?: string;
    lastSuccessfulTime?: string;
  };
}

const schedules = new Map<string, CronSchedule | undefined>();

/** The parsed schedule (cached by text and zone; a schedule that does not parse never fires). */
function scheduleOf(cj: CronJob): CronSchedule | undefined {
  const key = `${cj.spec.timeZone ?? ""}\u0000${cj.spec.schedule}`;
  if (!schedules.has(key)) {
    if (schedules.size > 1000) schedules.clear(); // a cache of parses, bounded
    let s: CronSchedule | undefined;
    try {
      s = parseCron(cj.spec.schedule, cj.spec.timeZone);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
    }
    schedules.set(key, s);
  }
  return schedules.get(key);
}

export const cronJobController: ControllerLoop = {
  name: "cronjob-controller",
  sync(cluster) {
    let changed = false;
    for (const cj of cluster.store.list<CronJob>("CronJob")) {
      if (cj.metadata.deletionTimestamp) continue;
      if (syncCronJob(cluster, cj)) changed = true;
    }
    return changed;
  },
  nextWake(cluster) {
    let t: number | undefined;
    const now = cluster.world.now;
    for (const cj of cluster.store.view<CronJob>("CronJob")) {
      if (cj.spec.suspend) continue;
      const next = scheduleOf(cj)?.next(now);
      if (next !== undefined && next > now) t = earliest(t, next);
    }
    return t;
  },
};

function syncCronJob(cluster: KubeCluster, cj: CronJob): boolean {
  const now = cluster.world.now;
  const component = COMPONENT.cronjob;
  const ns = cj.metadata.namespace ?? "default";
  const status = deepClone(cj.status ?? {});
  let changed = false;
  const jobs = cluster.store.list<Job>("Job", ns).filter((j) => controllerRef(j)?.uid === cj.metadata.uid);

  // Active list: running children; finished ones are reported once and leave it.
  const active = new Map((status.active ?? []).map((a) => [a.uid, a]));
  for (const j of jobs) {
    const done = finishedCondition(j);
    if (!done && !active.has(j.metadata.uid)) active.set(j.metadata.uid, jobRef(j));
    if (done && active.has(j.metadata.uid)) {
      active.delete(j.metadata.uid);
      event(cluster, cj, "Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, status: ${done.type}`, component);
      changed = true;
    }
    if (done?.type === "Complete" && j.status?.completionTime && (!status.lastSuccessfulTime || j.status.completionTime > status.lastSuccessfulTime)) {
      status.lastSuccessfulTime = j.status.completionTime;
    }
  }
  for (const uid of [...active.keys()]) if (!jobs.some((j) => j.metadata.uid === uid)) active.delete(uid);

  // History limits: the oldest finished jobs beyond them go (background propagation: pods too).
  const prune = (type: string, limit: number | undefined) => {
    if (limit === undefined) return;
    const done = jobs.filter((j) => finishedCondition(j)?.type === type)
      .sort((a, b) => (a.status?.startTime ?? "").localeCompare(b.status?.startTime ?? "") || a.metadata.name.localeCompare(b.metadata.name));
    for (const j of done.slice(0, Math.max(0, done.length - limit))) {
      cluster.api.delete(kindInfo("Job")!, ns, j.metadata.name, { cascade: "background" });
      event(cluster, cj, "Normal", "SuccessfulDelete", `Deleted job ${j.metadata.name}`, component);
      changed = true;
    }
  };
  prune("Complete", cj.spec.successfulJobsHistoryLimit);
  prune("Failed", cj.spec.failedJobsHistoryLimit);

  const schedule = scheduleOf(cj);
  if (schedule && !cj.spec.suspend) {
    const scheduled = mostRecentSchedule(cluster, cj, schedule, now);
    if (scheduled !== undefined) {
      const deadline = cj.spec.startingDeadlineSeconds;
      const name = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
      if (deadline !== undefined && scheduled + deadline * 1000 < now) {
        event(cluster, cj, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`, component);
        status.lastScheduleTime = iso(cluster.world, scheduled);
      } else if (cluster.store.get("Job", ns, name)) {
        status.lastScheduleTime = iso(cluster.world, scheduled);
      } else if (cj.spec.concurrencyPolicy === "Forbid" && active.size) {
        event(cluster, cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", component);
        status.lastScheduleTime = iso(cluster.world, scheduled);
      } else {
        if (cj.spec.concurrencyPolicy === "Replace") {
          for (const a of active.values()) {
            if (!cluster.store.get("Job", ns, a.name)) continue;
            cluster.api.delete(kindInfo("Job")!, ns, a.name, { cascade: "background" });
            event(cluster, cj, "Normal", "SuccessfulDelete", `Deleted job ${a.name}`, component);
          }
          active.clear();
        }
        const made = createJob(cluster, cj, name, scheduled);
        if (made) active.set(made.metadata.uid, jobRef(made));
        status.lastScheduleTime = iso(cluster.world, scheduled);
        changed = true;
      }
    }
  }
  if (active.size) status.active = [...active.values()];
  else delete status.active;
  if (sameJson(cj.status ?? {}, status)) return changed;
  cj.status = status;
  cluster.store.touch(cj);
  return true;
}

/** The latest scheduled time not after now that has not run yet (lastScheduleTime, else creation). */
function mostRecentSchedule(cluster: KubeCluster, cj: CronJob, schedule: CronSchedule, now: number): number | undefined {
  let from = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  if (cj.spec.startingDeadlineSeconds !== undefined) from = Math.max(from, now - cj.spec.startingDeadlineSeconds * 1000);
  let t = schedule.next(from);
  if (t === undefined || t > now) return undefined;
  let missed = 1;
  for (;;) {
    const n = schedule.next(t);
    if (n === undefined || n > now) break;
    t = n;
    if (++missed > MAX_MISSED * 10) break;
  }
  if (missed > MAX_MISSED) {
    event(cluster, cj, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew", COMPONENT.cronjob);
  }
  return t;
}

function createJob(cluster: KubeCluster, cj: CronJob, name: string, scheduled: number): Job | undefined {
  const tpl = cj.spec.jobTemplate;
  const job = {
    apiVersion: "batch/v1", kind: "Job",
    metadata: {
      name, namespace: cj.metadata.namespace,
      ...(tpl.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
      annotations: { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: scheduledStamp(cj, scheduled) },
      ownerReferences: [newControllerRef(cj)],
    },
    spec: deepClone(tpl.spec),
  };
  try {
    const made = cluster.api.create(job, cj.metadata.namespace, { fromController: true }).obj as Job;
    event(cluster, cj, "Normal", "SuccessfulCreate", `Created job ${made.metadata.name}`, COMPONENT.cronjob);
    return made;
  } catch (e) {
    event(cluster, cj, "Warning", "FailedCreate", `Error creating job: ${(e as Error).message}`, COMPONENT.cronjob);
    return undefined;
  }
}

function jobRef(j: Job): NonNullable<NonNullable<CronJob["status"]>["active"]>[number] {
  return { apiVersion: "batch/v1", kind: "Job", name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid };
}

/** RFC 3339 in the CronJob's time zone (UTC when none: "2024-01-10T00:05:00Z"). */
function scheduledStamp(cj: CronJob, t: number): string {
  const zone = cj.spec.timeZone;
  if (!zone || zone === "UTC" || zone === "Etc/UTC") return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
  const offMs = zoneOffsetMs(zone, t);
  const wall = new Date(Math.floor(t / 1000) * 1000 + offMs).toISOString();
  const off = Math.round(offMs / 60_000);
  const sign = off < 0 ? "-" : "+";
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
  const mm = String(Math.abs(off) % 60).padStart(2, "0");
  return `${wall.slice(0, 19)}${off === 0 ? "Z" : `${sign}${hh}:${mm}`}`;
}

/** Go's time.RFC1123Z in UTC: "Wed, 10 Jan 2024 00:05:00 +0000". */
function rfc1123z(t: number): string {
  return new Date(t).toUTCString().replace("GMT", "+0000");
}
