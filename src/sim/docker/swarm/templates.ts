// Mirrors swarmkit's template package: --env values, --mount sources/targets and --hostname are
// Go text/templates (template "expansion", missingkey=error, the builtins plus `join`) executed on
// *template.Context {Service{ID,Name,Labels}, Node{ID,Hostname,Platform{Architecture,OS}},
// Task{ID,Name,Slot}}, per task on its node. They run on the shared Go template engine, so
// `printf`, `if eq .Task.Slot "1"`, pipelines… work, and errors carry Go's text (the nested
// fields are anonymous struct types, hence `in type struct { ID string; … }`).

import { compileGoTemplate, renderGoTemplate } from "../../cli/format/gotemplate";
import { FuncError, type GoFunc } from "../../cli/format/gotemplate-funcs";
import { goMap, goStruct } from "../../cli/format/go-value";
import type { World } from "../../world";
import type { SwarmCluster } from "./cluster";
import type { MountSpec, Service, SwarmNode, Task } from "./types";

type Ctx = Record<string, unknown>;

export function templateContext(world: World, svc: Pick<Service, "id" | "spec">, node: SwarmNode | undefined, task: Pick<Task, "id" | "slot" | "nodeId">): Ctx {
  const host = node ? world.host(node.host) : undefined;
  const slot = task.slot > 0 ? String(task.slot) : task.nodeId;
  return goStruct({
    Service: goStruct({ ID: svc.id, Name: svc.spec.name, Labels: goMap({ ...svc.spec.labels }, "map[string]string") }, "struct { ID string; Name string; Labels map[string]string }"),
    Node: goStruct({
      ID: node?.id ?? "", Hostname: node?.host ?? "",
      Platform: goStruct({ Architecture: host?.arch ?? "x86_64", OS: host?.os ?? "linux" }, "template.Platform"),
    }, "struct { ID string; Hostname string; Platform template.Platform }"),
    Task: goStruct({ ID: task.id, Name: `${svc.spec.name}.${slot}.${task.id}`, Slot: slot }, "struct { ID string; Name string; Slot string }"),
  }, "*template.Context");
}

/**
 * swarmkit's funcMap: join(s ...string) = strings.Join(s[1:], s[0]); with no argument s[1:]
 * panics, which text/template turns into the call's error.
 */
const FUNCS: Record<string, GoFunc> = {
  join: {
    params: [], variadic: "string",
    call: (args) => {
      if (args.length === 0) throw new FuncError("runtime error: slice bounds out of range [1:0]");
      return (args as string[]).slice(1).join((args as string[])[0]!);
    },
  },
};

/** Expands one template string; throws with Go's error text when it cannot. */
export function expand(text: string, ctx: Ctx): string {
  // Text without an action is its own rendering (most hostnames, env values and mount paths).
  if (!text.includes("{{")) return text;
  const c = compileGoTemplate(text, { name: "expansion", noDockerFuncs: true, funcs: FUNCS });
  if (!c.ok) throw new Error(c.error);
  const r = renderGoTemplate(c.tpl, ctx, { objects: "struct", missingKey: "error", rootType: "*template.Context" });
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

/** expandEnv: only the value after the first `=` is a template. */
function expandEnv(entry: string, ctx: Ctx): string {
  const i = entry.indexOf("=");
  return i < 0 ? entry : `${entry.slice(0, i)}=${expand(entry.slice(i + 1), ctx)}`;
}

const quote = (s: string): string => JSON.stringify(s);

/** expandMap (volume labels, driver options): each value; Go's map order, sorted here. */
function expandMap(m: Record<string, string> | undefined, ctx: Ctx): Record<string, string> | undefined {
  if (!m) return m;
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) {
    try {
      out[k] = expand(m[k]!, ctx);
    } catch (e) {
      throw new Error(`expanding map entry ${quote(k)}=${quote(m[k]!)}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** expandMounts' part after source and target: VolumeOptions' labels, then its driver options. */
function expandVolumeOptions(m: MountSpec, ctx: Ctx): MountSpec["volumeOptions"] {
  const vo = m.volumeOptions;
  if (!vo) return vo;
  let labels: Record<string, string> | undefined;
  try { labels = expandMap(vo.labels, ctx); } catch (e) { throw new Error(`expanding volume labels: ${(e as Error).message}`); }
  let driverOpts = vo.driverOpts;
  if (vo.driverConfig || m.volumeDriver) {
    try { driverOpts = expandMap(vo.driverOpts, ctx); } catch (e) { throw new Error(`expanding volume driver config: ${(e as Error).message}`); }
  }
  return { ...vo, ...(labels ? { labels } : {}), ...(driverOpts ? { driverOpts } : {}) };
}

/**
 * Dry-run expansion at create/update time (controlapi's validateContainerSpec runs
 * ExpandContainerSpec on a dummy task): env, then mounts, then hostname; the first error, wrapped
 * as ExpandContainerSpec wraps it.
 */
export function validateTemplates(world: World, svc: Pick<Service, "id" | "spec">): { what: string; error: string } | undefined {
  const ctx = templateContext(world, svc, undefined, { id: "", slot: 1, nodeId: "" });
  const attempt = (fn: () => void): string | undefined => {
    try { fn(); return undefined; } catch (e) { return (e as Error).message; }
  };
  for (const e of svc.spec.env) {
    const err = attempt(() => expandEnv(e, ctx));
    if (err) return { what: "env", error: `expanding env ${quote(e)}: ${err}` };
  }
  for (const m of svc.spec.mounts) {
    for (const [part, text] of [["source", m.source], ["target", m.target]] as const) {
      const err = attempt(() => expand(text, ctx));
      if (err) return { what: "mounts", error: `expanding mount ${part} ${quote(text)}: ${err}` };
    }
    const err = attempt(() => expandVolumeOptions(m, ctx));
    if (err) return { what: "mounts", error: err };
  }
  const err = attempt(() => expand(svc.spec.hostname, ctx));
  return err ? { what: "hostname", error: err } : undefined;
}

/** Fills a task's rendered hostname, env and mounts when it is prepared on its node. */
export function renderTaskTemplates(world: World, _c: SwarmCluster, t: Task, node: SwarmNode, svc: Service | undefined): void {
  const ctx = templateContext(world, svc ?? { id: t.serviceId, spec: t.spec }, node, t);
  const safe = (s: string) => { try { return expand(s, ctx); } catch { return s; } };
  t.hostname = safe(t.spec.hostname);
  t.env = t.spec.env.map((e) => { try { return expandEnv(e, ctx); } catch { return e; } });
  t.mounts = t.spec.mounts.map((m) => {
    let volumeOptions = m.volumeOptions;
    try { volumeOptions = expandVolumeOptions(m, ctx); } catch { /* refused at create: kept as written */ }
    return { ...m, source: safe(m.source), target: safe(m.target), ...(volumeOptions ? { volumeOptions } : {}) };
  });
}
