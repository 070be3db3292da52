// `kubectl config view` for the kubeadm-made admin kubeconfig (/etc/kubernetes/admin.conf as
// ~/.kube/config): one cluster "kubernetes" at the API server, user "kubernetes-admin", context
// "kubernetes-admin@kubernetes", plus the contexts `kubectl config set-context` added (kubeconfig.ts).
// Secrets print as DATA+OMITTED unless --raw (then fixed fake base64, since the simulator has no
// real certificates). Without a cluster: an empty config.

import type { Invocation } from "../../cli/command";
import { toKubeJson } from "../../cli/format/kube-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { kubectlJsonPath } from "../../cli/format/jsonpath-text";
import type { ExecResult } from "../../programs/registry";
import { kubeOf } from "../cluster";
import { fail, type KubectlContext } from "./common";
import { CLUSTER_NAME, CONTEXT_NAME, currentContextEntry, kubeconfigOfHost, USER_NAME } from "./kubeconfig";

type Obj = Record<string, any>;

export { CONTEXT_NAME };
const OMITTED = "DATA+OMITTED";
const FAKE_CERT = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmNsdXN0ZXJncmFkZQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";
const FAKE_KEY = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpjbHVzdGVyZ3JhZGUKLS0tLS1FTkQgUlNBIFBSSVZBVEUgS0VZLS0tLS0K";

/** The kubeconfig as `kubectl config view` prints it; --minify keeps what the current context uses. */
export function kubeconfigOf(ctx: KubectlContext, raw: boolean, minify = false): Obj {
  const state = kubeconfigOfHost(ctx);
  const data = (v: string) => (raw ? v : OMITTED);
  const kube = kubeOf(ctx.world);
  let clusters: Obj[] = kube ? [{ cluster: { "certificate-authority-data": data(FAKE_CERT), server: `https://${kube.apiServerAddress}:6443` }, name: CLUSTER_NAME }] : [];
  let users: Obj[] = kube ? [{ name: USER_NAME, user: { "client-certificate-data": data(FAKE_CERT), "client-key-data": data(FAKE_KEY) } }] : [];
  let contexts = state.contexts;
  if (minify) {
    const cur = currentContextEntry(state);
    if (!cur) fail("error: current-context must exist in order to minify");
    if (cur.cluster && !clusters.some((c) => c.name === cur.cluster)) fail(`error: cannot locate cluster ${cur.cluster}`);
    if (cur.user && !users.some((u) => u.name === cur.user)) fail(`error: cannot locate user ${cur.user}`);
    clusters = clusters.filter((c) => c.name === cur.cluster);
    users = users.filter((u) => u.name === cur.user);
    contexts = [cur];
  }
  const nullIfEmpty = (a: Obj[]) => (a.length ? a : null);
  return {
    apiVersion: "v1",
    clusters: nullIfEmpty(clusters),
    contexts: nullIfEmpty(contexts.map((c) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: c.name }))),
    "current-context": state.currentContext,
    kind: "Config",
    preferences: {},
    users: nullIfEmpty(users),
  };
}

export function runConfigView(ctx: KubectlContext, inv: Invocation): ExecResult {
  const config = kubeconfigOf(ctx, inv.flags.bool("raw") || inv.flags.bool("flatten"), inv.flags.bool("minify"));
  const out = inv.flags.str("output") || "yaml";
  if (out === "yaml") return { exitCode: 0, stdout: toKubeYaml(config), stderr: "" };
  if (out === "json") return { exitCode: 0, stdout: toKubeJson(config), stderr: "" };
  if (out.startsWith("jsonpath=")) {
    const t = out.slice("jsonpath=".length);
    // Text outside {…} is printed as it is: `jsonpath=.users` prints ".users".
    const r = kubectlJsonPath(t, config, { asJson: false });
    if (!r.ok) fail(r.stderr);
    return { exitCode: 0, stdout: r.stdout, stderr: "" };
  }
  fail(`error: unable to match a printer suitable for the output format "${out}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,template,templatefile,yaml`);
}
