// DescribePodTemplate: the "Pod Template:" block of Deployment/ReplicaSet/DaemonSet describe and
// of `rollout history --revision=N`.

import { writeContainers, writeTolerations, writeVolumes } from "./containers";
import { formatLabelSelector } from "../../api/selectors";
import { DescribeWriter, writeAnnotations, writeMap, type Obj } from "./writer";

/**
 * describeTopologySpreadConstraints: sorted by topology key, one per line after the first
 * `Topology Spread Constraints:` cell; nothing at all without constraints.
 */
export function writeTopologySpread(w: DescribeWriter, level: number, tscs: Obj[] | undefined): void {
  const sorted = [...(tscs ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  sorted.forEach((t, i) => {
    const text = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded` +
      (t.labelSelector ? ` for selector ${formatLabelSelector(t.labelSelector)}` : "");
    w.write(level, `${i === 0 ? "Topology Spread Constraints:" : ""}\t${text}`);
  });
}

export function writePodTemplate(w: DescribeWriter, level: number, tpl: Obj): void {
  w.write(level, "Pod Template:");
  const l = level + 1;
  writeMap(w, l, "Labels:", tpl.metadata?.labels);
  const ann = tpl.metadata?.annotations;
  if (ann && Object.keys(ann).length) writeAnnotations(w, l, ann, []);
  const spec = tpl.spec ?? {};
  if (spec.serviceAccountName) w.write(l, `Service Account:\t${spec.serviceAccountName}`);
  if (spec.initContainers?.length) writeContainers(w, l, "Init Containers:", spec.initContainers, undefined, true);
  writeContainers(w, l, "Containers:", spec.containers ?? [], undefined, true);
  writeVolumes(w, l, spec.volumes);
  writeTopologySpread(w, l, spec.topologySpreadConstraints);
  if (spec.priorityClassName) w.write(l, `Priority Class Name:\t${spec.priorityClassName}`);
  writeMap(w, l, "Node-Selectors:", spec.nodeSelector);
  writeTolerations(w, l, "Tolerations:", spec.tolerations);
}

/** `rollout history --revision=N`: kubectl 1.30 writes the template without a tabwriter. */
export function describePodTemplate(tpl: Obj): string {
  const w = new DescribeWriter();
  writePodTemplate(w, 0, tpl);
  return w.raw();
}
