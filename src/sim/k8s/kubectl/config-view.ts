// `kubectl config view` for the kubeadm-made admin kubeconfig (/etc/kubernetes/admin.conf as
// ~/.kube/config): one cluster "kubernetes" at the API server, user "kubernetes-admin", context
// "kubernetes-admin@kubernetes". Secrets print as DATA+OMITTED unless --raw (then fixed fake
// base64, since the simulator has no real certificates). Without a cluster: an empty config.

import type { Invocation } from "../../cli/command";
import { toKubeJson } from "../../cli/format/kube-json";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { kubectlJsonPath } from "../../cli/format/jsonpath-text";
import type { ExecResult } from "../../programs/registry";
import { fail, type KubectlContext } from "./common";

type Obj = Record<string, any>;

export const CONTEXT_NAME = "kubernetes-admin@kubernetes";
const OMITTED = "DATA+OMITTED";
const FAKE_CERT = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmNsdXN0ZXJncmFkZQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";
const FAKE_KEY = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpjbHVzdGVyZ3JhZGUKLS0tLS1FTkQgUlNBIFBSSVZBVEUgS0VZLS0tLS0K";

export function kubeconfigOf(ctx: KubectlContext, raw: boolean): Obj {
  if (!ctx.cluster) return { apiVersion: "v1", clusters: null, contexts: null, "current-context": "", kind: "Config", preferences: {}, users: null };
  const data = (v: string) => (raw ? v : OMITTED);
  return {
    apiVersion: "v1",
    clusters: [{ cluster: { "certificate-authority-data": data(FAKE_CERT), server: `https://${ctx.cluster.apiServerAddress}:6443` }, name: "kubernetes" }],
    contexts: [{ context: { cluster: "kubernetes", user: "kubernetes-admin" }, name: CONTEXT_NAME }],
    "current-context": CONTEXT_NAME,
    kind: "Config",
    preferences: {},
    users: [{ name: "kubernetes-admin", user: { "client-certificate-data": data(FAKE_CERT), "client-key-data": data(FAKE_KEY) } }],
  };
}

export function runConfigView(ctx: KubectlContext, inv: Invocation): ExecResult {
  const config = kubeconfigOf(ctx, inv.flags.bool("raw") || inv.flags.bool("flatten"));
  const out = inv.flags.str("output") || "yaml";
  if (out === "yaml") return { exitCode: 0, stdout: toKubeYaml(config), stderr: "" };
  if (out === "json") return { exitCode: 0, stdout: toKubeJson(config), stderr: "" };
  if (out.startsWith("jsonpath=")) {
    const t = out.slice("jsonpath=".length);
    const r = kubectlJsonPath(/[{}]/.test(t) ? t : `{${t}}`, config, { asJson: false });
    if (!r.ok) fail(r.stderr);
    return { exitCode: 0, stdout: r.stdout, stderr: "" };
  }
  fail(`error: unable to match a printer suitable for the output format "${out}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,template,templatefile,yaml`);
}
