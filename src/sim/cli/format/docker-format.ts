// docker --format, as docker/cli's formatter.Context writes lists (`service ls`, `node ls`, `ps`…):
// the format is trimmed of spaces, `\t` / `\n` written literally become tab / newline, `json` means
// `{{json .}}` (keys sorted, as the contexts' MarshalJSON builds a map), and a format starting with
// `table` renders a header row (the same template run over the column → header map, with the
// string functions made identities) and goes through tabwriter(10, 1, 3, ' '). And `inspect -f`:
// the typed struct first, then the raw JSON map with missingkey=error.
import { goJsonMarshal } from './go-json';
import { type GoTemplate, type RenderOptions, compileGoTemplate, renderGoTemplate } from './gotemplate';
import { DOCKER_HEADER_FUNCS, type GoFunc } from './gotemplate-funcs';
import { dockerTable, tabwrite } from './tabwriter';

export interface DockerFormatOptions {
  /** Field name → column header, e.g. { ID: 'ID', Name: 'NAME', Replicas: 'REPLICAS' }. */
  headers?: Record<string, string>;
  /** Go type of each item in error messages, e.g. `*formatter.serviceContext`. */
  rootType?: string;
  maxOutput?: number;
  /** inspect: no raw JSON to fall back on (e.g. `docker context inspect`); the typed error is reported. */
  noRawFallback?: boolean;
}

export type DockerOutput = { ok: true; stdout: string } | { ok: false; stdout: string; stderr: string };

/** formatter.Context.preFormat. */
export function dockerPreFormat(format: string): { table: boolean; text: string } {
  const table = format.startsWith('table');
  let text = table ? format.slice('table'.length) : format === 'json' ? '{{json .}}' : format;
  text = text.replace(/^ +| +$/g, '').replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
  return { table, text };
}

/**
 * `{{json .}}` on a whole row goes through the context's MarshalJSON, which builds a map and calls
 * json.Marshal: keys sorted and <, >, & escaped (docker's own encoder doesn't escape, but the
 * bytes MarshalJSON returns are already escaped). Any other value: struct order, no escaping.
 */
function rowJson(item: unknown): GoFunc {
  return {
    params: ['any'],
    call: ([v], ctx) =>
      (v === item ? goJsonMarshal(v, { objects: 'map' }) : goJsonMarshal(v, { escapeHTML: false, objects: ctx.objects })).trim(),
  };
}

/**
 * Renders items with a docker --format string. On a template error, stdout is empty and stderr
 * holds docker's `template parsing error: …` line (exit status 1 for the command).
 */
export function dockerFormat(format: string, items: unknown[], opts: DockerFormatOptions = {}): DockerOutput {
  const { table, text } = dockerPreFormat(format);
  const compiled = compileGoTemplate(text);
  if (!compiled.ok) return { ok: false, stdout: '', stderr: `template parsing error: ${compiled.error}\n` };
  let rows = '';
  for (const item of items) {
    const r = renderGoTemplate(compiled.tpl, item, render(opts, { json: rowJson(item) }, opts.rootType, true));
    if (!r.ok) return { ok: false, stdout: '', stderr: `template parsing error: ${r.error}\n` };
    rows += r.text + '\n';
  }
  if (!table) return { ok: true, stdout: rows };
  const header = dockerHeader(compiled.tpl, opts.headers ?? {}, opts);
  return { ok: true, stdout: tabwrite(header + '\n' + rows, dockerTable) };
}

/** The header row: errors are ignored and whatever was written so far is kept, as docker does. */
function dockerHeader(tpl: GoTemplate, headers: Record<string, string>, opts: DockerFormatOptions): string {
  const data = new Map(Object.entries(headers));
  const r = renderGoTemplate(tpl, data, render(opts, DOCKER_HEADER_FUNCS, 'formatter.SubHeaderContext'));
  return r.ok ? r.text : r.partial;
}

function render(opts: DockerFormatOptions, funcs: Record<string, GoFunc>, rootType = opts.rootType, rootMethods = false): RenderOptions {
  return { objects: 'struct', rootType, funcs, maxOutput: opts.maxOutput, rootMethods };
}

export type InspectEntry = { value: unknown } | { error: string };

/**
 * `docker inspect -f FORMAT` (and `service/node/network inspect -f`), per docker/cli's
 * TemplateInspector: each object runs as the typed struct first (so maps must be tagged goMap, e.g.
 * Labels); if that fails, as decoded JSON with missingkey=error, whose error is reported. Results are
 * buffered one per line; errors (yours too, e.g. `Error: No such service: x`) are collected in order
 * and the command exits 1 if there are any. An empty buffer still prints a newline.
 */
export function dockerInspectFormat(format: string, entries: InspectEntry[], opts: DockerFormatOptions = {}): DockerOutput {
  const compiled = compileGoTemplate(format);
  if (!compiled.ok) return { ok: false, stdout: '', stderr: `template parsing error: ${compiled.error}\n` };
  let out = '';
  const errors: string[] = [];
  for (const entry of entries) {
    if ('error' in entry) {
      errors.push(entry.error);
      continue;
    }
    const typed = renderGoTemplate(compiled.tpl, entry.value, render(opts, {}));
    if (typed.ok) {
      out += typed.text + '\n';
      continue;
    }
    if (opts.noRawFallback) {
      errors.push(`template parsing error: ${typed.error}`);
      continue;
    }
    // The fallback runs on the decoded JSON: fields the JSON leaves out are gone and timestamps
    // are RFC 3339 strings (time.Time's MarshalJSON), as in tryRawInspectFallback.
    const rawValue: unknown = JSON.parse(JSON.stringify(entry.value) ?? 'null');
    const raw = renderGoTemplate(compiled.tpl, rawValue, { objects: 'map', missingKey: 'error', maxOutput: opts.maxOutput });
    if (raw.ok) out += raw.text + '\n';
    else errors.push(`template parsing error: ${raw.error}`);
  }
  const stdout = out === '' ? '\n' : out;
  return errors.length === 0 ? { ok: true, stdout } : { ok: false, stdout, stderr: errors.join('\n') + '\n' };
}
