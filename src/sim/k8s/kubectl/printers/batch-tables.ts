// Mirrors printJob / printCronJob of pkg/printers/internalversion/printers.go (v1.30): the
// batch kinds' columns. Split from tables.ts, which spreads BATCH_TABLES into its registry.

import { kubeAge } from "../../../cli/format/duration";
import { formatLabelSelector } from "../../api/selectors";
import type { RowContext, TableHandler } from "./tables";

type Obj = Record<string, any>;

const age = (o: Obj, now: number) => kubeAge(now, o.metadata?.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : undefined);
const containers = (tpl: Obj | undefined) => ((tpl?.spec?.containers ?? []) as Obj[]);
const hasCondition = (o: Obj, type: string) => ((o.status?.conditions ?? []) as Obj[]).some((x) => x.type === type && x.status === "True");

/** CONTAINERS, IMAGES, SELECTOR of a pod template and a selector. */
function wideOf(template: Obj | undefined, selector: Obj | undefined): string[] {
  return [
    containers(template).map((c) => c.name).join(","),
    containers(template).map((c) => c.image).join(","),
    formatLabelSelector(selector),
  ];
}

/** printJob's STATUS: conditions first, then deletion, suspension, failure target. */
function jobStatus(o: Obj): string {
  if (hasCondition(o, "Complete")) return "Complete";
  if (hasCondition(o, "Failed")) return "Failed";
  if (o.metadata?.deletionTimestamp) return "Terminating";
  if (hasCondition(o, "Suspended")) return "Suspended";
  if (hasCondition(o, "FailureTarget")) return "FailureTarget";
  return "Running";
}

/** printJob's COMPLETIONS: `succeeded/completions`, or `0/1 of N` for a work queue (parallelism > 1). */
function jobCompletions(o: Obj): string {
  const succeeded = o.status?.succeeded ?? 0;
  const { completions, parallelism } = o.spec ?? {};
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  if (typeof parallelism === "number" && parallelism > 1) return `${succeeded}/1 of ${parallelism}`;
  return `${succeeded}/1`;
}

function jobDuration(o: Obj, c: RowContext): string {
  const s = o.status ?? {};
  if (!s.startTime) return "";
  return kubeAge(s.completionTime ? Date.parse(s.completionTime) : c.now, Date.parse(s.startTime));
}

export const BATCH_TABLES: Record<string, TableHandler> = {
  Job: {
    headers: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, c) => ({
      cells: [o.metadata.name, jobStatus(o), jobCompletions(o), jobDuration(o, c), age(o, c.now)],
      wide: wideOf(o.spec?.template, o.spec?.selector),
    }),
  },
  CronJob: {
    headers: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, c) => {
      const last = o.status?.lastScheduleTime;
      const suspend = o.spec?.suspend;
      return {
        cells: [
          o.metadata.name, String(o.spec?.schedule ?? ""), o.spec?.timeZone || "<none>",
          suspend === undefined || suspend === null ? "<unset>" : suspend ? "True" : "False",
          String((o.status?.active ?? []).length), last ? kubeAge(c.now, Date.parse(last)) : "<none>", age(o, c.now),
        ],
        wide: wideOf(o.spec?.jobTemplate?.spec?.template, o.spec?.jobTemplate?.spec?.selector),
      };
    },
  },
};
