// Mirrors printers.go (v1.30) for the remaining kinds the simulator stores: Scale (a subresource),
// HorizontalPodAutoscaler
// (formatHPAMetrics, with each metric's name since 1.30), PodTemplate, RuntimeClass, CSINode,
// ComponentStatus, the
// admission webhook configurations, and the server's default table (NAME, CREATED AT) that
// CustomResourceDefinitions get. Spread into tables.ts's registry.

import { kubeAge } from "../../../cli/format/duration";
import { canonicalQuantity } from "../../api/quantity";
import type { TableHandler } from "./tables";

type Obj = Record<string, any>;

const age = (o: Obj, now: number) => kubeAge(now, o.metadata?.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : undefined);
/** A *Quantity's String(): `<nil>` for an unset one. */
const q = (v: unknown) => (v === undefined || v === null ? "<nil>" : canonicalQuantity(v as string));

/** The metrics of an HPA as the internal (v2) type sees them; autoscaling/v1 objects convert. */
export function hpaMetrics(o: Obj): { specs: Obj[]; statuses: Obj[] } {
  const spec = o.spec ?? {};
  if (spec.metrics) return { specs: spec.metrics, statuses: o.status?.currentMetrics ?? [] };
  if (spec.targetCPUUtilizationPercentage === undefined || spec.targetCPUUtilizationPercentage === null) return { specs: [], statuses: [] };
  const current = o.status?.currentCPUUtilizationPercentage;
  return {
    specs: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage } } }],
    statuses: current === undefined || current === null ? [] : [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: current } } }],
  };
}

/** One metric: `current/target`, `(avg)` for average values, the resource's name first. */
function hpaMetric(spec: Obj, status: Obj | undefined): string {
  const avgOrValue = (target: Obj | undefined, current: Obj | undefined) =>
    target?.averageValue !== undefined
      ? `${current?.averageValue !== undefined ? q(current.averageValue) : "<unknown>"}/${q(target.averageValue)} (avg)`
      : `${current ? q(current.value) : "<unknown>"}/${q(target?.value)}`;
  switch (spec.type) {
    case "External":
      return avgOrValue(spec.external?.target, status?.external?.current);
    case "Object":
      return avgOrValue(spec.object?.target, status?.object?.current);
    case "Pods":
      return `${status?.pods ? q(status.pods.current?.averageValue) : "<unknown>"}/${q(spec.pods?.target?.averageValue)}`;
    case "Resource":
    case "ContainerResource": {
      const key = spec.type === "Resource" ? "resource" : "containerResource";
      const s = spec[key] ?? {};
      const cur = status?.[key];
      if (s.target?.averageValue !== undefined) {
        return `${s.name}: ${cur ? q(cur.current?.averageValue) : "<unknown>"}/${q(s.target.averageValue)}`;
      }
      const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : "<unknown>";
      const target = s.target?.averageUtilization !== undefined ? `${s.target.averageUtilization}%` : "<auto>";
      return `${s.name}: ${current}/${target}`;
    }
  }
  return "<unknown type>";
}

/** formatHPAMetrics: at most two metrics, then `+ N more...`. */
function hpaTargets(o: Obj): string {
  const { specs, statuses } = hpaMetrics(o);
  if (!specs.length) return "<none>";
  const list = specs.map((s, i) => hpaMetric(s, statuses[i]));
  return list.length > 2 ? `${list.slice(0, 2).join(", ")} + ${list.length - 2} more...` : list.join(", ");
}

const containersOf = (tpl: Obj | undefined) => ((tpl?.spec?.containers ?? []) as Obj[]);

function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

const WEBHOOKS: TableHandler = {
  headers: ["NAME", "WEBHOOKS", "AGE"],
  wide: [],
  row: (o, c) => ({ cells: [o.metadata.name, String((o.webhooks ?? []).length), age(o, c.now)], wide: [] }),
};

export const CLUSTER_TABLES: Record<string, TableHandler> = {
  // printScale: what `get --subresource=scale` shows (the Scale has no group in our registry).
  Scale: {
    headers: ["NAME", "DESIRED", "AVAILABLE", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), age(o, c.now)], wide: [] }),
  },
  HorizontalPodAutoscaler: {
    headers: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
    wide: [],
    row: (o, c) => {
      const ref = o.spec?.scaleTargetRef ?? {};
      const min = o.spec?.minReplicas;
      return {
        cells: [o.metadata.name, `${ref.kind ?? ""}/${ref.name ?? ""}`, hpaTargets(o), min === undefined || min === null ? "<unset>" : String(min),
          String(o.spec?.maxReplicas ?? 0), String(o.status?.currentReplicas ?? 0), age(o, c.now)],
        wide: [],
      };
    },
  },
  PodTemplate: {
    headers: ["NAME", "CONTAINERS", "IMAGES", "POD LABELS"],
    wide: [],
    row: (o) => ({
      cells: [o.metadata.name, containersOf(o.template).map((x) => x.name).join(","), containersOf(o.template).map((x) => x.image).join(","), formatLabels(o.template?.metadata?.labels)],
      wide: [],
    }),
  },
  RuntimeClass: {
    headers: ["NAME", "HANDLER", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String(o.handler ?? ""), age(o, c.now)], wide: [] }),
  },
  CSINode: {
    headers: ["NAME", "DRIVERS", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String((o.spec?.drivers ?? []).length), age(o, c.now)], wide: [] }),
  },
  ComponentStatus: {
    headers: ["NAME", "STATUS", "MESSAGE", "ERROR"],
    wide: [],
    // printComponentStatus: the Healthy condition's status, message and error; else Unknown.
    row: (o) => {
      const c = ((o.conditions ?? []) as Obj[]).find((x) => x.type === "Healthy");
      const status = !c ? "Unknown" : c.status === "True" ? "Healthy" : "Unhealthy";
      return { cells: [o.metadata.name, status, String(c?.message ?? ""), String(c?.error ?? "")], wide: [] };
    },
  },
  MutatingWebhookConfiguration: WEBHOOKS,
  ValidatingWebhookConfiguration: WEBHOOKS,
  // No printer of its own: the server's default table, the creation time in RFC 3339.
  CustomResourceDefinition: {
    headers: ["NAME", "CREATED AT"],
    wide: [],
    row: (o) => ({
      cells: [o.metadata.name, o.metadata.creationTimestamp ? new Date(Date.parse(o.metadata.creationTimestamp)).toISOString().replace(/\.\d{3}Z$/, "Z") : "<unknown>"],
      wide: [],
    }),
  },
};
