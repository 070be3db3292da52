// `docker service ps` and `docker node ps` (docker/cli cli/command/task/print.go): one row per
// task, sorted by name (naturally), newest first within a slot, history rows indented " \_ ".

import { dockerAgo } from "../../cli/format/duration";
import { naturalCompare, type SwarmCluster } from "../swarm/cluster";
import { pretty } from "../swarm/task-state";
import type { Task } from "../swarm/types";
import { findNodeOrSelf } from "./node-ls";
import { findService } from "./service-ls";
import type { ExecResult } from "../../programs/registry";
import type { SwarmNode } from "../swarm/types";
import { badFilter, enumFilter, fail, FILTER_VALUE, listOutput, onManager, parseFilters, short, type Ctx, type SwarmHandler } from "./swarm-common";

/**
 * The IMAGE column (docker/cli's service and task formatters): a tagged reference loses its digest
 * (reference.WithTag of the NamedTagged); one pinned by digest alone keeps it.
 */
export const stripDigest = (image: string): string => {
  const at = image.indexOf("@");
  if (at < 0) return image;
  const name = image.slice(0, at);
  return /:[^/]*$/.test(name) ? name : image;
};

function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : s;
}

const HEADERS = {
  ID: "ID", Name: "NAME", Image: "IMAGE", Node: "NODE", DesiredState: "DESIRED STATE", CurrentState: "CURRENT STATE",
  Error: "ERROR", Ports: "PORTS",
};

/** generateTaskNames: `<service>.<slot>` (global: `<service>.<node ID>`); `--no-resolve` keeps the service ID. */
export function taskName(c: SwarmCluster, t: Task, noResolve = false): string {
  const svc = c.services.get(t.serviceId);
  const name = noResolve ? t.serviceId : svc?.spec.name ?? t.spec.name;
  return t.slot > 0 ? `${name}.${t.slot}` : `${name}.${t.nodeId}`;
}

export interface TaskListOptions {
  noTrunc: boolean;
  noResolve: boolean;
  quiet: boolean;
  /** Only `service ps` sets noTrunc for -q (ps.go); node ps and stack ps list short IDs. */
  quietFullIds?: boolean;
  format: string;
  filters: ReturnType<typeof parseFilters>;
}

export function renderTasks(ctx: Ctx, c: SwarmCluster, tasks: Task[], o: TaskListOptions) {
  const f = o.filters;
  // `service ps -q` prints whole IDs (ps.go sets noTrunc), whatever the format.
  const noTrunc = o.noTrunc || (o.quiet && !!o.quietFullIds);
  const selected = tasks
    .filter((t) => !f.has("id") || f.get("id")!.some((p) => t.id.startsWith(p)))
    .filter((t) => !f.has("name") || f.get("name")!.some((n) => taskName(c, t).startsWith(n)))
    .filter((t) => !f.has("node") || f.get("node")!.some((n) => t.nodeId === n || c.nodes.get(t.nodeId)?.host === n))
    .filter((t) => !f.has("desired-state") || f.get("desired-state")!.some((x) => {
      const d = x.toLowerCase();
      return d === t.desiredState || (d === "accepted" && t.desiredState === "ready");
    }))
    .map((t) => ({ t, name: taskName(c, t, o.noResolve) }))
    .sort((a, b) => (a.name !== b.name ? naturalCompare(a.name, b.name) : b.t.createdAt - a.t.createdAt || b.t.seq - a.t.seq));
  // task.Print indents the older tasks of a slot only when the format is a table: a plain
  // `--format '{{.Name}}'` prints every task's bare name.
  const indent = o.format === "" || o.format.startsWith("table") ? " \\_ " : "";
  // task.Print keeps the shown names in a map by task ID: a task listed twice (node ps of several
  // nodes) shows the name of its last occurrence on both rows.
  const shownById = new Map<string, string>();
  let prev = "";
  for (const { t, name } of selected) {
    shownById.set(t.id, name === prev ? indent + name : name);
    prev = name;
  }
  const rows = selected.map(({ t }) => {
    const node = c.nodes.get(t.nodeId);
    const shown = shownById.get(t.id)!;
    const hostPorts = t.state === "running" ? t.spec.ports.filter((p) => p.publishMode === "host") : [];
    return {
      ID: noTrunc ? t.id : short(t.id),
      Name: shown,
      Image: noTrunc ? t.spec.image : stripDigest(t.spec.image),
      Node: t.nodeId ? (o.noResolve ? t.nodeId : node?.host ?? t.nodeId) : "",
      DesiredState: pretty(t.desiredState),
      CurrentState: `${pretty(t.state)} ${dockerAgo(ctx.world.now - t.stateAt, true)}`,
      Error: t.err ? `"${noTrunc ? t.err : ellipsis(t.err, 30)}"` : "",
      // taskContext.Ports joins with a bare comma (service ls's PORTS uses ", ").
      Ports: hostPorts.map((p) => `*:${p.publishedPort}->${p.targetPort}/${p.protocol}`).join(","),
    };
  });
  return listOutput(ctx, {
    rootType: "*task.taskContext",
    quiet: o.quiet, format: o.format, ids: selected.map(({ t }) => (noTrunc ? t.id : short(t.id))), rows, headers: HEADERS,
    defaultTable: [Object.values(HEADERS), ...rows.map((r) => [r.ID, r.Name, r.Image, r.Node, r.DesiredState, r.CurrentState, r.Error, r.Ports])],
  });
}

const TASK_FILTERS = ["id", "name", "node", "desired-state", "label"];
/** swarmkit's TaskState names (TaskState_value), what a desired-state filter may name. */
const TASK_STATES = ["new", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running", "complete", "shutdown", "failed", "rejected", "remove", "orphaned"];

/**
 * The daemon's side of a task list (moby GetTasks / newListTasksFilters): filter keys, then
 * `node=` refs resolved to IDs (a node that does not exist fails), then desired states.
 */
function taskFilterError(c: SwarmCluster, self: SwarmNode, filters: ReturnType<typeof parseFilters>): ExecResult | undefined {
  const bad = badFilter(filters, TASK_FILTERS);
  if (bad) return bad;
  const nodes = filters.get("node");
  if (nodes) {
    const ids: string[] = [];
    for (const ref of nodes) {
      const r = findNodeOrSelf(c, self, ref);
      if (!r.ok) return fail(r.error);
      ids.push(r.node.id);
    }
    filters.set("node", ids);
  }
  return enumFilter(filters, "desired-state", TASK_STATES);
}

function options(inv: Parameters<SwarmHandler["run"]>[1]): TaskListOptions {
  return {
    noTrunc: inv.flags.bool("no-trunc"), noResolve: inv.flags.bool("no-resolve"), quiet: inv.flags.bool("quiet"),
    format: inv.flags.str("format"), filters: parseFilters(inv.flags.list("filter")),
  };
}

export const servicePsHandler: SwarmHandler = {
  args: { min: 1 },
  values: { filter: FILTER_VALUE },
  run(ctx, inv) {
    return onManager(ctx, (c, self) => {
      const o = options(inv);
      const ids = new Set<string>();
      const errors: string[] = [];
      for (const ref of inv.args) {
        const r = findService(c, ref, { exactName: true });
        if (r.ok) ids.add(r.service.id);
        // createFilter returns an ambiguous prefix at once; missing services are listed after.
        else if (r.ambiguous) return fail(`multiple services found with provided prefix: ${ref}`);
        else errors.push(`no such service: ${ref}`);
      }
      if (ids.size === 0) return fail(errors.join("\n"));
      // The services are looked up first (createFilter), then the daemon reads the filters.
      const bad = taskFilterError(c, self, o.filters);
      if (bad) return bad;
      const out = renderTasks(ctx, c, [...c.tasks.values()].filter((t) => ids.has(t.serviceId)), { ...o, quietFullIds: true });
      return errors.length ? { ...out, exitCode: 1, stderr: errors.map((e) => e + "\n").join("") } : out;
    });
  },
};

export const nodePsHandler: SwarmHandler = {
  values: { filter: FILTER_VALUE },
  run(ctx, inv) {
    return onManager(ctx, (c, self) => {
      const o = options(inv);
      // node/ps.go: errors are collected per node (its lookup, then its task list, where the
      // daemon reads the filters); the tasks found are printed unless there are none and
      // something failed; the errors follow, one per line.
      // Each node's ID is added to the user's own node= filter (the daemon ORs them) — and, as
      // FilterOpt.Value() hands out the same map every time, to every later node's query too:
      // with several nodes, the first node's tasks are listed once per node after it as well.
      const ids = new Set<string>();
      const errors: string[] = [];
      const tasks: Task[] = [];
      const userNodes = (o.filters.get("node") ?? []).map((ref) => {
        const r = findNodeOrSelf(c, self, ref);
        return r.ok ? r.node.id : ref;
      });
      for (const ref of inv.args.length ? inv.args : ["self"]) {
        const r = findNodeOrSelf(c, self, ref);
        const bad = r.ok ? taskFilterError(c, self, new Map(o.filters)) : undefined;
        if (!r.ok) errors.push(r.error);
        else if (bad) errors.push(bad.stderr.trimEnd());
        else {
          ids.add(r.node.id);
          const query = new Set([...ids, ...userNodes]);
          for (const t of c.tasks.values()) if (query.has(t.nodeId)) tasks.push(t);
        }
      }
      o.filters.delete("node");
      if (errors.length && !tasks.length) return fail(errors.join("\n"));
      const out = renderTasks(ctx, c, tasks, o);
      return errors.length ? { ...out, exitCode: 1, stderr: out.stderr + errors.join("\n") + "\n" } : out;
    });
  },
};
