// `kubectl describe TYPE [NAME_PREFIX]` / TYPE/NAME / -l: objects found by exact name, else (for
// `describe TYPE NAME` alone) by name prefix; several objects are separated by a blank line.

import type { Invocation } from "../../../cli/command";
import type { ExecResult } from "../../../programs/registry";
import { notFoundError, renderStatusError } from "../../api/errors";
import { qualifiedResource } from "../../api/kinds";
import type { KObject } from "../../store";
import { allNamespaces, fail, namespaceOf, refuseNamesWithSelector, refusePathsWithArgs, selectResources, server, type KubectlContext, type ResourceSelection } from "../common";
import { readManifests } from "../manifests";
import { listSelectedOrFail, listSelectorsOf } from "../list-selectors";
import { describeObject } from "./kinds";

export function runDescribe(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (!inv.args.length && !inv.flags.list("filename").length) {
    fail('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const cluster = server(ctx);
  const files = inv.flags.list("filename");
  refusePathsWithArgs(files, inv.args);
  // -f: the objects the files name (in their own namespace, else -n's), described as they are stored.
  const read = files.length ? readManifests(ctx, files, inv.flags.bool("recursive")) : undefined;
  const sel: ResourceSelection = read
    ? { types: [], all: false, named: read.objects.map((m) => ({ info: m.info, name: String(m.obj.metadata?.name ?? ""), namespace: m.obj.metadata?.namespace })) }
    : selectResources(inv.args);
  refuseNamesWithSelector(inv, sel.named.length);
  const ns = namespaceOf(inv);
  const all = allNamespaces(inv);
  const selectors = listSelectorsOf(inv);
  const objs: KObject[] = [];
  let stderr = "";
  if (sel.named.length) {
    // Name prefixes are tried only for exactly `describe TYPE NAME` (kubectl's
    // DescribeMatchingResources), and print each match followed by a newline of its own.
    const byPrefix = !read && inv.args.length === 2 && !inv.args[0]!.includes("/") && sel.named.length === 1;
    for (const { info, name, namespace } of sel.named) {
      const exact = cluster.store.get(info.kind, info.namespaced ? namespace ?? ns : undefined, name);
      if (exact) {
        objs.push(exact);
        continue;
      }
      const prefixed = byPrefix ? cluster.store.list(info.kind, info.namespaced ? ns : undefined).filter((o) => o.metadata.name.startsWith(name)) : [];
      if (prefixed.length) return { exitCode: 0, stdout: prefixed.map((o) => describeObject(cluster, o) + "\n").join(""), stderr: "" };
      stderr += renderStatusError(notFoundError(qualifiedResource(info), name)) + "\n";
    }
  } else if (!read) {
    for (const info of sel.types) objs.push(...listSelectedOrFail(cluster, info, all ? undefined : ns, selectors));
    if (!objs.length) {
      const namespaced = sel.types.some((t) => t.namespaced);
      return { exitCode: 0, stdout: "", stderr: all || !namespaced ? "No resources found\n" : `No resources found in ${ns} namespace.\n` };
    }
  }
  for (const e of read?.errors ?? []) stderr += `error: ${e}\n`;
  if (read && !read.objects.length && !read.errors.length) return { exitCode: 0, stdout: "", stderr: `No resources found in ${ns} namespace.\n` };
  const stdout = objs.map((o) => describeObject(cluster, o)).join("\n\n");
  return { exitCode: stderr ? 1 : 0, stdout: stdout ? stdout : "", stderr };
}
