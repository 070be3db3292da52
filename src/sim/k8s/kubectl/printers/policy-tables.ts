// Mirrors printers.go (v1.30) for the kinds students meet besides workloads: RBAC (Role,
// ClusterRole, RoleBinding, ClusterRoleBinding), NetworkPolicy, PodDisruptionBudget, StorageClass,
// IngressClass, Lease, LimitRange, PriorityClass, ResourceQuota, ReplicationController. Spread into tables.ts's registry.

import { kubeAge } from "../../../cli/format/duration";
import { canonicalQuantity } from "../../api/quantity";
import { formatLabelSelector } from "../../api/selectors";
import type { TableHandler } from "./tables";

type Obj = Record<string, any>;

const age = (o: Obj, now: number) => kubeAge(now, o.metadata?.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : undefined);
const containers = (o: Obj) => ((o.spec?.template?.spec?.containers ?? []) as Obj[]);

/** Role / ClusterRole / LimitRange print `CREATED AT` as RFC 3339 in UTC, not an age. */
function createdAt(o: Obj): string {
  const t = o.metadata?.creationTimestamp;
  return t ? new Date(Date.parse(t)).toISOString().replace(/\.\d{3}Z$/, "Z") : "<unknown>";
}

const CREATED_AT: TableHandler = {
  headers: ["NAME", "CREATED AT"],
  wide: [],
  row: (o) => ({ cells: [o.metadata.name, createdAt(o)], wide: [] }),
};

/** rbac.SubjectsStrings: users, groups, and service accounts as `namespace/name`. */
function subjects(o: Obj): string[] {
  const of = (kind: string) => ((o.subjects ?? []) as Obj[]).filter((s) => s.kind === kind);
  return [
    of("User").map((s) => s.name).join(", "),
    of("Group").map((s) => s.name).join(", "),
    of("ServiceAccount").map((s) => `${s.namespace ?? ""}/${s.name}`).join(", "),
  ];
}

const BINDING: TableHandler = {
  headers: ["NAME", "ROLE", "AGE"],
  wide: ["USERS", "GROUPS", "SERVICEACCOUNTS"],
  row: (o, c) => ({ cells: [o.metadata.name, `${o.roleRef?.kind ?? ""}/${o.roleRef?.name ?? ""}`, age(o, c.now)], wide: subjects(o) }),
};

const intOrString = (v: unknown) => (v === undefined || v === null ? "N/A" : String(v));

function mapSelector(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

/**
 * printResourceQuota: each status.hard resource in name order as `name: used/hard`, the
 * `limits.*` ones in LIMIT and the rest in REQUEST. (1.30 prints AGE second; later releases
 * moved it last.)
 */
function quotaColumns(o: Obj): [string, string] {
  const hard = (o.status?.hard ?? {}) as Record<string, string>;
  const used = (o.status?.used ?? {}) as Record<string, string>;
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const cell = `${name}: ${used[name] === undefined ? "0" : canonicalQuantity(used[name]!)}/${canonicalQuantity(hard[name]!)}`;
    (name.split(".").length > 1 && name.split(".")[0] === "limits" ? limits : requests).push(cell);
  }
  return [requests.join(", "), limits.join(", ")];
}

export const POLICY_TABLES: Record<string, TableHandler> = {
  PriorityClass: {
    // v1.30's printer; the PreemptionPolicy column came with v1.32 (kubernetes#126529).
    headers: ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE"],
    wide: [],
    row: (o, c) => ({
      cells: [o.metadata.name, String(o.value ?? 0), o.globalDefault ? "true" : "false", age(o, c.now)],
      wide: [],
    }),
  },
  ResourceQuota: {
    headers: ["NAME", "AGE", "REQUEST", "LIMIT"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, age(o, c.now), ...quotaColumns(o)], wide: [] }),
  },
  ReplicationController: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, c) => ({
      cells: [o.metadata.name, String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), String(o.status?.readyReplicas ?? 0), age(o, c.now)],
      wide: [containers(o).map((x) => x.name).join(","), containers(o).map((x) => x.image).join(","), mapSelector(o.spec?.selector)],
    }),
  },
  LimitRange: CREATED_AT,
  NetworkPolicy: {
    headers: ["NAME", "POD-SELECTOR", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, formatLabelSelector(o.spec?.podSelector ?? {}), age(o, c.now)], wide: [] }),
  },
  PodDisruptionBudget: {
    headers: ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
    wide: [],
    row: (o, c) => ({
      cells: [o.metadata.name, intOrString(o.spec?.minAvailable), intOrString(o.spec?.maxUnavailable), String(o.status?.disruptionsAllowed ?? 0), age(o, c.now)],
      wide: [],
    }),
  },
  Role: CREATED_AT,
  ClusterRole: CREATED_AT,
  RoleBinding: BINDING,
  ClusterRoleBinding: BINDING,
  StorageClass: {
    headers: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
    wide: [],
    row: (o, c) => {
      const ann = o.metadata.annotations ?? {};
      const isDefault = ann["storageclass.kubernetes.io/is-default-class"] === "true" || ann["storageclass.beta.kubernetes.io/is-default-class"] === "true";
      return {
        cells: [o.metadata.name + (isDefault ? " (default)" : ""), String(o.provisioner ?? ""), o.reclaimPolicy ?? "Delete",
          o.volumeBindingMode ?? "Immediate", String(o.allowVolumeExpansion ?? false), age(o, c.now)],
        wide: [],
      };
    },
  },
  IngressClass: {
    headers: ["NAME", "CONTROLLER", "PARAMETERS", "AGE"],
    wide: [],
    row: (o, c) => {
      const p = o.spec?.parameters;
      const params = p ? `${p.kind}${p.apiGroup ? "." + p.apiGroup : ""}/${p.name}` : "<none>";
      return { cells: [o.metadata.name, String(o.spec?.controller ?? ""), params, age(o, c.now)], wide: [] };
    },
  },
  Lease: {
    headers: ["NAME", "HOLDER", "AGE"],
    wide: [],
    row: (o, c) => ({ cells: [o.metadata.name, String(o.spec?.holderIdentity ?? ""), age(o, c.now)], wide: [] }),
  },
};
