// --local (kubectl set image|env|resources|selector|serviceaccount, label, annotate, patch): the
// resource builder reads the -f files only (its LocalParam) and the verb never talks to the API
// server — it changes the object as read and prints it, so it works with no cluster at all.
// Each verb refuses server resources with its own words, checked before anything is read.

import type { Invocation } from "../../cli/command";
import type { KObject } from "../store";
import { fail } from "./common";
import { NO_RESOURCES_MESSAGE } from "./delete";
import { dryRunMode } from "./apply";
import { readManifests } from "./manifests";

/** set image|resources|selector (their Validate): resources named on the command line with --local. */
export const LOCAL_NEEDS_FILENAME =
  "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

/** label and annotate (their Validate) word it each with their own example file. */
export const localFilesOnly = (example: string) => `error: can only use local files by -f ${example} or --filename=${example.replace(/\.yaml$/, ".json")} when --local=true is set`;

/**
 * -k DIR (FilenameOptions.Validate, then kustomize's loader): not with -f; DIR must be a directory
 * holding a kustomization. The simulator builds no kustomizations, so a real one is refused with
 * a note; the real client's words for the others.
 */
export function refuseKustomize(ctx: { host: { fs: { resolve(p: string): string; isDir(p: string): boolean; exists(p: string): boolean } } }, inv: Invocation): void {
  const dir = inv.flags.str("kustomize");
  if (!dir) return;
  if (inv.flags.list("filename").length) fail("error: only one of -f or -k can be specified");
  const fs = ctx.host.fs;
  const abs = fs.resolve(dir);
  if (!fs.exists(dir)) fail(`error: must build at directory: not a valid directory: evalsymlink failure on '${dir}' : lstat ${abs}: no such file or directory`);
  if (!fs.isDir(dir)) fail(`error: must build at directory: '${dir}': file is not directory`);
  if (!["kustomization.yaml", "kustomization.yml", "Kustomization"].some((f) => fs.exists(`${abs}/${f}`))) {
    fail(`error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${abs}'`);
  }
  fail("error: clustergrade: kustomizations (-k) are not simulated; apply the manifests with -f instead");
}

export function isLocal(inv: Invocation): boolean {
  return inv.flags.changed("local") && inv.flags.bool("local");
}

/** Every verb with --local refuses it together with a server dry run. */
export function refuseLocalServerDryRun(inv: Invocation): void {
  if (isLocal(inv) && dryRunMode(inv) === "server") fail("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
}

/**
 * The builder's objects under --local: the -f files' objects as written (no namespace added, no
 * lookup). Without -f the local builder has nothing to visit: the generic "You must provide one
 * or more resources" error (set env and set serviceaccount ignore TYPE/NAME arguments then).
 */
export function localObjects(ctx: Parameters<typeof readManifests>[0], inv: Invocation): KObject[] {
  const files = inv.flags.list("filename");
  if (!files.length) fail(NO_RESOURCES_MESSAGE);
  const read = readManifests(ctx, files, inv.flags.bool("recursive"));
  if (!read.objects.length) fail(NO_RESOURCES_MESSAGE);
  return read.objects.map((m) => m.obj as KObject);
}
