// `kubectl scale`, `kubectl set image` and `kubectl expose` (kubernetes.md §2.12).

import { onStored } from "./patch-base";
import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { renderStatusError, StatusError } from "../api/errors";
import { SCALE_KINDS } from "../api/subresources";
import type { KObject } from "../store";
import { dryRunMode, dryRunSuffix } from "./apply";
import { atoi, fail, namespaceOf, parseLabelSpec, refOf, server, usageError, type KubectlContext } from "./common";
import { emitObjects, plainError } from "./imperative";
import { objectsFor, objectsForEach } from "./label";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { outputRequested, parseOutput, templateSource, printStructured, type OutputFormat } from "./output";
import { applyOverrides } from "./overrides";
import { isLocal, LOCAL_NEEDS_FILENAME, refuseLocalServerDryRun } from "./local";

type Obj = Record<string, any>;

/** Kinds with a scale subresource (scale, autoscale): the API server's own list. */
export const SCALABLE = SCALE_KINDS;

function lookup(ctx: KubectlContext, inv: Invocation, args: string[], builderSelector = true): KObject[] {
  try {
    return objectsFor(ctx, inv, args, builderSelector);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
}

/** The change-cause `--record` writes: command path, args, then the flags set (sorted). */
export function changeCause(inv: Invocation): string {
  let s = inv.path;
  if (inv.args.length) s += " " + inv.args.join(" ");
  const names = [...inv.flags.given(), "record"].sort();
  for (const name of names) s += ` --${name}=${name === "record" ? "true" : inv.flags.str(name)}`;
  return s;
}

/** Adds the change-cause annotation when --record was given. */
export function recordCause(ctx: KubectlContext, inv: Invocation, obj: Obj): void {
  if (!ctx.record) return;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), "kubernetes.io/change-cause": changeCause(inv) };
}

function putUpdate(ctx: KubectlContext, obj: Obj, dryRun = false): KObject {
  const cluster = server(ctx);
  try {
    return cluster.api.update(obj, { dryRun }).obj;
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
}

/** The verb's printer: -o prints each object (YAML documents separated by ---), else the verb's line. */
function outputOf(ctx: KubectlContext, inv: Invocation): OutputFormat | undefined {
  return outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
}

/** `typed`: the verb's builder decodes into Go types (set image), so the objects print as such. */
function printEach(printed: KObject[], fmt: OutputFormat, typed = false): string {
  return printed.map((o) => printStructured([o], fmt, true, { typed })).join(fmt.kind === "yaml" ? "---\n" : "");
}

export function runScale(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.flags.changed("replicas")) fail(`error: required flag(s) "replicas" not set`);
  const replicas = inv.flags.int("replicas");
  const fmt = outputOf(ctx, inv);
  if (replicas < 0) fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  if (!inv.args.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  const { objs, errors } = lookupEach(ctx, inv, inv.args);
  // 1.30 visits with ContinueOnError and keeps the objects it found: with none, the lookup
  // errors are dropped for "no objects passed to scale"; otherwise they follow the others.
  if (!objs.length) fail("error: no objects passed to scale");
  const mode = dryRunMode(inv);
  let stdout = "";
  // kubectl 1.30 prints the object as fetched, before the scale (so -o yaml
  // still shows the old spec.replicas; kubectl/issues/1806, changed only in 1.36).
  const printed: KObject[] = [];
  for (const o of objs) {
    const cur = inv.flags.int("current-replicas");
    const spec = o.spec as Obj;
    // A client dry run never calls the scale subresource; a kind without one is a 404 there.
    if (mode !== "client" && !SCALABLE.has(o.kind)) fail("Error from server (NotFound): the server could not find the requested resource", stdout + (fmt ? printEach(printed, fmt) : ""));
    if (mode !== "client" && inv.flags.changed("current-replicas") && cur !== -1 && spec.replicas !== cur) {
      fail(`error: Expected replicas to be ${cur}, was ${spec.replicas}`, stdout + (fmt ? printEach(printed, fmt) : ""));
    }
    if (mode === "none") {
      const u = deepClone(o) as Obj;
      u.spec.replicas = replicas;
      recordCause(ctx, inv, u);
      putUpdate(ctx, onStored(server(ctx), o, u));
    }
    if (fmt) printed.push(o);
    else stdout += `${refOf(o)} scaled${dryRunSuffix(mode)}\n`;
  }
  server(ctx).world.settle();
  if (fmt) stdout += printEach(printed, fmt);
  return { exitCode: errors.length ? 1 : 0, stdout, stderr: errors.map((e) => e + "\n").join("") };
}

/** objectsForEach, with a bad selector or type failing the verb as lookup does. */
function lookupEach(ctx: KubectlContext, inv: Invocation, args: string[]): { objs: KObject[]; errors: string[] } {
  try {
    return objectsForEach(ctx, inv, args);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
}

function podSpecOf(o: Obj): Obj | undefined {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

export function runSetImage(ctx: KubectlContext, inv: Invocation): ExecResult {
  const firstChange = inv.args.findIndex((a) => a.includes("="));
  const resourceArgs = firstChange < 0 ? inv.args : inv.args.slice(0, firstChange);
  const changes = firstChange < 0 ? [] : inv.args.slice(firstChange);
  if (!resourceArgs.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  const images: [string, string][] = changes.map((c) => {
    const i = c.indexOf("=");
    return [c.slice(0, i), c.slice(i + 1)];
  });
  // Complete: --local takes its objects from -f alone.
  if (isLocal(inv) && resourceArgs.length) fail(LOCAL_NEEDS_FILENAME);
  refuseLocalServerDryRun(inv);
  const fmt = outputOf(ctx, inv);
  // Complete builds (and fetches) the resources before Validate asks for an image update, so a
  // bare word after TYPE/NAME is the builder's error and a missing object its NotFound.
  const objs = lookup(ctx, inv, resourceArgs);
  if (!changes.length) fail("error: at least one image update is required");
  const mode = dryRunMode(inv);
  let stdout = "";
  const printed: KObject[] = [];
  // Run's allErrs: a kind without a pod template, a container no object has; the other objects
  // and images are still updated, and the errors come after (utilerrors.NewAggregate).
  const errors: string[] = [];
  for (const o of objs) {
    const u = deepClone(o) as Obj;
    const spec = podSpecOf(u);
    if (!spec) {
      errors.push(`error: ${refOf(o)} the object is not a pod or does not have a pod template: *v1.${o.kind}\n`);
      continue;
    }
    const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Obj[];
    let changed = false;
    for (const [name, image] of images) {
      const targets = name === "*" ? all : all.filter((c) => c.name === name);
      if (!targets.length) errors.push(`unable to find container named "${name}"`);
      for (const c of targets) {
        if (c.image !== image) changed = true;
        c.image = image;
      }
    }
    if (!changed) continue;
    recordCause(ctx, inv, u);
    // A client dry run prints the edited object; otherwise what the server answered the patch with.
    let result = u as KObject;
    if (mode !== "client" && !isLocal(inv)) {
      try {
        result = server(ctx).api.update(onStored(server(ctx), o, u), { dryRun: mode === "server" }).obj;
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        errors.push(`failed to patch image update to pod template: ${e.message}`);
        continue;
      }
    }
    if (fmt) printed.push(result);
    else stdout += `${refOf(o)} image updated${dryRunSuffix(mode)}\n`;
  }
  ctx.cluster?.world.settle();
  if (fmt) stdout += printEach(printed, fmt, true);
  return { exitCode: errors.length ? 1 : 0, stdout, stderr: aggregateErrors(errors) };
}

/**
 * cmdutil.CheckErr of set image's aggregate: each error on its line with "error: " (once); with
 * several, one that ends in a newline leaves an empty line after it.
 */
function aggregateErrors(errors: string[]): string {
  const line = (e: string) => `${e.startsWith("error: ") ? "" : "error: "}${e}\n`;
  if (errors.length === 1) return line(errors[0]!.replace(/\n$/, ""));
  return errors.map(line).join("");
}

function selectorFor(o: Obj): Record<string, string> | undefined {
  switch (o.kind) {
    case "Pod": return o.metadata.labels && Object.keys(o.metadata.labels).length ? { ...o.metadata.labels } : undefined;
    case "Service": return o.spec?.selector;
    case "Deployment": case "ReplicaSet": case "DaemonSet": case "StatefulSet": {
      const sel = o.spec?.selector ?? {};
      if (sel.matchExpressions?.length) fail(`error: couldn't retrieve selectors via --selector flag or introspection: ${o.kind.toLowerCase()}s.apps "${o.metadata.name}" has non-equality selector; only equality-based selectors are supported`);
      return sel.matchLabels ? { ...sel.matchLabels } : undefined;
    }
    case "ReplicationController": return o.spec?.selector;
  }
  return undefined;
}

function portsFor(o: Obj): { port: number; name?: string; protocol?: string }[] {
  if (o.kind === "Service") return (o.spec?.ports ?? []).map((p: Obj) => ({ port: p.port, protocol: p.protocol, name: p.name }));
  const spec = podSpecOf(o) ?? {};
  const out: { port: number; protocol?: string }[] = [];
  for (const c of (spec.containers ?? []) as Obj[]) for (const p of (c.ports ?? []) as Obj[]) out.push({ port: p.containerPort, protocol: p.protocol });
  return out;
}

export function runExpose(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length && !inv.flags.list("filename").length) fail(NO_RESOURCES_MESSAGE);
  // expose's --selector is the new Service's, not a filter of the builder.
  const objs = lookup(ctx, inv, inv.args, false);
  // -f naming no objects: the builder visits nothing, and expose says nothing.
  if (!objs.length) return { exitCode: 0, stdout: "", stderr: "" };
  const o = objs[0] as Obj;
  if (!["Pod", "Service", "Deployment", "ReplicaSet", "ReplicationController"].includes(o.kind)) {
    // GroupKind.String(): "Kind.group", just "Kind" for the core group.
    const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "";
    fail(`error: cannot expose a ${o.kind}${group ? "." + group : ""}`);
  }
  let selector: Record<string, string> | undefined;
  if (inv.flags.str("selector")) {
    selector = undefined;
  } else {
    selector = selectorFor(o);
    if (!selector) {
      // polymorphichelpers.mapBasedSelectorForObject's messages.
      const WHY: Record<string, string> = {
        Pod: "the pod has no labels and cannot be exposed",
        Service: "the service has no pod selector set",
        Deployment: "the deployment has no labels or selectors and cannot be exposed",
        ReplicaSet: "the replica set has no labels or selectors and cannot be exposed",
      };
      const why = WHY[o.kind] ?? `the ${o.kind.toLowerCase()} has no selector`;
      fail(`error: couldn't retrieve selectors via --selector flag or introspection: ${why}`);
    }
  }
  // createService: the labels, then the selector (ParseLabels), then each --port (strconv.Atoi).
  const labels = inv.flags.str("labels") ? parseLabelSpec(inv.flags.str("labels")) : o.metadata.labels;
  if (inv.flags.str("selector")) selector = parseLabelSpec(inv.flags.str("selector"));
  const protocol = inv.flags.str("protocol");
  let ports: { port: number; protocol?: string; name?: string }[];
  if (inv.flags.str("port")) ports = inv.flags.str("port").split(",").map((p) => ({ port: atoi(p), protocol: protocol || undefined }));
  else {
    ports = portsFor(o);
    if (!ports.length) fail("error: couldn't find port via --port flag or introspection");
  }
  const target = inv.flags.str("target-port");
  const name = inv.flags.str("name") || o.metadata.name;
  const type = inv.flags.str("type");
  const svcPorts = ports.map((p, i) => {
    const sp: Obj = {};
    if (ports.length > 1) sp.name = p.name ?? `port-${i + 1}`;
    sp.protocol = p.protocol || protocol || "TCP";
    sp.port = p.port;
    const t = target || (o.kind === "Service" ? undefined : undefined);
    sp.targetPort = t ? (/^\d+$/.test(t) ? Number(t) : t) : p.port;
    return sp;
  });
  const spec: Obj = { ports: svcPorts, selector };
  if (type) spec.type = type;
  if (inv.flags.str("external-ip")) spec.externalIPs = [inv.flags.str("external-ip")];
  if (inv.flags.str("load-balancer-ip")) spec.loadBalancerIP = inv.flags.str("load-balancer-ip");
  const affinity = inv.flags.str("session-affinity");
  if (affinity) {
    if (affinity !== "None" && affinity !== "ClientIP") fail(`error: unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  if (inv.flags.str("cluster-ip")) spec.clusterIP = inv.flags.str("cluster-ip");
  const generated = {
    kind: "Service", apiVersion: "v1",
    metadata: { name, creationTimestamp: null, ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}) },
    spec, status: { loadBalancer: {} },
  };
  // --overrides changes the generated Service before it is sent (cmdutil.Overrider).
  const svc = applyOverrides(inv, generated);
  void namespaceOf;
  void usageError;
  const r = emitObjects(ctx, inv, [svc], plainError);
  if (r.exitCode === 0 && dryRunMode(inv) !== "client") r.stdout = r.stdout.replace(/ created( \(server dry run\))?\n$/, " exposed$1\n");
  else if (r.exitCode === 0 && !inv.flags.str("output")) r.stdout = r.stdout.replace(/ created \(dry run\)\n$/, " exposed (dry run)\n");
  return r;
}
