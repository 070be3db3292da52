// Network clients inside a container: busybox wget with its real error texts (curl has its own file), and the
// databases' own probe tools (redis-cli ping, pg_isready, mysqladmin ping, …), which answer by
// whether the server in this container is listening yet.

import { TCP_CONNECT_TIMEOUT_MS } from "../net-reach";
import type { NetResult } from "../types";
import type { CommandFn, CommandContext } from "./commands";
import { STATUS_TEXT } from "./commands-curl";
import type { Io, Thread } from "./types";

/** busybox wget says `User-Agent: Wget`; GNU wget (Ubuntu 24.04) `Wget/1.21.4`; -U replaces it. */
function fetchUrl(ctx: CommandContext, url: string, userAgent?: string): NetResult {
  const full = /^[a-z]+:\/\//.test(url) ? url : `http://${url}`;
  return ctx.host.http?.(full, { method: "GET", userAgent: userAgent ?? (ctx.gnu ? "Wget/1.21.4" : "Wget") }) ?? { kind: "unresolved" };
}
const hostOf = (url: string): string => url.replace(/^[a-z]+:\/\//, "").split(/[/:]/)[0]!;

/** busybox wget's options: -q, -O FILE (or -O- / -qO-), --spider, -T N; the rest is the URL. */
function wgetOptions(args: string[]): { url: string; output?: string; quiet: boolean; spider: boolean; userAgent?: string; timeoutS?: number } {
  let url = "";
  let timeoutS: number | undefined;
  let userAgent: string | undefined;
  let output: string | undefined;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--spider") continue;
    if (/^-[a-zA-Z]*q/.test(a)) quiet = true;
    const o = /^-[a-zA-Z]*O(.*)$/.exec(a);
    if (o) output = o[1] || args[++i];
    else if (a === "-U" || a === "--user-agent") userAgent = args[++i];
    else if (a === "-T") timeoutS = Number(args[++i]);
    else if (a === "--header") i++;
    else if (!a.startsWith("-")) url = a;
  }
  return { url, quiet, spider: args.includes("--spider"), ...(output !== undefined ? { output } : {}), ...(userAgent !== undefined ? { userAgent } : {}),
    ...(timeoutS !== undefined && timeoutS >= 0 ? { timeoutS } : {}) };
}

/**
 * Nothing answers the address: busybox wget's connect blocks until the kernel gives up
 * ("Connection timed out"), unless -T's alarm fires first ("download timed out").
 */
function* wgetTimeout(io: Io, address: string, timeoutS: number | undefined): Thread {
  const alarm = timeoutS !== undefined && timeoutS > 0 && timeoutS * 1000 < TCP_CONNECT_TIMEOUT_MS;
  yield { kind: "sleep", ms: alarm ? timeoutS * 1000 : TCP_CONNECT_TIMEOUT_MS };
  io.err(alarm ? "wget: download timed out\n" : `wget: can't connect to remote host (${address}): Connection timed out\n`);
  return 1;
}

export const wget: CommandFn = (args, io, ctx) => {
  const { url, output, quiet, spider, userAgent, timeoutS } = wgetOptions(args);
  const toStdout = output === "-";
  if (!url) { io.err("wget: missing URL\n"); return 1; }
  const r = fetchUrl(ctx, url, userAgent);
  const host = hostOf(url);
  if (r.kind === "unresolved") { io.err(`wget: bad address '${host}'\n`); return 1; }
  // busybox: "Connecting to HOST (IP:PORT)"; the address is the host itself when not known.
  const port = /:(\d+)/.exec(url.replace(/^[a-z]+:\/\//, "").split("/")[0]!)?.[1] ?? "80";
  if (!quiet) io.err(`Connecting to ${host} (${r.address ?? host}:${port})\n`);
  if (r.kind === "timeout") return wgetTimeout(io, r.address, timeoutS);
  if (r.kind === "refused") {
    const ip = r.address ?? (host === "localhost" ? "127.0.0.1" : host);
    io.err(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    return 1;
  }
  if (r.kind === "closed") { io.err("wget: error getting response: Connection reset by peer\n"); return 1; }
  if (r.status >= 400) { io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status] ?? ""}\n`); return 1; }
  if (spider) return 0;
  // busybox's progress line: the name in 20 columns, "%4u%%", a 32-star bar, the size in 6.
  const progress = (name: string) =>
    `${name.padEnd(20).slice(0, 20)} 100% |${"*".repeat(32)}| ${String(new TextEncoder().encode(r.body).length).padStart(5)}  0:00:00 ETA\n`;
  if (toStdout) {
    if (!quiet) io.err(`writing to stdout\n${progress("-")}written to stdout\n`);
    io.out(r.body);
    return 0;
  }
  const name = output ?? (url.split("?")[0]!.replace(/\/$/, "").split("/").slice(3).pop() || "index.html");
  ctx.host.fs.write(name.startsWith("/") ? name : `${ctx.cwd.replace(/\/$/, "")}/${name}`, r.body);
  if (!quiet) io.err(`saving to '${name}'\n${progress(name)}'${name}' saved\n`);
  return 0;
};

/**
 * busybox nc (nc_bloaty, netcat 1.10's) as an outbound connect: `-z` connects and closes, `-v`
 * says "HOST (IP:PORT) open" on stderr, a failure exits 1 and is said with -v — a refusal only
 * with -vv, as netcat 1.10 keeps port scans quiet — and `-w N` bounds the connect (netcat fakes
 * ETIMEDOUT when its alarm fires). A name that does not resolve dies with "bad address". Data
 * transfer and `-l` servers are not modelled: an open connection ends at once, a listener waits.
 */
export const nc: CommandFn = (args, io, ctx) => {
  let verbose = 0, zero = false, listen = false, waitS: number | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("-") || a === "-") { operands.push(a); continue; }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === "v") verbose++;
      else if (c === "z") zero = true;
      else if (c === "l") listen = true;
      else if ("wpsieo".includes(c)) {
        const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (c === "w") waitS = Number(v);
        break;
      }
    }
  }
  if (listen) return (function* (): Thread { yield { kind: "sleep", ms: Infinity }; return 0; })();
  const [host, portText] = operands;
  const port = Number(portText);
  if (host === undefined || !Number.isInteger(port)) return 0;
  const r = ctx.host.connect?.(host, port);
  if (r === undefined) return 0; // the network is not simulated here: as before, quiet success
  if (r.kind === "unresolved") { io.err(`nc: bad address '${host}'\n`); return 1; }
  const dotted = `${r.address}:${port}`;
  if (r.kind === "open") { if (verbose) io.err(`${host} (${dotted}) open\n`); return 0; }
  if (r.kind === "refused") { if (verbose > 1) io.err(`nc: ${host} (${dotted}): Connection refused\n`); return 1; }
  const ms = waitS !== undefined && waitS > 0 ? Math.min(waitS * 1000, TCP_CONNECT_TIMEOUT_MS) : TCP_CONNECT_TIMEOUT_MS;
  return (function* (): Thread {
    yield { kind: "sleep", ms };
    if (verbose) io.err(`nc: ${host} (${dotted}): Connection timed out\n`);
    return 1;
  })();
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
  const [verb = "", ...rest] = cmd;
  if (verb === "") return 0;
  io.out(redisCommand(ctx, verb.toLowerCase(), rest) + "\n");
  return 0;
};

/**
 * The server's keyspace, kept where redis keeps its RDB (/data/dump.rdb, so a volume carries it
 * over), and the reply redis-cli prints without a TTY: bulk strings bare, nil as an empty line,
 * integers bare, errors as "ERR …".
 */
const DUMP = "/data/dump.rdb";
function redisCommand(ctx: CommandContext, verb: string, args: string[]): string {
  const raw = ctx.host.fs.read(DUMP);
  let db: Record<string, string> = {};
  if (typeof raw === "string" && raw.startsWith("{")) { try { db = JSON.parse(raw) as Record<string, string>; } catch { db = {}; } }
  const save = () => { ctx.host.fs.mkdir("/data", true); ctx.host.fs.write(DUMP, JSON.stringify(db)); };
  const [k = "", v = ""] = args;
  switch (verb) {
    case "ping": return args.length > 0 ? args[0]! : "PONG";
    case "echo": return k;
    case "set": db[k] = v; save(); return "OK";
    case "get": return db[k] ?? "";
    case "del": { const n = args.filter((a) => a in db).length; for (const a of args) delete db[a]; save(); return String(n); }
    case "exists": return String(args.filter((a) => a in db).length);
    case "incr": case "decr": {
      const cur = db[k] ?? "0";
      if (!/^-?\d+$/.test(cur)) return "ERR value is not an integer or out of range";
      db[k] = String(Number(cur) + (verb === "incr" ? 1 : -1));
      save();
      return db[k]!;
    }
    case "keys": {
      const re = new RegExp(`^${k.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
      return Object.keys(db).filter((x) => re.test(x)).sort().join("\n");
    }
    case "dbsize": return String(Object.keys(db).length);
    case "flushall": case "flushdb": db = {}; save(); return "OK";
    default: return `ERR unknown command '${verb}', with args beginning with: ${args.map((a) => `'${a}' `).join("")}`;
  }
}

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

/**
 * busybox nslookup. Up to 1.28 it printed "Address 1: IP NAME" pairs (the output the Kubernetes
 * DNS docs show, why courses pin busybox:1.28); 1.29 rewrote it in bind's layout with the server's
 * port and tab-separated fields. Without a simulated resolver it prints nothing (not simulated).
 */
export const nslookup: CommandFn = (args, io, ctx) => {
  const name = args.find((a) => !a.startsWith("-"));
  if (!name) { io.err("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n"); return 1; }
  // Where the engine simulates no resolver, stay as before the resolver existed: quiet success.
  if (!ctx.host.lookup) return 0;
  const answer = ctx.host.lookup(name);
  const v = (ctx.host.imageVersion ?? "").split(".").map(Number);
  const old = ctx.host.tools.has("ash") && !ctx.host.tools.has("apk") && v[0] === 1 && (v[1] ?? 99) <= 28;
  if (old) {
    io.out(`Server:    ${answer.server}\nAddress 1: ${answer.server}${answer.serverName ? ` ${answer.serverName}` : ""}\n\n`);
    if (!answer.found) { io.err(`nslookup: can't resolve '${name}'\n`); return 1; }
    io.out(`Name:      ${name}\n`);
    answer.found.addresses.forEach((a, i) => io.out(`Address ${i + 1}: ${a} ${answer.found!.fqdn}\n`));
    return 0;
  }
  io.out(`Server:\t\t${answer.server}\nAddress:\t${answer.server}:53\n\n`);
  if (!answer.found) { io.out(`** server can't find ${name}: NXDOMAIN\n\n`); return 1; }
  for (const a of answer.found.addresses) io.out(`Name:\t${answer.found.fqdn}\nAddress: ${a}\n`);
  io.out("\n");
  return 0;
};
