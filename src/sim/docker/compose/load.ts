// Loads Compose files the way each real client does. `docker compose` (compose-go): YAML with
// anchors and merge keys, `.env` + environment interpolation (with warnings for unset
// variables), the compose-spec schema, override merging of several -f files, profiles and the
// consistency checks. `docker stack` (docker/cli's v3 loader): per file the version check, the
// forbidden keys, environment-only interpolation (no .env) and the v3 schema; the unsupported
// and deprecated keys are collected for deploy's "Ignoring …" warnings.

import { isScalar, parseDocument, visit } from "yaml";
import { InterpolationFailure, interpolateTree } from "./interpolate";
import { isObject } from "./json-schema";
import { resolveComposeEnvironment, resolveStackEnvironment, type ReadFile } from "./env-file";
import { firstVolumeSpecError, normalizePorts, normalizeService, toStringMap, type ComposeModel, type ServiceModel } from "./model";
import { uintDecodeError } from "./stack-formats";
import { mergeStackTrees } from "./stack-merge";
import { castInterpolated } from "./stack-typecast";
import { V3_VERSIONS, validateCompose, validateStack } from "./validate";
import { goYamlV3SyntaxError } from "../../k8s/kubectl/go-yaml-parser";

export interface SourceFile {
  /** Absolute path (for messages and relative paths). */
  path: string;
  text: string;
}

export type Loaded =
  | { ok: true; model: ComposeModel; warnings: string[]; version?: string; unsupported: string[]; deprecated: string[] }
  | { ok: false; error: string; warnings: string[] };

const MAX_YAML_ALIASES = 1000;

/** go-yaml reads `0555` as octal (strconv base 0), as a file mode is usually written. */
const GO_OCTAL_INT = {
  identify: (v: unknown) => typeof v === "number",
  default: true,
  tag: "tag:yaml.org,2002:int",
  test: /^0[0-7]+$/,
  resolve: (s: string) => parseInt(s, 8),
};

export const STACK_UNSUPPORTED = [
  "build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links", "ipc", "links",
  "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "userns_mode",
];
export const STACK_DEPRECATED: Record<string, string> = {
  container_name: "Setting the container name is not supported.",
  expose: "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
};
export const STACK_FORBIDDEN: Record<string, string> = {
  extends: "Support for `extends` is not implemented yet.",
  volume_driver: "Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.",
  volumes_from: "To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.",
  cpu_quota: "Set resource limits using deploy.resources",
  cpu_shares: "Set resource limits using deploy.resources",
  cpuset: "Set resource limits using deploy.resources",
  mem_limit: "Set resource limits using deploy.resources",
  memswap_limit: "Set resource limits using deploy.resources",
};
export const ERR_FORBIDDEN = "Configuration contains forbidden properties";

/** Parses one YAML file into plain data; a string is the real parser's (go-yaml's) error. */
export function parseYaml(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  // go-yaml (v3, as Docker's loaders use it) decides what is a syntax error and how it reads.
  const syntax = goYamlV3SyntaxError(text);
  if (syntax) return { ok: false, error: syntax };
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true, logLevel: "error", customTags: (tags) => [GO_OCTAL_INT, ...tags] });
  if (doc.errors.length) return { ok: false, error: goYamlError(text, doc.errors[0]!) };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch {
    return { ok: false, error: "yaml: document contains excessive aliasing" };
  }
}

const lineAt = (text: string, offset: number) => text.slice(0, Math.max(0, offset)).split("\n").length;

/**
 * go-yaml's wording for the first error. Its line numbers: scanner errors name the line of the
 * problem; parser errors ("did not find expected key") the line before it (a 0-based mark).
 */
function goYamlError(text: string, e: { code: string; pos: [number, number]; linePos?: { line: number; col: number }[] }): string {
  const line = e.linePos?.[0]?.line ?? lineAt(text, e.pos[0]);
  switch (e.code) {
    case "TAB_AS_INDENT":
      return `yaml: line ${line}: found character that cannot start any token`;
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      // A plain scalar ran on into the next line, whose `key:` go-yaml then refuses.
      const m = /:(\s|$)/m.exec(text.slice(e.pos[0]));
      return `yaml: line ${m ? lineAt(text, e.pos[0] + m.index) : line}: mapping values are not allowed in this context`;
    }
    case "DUPLICATE_KEY": {
      const all = duplicateKeyErrors(text);
      if (all.length) return `yaml: unmarshal errors:\n${all.map((l) => `  ${l}`).join("\n")}`;
      const key = /^\s*("?)([^":]+)\1\s*:/.exec(text.split("\n")[line - 1] ?? "")?.[2] ?? "";
      const lines = text.split("\n");
      const indent = (lines[line - 1] ?? "").search(/\S/);
      let first = line;
      for (let i = line - 2; i >= 0; i--) {
        const l = lines[i]!;
        const ind = l.search(/\S/);
        if (ind >= 0 && ind < indent) break;
        if (ind === indent && l.slice(ind).replace(/^"?([^":]+)"?\s*:.*$/, "$1") === key) first = i + 1;
      }
      return `yaml: unmarshal errors:\n  line ${line}: mapping key "${key}" already defined at line ${first}`;
    }
    case "MISSING_CHAR":
      return `yaml: line ${line}: found unexpected end of stream`;
    default:
      return `yaml: line ${Math.max(1, line - 1)}: did not find expected key`;
  }
}

/**
 * yaml.v3's unique-key check (decoder.mapping): every mapping, in document order, reports each
 * later key equal to an earlier one — `line J: mapping key "k" already defined at line I` for
 * every pair I < J, grouped by I — and the unmarshal errors are all of them.
 */
function duplicateKeyErrors(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: false, logLevel: "silent" });
  const out: string[] = [];
  visit(doc, {
    Map(_, map) {
      const keys = map.items.map((p) => (isScalar(p.key) ? { value: p.key.source ?? String(p.key.value), line: lineAt(text, p.key.range?.[0] ?? 0) } : undefined));
      keys.forEach((ki, i) => {
        if (!ki) return;
        for (const kj of keys.slice(i + 1)) if (kj && kj.value === ki.value) out.push(`line ${kj.line}: mapping key ${JSON.stringify(kj.value)} already defined at line ${ki.line}`);
      });
    },
  });
  return out;
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";
function resolver(dir: string) {
  return (p: string) => {
    if (p.startsWith("/")) return p;
    if (p.startsWith("~")) return "/root" + p.slice(1);
    const segs = `${dir}/${p}`.split("/");
    const out: string[] = [];
    for (const s of segs) {
      if (s === "" || s === ".") continue;
      if (s === "..") out.pop();
      else out.push(s);
    }
    return "/" + out.join("/");
  };
}

/** Override merge of a later file into an earlier one (services key by key). */
export function mergeTrees(base: unknown, over: unknown, path: string[] = []): unknown {
  if (isObject(base) && isObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeTrees(base[k], v, [...path, k]) : v;
    return out;
  }
  const key = path[path.length - 1];
  if (path.length === 3 && path[0] === "services" && (key === "environment" || key === "labels") && (Array.isArray(base) || Array.isArray(over))) {
    return { ...toStringMap(base), ...toStringMap(over) };
  }
  if (Array.isArray(base) && Array.isArray(over) && path[0] === "services" && key !== "command" && key !== "entrypoint") {
    const seen = new Set(base.map((x) => JSON.stringify(x)));
    return [...base, ...over.filter((x) => !seen.has(JSON.stringify(x)))];
  }
  return over;
}

function buildModel(raw: Record<string, unknown>, dir: string): ComposeModel {
  const resolve = resolver(dir);
  const section = (k: string) => {
    const out: Record<string, Record<string, unknown>> = {};
    if (isObject(raw[k])) for (const [n, v] of Object.entries(raw[k] as object)) out[n] = isObject(v) ? v : {};
    return out;
  };
  const services: ServiceModel[] = [];
  if (isObject(raw.services)) {
    for (const [n, v] of Object.entries(raw.services)) services.push(normalizeService(n, isObject(v) ? v : {}, resolve));
  }
  return { raw, services, networks: section("networks"), volumes: section("volumes"), secrets: section("secrets"), configs: section("configs") };
}

// ---- docker compose ---------------------------------------------------------------------

export const composeVersionObsolete = (file: string) =>
  `${file}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`;
export const composeVarNotSet = (name: string) => `The "${name}" variable is not set. Defaulting to a blank string.`;

export function loadCompose(files: SourceFile[], env: Record<string, string | undefined>, opts: { readFile?: ReadFile } = {}): Loaded {
  const warnings: string[] = [];
  let merged: unknown = undefined;
  for (const f of files) {
    const doc = parseYaml(f.text);
    if (!doc.ok) return { ok: false, error: doc.error, warnings };
    const parsed = doc.value;
    if (parsed === null || parsed === undefined) return { ok: false, error: `empty compose file`, warnings };
    if (!isObject(parsed)) return { ok: false, error: `Top-level object must be a mapping`, warnings };
    let tree: unknown;
    try {
      const r = interpolateTree(parsed, (n) => env[n]);
      for (const u of r.unset) if (!warnings.includes(composeVarNotSet(u))) warnings.push(composeVarNotSet(u));
      tree = r.value;
    } catch (e) {
      if (!(e instanceof InterpolationFailure)) throw e;
      const d = e.detail;
      return {
        ok: false, warnings,
        error: d.kind === "required"
          ? `error while interpolating ${d.path}: required variable ${d.variable} is missing a value${d.reason ? `: ${d.reason}` : ""}`
          : `invalid interpolation format for ${d.path}.\nYou may need to escape any $ with another $.\n${d.template}`,
      };
    }
    const err = validateCompose(tree);
    if (err) return { ok: false, error: `validating ${f.path}: ${err}`, warnings };
    const badUint = uintDecodeError((tree as Record<string, unknown>).services);
    if (badUint) return { ok: false, error: badUint, warnings: [] };
    const badVolume = firstVolumeSpecError((tree as Record<string, unknown>).services);
    if (badVolume) return { ok: false, error: badVolume.error, warnings };
    if ((tree as Record<string, unknown>).version !== undefined) warnings.push(composeVersionObsolete(f.path));
    merged = merged === undefined ? tree : mergeTrees(merged, tree);
  }
  const raw = (merged ?? {}) as Record<string, unknown>;
  const model = buildModel(raw, dirOf(files[0]!.path));
  const problem = composeConsistency(model);
  if (problem) return { ok: false, error: `${problem}: invalid compose project`, warnings };
  if (opts.readFile) {
    const envErr = resolveComposeEnvironment(model, (n) => env[n], opts.readFile, resolver(dirOf(files[0]!.path)));
    if (envErr) return { ok: false, error: envErr, warnings };
  }
  return { ok: true, model, warnings, unsupported: [], deprecated: [] };
}

/** compose-go's checkConsistency, in its order. */
function composeConsistency(m: ComposeModel): string | undefined {
  const names = new Set(m.services.map((s) => s.name));
  for (const s of [...m.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!s.image && !s.hasBuild) return `service "${s.name}" has neither an image nor a build context specified`;
    const fileScale = typeof s.raw.scale === "number" ? s.raw.scale : s.deploy.replicas !== undefined ? Number(s.deploy.replicas) : 1;
    if (s.containerName && fileScale > 1) {
      return `services.${s.raw.scale !== undefined ? "scale" : "deploy.replicas"}: can't set container_name and ${s.name} as container name must be unique`;
    }
    for (const d of Object.keys(s.dependsOn)) if (!names.has(d)) return `service "${s.name}" depends on undefined service "${d}"`;
    for (const n of Object.keys(s.networks)) if (n !== "default" && !(n in m.networks)) return `service "${s.name}" refers to undefined network ${n}`;
    for (const v of s.volumes) if (v.type === "volume" && v.source && !(v.source in m.volumes)) return `service "${s.name}" refers to undefined volume ${v.source}`;
    for (const r of s.secrets) if (!(r.source in m.secrets)) return `service "${s.name}" refers to undefined secret ${r.source}`;
    for (const r of s.configs) if (!(r.source in m.configs)) return `service "${s.name}" refers to undefined config ${r.source}`;
  }
  return undefined;
}

// ---- docker stack -------------------------------------------------------------------------

export function loadStack(files: SourceFile[], env: Record<string, string | undefined>, opts: { skipInterpolation?: boolean; readFile?: ReadFile } = {}): Loaded {
  let merged: unknown = undefined;
  let version: string | undefined;
  const unsupported = new Set<string>();
  const deprecated = new Set<string>();
  for (const f of files) {
    const doc = parseYaml(f.text);
    if (!doc.ok) return { ok: false, error: doc.error, warnings: [] };
    const parsed = doc.value;
    if (!isObject(parsed)) return { ok: false, error: "top-level object must be a mapping", warnings: [] };
    const v = parsed.version === undefined ? "3.13" : String(parsed.version) === "3" || String(parsed.version) === "" ? "3.13" : String(parsed.version);
    if (version === undefined) version = v;
    else if (version !== v) return { ok: false, error: `version mismatched between two composefiles : ${version} and ${v}`, warnings: [] };
    if (!V3_VERSIONS.includes(v)) return { ok: false, error: `unsupported Compose file version: ${v}`, warnings: [] };
    const services = isObject(parsed.services) ? parsed.services : {};
    for (const s of Object.values(services)) {
      if (!isObject(s)) continue;
      if (Object.keys(s).some((k) => k in STACK_FORBIDDEN)) return { ok: false, error: ERR_FORBIDDEN, warnings: [] };
    }
    let tree: unknown = parsed;
    if (!opts.skipInterpolation) {
      try {
        tree = interpolateTree(parsed, (n) => env[n], { listIndex: "brackets", literalDefaults: true }).value;
      } catch (e) {
        if (!(e instanceof InterpolationFailure)) throw e;
        const d = e.detail;
        const inner = d.kind === "required" ? `required variable ${d.variable} is missing a value${d.reason ? `: ${d.reason}` : ""}` : d.template;
        return { ok: false, error: `invalid interpolation format for ${d.path}: ${JSON.stringify(inner)}; you may need to escape any $ with another $`, warnings: [] };
      }
    }
    const cast = castInterpolated(parsed, tree);
    if (!cast.ok) return { ok: false, error: cast.error, warnings: [] };
    tree = cast.value;
    const err = validateStack(tree, v);
    if (err) return { ok: false, error: err, warnings: [] };
    const badUint = uintDecodeError((tree as Record<string, unknown>).services);
    if (badUint) return { ok: false, error: badUint, warnings: [] };
    const badVolume = firstVolumeSpecError((tree as Record<string, unknown>).services);
    if (badVolume) return { ok: false, error: `decoding failed due to the following error(s):\n\nerror decoding 'Volumes[${badVolume.index}]': ${badVolume.error}`, warnings: [] };
    for (const s of Object.values(isObject((tree as Record<string, unknown>).services) ? (tree as any).services : {})) {
      if (!isObject(s)) continue;
      for (const k of Object.keys(s)) {
        if (STACK_UNSUPPORTED.includes(k)) unsupported.add(k);
        if (k in STACK_DEPRECATED) deprecated.add(k);
      }
    }
    merged = merged === undefined ? tree : mergeStackTrees(merged, tree);
  }
  const raw = (merged ?? {}) as Record<string, unknown>;
  raw.version = version;
  const model = buildModel(raw, dirOf(files[0]!.path));
  if (opts.readFile) {
    const envErr = resolveStackEnvironment(model, (n) => env[n], opts.readFile, resolver(dirOf(files[0]!.path)));
    if (envErr) return { ok: false, error: envErr, warnings: [] };
  }
  return {
    ok: true, model, warnings: [...externalNameWarnings(raw, version ?? "3.13"), ...ignoredHostIps(model)], version,
    unsupported: [...unsupported].sort(), deprecated: [...deprecated].sort(),
  };
}

/**
 * docker/cli's loadNetworks/loadVolumes/loadFileObjectConfig: `external: {name: x}` still works
 * but warns from version 3.5 (volumes 3.4); with a `name` as well it is an error (checked first
 * by the caller's order: networks, volumes, secrets, configs).
 */
function externalNameWarnings(raw: Record<string, unknown>, version: string): string[] {
  const out: string[] = [];
  const minor = Number(version.split(".")[1] ?? 0);
  for (const [section, kind, since] of [["networks", "network", 5], ["volumes", "volume", 4], ["secrets", "secret", 5], ["configs", "config", 5]] as const) {
    const objs = raw[section];
    if (!isObject(objs)) continue;
    for (const name of Object.keys(objs).sort()) {
      const o = objs[name];
      if (isObject(o) && isObject(o.external) && typeof o.external.name === "string" && o.external.name !== "" && minor >= since) {
        out.push(`${kind} ${name}: ${kind}.external.name is deprecated in favor of ${kind}.name`);
      }
    }
  }
  return out;
}

/**
 * docker/cli's loader expands a short port with swarmopts.ConvertPortToPortConfig, which drops a
 * host IP (a swarm port listens on every address) with a logrus warning per port.
 */
function ignoredHostIps(model: ComposeModel): string[] {
  const out: string[] = [];
  for (const s of model.services) {
    for (const item of Array.isArray(s.raw.ports) ? s.raw.ports : []) {
      if (isObject(item)) continue;
      for (const p of normalizePorts([item])) {
        if (p.host_ip && !/^(0\.0\.0\.0|::)$/.test(p.host_ip)) out.push(`ignoring IP-address (${p.host_ip}:${p.published ?? ""}:${p.target}/${p.protocol}) service will listen on '0.0.0.0'`);
      }
    }
  }
  return out;
}

/** docker/cli's deploy-time wording of the forbidden keys (one paragraph per key, sorted). */
export function forbiddenMessage(files: SourceFile[]): string | undefined {
  const found = new Set<string>();
  for (const f of files) {
    const d = parseYaml(f.text);
    const p = d.ok ? d.value : undefined;
    if (!isObject(p) || !isObject(p.services)) continue;
    for (const s of Object.values(p.services)) if (isObject(s)) for (const k of Object.keys(s)) if (k in STACK_FORBIDDEN) found.add(k);
  }
  if (!found.size) return undefined;
  const paras = [...found].sort().map((k) => `${k}: ${STACK_FORBIDDEN[k]}`);
  return `Compose file contains unsupported options:\n\n${paras.join("\n\n")}\n`;
}

