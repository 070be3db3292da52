// Mirrors pkg/apis/core/validation ValidatePodSpec / validateContainers / ValidateResourceRequirements
// for the fields students write: container names, images, ports, env, probes, resources,
// restartPolicy, volumes and their mounts, tolerations.

import { duplicate, forbidden, invalid, required, unsupported, type FieldError } from "../errors";
import { compareQuantities, formatQuantity, parseQuantity, QuantityError } from "../quantity";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName } from "./names";

type Obj = Record<string, any>;

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const DNS_POLICIES = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
const TOLERATION_OPS = ["Equal", "Exists"];
const TAINT_EFFECTS = ["NoExecute", "NoSchedule", "PreferNoSchedule"];
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** helper.IsStandardResourceName's list (hugepages-* aside). */
const STANDARD_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
  "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
  "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
]);

function validatePortNumber(v: unknown, field: string, out: FieldError[]): void {
  if (typeof v !== "number" || v < 1 || v > 65535) out.push(invalid(field, v, "must be between 1 and 65535, inclusive"));
}

function validateResources(r: Obj | undefined, field: string, out: FieldError[]): void {
  if (!r) return;
  const lims = (r.limits ?? {}) as Obj;
  const reqs = (r.requests ?? {}) as Obj;
  for (const [part, m] of [["limits", lims], ["requests", reqs]] as const) {
    for (const [k, v] of Object.entries(m)) {
      const f = `${field}.${part}[${k}]`;
      // validateContainerResourceName: a qualified name; without a domain, a standard resource
      // (validateResourceName) and one a container can ask for.
      if (!k.includes("/")) {
        const nameErrs = isQualifiedName(k).map((m) => invalid(f, k, m));
        if (!nameErrs.length && !STANDARD_RESOURCES.has(k) && !k.startsWith("hugepages-")) nameErrs.push(invalid(f, k, "must be a standard resource type or fully qualified"));
        if (!["cpu", "memory", "ephemeral-storage"].includes(k) && !k.startsWith("hugepages-")) nameErrs.push(invalid(f, k, "must be a standard resource for containers"));
        if (nameErrs.length) {
          out.push(...nameErrs);
          continue;
        }
      }
      try {
        const q = parseQuantity(v);
        if (q.nanos < 0n) out.push(invalid(f, String(v), "must be greater than or equal to 0"));
      } catch (e) {
        if (!(e instanceof QuantityError)) throw e;
      }
    }
  }
  for (const [k, v] of Object.entries(reqs)) {
    const lim = lims[k];
    if (lim === undefined) continue;
    try {
      const rq = parseQuantity(v);
      const lq = parseQuantity(lim);
      if (compareQuantities(rq, lq) > 0) {
        out.push(invalid(`${field}.requests`, formatQuantity(rq), `must be less than or equal to ${k} limit of ${formatQuantity(lq)}`));
      }
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
    }
  }
}

/** validateProbe: the handler (and its port, an absent one being port 0), then the
 *  non-negative fields. */
function validateProbe(p: Obj | undefined, field: string, out: FieldError[]): void {
  if (!p) return;
  const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter((h) => p[h] != null);
  if (handlers.length === 0) out.push(required(field, "must specify a handler type"));
  else if (handlers.length > 1) out.push(forbidden(`${field}.${handlers[1]}`, "may not specify more than 1 handler type"));
  for (const where of ["httpGet", "tcpSocket"].filter((h) => p[h] != null)) {
    const port = p[where].port ?? 0;
    if (typeof port === "number") validatePortNumber(port, `${field}.${where}.port`, out);
    else if (isValidPortName(port).length) out.push(invalid(`${field}.${where}.port`, port, isValidPortName(port)[0]!));
  }
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    if (typeof p[k] === "number" && p[k] < 0) out.push(invalid(`${field}.${k}`, p[k], "must be greater than or equal to 0"));
  }
}

/** validateContainerCommon: name, image, ports, env, mounts, pull policy, resources. */
function validateContainer(c: Obj, field: string, volumes: Set<string>, out: FieldError[]): void {
  if (!c.name) out.push(required(`${field}.name`));
  else for (const m of isDNS1123Label(c.name)) out.push(invalid(`${field}.name`, c.name, m));
  if (!c.image) out.push(required(`${field}.image`));
  else if (typeof c.image === "string" && c.image.trim() !== c.image) out.push(invalid(`${field}.image`, c.image, "must not have leading or trailing whitespace"));
  const portNames = new Set<string>();
  (Array.isArray(c.ports) ? c.ports : []).forEach((p: Obj, i: number) => {
    const f = `${field}.ports[${i}]`;
    if (p.name) {
      for (const m of isValidPortName(p.name)) out.push(invalid(`${f}.name`, p.name, m));
      if (portNames.has(p.name)) out.push(duplicate(`${f}.name`, p.name));
      portNames.add(p.name);
    }
    if (p.containerPort === undefined || p.containerPort === 0) out.push(required(`${f}.containerPort`));
    else validatePortNumber(p.containerPort, `${f}.containerPort`, out);
    if (p.hostPort !== undefined && p.hostPort !== 0) validatePortNumber(p.hostPort, `${f}.hostPort`, out);
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) out.push(unsupported(`${f}.protocol`, p.protocol, PROTOCOLS));
  });
  (Array.isArray(c.env) ? c.env : []).forEach((e: Obj, i: number) => {
    const f = `${field}.env[${i}]`;
    if (!e.name) out.push(required(`${f}.name`));
    else if (!ENV_NAME.test(e.name)) out.push(invalid(`${f}.name`, e.name, "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"));
    const vf = e.valueFrom;
    if (vf) {
      if (e.value) out.push(invalid(`${f}.valueFrom`, "", "may not be specified when `value` is not empty"));
      for (const ref of ["configMapKeyRef", "secretKeyRef"]) {
        const r = vf[ref];
        if (!r) continue;
        if (!r.key) out.push(required(`${f}.valueFrom.${ref}.key`));
        else for (const m of isConfigMapKey(r.key)) out.push(invalid(`${f}.valueFrom.${ref}.key`, r.key, m));
        if (!r.name) out.push(required(`${f}.valueFrom.${ref}.name`));
      }
    }
  });
  (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).forEach((m: Obj, i: number) => {
    const f = `${field}.volumeMounts[${i}]`;
    if (!m.name) out.push(required(`${f}.name`));
    else if (!volumes.has(m.name)) out.push({ type: "NotFound", field: `${f}.name`, value: m.name });
    if (!m.mountPath) out.push(required(`${f}.mountPath`));
  });
  if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    out.push(unsupported(`${field}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  }
  validateResources(c.resources, `${field}.resources`, out);
}

/** The probes, checked after the container's common fields and its name's uniqueness. */
function validateProbes(c: Obj, field: string, out: FieldError[]): void {
  validateProbe(c.livenessProbe, `${field}.livenessProbe`, out);
  if (c.livenessProbe && c.livenessProbe.successThreshold !== undefined && c.livenessProbe.successThreshold !== 1) {
    out.push(invalid(`${field}.livenessProbe.successThreshold`, c.livenessProbe.successThreshold, "must be 1"));
  }
  validateProbe(c.readinessProbe, `${field}.readinessProbe`, out);
  validateProbe(c.startupProbe, `${field}.startupProbe`, out);
  if (c.startupProbe && c.startupProbe.successThreshold !== undefined && c.startupProbe.successThreshold !== 1) {
    out.push(invalid(`${field}.startupProbe.successThreshold`, c.startupProbe.successThreshold, "must be 1"));
  }
}

/** ValidatePodSpec. `field` is "spec" or "spec.template.spec". */
export function validatePodSpec(spec: Obj | undefined, field: string, claimTemplates: string[] = []): FieldError[] {
  const out: FieldError[] = [];
  if (!spec) return [required(`${field}.containers`)];
  const volumes = new Set<string>(claimTemplates);
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: Obj, i: number) => {
    const f = `${field}.volumes[${i}]`;
    if (!v.name) out.push(required(`${f}.name`));
    else {
      for (const m of isDNS1123Label(v.name)) out.push(invalid(`${f}.name`, v.name, m));
      if (volumes.has(v.name)) out.push(duplicate(`${f}.name`, v.name));
      volumes.add(v.name);
    }
    const sources = Object.keys(v).filter((k) => k !== "name");
    if (sources.length === 0) out.push(required(f, "must specify a volume type"));
    else if (sources.length > 1) out.push(forbidden(`${f}.${sources[1]}`, "may not specify more than 1 volume type"));
    if (v.configMap && !v.configMap.name) out.push(required(`${f}.configMap.name`));
    if (v.secret && !v.secret.secretName) out.push(required(`${f}.secret.secretName`));
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) out.push(required(`${f}.persistentVolumeClaim.claimName`));
  });
  // validateContainers then validateInitContainers: each container's common fields, its name's
  // uniqueness (init names also against the regular ones), then its probes.
  const names = new Set<string>();
  const checkAll = (list: unknown, key: string) => {
    (Array.isArray(list) ? list : []).forEach((c: Obj, i: number) => {
      const f = `${field}.${key}[${i}]`;
      validateContainer(c ?? {}, f, volumes, out);
      const rp = c?.restartPolicy;
      const init = key === "initContainers";
      if (rp !== undefined && rp !== null && !init) out.push(forbidden(`${f}.restartPolicy`, "may not be set for non-init containers"));
      if (rp !== undefined && rp !== null && init && rp !== "Always") out.push(unsupported(`${f}.restartPolicy`, rp, ["Always"]));
      if (c?.name) {
        if (names.has(c.name)) out.push(duplicate(`${f}.name`, c.name));
        names.add(c.name);
      }
      if (init && rp !== "Always") {
        // validateInitContainers: only a sidecar (restartPolicy Always) may have these.
        for (const k of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
          if (c?.[k] !== undefined && c?.[k] !== null) out.push(forbidden(`${f}.${k}`, "may not be set for init containers without restartPolicy=Always"));
        }
      } else validateProbes(c ?? {}, f, out);
    });
  };
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) out.push(required(`${field}.containers`));
  else checkAll(spec.containers, "containers");
  checkAll(spec.initContainers, "initContainers");
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    out.push(unsupported(`${field}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  }
  if (spec.dnsPolicy !== undefined && !DNS_POLICIES.includes(spec.dnsPolicy)) out.push(unsupported(`${field}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  for (const [k, v] of Object.entries((spec.nodeSelector ?? {}) as Obj)) {
    for (const m of isQualifiedName(k)) out.push(invalid(`${field}.nodeSelector`, k, m));
    void v;
  }
  if (spec.serviceAccountName) for (const m of isDNS1123Subdomain(spec.serviceAccountName)) out.push(invalid(`${field}.serviceAccountName`, spec.serviceAccountName, m));
  (Array.isArray(spec.tolerations) ? spec.tolerations : []).forEach((t: Obj, i: number) => {
    const f = `${field}.tolerations[${i}]`;
    if (t.key) for (const m of isQualifiedName(t.key)) out.push(invalid(`${f}.key`, t.key, m));
    if (!t.key && t.operator !== "Exists") out.push(invalid(`${f}.operator`, t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t.operator !== undefined && !TOLERATION_OPS.includes(t.operator)) out.push(unsupported(`${f}.operator`, t.operator, TOLERATION_OPS));
    if (t.operator === "Exists" && t.value) out.push(invalid(`${f}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) out.push(unsupported(`${f}.effect`, t.effect, TAINT_EFFECTS));
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      out.push(invalid(`${f}.effect`, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
  });
  validateSchedulingGates(spec.schedulingGates, `${field}.schedulingGates`, out);
  // ValidatePodCreate: a pod bound at creation cannot wait for gates.
  if (field === "spec" && spec.nodeName && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length) {
    out.push(forbidden(`${field}.nodeName`, "cannot be set until all schedulingGates have been cleared"));
  }
  return out;
}

/** validateSchedulingGates: each name a qualified name (the error on the entry), no duplicates. */
function validateSchedulingGates(gates: unknown, field: string, out: FieldError[]): void {
  const seen = new Set<string>();
  (Array.isArray(gates) ? gates : []).forEach((g: Obj, i: number) => {
    const name = String(g?.name ?? "");
    for (const m of isQualifiedName(name)) out.push(invalid(`${field}[${i}]`, name, m));
    if (seen.has(name)) out.push(duplicate(`${field}[${i}]`, name));
    seen.add(name);
  });
}

/**
 * validateOnlyDeletedSchedulingGates (ValidatePodUpdate): gates may be removed, never added.
 * Upstream ranges over a map, so several new gates come out in no fixed order; here in spec order.
 */
export function schedulingGateUpdateErrors(oldGates: unknown, newGates: unknown): FieldError[] {
  const before = new Set((Array.isArray(oldGates) ? oldGates : []).map((g: Obj) => g?.name));
  const out: FieldError[] = [];
  (Array.isArray(newGates) ? newGates : []).forEach((g: Obj, i: number) => {
    if (!before.has(g?.name)) out.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g?.name}'`));
  });
  return out;
}
