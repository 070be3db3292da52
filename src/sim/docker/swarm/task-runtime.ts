// The agent's prepare step for a task, as far as swarm can see: the image can be had or the task
// is Rejected "No such image: …". What the container then does (runs, exits, logs, OOM) is the
// shared process model's (src/sim/runtime), run by the task container (engine-sync.ts) exactly as
// `docker run` runs it.

import { customImageSchema, type CustomImage } from "../../images/custom";
import { swarmNoSuchImage } from "../../images/pull-messages";
import { resolveImage } from "../../images/resolve";
import { markShared } from "../../clone";
import type { ImageFacts } from "../../images/types";
import type { World } from "../../world";
import type { ServiceSpec } from "./types";

export type TaskPrepare = { ok: false; err: string } | { ok: true; image: ImageFacts };

const customCache = new WeakMap<object, CustomImage[]>();
export function customImages(world: World): CustomImage[] {
  let out = customCache.get(world.config);
  if (!out) {
    out = [];
    for (const raw of (world.config.images as unknown[] | undefined) ?? []) {
      const r = customImageSchema.safeParse(raw);
      if (r.success) out.push(r.data);
    }
    customCache.set(world.config, markShared(out));
  }
  return out;
}

export function imageFacts(world: World, image: string): ImageFacts | undefined {
  const r = resolveImage(image, customImages(world));
  return r.ok ? r.image : undefined;
}

/** The argv a task runs: --entrypoint/COMMAND replace ENTRYPOINT, ARGS replace CMD. */
export function taskArgv(spec: ServiceSpec, img: ImageFacts): string[] {
  const entry = spec.command.length ? spec.command : img.entrypoint;
  const cmd = spec.args.length ? spec.args : spec.command.length ? [] : img.cmd;
  return [...entry, ...cmd];
}

/** The container's environment: the image's ENV, then the task's (rendered) --env. */
export function taskEnv(img: ImageFacts | undefined, env: string[]): string[] {
  const out: Record<string, string> = { ...(img?.env ?? {}) };
  for (const e of env) {
    const i = e.indexOf("=");
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
    else if (!(e in out)) out[e] = "";
  }
  return Object.entries(out).map(([k, v]) => `${k}=${v}`);
}

/** The agent's prepare step: pulling the image (swarm's own "No such image" rejection). */
export function prepareTask(world: World, spec: ServiceSpec): TaskPrepare {
  const img = imageFacts(world, spec.image);
  return img ? { ok: true, image: img } : { ok: false, err: swarmNoSuchImage(spec.image) };
}
