// `kubectl logs POD|TYPE/NAME [-c C] [-p] [--tail=N] [--timestamps] [--all-containers] [-l SEL]`:
// reads the kubelet's container output (cluster.logSource) with kubectl's default-container
// choice and the real errors for waiting containers, unknown containers and missing previous
// instances.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { parseDuration } from "../../clock";
import type { KObject } from "../store";
import { fail, namespaceOf, server, usageError, type KubectlContext } from "./common";
import { listSelectedOrFail, listSelectorsOf } from "./list-selectors";
import { kindInfo, resolveResource } from "../api/kinds";
import { labelSelectorMatches } from "../api/selectors";

type Obj = Record<string, any>;

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** The pod a TYPE/NAME stands for (the first by name of a workload's pods, as kubectl picks). */
function podFor(ctx: KubectlContext, inv: Invocation, arg: string): { pod: KObject; note?: string } {
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  if (!arg.includes("/")) {
    const pod = cluster.store.get("Pod", ns, arg);
    // logs' Complete rewords the builder's NotFound, naming the namespace.
    if (!pod) fail(`error: error from server (NotFound): pods "${arg}" not found in namespace "${ns}"`);
    return { pod };
  }
  const [type, name] = arg.split("/") as [string, string];
  const info = resolveResource(type);
  if (!info) fail(`error: the server doesn't have a resource type "${type}"`);
  if (info.kind === "Pod") return podFor(ctx, inv, name);
  const owner = cluster.store.get(info.kind, ns, name) as Obj | undefined;
  if (!owner) fail(`error: error from server (NotFound): ${info.resource}${info.group ? "." + info.group : ""} "${name}" not found in namespace "${ns}"`);
  const selector = info.kind === "Service" ? { matchLabels: owner.spec?.selector ?? {} } : owner.spec?.selector;
  const pods = cluster.store.list("Pod", ns).filter((p) => labelSelectorMatches(selector, p.metadata.labels));
  if (!pods.length) fail(`error: timed out waiting for the condition`);
  const pod = pods[0]!;
  return { pod, note: pods.length > 1 ? `Found ${pods.length} pods, using pod/${pod.metadata.name}\n` : undefined };
}

/**
 * The log as the kubelet's reader walks it: one entry per line, each with its newline, except a
 * last line the program never ended (the CRI's partial "P" entry), which stays without one.
 */
function logLines(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const j = text.indexOf("\n", i);
    const end = j < 0 ? text.length : j + 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * RFC3339NanoFixed, the kubelet's timeFormatOut for --timestamps ("2024-01-10T00:00:05.000000000Z").
 * The reader prefixes every entry that starts a line, the partial one included, and adds no newline.
 */
const fixedNano = (iso: string): string => iso.replace(/(?:\.(\d+))?Z$/, (_m, frac: string | undefined) => `.${(frac ?? "").padEnd(9, "0")}Z`);

function containerLogs(ctx: KubectlContext, inv: Invocation, pod: Obj, container: string, prefix: boolean): string {
  const cluster = server(ctx);
  const src = cluster.logSource;
  const previous = inv.flags.bool("previous");
  const r = src ? src.logs(pod as KObject, container, previous) : { logs: "" };
  if (r.notFound) fail(`Error from server (BadRequest): previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
  if (r.waiting !== undefined) fail(`Error from server (BadRequest): container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${r.waiting}`);
  const since = inv.flags.str("since");
  void (since && parseDuration(since));
  // --tail defaults to -1, or to 10 when pods are picked by a selector. The kubelet counts the
  // log file's entries from the end, so a partial last line is one of them.
  const selector = inv.flags.changed("selector") && !inv.args.length;
  const tail = inv.flags.changed("tail") ? inv.flags.int("tail") : selector ? 10 : -1;
  let lines = logLines(r.logs ?? "");
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  // The log source gives text, not each line's time: the lines carry the time of reading.
  if (inv.flags.bool("timestamps")) {
    const stamp = fixedNano(cluster.world.clock.iso());
    lines = lines.map((l) => `${stamp} ${l}`);
  }
  // kubectl's prefixingWriter: every chunk read up to a newline (or the end) gets the prefix, as written.
  if (prefix) lines = lines.map((l) => `[pod/${pod.metadata.name}/${container}] ${l}`);
  return lines.join("");
}

export function runLogs(ctx: KubectlContext, inv: Invocation): ExecResult {
  const selectors = listSelectorsOf(inv);
  const labels = selectors.label !== "";
  // LogsOptions.Complete: POD, or POD CONTAINER (the second word names the container), or -l.
  if ((!inv.args.length && !labels) || inv.args.length > 2) fail(USAGE);
  if (inv.args.length === 1 && labels) usageError(inv, "only a selector (-l) or a POD name is allowed");
  const cluster = server(ctx);
  const pods: { pod: Obj; note?: string }[] = [];
  if (labels && !inv.args.length) {
    for (const p of listSelectedOrFail(cluster, kindInfo("Pod")!, namespaceOf(inv), selectors)) pods.push({ pod: p as Obj });
    if (!pods.length) return { exitCode: 0, stdout: "", stderr: `No resources found in ${namespaceOf(inv)} namespace.\n` };
  } else {
    pods.push(podFor(ctx, inv, inv.args[0]!) as { pod: Obj; note?: string });
  }
  let stdout = "";
  let stderr = "";
  const many = pods.length > 1;
  for (const { pod, note } of pods) {
    if (note) stderr += note;
    const names = ((pod.spec?.containers ?? []) as Obj[]).map((c) => c.name as string);
    const inits = ((pod.spec?.initContainers ?? []) as Obj[]).map((c) => c.name as string);
    const ephemerals = ((pod.spec?.ephemeralContainers ?? []) as Obj[]).map((c) => c.name as string);
    const prefix = inv.flags.bool("prefix");
    void many;
    if (inv.flags.bool("all-containers")) {
      // podutils.AllContainers: init, regular, then ephemeral containers.
      for (const c of [...inits, ...names, ...ephemerals]) stdout += containerLogs(ctx, inv, pod, c, prefix);
      continue;
    }
    let container = inv.args.length === 2 ? inv.args[1]! : inv.flags.str("container");
    if (container) {
      if (![...names, ...inits, ...ephemerals].includes(container)) fail(`error: container ${container} is not valid for pod ${pod.metadata.name}`);
    } else {
      const annotated = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
      container = annotated && names.includes(annotated) ? annotated : names[0]!;
      // podcmd.FindOrDefaultContainerByName: said whenever there is more than one container of any kind.
      const ephemeral = ephemerals.map((c) => `${c} (ephem)`);
      if ((names.length > 1 || inits.length || ephemeral.length) && !annotated) {
        stderr += `Defaulted container "${container}" out of: ${[...names, ...inits.map((n) => `${n} (init)`), ...ephemeral].join(", ")}\n`;
      }
    }
    stdout += containerLogs(ctx, inv, pod, container, prefix);
  }
  return { exitCode: 0, stdout, stderr };
}
