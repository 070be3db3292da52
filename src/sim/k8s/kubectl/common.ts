// Shared kubectl plumbing: the command context, early exits with kubectl's exit code and
// wording, namespace flags, and the resource builder's argument forms (TYPE NAME…, TYPE/NAME,
// TYPE1,TYPE2, `all`), with the real client-side errors.

import type { ExecResult, ProgramContext } from "../../programs/registry";
import type { Invocation } from "../../cli/command";
import type { KubeCluster } from "../cluster";
import { renderStatusError, StatusError } from "../api/errors";
import { ALL_CATEGORY, kindInfo, kindPrefix, resolveResource, type KindInfo } from "../api/kinds";
import type { KObject } from "../store";
import { OutcomeError } from "../../outcome-error";

export interface KubectlContext extends ProgramContext {
  readonly cluster: KubeCluster | undefined;
  /** The deprecated --record flag was given: write kubernetes.io/change-cause. */
  readonly record?: boolean;
}

export const CONNECTION_REFUSED = "The connection to the server localhost:8080 was refused - did you specify the right host or port?";

/** Ends a command early with an exit code and output (the handler wrapper turns it into a result). */
export class KubectlExit extends OutcomeError {
  constructor(readonly result: ExecResult) {
    super("kubectl exit");
  }
}

export function fail(stderr: string, stdout = ""): never {
  throw new KubectlExit({ exitCode: 1, stdout, stderr: stderr.endsWith("\n") ? stderr : stderr + "\n" });
}

/** `error: <msg>` + the "See 'kubectl X -h'" line (cmdutil.UsageErrorf). */
export function usageError(inv: Invocation, msg: string): never {
  fail(`error: ${msg}\nSee '${inv.path} -h' for help and examples`);
}

export function server(ctx: KubectlContext): KubeCluster {
  if (!ctx.cluster) fail(CONNECTION_REFUSED);
  return ctx.cluster;
}

export function namespaceOf(inv: Invocation): string {
  return inv.flags.str("namespace") || "default";
}

/** kubectl's "No resources found" line (stderr) after listing nothing. */
export function noResourcesFound(inv: Invocation, namespaced = true): string {
  return allNamespaces(inv) || !namespaced ? "No resources found\n" : `No resources found in ${namespaceOf(inv)} namespace.\n`;
}

export function allNamespaces(inv: Invocation): boolean {
  return inv.flags.changed("all-namespaces") && inv.flags.bool("all-namespaces");
}

/** Renders an API error the way kubectl prints it (with the -f source prefix when given). */
export function statusText(err: unknown, source = ""): string {
  if (err instanceof StatusError) return renderStatusError(err, source);
  throw err;
}

/** `deployment.apps/web` */
export function refOf(obj: KObject): string {
  const info = kindInfo(obj.kind);
  // An object read through another group's version (events.k8s.io/v1 Event) is named by it.
  const group = typeof obj.apiVersion === "string" && obj.apiVersion.includes("/") ? obj.apiVersion.slice(0, obj.apiVersion.indexOf("/")) : "";
  if (info && group && group !== info.group) return `${info.singular}.${group}/${obj.metadata.name}`;
  if (!info && group) return `${obj.kind.toLowerCase()}.${group}/${obj.metadata.name}`; // scale.autoscaling
  return `${info ? kindPrefix(info) : obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/**
 * resource.Builder.visitBySelector: a non-empty label or field selector with resource names is
 * refused before any request, whichever verb built it (get, describe, delete, label, scale…).
 */
export function refuseNamesWithSelector(inv: Invocation, named: number): void {
  const given = (f: string) => inv.flags.str(f).trim() !== "";
  if (named > 0 && (given("selector") || given("field-selector"))) fail("error: name cannot be provided when a selector is specified");
}

/** generate.ParseLabels: "k=v,k2=v2", each spec exactly one "=" and a key. */
export function parseLabelSpec(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const one of spec.split(",")) {
    const kv = one.split("=");
    if (kv.length !== 2) fail(`error: unexpected label spec: ${one}`);
    if (!kv[0]) fail("error: unexpected empty label key");
    out[kv[0]!] = kv[1]!;
  }
  return out;
}

/** strconv.Atoi: an optional sign and decimal digits, else its syntax error. */
export function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) fail(`error: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

export function typeNotFound(word: string): never {
  fail(`error: the server doesn't have a resource type "${word}"`);
}

export function resolveType(word: string): KindInfo {
  const info = resolveResource(word);
  if (!info) typeNotFound(word);
  return info;
}

export interface ResourceSelection {
  /** Types to list (TYPE[,TYPE] with no names). */
  types: KindInfo[];
  /** Named objects, in argument order. */
  named: { info: KindInfo; name: string; /** From a -f object's metadata.namespace. */ namespace?: string }[];
  /** `all` was asked for. */
  all: boolean;
}

const SEPARATE_TYPE_MESSAGE =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/**
 * The builder's visitByPaths: objects read from -f leave no room for resource arguments — a
 * bare TYPE (and NAME) is refused as resources, TYPE/NAME words as resource tuples (after
 * ResourceTypeOrNameArgs' own refusal of the two forms mixed).
 */
export function refusePathsWithArgs(files: readonly string[], resourceArgs: readonly string[]): void {
  if (!files.length || !resourceArgs.length) return;
  const tuples = resourceArgs.filter((a) => a.includes("/")).length;
  if (tuples && tuples < resourceArgs.length) fail(`error: ${SEPARATE_TYPE_MESSAGE}`);
  if (!tuples) fail("error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
  fail("error: resource/name arguments cannot be provided when a path is specified");
}

/** The resource builder's ResourceTypeOrNameArgs. */
export function selectResources(args: string[]): ResourceSelection {
  const sel: ResourceSelection = { types: [], named: [], all: false };
  if (args.length === 0) return sel;
  if (args.some((a) => a.includes("/"))) {
    for (const a of args) {
      if (!a.includes("/")) fail(`error: ${SEPARATE_TYPE_MESSAGE}`);
      const [t, ...rest] = a.split("/");
      const name = rest.join("/");
      if (!name || !t) fail(`error: arguments in resource/name form must have a single resource and name`);
      sel.named.push({ info: resolveType(t!), name });
    }
    return sel;
  }
  const [typeArg, ...names] = args as [string, ...string[]];
  const words = typeArg.split(",").filter(Boolean);
  const infos: KindInfo[] = [];
  for (const w of words) {
    if (w.toLowerCase() === "all") {
      sel.all = true;
      for (const k of ALL_CATEGORY) infos.push(kindInfo(k)!);
    } else infos.push(resolveType(w));
  }
  if (names.length) {
    if (sel.all) fail(`error: you must specify only one resource`);
    for (const info of infos) for (const name of names) sel.named.push({ info, name });
  } else {
    sel.types = infos;
  }
  return sel;
}

export function nsOf(info: KindInfo, ns: string): string | undefined {
  return info.namespaced ? ns : undefined;
}

export const ok = (stdout = "", stderr = ""): ExecResult => ({ exitCode: 0, stdout, stderr });
