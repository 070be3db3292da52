// Network clients inside a container: wget (busybox) and curl with their real error texts, and the
// databases' own probe tools (redis-cli ping, pg_isready, mysqladmin ping, …), which answer by
// whether the server in this container is listening yet.

import type { HttpResult } from "../http";
import type { CommandFn, CommandContext } from "./commands";

export const STATUS_TEXT: Record<number, string> = {
  200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 307: "Temporary Redirect",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error",
  502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

function fetchUrl(ctx: CommandContext, url: string): HttpResult {
  const full = /^[a-z]+:\/\//.test(url) ? url : `http://${url}`;
  return ctx.host.http?.(full) ?? { kind: "unresolved" };
}
const hostOf = (url: string): string => url.replace(/^[a-z]+:\/\//, "").split(/[/:]/)[0]!;

/** busybox wget's options: -q, -O FILE (or -O- / -qO-), --spider, -T N; the rest is the URL. */
function wgetOptions(args: string[]): { url: string; output?: string; quiet: boolean; spider: boolean } {
  let url = "";
  let output: string | undefined;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--spider") continue;
    if (/^-[a-zA-Z]*q/.test(a)) quiet = true;
    const o = /^-[a-zA-Z]*O(.*)$/.exec(a);
    if (o) output = o[1] || args[++i];
    else if (a === "-T" || a === "-U" || a === "--header") i++;
    else if (!a.startsWith("-")) url = a;
  }
  return { url, quiet, spider: args.includes("--spider"), ...(output !== undefined ? { output } : {}) };
}

export const wget: CommandFn = (args, io, ctx) => {
  const { url, output, quiet, spider } = wgetOptions(args);
  const toStdout = output === "-";
  if (!url) { io.err("wget: missing URL\n"); return 1; }
  const r = fetchUrl(ctx, url);
  const host = hostOf(url);
  if (r.kind === "unresolved") { io.err(`wget: bad address '${host}'\n`); return 1; }
  if (!quiet) io.err(`Connecting to ${url.replace(/^[a-z]+:\/\//, "").split("/")[0]}\n`);
  if (r.kind === "refused") {
    const ip = host === "localhost" ? "127.0.0.1" : host;
    io.err(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    return 1;
  }
  if (r.kind === "closed") { io.err("wget: error getting response: Connection reset by peer\n"); return 1; }
  if (r.status >= 400) { io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status] ?? ""}\n`); return 1; }
  if (spider) return 0;
  if (toStdout) { io.out(r.body); return 0; }
  const name = output ?? (url.split("?")[0]!.replace(/\/$/, "").split("/").slice(3).pop() || "index.html");
  ctx.host.fs.write(name.startsWith("/") ? name : `${ctx.cwd.replace(/\/$/, "")}/${name}`, r.body);
  if (!quiet) io.err(`saving to '${name}'\n${name}              100% |********************************|   ${r.body.length}  0:00:00 ETA\n'${name}' saved\n`);
  return 0;
};

export const curl: CommandFn = (args, io, ctx) => {
  const valued = new Set(["-o", "-w", "-H", "-X", "-d", "-m", "--max-time", "--connect-timeout", "-u", "-A"]);
  let url = "";
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-o") out = args[i + 1];
    if (valued.has(a)) { i++; continue; }
    if (!a.startsWith("-")) url = a;
  }
  const fail = args.some((a) => /^-[a-zA-Z]*f/.test(a) || a === "--fail");
  const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a) && !/^-[a-zA-Z]*S/.test(a));
  const headOnly = args.some((a) => a === "-I" || a === "--head");
  const err = (code: number, text: string) => { if (!silent) io.err(`curl: (${code}) ${text}\n`); return code; };
  if (!url) return err(2, "no URL specified");
  const r = fetchUrl(ctx, url);
  const host = hostOf(url);
  const port = /:(\d+)/.exec(url.replace(/^[a-z]+:\/\//, ""))?.[1] ?? "80";
  if (r.kind === "unresolved") return err(6, `Could not resolve host: ${host}`);
  if (r.kind === "refused") return err(7, `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`);
  if (r.kind === "closed") return err(52, "Empty reply from server");
  if (fail && r.status >= 400) return err(22, `The requested URL returned error: ${r.status}`);
  const text = headOnly
    ? `HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status] ?? ""}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`
    : r.body;
  if (out !== undefined && out !== "-") ctx.host.fs.write(out.startsWith("/") ? out : `${ctx.cwd.replace(/\/$/, "")}/${out}`, text);
  else io.out(text);
  return 0;
};

const local = (h: string | undefined) => h === undefined || h === "localhost" || h === "127.0.0.1" || h === "::1";
const opt = (args: string[], ...names: string[]): string | undefined => {
  const i = args.findIndex((a) => names.includes(a));
  if (i !== -1) return args[i + 1];
  const joined = args.find((a) => names.some((n) => n.length === 2 && a.startsWith(n) && a.length > 2));
  return joined?.slice(2);
};

export const redisCli: CommandFn = (args, io, ctx) => {
  const host = opt(args, "-h");
  const port = Number(opt(args, "-p") ?? 6379);
  if (!local(host) || !ctx.host.listening(port)) {
    io.err(`Could not connect to Redis at ${host ?? "127.0.0.1"}:${port}: Connection refused\n`);
    return 1;
  }
  const cmd = args.filter((a, i) => !a.startsWith("-") && !["-h", "-p", "-a", "-n"].includes(args[i - 1] ?? ""));
  const verb = (cmd[0] ?? "").toLowerCase();
  io.out(verb === "ping" ? "PONG\n" : verb === "get" ? "\n" : verb === "" ? "" : "OK\n");
  return 0;
};

export const pgIsready: CommandFn = (args, io, ctx) => {
  const host = opt(args, "-h", "--host");
  const port = Number(opt(args, "-p", "--port") ?? 5432);
  const where = host && !host.startsWith("/") ? `${host}:${port}` : `/var/run/postgresql:${port}`;
  const ok = local(host) || host?.startsWith("/") ? ctx.host.listening(port) : false;
  if (!args.includes("-q")) io.out(`${where} - ${ok ? "accepting connections" : "no response"}\n`);
  return ok ? 0 : 2;
};

export const mysqladmin: CommandFn = (args, io, ctx) => {
  const host = opt(args, "-h", "--host");
  if (ctx.host.listening(3306) && local(host)) { io.out("mysqld is alive\n"); return 0; }
  const why = host && host !== "localhost"
    ? `Can't connect to MySQL server on '${host}:3306' (111)`
    : "Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)";
  io.err(`mysqladmin: connect to server at '${host ?? "localhost"}' failed\nerror: '${why}'\n`);
  if (!host || host === "localhost") io.err("Check that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n");
  return 1;
};

/** Probe tools that only say yes or no: the port they need to be listening. */
export const portProbe = (port: number, ok: string, fail: string, failCode = 1): CommandFn => (_args, io, ctx) => {
  if (ctx.host.listening(port)) { if (ok) io.out(ok + "\n"); return 0; }
  io.err(fail + "\n");
  return failCode;
};
