// A service's container configuration as compose's create.go builds it (getCreateConfigs):
// environment, labels, published ports, project networks (with the service name as alias),
// volume/bind mounts with project-scoped volume names, restart policy, stop signal/grace period,
// user/working_dir/hostname, and resources (mem_limit, deploy.resources.limits → HostConfig
// Memory/NanoCpus; a process over its memory limit is OOM-killed by the runtime).

import { parseBytes, type ImageFacts } from "../../images";
import { stableHex } from "../../images/digest";
import { parseDuration } from "../../clock";
import { healthFromCompose } from "../engine/health";
import type { CreateOptions } from "../engine/ops";
import { exposeError, parseExpose } from "../engine/ports";
import type { PortBinding } from "../engine/state";
import { isObject } from "./json-schema";
import type { ServiceModel } from "./model";
import { serviceObjectFiles } from "./object-files";
import type { Project } from "./project";

export const LABEL_PROJECT = "com.docker.compose.project";
export const LABEL_SERVICE = "com.docker.compose.service";
export const LABEL_NUMBER = "com.docker.compose.container-number";
export const LABEL_CONFIG_FILES = "com.docker.compose.project.config_files";
export const LABEL_ONEOFF = "com.docker.compose.oneoff";
export const LABEL_CONFIG_HASH = "com.docker.compose.config-hash";

/** Go's encoding/json of a map: keys sorted at every level. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;

/**
 * compose's ServiceHash: the service's configuration without build, pull_policy, scale,
 * deploy.replicas, depends_on and profiles (what may change without a new container), with its
 * resolved environment (an edited env_file changes it). `up` recreates a container whose
 * com.docker.compose.config-hash label differs. (A stand-in digest, not compose's sha256.)
 */
export function serviceConfigHash(s: ServiceModel): string {
  const { build: _b, pull_policy: _p, scale: _s, depends_on: _d, profiles: _pr, deploy, ...rest } = s.raw as Record<string, unknown>;
  const dep = isObject(deploy) ? (({ replicas: _r, ...d }) => d)(deploy) : deploy;
  return stableHex(JSON.stringify(canonical({ ...rest, ...(dep !== undefined ? { deploy: dep } : {}), environment: s.environment })), 64);
}

/** compose-go's resource names: `name:`, else the key for an external one, else project_key. */
function resourceName(p: Project, def: Record<string, unknown> | undefined, key: string): string {
  if (def && typeof def.name === "string" && def.name) return def.name;
  if (def && isObject(def.external) && typeof def.external.name === "string") return def.external.name;
  if (def?.external) return key;
  return `${p.name}_${key}`;
}
export const networkName = (p: Project, key: string) => resourceName(p, p.model.networks[key], key);
export const volumeName = (p: Project, key: string) => resourceName(p, p.model.volumes[key], key);

/** The network keys a service joins (none under network_mode). */
export function serviceNetworks(s: ServiceModel): string[] {
  const keys = Object.keys(s.networks);
  if (s.raw.network_mode !== undefined) return [];
  return keys.length ? keys.sort() : ["default"];
}

/** network_mode naming one of the engine's predefined networks: the container is on that one. */
function engineModeNetwork(s: ServiceModel): string[] | undefined {
  const mode = s.raw.network_mode;
  return mode === "host" || mode === "none" || mode === "bridge" ? [mode] : undefined;
}

/** Memory limit in bytes: deploy.resources.limits.memory, else mem_limit. */
export function memoryLimit(s: ServiceModel): number | undefined {
  const res = isObject(s.deploy.resources) ? s.deploy.resources : {};
  const limits = isObject(res.limits) ? res.limits : {};
  const v = limits.memory ?? s.raw.mem_limit;
  if (v === undefined || v === null) return undefined;
  return dockerBytes(String(v));
}

/** docker's RAMInBytes: "512m", "1g", "64M", "1.5GB", plain bytes (binary units). */
export function dockerBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?$/i.exec(v.trim());
  if (!m) return parseBytes(v);
  const mult: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  return Math.round(parseFloat(m[1]!) * mult[m[2]!.toLowerCase()]!);
}

export function nanoCpus(s: ServiceModel): number | undefined {
  const res = isObject(s.deploy.resources) ? s.deploy.resources : {};
  const limits = isObject(res.limits) ? res.limits : {};
  const v = limits.cpus ?? s.raw.cpus;
  return v === undefined || v === null || Number.isNaN(Number(v)) ? undefined : Math.round(Number(v) * 1e9);
}

/** compose's getRestartPolicy: `restart:`, overridden by deploy.restart_policy when set. */
export function restartPolicy(s: ServiceModel): string {
  const rp = isObject(s.deploy.restart_policy) ? s.deploy.restart_policy : undefined;
  if (!rp) return s.restart ?? "no";
  const cond = String(rp.condition ?? "any");
  const name = cond === "none" ? "no" : cond === "on-failure" ? "on-failure" : cond === "unless-stopped" ? "unless-stopped" : "always";
  return name === "on-failure" && typeof rp.max_attempts === "number" ? `on-failure:${rp.max_attempts}` : name;
}

export interface ContainerSpecOptions {
  name: string;
  number: number;
  oneoff?: boolean;
  /** `run`: ports are published only with --service-ports. */
  publishPorts?: boolean;
  command?: string[];
  entrypoint?: string[];
  extraEnv?: Record<string, string>;
  extraLabels?: Record<string, string>;
}

/** CreateOptions for one container of the service. */
export function serviceContainerOptions(p: Project, s: ServiceModel, image: ImageFacts, imageRef: string, o: ContainerSpecOptions): CreateOptions {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.environment)) if (v !== null) env[k] = v;
  Object.assign(env, o.extraEnv ?? {});
  // An address written out (host_ip, even 0.0.0.0) binds that address only; none binds both stacks.
  const ports: PortBinding[] = o.publishPorts === false ? [] : s.ports.map((pt) => ({
    hostIp: pt.host_ip ?? "0.0.0.0", hostPort: pt.published ?? "", containerPort: pt.target, protocol: pt.protocol, ...(pt.host_ip ? { hostIpGiven: true } : {}),
  }));
  // buildContainerPorts: `expose:` entries join Config.ExposedPorts (shown by ps as 3000/tcp).
  const expose = (Array.isArray(s.raw.expose) ? s.raw.expose : []).map(String).filter((e) => !exposeError(e)).flatMap(parseExpose);
  const grace = typeof s.raw.stop_grace_period === "string" ? parseDuration(s.raw.stop_grace_period) : undefined;
  const mem = memoryLimit(s);
  const cpus = nanoCpus(s);
  const objects = serviceObjectFiles(p, s);
  return {
    name: o.name, image, imageRef,
    entrypoint: o.entrypoint ?? s.entrypoint, command: o.command ?? s.command, env,
    labels: {
      [LABEL_PROJECT]: p.name, [LABEL_CONFIG_FILES]: p.configFiles.join(","), ...s.labels, ...(o.extraLabels ?? {}),
      [LABEL_SERVICE]: s.name, [LABEL_NUMBER]: String(o.number), [LABEL_ONEOFF]: o.oneoff ? "True" : "False", [LABEL_CONFIG_HASH]: serviceConfigHash(s),
    },
    ports, ...(expose.length ? { expose } : {}), networks: engineModeNetwork(s) ?? serviceNetworks(s).map((k) => networkName(p, k)), aliases: [s.name],
    mounts: [
      ...s.volumes.map((v) => ({ type: v.type, source: v.type === "volume" && v.source ? volumeName(p, v.source) : v.source ?? "", target: v.target, readOnly: !!v.read_only })),
      ...objects.mounts,
    ],
    ...(objects.injected.length ? { injected: objects.injected } : {}),
    restart: o.oneoff ? "no" : restartPolicy(s),
    ...(typeof s.raw.hostname === "string" ? { hostname: s.raw.hostname } : {}),
    ...(typeof s.raw.working_dir === "string" ? { workingDir: s.raw.working_dir } : {}),
    ...(typeof s.raw.stop_signal === "string" ? { stopSignal: s.raw.stop_signal } : {}),
    ...(grace !== undefined ? { stopTimeoutS: Math.ceil(grace / 1000) } : {}),
    ...(s.raw.tty === true ? { tty: true } : {}),
    ...(s.raw.stdin_open === true ? { stdinOpen: true } : {}),
    // Config.User, HostConfig.ReadonlyRootfs and GroupAdd: who the processes run as and where they may write.
    ...(typeof s.raw.user === "string" || typeof s.raw.user === "number" ? { user: String(s.raw.user) } : {}),
    ...(s.raw.read_only === true ? { readOnlyRootfs: true } : {}),
    ...(Array.isArray(s.raw.group_add) ? { groupAdd: s.raw.group_add.map(String) } : {}),
    // `tmpfs:` (a path or a list; "PATH:OPTIONS" keeps the path): HostConfig.Tmpfs.
    ...(s.raw.tmpfs !== undefined ? { tmpfs: (Array.isArray(s.raw.tmpfs) ? s.raw.tmpfs : [s.raw.tmpfs]).map((t) => String(t).split(":")[0]!) } : {}),
    ...(mem ? { memoryLimitBytes: mem } : {}),
    ...(cpus ? { nanoCpus: cpus } : {}),
    ...(healthFromCompose(s.raw.healthcheck) ? { healthcheck: healthFromCompose(s.raw.healthcheck)! } : {}),
  };
}
