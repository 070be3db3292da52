// Small informational verbs: `kubectl version`, `cluster-info`, `api-versions`, `config
// current-context` and `top` (no metrics-server on a fresh cluster).

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { servedGroupVersions } from "../api/kinds";
import { parseSelector, SelectorParseError } from "../api/selectors";
import { KUBERNETES_VERSION } from "../versions";
import { goJsonMarshal } from "../../cli/format/go-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { CONNECTION_REFUSED, fail, server, usageError, type KubectlContext } from "./common";

export const KUSTOMIZE_VERSION = "v5.0.4-0.20230601165947-6ce0bf390ce3";

/** version.Info of the v1.30.0 release: kubectl's own build, and the kube-apiserver's. */
function versionInfo(buildDate: string): Record<string, string> {
  return {
    major: "1", minor: "30", gitVersion: KUBERNETES_VERSION, gitCommit: "7c48c2bd72b9bf5c44d21d7338cc7bea77d0ad2a", gitTreeState: "clean",
    buildDate, goVersion: "go1.22.2", compiler: "gc", platform: "linux/amd64",
  };
}

/**
 * `kubectl version [--client] [-o yaml|json]`: the client's version, Kustomize's, then the
 * server's; without a server, what was printed and then the connection error (exit 1).
 */
export function runVersion(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length) fail(`error: extra arguments: [${inv.args.join(" ")}]`);
  const output = inv.flags.str("output");
  if (output !== "" && output !== "yaml" && output !== "json") fail("error: --output must be 'yaml' or 'json'");
  const clientOnly = inv.flags.bool("client");
  const unreachable = !clientOnly && !ctx.cluster;
  let stdout: string;
  if (output) {
    const info: Record<string, unknown> = { clientVersion: versionInfo("2024-04-17T17:36:05Z"), kustomizeVersion: KUSTOMIZE_VERSION };
    if (!clientOnly && ctx.cluster) info.serverVersion = versionInfo("2024-04-17T17:27:03Z");
    // fmt.Fprintln of the marshalled text: YAML ends in a newline already, so a blank line follows.
    stdout = output === "json" ? goJsonMarshal(info, { indent: "  ", objects: "struct" }) + "\n" : toKubeYaml(info) + "\n";
  } else {
    stdout = `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (!clientOnly && ctx.cluster) stdout += `Server Version: ${KUBERNETES_VERSION}\n`;
  }
  if (unreachable) return { exitCode: 1, stdout, stderr: `${CONNECTION_REFUSED}\n` };
  return { exitCode: 0, stdout, stderr: "" };
}

export function runClusterInfo(ctx: KubectlContext): ExecResult {
  const cluster = server(ctx);
  const base = `https://${cluster.apiServerAddress}:6443`;
  return {
    exitCode: 0,
    stdout: `Kubernetes control plane is running at ${base}\nCoreDNS is running at ${base}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    stderr: "",
  };
}

/** `kubectl api-versions`: the served group/versions, one per line (sorted as kubectl sorts them). */
export function runApiVersions(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length) usageError(inv, `unexpected arguments: [${inv.args.join(" ")}]`);
  server(ctx);
  return { exitCode: 0, stdout: servedGroupVersions().map((v) => `${v}\n`).join(""), stderr: "" };
}

/**
 * `kubectl top node|pod`: Complete and Validate in their order (one NAME at most, --sort-by cpu
 * or memory, a name or a selector, the selector parsed client-side), then the discovery finds
 * no metrics.k8s.io: the simulated cluster runs no metrics-server.
 */
export function runTop(ctx: KubectlContext, inv: Invocation): ExecResult {
  const what = inv.path.endsWith(" node") ? "node" : "pod";
  if (inv.args.length > 1) usageError(inv, `${what} [NAME | -l label]`);
  const sortBy = inv.flags.str("sort-by");
  if (sortBy && sortBy !== "cpu" && sortBy !== "memory") fail("error: --sort-by accepts only cpu or memory");
  const selector = inv.flags.str("selector");
  if (inv.args.length && (selector || (what === "pod" && inv.flags.str("field-selector")))) {
    fail(`error: only one of NAME or ${what === "node" ? "--selector" : "selector"} can be provided`);
  }
  if (selector) {
    try {
      parseSelector(selector);
    } catch (e) {
      if (!(e instanceof SelectorParseError)) throw e;
      fail(`error: ${e.message}`);
    }
  }
  server(ctx);
  return { exitCode: 1, stdout: "", stderr: "error: Metrics API not available\n" };
}
