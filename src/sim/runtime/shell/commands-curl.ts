// curl inside a container, as students use it to test a server: its option parser (clustered short
// flags like `-sSfL`, `-so /dev/null`), `-w/--write-out` variables, `-i`/`-I` header output,
// `-L` redirects, `-f` failures and the real error texts and exit codes (6, 7, 22, 52, 47).
// curl writes the -w output even when the transfer failed (http_code "000"), which is how
// `curl -s -o /dev/null -w '%{http_code}' URL` scripts tell "down" from "404".

import { normalizePath } from "../fs";
import type { HttpResult } from "../http";
import { TCP_CONNECT_TIMEOUT_MS } from "../net-reach";
import type { NetResult } from "../types";
import type { CommandFn, CommandContext } from "./commands";
import type { Effect, Io } from "./types";

/** Reason phrases on status lines (the servers' own; nginx says "Moved Temporarily" for 302). */
export const STATUS_TEXT: Record<number, string> = {
  200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 307: "Temporary Redirect",
  308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

/** Options that take a value (short letters and long names). */
const SHORT_VALUED = new Set(["o", "w", "H", "X", "d", "m", "u", "A", "e", "r", "T", "x", "K", "b", "c", "E", "F", "Y", "y", "z"]);
const LONG_VALUED = new Set(["--output", "--write-out", "--header", "--request", "--data", "--data-raw", "--data-binary",
  "--data-urlencode", "--max-time", "--connect-timeout", "--user", "--user-agent", "--referer", "--range", "--upload-file",
  "--proxy", "--retry", "--retry-delay", "--retry-max-time", "--max-redirs", "--cacert", "--cert", "--key", "--form",
  "--resolve", "--interface", "--cookie", "--cookie-jar", "--unix-socket"]);
const LONG_TO_SHORT: Record<string, string> = {
  "--silent": "s", "--show-error": "S", "--fail": "f", "--fail-with-body": "f", "--location": "L", "--include": "i",
  "--head": "I", "--output": "o", "--write-out": "w", "--request": "X", "--remote-name": "O", "--verbose": "v",
  "--insecure": "k", "--max-time": "m",
};

interface CurlOptions {
  urls: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

function parseOptions(args: string[]): CurlOptions {
  const o: CurlOptions = { urls: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a : a.slice(0, eq);
      const short = LONG_TO_SHORT[name];
      if (LONG_VALUED.has(name)) {
        const v = eq === -1 ? args[++i] ?? "" : a.slice(eq + 1);
        o.values.set(short ?? name, v);
      } else if (short) o.flags.add(short);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k]!;
        if (SHORT_VALUED.has(c)) {
          o.values.set(c, k + 1 < a.length ? a.slice(k + 1) : args[++i] ?? "");
          break;
        }
        o.flags.add(c);
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

/** The `-w` template: `%{var}`, `%%`, and the backslash escapes curl understands. */
function writeOut(format: string, vars: Record<string, string>): string {
  return format
    .replace(/%\{([a-z_]+)\}|%%|\\([nrt\\])/g, (whole, name: string | undefined, esc: string | undefined) => {
      if (name !== undefined) return vars[name] ?? "";
      if (esc !== undefined) return ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[esc]!;
      return "%";
    });
}

/**
 * The curl of the image's distribution: Debian bookworm's 7.88.1 (the Debian-based images),
 * Alpine's and curlimages/curl's 8.11.1, Ubuntu 24.04's 8.5.0 (the machines themselves).
 */
function curlVersion(ctx: CommandContext): string {
  const release = ctx.host.fs.read("/etc/os-release");
  const id = typeof release === "string" ? /^ID="?([a-z]+)/m.exec(release)?.[1] : undefined;
  return id === "debian" ? "7.88.1" : id === "alpine" || !ctx.gnu ? "8.11.1" : "8.5.0";
}

/** The User-Agent curl sends: -A, a -H "User-Agent: …", else `curl/VERSION`. */
function userAgent(o: CurlOptions, ctx: CommandContext): string {
  const header = /^user-agent:\s*(.*)$/i.exec(o.values.get("H") ?? "")?.[1];
  return o.values.get("A") ?? header ?? `curl/${curlVersion(ctx)}`;
}

/** CURLE_COULDNT_CONNECT's text: curl 8.8 spelled it out ("Couldn't" before). */
const couldNotConnect = (ctx: CommandContext): string =>
  Number(curlVersion(ctx).split(".")[0]) >= 8 && Number(curlVersion(ctx).split(".")[1]) >= 8 ? "Could not connect to server" : "Couldn't connect to server";

const withScheme = (url: string): string => (/^[a-z]+:\/\//i.test(url) ? url : `http://${url}`);

interface Target { host: string; port: string; scheme: string }
function target(url: string): Target {
  const m = /^([a-z]+):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?/i.exec(url);
  const scheme = (m?.[1] ?? "http").toLowerCase();
  return { scheme, host: m?.[2] ?? "", port: m?.[3] ?? (scheme === "https" ? "443" : "80") };
}

/** An absolute URL for a Location header (relative paths resolve against the current URL). */
function resolveLocation(current: string, location: string): string {
  if (/^[a-z]+:\/\//i.test(location)) return location;
  const t = target(current);
  const origin = `${t.scheme}://${t.host}${/:\d+/.test(current.replace(/^[a-z]+:\/\//i, "").split("/")[0]!) ? `:${t.port}` : ""}`;
  if (location.startsWith("/")) return origin + location;
  const path = current.replace(/^[a-z]+:\/\/[^/]*/i, "").split("?")[0]!;
  return origin + path.slice(0, path.lastIndexOf("/") + 1) + location;
}

const headerBlock = (r: Extract<HttpResult, { kind: "response" }>): string =>
  `HTTP/1.1 ${r.status} ${r.reason ?? STATUS_TEXT[r.status] ?? ""}\r\n` +
  Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";

function writeFile(ctx: CommandContext, file: string, text: string): void {
  if (file === "/dev/null") return;
  ctx.host.fs.write(normalizePath(file, ctx.cwd), text);
}

export const curl: CommandFn = function* (args, io, ctx): Generator<Effect, number, number | undefined> {
  const o = parseOptions(args);
  const silent = o.flags.has("s") && !o.flags.has("S");
  const fail = (code: number, text: string): number => { if (!silent) io.err(`curl: (${code}) ${text}\n`); return code; };
  if (o.urls.length === 0) {
    io.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const head = o.flags.has("I");
  const method = head ? "HEAD" : o.values.get("X") ?? (o.values.has("d") || o.values.has("--data-raw") ? "POST" : "GET");
  let status = 0;
  for (const written of o.urls) {
    const r = fetchOne(withScheme(written), { o, io, ctx, head, method, fail });
    if (typeof r === "number") { status = r; continue; }
    // Nothing answered the SYN: the time passes before curl says so.
    yield { kind: "sleep", ms: r.waitMs };
    status = r.then();
  }
  return status;
};

/**
 * curl's wait on an address that never answers: its own limit (--connect-timeout, -m: the
 * smaller) reports "Timeout was reached" a millisecond or so after it; without one the kernel's
 * connect() gives up first (curl's default connect timeout is 300 s), which curl 8 reports as
 * exit 28 with the connect failure's text.
 */
function connectTimeout(o: CurlOptions, ctx: CommandContext): { waitMs: number; reason: string } {
  const limits = [o.values.get("--connect-timeout"), o.values.get("m")].map(Number).filter((n) => Number.isFinite(n) && n > 0);
  const limitMs = limits.length ? Math.round(Math.min(...limits) * 1000) : Infinity;
  return limitMs < TCP_CONNECT_TIMEOUT_MS ? { waitMs: limitMs + 1, reason: "Timeout was reached" } : { waitMs: TCP_CONNECT_TIMEOUT_MS, reason: couldNotConnect(ctx) };
}

interface FetchState {
  o: CurlOptions;
  io: Io;
  ctx: CommandContext;
  head: boolean;
  method: string;
  fail: (code: number, text: string) => number;
}

function fetchOne(first: string, s: FetchState): number | { waitMs: number; then: () => number } {
  const { o, io, ctx } = s;
  let url = first;
  let redirects = 0;
  let shown = "";
  let r: NetResult;
  for (;;) {
    r = ctx.host.http?.(url, { method: s.method, userAgent: userAgent(o, ctx) }) ?? { kind: "unresolved" };
    if (r.kind !== "response" || !o.flags.has("L") || r.status < 300 || r.status >= 400 || !r.headers["Location"]) break;
    if (o.flags.has("i") || s.head) shown += headerBlock(r);
    if (++redirects > Number(o.values.get("--max-redirs") ?? 50)) {
      return finish(s, url, r, redirects, s.fail(47, `Maximum (${redirects - 1}) redirects followed`));
    }
    url = resolveLocation(url, r.headers["Location"]);
  }
  const t = target(url);
  if (r.kind === "unresolved") return finish(s, url, r, redirects, s.fail(6, `Could not resolve host: ${t.host}`));
  if (r.kind === "timeout") {
    const { waitMs, reason } = connectTimeout(o, ctx);
    const timedOut = r;
    return { waitMs, then: () => finish(s, url, timedOut, redirects, s.fail(28, `Failed to connect to ${t.host} port ${t.port} after ${waitMs} ms: ${reason}`)) };
  }
  if (r.kind === "refused") {
    return finish(s, url, r, redirects, s.fail(7, `Failed to connect to ${t.host} port ${t.port} after 0 ms: ${couldNotConnect(ctx)}`));
  }
  if (r.kind === "closed") return finish(s, url, r, redirects, s.fail(52, "Empty reply from server"));
  if (o.flags.has("f") && r.status >= 400) {
    return finish(s, url, r, redirects, s.fail(22, `The requested URL returned error: ${r.status}`));
  }
  const text = shown + (o.flags.has("i") || s.head ? headerBlock(r) : "") + (s.head ? "" : r.body);
  const out = o.values.get("o") ?? (o.flags.has("O") ? url.split("?")[0]!.split("/").pop() || "index.html" : undefined);
  if (out !== undefined && out !== "-") writeFile(ctx, out, text);
  else io.out(text);
  return finish(s, url, r, redirects, 0);
}

/** Writes the -w output (also after a failure) and returns the exit code. */
function finish(s: FetchState, url: string, r: NetResult, redirects: number, exitCode: number): number {
  const format = s.o.values.get("w");
  if (format === undefined) return exitCode;
  const t = target(url);
  const ok = r.kind === "response";
  const body = ok ? r.body : "";
  const vars: Record<string, string> = {
    http_code: ok ? String(r.status).padStart(3, "0") : "000",
    response_code: ok ? String(r.status).padStart(3, "0") : "000",
    size_download: String(s.head ? 0 : new TextEncoder().encode(body).length),
    size_header: ok ? String(headerBlock(r).length) : "0",
    content_type: ok ? r.headers["Content-Type"] ?? "" : "",
    url_effective: url,
    url: url,
    num_redirects: String(redirects),
    redirect_url: ok && r.status >= 300 && r.status < 400 && r.headers["Location"] ? resolveLocation(url, r.headers["Location"]) : "",
    remote_ip: ok || r.kind === "closed" ? r.address ?? "" : "",
    remote_port: ok || r.kind === "closed" ? t.port : "",
    http_version: ok ? "1.1" : "0",
    scheme: t.scheme,
    method: s.method,
    exitcode: String(exitCode),
    errormsg: "",
    time_total: "0.001000", time_connect: "0.000500", time_starttransfer: "0.000900", time_namelookup: "0.000100",
    speed_download: String(s.head ? 0 : body.length * 1000),
  };
  s.io.out(writeOut(format, vars));
  return exitCode;
}
