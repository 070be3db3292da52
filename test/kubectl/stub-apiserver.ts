// A read-only Kubernetes API server over a simulator session's store, so the real kubectl
// (1.30, the design baseline) can render what it renders client-side — describe, rollout
// history, events — from the very objects the simulator holds. Comparing its output with the
// simulator's own is then an oracle for layouts the reference only describes.
//
// It serves legacy discovery from the kinds registry, GET of one object and LIST with label and
// field selectors. Times: kubectl computes ages from the real clock, so callers replay their
// script on a session whose virtual clock ends at the real "now" (see replayNow).

import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session, type Step } from "../../src/sim";
import { KUBE, type KubeCluster } from "../../src/sim/k8s";
import { ALL_CATEGORY, KINDS, type KindInfo } from "../../src/sim/k8s/api/kinds";
import { parseSelector, matches } from "../../src/sim/k8s/api/selectors";
import type { KObject } from "../../src/sim/k8s/store";
import { tableFor } from "../../src/sim/k8s/kubectl/printers/tables";
import { jsonMergePatch, strategicMergePatch } from "../../src/sim/k8s/kubectl/strategic-merge";

const BASELINE = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
export const KUBECTL = existsSync(BASELINE) ? BASELINE : "kubectl";
export const hasKubectl = (() => {
  try {
    return spawnSync(KUBECTL, ["version", "--client"], { encoding: "utf8", timeout: 20_000, env: { ...process.env, KUBECONFIG: "/nonexistent" } }).status === 0;
  } catch {
    return false;
  }
})();

export interface Run {
  stdout: string;
  stderr: string;
  status: number;
}

function groupVersion(k: KindInfo): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

function resourceList(gv: string) {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: gv,
    resources: KINDS.filter((k) => groupVersion(k) === gv).map((k) => ({
      name: k.resource,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: ["get", "list"],
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}),
      // `kubectl get all` expands the "all" category from discovery.
      ...(ALL_CATEGORY.includes(k.kind) ? { categories: ["all"] } : {}),
    })),
  };
}

/** The value at a dotted path (field selectors: `spec.nodeName`, `involvedObject.uid`). */
function fieldAt(o: unknown, path: string): string {
  let cur: any = o;
  for (const p of path.split(".")) cur = cur?.[p];
  return cur === undefined || cur === null ? "" : String(cur);
}

function fieldMatches(o: KObject, selector: string): boolean {
  for (const term of selector.split(",").filter(Boolean)) {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!m) continue;
    const v = fieldAt(o, m[1]!);
    if (m[2] === "!=" ? v === m[3] : v !== m[3]) return false;
  }
  return true;
}

function kubeOf(session: Session): KubeCluster {
  return session.world.slot(KUBE) as KubeCluster;
}

export interface StubOptions {
  /** Answer dry-run POST and PATCH (what `kubectl diff` sends) through the simulator's API
   *  server, whose dry-run answers carry what the real server's do (uid, generation…). */
  dryRunWrites?: boolean;
  /** Answer `as=Table` requests with the simulator's own table cells (printers/tables.ts), so the
   *  real kubectl applies its client-side decorations — kind prefixes, the NAMESPACE column,
   *  --show-labels, -L, --no-headers, the wide columns' priority — to the simulator's rows. */
  tables?: boolean;
}

/** A meta.k8s.io/v1 Table of objects, as the API server's table convertor answers. */
function asTable(session: Session, kind: string, objs: KObject[], full = false) {
  const h = tableFor(kind);
  const layout = h.wideLayout ?? [...h.headers, ...h.wide];
  const nameAt = h.nameColumn ? h.nameColumn(true) : 0;
  const now = kubeOf(session).world.now;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion: "1" },
    columnDefinitions: layout.map((name, i) => ({ name, type: "string", format: i === nameAt ? "name" : "", description: "", priority: h.headers.includes(name) ? 0 : 1 })),
    rows: objs.map((o) => {
      const r = h.row(o as Record<string, any>, { now, wide: true });
      // includeObject=Object (what --sort-by asks for) sends the whole object along.
      return { cells: h.wideLayout ? r.cells : [...r.cells, ...r.wide], object: full ? o : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata } };
    }),
  };
}

function dryRunWrite(session: Session, info: KindInfo, ns: string | undefined, name: string | undefined, method: string, type: string, body: any): [number, unknown] {
  const cluster = kubeOf(session);
  try {
    if (method === "POST") return [201, cluster.api.create(body, ns, { dryRun: true }).obj];
    const live = cluster.store.get(info.kind, info.namespaced ? ns : undefined, name ?? "");
    if (!live) return [404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" }];
    const patched = type.includes("strategic") ? strategicMergePatch(structuredClone(live), body, info.kind) : (jsonMergePatch(structuredClone(live), body) as Record<string, any>);
    return [200, cluster.api.update(patched, { dryRun: true }).obj];
  } catch (e) {
    const err = e as { message?: string; reason?: string };
    return [422, { kind: "Status", apiVersion: "v1", status: "Failure", reason: err.reason ?? "Invalid", code: 422, message: err.message ?? String(e) }];
  }
}

/** Serves the session's store until the returned server is closed. */
export async function serve(session: Session, opts: StubOptions = {}): Promise<Server> {
  const groups = [...new Set(KINDS.filter((k) => k.group).map((k) => k.group))];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const path = url.pathname;
    const send = (code: number, body: unknown) => {
      res.statusCode = code;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(body));
    };
    const notFound = (resource = "", name = "") =>
      send(404, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `${resource} "${name}" not found`, reason: "NotFound", details: { name, kind: resource }, code: 404 });
    if (path === "/api") return send(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
    if (path === "/apis") {
      return send(200, {
        kind: "APIGroupList",
        apiVersion: "v1",
        groups: groups.map((g) => {
          const v = KINDS.find((k) => k.group === g)!.version;
          return { name: g, versions: [{ groupVersion: `${g}/${v}`, version: v }], preferredVersion: { groupVersion: `${g}/${v}`, version: v } };
        }),
      });
    }
    if (path === "/api/v1") return send(200, resourceList("v1"));
    const gvm = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (gvm) return send(200, resourceList(`${gvm[1]}/${gvm[2]}`));
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (!m) return notFound();
    const [, coreV, group, ver, ns, resource, name] = m;
    const gv = coreV ?? `${group}/${ver}`;
    const info = KINDS.find((k) => groupVersion(k) === gv && k.resource === resource);
    if (!info) return notFound(resource);
    const store = kubeOf(session).store;
    if (opts.dryRunWrites && (req.method === "POST" || req.method === "PATCH") && url.searchParams.get("dryRun") === "All") {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        const [code, body] = dryRunWrite(session, info, ns, name, req.method!, String(req.headers["content-type"] ?? ""), JSON.parse(text));
        send(code, body);
      });
      return;
    }
    const qualified = info.group ? `${info.resource}.${info.group}` : info.resource;
    const table = opts.tables && String(req.headers.accept ?? "").includes("as=Table");
    const full = url.searchParams.get("includeObject") === "Object";
    if (name) {
      const o = store.get(info.kind, info.namespaced ? ns : undefined, name);
      if (!o) return notFound(qualified, name);
      return send(200, table ? asTable(session, info.kind, [o], full) : o);
    }
    let items = store.list(info.kind, info.namespaced ? ns : undefined);
    const ls = url.searchParams.get("labelSelector");
    if (ls) {
      const reqs = parseSelector(ls);
      items = items.filter((o) => matches(reqs, o.metadata.labels));
    }
    const fs = url.searchParams.get("fieldSelector");
    if (fs) items = items.filter((o) => fieldMatches(o, fs));
    if (table) return send(200, asTable(session, info.kind, items, full));
    return send(200, { kind: `${info.kind}List`, apiVersion: gv, metadata: { resourceVersion: "1" }, items });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

/** Runs the real kubectl against the session's store. */
export async function realKubectl(session: Session, args: string[], files: Record<string, string> = {}, opts: StubOptions = {}): Promise<Run> {
  // Start just after the simulator's current second (see replayNow).
  const wait = session.world.clock.now + 20 - Date.now();
  if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
  const server = await serve(session, opts);
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), "cg-stub-"));
  const config = join(dir, "config");
  // The working directory's files (what `-f` names), written where kubectl runs.
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    config,
    `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${port}"}}]\n` +
      "contexts: [{name: s, context: {cluster: s, namespace: default}}]\ncurrent-context: s\nusers: []\n",
  );
  try {
    return await new Promise<Run>((ok) => {
      execFile(KUBECTL, args, { cwd: dir, env: { ...process.env, KUBECONFIG: config, HOME: dir, TZ: "UTC" }, timeout: 30_000 }, (err, stdout, stderr) => {
        const status = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
        ok({ stdout, stderr, status });
      });
    });
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Replays `script` so that the virtual clock ends at a real whole second a little in the future;
 * realKubectl waits for that second before it runs, so kubectl's ages (computed from the real
 * clock) agree with the simulator's. A first replay measures how much virtual time the script
 * takes and how long replaying it really lasts.
 */
export function replayNow(script: string, seed = "stub"): { session: Session; steps: Step[] } {
  const began = Date.now();
  const probe = new Session({ seed });
  const t0 = probe.world.clock.now;
  probe.run(script, { allowSim: true });
  const elapsed = probe.world.clock.now - t0;
  const target = Math.ceil((Date.now() + 2 * (Date.now() - began) + 500) / 1000) * 1000;
  const session = new Session({ seed, startTime: new Date(target - elapsed).toISOString() });
  const steps = session.run(script, { allowSim: true });
  return { session, steps };
}
