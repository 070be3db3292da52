// Go text/template for docker --format: compile once, render against plain JS data. The function
// set is text/template's builtins plus docker/cli's (json, split, join, title, lower, upper, pad,
// truncate); see gotemplate-exec.ts for how JS values stand in for Go structs and maps.
import { type ExecResult, execGoTemplate } from './gotemplate-exec';
import { BUILTINS, DOCKER_FUNCS, type GoFunc } from './gotemplate-funcs';
import { type ParsedTemplate, parseGoTemplate } from './gotemplate-parse';
import type { GoObjectKind } from './go-value';

export interface GoTemplate {
  parsed: ParsedTemplate;
  funcs: Record<string, GoFunc>;
}

export interface CompileOptions {
  /** Template name shown in messages (`template: NAME:1: …`); docker uses "". */
  name?: string;
  /** Extra or replacement functions (in addition to the builtins and docker's). */
  funcs?: Record<string, GoFunc>;
  /** Leave out docker's functions (plain Go text/template). */
  noDockerFuncs?: boolean;
}

export interface RenderOptions {
  /** What untagged plain objects are: 'struct' (default; unknown field = error) or 'map'. */
  objects?: GoObjectKind;
  missingKey?: 'invalid' | 'zero' | 'error';
  /** Go type of the data in error messages, e.g. `*formatter.serviceContext`. */
  rootType?: string;
  /** The data's fields are Go methods (docker's list contexts). */
  rootMethods?: boolean;
  /** Function overrides for this render only (docker's header rendering). */
  funcs?: Record<string, GoFunc>;
  maxOutput?: number;
  maxSteps?: number;
}

export type CompileResult = { ok: true; tpl: GoTemplate } | { ok: false; error: string };

export function compileGoTemplate(src: string, opts: CompileOptions = {}): CompileResult {
  // The same --format strings come back on every check and every poll: parse each once (per
  // function table; a parsed template is never changed).
  const byFuncs = compiled.get(opts.funcs ?? NO_FUNCS) ?? new Map<string, CompileResult>();
  compiled.set(opts.funcs ?? NO_FUNCS, byFuncs);
  const key = `${opts.noDockerFuncs ? 1 : 0}${opts.name ?? ''}\u0000${src}`;
  let hit = byFuncs.get(key);
  if (!hit) {
    const funcs = { ...BUILTINS, ...(opts.noDockerFuncs ? {} : DOCKER_FUNCS), ...opts.funcs };
    const parsed = parseGoTemplate(src, new Set(Object.keys(funcs)), opts.name ?? '');
    hit = parsed.ok ? { ok: true, tpl: { parsed: parsed.tpl, funcs } } : parsed;
    if (byFuncs.size >= 500) byFuncs.clear();
    byFuncs.set(key, hit);
  }
  return hit;
}

const NO_FUNCS = {};
const compiled = new WeakMap<object, Map<string, CompileResult>>();

export function renderGoTemplate(tpl: GoTemplate, data: unknown, opts: RenderOptions = {}): ExecResult {
  return execGoTemplate(tpl.parsed, data, { ...opts, funcs: { ...tpl.funcs, ...opts.funcs } });
}

/** Compile + render in one step. */
export function goTemplate(src: string, data: unknown, opts: RenderOptions & CompileOptions = {}): ExecResult {
  const c = compileGoTemplate(src, opts);
  if (!c.ok) return { ok: false, error: c.error, partial: '' };
  return renderGoTemplate(c.tpl, data, { ...opts, funcs: undefined });
}
