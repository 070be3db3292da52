// Mirrors client-go's tools/record event recorder + EventCorrelator: one v1 Event per
// (involved object, type, reason, message, source); a repeat while that Event is stored (an hour
// after its last write, EVENT_TTL_MS) bumps `count` and `lastTimestamp` instead of creating a new object. Controllers, the
// scheduler and kubelets all record through here.
//
// Timeline: each call records world.record("kubernetes", "event", "<ns>/<name>", {kind, reason,
// type, count}) so checks can find e.g. the first FailedScheduling.

import { freezeData, SideTable } from "../../clone";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { kindInfo } from "./kinds";

export type EventType = "Normal" | "Warning";

export interface EventSource {
  component: string;
  host?: string;
}

export interface KEvent extends KObject {
  involvedObject: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion?: string;
    fieldPath?: string;
  };
  reason: string;
  message: string;
  source: EventSource;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: EventType;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

/**
 * The API server's --event-ttl (1 h): an Event is deleted that long after its last write (each
 * write puts it under a new etcd lease). The correlator has no window of its own: a repeat patches
 * the stored Event however long ago it was last seen, and starts a new one only once that expired.
 */
export const EVENT_TTL_MS = 60 * 60_000;

/**
 * Records an event about `obj`. `source` is the component ("default-scheduler", "kubelet",
 * "deployment-controller", …) or {component, host}. `fieldPath` names a container
 * ("spec.containers{nginx}") for kubelet events.
 */
export function recordEvent(
  cluster: KubeCluster,
  obj: KObject,
  type: EventType,
  reason: string,
  message: string,
  source: string | EventSource,
  fieldPath?: string,
): KEvent {
  const src: EventSource = typeof source === "string" ? { component: source } : source;
  const namespaced = kindInfo(obj.kind)?.namespaced ?? obj.metadata.namespace !== undefined;
  const namespace = namespaced ? obj.metadata.namespace ?? "default" : "default";
  const store = cluster.store;
  const now = cluster.world.clock.iso();
  const key = `${obj.metadata.uid}\u0000${type}\u0000${reason}\u0000${message}\u0000${src.component}\u0000${src.host ?? ""}\u0000${fieldPath ?? ""}`;
  const index = indexOf(cluster);
  const knownName = index.get(key);
  const known = knownName ? store.get<KEvent>("Event", namespace, knownName) : undefined;
  const existing = known && known.involvedObject.uid === obj.metadata.uid &&
    cluster.world.now - Date.parse(known.lastTimestamp) < EVENT_TTL_MS ? known : undefined;
  if (existing) {
    // A new object in place of the old (stored Events are frozen).
    const next = store.update({ ...existing, count: existing.count + 1, lastTimestamp: now, metadata: { ...existing.metadata } });
    cluster.world.record("kubernetes", "event", `${namespace}/${next.metadata.name}`, { kind: obj.kind, object: obj.metadata.name, reason, type, count: next.count });
    return next;
  }
  const involved: KEvent["involvedObject"] = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    ...(namespaced ? { namespace: obj.metadata.namespace } : {}),
    uid: obj.metadata.uid,
    resourceVersion: obj.metadata.resourceVersion,
    ...(fieldPath ? { fieldPath } : {}),
  };
  const ev: KEvent = {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: `${obj.metadata.name}.${eventSuffix(cluster)}`,
      namespace,
      uid: "",
      resourceVersion: "",
      creationTimestamp: "",
    },
    // What an event is about and who reported it never change (copies of the world share them).
    involvedObject: freezeData(involved),
    reason,
    message,
    source: freezeData({ ...src }),
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: src.component === "kubelet" ? "kubelet" : src.component,
    reportingInstance: src.host ?? "",
  };
  store.create(ev);
  index.set(key, ev.metadata.name);
  cluster.world.record("kubernetes", "event", `${namespace}/${ev.metadata.name}`, { kind: obj.kind, object: obj.metadata.name, reason, type, count: 1 });
  return ev;
}

/** The correlator's cache: aggregation key → the Event object's name. */
const indexes = new SideTable<KubeCluster, Map<string, string>>();
function indexOf(cluster: KubeCluster): Map<string, string> {
  let m = indexes.get(cluster);
  if (!m) indexes.set(cluster, (m = new Map()));
  return m;
}

/** Events about one object, oldest first (describe's Events section). */
export function eventsFor(cluster: KubeCluster, obj: KObject): KEvent[] {
  const namespace = kindInfo(obj.kind)?.namespaced ? obj.metadata.namespace ?? "default" : "default";
  return cluster.store
    .view<KEvent>("Event", namespace)
    .filter((e) => e.involvedObject.uid === obj.metadata.uid || (e.involvedObject.kind === obj.kind && e.involvedObject.name === obj.metadata.name && !e.involvedObject.uid))
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.resourceVersion.localeCompare(b.metadata.resourceVersion, "en", { numeric: true })));
}

/** `<name>.<16 hex>`: the real name is the timestamp in hex nanoseconds; ours is clock + counter. */
function eventSuffix(cluster: KubeCluster): string {
  // now × 10⁶ + counter exceeds 2⁵³: computed exactly in two 24-bit-aligned halves (no BigInt,
  // which costs more than the rest of recording an event).
  const now = cluster.world.now;
  const W = 0x1000000;
  let lo = (now % W) * 1_000_000 + (cluster.store.resourceVersion % 1_000_000);
  let hi = Math.floor(now / W) * 1_000_000 + Math.floor(lo / W);
  lo %= W;
  const hex = (hi > 0 ? hi.toString(16) + lo.toString(16).padStart(6, "0") : lo.toString(16));
  return hex.padStart(16, "0").slice(-16);
}
