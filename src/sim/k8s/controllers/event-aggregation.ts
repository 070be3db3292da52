// client-go's EventCorrelator front (tools/record/events_cache.go, v1.30), which every recorder of
// the legacy core/v1 events API (the controllers, the kubelets) runs before writing; the count
// correlation itself (same event again → count + 1) is api/events.ts.
//
// 1. EventAggregator: events from one source about one object with the same type and reason that
//    differ only in their message are "similar". Once 10 distinct messages of a similar group were
//    seen within 10 minutes of each other, each further one is recorded as one shared Event,
//    "(combined from similar events): <the latest message>", whose count grows — what
//    `kubectl describe rs` shows for the 10th pod of a ReplicaSet, or a Deployment's
//    ScalingReplicaSet after a few rollouts. Upstream, once over the threshold the aggregator
//    forgets one message of the group at random (sets.String.PopAny); here the oldest one, so
//    that replays stay deterministic.
// 2. EventSourceObjectSpamFilter: a token bucket per source and object (v1.30 keys it without
//    type or reason; 1.31 added them): 25 events at once, then one more every 5 minutes. A
//    dropped event is still counted by the correlator's cache, so the next one that gets through
//    carries the whole count — but lastTimestamp only moves when something is written. This is
//    why a pod stuck in ImagePullBackOff for a few minutes shows `Back-off pulling image` fresh
//    and counted while `Error: ImagePullBackOff`, emitted right after it, stays behind.
//
// kube-scheduler records through the events.k8s.io API, which has neither: its events
// (FailedScheduling, Scheduled) are passed on unchanged. The upstream caches are LRUs of 4096
// entries; so are these tables.

import { SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import { recordEvent, type EventSource, type EventType, type KEvent } from "../api/events";
import type { KObject } from "./model";

const MAX_DISTINCT_MESSAGES = 10;
const WINDOW_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const LRU_ENTRIES = 4096;
const COMBINED_PREFIX = "(combined from similar events): ";
/** Records through the events.k8s.io API (no aggregator, no spam filter). */
const NEW_EVENTS_API = new Set(["default-scheduler"]);

interface SimilarGroup {
  /** Distinct messages seen, oldest first. */
  messages: string[];
  /** When the group last saw an event (ms). */
  last: number;
  /** The shared Event this group's combined occurrences are counted on. */
  combined?: { namespace: string; name: string };
}

/** A source+object token bucket (golang.org/x/time/rate: starts full, refills continuously). */
interface Bucket { tokens: number; at: number }

/** Occurrences the correlator counted but the spam filter kept from the server. */
interface Unsent { extra: number; firstAt: number }

interface Tables {
  groups: Map<string, SimilarGroup>;
  buckets: Map<string, Bucket>;
  unsent: Map<string, Unsent>;
}

const tables = new SideTable<KubeCluster, Tables>();

function tablesOf(cluster: KubeCluster): Tables {
  let t = tables.get(cluster);
  if (!t) tables.set(cluster, (t = { groups: new Map(), buckets: new Map(), unsent: new Map() }));
  return t;
}

/** Map as an LRU: the entry moves to the end when used; the least recently used goes first. */
function touch<V>(m: Map<string, V>, key: string, make: () => V): V {
  let v = m.get(key);
  if (v !== undefined) m.delete(key);
  else v = make();
  m.set(key, v);
  if (m.size > LRU_ENTRIES) m.delete(m.keys().next().value!);
  return v;
}

function tryAccept(t: Tables, key: string, now: number): boolean {
  const b = touch(t.buckets, key, () => ({ tokens: SPAM_BURST, at: now }));
  b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) / SPAM_REFILL_MS);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/**
 * Records one event as a legacy recorder would: aggregator, count correlation, spam filter.
 * Returns the Event written, or undefined when the spam filter dropped it.
 */
export function recordThroughAggregator(
  cluster: KubeCluster,
  obj: KObject,
  type: EventType,
  reason: string,
  message: string,
  src: EventSource,
  fieldPath?: string,
): KEvent | undefined {
  if (NEW_EVENTS_API.has(src.component)) return recordEvent(cluster, obj, type, reason, message, src, fieldPath);
  const m = obj.metadata;
  const t = tablesOf(cluster);
  const now = cluster.world.now;
  // getSpamKey (v1.30): source and involved object.
  const objectKey = `${src.component}\u0000${src.host ?? ""}\u0000${obj.kind}\u0000${m.namespace ?? ""}\u0000${m.name}\u0000${m.uid}\u0000${obj.apiVersion}`;
  // EventAggregatorByReasonFunc: that, type and reason (no fieldPath).
  const groupKey = `${objectKey}\u0000${type}\u0000${reason}`;
  const group = touch(t.groups, groupKey, () => ({ messages: [], last: now }));
  if (now - group.last > WINDOW_MS) group.messages = [];
  if (!group.messages.includes(message)) group.messages.push(message);
  group.last = now;
  const combine = group.messages.length >= MAX_DISTINCT_MESSAGES;
  if (combine) group.messages.shift();
  const text = combine ? COMBINED_PREFIX + message : message;
  // The correlator's cache key: the full event (getEventKey), or the group's for a combined one.
  const countKey = combine ? `${groupKey}\u0000combined` : `${groupKey}\u0000${fieldPath ?? ""}\u0000${message}`;

  if (!tryAccept(t, objectKey, now)) {
    const u = touch(t.unsent, countKey, () => ({ extra: 0, firstAt: now }));
    u.extra++;
    return undefined;
  }
  const store = cluster.store;
  let ev: KEvent;
  const existing = combine && group.combined ? store.get<KEvent>("Event", group.combined.namespace, group.combined.name) : undefined;
  if (existing && existing.involvedObject.uid === m.uid) {
    // The correlator's patch of the shared Event: count, lastTimestamp and the newest message.
    ev = store.update({ ...existing, count: existing.count + 1, message: text, lastTimestamp: cluster.world.clock.iso(), metadata: { ...existing.metadata } });
    cluster.world.record("kubernetes", "event", `${ev.metadata.namespace}/${ev.metadata.name}`, { kind: obj.kind, object: m.name, reason, type, count: ev.count });
  } else {
    ev = recordEvent(cluster, obj, type, reason, text, src, fieldPath);
    if (combine) group.combined = { namespace: ev.metadata.namespace ?? "default", name: ev.metadata.name };
  }
  const unsent = t.unsent.get(countKey);
  if (!unsent) return ev;
  t.unsent.delete(countKey);
  // Occurrences dropped since the last write are in the count; an Event written for the first
  // time now dates from the first of them (the correlator's cached firstTimestamp).
  const fresh = ev.count === 1;
  return store.update({
    ...ev,
    count: ev.count + unsent.extra,
    ...(fresh ? { firstTimestamp: cluster.world.clock.iso(unsent.firstAt) } : {}),
    metadata: { ...ev.metadata },
  });
}
