// `kubectl set resources (-f FILE | TYPE NAME) [-c NAME] --limits=cpu=200m,memory=512Mi
// --requests=…` (kubectl/pkg/cmd/set/set_resources.go): parses both lists client-side
// (HandleResourceRequirementsV1), merges them into the selected containers' resources and PUTs the
// object. Prints `<kind>/<name> resource requirements updated`; nothing when nothing changed.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { canonicalQuantity, quantityError } from "../api/quantity";
import { fail, type KubectlContext } from "./common";
import { isLocal, LOCAL_NEEDS_FILENAME, refuseLocalServerDryRun } from "./local";
import { editPodTemplates } from "./mutate";
import { globMatch, NO_RESOURCES } from "./set-env";

type Obj = Record<string, any>;

export const NO_UPDATE = "error: you must specify an update to requests or limits (in the form of --requests/--limits)";

/** populateResourceListV1: "cpu=200m,memory=512Mi" → {cpu: "200m", memory: "512Mi"}. */
export function parseResourceList(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const stmt of spec.split(",")) {
    if (stmt === "") continue;
    const parts = stmt.split("=");
    if (parts.length !== 2) fail(`error: Invalid argument syntax ${stmt}, expected <resource>=<value>`);
    const [name, value] = parts as [string, string];
    const bad = quantityError(value);
    if (bad) fail(`error: ${bad}`);
    out[name] = canonicalQuantity(value);
  }
  return out;
}

export function runSetResources(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.flags.bool("all") && inv.flags.str("selector")) fail("error: cannot set --all and --selector at the same time");
  if (!inv.args.length && !inv.flags.list("filename").length) fail(NO_RESOURCES);
  // Complete: --local takes its objects from -f alone.
  if (isLocal(inv) && inv.args.length) fail(LOCAL_NEEDS_FILENAME);
  refuseLocalServerDryRun(inv);
  const limitsText = inv.flags.str("limits");
  const requestsText = inv.flags.str("requests");
  if (!limitsText && !requestsText) fail(NO_UPDATE);
  const limits = parseResourceList(limitsText);
  const requests = parseResourceList(requestsText);
  const selector = inv.flags.changed("containers") ? inv.flags.str("containers") : "*";
  const { stdout, stderr } = editPodTemplates(ctx, inv, inv.args, {
    edit(spec) {
      const containers = ((spec.containers ?? []) as Obj[]).filter((c) => globMatch(selector, c.name));
      if (!containers.length) return `error: unable to find container named ${selector}\n`;
      for (const c of containers) {
        const res = (c.resources ??= {}) as Obj;
        if (Object.keys(limits).length) res.limits = { ...(res.limits ?? {}), ...limits };
        if (Object.keys(requests).length) res.requests = { ...(res.requests ?? {}), ...requests };
      }
      return undefined;
    },
    failed: "error: failed to patch resources update to pod template ",
    updated: "resource requirements updated",
    onlyChanged: true,
  });
  return { exitCode: stderr ? 1 : 0, stdout, stderr };
}
