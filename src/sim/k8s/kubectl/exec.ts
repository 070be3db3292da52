// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args…]`
// (kubectl/pkg/cmd/exec): TYPE/NAME picks the most active pod of the object's selector; without
// -c the default container is used (annotation kubectl.kubernetes.io/default-container, else the
// first), announced on stderr when the pod has several. The command runs in the container
// (exec-runtime.ts); its non-zero exit code becomes kubectl's, with "command terminated with exit
// code N" on stderr.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { parseDuration } from "../../clock";
import { renderStatusError, StatusError } from "../api/errors";
import { resolveResource } from "../api/kinds";
import type { KObject } from "../store";
import { fail, namespaceOf, server, usageError, type KubectlContext } from "./common";
import { containerRecord, execInPod } from "./exec-runtime";
import { stableHex } from "../../images/digest";
import { ociExecFailed } from "../../runtime/exec";

type Obj = Record<string, any>;

export const EXEC_DEPRECATED = "kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n";
export const NO_COMMAND = "error: you must specify at least one command for the container";
export const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/**
 * podutils.ActivePods, most active first: assigned, running, ready, older, then by name. Pods
 * already being deleted are skipped: the simulator keeps them through their grace period at
 * once, where a real server would usually have removed them before the next command.
 */
function mostActive(pods: Obj[]): Obj | undefined {
  const rank = (p: Obj) => {
    const phase = p.status?.phase;
    const ready = (p.status?.conditions ?? []).some((c: Obj) => c.type === "Ready" && c.status === "True");
    return (p.spec?.nodeName ? 0 : 4) + (phase === "Running" ? 0 : phase === "Pending" ? 2 : 3) + (ready ? 0 : 1);
  };
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  return (live.length ? live : pods).sort((a, b) =>
    rank(a) - rank(b) || String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || (a.metadata.name < b.metadata.name ? -1 : 1))[0];
}

function selectorOf(o: Obj): Record<string, string> | undefined {
  if (o.kind === "Service" || o.kind === "ReplicationController") return o.spec?.selector;
  return o.spec?.selector?.matchLabels;
}

/** polymorphichelpers.AttachablePodForObject: the pod to exec into for POD or TYPE/NAME. */
export function findPod(ctx: KubectlContext, inv: Invocation, ref: string): KObject {
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  const slash = ref.indexOf("/");
  if (slash < 0) {
    const pod = cluster.store.get("Pod", ns, ref);
    if (!pod) fail(`Error from server (NotFound): pods "${ref}" not found`);
    return pod;
  }
  const info = resolveResource(ref.slice(0, slash));
  if (!info) fail(`error: the server doesn't have a resource type "${ref.slice(0, slash)}"`);
  const name = ref.slice(slash + 1);
  if (info.kind === "Pod") return findPod(ctx, inv, name);
  let obj: KObject;
  try {
    obj = cluster.api.get(info, ns, name);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  const sel = selectorOf(obj as Obj);
  if (!["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "Service", "ReplicationController"].includes(obj.kind) || !sel) {
    fail(`error: cannot attach to *v1.${obj.kind}: selector for *v1.${obj.kind} not implemented`);
  }
  const matching = () => cluster.store.list("Pod", ns).filter((p) => Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v)) as Obj[];
  const timeout = parseDuration(inv.flags.str("pod-running-timeout") || "1m0s") ?? 60_000;
  // GetFirstPod waits (up to --pod-running-timeout) for a pod of the selector to exist.
  if (!matching().length && !cluster.world.advanceUntil(() => matching().length > 0, timeout)) fail("error: timed out waiting for the condition");
  return mostActive(matching()) as KObject;
}

function containerList(spec: Obj): string {
  return [
    ...((spec.containers ?? []) as Obj[]).map((c) => c.name),
    ...((spec.initContainers ?? []) as Obj[]).map((c) => `${c.name} (init)`),
    ...((spec.ephemeralContainers ?? []) as Obj[]).map((c) => `${c.name} (ephem)`),
  ].join(", ");
}

export function runExec(ctx: KubectlContext, inv: Invocation): ExecResult {
  const args = inv.args;
  const dash = inv.argsLenAtDash;
  // ExecOptions.Validate (1.30): neither a pod nor -f.
  if ((!args.length || dash === 0) && !inv.flags.list("filename").length) fail("error: pod, type/name or --filename must be specified");
  let stderr = "";
  let command: string[];
  if (dash > -1) command = args.slice(dash);
  else {
    if (args.length > 1 && !inv.flags.bool("quiet")) stderr += EXEC_DEPRECATED;
    command = args.slice(1);
  }
  if (!command.length) fail(NO_COMMAND);
  const cluster = server(ctx);
  const pod = findPod(ctx, inv, args[0]!) as Obj;
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") fail(stderr + `error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  const spec = pod.spec as Obj;
  let name = inv.flags.str("container");
  if (name) {
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])] as Obj[];
    if (!all.some((c) => c.name === name)) fail(stderr + `Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata.name}`);
  } else {
    const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    const containers = (spec.containers ?? []) as Obj[];
    name = annotated && containers.some((c) => c.name === annotated) ? annotated : containers[0]?.name ?? "";
    if (!annotated && containers.length + (spec.initContainers?.length ?? 0) + (spec.ephemeralContainers?.length ?? 0) > 1 && !inv.flags.bool("quiet")) {
      stderr += `Defaulted container "${name}" out of: ${containerList(spec)}\n`;
    }
  }
  if (!spec.nodeName) fail(stderr + `Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned`);
  // -t: a student types at a terminal, so kubectl has a TTY and prints no "Unable to use a TTY".
  const rec = containerRecord(cluster, pod as KObject, name);
  if (!rec?.proc || (rec.terminated && rec.restarting)) fail(stderr + `error: unable to upgrade connection: container not found ("${name}")`);
  if (rec.terminated) fail(stderr + "error: Internal error occurred: error executing command in container: container is not created or running");
  const stdin = inv.flags.bool("stdin") ? ctx.stdin : "";
  const r = execInPod(cluster, pod as KObject, rec, command, stdin);
  cluster.world.settle();
  // containerd's exec failed to start: the API server's error, not a command's exit code.
  if (r.startError) {
    const execId = stableHex(`${pod.metadata.uid}\u0000${cluster.world.now}\u0000${command.join(" ")}`, 64);
    fail(`${stderr}error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": ${ociExecFailed(r.startError)}`);
  }
  if (r.exitCode !== 0) return { exitCode: r.exitCode, stdout: r.stdout, stderr: `${stderr}${r.stderr}command terminated with exit code ${r.exitCode}\n` };
  return { exitCode: 0, stdout: r.stdout, stderr: stderr + r.stderr };
}
