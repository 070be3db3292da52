// Describers for StatefulSet, Job and CronJob (kubectl's pkg/describe/describe.go, 1.30 layout).

import { formatLabelSelector } from "../../api/selectors";
import { kubeHumanDuration } from "../../../cli/format/duration";
import { controlledBy, events, header, podsStatusLine, type Describer } from "./common";
import { writePodTemplate } from "./pod-template";
import { rfc1123z, writeAnnotations, writeMap, type DescribeWriter, type Obj } from "./writer";

const describeStatefulSet: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  header(w, o);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${o.status?.replicas ?? 0} total`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ""}`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}`);
  }
  w.write(0, `Pods Status:\t${podsStatusLine(cluster, o)}`);
  writePodTemplate(w, 0, spec.template ?? {});
  const claims = (spec.volumeClaimTemplates ?? []) as Obj[];
  if (!claims.length) w.write(0, "Volume Claims:\t<none>");
  else {
    w.write(0, "Volume Claims:");
    for (const c of claims) {
      w.write(1, `Name:\t${c.metadata?.name ?? ""}`);
      w.write(1, `StorageClass:\t${c.spec?.storageClassName ?? c.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? ""}`);
      writeMap(w, 1, "Labels:", c.metadata?.labels);
      writeMap(w, 1, "Annotations:", c.metadata?.annotations);
      w.write(1, `Capacity:\t${c.spec?.resources?.requests?.storage ?? "<default>"}`);
      w.write(1, `Access Modes:\t[${(c.spec?.accessModes ?? []).join(" ")}]`);
    }
  }
  events(cluster, o, w);
};

/** labels.Selector's String(): empty for a nil or empty selector (describe prints it as is). */
function selectorString(sel: Obj | undefined): string {
  return sel && (Object.keys(sel.matchLabels ?? {}).length || (sel.matchExpressions ?? []).length) ? formatLabelSelector(sel) : "";
}

const describeJob: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  header(w, o);
  w.write(0, `Selector:\t${selectorString(spec.selector)}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  const by = controlledBy(o);
  if (by) w.write(0, `Controlled By:\t${by}`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}`);
  w.write(0, `Completions:\t${spec.completions ?? "<unset>"}`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}`);
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${kubeHumanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s`);
  const counts = `${st.active ?? 0} Active${st.ready === undefined ? "" : ` (${st.ready} Ready)`} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  w.write(0, `Pods Statuses:\t${counts}`);
  if (spec.completionMode === "Indexed") w.write(0, `Completed Indexes:\t${st.completedIndexes || "<none>"}`);
  writePodTemplate(w, 0, spec.template ?? {});
  events(cluster, o, w);
};

function writeJobTemplate(w: DescribeWriter, t: Obj): void {
  const spec = t.spec ?? {};
  w.write(0, `Selector:\t${spec.selector ? selectorString(spec.selector) : "<unset>"}`);
  w.write(0, `Parallelism:\t${spec.parallelism ?? "<unset>"}`);
  w.write(0, `Completions:\t${spec.completions ?? "<unset>"}`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s`);
  writePodTemplate(w, 0, spec.template ?? {});
}

const describeCronJob: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ""}`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ""}`);
  // printBoolPtr: True / False / <unset>.
  w.write(0, `Suspend:\t${spec.suspend === undefined ? "<unset>" : spec.suspend ? "True" : "False"}`);
  w.write(0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? "<unset>"}`);
  w.write(0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? "<unset>"}`);
  w.write(0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds === undefined ? "<unset>" : `${spec.startingDeadlineSeconds}s`}`);
  writeJobTemplate(w, spec.jobTemplate ?? {});
  w.write(0, `Last Schedule Time:\t${o.status?.lastScheduleTime ? rfc1123z(o.status.lastScheduleTime) : "<unset>"}`);
  const active = ((o.status?.active ?? []) as Obj[]).map((j) => j.name);
  w.write(0, `Active Jobs:\t${active.length ? active.join(", ") : "<none>"}`);
  events(cluster, o, w);
};

export const WORKLOAD_DESCRIBERS: Record<string, Describer> = {
  StatefulSet: describeStatefulSet,
  Job: describeJob,
  CronJob: describeCronJob,
};
