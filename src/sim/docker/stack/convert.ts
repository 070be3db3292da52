// Mirrors docker/cli cli/compose/convert (service.go, compose.go): a loaded Compose model turned
// into what `docker stack deploy` sends to the swarm — network specs (STACK_default overlay and
// the declared ones), secret/config specs read from files, and one ServiceSpec per service with
// the `deploy:` section honoured. Errors carry docker/cli's wording.

import type { World } from "../../world";
import { isObject } from "../compose/json-schema";
import type { ComposeModel, ServiceModel } from "../compose/model";
import { parseBytes, parseCpus } from "../cli/service-flag-values";
import { defaultSpec, resolveServiceImage } from "../cli/service-spec";
import { goDurationMs } from "../cli/swarm-common";
import { DEFAULT_FILE_REF, type MountSpec, type PortConfig, type RestartPolicy, type ServiceMode, type ServiceSpec, type UpdateConfig } from "../swarm/types";

export const LABEL_NAMESPACE = "com.docker.stack.namespace";
export const LABEL_IMAGE = "com.docker.stack.image";
export const DEFAULT_NETWORK = "default";

export const errUnknownMode = (svc: string, mode: string) => `service ${svc}: Unknown mode: ${mode}`;
export const errReplicasGlobal = (svc: string) => `service ${svc}: replicas can only be used with replicated or replicated-job mode`;
export const errUndefinedNetwork = (svc: string, net: string) => `service ${svc}: undefined network ${JSON.stringify(net)}`;
export const errExternalMissing = (net: string) =>
  `network ${JSON.stringify(net)} is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed`;
export const errExternalScope = (net: string, scope: string) =>
  `network ${JSON.stringify(net)} is declared as external, but it is not in the right scope: ${JSON.stringify(scope)} instead of "swarm"`;

export const scoped = (stack: string, name: string) => `${stack}_${name}`;

export interface NetworkPlan {
  key: string;
  /** The name on the swarm: STACK_key, or `name:`, or the external name. */
  name: string;
  external: boolean;
  driver: string;
  attachable: boolean;
  internal: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  subnet?: string;
}

const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) for (const x of v) { const s = String(x); const i = s.indexOf("="); out[i < 0 ? s : s.slice(0, i)] = i < 0 ? "" : s.slice(i + 1); }
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? "" : String(x);
  return out;
};

const isExternal = (decl: Record<string, unknown> | undefined): boolean =>
  !!decl && (decl.external === true || isObject(decl.external));

const externalName = (key: string, decl: Record<string, unknown>): string =>
  typeof decl.name === "string" ? decl.name : isObject(decl.external) && typeof decl.external.name === "string" ? decl.external.name : key;

/** The networks each service is on (`default` when it lists none). */
export function serviceNetworkKeys(s: ServiceModel): string[] {
  const keys = Object.keys(s.networks);
  return keys.length ? keys : [DEFAULT_NETWORK];
}

/** convert.Networks: the networks some service uses, created unless external. */
export function planNetworks(stack: string, model: ComposeModel): NetworkPlan[] {
  const used = new Set<string>();
  for (const s of model.services) for (const k of serviceNetworkKeys(s)) used.add(k);
  const out: NetworkPlan[] = [];
  for (const key of [...used].sort()) {
    const decl = model.networks[key];
    if (decl && isExternal(decl)) {
      out.push({ key, name: externalName(key, decl), external: true, driver: "", attachable: false, internal: false, labels: {}, options: {} });
      continue;
    }
    const d = decl ?? {};
    const ipam = isObject(d.ipam) && Array.isArray(d.ipam.config) && isObject(d.ipam.config[0]) ? d.ipam.config[0] : undefined;
    out.push({
      key, name: typeof d.name === "string" ? d.name : scoped(stack, key), external: false,
      driver: typeof d.driver === "string" ? d.driver : "overlay", attachable: d.attachable === true, internal: d.internal === true,
      labels: { ...strMap(d.labels), [LABEL_NAMESPACE]: stack }, options: strMap(d.driver_opts),
      ...(ipam && typeof ipam.subnet === "string" ? { subnet: ipam.subnet } : {}),
    });
  }
  return out;
}

export interface ObjectPlan {
  key: string;
  name: string;
  external: boolean;
  labels: Record<string, string>;
  /** Path of the file holding the data (resolved against the compose file's folder). */
  file?: string;
  /** `environment:` source (secrets/configs from an environment variable). */
  envVar?: string;
  /** `content:` inline data (configs). */
  content?: string;
}

/** convert.Secrets / convert.Configs: every declared, non-external one. */
export function planObjects(stack: string, decls: Record<string, Record<string, unknown>>, resolvePath: (p: string) => string): ObjectPlan[] {
  return Object.keys(decls).sort().map((key) => {
    const d = decls[key]!;
    if (isExternal(d)) return { key, name: externalName(key, d), external: true, labels: {} };
    return {
      key, name: typeof d.name === "string" ? d.name : scoped(stack, key), external: false,
      labels: { ...strMap(d.labels), [LABEL_NAMESPACE]: stack },
      ...(typeof d.file === "string" ? { file: resolvePath(d.file) } : {}),
      ...(typeof d.environment === "string" ? { envVar: d.environment } : {}),
      ...(typeof d.content === "string" ? { content: d.content } : {}),
    };
  });
}

export interface ConvertContext {
  world: World;
  stack: string;
  model: ComposeModel;
  /** Network key → swarm network ID. */
  networkIds: Record<string, string>;
  secretIds: Record<string, { id: string; name: string }>;
  configIds: Record<string, { id: string; name: string }>;
  resolveImage: "always" | "changed" | "never";
}

const dur = (v: unknown): number | undefined => (typeof v === "string" ? goDurationMs(v) : typeof v === "number" ? Math.round(v / 1e6) : undefined);

function convertMode(svc: string, deploy: Record<string, unknown>): ServiceMode | string {
  const mode = typeof deploy.mode === "string" ? deploy.mode : "replicated";
  const replicas = typeof deploy.replicas === "number" ? deploy.replicas : undefined;
  switch (mode) {
    case "global":
      return replicas !== undefined ? errReplicasGlobal(svc) : { kind: "global" };
    case "global-job":
      return replicas !== undefined ? errReplicasGlobal(svc) : { kind: "global-job" };
    case "replicated-job":
      return { kind: "replicated-job", replicas: replicas ?? 1, maxConcurrent: replicas ?? 1 };
    case "replicated":
    case "":
      return { kind: "replicated", replicas: replicas ?? 1 };
    default:
      return errUnknownMode(svc, mode);
  }
}

function convertUpdate(base: UpdateConfig, v: unknown): UpdateConfig {
  if (!isObject(v)) return { ...base };
  return {
    parallelism: typeof v.parallelism === "number" ? v.parallelism : 1,
    delayMs: dur(v.delay) ?? 0,
    failureAction: typeof v.failure_action === "string" ? v.failure_action : base.failureAction,
    monitorMs: dur(v.monitor) ?? base.monitorMs,
    maxFailureRatio: typeof v.max_failure_ratio === "number" ? v.max_failure_ratio : 0,
    order: v.order === "start-first" ? "start-first" : "stop-first",
  };
}

/** deploy.restart_policy, else the service's `restart:` as a fallback (convertRestartPolicy). */
function convertRestart(base: RestartPolicy, s: ServiceModel): RestartPolicy {
  const p = s.deploy.restart_policy;
  if (isObject(p)) {
    return {
      condition: (typeof p.condition === "string" ? p.condition : "any") as RestartPolicy["condition"],
      delayMs: dur(p.delay) ?? base.delayMs,
      maxAttempts: typeof p.max_attempts === "number" ? p.max_attempts : 0,
      windowMs: dur(p.window) ?? 0,
    };
  }
  const r = s.restart;
  if (!r) return { ...base };
  if (r === "no") return { ...base, condition: "none" };
  if (r === "always" || r === "unless-stopped") return { ...base, condition: "any" };
  const m = /^on-failure(?::(\d+))?$/.exec(r);
  if (m) return { ...base, condition: "on-failure", maxAttempts: Number(m[1] ?? 0) };
  return { ...base };
}

function resources(v: unknown): { nanoCPUs: number; memoryBytes: number; pids: number } {
  const out = { nanoCPUs: 0, memoryBytes: 0, pids: 0 };
  if (!isObject(v)) return out;
  if (v.cpus !== undefined) { const c = parseCpus(String(v.cpus)); if (c.ok) out.nanoCPUs = c.value; }
  if (v.memory !== undefined) { const m = typeof v.memory === "number" ? { ok: true as const, value: v.memory } : parseBytes(String(v.memory)); if (m.ok) out.memoryBytes = m.value; }
  if (typeof v.pids === "number") out.pids = v.pids;
  return out;
}

function convertPorts(s: ServiceModel): PortConfig[] {
  return s.ports.map((p) => ({
    protocol: (p.protocol || "tcp") as PortConfig["protocol"], targetPort: p.target,
    publishedPort: p.published ? Number(p.published.split("-")[0]) : 0, publishMode: p.mode,
  }));
}

function convertMounts(c: ConvertContext, s: ServiceModel): MountSpec[] {
  return s.volumes.map((v) => {
    let source = v.source ?? "";
    let volumeDriver: string | undefined;
    let volumeOptions: MountSpec["volumeOptions"];
    if (v.type === "volume" && source) {
      const decl = c.model.volumes[source];
      source = decl && typeof decl.name === "string" ? decl.name : decl && isExternal(decl) ? externalName(source, decl) : scoped(c.stack, source);
      // handleVolumeToMount: a named volume's mount has VolumeOptions; a declared (not external)
      // one carries its labels plus the stack's, and a DriverConfig when it names a driver or
      // driver options — so the volume the task creates is labelled with the stack.
      volumeOptions = {};
      if (decl && !isExternal(decl)) {
        volumeOptions.labels = { ...strMap(decl.labels), [LABEL_NAMESPACE]: c.stack };
        if (typeof decl.driver === "string" && decl.driver) volumeDriver = decl.driver;
        if (volumeDriver || decl.driver_opts !== undefined) {
          volumeOptions.driverConfig = true;
          volumeOptions.driverOpts = strMap(decl.driver_opts);
        }
      }
    }
    return {
      type: v.type, source, target: v.target, readOnly: !!v.read_only,
      ...(volumeDriver ? { volumeDriver } : {}), ...(volumeOptions ? { volumeOptions } : {}),
    };
  });
}

export const ERR_TEST_AND_DISABLE = "test and disable can't be set at the same time";

/**
 * convertHealthcheck: `disable: true` is Test ["NONE"] (with a test, an error); otherwise the
 * durations and retries given (zero when absent: the daemon's defaults apply to the task's
 * container). A string test was made ["CMD-SHELL", test] by the loader.
 */
function convertHealthcheck(v: unknown): ServiceSpec["healthcheck"] | string | undefined {
  if (!isObject(v)) return undefined;
  const test = typeof v.test === "string" ? ["CMD-SHELL", v.test] : Array.isArray(v.test) ? v.test.map(String) : [];
  if (v.disable === true) {
    if (test.length) return ERR_TEST_AND_DISABLE;
    return { test: ["NONE"], intervalMs: 0, timeoutMs: 0, startPeriodMs: 0, startIntervalMs: 0, retries: 0 };
  }
  return {
    test, intervalMs: dur(v.interval) ?? 0, timeoutMs: dur(v.timeout) ?? 0, startPeriodMs: dur(v.start_period) ?? 0,
    startIntervalMs: dur(v.start_interval) ?? 0, retries: typeof v.retries === "number" ? v.retries : 0,
  };
}

/** convert.Service: one compose service → a swarm ServiceSpec (or docker/cli's error). */
export function convertService(c: ConvertContext, s: ServiceModel): { ok: true; spec: ServiceSpec } | { ok: false; error: string } {
  const name = scoped(c.stack, s.name);
  const image = s.image ?? "";
  // convert.Services resolves the service's secrets and configs first, then Service() converts
  // the mode, …, the networks: the first error wins in that order.
  const refs = (list: ServiceModel["secrets"], ids: ConvertContext["secretIds"], kind: "secret" | "config") => {
    const out: ServiceSpec["secrets"] = [];
    const raw = Array.isArray(s.raw[`${kind}s`]) ? (s.raw[`${kind}s`] as unknown[]) : [];
    list.forEach((r, i) => {
      const o = ids[r.source];
      if (!o) return;
      // convertServiceSecrets/convertServiceConfigObjs: uid and gid "0", mode 0444 unless given.
      const long = isObject(raw[i]) ? raw[i] : {};
      out.push({
        id: o.id, name: o.name, target: r.target ?? r.source,
        uid: typeof long.uid === "string" && long.uid ? long.uid : DEFAULT_FILE_REF.uid,
        gid: typeof long.gid === "string" && long.gid ? long.gid : DEFAULT_FILE_REF.gid,
        mode: typeof long.mode === "number" ? long.mode : DEFAULT_FILE_REF.mode,
      });
    });
    const undefinedRef = list.find((r) => !ids[r.source]);
    if (undefinedRef) return `service ${s.name}: undefined ${kind} ${JSON.stringify(undefinedRef.source)}`;
    // ParseSecrets/ParseConfigs then finds each by name in the daemon's list.
    const missing = out.find((x) => x.id === "");
    if (missing) return `service ${s.name}: ${kind} not found: ${missing.name}`;
    return out;
  };
  const secrets = refs(s.secrets, c.secretIds, "secret");
  if (typeof secrets === "string") return { ok: false, error: secrets };
  const configs = refs(s.configs, c.configIds, "config");
  if (typeof configs === "string") return { ok: false, error: configs };
  const spec = defaultSpec(name, resolveServiceImage(c.world, image, c.resolveImage === "never").image);
  const mode = convertMode(s.name, s.deploy);
  if (typeof mode === "string") return { ok: false, error: mode };
  spec.mode = mode;
  spec.labels = { ...strMap(s.deploy.labels), [LABEL_NAMESPACE]: c.stack, [LABEL_IMAGE]: image };
  spec.containerLabels = { ...s.labels, [LABEL_NAMESPACE]: c.stack };
  spec.command = s.entrypoint ?? [];
  spec.args = s.command ?? [];
  spec.env = Object.keys(s.environment).sort().map((k) => (s.environment[k] === null ? k : `${k}=${s.environment[k]}`));
  const raw = s.raw;
  if (typeof raw.hostname === "string") spec.hostname = raw.hostname;
  if (typeof raw.working_dir === "string") spec.workdir = raw.working_dir;
  if (raw.user !== undefined) spec.user = String(raw.user);
  // convert.Service passes svc.Init through: unset unless the file has `init:`.
  if (typeof raw.init === "boolean") spec.init = raw.init;
  // ReadOnly: service.ReadOnly. There is no Groups: the v3 schema has no `group_add:` (the file is
  // refused before conversion) and convert.Service sets none.
  if (raw.read_only === true) spec.readOnly = true;
  if (typeof raw.stop_signal === "string" && raw.stop_signal) spec.stopSignal = raw.stop_signal;
  if (raw.tty === true) spec.tty = true;
  const grace = dur(raw.stop_grace_period);
  if (grace !== undefined) spec.stopGracePeriodMs = grace;
  spec.mounts = convertMounts(c, s);
  const placement = isObject(s.deploy.placement) ? s.deploy.placement : {};
  spec.constraints = Array.isArray(placement.constraints) ? placement.constraints.map(String) : [];
  spec.preferences = Array.isArray(placement.preferences)
    ? placement.preferences.filter(isObject).map((p) => String(p.spread ?? "")).filter(Boolean) : [];
  spec.maxReplicas = typeof placement.max_replicas_per_node === "number" ? placement.max_replicas_per_node : 0;
  const res = isObject(s.deploy.resources) ? s.deploy.resources : {};
  const limits = resources(res.limits);
  const reservations = resources(res.reservations);
  spec.limits = limits;
  spec.reservations = { nanoCPUs: reservations.nanoCPUs, memoryBytes: reservations.memoryBytes };
  spec.restart = convertRestart(spec.restart, s);
  spec.update = convertUpdate(spec.update, s.deploy.update_config);
  spec.rollback = convertUpdate(spec.rollback, s.deploy.rollback_config);
  if (s.deploy.endpoint_mode === "dnsrr") spec.endpointMode = "dnsrr";
  spec.ports = convertPorts(s);
  const health = convertHealthcheck(s.raw.healthcheck);
  if (typeof health === "string") return { ok: false, error: `service ${s.name}: ${health}` };
  if (health) spec.healthcheck = health;
  const nets: string[] = [];
  for (const key of serviceNetworkKeys(s)) {
    // Only declared networks (and `default`) may be used, although convert.Networks already
    // created every network a service names.
    const id = c.networkIds[key];
    if (!id || (key !== DEFAULT_NETWORK && !(key in c.model.networks))) return { ok: false, error: errUndefinedNetwork(s.name, key) };
    if (!nets.includes(id)) nets.push(id);
  }
  spec.networks = nets;
  spec.secrets = secrets;
  spec.configs = configs;
  return { ok: true, spec };
}
