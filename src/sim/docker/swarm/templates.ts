// Mirrors swarmkit's template package: --hostname, --env values and --mount sources/targets are
// Go templates over {Service{ID,Name,Labels}, Node{ID,Hostname,Platform{Architecture,OS}},
// Task{ID,Name,Slot}}, expanded per task on its node. Only field paths, `index` and `join` are
// supported (what swarm users write); anything else is an error, as an unknown field is in Go.

import type { World } from "../../world";
import type { SwarmCluster } from "./cluster";
import type { Service, SwarmNode, Task } from "./types";

type Ctx = Record<string, unknown>;

export function templateContext(world: World, svc: Pick<Service, "id" | "spec">, node: SwarmNode | undefined, task: Pick<Task, "id" | "slot" | "nodeId">): Ctx {
  const host = node ? world.host(node.host) : undefined;
  const slot = task.slot > 0 ? String(task.slot) : task.nodeId;
  return {
    Service: { ID: svc.id, Name: svc.spec.name, Labels: svc.spec.labels },
    Node: { ID: node?.id ?? "", Hostname: node?.host ?? "", Platform: { Architecture: host?.arch ?? "x86_64", OS: host?.os ?? "linux" } },
    Task: { ID: task.id, Name: `${svc.spec.name}.${slot}.${task.id}`, Slot: slot },
  };
}

const TYPE_OF: Record<string, string> = { "": "template.Context", Service: "template.Service", Node: "template.Node", Task: "template.Task", "Node.Platform": "template.Platform" };

function field(ctx: Ctx, path: string, pos: string): string | Record<string, string> {
  let v: unknown = ctx;
  const parts = path.split(".").filter(Boolean);
  parts.forEach((p, i) => {
    const obj = v as Record<string, unknown>;
    if (typeof obj !== "object" || obj === null || !(p in obj)) {
      const owner = parts.slice(0, i).join(".");
      throw new Error(`template: expansion:1:${pos}: executing "expansion" at <.${parts.slice(0, i + 1).join(".")}>: can't evaluate field ${p} in type ${TYPE_OF[owner] ?? "string"}`);
    }
    v = obj[p];
  });
  return v as string | Record<string, string>;
}

function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `map[${entries.map(([k, x]) => `${k}:${x}`).join(" ")}]`;
  }
  return String(v ?? "");
}

/** Expands one template string; throws with Go's error text when it cannot. */
export function expand(text: string, ctx: Ctx): string {
  let out = "";
  let i = 0;
  let guard = 0;
  while (i < text.length && guard++ < 1000) {
    const open = text.indexOf("{{", i);
    if (open < 0) { out += text.slice(i); break; }
    out += text.slice(i, open);
    const close = text.indexOf("}}", open);
    if (close < 0) throw new Error(`template: expansion:1: unclosed action`);
    const action = text.slice(open + 2, close).trim().replace(/^-\s*|\s*-$/g, "");
    const pos = String(open + 3);
    const words = action.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
    const arg = (w: string): unknown => (w.startsWith('"') ? JSON.parse(w) : w.startsWith(".") ? field(ctx, w, pos) : w);
    if (words.length === 1 && words[0]!.startsWith(".")) out += show(field(ctx, words[0]!, pos));
    else if (words[0] === "index" && words.length === 3) out += show((arg(words[1]!) as Record<string, string>)[String(arg(words[2]!))] ?? "");
    else if (words[0] === "join" && words.length >= 2) out += words.slice(2).map((w) => show(arg(w))).join(String(arg(words[1]!)));
    else if (words.length === 0) throw new Error(`template: expansion:1: missing value for command`);
    else throw new Error(`template: expansion:1: function "${words[0]}" not defined`);
    i = close + 2;
  }
  return out;
}

/** Dry-run expansion at create/update time (what the controlapi does): the first error, if any. */
export function validateTemplates(world: World, svc: Pick<Service, "id" | "spec">): { what: string; error: string } | undefined {
  const ctx = templateContext(world, svc, undefined, { id: "", slot: 1, nodeId: "" });
  const tries: [string, string[]][] = [
    ["hostname", [svc.spec.hostname]],
    ["env", svc.spec.env],
    ["mounts", svc.spec.mounts.flatMap((m) => [m.source, m.target])],
  ];
  for (const [what, texts] of tries) {
    for (const t of texts) {
      try { expand(t, ctx); } catch (e) { return { what, error: (e as Error).message }; }
    }
  }
  return undefined;
}

/** Fills a task's rendered hostname, env and mounts when it is prepared on its node. */
export function renderTaskTemplates(world: World, _c: SwarmCluster, t: Task, node: SwarmNode, svc: Service | undefined): void {
  const ctx = templateContext(world, svc ?? { id: t.serviceId, spec: t.spec }, node, t);
  const safe = (s: string) => { try { return expand(s, ctx); } catch { return s; } };
  t.hostname = safe(t.spec.hostname);
  t.env = t.spec.env.map(safe);
  t.mounts = t.spec.mounts.map((m) => ({ ...m, source: safe(m.source), target: safe(m.target) }));
}
