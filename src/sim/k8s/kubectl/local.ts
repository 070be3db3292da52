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
