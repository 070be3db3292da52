// client-go's EventAggregator (tools/record/events_cache.go), which every recorder of the legacy
// core/v1 events API runs before the count-correlation that api/events.ts mirrors: events from
// one source about one object with the same type and reason that differ only in their message are
// "similar". Once 10 distinct messages of a similar group were seen within 10 minutes of each
// other, each further one is recorded as one shared Event, "(combined from similar events): <the
// latest message>", whose count grows — what `kubectl describe rs` shows for the 10th pod of a
// ReplicaSet ("Created pod: …"), or a Deployment's ScalingReplicaSet after a few rollouts.
//
// kube-scheduler records through the events.k8s.io API, which has no such aggregator: its events
// (FailedScheduling, Scheduled) are passed on unchanged.
//
// Upstream, once over the threshold the aggregator forgets one message of the group at random
// (sets.String.PopAny); here the oldest one, so that replays stay deterministic. Its caches are
// LRUs of 4096 entries; so is this table.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { recordEvent, type EventSource, type EventType, type KEvent } from "../api/events";
import type { KObject } from "./model";

const MAX_DISTINCT_MESSAGES = 10;
const WINDOW_MS = 600_000;
const MAX_GROUPS = 4096;
const COMBINED_PREFIX = "(combined from similar events): ";
/** Records through the events.k8s.io API (no aggregator). */
const NEW_EVENTS_API = new Set(["default-scheduler"]);

interface SimilarGroup {
  /** Distinct messages seen, oldest first. */
  messages: string[];
  /** When the group last saw an event (ms). */
  last: number;
  /** The shared Event this group's combined occurrences are counted on. */
  combined?: { namespace: string; name: string };
}

const tables = new SideTable<KubeCluster, Map<string, SimilarGroup>>();

function groupsOf(cluster: KubeCluster): Map<string, SimilarGroup> {
  let m = tables.get(cluster);
  if (!m) tables.set(cluster, (m = new Map()));
  return m;
}

/** Records one event as a legacy recorder would: through the aggregator, then the correlator. */
export function recordThroughAggregator(
  cluster: KubeCluster,
  obj: KObject,
  type: EventType,
  reason: string,
  message: string,
  src: EventSource,
  fieldPath?: string,
): KEvent {
  if (NEW_EVENTS_API.has(src.component)) return recordEvent(cluster, obj, type, reason, message, src, fieldPath);
  const m = obj.metadata;
  // EventAggregatorByReasonFunc: source, involved object (no fieldPath), type, reason.
  const key = `${src.component}\u0000${src.host ?? ""}\u0000${obj.kind}\u0000${m.namespace ?? ""}\u0000${m.name}\u0000${m.uid}\u0000${obj.apiVersion}\u0000${type}\u0000${reason}`;
  const groups = groupsOf(cluster);
  const now = cluster.world.now;
  let group = groups.get(key);
  if (group) groups.delete(key); // re-inserted below: most recently used last
  else group = { messages: [], last: now };
  if (now - group.last > WINDOW_MS) group.messages = [];
  if (!group.messages.includes(message)) group.messages.push(message);
  group.last = now;
  groups.set(key, group);
  if (groups.size > MAX_GROUPS) groups.delete(groups.keys().next().value!);
  if (group.messages.length < MAX_DISTINCT_MESSAGES) return recordEvent(cluster, obj, type, reason, message, src, fieldPath);

  group.messages.shift();
  const combined = COMBINED_PREFIX + message;
  const store = cluster.store;
  const existing = group.combined && store.get<KEvent>("Event", group.combined.namespace, group.combined.name);
  if (existing && existing.involvedObject.uid === m.uid) {
    // The correlator's patch of the shared Event: count, lastTimestamp and the newest message.
    const next = store.update({ ...existing, count: existing.count + 1, message: combined, lastTimestamp: cluster.world.clock.iso(), metadata: { ...existing.metadata } });
    cluster.world.record("kubernetes", "event", `${next.metadata.namespace}/${next.metadata.name}`, { kind: obj.kind, object: m.name, reason, type, count: next.count });
    return next;
  }
  const ev = recordEvent(cluster, obj, type, reason, combined, src, fieldPath);
  group.combined = { namespace: ev.metadata.namespace ?? "default", name: ev.metadata.name };
  return ev;
}
