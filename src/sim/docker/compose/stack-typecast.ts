// Mirrors docker/cli's interpolateTypeCastMapping (cli/compose/loader/interpolate.go): after
// `docker stack` interpolates a Compose file, a string that substitution changed is cast to the
// type its field holds — `replicas: ${N}` becomes the integer 3 — while a literal "3" is left a
// string for the v3 schema to refuse ("must be a integer"). A value that does not cast fails the
// load: `error while interpolating PATH: failed to cast to expected type: …`.

import { isObject } from "./json-schema";

type Cast = (v: string) => { ok: true; value: unknown } | { ok: false; error: string };

const goQuote = (v: string): string => JSON.stringify(v);

/** strconv.Atoi */
const toInt: Cast = (v) => {
  if (!/^[+-]?\d+$/.test(v)) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(v)}: invalid syntax` };
  const n = Number(v);
  if (!Number.isSafeInteger(n)) return { ok: false, error: `strconv.Atoi: parsing ${goQuote(v)}: value out of range` };
  return { ok: true, value: n };
};

/** strconv.ParseFloat(v, 64) for the decimal forms students write. */
const toFloat: Cast = (v) =>
  /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? { ok: true, value: Number(v) } : { ok: false, error: `strconv.ParseFloat: parsing ${goQuote(v)}: invalid syntax` };

/** docker/cli's toBoolean: YAML 1.1's words. */
const toBoolean: Cast = (v) => {
  const l = v.toLowerCase();
  if (["y", "yes", "true", "on"].includes(l)) return { ok: true, value: true };
  if (["n", "no", "false", "off"].includes(l)) return { ok: true, value: false };
  return { ok: false, error: `invalid boolean: ${v}` };
};

/** Paths as docker/cli writes them: `*` any key, `[]` any list item. */
const CASTS: [string, Cast][] = [
  ["services.*.configs.[].mode", toInt],
  ["services.*.secrets.[].mode", toInt],
  ["services.*.healthcheck.retries", toInt],
  ["services.*.healthcheck.disable", toBoolean],
  ["services.*.deploy.replicas", toInt],
  ["services.*.deploy.update_config.parallelism", toInt],
  ["services.*.deploy.update_config.max_failure_ratio", toFloat],
  ["services.*.deploy.rollback_config.parallelism", toInt],
  ["services.*.deploy.rollback_config.max_failure_ratio", toFloat],
  ["services.*.deploy.restart_policy.max_attempts", toInt],
  ["services.*.deploy.placement.max_replicas_per_node", toInt],
  ["services.*.ports.[].target", toInt],
  ["services.*.ports.[].published", toInt],
  ["services.*.ulimits.*", toInt],
  ["services.*.ulimits.*.hard", toInt],
  ["services.*.ulimits.*.soft", toInt],
  ["services.*.privileged", toBoolean],
  ["services.*.read_only", toBoolean],
  ["services.*.stdin_open", toBoolean],
  ["services.*.tty", toBoolean],
  ["services.*.volumes.[].read_only", toBoolean],
  ["services.*.volumes.[].volume.nocopy", toBoolean],
  ["networks.*.external", toBoolean],
  ["networks.*.internal", toBoolean],
  ["networks.*.attachable", toBoolean],
  ["volumes.*.external", toBoolean],
  ["secrets.*.external", toBoolean],
  ["configs.*.external", toBoolean],
];

function casterFor(path: string[]): Cast | undefined {
  for (const [pattern, cast] of CASTS) {
    const segs = pattern.split(".");
    if (segs.length === path.length && segs.every((s, i) => s === "*" || s === path[i])) return cast;
  }
  return undefined;
}

export type CastResult = { ok: true; value: unknown } | { ok: false; error: string };

/** `after` (the interpolated `before`) with the changed strings at typed paths cast. */
export function castInterpolated(before: unknown, after: unknown, path: string[] = []): CastResult {
  if (typeof before === "string" && typeof after === "string") {
    const cast = before !== after ? casterFor(path) : undefined;
    if (!cast) return { ok: true, value: after };
    const r = cast(after);
    return r.ok ? r : { ok: false, error: `error while interpolating ${path.join(".")}: failed to cast to expected type: ${r.error}` };
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: unknown[] = [];
    for (let i = 0; i < after.length; i++) {
      const r = castInterpolated(before[i], after[i], [...path, "[]"]);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (isObject(before) && isObject(after)) {
    const out: Record<string, unknown> = {};
    // Document order: Go ranges over the map in random order, so any failing key may be named.
    for (const k of Object.keys(after)) {
      const r = castInterpolated(before[k], after[k], [...path, k]);
      if (!r.ok) return r;
      out[k] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value: after };
}
