// `--format` for the swarm tables and inspects, on the shared Go template engine
// (src/sim/cli/format): list commands as docker/cli's formatter.Context writes them, inspects as
// its TemplateInspector (the typed struct first — every Go field present, zero values included —
// then the raw JSON map), `docker info` as formatInfo (template errors as they are, exit 1;
// parse errors exit 64).

import { dockerFormat, dockerInspectFormat, type DockerOutput } from "../../cli/format/docker-format";
import { compileGoTemplate, renderGoTemplate } from "../../cli/format/gotemplate";
import { goMap, goStruct } from "../../cli/format/go-value";
import type { ExecResult } from "../../programs/registry";

/** Marks an object as a Go map (labels, options): missing keys are "<no value>" rather than errors. */
export const asMap = <T extends object>(o: T): T => goMap(o);
export { goStruct };

const result = (r: DockerOutput, extraErr = ""): ExecResult =>
  r.ok ? { exitCode: extraErr ? 1 : 0, stdout: r.stdout, stderr: extraErr } : { exitCode: 1, stdout: r.stdout, stderr: r.stderr + extraErr };

/** docker's formatter.Format over list rows (`table …`, `json`, or a raw template per row). */
export function formatList(format: string, rows: Record<string, unknown>[], headers: Record<string, string>, rootType?: string): ExecResult {
  return result(dockerFormat(format, rows, { headers, ...(rootType ? { rootType } : {}) }));
}

/** `inspect --format`: per object, as TemplateInspector; errors (not found…) after the output. */
export function formatInspect(format: string, objects: unknown[], errors: string[]): ExecResult {
  const r = dockerInspectFormat(format, objects.map((value) => ({ value })));
  return result(r, errors.map((e) => e + "\n").join(""));
}

/** `docker info --format`: formatInfo executes the template on the info struct. */
export function formatInfo(format: string, info: unknown): ExecResult {
  const compiled = compileGoTemplate(format);
  if (!compiled.ok) return { exitCode: 64, stdout: "", stderr: `template parsing error: ${compiled.error}\n` };
  const r = renderGoTemplate(compiled.tpl, info, { objects: "struct", rootType: "system.Info" });
  if (!r.ok) return { exitCode: 1, stdout: r.partial, stderr: `${r.error}\n` };
  return { exitCode: 0, stdout: r.text + "\n", stderr: "" };
}

/**
 * The lines of a pretty template's `{{range $k, $v := .Labels}}\n - {{ $k }}{{if $v }}={{ $v }}{{ end }}`:
 * keys sorted (Go ranges over a map in key order), "=value" only when the value is set.
 */
export function prettyLabels(labels: Record<string, string>, prefix = " - "): string {
  return Object.keys(labels).sort().map((k) => `${prefix}${k}${labels[k] ? `=${labels[k]}` : ""}\n`).join("");
}
