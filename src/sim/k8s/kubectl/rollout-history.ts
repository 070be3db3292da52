// `kubectl rollout history` (kubectl/pkg/cmd/rollout/rollout_history.go with polymorphichelpers'
// HistoryViewerFor): the builder visits every object named (a bare TYPE means all of them) and
// goes on after errors. Each object's history prints as `<kind>/<name> ` then the viewer's
// REVISION/CHANGE-CAUSE table (or, with --revision, the revision's pod template); with -o the
// revisions' own objects print instead (a Deployment's ReplicaSets, a DaemonSet's or
// StatefulSet's ControllerRevisions), oldest first. Kinds without a viewer are errors, listed
// after what printed.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { renderTable } from "../../cli/format/tabwriter";
import { renderStatusError, StatusError } from "../api/errors";
import { kindInfo } from "../api/kinds";
import type { KubeCluster } from "../cluster";
import type { KObject } from "../store";
import { fail, KubectlExit, refOf, server, type KubectlContext } from "./common";
import { visitEach } from "./label";
import { describePodTemplate } from "./describe/pod-template";
import { outputRequested, parseOutput, printStructured, templateSource } from "./output";
import { CHANGE_CAUSE, controllerRevisions, revisionsOf } from "./rollout";

type Obj = Record<string, any>;

/** kubectl/pkg/apps GroupKindElement.Accept: the kinds HistoryViewerFor can visit at all. */
export const VISITABLE_KINDS = ["DaemonSet", "Deployment", "Job", "Pod", "ReplicaSet", "ReplicationController", "StatefulSet", "CronJob"];
const WITH_VIEWER = new Set(["Deployment", "DaemonSet", "StatefulSet"]);

/** HistoryViewerFor's error for a kind with no viewer, without the "error: " CheckErr adds. */
function viewerRefusal(kind: string): string | undefined {
  if (WITH_VIEWER.has(kind)) return undefined;
  const group = kindInfo(kind)?.group ?? "";
  const gk = group ? `${kind}.${group}` : kind;
  if (VISITABLE_KINDS.includes(kind)) return `no history viewer has been implemented for "${gk}"`;
  return `error retrieving history for "${gk}", no visitor method exists for {${group} ${kind}}`;
}

interface Revision {
  rev: number;
  cause: string | undefined;
  template: Obj | undefined;
  /** What GetHistory hands the printer under -o. */
  obj: Obj;
}

function historyOf(cluster: KubeCluster, o: KObject): Revision[] {
  if (o.kind === "Deployment") {
    return revisionsOf(cluster, o).map((x) => ({ rev: x.rev, cause: x.rs.metadata.annotations?.[CHANGE_CAUSE], template: x.rs.spec?.template, obj: x.rs }));
  }
  return controllerRevisions(cluster, o).map((x) => ({ rev: x.rev, cause: x.cr.metadata.annotations?.[CHANGE_CAUSE], template: x.cr.data?.spec?.template, obj: x.cr }));
}

/** The viewer's text for one object (ViewHistory), or its error. */
function viewHistory(o: KObject, entries: Revision[], wanted: number): { text: string } | { error: string } {
  // ViewHistory answers "No rollout history found." before it looks at --revision.
  if (!entries.length) return { text: "No rollout history found." };
  if (wanted > 0) {
    const e = entries.find((x) => x.rev === wanted);
    if (!e) return { error: "unable to find the specified revision" };
    // The ReplicaSet's own template, pod-template-hash label included; for Deployments kubectl
    // copies the ReplicaSet's change-cause into the template's annotations before printing.
    const tpl = deepClone(e.template ?? {}) as Obj;
    if (o.kind === "Deployment" && e.cause) tpl.metadata = { ...tpl.metadata, annotations: { ...tpl.metadata?.annotations, [CHANGE_CAUSE]: e.cause } };
    return { text: describePodTemplate(tpl) };
  }
  const rows = [["REVISION", "CHANGE-CAUSE"], ...entries.map((e) => [String(e.rev), e.cause ?? "<none>"])];
  return { text: renderTable(rows, { minWidth: 0, padding: 2, padChar: " " }) };
}

export function runRolloutHistory(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length && !inv.flags.list("filename").length) fail("error: required resource not specified");
  const wanted = inv.flags.int("revision");
  if (wanted < 0) fail(`error: revision must be a positive integer: ${wanted}`);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const cluster = server(ctx);
  let visited: { obj?: KObject; error?: string }[];
  try {
    visited = visitEach(ctx, inv, inv.args, true);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  // The visit's errors in visit order, aggregated: one alone prints in full, several one a line,
  // a plain error then without its "error: " (MultipleErrors).
  const errs: { alone: string; listed: string }[] = [];
  const plain = (e: string) => errs.push({ alone: `error: ${e}`, listed: e });
  let stdout = "";
  for (const { obj: o, error } of visited) {
    if (!o) {
      errs.push({ alone: error!, listed: error! });
      continue;
    }
    const refusal = viewerRefusal(o.kind);
    if (refusal) {
      plain(refusal);
      continue;
    }
    const entries = historyOf(cluster, o);
    if (fmt) {
      // A new printer for each object, so YAML separates only one object's revisions.
      const picked = wanted > 0 ? [entries.find((e) => e.rev === wanted)?.obj] : entries.map((e) => e.obj);
      // kubectl 1.30 hands the printer a nil object for a revision it does not have, and panics.
      if (picked.some((x) => !x)) throw new KubectlExit({ exitCode: 2, stdout, stderr: "panic: reflect: call of reflect.Value.Type on zero Value\n\ngoroutine 1 [running]:\n" });
      stdout += (picked as KObject[]).map((x) => printStructured([x], fmt, true, { typed: true })).join(fmt.kind === "yaml" ? "---\n" : "");
      continue;
    }
    const view = viewHistory(o, entries, wanted);
    if ("error" in view) {
      plain(view.error);
      continue;
    }
    // The name printer with the operation "<with revision #N>\n<history>": hence the space
    // after the name when no revision was asked for.
    stdout += `${refOf(o)} ${wanted > 0 ? `with revision #${wanted}` : ""}\n${view.text}\n`;
  }
  const stderr = errs.length === 1 ? errs[0]!.alone + "\n" : errs.map((e) => e.listed + "\n").join("");
  return { exitCode: errs.length ? 1 : 0, stdout, stderr };
}
