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

/**
 * The container's Config.Env as moby's merge() makes it from the executor's config: the task's
 * (rendered) --env first, in order and as given (a bare KEY stays bare: the runtime then leaves it
 * unset, ReplaceOrAppendEnvValues' "remove" marker), then each image ENV whose key the task did
 * not set.
 */
export function taskEnv(img: ImageFacts | undefined, env: string[]): string[] {
  const keyOf = (e: string) => (e.includes("=") ? e.slice(0, e.indexOf("=")) : e);
  const keys = new Set(env.map(keyOf));
  return [...env, ...Object.entries(img?.env ?? {}).filter(([k]) => !keys.has(k)).map(([k, v]) => `${k}=${v}`)];
}

/** The agent's prepare step: pulling the image (swarm's own "No such image" rejection). */
export function prepareTask(world: World, spec: ServiceSpec): TaskPrepare {
  const img = imageFacts(world, spec.image);
  return img ? { ok: true, image: img } : { ok: false, err: swarmNoSuchImage(spec.image) };
}
