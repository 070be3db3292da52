// Mirrors pkg/apis/core/validation ValidateService / ValidateSecret / ValidateConfigMap and
// pkg/apis/networking/validation ValidateIngress for the fields students write.

import { duplicate, forbidden, invalid, required, tooLong, unsupported, type FieldError } from "../errors";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidPortName } from "./names";

type Obj = Record<string, any>;

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const AFFINITIES = ["ClientIP", "None"];
const TRAFFIC = ["Cluster", "Local"];

export function validateService(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  const type = s.type ?? "ClusterIP";
  if (!SERVICE_TYPES.includes(type)) out.push(unsupported("spec.type", type, SERVICE_TYPES));
  const ports = (Array.isArray(s.ports) ? s.ports : []) as Obj[];
  const headless = s.clusterIP === "None";
  if (type === "ExternalName") {
    if (!s.externalName) out.push(required("spec.externalName"));
    else {
      const name = String(s.externalName).replace(/\.$/, "");
      for (const m of isDNS1123Subdomain(name)) out.push(invalid("spec.externalName", s.externalName, m));
    }
  } else if (ports.length === 0 && !headless && SERVICE_TYPES.includes(type)) {
    out.push(required("spec.ports"));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) out.push(required(`${f}.name`));
    else if (p.name) {
      for (const m of isDNS1123Label(p.name)) out.push(invalid(`${f}.name`, p.name, m));
      if (names.has(p.name)) out.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    if (typeof p.port !== "number" || p.port < 1 || p.port > 65535) out.push(invalid(`${f}.port`, p.port ?? 0, "must be between 1 and 65535, inclusive"));
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) out.push(unsupported(`${f}.protocol`, p.protocol, PROTOCOLS));
    const tp = p.targetPort;
    if (typeof tp === "number") {
      if (tp < 1 || tp > 65535) out.push(invalid(`${f}.targetPort`, tp, "must be between 1 and 65535, inclusive"));
    } else if (typeof tp === "string") {
      for (const m of isValidPortName(tp)) out.push(invalid(`${f}.targetPort`, tp, m));
    }
    if (p.nodePort !== undefined && p.nodePort !== 0 && type === "ClusterIP") {
      out.push(forbidden(`${f}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    }
  });
  if (s.sessionAffinity !== undefined && !AFFINITIES.includes(s.sessionAffinity)) out.push(unsupported("spec.sessionAffinity", s.sessionAffinity, AFFINITIES));
  if (s.externalTrafficPolicy !== undefined && s.externalTrafficPolicy !== "") {
    if (!TRAFFIC.includes(s.externalTrafficPolicy)) out.push(unsupported("spec.externalTrafficPolicy", s.externalTrafficPolicy, TRAFFIC));
    else if (type === "ClusterIP" || type === "ExternalName") {
      out.push(invalid("spec.externalTrafficPolicy", s.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
    }
  }
  if (s.internalTrafficPolicy !== undefined && !TRAFFIC.includes(s.internalTrafficPolicy)) out.push(unsupported("spec.internalTrafficPolicy", s.internalTrafficPolicy, TRAFFIC));
  for (const [k, v] of Object.entries((s.selector ?? {}) as Obj)) void k, void v;
  return out;
}

const MAX_SECRET_SIZE = 1024 * 1024;

function validateKeys(data: Obj | undefined, field: string, out: FieldError[]): number {
  let size = 0;
  for (const [k, v] of Object.entries(data ?? {})) {
    for (const m of isConfigMapKey(k)) out.push(invalid(`${field}[${k}]`, k, m));
    size += String(v ?? "").length;
  }
  return size;
}

export function validateSecret(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const data = (o.data ?? {}) as Obj;
  const size = validateKeys(data, "data", out);
  if (size > MAX_SECRET_SIZE) out.push(tooLong("data", MAX_SECRET_SIZE));
  const needs = (key: string) => {
    if (data[key] === undefined) out.push(required(`data[${key}]`));
  };
  switch (o.type) {
    case "kubernetes.io/dockerconfigjson":
      needs(".dockerconfigjson");
      if (data[".dockerconfigjson"] !== undefined) {
        try {
          JSON.parse(atob(data[".dockerconfigjson"]));
        } catch (e) {
          out.push(invalid("data[.dockerconfigjson]", "<secret contents redacted>", String((e as Error).message)));
        }
      }
      break;
    case "kubernetes.io/dockercfg":
      needs(".dockercfg");
      break;
    case "kubernetes.io/tls":
      needs("tls.key");
      needs("tls.crt");
      break;
    case "kubernetes.io/ssh-auth":
      needs("ssh-privatekey");
      break;
    case "kubernetes.io/basic-auth":
      if (data.username === undefined && data.password === undefined) out.push(required("data[username]"));
      break;
    case "kubernetes.io/service-account-token":
      if (!o.metadata?.annotations?.["kubernetes.io/service-account.name"]) {
        out.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
      }
      break;
  }
  return out;
}

export function validateConfigMap(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const size = validateKeys(o.data, "data", out) + validateKeys(o.binaryData, "binaryData", out);
  for (const k of Object.keys(o.binaryData ?? {})) {
    if (o.data && k in o.data) out.push(invalid(`binaryData[${k}]`, k, "duplicate of key present in data"));
  }
  if (size > MAX_SECRET_SIZE) out.push(tooLong("", MAX_SECRET_SIZE));
  return out;
}

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

export function validateIngress(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const s = (o.spec ?? {}) as Obj;
  const rules = (Array.isArray(s.rules) ? s.rules : []) as Obj[];
  if (rules.length === 0 && !s.defaultBackend) out.push(invalid("spec.rules", [], "either `defaultBackend` or `rules` must be specified", "[]networking.IngressRule(nil)"));
  rules.forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    if (r.host) {
      const h = String(r.host).startsWith("*.") ? String(r.host).slice(2) : String(r.host);
      for (const m of isDNS1123Subdomain(h)) out.push(invalid(`${f}.host`, r.host, m));
    }
    const paths = (Array.isArray(r.http?.paths) ? r.http.paths : []) as Obj[];
    if (r.http && paths.length === 0) out.push(required(`${f}.http.paths`));
    paths.forEach((p, j) => {
      const pf = `${f}.http.paths[${j}]`;
      if (!p.pathType) out.push(required(`${pf}.pathType`, "pathType must be specified"));
      else if (!PATH_TYPES.includes(p.pathType)) out.push(unsupported(`${pf}.pathType`, p.pathType, PATH_TYPES));
      if ((p.pathType === "Exact" || p.pathType === "Prefix") && !String(p.path ?? "").startsWith("/")) {
        out.push(invalid(`${pf}.path`, p.path ?? "", "must be an absolute path"));
      }
      const svc = p.backend?.service;
      if (!svc && !p.backend?.resource) out.push(invalid(`${pf}.backend`, "", "one backend (service or resource) must be specified", "networking.IngressBackend{Service:(*networking.IngressServiceBackend)(nil), Resource:(*core.TypedLocalObjectReference)(nil)}"));
      if (svc) {
        if (!svc.name) out.push(required(`${pf}.backend.service.name`));
        const port = svc.port ?? {};
        if (port.name && port.number) out.push(invalid(`${pf}.backend.service.port`, port, "cannot set both port name & port number", ""));
        else if (!port.name && !port.number) out.push(invalid(`${pf}.backend.service.port`, port, "port name or number is required", "networking.ServiceBackendPort{Name:\"\", Number:0}"));
      }
    });
  });
  return out;
}
