// Describers for the configuration kinds: Namespace, ConfigMap, Secret, ServiceAccount
// (pkg/describe/describe.go). Secret data shows sizes only, as kubectl does.

import { base64ToUtf8 } from "../../api/server";
import { events, header, type Describer } from "./common";
import { writeNamespacePolicies } from "./policy-kinds";
import { rfc1123z, writeAnnotations, writeMap, type Obj } from "./writer";

export const describeNamespace: Describer = (cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Status:\t${o.status?.phase ?? "Active"}`);
  const conds = (o.status?.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, "Conditions:");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage");
    w.write(1, "----\t------\t------------------\t------\t-------");
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ""}\t${c.message ?? ""}`);
  }
  writeNamespacePolicies(w, cluster.store.list("ResourceQuota", o.metadata.name) as Obj[], cluster.store.list("LimitRange", o.metadata.name) as Obj[]);
};

export const describeConfigMap: Describer = (cluster, o, w) => {
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, "");
  w.write(0, "Data");
  w.write(0, "====");
  for (const k of Object.keys(o.data ?? {}).sort()) {
    w.write(0, `${k}:`);
    w.write(0, "----");
    // `%s:\n----\n` then `%s\n`: no blank line between entries (a value's own final
    // newline shows as one).
    w.write(0, String(o.data[k]));
  }
  w.write(0, "");
  w.write(0, "BinaryData");
  w.write(0, "====");
  for (const k of Object.keys(o.binaryData ?? {}).sort()) w.write(0, `${k}: ${base64ToUtf8(o.binaryData[k]).length} bytes`);
  w.write(0, "");
  events(cluster, o, w);
};

export const describeSecret: Describer = (cluster, o, w) => {
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, "");
  w.write(0, `Type:\t${o.type ?? "Opaque"}`);
  w.write(0, "");
  w.write(0, "Data");
  w.write(0, "====");
  // A service-account token secret shows its token; every other value only its size.
  for (const k of Object.keys(o.data ?? {}).sort()) {
    const value = base64ToUtf8(o.data[k]);
    w.write(0, k === "token" && o.type === "kubernetes.io/service-account-token" ? `${k}:\t${value}` : `${k}:\t${value.length} bytes`);
  }
  void cluster;
};

export const describeServiceAccount: Describer = (cluster, o, w) => {
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  // The three headers are padded to one width and listed in sorted order; a referenced secret
  // that does not exist is marked `(not found)`; Tokens are the service-account-token secrets
  // annotated with this account's name and UID.
  const secrets = cluster.store.list("Secret", o.metadata.namespace) as Obj[];
  const existing = new Set(secrets.map((x) => x.metadata.name as string));
  const tokens = secrets.filter((x) => x.type === "kubernetes.io/service-account-token" &&
    x.metadata.annotations?.["kubernetes.io/service-account.name"] === o.metadata.name &&
    x.metadata.annotations?.["kubernetes.io/service-account.uid"] === o.metadata.uid).map((x) => x.metadata.name as string);
  const names = (refs: unknown) => ((Array.isArray(refs) ? refs : []) as Obj[]).map((r) => String(r.name ?? ""));
  const rows: [string, string[], boolean][] = [
    ["Image pull secrets:", names(o.imagePullSecrets), true],
    ["Mountable secrets: ", names(o.secrets), true],
    ["Tokens:            ", tokens, false],
  ];
  for (const [head, list, check] of rows) {
    if (!list.length) w.write(0, `${head}\t<none>`);
    list.forEach((n, i) => w.write(0, `${i === 0 ? head : "                   "}\t${n}${check && !existing.has(n) ? " (not found)" : ""}`));
  }
  events(cluster, o, w);
};
