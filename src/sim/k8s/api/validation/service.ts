// Mirrors pkg/apis/core/validation ValidateService / ValidateSecret / ValidateConfigMap and
// pkg/apis/networking/validation ValidateIngress for the fields students write.

import { duplicate, forbidden, invalid, required, tooLong, unsupported, type FieldError } from "../errors";
import { isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName, isValidPortName, isWildcardDNS1123Subdomain } from "./names";

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
  // ValidateIngressSpec (networking/validation): rules or a default backend, each backend,
  // the rules (host, paths), TLS hosts and secret names, the class name.
  const out: FieldError[] = [];
  const s = (o.spec ?? {}) as Obj;
  const rules = (Array.isArray(s.rules) ? s.rules : []) as Obj[];
  if (rules.length === 0 && !s.defaultBackend) out.push(invalid("spec", [], "either `defaultBackend` or `rules` must be specified", "[]networking.IngressRule(nil)"));
  if (s.defaultBackend) validateIngressBackend(s.defaultBackend, "spec.defaultBackend", out);
  rules.forEach((r, i) => {
    const f = `spec.rules[${i}]`;
    const host = typeof r.host === "string" ? r.host : "";
    if (host) {
      if (isIP(host)) out.push(invalid(`${f}.host`, host, "must be a DNS name, not an IP address"));
      const msgs = host.includes("*") ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) out.push(invalid(`${f}.host`, host, m));
    }
    if (!r.http) return;
    const paths = (Array.isArray(r.http.paths) ? r.http.paths : []) as Obj[];
    if (paths.length === 0) out.push(required(`${f}.http.paths`));
    paths.forEach((p, j) => validateHTTPIngressPath(p ?? {}, `${f}.http.paths[${j}]`, out));
  });
  ((Array.isArray(s.tls) ? s.tls : []) as Obj[]).forEach((t, i) => {
    ((Array.isArray(t?.hosts) ? t.hosts : []) as string[]).forEach((h, j) => {
      const msgs = String(h).includes("*") ? isWildcardDNS1123Subdomain(String(h)) : isDNS1123Subdomain(String(h));
      for (const m of msgs) out.push(invalid(`spec.tls[${i}].hosts[${j}]`, h, m));
    });
    if (t?.secretName) for (const m of isDNS1123Subdomain(String(t.secretName))) out.push(invalid(`spec.tls[${i}].secretName`, t.secretName, m));
  });
  if (typeof s.ingressClassName === "string") for (const m of isDNS1123Subdomain(s.ingressClassName)) out.push(invalid("spec.ingressClassName", s.ingressClassName, m));
  return out;
}

const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];

/** validateHTTPIngressPath: the path type first (nothing else is checked without one), then the backend. */
function validateHTTPIngressPath(p: Obj, f: string, out: FieldError[]): void {
  if (!p.pathType) {
    out.push(required(`${f}.pathType`, "pathType must be specified"));
    return;
  }
  const path = typeof p.path === "string" ? p.path : "";
  if (p.pathType === "Exact" || p.pathType === "Prefix") {
    if (!path.startsWith("/")) out.push(invalid(`${f}.path`, path, "must be an absolute path"));
    if (path) {
      for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) out.push(invalid(`${f}.path`, path, `must not contain '${seq}'`));
      for (const suf of INVALID_PATH_SUFFIXES) if (path.endsWith(suf)) out.push(invalid(`${f}.path`, path, `cannot end with '${suf}'`));
    }
  } else if (p.pathType === "ImplementationSpecific") {
    if (path && !path.startsWith("/")) out.push(invalid(`${f}.path`, path, "must be an absolute path"));
  } else {
    out.push(unsupported(`${f}.pathType`, p.pathType, PATH_TYPES));
  }
  validateIngressBackend(p.backend ?? {}, `${f}.backend`, out);
}

/** validateIngressBackend: exactly one of service (named, with a port name or number) and resource. */
function validateIngressBackend(b: Obj, f: string, out: FieldError[]): void {
  const svc = b.service;
  const res = b.resource;
  if (svc && res) {
    out.push(invalid(f, "", "cannot set both resource and service backends"));
    return;
  }
  if (res) {
    if (!res.kind) out.push(required(`${f}.resource.kind`, "kind is required"));
    else for (const m of isValidPathSegmentName(String(res.kind))) out.push(invalid(`${f}.resource.kind`, res.kind, m));
    if (!res.name) out.push(required(`${f}.resource.name`, "name is required"));
    else for (const m of isValidPathSegmentName(String(res.name))) out.push(invalid(`${f}.resource.name`, res.name, m));
    return;
  }
  if (!svc) {
    out.push(invalid(f, "", "resource or service backend is required"));
    return;
  }
  if (!svc.name) out.push(required(`${f}.service.name`));
  else for (const m of isDNS1035Label(String(svc.name))) out.push(invalid(`${f}.service.name`, svc.name, m));
  const port = (svc.port ?? {}) as Obj;
  const name = typeof port.name === "string" ? port.name : "";
  const number = typeof port.number === "number" ? port.number : 0;
  if (name && number) out.push(invalid(f, "", "cannot set both port name & port number"));
  else if (name) for (const m of isValidPortName(name)) out.push(invalid(`${f}.service.port.name`, name, m));
  else if (number) {
    if (number < 1 || number > 65535) out.push(invalid(`${f}.service.port.number`, number, "must be between 1 and 65535, inclusive"));
  } else out.push(required(f, "port name or number is required"));
}

/** net.ParseIP: a dotted IPv4 address or an IPv6 one. */
function isIP(v: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(v)) return v.split(".").every((x) => Number(x) <= 255 && (x === "0" || !x.startsWith("0")));
  return v.includes(":") && /^[0-9a-fA-F:.]+$/.test(v);
}
