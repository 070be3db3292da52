// `kubectl set env RESOURCE/NAME KEY=VAL … KEY-` (kubectl/pkg/cmd/set/set_env.go): environment
// arguments follow the resources; `-e KEY=VAL`; `--from=configmap/x|secret/x` adds valueFrom
// references for every key (or --keys), named by keyToEnvName and --prefix; `-c` selects
// containers by glob; `--list` prints the environment instead of changing it. An update PUTs the
// object (→ rollout) and prints `<kind>/<name> env updated`; an unchanged object prints nothing.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { dryRunMode, dryRunSuffix } from "./apply";
import { fail, namespaceOf, refOf, server, type KubectlContext } from "./common";
import { editablePodSpec, lookupObjects, putObject } from "./mutate";
import { refuseLocalServerDryRun } from "./local";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";
import { selectResources } from "./common";

type Obj = Record<string, any>;

export const NO_RESOURCES = "error: one or more resources must be specified as <resource> <name> or <resource>/<name>";
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_NAME_MESSAGE = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** envutil.SplitEnvironmentFromResources: resources first, then KEY=VAL / KEY- / "-". */
export function splitEnvArgs(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const isEnv = (a: string) => a.includes("=") || a.endsWith("-") || a === "-";
  const first = args.findIndex(isEnv);
  if (first < 0) return { resources: args, envArgs: [] };
  if (args.slice(first).some((a) => !isEnv(a))) return undefined;
  return { resources: args.slice(0, first), envArgs: args.slice(first) };
}

/** envutil.ParseEnv. */
function parseEnv(specs: string[]): { env: Obj[]; remove: string[] } {
  const env: Obj[] = [];
  const remove: string[] = [];
  for (const s of specs) {
    if (s === "-") fail("error: stdin environment input is not supported by this simulator");
    if (!s.includes("=") && s.endsWith("-")) {
      remove.push(s.slice(0, -1));
      continue;
    }
    const i = s.indexOf("=");
    if (i < 0) fail(`error: invalid environment variable: ${s}`);
    const name = s.slice(0, i);
    if (!ENV_NAME.test(name)) fail(`error: "${name}" is not a valid key name: ${ENV_NAME_MESSAGE}`);
    env.push({ name, value: s.slice(i + 1) });
  }
  return { env, remove };
}

const keyToEnvName = (key: string) => key.replace(/[^A-Za-z0-9_]/g, "_").toUpperCase();

/** filepath.Match-style glob for -c (`*`, `?`). */
export function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return re.test(name);
}

function updateEnv(existing: Obj[], env: Obj[], remove: string[]): Obj[] {
  const out: Obj[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(deepClone(newer));
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(deepClone(e));
  }
  return out;
}

function refString(from: Obj): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource ${from.resourceFieldRef.resource}`;
  return "";
}

/** The --from references; a key that is not an env name as it stands is reported as renamed. */
function fromEnv(ctx: KubectlContext, inv: Invocation, keys: string[], warnings: string[]): Obj[] {
  const cluster = server(ctx);
  const sel = selectResources([inv.flags.str("from")]);
  const out: Obj[] = [];
  for (const n of sel.named) {
    if (n.info.kind !== "Secret" && n.info.kind !== "ConfigMap") fail("error: unsupported resource specified in --from");
    const o = cluster.store.get(n.info.kind, namespaceOf(inv), n.name) as Obj | undefined;
    if (!o) fail(`Error from server (NotFound): ${n.info.resource} "${n.name}" not found`);
    const refKey = n.info.kind === "Secret" ? "secretKeyRef" : "configMapKeyRef";
    for (const key of Object.keys(o.data ?? {}).sort()) {
      if (keys.length && !keys.includes(key)) continue;
      const name = keyToEnvName(key);
      out.push({ name, valueFrom: { [refKey]: { name: o.metadata.name, key } } });
      if (name !== key) warnings.push(`Warning: key ${key} transferred to ${name}\n`);
    }
  }
  if (!sel.named.length) fail("error: unsupported resource specified in --from");
  return out;
}

export function runSetEnv(ctx: KubectlContext, inv: Invocation): ExecResult {
  if (inv.flags.bool("all") && inv.flags.str("selector")) fail("error: cannot set --all and --selector at the same time");
  const split = splitEnvArgs(inv.args);
  if (!split) fail(`error: all resources must be specified before environment changes: ${inv.args.join(" ")}`);
  const mode = dryRunMode(inv);
  refuseLocalServerDryRun(inv);
  if (!inv.flags.list("filename").length && !split.resources.length) fail(NO_RESOURCES);
  const list = inv.flags.bool("list");
  if (list && inv.flags.str("output")) fail("error: --list and --output may not be specified together");
  const keys = inv.flags.list("keys");
  if (keys.length && !inv.flags.str("from")) fail("error: when specifying --keys, a configmap or secret must be provided with --from");
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const { env, remove } = parseEnv([...inv.flags.list("env"), ...split.envArgs]);
  const warnings: string[] = [];
  if (inv.flags.str("from")) env.push(...fromEnv(ctx, inv, keys, warnings));
  const prefix = inv.flags.str("prefix");
  if (prefix) for (const e of env) e.name = prefix + e.name;
  const selector = inv.flags.changed("containers") ? inv.flags.str("containers") : "*";
  const overwrite = inv.flags.changed("overwrite") ? inv.flags.bool("overwrite") : true;
  const objs = lookupObjects(ctx, inv, split.resources);
  let stdout = "";
  let stderr = warnings.join("");
  let printed = 0;
  for (const o of objs) {
    const editable = editablePodSpec(o);
    if ("error" in editable) {
      stderr += editable.error;
      continue;
    }
    const { next, spec } = editable;
    const containers = ((spec.containers ?? []) as Obj[]).filter((c) => globMatch(selector, c.name));
    if (!containers.length) {
      stderr += `warning: ${o.kind}/${o.metadata.name} does not have any containers matching "${selector}"\n`;
      continue;
    }
    for (const c of containers) {
      if (!overwrite) {
        for (const e of env) {
          const cur = ((c.env ?? []) as Obj[]).find((x) => x.name === e.name);
          if (cur && cur.value !== e.value) fail(`error: '${cur.name}' already has a value (${cur.value ?? ""}), and --overwrite is false`, stdout);
        }
      }
      const updated = updateEnv((c.env ?? []) as Obj[], env, remove);
      if (updated.length) c.env = updated;
      else delete c.env;
      if (list) {
        stdout += `# ${o.kind} ${o.metadata.name}, container ${c.name}\n`;
        for (const e of (c.env ?? []) as Obj[]) {
          stdout += e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ""}\n`;
        }
      }
    }
    if (list) continue;
    const r = putObject(ctx, inv, o, next);
    if (!r.ok) {
      stderr += `error: failed to patch env update to pod template: ${r.message}\n`;
      continue;
    }
    if (!r.changed) continue;
    if (!fmt) stdout += `${refOf(o)} env updated${dryRunSuffix(mode)}\n`;
    else {
      // One YAMLPrinter prints every object of the run: "---" before each after the first.
      if (fmt.kind === "yaml" && printed++) stdout += "---\n";
      stdout += printStructured([r.obj], fmt, true, { typed: true });
    }
  }
  ctx.cluster?.world.settle();
  return { exitCode: stderr.includes("error:") ? 1 : 0, stdout, stderr };
}
