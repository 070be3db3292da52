// Describers for the configuration kinds: Namespace, ConfigMap, Secret, ServiceAccount
// (pkg/describe/describe.go). Secret data shows sizes only, as kubectl does.

import { base64ToUtf8 } from "../../api/server";
import { events, header, type Describer } from "./common";
import { writeAnnotations, writeMap } from "./writer";

export const describeNamespace: Describer = (cluster, o, w) => {
  w.write(0, `Name:\t${o.metadata.name}`);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `Status:\t${o.status?.phase ?? "Active"}`);
  w.write(0, "");
  w.write(0, "No resource quota.");
  w.write(0, "");
  w.write(0, "No LimitRange resource.");
  void cluster;
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
  for (const k of Object.keys(o.data ?? {}).sort()) w.write(0, `${k}:\t${base64ToUtf8(o.data[k]).length} bytes`);
  void cluster;
};

export const describeServiceAccount: Describer = (cluster, o, w) => {
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, "Image pull secrets:\t<none>");
  w.write(0, "Mountable secrets:\t<none>");
  w.write(0, "Tokens:\t<none>");
  events(cluster, o, w);
};
