// `build:` of a Compose service on one engine (compose's build via BuildKit, reduced to what a
// grader can observe): the context directory and Dockerfile must exist (the real errors when
// not); the image is the base image of the chosen stage (`target:` or the last) with the
// stage's ENTRYPOINT/CMD/ENV/EXPOSE/WORKDIR/USER/STOPSIGNAL applied; it is named `image:` or
// PROJECT-SERVICE and kept by the engine (engine/ops addBuiltImage). RUN/COPY are not executed.

import { deriveImage, resolveImage, type ImageChanges, type ImageFacts, type PortSpec, type SignalName } from "../../images";
import type { World } from "../../world";
import { addBuiltImage, builtImage, customImages } from "../engine/ops";
import { isObject } from "./json-schema";
import { shellSplit, type ServiceModel } from "./model";

export const errContextNotFound = (dir: string) => `unable to prepare context: path "${dir}" not found`;
export const errNoDockerfile = (name: string) => `failed to solve: failed to read dockerfile: open ${name}: no such file or directory`;
export const errTargetNotFound = (t: string) => `failed to solve: target stage "${t}" could not be found`;
export const ERR_NO_FROM = "failed to solve: dockerfile parse error: no build stage in current context";

const MAX_STAGES = 32;

interface Stage {
  name?: string;
  from: string;
  changes: Omit<ImageChanges, "name">;
}

export interface BuildFs {
  isDir(path: string): boolean;
  read(path: string): string | undefined;
  resolve(path: string): string;
}

/** Dockerfile instructions with line continuations joined; JSON or shell form for CMD/ENTRYPOINT. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const argv = (rest: string): string[] => {
    const t = rest.trim();
    if (t.startsWith("[")) {
      try {
        const v = JSON.parse(t);
        if (Array.isArray(v)) return v.map(String);
      } catch { /* shell form below */ }
    }
    return ["/bin/sh", "-c", t];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1]!.toUpperCase();
    const rest = m[2]!;
    if (op === "FROM") {
      if (stages.length >= MAX_STAGES) break;
      const parts = rest.split(/\s+/).filter((p) => !p.startsWith("--"));
      const as = parts.findIndex((p) => p.toUpperCase() === "AS");
      stages.push({ from: parts[0] ?? "", ...(as > 0 && parts[as + 1] ? { name: parts[as + 1]!.toLowerCase() } : {}), changes: {} });
      continue;
    }
    const st = stages[stages.length - 1];
    if (!st) continue;
    const c = st.changes;
    if (op === "CMD") c.cmd = argv(rest);
    else if (op === "ENTRYPOINT") {
      c.entrypoint = argv(rest);
      if (c.cmd === undefined) c.cmd = [];
    } else if (op === "ENV") {
      c.env = { ...c.env };
      const kv = rest.includes("=") ? shellSplit(rest).map((x) => x.split(/=(.*)/s)) : [[rest.split(/\s+/)[0]!, rest.replace(/^\S+\s*/, "")]];
      for (const [k, v] of kv) if (k) c.env[k] = v ?? "";
    } else if (op === "EXPOSE") {
      c.expose = [...(c.expose ?? []), ...rest.split(/\s+/).filter(Boolean).map((p): PortSpec => {
        const [port, proto] = p.split("/");
        return { port: Number(port), ...(proto ? { protocol: proto as PortSpec["protocol"] } : {}) } as PortSpec;
      })];
    } else if (op === "VOLUME") {
      // `VOLUME /a /b` or the JSON form `VOLUME ["/a", "/b"]`.
      const json = rest.trim().startsWith("[") ? argv(rest) : undefined;
      const list = json && json[0] !== "/bin/sh" ? json : rest.split(/\s+/);
      c.volumes = [...(c.volumes ?? []), ...list.filter(Boolean)];
    } else if (op === "WORKDIR") c.workingDir = rest.trim();
    else if (op === "USER") c.user = rest.trim();
    else if (op === "STOPSIGNAL") c.stopSignal = rest.trim() as SignalName;
  }
  return stages;
}

export type BuildOutcome = { ok: true; image: ImageFacts; built: boolean } | { ok: false; error: string };

/** Builds (or reuses) the service's image; `name` is `image:` or PROJECT-SERVICE. */
export function buildServiceImage(world: World, host: string, fs: BuildFs, workingDir: string, s: ServiceModel, name: string, force = false): BuildOutcome {
  const have = builtImage(world, host, name);
  if (have && !force) return { ok: true, image: have, built: false };
  const b = isObject(s.raw.build) ? s.raw.build : { context: s.raw.build };
  const ctx = String(b.context ?? ".");
  const dir = fs.resolve(ctx.startsWith("/") ? ctx : `${workingDir}/${ctx}`);
  if (!fs.isDir(dir)) return { ok: false, error: errContextNotFound(dir) };
  const dockerfileName = typeof b.dockerfile === "string" ? b.dockerfile : "Dockerfile";
  const text = typeof b.dockerfile_inline === "string" ? b.dockerfile_inline : fs.read(dockerfileName.startsWith("/") ? dockerfileName : `${dir}/${dockerfileName}`);
  if (text === undefined) return { ok: false, error: errNoDockerfile(dockerfileName) };
  const stages = parseDockerfile(text);
  if (!stages.length) return { ok: false, error: ERR_NO_FROM };
  const target = typeof b.target === "string" ? b.target.toLowerCase() : undefined;
  const idx = target ? stages.findIndex((x) => x.name === target) : stages.length - 1;
  if (idx < 0) return { ok: false, error: errTargetNotFound(target!) };
  const facts = stageFacts(world, stages, idx, name, 0);
  if (typeof facts === "string") return { ok: false, error: facts };
  addBuiltImage(world, host, facts);
  return { ok: true, image: facts, built: true };
}

function stageFacts(world: World, stages: Stage[], idx: number, name: string, depth: number): ImageFacts | string {
  const st = stages[idx]!;
  const earlier = stages.findIndex((x, i) => i < idx && x.name === st.from.toLowerCase());
  let base: ImageFacts | string;
  if (earlier >= 0 && depth < MAX_STAGES) base = stageFacts(world, stages, earlier, name, depth + 1);
  else if (st.from === "scratch") base = scratchFacts(world);
  else {
    const r = resolveImage(st.from, customImages(world));
    base = r.ok ? r.image : `failed to solve: ${st.from}: failed to resolve source metadata for docker.io/library/${st.from}: ${r.message}`;
  }
  if (typeof base === "string") return base;
  return deriveImage(base, { name, ...st.changes });
}

/** `FROM scratch`: no files, no command (busybox facts stripped down). */
function scratchFacts(world: World): ImageFacts | string {
  const r = resolveImage("busybox", customImages(world));
  if (!r.ok) return "failed to solve: scratch";
  return { ...r.image, entrypoint: [], cmd: [], env: {}, tools: [], files: {}, exposedPorts: [] };
}
