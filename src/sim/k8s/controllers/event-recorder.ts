// An indexed front for api/events.ts recordEvent, used by the control loops, the scheduler and
// the kubelets, which record tens of thousands of events in a large cluster. It writes the same
// v1 Event objects with the same aggregation rule (same involved object, type, reason, message,
// source and fieldPath within EVENT_AGGREGATION_WINDOW_MS → count++), but finds the event to
// aggregate with through a map instead of listing every Event of the namespace per call.

import type { KubeCluster } from "../cluster";
import { EVENT_AGGREGATION_WINDOW_MS, type EventSource, type EventType, type KEvent } from "../api/events";
import { kindInfo } from "../api/kinds";
import type { KObject } from "../store";
import { iso } from "./pods";

const indexes = new WeakMap<KubeCluster, Map<string, KEvent>>();

function indexOf(cluster: KubeCluster): Map<string, KEvent> {
  let m = indexes.get(cluster);
  if (!m) indexes.set(cluster, (m = new Map()));
  return m;
}

/** `<name>.<16 hex>`, as api/events.ts names events (clock in ns plus a counter). */
function eventSuffix(cluster: KubeCluster): string {
  const base = BigInt(cluster.world.now) * 1_000_000n + BigInt(cluster.store.resourceVersion % 1_000_000);
  return base.toString(16).padStart(16, "0").slice(-16);
}

export function recordEventIndexed(
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
  const world = cluster.world;
  const now = iso(world);
  const key = [obj.metadata.uid, type, reason, message, src.component, src.host ?? "", fieldPath ?? ""].join("\u0000");
  const index = indexOf(cluster);
  const existing = index.get(key);
  if (existing && store.get("Event", namespace, existing.metadata.name) === existing
    && world.now - Date.parse(existing.lastTimestamp) <= EVENT_AGGREGATION_WINDOW_MS) {
    existing.count++;
    existing.lastTimestamp = now;
    store.update(existing);
    world.record("kubernetes", "event", `${namespace}/${existing.metadata.name}`, { kind: obj.kind, object: obj.metadata.name, reason, type, count: existing.count });
    return existing;
  }
  const ev: KEvent = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${obj.metadata.name}.${eventSuffix(cluster)}`, namespace, uid: "", resourceVersion: "", creationTimestamp: "" },
    involvedObject: {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      ...(namespaced ? { namespace: obj.metadata.namespace } : {}),
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason,
    message,
    source: src,
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: src.component,
    reportingInstance: src.host ?? "",
  };
  store.create(ev);
  index.set(key, ev);
  world.record("kubernetes", "event", `${namespace}/${ev.metadata.name}`, { kind: obj.kind, object: obj.metadata.name, reason, type, count: 1 });
  return ev;
}
