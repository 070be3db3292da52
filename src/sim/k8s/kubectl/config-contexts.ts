// `kubectl config set-context|use-context|get-contexts|current-context`, following kubectl's
// cmd/config (create_context.go, use_context.go, get_contexts.go) on this machine's kubeconfig
// state (kubeconfig.ts), with the real messages and the get-contexts table.

import type { Invocation } from "../../cli/command";
import { kubectlTable, renderTable } from "../../cli/format/tabwriter";
import type { ExecResult } from "../../programs/registry";
import { fail, type KubectlContext } from "./common";
import { kubeconfigOfHost, updateKubeconfig } from "./kubeconfig";

export const NO_CONTEXT_NAME = "you must specify a non-empty context name or --current";
export const NAME_AND_CURRENT = "you cannot specify both a context name and --current";
export const CURRENT_NOT_SET = "current-context is not set";

/** cobra's ExactArgs-style failure in cmd/config: the help text on stdout, then the error. */
function unexpectedArgs(inv: Invocation): never {
  const help = inv.spec.help ?? "";
  fail(`error: Unexpected args: [${inv.args.join(" ")}]`, help.endsWith("\n") ? help : help + "\n");
}

export function runSetContext(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length > 1) unexpectedArgs(inv);
  const current = inv.flags.bool("current");
  let name = inv.args[0] ?? "";
  if (current && name) fail(`error: ${NAME_AND_CURRENT}`);
  if (current) {
    name = kubeconfigOfHost(ctx).currentContext;
    if (!name) fail(`error: ${CURRENT_NOT_SET}`);
  }
  if (!name) fail(`error: ${NO_CONTEXT_NAME}`);
  const exists = kubeconfigOfHost(ctx).contexts.some((c) => c.name === name);
  updateKubeconfig(ctx, (c) => {
    let entry = c.contexts.find((x) => x.name === name);
    if (!entry) c.contexts.push((entry = { name, cluster: "", user: "" }));
    // Only the flags given change the entry; an empty --namespace= clears it.
    if (inv.flags.changed("cluster")) entry.cluster = inv.flags.str("cluster");
    if (inv.flags.changed("user")) entry.user = inv.flags.str("user");
    if (inv.flags.changed("namespace")) {
      const ns = inv.flags.str("namespace");
      if (ns) entry.namespace = ns;
      else delete entry.namespace;
    }
  });
  return { exitCode: 0, stdout: `Context "${name}" ${exists ? "modified" : "created"}.\n`, stderr: "" };
}

export function runUseContext(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length !== 1) unexpectedArgs(inv);
  const name = inv.args[0]!;
  if (!kubeconfigOfHost(ctx).contexts.some((c) => c.name === name)) fail(`error: no context exists with the name: "${name}"`);
  updateKubeconfig(ctx, (c) => {
    c.currentContext = name;
  });
  return { exitCode: 0, stdout: `Switched to context "${name}".\n`, stderr: "" };
}

export function runGetContexts(ctx: KubectlContext, inv: Invocation): ExecResult {
  const out = inv.flags.str("output");
  if (out && out !== "name") fail(`error: --output ${out} is not available in kubectl config get-contexts; resetting to default output format`);
  const config = kubeconfigOfHost(ctx);
  const wanted = inv.args.length ? inv.args : config.contexts.map((c) => c.name);
  const rows: string[][] = [];
  const missing: string[] = [];
  let names = "";
  for (const name of wanted) {
    const c = config.contexts.find((x) => x.name === name);
    if (!c) {
      missing.push(`context ${name} not found`);
      continue;
    }
    names += `${c.name}\n`;
    rows.push([c.name === config.currentContext ? "*" : "", c.name, c.cluster, c.user, c.namespace ?? ""]);
  }
  let stdout = names;
  if (out !== "name") {
    const header = inv.flags.bool("no-headers") ? [] : [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]];
    stdout = renderTable([...header, ...rows], kubectlTable);
  }
  if (missing.length) return { exitCode: 1, stdout, stderr: missing.length === 1 ? `error: ${missing[0]}\n` : missing.join("\n") + "\n" };
  return { exitCode: 0, stdout, stderr: "" };
}

export function runCurrentContext(ctx: KubectlContext): ExecResult {
  const name = kubeconfigOfHost(ctx).currentContext;
  if (!name) return { exitCode: 1, stdout: "", stderr: `error: ${CURRENT_NOT_SET}\n` };
  return { exitCode: 0, stdout: `${name}\n`, stderr: "" };
}
