// Mirrors the table handlers of pkg/printers/internalversion/printers.go (v1.30): per kind the
// column headers, the -o wide extras, and how each cell is derived from the object. A registry,
// in the order the real printer registers them; kinds without a handler print NAME and AGE.

import { kubeAge } from "../../../cli/format/duration";
import { formatLabelSelector } from "../../api/selectors";
import { BATCH_TABLES } from "./batch-tables";
import { podCells } from "./pod-status";
import { CLUSTER_TABLES } from "./cluster-tables";
import { NETWORK_TABLES } from "./network-tables";
import { POLICY_TABLES } from "./policy-tables";
import { STORAGE_TABLES } from "./storage-tables";

type Obj = Record<string, any>;

export interface RowContext {
  now: number;
  wide: boolean;
}

export interface TableHandler {
  headers: string[];
  wide: string[];
  /** Full header list under -o wide when kubectl interleaves wide columns (then row() returns all
   *  cells in `cells` and none in `wide`). */
  wideLayout?: string[];
  row(o: Obj, ctx: RowContext): { cells: string[]; wide: string[] };
  /** The column whose Format is "name" (the one `kind/` prefixes), -1 for none; the first
   *  column when unset. */
  nameColumn?: (wide: boolean) => number;
}

const age = (o: Obj, now: number) => kubeAge(now, o.metadata?.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : undefined);
const none = (s: string | undefined | null) => (s === undefined || s === null || s === "" ? "<none>" : s);
const containers = (tpl: Obj | undefined) => ((tpl?.spec?.containers ?? []) as Obj[]);
const wideWorkload = (o: Obj) => [
  containers(o.spec?.template).map((c) => c.name).join(","),
  containers(o.spec?.template).map((c) => c.image).join(","),
  formatLabelSelector(o.spec?.selector),
];

function mapSelector(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

function nodeStatus(o: Obj): string {
  const ready = ((o.status?.conditions ?? []) as Obj[]).find((c) => c.type === "Ready");
  const parts = [!ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  if (o.spec?.unschedulable) parts.push("SchedulingDisabled");
  return parts.join(",");
}

export function nodeRoles(o: Obj): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries((o.metadata?.labels ?? {}) as Record<string, string>)) {
    if (k.startsWith("node-role.kubernetes.io/")) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}

function eventObject(e: Obj): string {
  const kind = String(e.involvedObject?.kind ?? "").toLowerCase();
  return e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
}

/** printEvent: FIRST SEEN is firstTimestamp (else eventTime); LAST SEEN falls back to it. */
function eventFirstSeen(e: Obj, now: number): string {
  const t = e.firstTimestamp || e.eventTime;
  return t ? kubeAge(now, Date.parse(t)) : "<unknown>";
}

/** LAST SEEN: a series' lastObservedTime, else lastTimestamp, else FIRST SEEN. */
function eventLastSeen(e: Obj, now: number): string {
  if (e.series) return e.series.lastObservedTime ? kubeAge(now, Date.parse(e.series.lastObservedTime)) : "<unknown>";
  return e.lastTimestamp ? kubeAge(now, Date.parse(e.lastTimestamp)) : eventFirstSeen(e, now);
}

/** COUNT: a series' count, else count, where an unset count (a singleton new-API event) is 1. */
const eventCount = (e: Obj) => String(e.series ? e.series.count ?? 0 : e.count || 1);

/** printControllerRevision: the controller as `kind.group/name` (formatResourceName), else `<none>`. */
function revisionController(o: Obj): string {
  const ref = ((o.metadata?.ownerReferences ?? []) as Obj[]).find((r) => r.controller);
  if (!ref) return "<none>";
  const slash = String(ref.apiVersion ?? "").indexOf("/");
  const group = slash < 0 ? "" : String(ref.apiVersion).slice(0, slash);
  return `${(group ? `${ref.kind}.${group}` : String(ref.kind)).toLowerCase()}/${ref.name}`;
}

/** formatEventSource: component (or reportingController), then `, host` (or reportingInstance) when set. */
function eventSource(e: Obj): string {
  const component = e.source?.component || e.reportingController || "";
  const host = e.source?.host || e.reportingInstance || "";
  return host ? `${component}, ${host}` : component;
}

const int = (v: unknown) => String(v ?? 0);

export const TABLES: Record<string, TableHandler> = {
  Pod: {
    headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    row(o, c) {
      const p = podCells(o, c.now);
      const gates = (o.spec?.readinessGates ?? []) as Obj[];
      let gateText = "<none>";
      if (gates.length) {
        const conds = (o.status?.conditions ?? []) as Obj[];
        const trueCount = gates.filter((g) => conds.some((x) => x.type === g.conditionType && x.status === "True")).length;
        gateText = `${trueCount}/${gates.length}`;
      }
      return {
        cells: [o.metadata.name, p.ready, p.status, p.restarts, age(o, c.now)],
        wide: [none(o.status?.podIPs?.[0]?.ip), none(o.spec?.nodeName), none(o.status?.nominatedNodeName), gateText],
      };
    },
  },
  Deployment: {
    headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, c) => ({
      cells: [o.metadata.name, `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}`, int(o.status?.updatedReplicas), int(o.status?.availableReplicas), age(o, c.now)],
      wide: wideWorkload(o),
    }),
  },
  ReplicaSet: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, c) => ({
      cells: [o.metadata.name, int(o.spec?.replicas), int(o.status?.replicas), int(o.status?.readyReplicas), age(o, c.now)],
      wide: wideWorkload(o),
    }),
  },
  DaemonSet: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, c) => {
      const s = o.status ?? {};
      return {
        cells: [o.metadata.name, int(s.desiredNumberScheduled), int(s.currentNumberScheduled), int(s.numberReady), int(s.updatedNumberScheduled), int(s.numberAvailable), mapSelector(o.spec?.template?.spec?.nodeSelector), age(o, c.now)],
        wide: wideWorkload(o),
      };
    },
  },
  StatefulSet: {
    headers: ["NAME", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES"],
    row: (o, c) => ({
      cells: [o.metadata.name, `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}`, age(o, c.now)],
      wide: wideWorkload(o).slice(0, 2),
    }),
  },
  ...BATCH_TABLES,
  ...POLICY_TABLES,
  ...STORAGE_TABLES,
  ...NETWORK_TABLES,
  ...CLUSTER_TABLES,
  Node: {
    headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    row: (o, c) => {
      const addr = (t: string) => ((o.status?.addresses ?? []) as Obj[]).find((a) => a.type === t)?.address;
      const info = o.status?.nodeInfo ?? {};
      return {
        cells: [o.metadata.name, nodeStatus(o), nodeRoles(o), age(o, c.now), info.kubeletVersion ?? ""],
        wide: [none(addr("InternalIP")), none(addr("ExternalIP")), info.osImage ?? "<unknown>", info.kernelVersion ?? "<unknown>", info.containerRuntimeVersion ?? "<unknown>"],
      };
    },
  },
  Namespace: {
    headers: ["NAME", "STATUS", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, o.status?.phase ?? "Active", age(o, c.now)], wide: [] }),
  },
  Secret: {
    headers: ["NAME", "TYPE", "DATA", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, o.type ?? "Opaque", String(Object.keys(o.data ?? {}).length), age(o, c.now)], wide: [] }),
  },
  ConfigMap: {
    headers: ["NAME", "DATA", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o, c.now)], wide: [] }),
  },
  ServiceAccount: {
    headers: ["NAME", "SECRETS", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String((o.secrets ?? []).length), age(o, c.now)], wide: [] }),
  },
  ControllerRevision: {
    headers: ["NAME", "CONTROLLER", "REVISION", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, revisionController(o), String(o.revision ?? 0), age(o, c.now)], wide: [] }),
  },
  Event: {
    // printEvent: the wide columns sit between OBJECT and MESSAGE and after it.
    headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
    wide: [],
    wideLayout: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"],
    // Name is a priority-1 column: only -o wide has one for `event/` to prefix.
    nameColumn: (wide) => (wide ? 9 : -1),
    row: (o, c) => {
      const [lastSeen, target, message] = [eventLastSeen(o, c.now), eventObject(o), String(o.message ?? "").trim()];
      if (!c.wide) return { cells: [lastSeen, o.type ?? "", o.reason ?? "", target, message], wide: [] };
      return {
        cells: [lastSeen, o.type ?? "", o.reason ?? "", target, o.involvedObject?.fieldPath ?? "", eventSource(o), message,
          eventFirstSeen(o, c.now), eventCount(o), o.metadata.name],
        wide: [],
      };
    },
  },
};

export const DEFAULT_TABLE: TableHandler = {
  headers: ["NAME", "AGE"],
  wide: [],
  row: (o, c) => ({ cells: [o.metadata.name, age(o, c.now)], wide: [] }),
};

export function tableFor(kind: string): TableHandler {
  return TABLES[kind] ?? DEFAULT_TABLE;
}
