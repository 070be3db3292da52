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
