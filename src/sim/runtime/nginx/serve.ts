// How nginx answers one request with its configuration (config.ts): the virtual server by port and
// Host, the location by nginx's algorithm (exact, longest prefix, `^~`, then regexes in order),
// then the location's handler — return, proxy_pass, try_files, or static files under root/alias
// with index, autoindex, the 301 to a directory's slash and the 403 of a directory without index.
// error_page redirects internally. Error-log lines are nginx's own (`open() "…" failed (2: No such
// file or directory)`, `connect() failed (111: Connection refused) while connecting to upstream`).

import type { ContainerFs } from "../fs";
import { normalizePath } from "../fs";
import { utf8Length, type HttpResult } from "../http";
import { formatTime } from "../template";
import type { Location, NginxModel, Rewrite, Server, Settings } from "./config";

export interface NginxRequest {
  port: number;
  uri: string;
  method: string;
  host: string;
  client: string;
  userAgent: string;
}

export interface NginxIo {
  fs: ContainerFs;
  /** The request sent on to an upstream (proxy_pass). */
  forward(url: string, req: { method: string; userAgent: string }): HttpResult;
  /** An [error] line's text after the connection number (the caller adds time, pid and `*N`). */
  error(text: string, level?: "error" | "alert"): void;
  /** The next round-robin turn of an upstream group. */
  turn(group: string): number;
  /** A new upstream connection took a number from nginx's connection counter. */
  connected(): void;
  version: string;
  /** The container's host name ($hostname). */
  hostname: string;
  /** When the files were last written, for autoindex (virtual ms). */
  now: number;
}

export interface NginxAnswer {
  status: number;
  body: string;
  contentType?: string;
  headers: Record<string, string>;
  /** Served from a file (nginx adds Last-Modified, ETag and Accept-Ranges). */
  staticFile: boolean;
  /** The location says `access_log off;`: no access-log line. */
  unlogged?: boolean;
}

const REASONS: Record<number, string> = {
  301: "Moved Permanently", 302: "Found", 303: "See Other", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed", 500: "Internal Server Error",
  502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out",
};

/** nginx's built-in error page for a status (ngx_http_special_response.c), CRLF line breaks. */
export function nginxPage(status: number, version: string): string | undefined {
  const reason = status === 302 ? "Found" : REASONS[status];
  if (!reason) return undefined;
  const title = `${status} ${reason}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** Nested internal redirects (error_page, try_files fallbacks) nginx allows before a 500. */
const MAX_REDIRECTS = 10;
/** Proxying that comes back to nginx (a loop) ends here, as nginx runs out of connections. */
const MAX_PROXY_DEPTH = 8;
let proxyDepth = 0;

/** One request's world: the configuration, the request as the client sent it, the server chosen. */
interface Run { model: NginxModel; req: NginxRequest; io: NginxIo; server: Server }

export function serveNginx(model: NginxModel, req: NginxRequest, io: NginxIo): NginxAnswer {
  const server = selectServer(model, req.port, req.host);
  if (!server) return page(404, io);
  return handle({ model, req, io, server }, req.uri, 0);
}

/** An error-log line about the request: nginx names the client, server, request line, upstream and Host. */
function logError(run: Run, text: string, upstream?: string, level: "error" | "alert" = "error"): void {
  const { req, server } = run;
  run.io.error(`${text}, client: ${req.client}, server: ${server.names[0] ?? ""}, request: "${req.method} ${req.uri} HTTP/1.1"` +
    `${upstream ? `, upstream: "${upstream}"` : ""}, host: "${req.host}"`, level);
}

function selectServer(model: NginxModel, port: number, host: string): Server | undefined {
  const on = model.servers.filter((s) => s.listens.some((l) => l.port === port));
  const name = host.replace(/:\d+$/, "").toLowerCase();
  return on.find((s) => s.names.some((n) => n.toLowerCase() === name))
    ?? on.find((s) => s.names.some((n) => n.startsWith("*.") && name.endsWith(n.slice(1).toLowerCase())))
    ?? on.find((s) => s.names.some((n) => n.endsWith(".*") && name.startsWith(n.slice(0, -1).toLowerCase())))
    ?? on.find((s) => s.listens.some((l) => l.port === port && l.defaultServer))
    ?? on[0];
}

/** ngx_http_core_find_location: exact, longest prefix (`^~` stops there), regexes in order, the prefix. */
export function findLocation(server: Server, uri: string): Location | undefined {
  let best: Location | undefined;
  for (const l of server.locations) {
    if (l.modifier === "=" && l.path === uri) return l;
    if ((l.modifier === "" || l.modifier === "^~") && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  if (best?.modifier === "^~") return best;
  for (const l of server.locations) {
    if (l.modifier !== "~" && l.modifier !== "~*") continue;
    if (regex(l.path, l.modifier === "~*").test(uri)) return l;
  }
  return best;
}

const regexes = new Map<string, RegExp>();
function regex(src: string, insensitive: boolean): RegExp {
  const key = (insensitive ? "i" : "") + src;
  let r = regexes.get(key);
  if (!r) {
    // PCRE syntax JavaScript lacks ((?i), possessive quantifiers) matches nothing rather than failing.
    try { r = new RegExp(src, insensitive ? "i" : ""); } catch { r = /(?!)/; }
    regexes.set(key, r);
  }
  return r;
}

function handle(run: Run, uri: string, depth: number): NginxAnswer {
  const { server, req, io } = run;
  if (depth > MAX_REDIRECTS) {
    logError(run, `rewrite or internal redirection cycle while internally redirecting to "${uri}"`);
    return page(500, io);
  }
  if (server.ret) return answerReturn(server.ret, server.settings, req, uri, io);
  if (depth === 0 && server.rewrites) {
    const r = rewrite(server.rewrites, uri, req, io);
    if ("answer" in r) return r.answer;
    uri = r.uri;
  }
  const loc = findLocation(server, uri);
  const s = loc?.settings ?? server.settings;
  if (loc?.settings.rewrites) {
    const r = rewrite(loc.settings.rewrites, uri, req, io);
    if ("answer" in r) return r.answer;
    // A changed URI looks for its location again (last, or no flag); break stays here.
    if (r.uri !== uri && !r.stayed) return handle(run, r.uri, depth + 1);
    uri = r.uri;
  }
  // `return` belongs to the rewrite phase, before the access phase: allow/deny never stop it.
  const denied = !loc?.settings.ret && !allowed(s.access, req.client);
  if (denied) logError(run, "access forbidden by rule");
  const answer = denied ? page(403, io) : loc?.settings.ret ? answerReturn(loc.settings.ret, s, req, uri, io)
    : loc?.settings.proxyPass ? proxy(run, loc, uri)
    : s.tryFiles ? tryFiles(run, s, loc, uri, depth)
    : staticFile(run, s, loc, uri);
  const ep = answer.status >= 300 ? s.errorPages.find((e) => e.codes.includes(answer.status)) : undefined;
  if (ep) {
    const target = handle({ ...run, req: { ...req, method: "GET" } }, ep.uri, depth + 1);
    if (target.status === 200) return { ...target, status: ep.status ?? answer.status, headers: { ...answer.headers, ...target.headers } };
  }
  const done = withAddedHeaders(answer, s, req, uri, io);
  return s.accessLogOff ? { ...done, unlogged: true } : done;
}

/**
 * The rewrite module's lines in order: the first regex that matches replaces the URI ($1…$9 its
 * groups; the request's arguments kept unless the replacement ends with "?"); `redirect` and
 * `permanent` (or a replacement starting with http://) answer 302/301 at once, `last` and `break`
 * stop the list, no flag goes on with the next line.
 */
function rewrite(rules: Rewrite[], uri: string, req: NginxRequest, io: NginxIo): { uri: string; stayed?: boolean } | { answer: NginxAnswer } {
  const q = uri.indexOf("?");
  let path = q < 0 ? uri : uri.slice(0, q);
  let args = q < 0 ? "" : uri.slice(q + 1);
  for (const r of rules) {
    const m = regex(r.regex, false).exec(path);
    if (!m) continue;
    let to = r.replacement.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? "");
    if (to.endsWith("?")) { to = to.slice(0, -1); args = ""; }
    const external = /^(https?:\/\/|\$scheme)/.test(to);
    if (r.flag === "redirect" || r.flag === "permanent" || external) {
      const target = expand(to, req, path, "") + (args ? `${to.includes("?") ? "&" : "?"}${args}` : "");
      return { answer: page(r.flag === "permanent" ? 301 : 302, io, { Location: absolute(req, target) }) };
    }
    const qi = to.indexOf("?");
    if (qi >= 0) { args = to.slice(qi + 1) + (args ? `&${args}` : ""); to = to.slice(0, qi); }
    path = to;
    if (r.flag === "last" || r.flag === "break") return { uri: args ? `${path}?${args}` : path, ...(r.flag === "break" ? { stayed: true } : {}) };
  }
  return { uri: args ? `${path}?${args}` : path };
}

/** ngx_http_access_module: the first allow/deny rule that matches the client's address decides. */
function allowed(rules: Settings["access"], client: string): boolean {
  for (const r of rules) if (r.from === "all" || inCidr(client, r.from)) return r.allow;
  return true;
}

function inCidr(ip: string, cidr: string): boolean {
  const [net, bits = "32"] = cidr.split("/");
  const num = (a: string) => a.split(".").reduce((n, o) => n * 256 + (Number(o) || 0), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(net!)) return ip === net;
  const size = 2 ** (32 - Math.min(32, Number(bits) || 0));
  return Math.floor(num(ip) / size) === Math.floor(num(net!) / size);
}

/** add_header applies to 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 (without `always`). */
function withAddedHeaders(a: NginxAnswer, s: Settings, req: NginxRequest, uri: string, io: NginxIo): NginxAnswer {
  if (!s.addHeaders.length || ![200, 201, 204, 206, 301, 302, 303, 304, 307, 308].includes(a.status)) return a;
  return { ...a, headers: { ...a.headers, ...Object.fromEntries(s.addHeaders.map(([k, v]) => [k, expand(v, req, uri, "", io.hostname)])) } };
}

function page(status: number, io: NginxIo, headers: Record<string, string> = {}): NginxAnswer {
  const body = nginxPage(status, io.version) ?? "";
  return { status, body, contentType: body ? "text/html" : undefined, headers, staticFile: false };
}

/**
 * A redirect's Location as nginx makes it absolute (absolute_redirect on): the request's host
 * name, the port nginx listens on unless 80 (port_in_redirect), then the path.
 */
function absolute(req: NginxRequest, to: string): string {
  return to.startsWith("/") ? `http://${req.host.replace(/:\d+$/, "")}${req.port === 80 ? "" : `:${req.port}`}${to}` : to;
}

/** nginx variables a return text or redirect names. */
function expand(text: string, req: NginxRequest, uri: string, server: string, hostname = ""): string {
  const q = req.uri.indexOf("?");
  const vars: Record<string, string> = {
    host: req.host.replace(/:\d+$/, ""), http_host: req.host, request_uri: req.uri, uri: q < 0 ? uri : uri.split("?")[0]!,
    document_uri: uri, scheme: "http", server_name: server, remote_addr: req.client, request_method: req.method,
    args: q < 0 ? "" : req.uri.slice(q + 1), query_string: q < 0 ? "" : req.uri.slice(q + 1), server_port: String(req.port),
    http_user_agent: req.userAgent, server_protocol: "HTTP/1.1", hostname,
  };
  return text.replace(/\$\{?([a-zA-Z_][a-zA-Z0-9_]*)\}?/g, (all, n: string) => vars[n] ?? (n.startsWith("http_") || n.startsWith("arg_") ? "" : all));
}

function answerReturn(ret: { code: number; text?: string }, s: Settings, req: NginxRequest, uri: string, io: NginxIo): NginxAnswer {
  const redirect = [301, 302, 303, 307, 308].includes(ret.code);
  if (redirect) {
    const to = expand(ret.text ?? "", req, uri, "");
    return page(ret.code, io, { Location: absolute(req, to) });
  }
  if (ret.text === undefined) return ret.code >= 300 ? page(ret.code, io) : { status: ret.code, body: "", headers: {}, staticFile: false, contentType: s.defaultType };
  return { status: ret.code, body: expand(ret.text, req, uri, "", io.hostname), contentType: s.defaultType, headers: {}, staticFile: false };
}

/** The file system path of a URI under root, or alias in place of the location's prefix. */
function pathOf(s: Settings, loc: Location | undefined, uri: string): string {
  const u = decodeURIComponent(uri.split("?")[0]!);
  if (s.alias !== undefined && loc && (loc.modifier === "" || loc.modifier === "^~" || loc.modifier === "=")) return s.alias + u.slice(loc.path.length);
  return s.root + u;
}

function contentType(s: Settings, path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  return (ext && s.types[ext]) || s.defaultType;
}

function staticFile(run: Run, s: Settings, loc: Location | undefined, uri: string): NginxAnswer {
  const { req, io } = run;
  const path = pathOf(s, loc, uri);
  const clean = uri.split("?")[0]!;
  if (clean.endsWith("/")) {
    for (const idx of s.index) {
      const file = idx.startsWith("/") ? s.root + idx : path + idx;
      if (io.fs.isFile(normalizePath(file))) return fileAnswer(run, s, normalizePath(file));
    }
    if (io.fs.isDir(normalizePath(path))) {
      if (s.autoindex) return { status: 200, body: listing(io.fs, normalizePath(path), clean, io.now), contentType: "text/html", headers: {}, staticFile: false };
      logError(run, `directory index of "${path}" is forbidden`);
      return page(403, io);
    }
    logError(run, `"${path}${s.index[0] ?? "index.html"}" is not found (2: No such file or directory)`);
    return page(404, io);
  }
  const p = normalizePath(path);
  if (io.fs.isFile(p)) return fileAnswer(run, s, p);
  if (io.fs.isDir(p)) return page(301, io, { Location: absolute(req, `${clean}/`) });
  logError(run, `open() "${path}" failed (2: No such file or directory)`);
  return page(404, io);
}

function fileAnswer(run: Run, s: Settings, path: string): NginxAnswer {
  const { io } = run;
  const content = io.fs.read(path);
  if (content === "EACCES") {
    logError(run, `open() "${path}" failed (13: Permission denied)`);
    return page(403, io);
  }
  return { status: 200, body: typeof content === "string" ? content : "", contentType: contentType(s, path), headers: {}, staticFile: true };
}

function tryFiles(run: Run, s: Settings, loc: Location | undefined, uri: string, depth: number): NginxAnswer {
  const { req, io } = run;
  const files = s.tryFiles!;
  const clean = uri.split("?")[0]!;
  for (const f of files.slice(0, -1)) {
    const candidate = expand(f, req, clean, "");
    const path = normalizePath(pathOf(s, loc, candidate));
    if (candidate.endsWith("/") ? io.fs.isDir(path) : io.fs.isFile(path)) {
      return candidate.endsWith("/") ? staticFile(run, s, loc, candidate) : fileAnswer(run, s, path);
    }
  }
  const last = files[files.length - 1]!;
  if (/^=\d+$/.test(last)) return page(Number(last.slice(1)), io);
  return handle(run, expand(last, req, clean, ""), depth + 1);
}

function proxy(run: Run, loc: Location, uri: string): NginxAnswer {
  const { req, io } = run;
  const pass = loc.settings.proxyPass!;
  const m = /^(https?):\/\/([^/]+)(\/.*)?$/.exec(pass)!;
  const [, scheme, target, passUri] = m as unknown as [string, string, string, string | undefined];
  // With a URI in proxy_pass, the part of the request URI the location matched is replaced by it.
  const sent = passUri !== undefined && (loc.modifier === "" || loc.modifier === "^~") ? passUri + uri.slice(loc.path.length) : uri;
  const group = target.replace(/:\d+$/, "");
  // An upstream group: its servers in turn, the next tried when one fails (proxy_next_upstream error timeout).
  const servers = run.model.upstreams[group] ?? [target];
  const first = servers.length > 1 ? io.turn(group) % servers.length : 0;
  if (proxyDepth >= MAX_PROXY_DEPTH) {
    logError(run, "1024 worker_connections are not enough while connecting to upstream", undefined, "alert");
    return page(500, io);
  }
  let last: NginxAnswer | undefined;
  for (let i = 0; i < servers.length; i++) {
    const hostport = servers[(first + i) % servers.length]!;
    const url = `${scheme}://${hostport}${sent}`;
    io.connected();
    proxyDepth++;
    let r: HttpResult;
    try { r = io.forward(url, { method: req.method, userAgent: req.userAgent }); } finally { proxyDepth--; }
    const upstream = `${scheme}://${"address" in r && r.address ? `${r.address}:${hostport.split(":")[1] ?? "80"}` : hostport}${sent}`;
    if (r.kind === "response") {
      const { ["Content-Type"]: type, ["Content-Length"]: _len, Server: _s, Date: _d, Connection: _c, ...rest } = r.headers;
      return { status: r.status, body: r.body, ...(type ? { contentType: type } : {}), headers: rest, staticFile: false };
    }
    if (r.kind === "timeout") { logError(run, "upstream timed out (110: Connection timed out) while connecting to upstream", upstream); last = page(504, io); continue; }
    if (r.kind === "closed") { logError(run, "upstream prematurely closed connection while reading response header from upstream", upstream); last = page(502, io); continue; }
    logError(run, `connect() failed (${r.kind === "refused" ? "111: Connection refused" : "113: No route to host"}) while connecting to upstream`, upstream);
    last = page(502, io);
  }
  return last ?? page(502, io);
}

/** ngx_http_autoindex_module's HTML listing: directories first, names padded to 50 columns. */
function listing(fs: ContainerFs, dir: string, uri: string, now: number): string {
  const names = fs.list(dir).filter((n) => !n.startsWith("."));
  const dirs = names.filter((n) => fs.isDir(`${dir}/${n}`)).sort();
  const files = names.filter((n) => !fs.isDir(`${dir}/${n}`)).sort();
  const date = formatTime("autoindex", now);
  const row = (name: string, size: string) => {
    const shown = name.length > 50 ? `${name.slice(0, 47)}..&gt;` : name;
    return `<a href="${name}">${shown}</a>${" ".repeat(Math.max(1, 51 - name.length))}${date}${size.padStart(20)}\r\n`;
  };
  let body = `<html>\r\n<head><title>Index of ${uri}</title></head>\r\n<body>\r\n<h1>Index of ${uri}</h1><hr><pre><a href="../">../</a>\r\n`;
  for (const n of dirs) body += row(`${n}/`, "-");
  for (const n of files) {
    const c = fs.read(`${dir}/${n}`);
    body += row(n, String(typeof c === "string" ? utf8Length(c) : 0));
  }
  return body + "</pre><hr></body>\r\n</html>\r\n";
}
