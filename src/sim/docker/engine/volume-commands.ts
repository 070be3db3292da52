// `docker volume create|inspect|ls` (docker/cli cli/command/volume, moby's volume service): a
// volume's JSON is api/types/volume.Volume's fields in their order. The CLI sends its --label and
// --opt maps even when empty, so a volume it made shows `"Labels": {}` and `"Options": {}`; one
// Compose made (labels, no driver_opts) shows `"Options": null`.

import type { Invocation } from "../../cli/command";
import { goJsonMarshal } from "../../cli/format/go-json";
import { goMap } from "../../cli/format/go-value";
import { dockerInspectFormat } from "../../cli/format/docker-format";
import type { ExecResult, ProgramContext } from "../../programs/registry";
import { ensureVolume } from "./ops";
import { engineHost, ERR_DAEMON, errNoSuchVolume, type VolumeRecord } from "./state";
import { renderTable } from "../../cli/format/tabwriter";
import { dockerFormat } from "../../cli/format/docker-format";

const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: "" });

/** Go's time.Time in RFC 3339 (whole seconds as the local driver stores them). */
const goTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");

/** The daemon's JSON of a volume (`docker volume inspect`, `docker inspect`). */
export function volumeJson(v: VolumeRecord): Record<string, unknown> {
  return {
    // Labels and Options are Go maps: `{{index .Labels "k"}}`, `{{.Labels.k}}` on a missing key.
    CreatedAt: goTime(v.created), Driver: v.driver, Labels: goMap({ ...v.labels }), Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
    Name: v.name, Options: v.options ? goMap({ ...v.options }) : null, Scope: "local",
  };
}

/** opts.ConvertKVStringsToMap: `k=v`, or `k` alone with an empty value. */
function kvMap(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of list) {
    const i = s.indexOf("=");
    if (i < 0) out[s] = "";
    else out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}

/** The local driver's validateName (volume/local/local.go): two or more of [a-zA-Z0-9][a-zA-Z0-9_.-]. */
export function localVolumeNameError(name: string): string | undefined {
  if (name.length === 1) return "volume name is too short, names should be at least two alphanumeric characters";
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    return `${JSON.stringify(name)} includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`;
  }
  return undefined;
}

/** `docker volume create [-d DRIVER] [--label k=v] [-o k=v] [NAME]`: prints the name (a new hex one without). */
export function volumeCreate(ctx: ProgramContext, inv: Invocation): ExecResult {
  const name = inv.args[0] ?? ctx.world.rng.fork("docker-engine").hexId(64);
  const driver = inv.flags.str("driver") || "local";
  const exists = engineHost(ctx.world, ctx.host.name).volumes.some((v) => v.name === name);
  // The volume store's OpErr ("create NAME: …"): a driver no plugin provides, then the local
  // driver's name rules (an existing volume is returned as it is).
  const bad = driver !== "local" ? `error looking up volume plugin ${driver}: plugin ${JSON.stringify(driver)} not found` : exists ? undefined : localVolumeNameError(name);
  if (bad) return { exitCode: 1, stdout: "", stderr: `${ERR_DAEMON}create ${name}: ${bad}\n` };
  const r = ensureVolume(ctx.world, ctx.host.name, name, kvMap(inv.flags.list("label")), driver);
  if (r.created) r.volume.options = kvMap(inv.flags.list("opt"));
  return { exitCode: 0, stdout: name + "\n", stderr: "" };
}

/** `docker volume inspect [-f FORMAT] VOLUME…`: the volumes found; each missing one an error line. */
export function volumeInspect(ctx: ProgramContext, inv: Invocation): ExecResult {
  const h = engineHost(ctx.world, ctx.host.name);
  const entries = inv.args.map((ref) => {
    const v = h.volumes.find((x) => x.name === ref);
    return v ? { value: volumeJson(v) } : { error: errNoSuchVolume(ref) };
  });
  const format = inv.flags.str("format");
  if (format) {
    const r = dockerInspectFormat(format, entries);
    return r.ok ? { exitCode: 0, stdout: r.stdout, stderr: "" } : { exitCode: 1, stdout: r.stdout, stderr: r.stderr };
  }
  const values = entries.flatMap((e) => ("value" in e ? [e.value] : []));
  const errors = entries.flatMap((e) => ("error" in e ? [e.error + "\n"] : [])).join("");
  return { exitCode: errors ? 1 : 0, stdout: goJsonMarshal(values, { indent: "    ", objects: "struct" }) + "\n", stderr: errors };
}

/** docker's volume formatter (cli/command/formatter/volume.go): fields and their table headers. */
const VOLUME_HEADERS = { Name: "VOLUME NAME", Driver: "DRIVER", Scope: "SCOPE", Mountpoint: "MOUNTPOINT", Labels: "LABELS", Links: "LINKS", Size: "SIZE" };

export function volumeLs(ctx: ProgramContext, inv: Invocation): ExecResult {
  const h = engineHost(ctx.world, ctx.host.name);
  const selected = volumeFilter(inv.flags.list("filter"), new Set(h.containers.flatMap((c) => c.mounts.filter((m) => m.type === "volume").map((m) => m.source))));
  if (typeof selected === "string") return { exitCode: 1, stdout: "", stderr: selected + "\n" };
  const vols = h.volumes.filter(selected).sort((a, b) => (a.name < b.name ? -1 : 1));
  const format = inv.flags.str("format");
  if (inv.flags.bool("quiet") && !format) return ok(vols.map((v) => v.name + "\n").join(""));
  if (format && format !== "table") {
    const rows = vols.map((v) => ({
      Name: v.name, Driver: v.driver, Scope: "local", Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`,
      Labels: Object.keys(v.labels).sort().map((k) => `${k}=${v.labels[k]}`).join(","), Links: "N/A", Size: "N/A",
      Label: (name: unknown) => v.labels[String(name)] ?? "",
    }));
    const r = dockerFormat(format, rows, { headers: VOLUME_HEADERS });
    return r.ok ? ok(r.stdout) : { exitCode: 1, stdout: "", stderr: r.stderr };
  }
  return ok(renderTable([["DRIVER", "VOLUME NAME"], ...vols.map((v) => [v.driver, v.name])]));
}

/**
 * The daemon's volume list filters (volume/service filtersToBy): dangling=true|false (used by no
 * container, even a stopped one), driver (exact), name (a regular expression, as Args.Match),
 * label=K[=V]; any other is refused.
 */
function volumeFilter(list: string[], used: ReadonlySet<string>): ((v: VolumeRecord) => boolean) | string {
  const f = new Map<string, string[]>();
  for (const s of list) {
    const i = s.indexOf("=");
    if (i < 0) continue;
    const k = s.slice(0, i).trim().toLowerCase();
    f.set(k, [...(f.get(k) ?? []), s.slice(i + 1).trim()]);
  }
  for (const k of f.keys()) if (!["dangling", "driver", "label", "name"].includes(k)) return `${ERR_DAEMON}invalid filter '${k}'`;
  const dangling = f.get("dangling");
  let wantDangling: boolean | undefined;
  for (const v of dangling ?? []) {
    if (["true", "1"].includes(v.toLowerCase())) wantDangling = true;
    else if (["false", "0"].includes(v.toLowerCase())) wantDangling = false;
    else return `${ERR_DAEMON}invalid filter 'dangling=${v}'`;
  }
  const names = (f.get("name") ?? []).map((n) => { try { return new RegExp(n); } catch { return undefined; } });
  return (v) => (wantDangling === undefined || wantDangling === !used.has(v.name))
    && (!f.has("driver") || f.get("driver")!.includes(v.driver))
    && (!f.has("name") || names.some((r) => (r ? r.test(v.name) : false)))
    && (f.get("label") ?? []).every((l) => {
      const i = l.indexOf("=");
      return i < 0 ? l in v.labels : v.labels[l.slice(0, i)] === l.slice(i + 1);
    });
}
