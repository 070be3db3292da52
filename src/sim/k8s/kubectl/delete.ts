// `kubectl delete`: by TYPE NAME…, TYPE/NAME, -f FILE, TYPE -l SELECTOR or TYPE --all; waits
// (on the virtual clock) until the objects are gone, as --wait=true does; --force
// --grace-period=0 deletes at once with the real warning; --cascade background|foreground|orphan.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { notFoundError, renderStatusError, StatusError } from "../api/errors";
import { KINDS, kindPrefix, qualifiedResource, type KindInfo } from "../api/kinds";
import { parseDuration } from "../../clock";
import type { KObject } from "../store";
import { allNamespaces, fail, namespaceOf, refuseNamesWithSelector, refusePathsWithArgs, selectResources, server, statusText, type KubectlContext } from "./common";
import { listSelected, listSelectorsOf } from "./list-selectors";
import { readManifests } from "./manifests";
import { refuseKustomize } from "./local";
import { dryRunMode, dryRunSuffix } from "./apply";

export const NO_RESOURCES_MESSAGE =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export const FORCE_DELETE_WARNING =
  "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

/** How long `kubectl delete` waits at most (virtual): the pod grace period plus slack. */
const WAIT_CAP_MS = 10 * 60_000;

/** strconv.ParseBool's spellings. */
const PARSE_BOOL: Record<string, boolean> = { "1": true, t: true, T: true, TRUE: true, true: true, True: true, "0": false, f: false, F: false, FALSE: false, false: false, False: false };

export function runDelete(ctx: KubectlContext, inv: Invocation): ExecResult {
  refuseKustomize(ctx, inv);
  const files = inv.flags.list("filename");
  let cascade = inv.flags.str("cascade") || "background";
  // GetCascadingStrategy: a strconv.ParseBool value is the deprecated boolean form, with a warning.
  let stderr = "";
  const asBool = PARSE_BOOL[cascade];
  if (asBool !== undefined) {
    stderr += `warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${asBool ? "background" : "orphan"}.\n`;
    cascade = asBool ? "background" : "orphan";
  } else if (!["background", "foreground", "orphan"].includes(cascade)) {
    fail(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  }
  // DeleteOptions.Complete / Validate, in their order.
  if (inv.flags.bool("now") && inv.flags.changed("grace-period") && inv.flags.int("grace-period") !== -1) fail("error: --now and --grace-period cannot be specified together");
  if (inv.flags.bool("all") && inv.flags.str("selector")) fail("error: setting 'all' parameter but found a non empty selector. ");
  if (inv.flags.bool("force") && inv.flags.changed("grace-period") && inv.flags.int("grace-period") > 0) fail("error: --force and --grace-period greater than 0 cannot be specified together");
  const mode = dryRunMode(inv);
  if (!files.length && inv.args.length === 0) {
    // The builder: --all, -l or --field-selector without a type is its selector error.
    const selecting = inv.flags.bool("all") || inv.flags.str("selector") || inv.flags.str("field-selector");
    fail(selecting ? "error: at least one resource must be specified to use a selector" : NO_RESOURCES_MESSAGE);
  }
  // Validate: delete prints names only.
  const output = inv.flags.str("output");
  if (output && output !== "name") fail(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  const selectors = listSelectorsOf(inv);
  // `source`: the file an object was read from (deleteResource adds it to the server's error).
  const targets: { info: KindInfo; ns: string | undefined; name: string; source?: string; refused?: string }[] = [];
  let stdout = "";
  let failed = false;
  // An explicit -n is enforced on the files' objects (the builder's RequireNamespace): one naming
  // another namespace is an error, the others are still deleted.
  const enforced = inv.flags.changed("namespace") ? inv.flags.str("namespace") : "";
  if (files.length) {
    refusePathsWithArgs(files, inv.args);
    const read = readManifests(ctx, files, inv.flags.bool("recursive"));
    for (const m of read.objects) {
      const own = m.obj.metadata?.namespace as string | undefined;
      if (m.info.namespaced && enforced && own && own !== enforced) {
        targets.push({ info: m.info, ns: own, name: m.obj.metadata?.name ?? "", refused: `the namespace from the provided object "${own}" does not match the namespace "${enforced}". You must pass '--namespace=${own}' to perform this operation.` });
        continue;
      }
      targets.push({ info: m.info, ns: m.info.namespaced ? own ?? ns : undefined, name: m.obj.metadata?.name ?? "", source: m.source });
    }
    for (const e of read.errors) {
      stderr += `error: ${e}\n`;
      failed = true;
    }
    if (!read.objects.length && !read.errors.length) return { exitCode: 0, stdout: "No resources found\n", stderr: "" };
  } else {
    const sel = selectResources(inv.args);
    refuseNamesWithSelector(inv, sel.named.length);
    if (sel.named.length) {
      for (const n of sel.named) targets.push({ info: n.info, ns: n.info.namespaced ? ns : undefined, name: n.name });
    } else {
      if (!selectors.label && !selectors.field && !inv.flags.bool("all")) fail("error: resource(s) were provided, but no name was specified");
      const all = allNamespaces(inv);
      let found = 0;
      for (const info of sel.types) {
        let objs: KObject[];
        try {
          objs = listSelected(cluster, info, all ? undefined : ns, selectors);
        } catch (e) {
          // The visitor continues on error; a refused list is reported and nothing said of "found".
          stderr += statusText(e) + "\n";
          failed = true;
          continue;
        }
        for (const o of objs) {
          found++;
          targets.push({ info, ns: o.metadata.namespace, name: o.metadata.name });
        }
      }
      if (!found && !failed) return { exitCode: 0, stdout: "No resources found\n", stderr: "" };
    }
  }
  const force = inv.flags.bool("force");
  let grace = inv.flags.changed("grace-period") ? inv.flags.int("grace-period") : -1;
  if (inv.flags.bool("now")) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace === 0) stderr += FORCE_DELETE_WARNING + "\n";
  const deleted: KObject[] = [];
  // The visitor's errors are printed at the end, each on a line of its own ("error: " when
  // there is just one); the cluster-scope warning as the first cluster-scoped object goes.
  const errors: string[] = [];
  let warnClusterScope = !!enforced && !allNamespaces(inv);
  for (const t of targets) {
    if (t.refused) {
      errors.push(t.refused);
      continue;
    }
    if (warnClusterScope && !t.info.namespaced) {
      stderr += "Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n";
      warnClusterScope = false;
    }
    // The builder does not fetch what delete names (RequireObject(false)): a client dry run
    // prints every target without asking the server whether it exists.
    if (mode === "client") {
      const word = force && grace === 0 ? "force deleted" : "deleted";
      stdout += inv.flags.str("output") === "name" ? `${kindPrefix(t.info)}/${t.name}\n` : `${kindPrefix(t.info)} "${t.name}" ${word}${dryRunSuffix(mode)}\n`;
      continue;
    }
    try {
      const obj = cluster.store.get(t.info.kind, t.ns, t.name);
      if (!obj) {
        if (inv.flags.bool("ignore-not-found")) continue;
        throw notFoundError(qualifiedResource(t.info), t.name);
      }
      cluster.api.delete(t.info, t.ns, t.name, {
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        cascade: cascade === "orphan" ? "orphan" : "background",
        dryRun: mode !== "none",
      });
      deleted.push(obj);
      const word = force && grace === 0 ? "force deleted" : "deleted";
      stdout += inv.flags.str("output") === "name" ? `${kindPrefix(t.info)}/${t.name}\n` : `${kindPrefix(t.info)} "${t.name}" ${word}${dryRunSuffix(mode)}\n`;
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      errors.push(renderStatusError(e, t.source ? `error when deleting "${t.source}": ` : ""));
      failed = true;
    }
  }
  if (errors.length === 1 && targets.some((t) => t.refused)) stderr += `error: ${errors[0]}\n`;
  else stderr += errors.map((e) => e + "\n").join("");
  if (errors.length) failed = true;
  if (mode === "none" && inv.flags.bool("wait") && deleted.length) {
    const goneOne = (o: KObject) => cluster.store.get(o.kind, o.metadata.namespace, o.metadata.name)?.metadata.uid !== o.metadata.uid;
    // The wait for deletion (cmdwait, --for=delete): --timeout, else a week (our cap).
    const timeout = parseDuration(inv.flags.str("timeout") || "0s") || WAIT_CAP_MS;
    cluster.world.advanceUntil(() => deleted.every(goneOne), Math.min(timeout, WAIT_CAP_MS));
    const left = deleted.find((o) => !goneOne(o));
    if (left) {
      stderr += `error: timed out waiting for the condition on ${KINDS.find((k) => k.kind === left.kind)?.resource ?? left.kind}/${left.metadata.name}\n`;
      failed = true;
    }
  } else {
    cluster.world.settle();
  }
  return { exitCode: failed ? 1 : 0, stdout, stderr };
}
