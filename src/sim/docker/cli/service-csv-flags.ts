// The service flags docker/cli reads as one CSV record (encoding/csv): --mount (opts.MountOpt) and
// --secret/--config (opts.SecretOpt, ConfigOpt), with their errors as the client words them
// (pflag wraps them as `invalid argument "<v>" for "<flag>" flag: <detail>`, exit 125).

import { DEFAULT_FILE_REF, type MountSpec } from "../swarm/types";
import type { Parsed } from "./service-flag-values";
import { goQuote } from "../../cli/format/go-fmt";

/**
 * encoding/csv's Reader.Read of one line, as docker/cli's MountOpt, SecretOpt and ConfigOpt read
 * their value: quoted fields ("" for a quote), its errors as Go words them (columns 1-based), and
 * io.EOF for an empty value.
 */
export function csvRecord(v: string): Parsed<string[]> {
  if (v === "") return { ok: false, error: "EOF" };
  const err = (col: number, what: string): Parsed<string[]> => ({ ok: false, error: `parse error on line 1, column ${col}: ${what}` });
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (v[i] === '"') {
      let j = i + 1;
      for (;;) {
        const q = v.indexOf('"', j);
        if (q < 0) return err(v.length + 1, 'extraneous or missing " in quoted-field');
        field += v.slice(j, q);
        if (v[q + 1] === '"') { field += '"'; j = q + 2; continue; }
        if (q + 1 < v.length && v[q + 1] !== ",") return err(q + 1, 'extraneous or missing " in quoted-field');
        i = q + 1;
        break;
      }
    } else {
      const end = v.indexOf(",", i);
      field = end < 0 ? v.slice(i) : v.slice(i, end);
      const bare = field.indexOf('"');
      if (bare >= 0) return err(i + bare + 1, 'bare " in non-quoted-field');
      i = end < 0 ? v.length : end;
    }
    out.push(field);
    if (i >= v.length) return { ok: true, value: out };
    i++; // the comma
    if (i >= v.length) { out.push(""); return { ok: true, value: out }; }
  }
}

const MOUNT_KEYS = new Set(["type", "source", "src", "target", "dst", "destination", "readonly", "ro", "consistency",
  "bind-propagation", "bind-recursive", "bind-nonrecursive", "volume-nocopy", "volume-label", "volume-driver",
  "volume-opt", "volume-subpath", "tmpfs-size", "tmpfs-mode", "image-subpath"]);

const GO_BOOL: Record<string, boolean> = {
  "1": true, t: true, T: true, true: true, TRUE: true, True: true,
  "0": false, f: false, F: false, false: false, FALSE: false, False: false,
};

/** docker/cli opts setValueOnMap: `k=v` sets k, a bare `k` sets it empty; an empty key is skipped. */
function setValueOnMap(target: Record<string, string>, keyValue: string): void {
  const i = keyValue.indexOf("=");
  const k = i < 0 ? keyValue : keyValue.slice(0, i);
  if (k) target[k] = i < 0 ? "" : keyValue.slice(i + 1);
}

/**
 * docker/cli opts.MountOpt.Set (service create/update --mount, docker run --mount): each field in
 * order, then the type and target, then options of another mount type ("cannot mix 'bind-*'
 * options with mount type 'volume'", in volume, image, bind, tmpfs order) and bind-recursive's
 * requirements.
 */
export function parseMount(v: string): Parsed<MountSpec> {
  const m: MountSpec = { type: "volume", source: "", target: "", readOnly: false };
  const opts = { volume: false, image: false, bind: false, tmpfs: false };
  let recursive = "";
  let propagation = "";
  const bad = (key: string, val: string): Parsed<MountSpec> => ({ ok: false, error: `invalid value for ${key}: ${val}` });
  // MountOpt's volumeOptions(): any volume-* key makes VolumeOptions with Labels and DriverConfig.
  const volumeOptions = () => (m.volumeOptions ??= { driverConfig: true });
  const record = csvRecord(v);
  if (!record.ok) return record;
  for (const field of record.value) {
    const i = field.indexOf("=");
    const key = (i < 0 ? field : field.slice(0, i)).toLowerCase();
    const val = i < 0 ? "true" : field.slice(i + 1);
    if (i < 0 && !["readonly", "ro", "volume-nocopy", "bind-nonrecursive"].includes(key)) {
      return { ok: false, error: `invalid field '${field}' must be a key=value pair` };
    }
    if (!MOUNT_KEYS.has(key)) return { ok: false, error: `unexpected key '${key}' in '${field}'` };
    if (key === "type") m.type = val.toLowerCase();
    else if (key === "source" || key === "src") m.source = val;
    else if (key === "target" || key === "dst" || key === "destination") m.target = val;
    else if (key === "readonly" || key === "ro" || key === "volume-nocopy" || key === "bind-nonrecursive") {
      // strconv.ParseBool's words; a bare key means true.
      const b = GO_BOOL[val];
      if (b === undefined) return bad(key, val);
      if (key === "readonly" || key === "ro") m.readOnly = b;
      else if (key === "volume-nocopy") {
        opts.volume = true;
        volumeOptions().noCopy = b;
      } else opts.bind = true;
    } else if (key === "bind-propagation") {
      opts.bind = true;
      propagation = val.toLowerCase();
    } else if (key === "bind-recursive") {
      if (!["enabled", "disabled", "writable", "readonly"].includes(val)) {
        return { ok: false, error: `invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")` };
      }
      // "enabled" is the default: it sets no bind option.
      if (val !== "enabled") opts.bind = true;
      recursive = val;
    } else if (key.startsWith("volume-")) {
      opts.volume = true;
      const vo = volumeOptions();
      if (key === "volume-driver") {
        if (val) m.volumeDriver = val;
        else delete m.volumeDriver;
      } else if (key === "volume-label") setValueOnMap((vo.labels ??= {}), val);
      else if (key === "volume-opt") setValueOnMap((vo.driverOpts ??= {}), val);
      else if (key === "volume-subpath") vo.subpath = val;
    }
    else if (key === "image-subpath") opts.image = true;
    else if (key === "tmpfs-size") {
      // units.RAMInBytes: a non-negative size, an optional space and unit.
      if (!/^\d+(\.\d+)* ?([kKmMgGtTpP])?[iI]?[bB]?$/.test(val)) return bad(key, val);
      opts.tmpfs = true;
    } else if (key === "tmpfs-mode") {
      if (!/^[0-7]+$/.test(val) || parseInt(val, 8) >= 2 ** 32) return bad(key, val);
      opts.tmpfs = true;
    }
  }
  if (!m.type) return { ok: false, error: "type is required" };
  if (!m.target) return { ok: false, error: "target is required" };
  for (const kind of ["volume", "image", "bind", "tmpfs"] as const) {
    if (opts[kind] && m.type !== kind) return { ok: false, error: `cannot mix '${kind}-*' options with mount type '${m.type}'` };
  }
  if (recursive === "writable" && !m.readOnly) return { ok: false, error: "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction" };
  if (recursive === "readonly") {
    if (!m.readOnly) return { ok: false, error: "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction" };
    if (propagation !== "rprivate") return { ok: false, error: "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction" };
  }
  return { ok: true, value: m };
}

export interface ObjectRequest {
  source: string;
  target: string;
  uid: string;
  gid: string;
  mode: number;
}

/**
 * strconv.ParseUint(s, 0, 32): a 0x, 0o or 0b prefix, or a leading 0 for octal (`mode=0400`),
 * else decimal (`mode=400` is 0620); the error as strconv words it.
 */
export function parseUintBase0(s: string): Parsed<number> {
  const syntax = { ok: false as const, error: `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax` };
  const m = /^(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (!m) return syntax;
  const v = m[1] !== undefined ? BigInt("0x" + m[1]) : m[2] !== undefined ? BigInt("0o" + m[2]) : m[3] !== undefined ? BigInt("0b" + m[3])
    : m[4] !== undefined ? (m[4] ? BigInt("0o" + m[4]) : 0n) : BigInt(m[5]!);
  if (v >= 2n ** 32n) return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(s)}: value out of range` };
  return { ok: true, value: Number(v) };
}

/** docker/cli SecretOpt/ConfigOpt.Set: `name`, or CSV `source=,target=,uid=,gid=,mode=`. */
export function parseObjectRef(v: string, kind: "secret" | "config"): Parsed<ObjectRequest> {
  // The value is read as CSV first: only a single field without "=" is the short syntax.
  const record = csvRecord(v);
  if (!record.ok) return record;
  const only = record.value.length === 1 ? record.value[0]! : undefined;
  if (only !== undefined && !only.includes("=")) return { ok: true, value: { source: only, target: only, ...DEFAULT_FILE_REF } };
  const r: ObjectRequest = { source: "", target: "", ...DEFAULT_FILE_REF };
  for (const field of record.value) {
    const i = field.indexOf("=");
    const key = field.slice(0, i < 0 ? field.length : i).toLowerCase();
    const val = i < 0 ? "" : field.slice(i + 1);
    if (i < 0) return { ok: false, error: `invalid field '${field}' must be a key=value pair` };
    if (key === "source" || key === "src") r.source = val;
    else if (key === "target") r.target = val;
    else if (key === "uid") r.uid = val;
    else if (key === "gid") r.gid = val;
    else if (key === "mode") {
      const m = parseUintBase0(val);
      if (!m.ok) return { ok: false, error: `invalid mode specified: ${m.error}` };
      r.mode = m.value;
    } else return { ok: false, error: `invalid field in ${kind} request: ${key}` };
  }
  if (!r.source) return { ok: false, error: "source is required" };
  if (!r.target) r.target = r.source;
  return { ok: true, value: r };
}

