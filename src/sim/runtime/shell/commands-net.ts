// Network clients inside a container: busybox wget with its real error texts (curl has its own file), and the
// databases' own probe tools (redis-cli ping, pg_isready, mysqladmin ping, …), which answer by
// whether the server they reach — this container's, or another's through the network — listens yet.

import { TCP_CONNECT_TIMEOUT_MS } from "../net-reach";
import type { DnsAnswer, NetResult } from "../types";
import type { CommandFn, CommandContext } from "./commands";
import { STATUS_TEXT } from "./commands-curl";
import { gnuWget } from "./commands-wget-gnu";
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
  // Debian's and Ubuntu's wget is GNU Wget (its own messages and exit statuses).
  if (ctx.gnu) return gnuWget({ url, quiet, spider, ...(output !== undefined ? { output } : {}), ...(timeoutS !== undefined ? { timeoutS } : {}) }, r, io, ctx);
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

/**
 * How a database client's TCP connect to `host:port` ends: its own server when the host is local
 * (the loopback, no name), else the network's answer (another container, pod or Service); where
 * the network is not simulated, as before: only a local server answers.
 */
export function reach(ctx: CommandContext, host: string | undefined, port: number): "open" | "refused" | "timeout" | "unresolved" {
  if (local(host)) return ctx.host.listening(port) ? "open" : "refused";
  const r = ctx.host.connect?.(host!, port);
  return r === undefined ? "refused" : r.kind;
}

/** getaddrinfo's EAI_NONAME text: glibc (Debian images) or musl (busybox/alpine). */
export const noName = (ctx: CommandContext) => (ctx.gnu ? "Name or service not known" : "Name does not resolve");

/**
 * redis-cli with a command: hiredis's connect error (`Could not connect to Redis at HOST:PORT:
 * …`, exit 1; it waits for the kernel's connect timeout where nothing answers), else the reply.
 * The keyspace is the one this container keeps (a remote server's data is not reachable here).
 */
export const redisCli: CommandFn = (args, io, ctx) => {
  const host = opt(args, "-h");
  const port = Number(opt(args, "-p") ?? 6379);
  const where = `${host ?? "127.0.0.1"}:${port}`;
  const r = reach(ctx, host, port);
  if (r === "timeout") {
    return (function* (): Thread {
      yield { kind: "sleep", ms: TCP_CONNECT_TIMEOUT_MS };
      io.err(`Could not connect to Redis at ${where}: Connection timed out\n`);
      return 1;
    })();
  }
  if (r !== "open") {
    io.err(`Could not connect to Redis at ${where}: ${r === "unresolved" ? noName(ctx) : "Connection refused"}\n`);
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

/** pg_isready: a server it reaches answers; anything else is "no response" (exit 2) after at most its 3 s timeout. */
export const pgIsready: CommandFn = (args, io, ctx) => {
  const host = opt(args, "-h", "--host");
  const port = Number(opt(args, "-p", "--port") ?? 5432);
  const socket = host === undefined || host.startsWith("/");
  const where = socket ? `/var/run/postgresql:${port}` : `${host}:${port}`;
  const r = socket ? (ctx.host.listening(port) ? "open" : "refused") : reach(ctx, host, port);
  const answer = (): number => {
    if (!args.includes("-q")) io.out(`${where} - ${r === "open" ? "accepting connections" : "no response"}\n`);
    return r === "open" ? 0 : 2;
  };
  if (r !== "timeout") return answer();
  const t = Number(opt(args, "-t", "--timeout") ?? 3);
  return (function* (): Thread { yield { kind: "sleep", ms: (t > 0 ? t : 3) * 1000 }; return answer(); })();
};

/**
 * mysqladmin ping: the local socket without a host (or with "localhost"), TCP otherwise; its
 * error and, for connection errors, its hints (mysqladmin.cc).
 */
export const mysqladmin: CommandFn = (args, io, ctx) => {
  const host = opt(args, "-h", "--host");
  const port = Number(opt(args, "-P", "--port") ?? 3306);
  const socket = host === undefined || host === "localhost";
  const r = socket ? (ctx.host.listening(3306) ? "open" : "refused") : reach(ctx, host, port);
  if (r === "open") { io.out("mysqld is alive\n"); return 0; }
  const fail = (): number => {
    const why = socket ? "Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)"
      : r === "unresolved" ? `Unknown MySQL server host '${host}' (-2)`
      : `Can't connect to MySQL server on '${host}:${port}' (${r === "timeout" ? 110 : 111})`;
    io.err(`mysqladmin: connect to server at '${host ?? "localhost"}' failed\nerror: '${why}'\n`);
    if (socket) io.err("Check that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n");
    else io.err(`Check that mysqld is running on ${host} and that the port is ${port}.\nYou can check this by doing 'telnet ${host} ${port}'\n`);
    return 1;
  };
  if (r !== "timeout") return fail();
  return (function* (): Thread { yield { kind: "sleep", ms: TCP_CONNECT_TIMEOUT_MS }; return fail(); })();
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
 * port and tab-separated fields. A container without the network's own resolver (Docker's default
 * bridge: no embedded DNS) asks the nameserver its /etc/resolv.conf names — the machine's — which
 * knows no container names: NXDOMAIN (the outside world is not simulated either).
 */
export const nslookup: CommandFn = (args, io, ctx) => {
  const name = args.find((a) => !a.startsWith("-"));
  if (!name) { io.err("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n"); return 1; }
  const answer = ctx.host.lookup ? ctx.host.lookup(name) : resolvConfAnswer(ctx);
  // No resolver and no resolv.conf: nothing to ask, as before the resolver was simulated.
  if (!answer) return 0;
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

/** The first `nameserver` of the container's /etc/resolv.conf, answering no name. */
function resolvConfAnswer(ctx: CommandContext): DnsAnswer | undefined {
  const conf = ctx.host.fs.read("/etc/resolv.conf");
  if (typeof conf !== "string") return undefined;
  const server = /^nameserver\s+(\S+)/m.exec(conf)?.[1];
  return server ? { server } : undefined;
}
