// `docker images` / `docker image ls` (docker/cli cli/command/image/list.go and formatter/image.go
// over moby's classic ImageService.Images): the [REPOSITORY[:TAG]] argument is a `reference`
// filter; --filter takes dangling, reference, label, before, since and until. Rows are the
// image's references: one per tag, a digest-only reference as REPOSITORY <none>, an image with no
// reference at all as <none> <none> (dangling). Newest first.

import type { Invocation } from "../../cli/command";
import { dockerFormat } from "../../cli/format/docker-format";
import { dockerAgo } from "../../cli/format/duration";
import { renderTable } from "../../cli/format/tabwriter";
import { parseImageReference } from "../../images";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { findImage, imageReferences } from "./image-delete";
import { getTimestamp } from "./logs";
import { humanSize } from "./more-commands";
import { ERR_DAEMON, engineHost, type ImageRecord } from "./state";

const ACCEPTED = ["dangling", "label", "before", "since", "reference", "until"];
const HEADERS = { Repository: "REPOSITORY", Tag: "TAG", Digest: "DIGEST", ID: "IMAGE ID", CreatedSince: "CREATED", CreatedAt: "CREATED AT", Size: "SIZE", Containers: "CONTAINERS" };

/** Go's path.Match (`*`, `?`, `[…]`, `\` escapes; `*` and `?` never match "/"), or a syntax error. */
export function pathMatch(pattern: string, name: string): boolean | "syntax error in pattern" {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "\\") {
      if (i + 1 >= pattern.length) return "syntax error in pattern";
      re += "\\" + pattern[++i];
    } else if (ch === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) return "syntax error in pattern";
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("^");
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/[\]\\^]/g, "\\$&")}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`).test(name);
}

/** reference.FamiliarMatch: the pattern against the familiar string, then the familiar name. */
function familiarMatch(pattern: string, ref: string): boolean | string {
  const p = parseImageReference(ref);
  const a = pathMatch(pattern, ref);
  if (a !== false || !p.ok) return a;
  return pathMatch(pattern, p.ref.familiarName);
}

/** filters.Args from `--filter k=v`, validated as moby does (the key, then dangling's value). */
function imageFilters(list: string[]): Map<string, string[]> | { error: string } {
  const f = new Map<string, string[]>();
  for (const item of list) {
    const i = item.indexOf("=");
    const k = item.slice(0, i).trim().toLowerCase(), v = item.slice(i + 1).trim();
    f.set(k, [...(f.get(k) ?? []), v]);
  }
  for (const k of f.keys()) if (!ACCEPTED.includes(k)) return { error: `invalid filter '${k}'` };
  const d = f.get("dangling");
  if (d) {
    const isFalse = d.includes("0") || d.includes("false"), isTrue = d.includes("1") || d.includes("true");
    if (isFalse === isTrue) return { error: `invalid filter 'dangling=${d.join(",")}'` };
  }
  return f;
}

type Row = { img: ImageRecord; repository: string; tag: string; digest: string };

export function images(ctx: ProgramContext, inv: Invocation): ExecResult {
  const fail = (message: string): ExecResult => ({ exitCode: 1, stdout: "", stderr: `${ERR_DAEMON}${message}\n` });
  const filters = imageFilters(inv.flags.list("filter"));
  if ("error" in filters) return fail(filters.error);
  if (inv.args[0] !== undefined) filters.set("reference", [...(filters.get("reference") ?? []), inv.args[0]]);
  const h = engineHost(ctx.world, ctx.host.name);
  const danglingOnly = filters.get("dangling")?.some((v) => v === "1" || v === "true") ?? false;
  // before / since: the oldest (newest) of the images named; until: a timestamp.
  let before: number | undefined, since: number | undefined, until: number | undefined;
  for (const [key, values] of [["before", filters.get("before")], ["since", filters.get("since")]] as const) {
    for (const v of values ?? []) {
      const found = findImage(h, v);
      if ("error" in found) return fail(found.error);
      if (key === "before") before = Math.min(before ?? Infinity, found.image.created);
      else since = Math.max(since ?? -Infinity, found.image.created);
    }
  }
  for (const v of filters.get("until") ?? []) {
    const t = getTimestamp(v, ctx.world.now);
    if (typeof t === "string") return fail(t);
    until = t.sec * 1000 + Math.floor(t.nanos / 1e6);
  }
  const patterns = filters.get("reference");
  const rows: Row[] = [];
  const ids = [...new Set([...h.images].sort((a, b) => b.created - a.created || (a.ref < b.ref ? -1 : 1)).map((i) => i.id))];
  for (const id of ids) {
    const img = h.images.find((i) => i.id === id)!;
    if ((before !== undefined && img.created >= before) || (since !== undefined && img.created <= since) || (until !== undefined && img.created > until)) continue;
    if (filters.has("label")) continue; // no image here carries labels
    const refs: ReturnType<typeof imageReferences> = [];
    for (const r of imageReferences(h, id)) {
      if (patterns) {
        let found = false;
        for (const p of patterns) {
          const m = familiarMatch(p, r.text);
          if (typeof m === "string") return fail(m);
          if ((found = m)) break;
        }
        if (!found) continue;
      }
      refs.push(r);
    }
    const tags = refs.filter((r) => !r.canonical);
    if (refs.length === 0) {
      if ((filters.has("dangling") && !danglingOnly) || patterns) continue;
      rows.push({ img, repository: "<none>", tag: "<none>", digest: "<none>" });
      continue;
    }
    if (danglingOnly && tags.length > 0) continue;
    const digestOf = (name: string) => refs.find((r) => r.canonical && r.name === name)?.text.split("@")[1] ?? "<none>";
    for (const t of tags) rows.push({ img, repository: t.name, tag: t.text.slice(t.name.length + 1), digest: digestOf(t.name) });
    // Digest references of a repository without a tag here: one row, TAG <none>.
    for (const name of [...new Set(refs.filter((r) => r.canonical && !tags.some((t) => t.name === r.name)).map((r) => r.name))]) {
      rows.push({ img, repository: name, tag: "<none>", digest: digestOf(name) });
    }
  }
  const noTrunc = inv.flags.bool("no-trunc");
  const ctxRows = rows.map((r) => ({
    Repository: r.repository, Tag: r.tag, Digest: r.digest, ID: noTrunc ? `sha256:${r.img.id}` : r.img.id.slice(0, 12),
    CreatedSince: dockerAgo(ctx.world.now - r.img.created), CreatedAt: new Date(Math.floor(r.img.created / 1000) * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " +0000 UTC"),
    Size: humanSize(r.img.size), Containers: "N/A",
  }));
  const format = inv.flags.str("format");
  if (inv.flags.bool("quiet") && !format) return { exitCode: 0, stdout: ctxRows.map((r) => r.ID + "\n").join(""), stderr: "" };
  if (format && format !== "table") {
    const r = dockerFormat(format, ctxRows, { headers: HEADERS, rootType: "*formatter.imageContext" });
    return r.ok ? { exitCode: 0, stdout: r.stdout, stderr: "" } : { exitCode: 1, stdout: "", stderr: r.stderr };
  }
  const digests = inv.flags.bool("digests");
  const header = ["REPOSITORY", "TAG", ...(digests ? ["DIGEST"] : []), "IMAGE ID", "CREATED", "SIZE"];
  return { exitCode: 0, stdout: renderTable([header, ...ctxRows.map((r) => [r.Repository, r.Tag, ...(digests ? [r.Digest] : []), r.ID, r.CreatedSince, r.Size])]), stderr: "" };
}
