// What every describer shares: its signature, the Name/Namespace header and the Events section.

import { eventsFor } from "../../api/events";
import type { KubeCluster } from "../../cluster";
import type { KObject } from "../../store";
import { writeEvents, type DescribeWriter, type Obj } from "./writer";

export type Describer = (cluster: KubeCluster, o: Obj, w: DescribeWriter) => void;

export function header(w: DescribeWriter, o: Obj, namespaced = true): void {
  w.write(0, `Name:\t${o.metadata.name}`);
  if (namespaced) w.write(0, `Namespace:\t${o.metadata.namespace}`);
}

export function events(cluster: KubeCluster, o: Obj, w: DescribeWriter): void {
  writeEvents(w, eventsFor(cluster, o as KObject), cluster.world.now);
}

export function controlledBy(o: Obj): string | undefined {
  const r = ((o.metadata.ownerReferences ?? []) as Obj[]).find((x) => x.controller);
  return r ? `${r.kind}/${r.name}` : undefined;
}

export function ownedBy(cluster: KubeCluster, kind: string, owner: Obj): Obj[] {
  return cluster.store.list(kind, owner.metadata.namespace).filter((x) => x.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid)) as Obj[];
}

/** getPodStatusForController: the owner's pods counted by phase. */
export function podsStatusLine(cluster: KubeCluster, owner: Obj): string {
  const pods = ownedBy(cluster, "Pod", owner);
  const count = (p: string) => pods.filter((x) => x.status?.phase === p).length;
  return `${count("Running")} Running / ${count("Pending")} Waiting / ${count("Succeeded")} Succeeded / ${count("Failed")} Failed`;
}
