// Schema validation with the two real wordings: compose-go (docker compose v2: `services.web
// additional properties 'imag' not allowed`, `must be a array`) and docker/cli's v3 loader used
// by `docker stack` (gojsonschema: `services.web Additional property imag is not allowed`,
// `must be a list`). Both pick the most specific error the way their upstream does.

import composeSpec from "./schema/compose-spec.json";
import { SchemaValidator, type SchemaError } from "./json-schema";
import { V3_FORMATS } from "./stack-formats";

const composeValidator = new SchemaValidator(composeSpec as Record<string, unknown>);

/** The keys docker/cli's v3.x schema (3.13) allows on a service (compose-spec has more). */
export const V3_SERVICE_KEYS = [
  "build", "cap_add", "cap_drop", "cgroupns_mode", "cgroup_parent", "command", "configs", "container_name",
  "credential_spec", "depends_on", "deploy", "devices", "dns", "dns_search", "domainname", "entrypoint", "env_file",
  "environment", "expose", "external_links", "extra_hosts", "healthcheck", "hostname", "image", "init", "ipc",
  "isolation", "labels", "links", "logging", "mac_address", "network_mode", "networks", "pid", "ports", "privileged",
  "read_only", "restart", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
  "sysctls", "tmpfs", "tty", "ulimits", "user", "userns_mode", "volumes", "working_dir", "oom_score_adj",
];
export const V3_ROOT_KEYS = ["version", "services", "networks", "volumes", "secrets", "configs"];

/** Versions docker/cli 28 ships a schema for. */
export const V3_VERSIONS = ["3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"];

const v3ByVersion = new Map<string, SchemaValidator>();
/** One validator per file version, built on first use (the tables below are defined later). */
const v3Validator = (version: string): SchemaValidator => {
  let v = v3ByVersion.get(version);
  if (!v) v3ByVersion.set(version, (v = new SchemaValidator(v3Schema(composeSpec as Record<string, unknown>, version), V3_FORMATS)));
  return v;
};

/** compose-spec narrowed to the v3 keys (root, service), as docker/cli's embedded schema is. */
function v3Schema(spec: Record<string, unknown>, version: string): Record<string, unknown> {
  const clone = JSON.parse(JSON.stringify(spec)) as Record<string, any>;
  for (const k of Object.keys(clone.properties)) if (!V3_ROOT_KEYS.includes(k)) delete clone.properties[k];
  const svc = clone.definitions.service;
  for (const k of Object.keys(svc.properties)) if (!V3_SERVICE_KEYS.includes(k)) delete svc.properties[k];
  svc.properties.depends_on = { type: "array", items: { type: "string" }, uniqueItems: true };
  svc.properties.container_name = { type: "string" };
  svc.properties.cgroupns_mode = { type: "string" };
  clone.properties.version = { type: "string" };
  // The v3 schema types these strictly: a literal "3" fails. (docker/cli casts the strings its
  // interpolation produced before validating: stack-typecast.ts.)
  const strict = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(strict);
    if (!o || typeof o !== "object") return;
    const rec = o as Record<string, unknown>;
    const t = rec.type;
    if (Array.isArray(t) && t.length === 2 && t[1] === "string" && ["integer", "number", "boolean"].includes(t[0] as string)) {
      rec.type = t[0];
    }
    for (const v of Object.values(rec)) strict(v);
  };
  strict(clone);
  narrowToV3(clone);
  narrowToVersion(clone, Number(version.split(".")[1] ?? 13));
  return clone;
}

/**
 * Keys docker/cli's schemas added after 3.0 (the minor version they appear in), found by feeding
 * each one to `docker stack config` under every version 3.0–3.13: an older file refuses them
 * ("Additional property pids is not allowed").
 */
const V3_SINCE: [string[], string, number][] = [
  [[], "secrets", 1], [[], "configs", 3],
  [["service"], "secrets", 1], [["service"], "configs", 3], [["service"], "credential_spec", 3],
  [["service"], "isolation", 5], [["service"], "init", 7], [["service"], "cgroupns_mode", 9], [["service"], "oom_score_adj", 13],
  [["deployment"], "endpoint_mode", 2], [["deployment"], "rollback_config", 7],
  [["deployment", "resources", "limits"], "pids", 9], [["deployment", "resources", "reservations"], "generic_resources", 5],
  [["healthcheck"], "start_period", 4], [["healthcheck"], "start_interval", 12],
  [["network"], "attachable", 2], [["network"], "name", 5], [["volume"], "name", 4],
  [["secret"], "name", 5], [["secret"], "driver", 8], [["secret"], "driver_opts", 8], [["secret"], "template_driver", 8],
  [["config"], "name", 5], [["config"], "template_driver", 8],
  [["deployment", "update_config"], "order", 4],
  [["deployment", "placement"], "preferences", 3], [["deployment", "placement"], "max_replicas_per_node", 8],
  [["service", "networks", "{}"], "driver_opts", 13],
];

function narrowToVersion(clone: Record<string, any>, minor: number): void {
  for (const [path, key, since] of V3_SINCE) {
    if (minor >= since) continue;
    const node = path.length ? schemaAt(clone.definitions, path) : clone;
    if (node?.properties) delete node.properties[key];
  }
}

/**
 * What docker/cli's v3.13 schema allows inside the service and top-level objects, where
 * compose-spec has grown: each object keeps only these properties. Checked against the real
 * client (`docker stack config`) on students' files.
 */
const V3_NESTED_KEYS: [string[], string[]][] = [
  [["deployment", "rollback_config"], ["parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"]],
  [["deployment", "update_config"], ["parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"]],
  [["deployment", "resources"], ["limits", "reservations"]],
  [["deployment", "resources", "limits"], ["cpus", "memory", "pids"]],
  [["deployment", "resources", "reservations"], ["cpus", "memory", "generic_resources"]],
  [["deployment", "restart_policy"], ["condition", "delay", "max_attempts", "window"]],
  [["deployment", "placement"], ["constraints", "preferences", "max_replicas_per_node"]],
  [["network"], ["name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels"]],
  [["network", "ipam"], ["driver", "config"]],
  [["network", "ipam", "config", "[]"], ["subnet"]],
  [["secret"], ["name", "file", "external", "labels", "driver", "driver_opts", "template_driver"]],
  [["config"], ["name", "file", "external", "labels", "template_driver"]],
  [["service", "ports", "[]"], ["mode", "target", "published", "protocol"]],
  [["service", "volumes", "[]"], ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"]],
  [["service", "volumes", "[]", "bind"], ["propagation"]],
  [["service", "volumes", "[]", "volume"], ["nocopy"]],
  [["service", "volumes", "[]", "tmpfs"], ["size"]],
  [["service", "logging"], ["driver", "options"]],
  [["service", "networks", "{}"], ["aliases", "driver_opts", "ipv4_address", "ipv6_address"]],
];

/** Checked against `docker stack config`: an unknown key in these is no error. */
const V3_OPEN_OBJECTS: string[][] = [
  ["service", "volumes", "[]", "bind"], ["service", "volumes", "[]", "volume"], ["service", "volumes", "[]", "tmpfs"],
  ["service", "build", "{obj}"], ["service_config_or_secret", "[]"],
];

/** The object schema at a path of definitions: properties by name, "[]" the object item of a list. */
function schemaAt(defs: Record<string, any>, path: string[]): Record<string, any> | undefined {
  let node: any = defs[path[0]!];
  for (const seg of path.slice(1)) {
    if (!node) return undefined;
    if (seg === "[]") {
      const items = node.items;
      node = items?.oneOf ? items.oneOf.find((b: any) => b.type === "object") : items;
    } else if (seg === "{}") {
      // A mapping's entry: the object branch of its pattern's schema (service networks).
      const map = node.oneOf ? node.oneOf.find((b: any) => b.type === "object") : node;
      const entry: any = Object.values(map?.patternProperties ?? {})[0];
      node = entry?.oneOf ? entry.oneOf.find((b: any) => b.type === "object") : entry;
    } else if (seg === "{obj}") {
      // The object branch of a string-or-object property (build).
      node = node.oneOf ? node.oneOf.find((b: any) => b.type === "object") : node;
    } else node = node.properties?.[seg];
  }
  return node;
}

function narrowToV3(clone: Record<string, any>): void {
  const defs = clone.definitions;
  for (const [path, keep] of V3_NESTED_KEYS) {
    const node = schemaAt(defs, path);
    if (!node?.properties) continue;
    for (const k of Object.keys(node.properties)) if (!keep.includes(k)) delete node.properties[k];
  }
  // Objects docker/cli's schema leaves open (no additionalProperties: false): any key loads,
  // the struct keeps its own fields (print.ts drops the rest).
  for (const path of V3_OPEN_OBJECTS) {
    const node = schemaAt(defs, path);
    if (!node) continue;
    delete node.additionalProperties;
    delete node.patternProperties;
  }
  // A build's shm_size is an integer or a string ("1g") there.
  const build = schemaAt(defs, ["service", "build", "{obj}"]);
  if (build?.properties?.shm_size) build.properties.shm_size = { type: ["integer", "string"] };
  // Extension keys (x-…) are allowed at the top and on services, networks, volumes, secrets and
  // configs only.
  const xAllowed = new Set([clone, defs.service, defs.network, defs.volume, defs.secret, defs.config]);
  const dropX = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(dropX);
    if (!o || typeof o !== "object") return;
    const rec = o as Record<string, any>;
    if (!xAllowed.has(rec) && rec.patternProperties?.["^x-"]) {
      delete rec.patternProperties["^x-"];
      if (!Object.keys(rec.patternProperties).length) delete rec.patternProperties;
    }
    for (const v of Object.values(rec)) dropX(v);
  };
  dropX(clone);
  // Types docker/cli's schema has otherwise: CPU counts are strings (`cpus: 0.5` fails), a long
  // port's published port an integer, mapping values no booleans (`B: true` fails).
  const resources = schemaAt(defs, ["deployment", "resources"])!.properties;
  resources.limits.properties.cpus = { type: "string" };
  resources.reservations.properties.cpus = { type: "string" };
  schemaAt(defs, ["service", "ports", "[]"])!.properties.published = { type: "integer" };
  // Sizes stay a number or a string there ("1g"); command and entrypoint are a string or a list
  // of strings (no null branch: `command: 5` "must be a string").
  defs.service.properties.shm_size = { type: ["number", "string"] };
  defs.service.properties.oom_score_adj = { type: "integer" };
  for (const k of ["command", "entrypoint"]) defs.service.properties[k] = { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] };
  const dict = defs.list_or_dict.oneOf.find((b: any) => b.type === "object");
  dict.patternProperties[".+"] = { type: ["string", "number", "null"] };
  // `external` is a boolean or a mapping there (compose-spec also takes a string: `yes` fails).
  for (const k of ["network", "volume", "secret", "config"]) if (defs[k]?.properties?.external) defs[k].properties.external.type = ["boolean", "object"];
  // Its format checkers: durations, port specs.
  const formats: [string[], string[], string][] = [
    [["service"], ["stop_grace_period"], "duration"],
    [["healthcheck"], ["interval", "timeout", "start_period", "start_interval"], "duration"],
    [["deployment", "update_config"], ["delay", "monitor"], "duration"],
    [["deployment", "rollback_config"], ["delay", "monitor"], "duration"],
    [["deployment", "restart_policy"], ["delay", "window"], "duration"],
  ];
  for (const [path, keys, format] of formats) for (const k of keys) {
    const prop = schemaAt(defs, path)?.properties?.[k];
    if (prop) prop.format = format;
  }
  const svc = defs.service.properties;
  for (const b of svc.ports.items.oneOf) if (b.type === "number" || b.type === "string") b.format = "ports";
}

const specificity = (e: SchemaError, santhosh: boolean) =>
  e.path.length + 1 + (santhosh && e.kind === "additional_property_not_allowed" ? 1 : 0);

function mostSpecific(errors: SchemaError[], santhosh: boolean): { parent: SchemaError; child?: SchemaError } {
  let best = 0;
  errors.forEach((e, i) => {
    const s = specificity(e, santhosh), b = specificity(errors[best]!, santhosh);
    if (s > b) best = i;
    else if (s === b && e.kind === "invalid_type" && errors[best]!.kind !== "invalid_type") best = i;
  });
  const parent = errors[best]!;
  const child = (parent.kind === "number_one_of" || parent.kind === "number_any_of") ? errors[best + 1] : undefined;
  return { parent, child };
}

const field = (e: SchemaError) => (e.path.length ? e.path.join(".") : "(root)");

function describe(e: SchemaError, style: "compose" | "stack"): string {
  switch (e.kind) {
    case "invalid_type": {
      const human = (t: string) => (t === "object" ? "mapping" : t === "array" && style === "stack" ? "list" : t);
      const types = e.expected!.map(human);
      if (style === "compose") types.sort();
      const t = types.length === 1 ? types[0]! : `${types.slice(0, -1).join(", ")} or ${types[types.length - 1]}`;
      return `must be a ${t}`;
    }
    case "additional_property_not_allowed":
      return style === "stack"
        ? `Additional property ${e.property} is not allowed`
        : `additional properties '${e.property}' not allowed`;
    case "required":
      return style === "stack" ? `${e.property} is required` : `missing property '${e.property}'`;
    case "enum":
      // gojsonschema's enum description names the field itself, and docker/cli prefixes the
      // field again: "x.order x.order must be one of the following: …".
      return style === "stack"
        ? `${field(e)} must be one of the following: ${e.allowed!.map((a) => JSON.stringify(a)).join(", ")}`
        : `value must be one of ${e.allowed!.map((a) => JSON.stringify(a)).join(", ")}`;
    case "number_one_of": return style === "stack" ? "Must validate one and only one schema (oneOf)" : "must validate one and only one schema (oneOf)";
    case "number_any_of": return style === "stack" ? "Must validate at least one schema (anyOf)" : "must validate at least one schema (anyOf)";
    case "pattern": return "does not match pattern";
    case "number_gte": return style === "stack" ? `Must be greater than or equal to ${e.limit}` : "must be greater than or equal to the minimum";
    case "number_lte": return style === "stack" ? `Must be less than or equal to ${e.limit}` : "must be less than or equal to the maximum";
    case "format": return `Does not match format '${e.format}'`;
    case "array_unique": return style === "stack" ? `array items[${e.indices![0]},${e.indices![1]}] must be unique` : "items must be unique";
    case "false": return "not allowed";
  }
}

/** compose-go: the message after `validating FILE: `, or undefined when valid. */
export function validateCompose(doc: unknown): string | undefined {
  const errors = composeValidator.validate(doc);
  if (!errors.length) return undefined;
  // compose-go reports every unknown key of the same mapping together.
  const { parent, child } = mostSpecific(errors, true);
  if (parent.kind === "additional_property_not_allowed") {
    const same = errors.filter((e) => e.kind === parent.kind && field(e) === field(parent)).map((e) => `'${e.property}'`);
    return `${field(parent)} additional properties ${same.join(",")} not allowed`;
  }
  const shown = child ?? parent;
  return `${field(parent)} ${describe(shown, "compose")}`;
}

/** docker/cli v3 loader: the whole error message, or undefined when valid. */
export function validateStack(doc: unknown, version = "3.13"): string | undefined {
  const errors = v3Validator(version).validate(doc);
  if (!errors.length) return undefined;
  const { parent, child } = mostSpecific(errors, false);
  return `${field(parent)} ${describe(child ?? parent, "stack")}`;
}
