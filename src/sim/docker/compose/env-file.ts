// A service's environment as each client resolves it before creating containers:
// - `docker compose` (compose-go's WithServicesEnvironmentResolved): every env_file in order
//   (short form: required; long form `{path, required}`), parsed by compose's dotenv (quotes,
//   `export`, comments, `${VAR}` expanded from earlier lines and the project environment), then
//   `environment:` on top; a key without a value takes the project environment's value (the
//   `.env` file included). The env_file key is dropped from the model (`config` shows the result).
// - `docker stack` (docker/cli's loader resolveEnvironment): env files parsed by docker's
//   opts.ParseEnvFile (values verbatim, quotes kept; `KEY` alone read from the environment),
//   then `environment:`; keys without a value come from the client's environment. env_file stays
//   in the printed config as written.

import { isObject } from "./json-schema";
import { InterpolationFailure, substitute } from "./interpolate";
import { toStringMap, type ComposeModel, type ServiceModel } from "./model";

export type ReadFile = (absPath: string) => string | undefined;
type Lookup = (name: string) => string | undefined;

export const errEnvFileNotFound = (p: string) => `env file ${p} not found: stat ${p}: no such file or directory`;
export const errOpenEnvFile = (p: string) => `open ${p}: no such file or directory`;
export const errEnvWhitespace = (file: string, key: string) => `invalid env file (${file}): variable '${key}' contains whitespaces`;

const MAX_ENV_LINES = 5000;

export interface EnvFileRef {
  path: string;
  required: boolean;
}

/** The env_file entries of a service, short or long form, paths as written. */
export function envFileRefs(raw: Record<string, unknown>): EnvFileRef[] {
  const v = raw.env_file;
  const list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  return list.map((x) =>
    isObject(x) ? { path: String(x.path ?? ""), required: x.required !== false } : { path: String(x), required: true },
  );
}

/** compose-go's dotenv: `export`, quotes, inline comments, `${VAR}` in unquoted and "double" values. */
export function parseComposeEnvFile(text: string, lookup: Lookup): Record<string, string> {
  const out: Record<string, string> = {};
  const resolve: Lookup = (n) => (n in out ? out[n] : lookup(n));
  const expand = (s: string) => {
    try {
      return substitute(s, resolve, "env_file", new Set());
    } catch (e) {
      if (e instanceof InterpolationFailure) return s;
      throw e;
    }
  };
  for (const raw of text.split(/\r?\n/).slice(0, MAX_ENV_LINES)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("export ")) line = line.slice(7).trim();
    const eq = line.indexOf("=");
    if (eq < 0) {
      const v = lookup(line);
      if (v !== undefined) out[line] = v;
      continue;
    }
    const key = line.slice(0, eq).trim();
    if (!key) continue;
    let value = line.slice(eq + 1).trim();
    if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1);
    else if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = expand(value.slice(1, -1).replace(/\\n/g, "\n").replace(/\\"/g, '"'));
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash).trimEnd();
      value = expand(value);
    }
    out[key] = value;
  }
  return out;
}

/** docker's opts.ParseEnvFile: values verbatim; `KEY` alone looked up; whitespace in a key is an error. */
export function parseDockerEnvFile(text: string, file: string, lookup: Lookup): Record<string, string | null> | string {
  const out: Record<string, string | null> = {};
  for (const raw of text.split(/\r?\n/).slice(0, MAX_ENV_LINES)) {
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    if (/\s/.test(key)) return errEnvWhitespace(file, key);
    if (eq >= 0) out[key] = line.slice(eq + 1);
    else {
      const v = lookup(key);
      if (v !== undefined) out[key] = v;
    }
  }
  return out;
}

/** Applies a merged environment to the model and the printed raw mapping. */
function setEnvironment(s: ServiceModel, env: Record<string, string | null>, dropEnvFile: boolean): void {
  s.environment = env;
  const raw: Record<string, unknown> = { ...s.raw };
  if (Object.keys(env).length) raw.environment = { ...env };
  else delete raw.environment;
  if (dropEnvFile) delete raw.env_file;
  s.raw = raw;
}

/** compose: env files then `environment:`; a string is the error (missing required file). */
export function resolveComposeEnvironment(model: ComposeModel, lookup: Lookup, readFile: ReadFile, resolvePath: (p: string) => string): string | undefined {
  for (const s of model.services) {
    const merged: Record<string, string | null> = {};
    for (const ref of envFileRefs(s.raw)) {
      const path = resolvePath(ref.path);
      const text = readFile(path);
      if (text === undefined) {
        if (ref.required) return errEnvFileNotFound(path);
        continue;
      }
      Object.assign(merged, parseComposeEnvFile(text, (n) => (typeof merged[n] === "string" ? merged[n]! : lookup(n))));
    }
    for (const [k, v] of Object.entries(toStringMap(s.raw.environment))) merged[k] = v ?? lookup(k) ?? null;
    if (s.raw.env_file === undefined && s.raw.environment === undefined) continue;
    setEnvironment(s, merged, true);
  }
  return undefined;
}

/** docker stack: env files then `environment:`; a string is the error (unreadable file, bad key). */
export function resolveStackEnvironment(model: ComposeModel, lookup: Lookup, readFile: ReadFile, resolvePath: (p: string) => string): string | undefined {
  for (const s of model.services) {
    const merged: Record<string, string | null> = {};
    for (const ref of envFileRefs(s.raw)) {
      const path = resolvePath(ref.path);
      const text = readFile(path);
      if (text === undefined) return errOpenEnvFile(path);
      const vars = parseDockerEnvFile(text, path, lookup);
      if (typeof vars === "string") return vars;
      Object.assign(merged, vars);
    }
    for (const [k, v] of Object.entries(toStringMap(s.raw.environment))) merged[k] = v ?? lookup(k) ?? null;
    if (s.raw.env_file === undefined && s.raw.environment === undefined) continue;
    setEnvironment(s, merged, false);
  }
  return undefined;
}
