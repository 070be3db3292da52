// Tag-existence rules (images.md §1 and §4 "tags that exist") built from small declarative specs:
// moving aliases, version trees with the last patch per line, and allowed variant suffixes.

export type TagRule = (tag: string) => boolean;

export interface TagSpec {
  /** Exact tags that exist (`latest`, `alpine`, `stable`, codenames…). */
  aliases?: string[];
  /**
   * Version lines: key "1.25" with value 5 means tags "1", "1.25" and "1.25.0"…"1.25.5" exist
   * (every leading part of a key is a tag too). Value -1: the line exists but has no deeper tags.
   */
  versions?: Record<string, number>;
  /** Version prefixes that are not tags by themselves (e.g. nginx has no "1.7" line tag gaps). */
  noShortTags?: string[];
  /** "v" before versions: never (default), optional or required. */
  vPrefix?: "none" | "optional" | "required";
  /** Versions must have exactly this many parts (elasticsearch: 3, full versions only). */
  exactParts?: number;
  /** Suffixes allowed after "-" on a version or on one of `suffixedAliases`. */
  suffixes?: (string | RegExp)[];
  /** Aliases that also take the suffixes ("stable" → "stable-alpine"). */
  suffixedAliases?: string[];
  /** Version gates for suffixes: suffix → minimum version ("alpine-slim" ≥ 1.23.2). */
  suffixMinVersion?: Record<string, string>;
  /** Suffixes that exist only on certain lines (mysql "-debian" only on 5.7 and 8.0). */
  suffixOnlyOn?: Record<string, string[]>;
  /** Whole-tag patterns (dates, snapshot tags). */
  patterns?: RegExp[];
}

/** "1.25.3" → [1, 25, 3]; undefined when not dotted numbers. */
export function versionParts(s: string): number[] | undefined {
  if (!/^\d+(\.\d+)*$/.test(s)) return undefined;
  return s.split(".").map(Number);
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether a bare version (no "v", no suffix) exists per the version lines. */
function versionExists(spec: TagSpec, version: string): boolean {
  const parts = versionParts(version);
  if (!parts) return false;
  if (spec.exactParts !== undefined && parts.length !== spec.exactParts) return false;
  if (spec.noShortTags?.includes(version)) return false;
  for (const [line, last] of Object.entries(spec.versions ?? {})) {
    const lp = line.split(".").map(Number);
    if (parts.length <= lp.length) {
      if (parts.every((p, i) => p === lp[i])) return true;
    } else if (parts.length === lp.length + 1 && lp.every((p, i) => p === parts[i])) {
      const n = parts[parts.length - 1]!;
      if (n <= last) return true;
    }
  }
  return false;
}

function stripV(spec: TagSpec, core: string): string | undefined {
  const mode = spec.vPrefix ?? "none";
  const hasV = /^v\d/.test(core);
  if (mode === "required") return hasV ? core.slice(1) : undefined;
  if (mode === "optional") return hasV ? core.slice(1) : core;
  return hasV ? undefined : core;
}

function suffixAllowed(spec: TagSpec, suffix: string, version: string | undefined): boolean {
  const ok = (spec.suffixes ?? []).some((s) => (typeof s === "string" ? s === suffix : s.test(suffix)));
  if (!ok) return false;
  if (version !== undefined) {
    const min = spec.suffixMinVersion?.[suffix];
    const parts = versionParts(version);
    // A shorter version is a moving alias for its line's latest ("1-bookworm" is 1.27.x-bookworm):
    // only the parts it has are compared.
    if (min !== undefined && parts && compareVersions(parts, versionParts(min)!.slice(0, parts.length)) < 0) return false;
    const only = spec.suffixOnlyOn?.[suffix];
    if (only && !only.some((line) => version === line || version.startsWith(line + "."))) return false;
  }
  return true;
}

/** Builds the rule for one repository. */
export function tagRule(spec: TagSpec): TagRule {
  return (tag) => {
    if (spec.aliases?.includes(tag)) return true;
    if (spec.patterns?.some((p) => p.test(tag))) return true;
    const bare = stripV(spec, tag);
    if (bare !== undefined && versionExists(spec, bare)) return true;
    // core-suffix: the suffix may itself contain dashes ("slim-bookworm", "20240110-slim").
    for (let i = tag.indexOf("-"); i !== -1; i = tag.indexOf("-", i + 1)) {
      const core = tag.slice(0, i);
      const suffix = tag.slice(i + 1);
      if (spec.suffixedAliases?.includes(core) && suffixAllowed(spec, suffix, undefined)) return true;
      const v = stripV(spec, core);
      if (v !== undefined && versionExists(spec, v) && suffixAllowed(spec, suffix, v)) return true;
    }
    return false;
  };
}

/** Every tag exists (the generic corpus images, "pullable at the pinned tag"). */
export const anyTag: TagRule = () => true;

/** Exactly these tags. */
export const onlyTags = (...tags: string[]): TagRule => (tag) => tags.includes(tag);

/** Lines "M.m" → last patch, from a compact list: lines("1.7:12 1.9:15"). */
export function lines(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.trim().split(/\s+/)) {
    const [line, last] = item.split(":") as [string, string | undefined];
    out[line] = last === undefined ? -1 : Number(last);
  }
  return out;
}

/** A range of lines with the same depth: range("3.", 1, 24, 20) → "3.1:20" … "3.24:20". */
export function range(prefix: string, from: number, to: number, last: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = from; i <= to; i++) out[`${prefix}${i}`] = last;
  return out;
}
