// Mirrors docker compose's secrets and configs outside a swarm (pkg/compose/create.go
// buildContainerSecretMounts / buildContainerConfigMounts, secrets.go injectSecrets /
// injectConfigs): one from a `file:` is a read-only bind mount of that file (its uid, gid and
// mode ignored: the host file's own apply); one from `content:` or `environment:` is copied into
// the container before each start as a regular file, mode 0444 unless the reference gives one
// (so a script config is runnable only with `mode: 0555`). Targets: a secret's under
// /run/secrets/ unless absolute, a config's at /<target> (default /<source>).

import { normalizePath } from "../../runtime/fs-paths";
import type { FsTree } from "../../runtime/fs-access";
import type { ContainerMount } from "../engine/state";
import { isObject } from "./json-schema";
import type { ObjectFileRef, ServiceModel } from "./model";
import type { Project } from "./project";

export interface ObjectFiles {
  /** Bind mounts of `file:` sources, read-only (CreateHostPath false: a missing file fails the create). */
  mounts: ContainerMount[];
  /** Files copied in (CopyToContainer of a one-file tar) before the container starts. */
  injected: FsTree[];
}

const DEFAULT_MODE = 0o444;

/** compose-go's FileMode: a YAML int (0440 is octal already) or an octal string. */
function modeOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^[0-7]+$/.test(v)) return parseInt(v, 8);
  return undefined;
}

const idOf = (v: string | undefined): number => (v !== undefined && /^\d+$/.test(v) ? Number(v) : 0);

function targetOf(kind: "secret" | "config", r: ObjectFileRef): string {
  const base = kind === "secret" ? "/run/secrets/" : "/";
  const t = r.target ?? "";
  return t === "" ? base + r.source : t.startsWith("/") ? t : base + t;
}

/** A service's secrets and configs as compose hands them to its containers. */
export function serviceObjectFiles(p: Project, s: ServiceModel): ObjectFiles {
  const out: ObjectFiles = { mounts: [], injected: [] };
  const taken = new Set(s.volumes.map((v) => normalizePath(v.target)));
  const add = (kind: "secret" | "config", r: ObjectFileRef) => {
    const def = (kind === "secret" ? p.model.secrets : p.model.configs)[r.source];
    if (!isObject(def) || def.external) return;
    const target = normalizePath(targetOf(kind, r));
    // A volume at the same path wins (buildContainerMountOptions keeps the first).
    if (taken.has(target)) return;
    taken.add(target);
    let content: string | undefined;
    if (typeof def.environment === "string") content = p.environment?.[def.environment];
    else if (kind === "config" && typeof def.content === "string") content = def.content;
    if (typeof def.file === "string" && content === undefined && def.environment === undefined && def.content === undefined) {
      out.mounts.push({ type: "bind", source: normalizePath(def.file, p.workingDir), target, readOnly: true });
      return;
    }
    if (content === undefined || content === "") return;
    out.injected.push({
      path: target,
      entries: { "": { type: "file", content, mode: (modeOf(r.mode) ?? DEFAULT_MODE) & 0o7777, uid: idOf(r.uid), gid: idOf(r.gid) } },
    });
  };
  for (const r of s.secrets) add("secret", r);
  for (const r of s.configs) add("config", r);
  return out;
}
