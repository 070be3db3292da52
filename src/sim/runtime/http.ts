// Answers an HTTP request from a program's HttpSpec at an uptime: routes first (path, condition,
// time window), then static files from the container filesystem, then the not-found page.

import type { Condition, HttpRoute, HttpSpec } from "../images/types";
import { normalizePath, type ContainerFs } from "./fs";
import { directoryListing, directoryRedirect, type DirAnswer } from "./http-dirs";
import { STATUS_TEXT } from "./shell/commands-curl";
import { formatTime, render } from "./template";

export type HttpResult =
  | { kind: "response"; status: number; body: string; headers: Record<string, string>;
      /** Answered by the not-found page (the server may log an error line first). */
      notFound?: boolean;
      /** The status line's reason phrase when the server's differs from the standard one. */
      reason?: string;
      /** The address the client connected to (curl's remote_ip, wget's "Connecting to"), when known. */
      address?: string }
  /** Nothing listens on the port. */
  | { kind: "refused"; address?: string }
  /** The server closed the connection without answering (EOF; redis, HTTPS-only ports). */
  | { kind: "closed"; address?: string }
  /**
   * Nothing answers the SYN: an address nobody has, a ClusterIP port kube-proxy has no rule for,
   * a policy's DROP. The client waits for its connect timeout (the kernel's 127 s, or its own).
   */
  | { kind: "timeout"; address: string }
  /** The host name does not resolve (clients inside containers only). */
  | { kind: "unresolved" };

export interface HttpRequest {
  path: string;
  method?: string;
  /** The client's address, for access logs ("10.244.0.1"). */
  client?: string;
  userAgent?: string;
  /** The Host header (echoserver prints it). */
  host?: string;
  /**
   * The client reads only the status (the kubelet's HTTP probes): the server's own response
   * headers are not rendered. What the server does — its access log — is unchanged.
   */
  statusOnly?: boolean;
}

export interface ServeContext {
  now: number;
  startedAt: number;
  fs: ContainerFs;
  argv: string[];
  env: Record<string, string>;
  /** Placeholder values: hostname, ip, version, port, text, cwd… */
  vars: Record<string, string>;
}

/** Whether a route/listen condition holds for this program's arguments and environment. */
/** "NAME" holds when the variable is set and not empty, "NAME=value" when it has that value. */
const envHolds = (entry: string, env: Record<string, string>): boolean => {
  const eq = entry.indexOf("=");
  return eq === -1 ? !!env[entry] : env[entry.slice(0, eq)] === entry.slice(eq + 1);
};

export function conditionHolds(cond: Condition | undefined, argv: string[], env: Record<string, string>): boolean {
  if (!cond) return true;
  if (cond.arg !== undefined && !argv.some((a) => a.includes(cond.arg!))) return false;
  if (cond.env !== undefined && !envHolds(cond.env, env)) return false;
  if (cond.noEnv !== undefined && env[cond.noEnv]) return false;
  if (cond.envNot !== undefined) {
    const eq = cond.envNot.indexOf("=");
    const v = env[cond.envNot.slice(0, eq)];
    if (!v || v === cond.envNot.slice(eq + 1)) return false;
  }
  if (cond.anyOf !== undefined && !cond.anyOf.some((c) => conditionHolds(c, argv, env))) return false;
  return true;
}

function routeMatches(r: HttpRoute, path: string, uptime: number, ctx: ServeContext): boolean {
  const pathOk = r.path === "*" || path === r.path || (r.prefix === true && path.startsWith(r.path));
  if (!pathOk || !conditionHolds(r.when, ctx.argv, ctx.env)) return false;
  if (r.fromMs !== undefined && uptime < r.fromMs) return false;
  if (r.untilMs !== undefined && uptime >= r.untilMs) return false;
  return true;
}

/** Bytes of `s` in UTF-8, without encoding it (every answer's Content-Length). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function response(status: number, body: string, contentType: string | undefined, extra: Record<string, string> = {}): HttpResult {
  const headers: Record<string, string> = {};
  if (contentType) headers["Content-Type"] = contentType;
  headers["Content-Length"] = String(utf8Length(body));
  return { kind: "response", status, body, headers: { ...headers, ...extra } };
}

/** A directory answer as a response: its headers as the server set them, Content-Length counted when absent. */
function dirAnswer(a: DirAnswer): HttpResult {
  const headers = { ...a.headers };
  if (headers["Content-Length"] === undefined) headers["Content-Length"] = String(utf8Length(a.body));
  return { kind: "response", status: a.status, body: a.body, headers };
}

/**
 * Go's net/http: what the handler set, sorted by name (Header.writeSubset), then the server's own
 * Date and Content-Length, then a sniffed Content-Type (DetectContentType of a non-empty body) when
 * the handler set none. `handler` holds the handler's headers (route or not-found `headers`).
 */
function goHeaders(r: Extract<HttpResult, { kind: "response" }>, handler: Record<string, string>, date: string): HttpResult {
  const headers: Record<string, string> = {};
  for (const k of Object.keys(handler).sort()) headers[k] = handler[k]!;
  headers["Date"] = date;
  if (!("Content-Length" in handler)) headers["Content-Length"] = r.headers["Content-Length"] ?? "0";
  const sniffed = r.headers["Content-Type"];
  if (sniffed !== undefined && !("Content-Type" in handler) && r.body !== "") headers["Content-Type"] = sniffed;
  return { ...r, headers };
}

/** Rewrites a response's headers in the server's own order and wording (HttpSpec.responseHeaders). */
function serverHeaders(spec: HttpSpec, r: Extract<HttpResult, { kind: "response" }>, staticFile: boolean,
  fill: (s: string, extra: Record<string, string>) => string, extra: Record<string, string>): HttpResult {
  if (spec.server === "go") return goHeaders(r, extra, fill("{ts:http}", {}));
  const reason = spec.reasons?.[r.status];
  if (!spec.responseHeaders) return reason ? { ...r, reason } : r;
  const length = Number(r.headers["Content-Length"] ?? "0");
  const mtime = spec.staticMtime ?? 0;
  const vars: Record<string, string> = {
    contentType: r.headers["Content-Type"] ?? "", contentLength: String(length), location: r.headers["Location"] ?? "",
    lastModified: httpDate(mtime * 1000), mtimeHex: mtime.toString(16), lengthHex: length.toString(16),
    mtimeUsecHex: Number.isSafeInteger(mtime * 1_000_000) ? (mtime * 1_000_000).toString(16) : (BigInt(mtime) * 1_000_000n).toString(16),
  };
  const headers: Record<string, string> = {};
  for (const h of spec.responseHeaders) {
    if (h.static && !staticFile) continue;
    const value = fill(h.value, vars);
    if (value !== "") headers[h.name] = value;
  }
  return { ...r, headers: { ...headers, ...extra }, ...(reason ? { reason } : {}) };
}

/**
 * An answer a configured server (ProgramPlan.configuredBy) worked out itself, finished as serveHttp
 * finishes its own: the server's headers in its order, its reason phrases; `headers` go after them.
 */
export function finishAnswer(spec: HttpSpec, req: HttpRequest, ctx: ServeContext, status: number, body: string,
  headers: Record<string, string>, staticFile: boolean): HttpResult {
  const { ["Content-Type"]: type, ...extra } = headers;
  const r = response(status, body, type, extra) as Extract<HttpResult, { kind: "response" }>;
  if (req.statusOnly) return statusOnly(spec, r);
  const q = req.path.indexOf("?");
  const vars = requestVars(req, ctx, q < 0 ? req.path : req.path.slice(0, q), q < 0 ? "" : req.path.slice(q + 1));
  const fillWith = (s: string, more: Record<string, string>) => render(s, ctx.now, Object.assign(Object.create(vars) as Record<string, string>, more), ctx.startedAt, ctx.env);
  return serverHeaders(spec, r, staticFile, fillWith, extra);
}

/** A status-only answer (HttpRequest.statusOnly): the server's reason phrase, no header rendering. */
function statusOnly(spec: HttpSpec, r: Extract<HttpResult, { kind: "response" }>): HttpResult {
  const reason = spec.reasons?.[r.status];
  return reason ? { ...r, reason } : r;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The request's placeholder values (path, method, client, ua, host, query, uri, query:NAME) over the program's. */
function requestVars(req: HttpRequest, ctx: ServeContext, path: string, query: string): Record<string, string> {
  const vars = Object.create(ctx.vars) as Record<string, string>;
  vars["path"] = path;
  vars["method"] = req.method ?? "GET";
  vars["client"] = req.client ?? "10.244.0.1";
  vars["ua"] = req.userAgent ?? "curl/8.5.0";
  // The Host header as the client sent it (with the port when its URL named one), and its name alone.
  vars["host"] = req.host ?? ctx.vars["hostname"] ?? "localhost";
  vars["hostName"] = vars["host"].replace(/:\d+$/, "");
  // The raw query string, "nil" without one (echoserver's lua prints it so), and the request URI.
  vars["query"] = query || "nil";
  vars["uri"] = query ? `${path}?${query}` : path;
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const [k, v = ""] = pair.split("=");
    vars[`query:${k}`] = decodeURIComponent(v.replace(/\+/g, " "));
  }
  return vars;
}

/** The status line and headers of a response as sent, in bytes (Apache's %O adds the body's). */
export function headBytes(r: Extract<HttpResult, { kind: "response" }>): number {
  return utf8Length(`HTTP/1.1 ${r.status} ${r.reason ?? STATUS_TEXT[r.status] ?? ""}\r\n` +
    Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n");
}

/** RFC 7231 IMF-fixdate: "Wed, 10 Jan 2024 00:00:00 GMT". */
export const httpDate = (t: number): string => formatTime("http", t);

const CONTENT_TYPES: Record<string, string> = { html: "text/html", htm: "text/html", txt: "text/plain", json: "application/json", css: "text/css", js: "application/javascript" };

export function serveHttp(spec: HttpSpec, req: HttpRequest, ctx: ServeContext): HttpResult {
  const q = req.path.indexOf("?");
  const path = (q < 0 ? req.path : req.path.slice(0, q)) || "/";
  const uptime = ctx.now - ctx.startedAt;
  // The request's names in front of the program's (a prototype, not a copy), made only when a
  // template needs them: probes come every few virtual seconds and most answers render nothing.
  let vars: Record<string, string> | undefined;
  const varsOf = (): Record<string, string> => (vars ??= requestVars(req, ctx, path, q < 0 ? "" : req.path.slice(q + 1)));
  const fill = (s: string) => (s.includes("{") ? render(s, ctx.now, varsOf(), ctx.startedAt, ctx.env) : s);
  const fillWith = (s: string, extra: Record<string, string>) => render(s, ctx.now, Object.assign(Object.create(varsOf()) as Record<string, string>, extra), ctx.startedAt, ctx.env);
  const finish = (r: HttpResult, staticFile: boolean, extra: Record<string, string> = {}) =>
    r.kind !== "response" ? r : req.statusOnly ? statusOnly(spec, r) : serverHeaders(spec, r, staticFile, fillWith, extra);

  let route: HttpRoute | undefined;
  for (const r of spec.routes) if (routeMatches(r, path, uptime, ctx)) { route = r; break; }
  if (route) {
    const body = route.body === undefined ? "" : fill(route.body);
    const headers = route.headers ? Object.fromEntries(Object.entries(route.headers).map(([k, v]) => [k, fill(v)])) : NO_HEADERS;
    return finish(response(route.status, body, route.contentType ?? (route.body ? "text/plain; charset=utf-8" : undefined), headers), false, headers);
  }
  if (spec.staticRoot !== undefined) {
    const root = fill(spec.staticRoot);
    const base = normalizePath(`${root}/${decodeURIComponent(path)}`);
    const inside = (p: string) => p === root || p.startsWith(root.replace(/\/$/, "") + "/");
    const dirs = spec.directories;
    const isDir = ctx.fs.isDir(base) && inside(base);
    const query = q < 0 ? "" : req.path.slice(q + 1);
    // The slash redirect comes before any index file is looked for (mod_dir, send_head).
    if (dirs && isDir && !path.endsWith("/")) return finish(dirAnswer(directoryRedirect(dirs, path, query, varsOf()["host"]!)), false);
    const candidates = path.endsWith("/") || ctx.fs.isDir(base) ? (spec.index ?? []).map((i) => `${base}/${i}`.replace(/\/+/g, "/")) : [base];
    for (const c of candidates) {
      const content = ctx.fs.read(c);
      if (content !== "ENOENT" && content !== "EISDIR" && content !== "ENOTDIR" && inside(c)) {
        return finish(response(200, content, CONTENT_TYPES[c.split(".").pop() ?? ""] ?? "application/octet-stream"), true);
      }
    }
    const listing = dirs && isDir ? directoryListing(dirs, ctx.fs, base, path, query) : undefined;
    if (listing) return finish(dirAnswer(listing), false);
  }
  const nf = spec.notFound ?? { status: 404, body: "" };
  const answer = finish(response(nf.status, fill(nf.body ?? ""), nf.headers?.["Content-Type"] ?? nf.contentType, nf.headers ?? {}), false, nf.headers ?? {});
  return answer.kind === "response" ? { ...answer, notFound: true } : answer;
}
