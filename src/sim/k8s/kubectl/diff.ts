// `kubectl diff -f FILE` (kubectl/pkg/cmd/diff): each object's live state and what applying the
// file would make of it — the apply patch (or, for a new object, the create) sent as a server dry
// run — are written as YAML to /tmp/LIVE-<n>/ and /tmp/MERGED-<n>/ under
// `[<group>.]<version>.<Kind>.<namespace>.<name>`, and `diff -u -N` compares the two directories
// (unified-diff.ts). Exit 0 without differences, 1 with; errors stop before the diff runs and exit
// 2 (CheckDiffErr adds one to the usual code). managedFields are left out and Secret values
// masked, as kubectl does.

import { deepClone } from "../api/json";
import { toVersion } from "../api/conversion";
import { threeWayMerge, LAST_APPLIED } from "../api/apply";
import { renderStatusError, StatusError } from "../api/errors";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { toKubeYaml } from "../../cli/format/kube-yaml";
import { fail, KubectlExit, namespaceOf, server, type KubectlContext } from "./common";
import { readManifests } from "./manifests";
import { refuseKustomize } from "./local";
import { unifiedHunks } from "./unified-diff";

type Obj = Record<string, any>;

export function runDiff(ctx: KubectlContext, inv: Invocation): ExecResult {
  try {
    return diff(ctx, inv);
  } catch (e) {
    // CheckDiffErr: the usual message, the exit code one more.
    if (e instanceof KubectlExit && e.result.exitCode === 1) return { ...e.result, exitCode: 2 };
    throw e;
  }
}

/** InfoObject.Name(): the file name of one object in both directories. */
function fileName(o: Obj, ns: string | undefined): string {
  const [group, version] = String(o.apiVersion).includes("/") ? String(o.apiVersion).split("/") : ["", o.apiVersion];
  return `${group ? `${group}.` : ""}${version}.${o.kind}.${ns ?? ""}.${o.metadata?.name ?? ""}`;
}

/** The object as the diff prints it: no managedFields (--show-managed-fields=false). */
function shown(o: Obj): Obj {
  const c = deepClone(o);
  delete c.metadata?.managedFields;
  return c;
}

/** diff.Masker: Secret values become *** (or *** (before) / *** (after) where they differ). */
function maskSecrets(live: Obj | undefined, merged: Obj): void {
  if (merged.kind !== "Secret") return;
  const from = (live?.data ?? {}) as Record<string, string>;
  const to = (merged.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(from)) {
    if (k in to && from[k] !== to[k]) {
      from[k] = "*** (before)";
      to[k] = "*** (after)";
    } else {
      from[k] = "***";
      if (k in to) to[k] = "***";
    }
  }
  for (const k of Object.keys(to)) if (!(k in from)) to[k] = "***";
}

/** GNU diff's file time: `2024-01-10 00:00:20.000000000 +0000`. */
function fileTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

function diff(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.args.length) fail(`error: Unexpected args: [${inv.args.join(" ")}]\nSee 'kubectl diff -h' for help and examples`);
  refuseKustomize(ctx, inv);
  const files = inv.flags.list("filename");
  if (!files.length) fail("error: must specify one of -f and -k");
  const cluster = server(ctx);
  const read = readManifests(ctx, files, inv.flags.bool("recursive"));
  if (read.errors.length) fail(`error: ${read.errors[0]}`);
  const rng = ctx.world.rng.fork("kubectl-diff");
  const pairs: { name: string; live?: string; merged: string }[] = [];
  for (const m of read.objects) {
    const manifest = deepClone(m.obj) as Obj;
    const ns = m.info.namespaced ? (manifest.metadata?.namespace ?? namespaceOf(inv)) : undefined;
    manifest.metadata ??= {};
    if (ns) manifest.metadata.namespace = ns;
    const stored = cluster.store.get(m.info.kind, ns, manifest.metadata.name ?? "");
    const live = stored ? (toVersion(stored as Obj, manifest.apiVersion) as Obj) : undefined;
    let answer: Obj;
    try {
      if (!live) answer = cluster.api.create(manifest, ns, { dryRun: true }).obj;
      else {
        // The apply patcher's three-way patch, from a modified object that carries no
        // last-applied annotation (GetModifiedConfiguration without annotate), but an
        // annotations map all the same, as the last-applied one has.
        const modified = deepClone(manifest);
        modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}) };
        delete modified.metadata.annotations[LAST_APPLIED];
        const lastText = live.metadata?.annotations?.[LAST_APPLIED];
        let original: Obj | undefined;
        try {
          original = lastText ? JSON.parse(lastText) : undefined;
        } catch {
          original = undefined;
        }
        answer = cluster.api.update(threeWayMerge(original, modified, live), { dryRun: true }).obj;
      }
    } catch (e) {
      if (e instanceof StatusError) fail(renderStatusError(e));
      throw e;
    }
    // The server's dry-run answer: a new object's uid, creationTimestamp and generation, an
    // update's generation bump, as the real server fills them in.
    const merged = shown(toVersion(answer, manifest.apiVersion));
    const before = live ? shown(live) : undefined;
    maskSecrets(before, merged);
    pairs.push({ name: fileName(manifest, ns), ...(before ? { live: toKubeYaml(before) } : {}), merged: toKubeYaml(merged) });
  }
  // os.MkdirTemp's names: the prefix and a random uint32.
  const liveDir = `/tmp/LIVE-${rng.int(4294967296)}`;
  const mergedDir = `/tmp/MERGED-${rng.int(4294967296)}`;
  const now = fileTime(cluster.world.now);
  let stdout = "";
  // diff compares the directories' files in name order.
  for (const p of [...pairs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const hunks = unifiedHunks(p.live ?? "", p.merged);
    if (!hunks) continue;
    const left = `${liveDir}/${p.name}`;
    const right = `${mergedDir}/${p.name}`;
    stdout += `diff -u -N ${left} ${right}\n--- ${left}\t${p.live === undefined ? "1970-01-01 00:00:00.000000000 +0000" : now}\n+++ ${right}\t${now}\n${hunks}`;
  }
  return { exitCode: stdout ? 1 : 0, stdout, stderr: "" };
}
