// `kubectl run NAME -i/-t/--attach [--rm] … -- CMD`: RunOptions.Run's attached path (kubectl
// 1.30 run.go, attach.go). The pod (and the Service of --expose) is created without the
// "created" line; kubectl waits up to --pod-running-timeout (1m) for it to run or finish; a pod
// that already finished has its logs printed (handleAttachPod's logOpts), a running one is
// attached and its output streamed until it exits. With restartPolicy Never or OnFailure (the
// default when -i is given) the exit decides the exit code: a failed pod gives
// "pod default/NAME terminated (Error)" with the container's exit code. --rm deletes what was
// created afterwards (a deferred call: `pod "NAME" deleted` comes after the output, before the
// error). An interactive shell waiting for the user's typing cannot be replayed: it is refused.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import type { KObject } from "../store";
import { kindInfo } from "../api/kinds";
import { StatusError, renderStatusError } from "../api/errors";
import { namespaceOf, server, type KubectlContext } from "./common";
import { forServer } from "./generators";

type Obj = Record<string, any>;

const SHELLS = new Set(["sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/bash", "zsh"]);
/** --pod-running-timeout's default. */
const POD_RUNNING_TIMEOUT_MS = 60_000;
/** How long an attached process is followed before the replay stops it (^C). */
const ATTACH_CAP_MS = 60_000;

/** True when the command is an interactive shell (no command of its own) that waits for typing. */
export function isInteractiveShell(args: string[], interactive: boolean): boolean {
  if (!interactive) return false;
  if (args.length === 0) return true;
  return SHELLS.has(args[0]!) && !args.includes("-c");
}

export function runAttached(ctx: KubectlContext, inv: Invocation, objs: Obj[], opts: { restart: string; remove: boolean; interactive: boolean; tty: boolean }): ExecResult {
  const cluster = server(ctx);
  const world = cluster.world;
  const ns = namespaceOf(inv);
  let stdout = "";
  let stderr = "";
  const created: KObject[] = [];
  const finish = (exitCode: number): ExecResult => {
    if (opts.remove) {
      for (const o of created) {
        try {
          cluster.api.delete(kindInfo(o.kind)!, o.metadata.namespace, o.metadata.name);
          stdout += `${kindInfo(o.kind)!.singular} "${o.metadata.name}" deleted\n`;
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
        }
      }
      world.settle();
    }
    return { exitCode, stdout, stderr };
  };
  for (const o of objs) {
    try {
      created.push(cluster.api.create(forServer(o), ns).obj);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      stderr += renderStatusError(e) + "\n";
      return finish(1);
    }
  }
  const pod = created[created.length - 1]!;
  const current = () => cluster.store.get<Obj & KObject>("Pod", ns, pod.metadata.name);
  const phase = () => current()?.status?.phase as string | undefined;
  const terminal = () => phase() === "Succeeded" || phase() === "Failed";
  // waitForPod(podRunningAndReady): running (or finished) within the timeout.
  if (!world.advanceUntil(() => terminal() || phase() === "Running" || !current(), POD_RUNNING_TIMEOUT_MS) || !current()) {
    stderr += "error: timed out waiting for the condition\n";
    return finish(1);
  }
  const logs = () => cluster.logSource?.logs(current()!, pod.spec ? (pod.spec as Obj).containers[0].name : pod.metadata.name, false).logs ?? "";
  // The attach stream ends when the container's process exits (a restart under OnFailure too).
  const exited = () => terminal() || ((current()?.status?.containerStatuses?.[0]?.restartCount ?? 0) > 0);
  if (!terminal()) {
    if (opts.interactive && opts.tty) stderr += "If you don't see a command prompt, try pressing enter.\n";
    const out = logs();
    if (!world.advanceUntil(exited, ATTACH_CAP_MS)) {
      stdout += logs();
      stderr += `clustergrade: the attached process was still running after ${ATTACH_CAP_MS / 1000}s of virtual time; the replay stopped it (^C)\n`;
      return finish(130);
    }
    stdout += terminal() ? logs() : out + (cluster.logSource?.logs(current()!, (pod.spec as Obj).containers[0].name, true).logs ?? "").slice(out.length);
  } else stdout += logs();
  if (opts.restart !== "Never" && opts.restart !== "OnFailure") return finish(0);
  // waitForPod(podCompleted | podSucceeded): OnFailure only ends well.
  const want = opts.restart === "OnFailure" ? () => phase() === "Succeeded" : terminal;
  if (!world.advanceUntil(want, POD_RUNNING_TIMEOUT_MS)) {
    stderr += "error: timed out waiting for the condition\n";
    return finish(1);
  }
  const p = current()!;
  if (p.status?.phase === "Succeeded") return finish(0);
  const term = p.status?.containerStatuses?.[0]?.state?.terminated;
  if (!term || !term.exitCode) {
    stderr += `error: pod ${ns}/${pod.metadata.name} failed with unknown exit code\n`;
    return finish(1);
  }
  stderr += `pod ${ns}/${pod.metadata.name} terminated (${term.reason ?? ""})\n${term.message ?? ""}`;
  return finish(term.exitCode);
}
