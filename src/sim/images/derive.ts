// Images made on a node (`docker build`, `docker commit`, `docker tag`): facts derived from a base
// image plus the Dockerfile's instructions. Only visible on the node that built them; the engine
// keeps them — resolveImage knows registries, not nodes.

import { imageDigest } from "./digest";
import { mustParse } from "./reference";
import type { ImageFacts, PortSpec, SignalName } from "./types";

export interface ImageChanges {
  /** The new reference ("myapp:1.0"). */
  name: string;
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  workingDir?: string;
  user?: string;
  expose?: PortSpec[];
  /** VOLUME paths, added to the base image's. */
  volumes?: string[];
  stopSignal?: SignalName;
  /** Files COPY/ADDed or written by RUN, absolute paths. */
  files?: Record<string, string>;
  /** Executables installed by RUN (`apk add curl`). */
  tools?: string[];
  sizeBytes?: number;
}

/** The facts of an image built FROM `base`. Setting ENTRYPOINT resets an inherited CMD, as Docker does. */
export function deriveImage(base: ImageFacts, changes: ImageChanges): ImageFacts {
  const ref = mustParse(changes.name);
  const entrypoint = changes.entrypoint ?? base.entrypoint;
  const cmd = changes.cmd ?? (changes.entrypoint !== undefined ? [] : base.cmd);
  return {
    ...base,
    ref,
    repository: ref.name,
    digest: imageDigest(`${ref.name}:${ref.tag ?? "latest"}#${base.digest}`),
    sizeBytes: changes.sizeBytes ?? base.sizeBytes,
    entrypoint,
    cmd,
    env: { ...base.env, ...changes.env },
    workingDir: changes.workingDir ?? base.workingDir,
    user: changes.user ?? base.user,
    exposedPorts: [...base.exposedPorts, ...(changes.expose ?? [])],
    ...(base.volumes || changes.volumes ? { volumes: [...new Set([...(base.volumes ?? []), ...(changes.volumes ?? [])])] } : {}),
    stopSignal: changes.stopSignal ?? base.stopSignal,
    tools: [...new Set([...base.tools, ...(changes.tools ?? [])])],
    files: { ...base.files, ...changes.files },
    custom: true,
  };
}
