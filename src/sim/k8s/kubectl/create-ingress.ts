// `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class=C]
// [--default-backend=svc:port] [--annotation=k=v]` (kubectl/pkg/cmd/create/create_ingress.go).
// Rules for the same host share one IngressRule (first-seen order); a path ending in `*` is a
// Prefix path (the `*` dropped), any other Exact; a numeric port is `number`, else `name`. TLS
// entries group hosts by secret name, each host once, from rules whose tls suffix ends the rule.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { usageError, fail, type KubectlContext } from "./common";
import { emitObjects, wrapped } from "./imperative";

type Obj = Record<string, any>;

const HOST_PATH_SVC = String.raw`^([\w*\-.]*)(/.*)=([\w\-]+):([\w\-]+)`;
const TLS = String.raw`(,(tls)=?([\w\-]+)?)?`;
export const RULE_REGEX = new RegExp(HOST_PATH_SVC + TLS);
const RULE_TLS_REGEX = new RegExp(HOST_PATH_SVC + TLS + "$");
const BACKEND_REGEX = /^([\w\-]+):([\w\-]+)$/;

export const RULE_FORMAT = "and should be in format host/path=svcname:svcport[,tls[=secret]]";
export const NOT_ENOUGH_INFO =
  "not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)";

function backend(svc: string, port: string): Obj {
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

function buildRules(rules: string[]): Obj[] {
  const byHost = new Map<string, Obj>();
  const out: Obj[] = [];
  for (const r of rules) {
    const m = RULE_REGEX.exec(r)!;
    const [, host = "", rawPath = "/", svc = "", port = ""] = m;
    const prefix = rawPath.endsWith("*");
    const path = { path: prefix ? rawPath.slice(0, -1) : rawPath, pathType: prefix ? "Prefix" : "Exact", backend: backend(svc, port) };
    let rule = byHost.get(host);
    if (!rule) {
      rule = { ...(host ? { host } : {}), http: { paths: [] } };
      byHost.set(host, rule);
      out.push(rule);
    }
    rule.http.paths.push(path);
  }
  return out;
}

function buildTls(rules: string[]): Obj[] {
  const seenHosts = new Set<string>();
  const out: Obj[] = [];
  for (const r of rules) {
    const m = RULE_TLS_REGEX.exec(r);
    if (!m || m[6] !== "tls") continue;
    const host = m[1] ?? "";
    const secret = m[7] ?? "";
    if (!host && !secret) continue;
    if (host) {
      if (seenHosts.has(host)) continue;
      seenHosts.add(host);
    }
    const entry = out.find((t) => (t.secretName ?? "") === secret);
    if (entry) {
      if (host) (entry.hosts ??= []).push(host);
      continue;
    }
    out.push({ ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) });
  }
  return out;
}

export function ingressFor(name: string, opts: { rules: string[]; className: string; defaultBackend: string; annotations: Record<string, string> }): Obj {
  const spec: Obj = {};
  if (opts.className) spec.ingressClassName = opts.className;
  if (opts.defaultBackend) {
    const [, svc = "", port = ""] = BACKEND_REGEX.exec(opts.defaultBackend)!;
    spec.defaultBackend = backend(svc, port);
  }
  const tls = buildTls(opts.rules);
  if (tls.length) spec.tls = tls;
  const rules = buildRules(opts.rules);
  if (rules.length) spec.rules = rules;
  const metadata: Obj = { name, creationTimestamp: null };
  if (Object.keys(opts.annotations).length) metadata.annotations = opts.annotations;
  return { kind: "Ingress", apiVersion: "networking.k8s.io/v1", metadata, spec, status: { loadBalancer: {} } };
}

export function createIngress(ctx: KubectlContext, inv: Invocation): ExecResult {
  const n = inv.argsLenAtDash >= 0 ? inv.argsLenAtDash : inv.args.length;
  if (n !== 1) usageError(inv, `exactly one NAME is required, got ${n}`);
  const name = inv.args[0]!;
  const rules = inv.flags.list("rule");
  const defaultBackend = inv.flags.str("default-backend");
  if (defaultBackend && !BACKEND_REGEX.test(defaultBackend)) fail("error: default-backend should be in format servicename:serviceport");
  for (const r of rules) if (!RULE_REGEX.test(r)) fail(`error: rule ${r} is invalid ${RULE_FORMAT}`);
  if (!rules.length && !defaultBackend) fail(`error: ${NOT_ENOUGH_INFO}`);
  const annotations: Record<string, string> = {};
  for (const a of inv.flags.list("annotation")) {
    const i = a.indexOf("=");
    if (i < 0) fail(`error: annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const ing = ingressFor(name, { rules, className: inv.flags.str("class"), defaultBackend, annotations });
  return emitObjects(ctx, inv, [ing], wrapped("failed to create ingress: "));
}
