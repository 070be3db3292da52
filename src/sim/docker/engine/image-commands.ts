// docker/cli's `docker rmi` / `docker image rm` (cli/command/image/remove.go) and `docker tag` /
// `docker image tag` (tag.go, with the API client's reference checks) over the daemon's image
// delete and tag (image-delete.ts).

import type { Invocation } from "../../cli/command";
import { parseImageReference } from "../../images";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { findImage, imageDelete, tagImage } from "./image-delete";
import { images } from "./image-list";
import { imageFactsOf } from "./ops";
import { ERR_DAEMON, engineHost } from "./state";

type Handle = (path: string, h: {
  args?: { min?: number; max?: number }; values?: Record<string, (v: string) => string | undefined>;
  run: (ctx: ProgramContext, inv: Invocation) => ExecResult;
}) => void;

/** opts.FilterOpt.Set: a filter without "=" is refused by the flag itself. */
const FILTER_VALUE = { filter: (v: string) => (v === "" || v.includes("=") ? undefined : "bad format of filter (expected name=value)") };

/**
 * runRemove: each image's records in turn ("Untagged: …", "Deleted: …"); the errors joined at
 * the end. With --force, only "No such image" errors are not fatal: printed, exit 0.
 */
function rmi(ctx: ProgramContext, inv: Invocation): ExecResult {
  const force = inv.flags.bool("force");
  let stdout = "";
  const errors: string[] = [];
  let fatal = false;
  for (const ref of inv.args) {
    const r = imageDelete(ctx.world, ctx.host.name, ref, force);
    if (!r.ok) {
      if (!r.notFound) fatal = true;
      errors.push(ERR_DAEMON + r.message);
      continue;
    }
    for (const rec of r.records) stdout += "deleted" in rec ? `Deleted: ${rec.deleted}\n` : `Untagged: ${rec.untagged}\n`;
  }
  const stderr = errors.map((e) => e + "\n").join("");
  return { exitCode: errors.length && (!force || fatal) ? 1 : 0, stdout, stderr };
}

const parseError = (written: string, message: string) => `Error parsing reference: "${written}" is not a valid repository/tag: ${message}`;

/** ImageTag: the client checks both references, then the daemon finds the source and tags it. */
function tag(ctx: ProgramContext, inv: Invocation): ExecResult {
  const fail = (message: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: message + "\n" });
  const [source, target] = inv.args as [string, string];
  // ParseAnyReference accepts a bare 64-hex ID (or sha256:<hex>), which names no repository.
  const sourceIsId = /^(?:sha256:)?[a-f0-9]{64}$/.test(source);
  const src = sourceIsId ? undefined : parseImageReference(source);
  if (src && !src.ok) return fail(parseError(source, src.message));
  const dst = parseImageReference(target);
  if (!dst.ok) return fail(parseError(target, dst.message));
  if (dst.ref.digest !== undefined) return fail("refusing to create a tag with a digest reference");
  const h = engineHost(ctx.world, ctx.host.name);
  const found = findImage(h, source);
  if ("error" in found) return fail(ERR_DAEMON + found.error);
  // The new name runs the same image locally (no registry has it under that name).
  const facts = imageFactsOf(ctx.world, found.image.ref || found.image.id, ctx.host.name);
  tagImage(h, found.image, { familiar: dst.ref.familiar, familiarName: dst.ref.familiarName, tag: dst.ref.tag! });
  if (facts) h.built.set(dst.ref.familiar, { ...facts, ref: dst.ref });
  ctx.world.record("engine", "image-tagged", dst.ref.familiar, { host: ctx.host.name });
  return { exitCode: 0, stdout: "", stderr: "" };
}

export function registerImageCommands(handle: Handle): void {
  for (const path of ["docker images", "docker image ls"]) handle(path, { args: { max: 1 }, values: FILTER_VALUE, run: images });
  for (const path of ["docker rmi", "docker image rm"]) handle(path, { args: { min: 1 }, run: rmi });
  for (const path of ["docker tag", "docker image tag"]) handle(path, { args: { min: 2, max: 2 }, run: tag });
}
