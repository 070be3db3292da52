// The database images' command-line clients as students run them non-interactively
// (`docker exec db mysql -uroot -pX -e "SHOW DATABASES"`, `kubectl exec pg -- psql -U postgres -c '\l'`):
// the connection and authentication errors they print, and the handful of statements a lesson
// checks with — listing, creating and dropping databases, `SELECT 1`, the server version. Other
// statements succeed silently. The databases live where the server keeps them (mysql: one
// directory per database under /var/lib/mysql; postgres: a list under $PGDATA), so a volume
// carries them over; a server reached with -h is answered from this container's view.

import type { CommandContext, CommandFn } from "./commands";
import { reach, noName } from "./commands-net";
import { TCP_CONNECT_TIMEOUT_MS } from "../net-reach";
import type { Io, Thread } from "./types";

/** `-uroot`, `-u root`, `--user=root`: the value of the first of `names`. */
function optValue(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === short || a === long) return args[i + 1] ?? "";
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
    if (short.length === 2 && a.startsWith(short) && a.length > 2 && !a.startsWith("--")) return a.slice(2);
  }
  return undefined;
}

/** Operands after the options (the options that take a value skip it). */
function operands(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("-")) { if (withValue.includes(a)) i++; continue; }
    out.push(a);
  }
  return out;
}

/** The statements of a script, without comments and trailing semicolons. */
const statements = (sql: string): string[] => sql.split(";").map((s) => s.replace(/--[^\n]*/g, "").trim()).filter(Boolean);

const isLocal = (h: string | undefined) => h === undefined || h === "localhost" || h === "127.0.0.1" || h === "::1";

/* ---------------------------------------------------------------- mysql ----- */

const MYSQL_DIR = "/var/lib/mysql";
const MYSQL_SYSTEM = ["information_schema", "mysql", "performance_schema", "sys"];

function mysqlDatabases(ctx: CommandContext): string[] {
  const own = ctx.env.MYSQL_DATABASE ?? ctx.env.MARIADB_DATABASE;
  if (own && !ctx.host.fs.isDir(`${MYSQL_DIR}/${own}`) && !ctx.host.fs.isFile(`${MYSQL_DIR}/.dropped-${own}`)) ctx.host.fs.mkdir(`${MYSQL_DIR}/${own}`, true);
  const dirs = ctx.host.fs.isDir(MYSQL_DIR) ? ctx.host.fs.list(MYSQL_DIR).filter((n) => ctx.host.fs.isDir(`${MYSQL_DIR}/${n}`) && !/^[.#]/.test(n)) : [];
  return [...new Set([...MYSQL_SYSTEM, ...dirs])].sort();
}

/** Whether the local server's accounts let `user` in with `password` (the entrypoint made them from its env). */
function mysqlAuthorised(ctx: CommandContext, user: string, password: string | undefined): boolean {
  const env = ctx.env;
  const p = password ?? "";
  if (user === "root") {
    const root = env.MYSQL_ROOT_PASSWORD ?? env.MARIADB_ROOT_PASSWORD;
    if (root) return p === root;
    if (env.MYSQL_ALLOW_EMPTY_PASSWORD || env.MARIADB_ALLOW_EMPTY_ROOT_PASSWORD) return p === "";
    return false;
  }
  const u = env.MYSQL_USER ?? env.MARIADB_USER;
  return u === user && p === (env.MYSQL_PASSWORD ?? env.MARIADB_PASSWORD ?? "");
}

/**
 * mysql (MySQL 8's client; MariaDB's `mariadb`/`mysql` without the password warning) in batch
 * mode: `-e` or stdin, results as tab-separated lines under a header line.
 */
export const mysqlClient: CommandFn = (args, io, ctx) => {
  const mariadb = ctx.host.tools.has("mariadbd");
  const user = optValue(args, "-u", "--user") ?? "root";
  // The password is attached (-pSECRET, --password=SECRET): a bare -p asks for it on the terminal.
  const password = args.find((a) => /^-p./.test(a))?.slice(2) ?? args.find((a) => a.startsWith("--password="))?.slice(11);
  const host = optValue(args, "-h", "--host");
  const port = Number(optValue(args, "-P", "--port") ?? 3306);
  const sql = optValue(args, "-e", "--execute") ?? io.stdin;
  const database = optValue(args, "-D", "--database") ?? operands(args, ["-u", "-h", "-P", "-e", "-D"])[0];
  if (password !== undefined && password !== "" && !mariadb) io.err("mysql: [Warning] Using a password on the command line interface can be insecure.\n");
  const socket = host === undefined || host === "localhost";
  const r = socket ? (ctx.host.listening(3306) ? "open" : "refused") : reach(ctx, host, port);
  const fail = (text: string): number => { io.err(`${text}\n`); return 1; };
  const unreachable = (): number => fail(socket ? "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)"
    : r === "unresolved" ? `ERROR 2005 (HY000): Unknown MySQL server host '${host}' (-2)`
    : `ERROR 2003 (HY000): Can't connect to MySQL server on '${host}:${port}' (${r === "timeout" ? 110 : 111})`);
  if (r === "timeout") return (function* (): Thread { yield { kind: "sleep", ms: TCP_CONNECT_TIMEOUT_MS }; return unreachable(); })();
  if (r !== "open") return unreachable();
  const from = isLocal(host) ? "localhost" : ctx.host.ip ?? "172.17.0.1";
  // A remote server's accounts are not this container's to read: its answer is taken as yes.
  if (isLocal(host) && !mysqlAuthorised(ctx, user, password)) {
    return fail(`ERROR 1045 (28000): Access denied for user '${user}'@'${from}' (using password: ${password ? "YES" : "NO"})`);
  }
  const dbs = mysqlDatabases(ctx);
  if (database && !dbs.includes(database)) return fail(`ERROR 1049 (42000): Unknown database '${database}'`);
  let line = 0;
  for (const stmt of statements(sql)) {
    line++;
    const at = optValue(args, "-e", "--execute") !== undefined || io.stdin ? ` at line ${line}` : "";
    const m = /^(create|drop)\s+(?:database|schema)\s+(if\s+(?:not\s+)?exists\s+)?`?([\w$-]+)`?$/i.exec(stmt);
    if (m) {
      const [, verb, guard, name] = m as unknown as [string, string, string | undefined, string];
      const exists = mysqlDatabases(ctx).includes(name);
      if (verb.toLowerCase() === "create") {
        if (exists && !guard) return fail(`ERROR 1007 (HY000)${at}: Can't create database '${name}'; database exists`);
        ctx.host.fs.mkdir(`${MYSQL_DIR}/${name}`, true);
        ctx.host.fs.remove(`${MYSQL_DIR}/.dropped-${name}`, false);
      } else {
        if (!exists && !guard) return fail(`ERROR 1008 (HY000)${at}: Can't drop database '${name}'; database doesn't exist`);
        ctx.host.fs.remove(`${MYSQL_DIR}/${name}`, true);
        ctx.host.fs.write(`${MYSQL_DIR}/.dropped-${name}`, "");
      }
      continue;
    }
    if (/^show\s+(databases|schemas)$/i.test(stmt)) { io.out(["Database", ...mysqlDatabases(ctx)].join("\n") + "\n"); continue; }
    const select = /^select\s+(.+)$/i.exec(stmt)?.[1]?.trim();
    if (select !== undefined) {
      const value = /^\d+$/.test(select) ? select : /^version\(\)$/i.test(select) ? (ctx.host.imageVersion ?? "")
        : /^(current_)?user\(\)$/i.test(select) ? `${user}@${from}` : undefined;
      if (value !== undefined) io.out(`${select}\n${value}\n`);
    }
  }
  return 0;
};

/* ---------------------------------------------------------------- psql ------ */

const SOCKET = '"/var/run/postgresql/.s.PGSQL.5432"';

/** The cluster's databases: the three initdb makes, the entrypoint's POSTGRES_DB, and what was created since. */
function pgDatabases(ctx: CommandContext): { file: string; names: string[] } {
  const file = `${ctx.env.PGDATA ?? "/var/lib/postgresql/data"}/global/pg_database`;
  const raw = ctx.host.fs.read(file);
  if (typeof raw === "string" && raw !== "ENOENT" && raw !== "EISDIR") return { file, names: raw.split("\n").filter(Boolean) };
  const owner = ctx.env.POSTGRES_USER || "postgres";
  return { file, names: [...new Set(["postgres", "template0", "template1", ctx.env.POSTGRES_DB || owner])].sort() };
}

/**
 * psql's aligned table (border 1): headers centred, text left-aligned and numbers right-aligned,
 * a value's further lines marked `+` at the column's edge, then `(N rows)` and a blank line.
 */
export function psqlTable(title: string | undefined, columns: string[], rows: string[][], numeric: boolean[] = []): string {
  const cells = rows.map((r) => r.map((v) => v.split("\n")));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => Math.max(...r[i]!.map((l) => l.length)))));
  const total = widths.reduce((a, w) => a + w + 3, -1);
  const centre = (s: string, w: number) => { const left = Math.floor((w - s.length) / 2); return " ".repeat(left) + s + " ".repeat(w - s.length - left); };
  let out = title ? `${" ".repeat(Math.max(0, Math.floor((total - title.length) / 2)))}${title}\n` : "";
  out += columns.map((c, i) => ` ${centre(c, widths[i]!)} `).join("|") + "\n";
  out += widths.map((w) => "-".repeat(w + 2)).join("+") + "\n";
  for (const row of cells) {
    const height = Math.max(...row.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      // Each cell is " value" plus " " (or "+" when the value goes on), joined by "|"; the last
      // column's value is not padded unless it goes on.
      out += row.map((lines, i) => {
        const v = lines[k] ?? "";
        const more = k < lines.length - 1;
        if (numeric[i]) return ` ${v.padStart(widths[i]!)}${i === row.length - 1 ? "" : " "}`;
        if (i === row.length - 1 && !more) return ` ${v}`;
        return ` ${v.padEnd(widths[i]!)}${more ? "+" : " "}`;
      }).join("|") + "\n";
    }
  }
  return out + `(${rows.length} ${rows.length === 1 ? "row" : "rows"})\n\n`;
}

/** `\l`: the list of databases in the layout of this server's psql (columns changed in 15, 16 and 17). */
function listDatabases(ctx: CommandContext, names: string[]): string {
  const owner = ctx.env.POSTGRES_USER || "postgres";
  const major = Number((ctx.host.imageVersion ?? "16").split(".")[0]);
  const acl = (n: string) => (n.startsWith("template") ? `=c/${owner}\n${owner}=CTc/${owner}` : "");
  const base = (n: string) => [n, owner, "UTF8"];
  const loc = ["en_US.utf8", "en_US.utf8"];
  const [cols, row]: [string[], (n: string) => string[]] =
    major >= 17 ? [["Name", "Owner", "Encoding", "Locale Provider", "Collate", "Ctype", "Locale", "ICU Rules", "Access privileges"], (n) => [...base(n), "libc", ...loc, "", "", acl(n)]]
    : major === 16 ? [["Name", "Owner", "Encoding", "Locale Provider", "Collate", "Ctype", "ICU Locale", "ICU Rules", "Access privileges"], (n) => [...base(n), "libc", ...loc, "", "", acl(n)]]
    : major === 15 ? [["Name", "Owner", "Encoding", "Collate", "Ctype", "ICU Locale", "Locale Provider", "Access privileges"], (n) => [...base(n), ...loc, "", "libc", acl(n)]]
    : [["Name", "Owner", "Encoding", "Collate", "Ctype", "Access privileges"], (n) => [...base(n), ...loc, acl(n)]];
  return psqlTable("List of databases", cols, names.map(row));
}

/**
 * psql: connects over the local socket (trust, as the image's initdb sets it) or TCP with -h
 * (password auth: PGPASSWORD, else "no password supplied"), then runs each -c (or -l).
 */
export const psql: CommandFn = (args, io, ctx) => {
  const ops = operands(args, ["-U", "-d", "-h", "-p", "-c", "-f"]);
  const user = optValue(args, "-U", "--username") ?? ops[1] ?? ctx.env.PGUSER ?? (ctx.host.identity?.uid ? "postgres" : "root");
  const database = optValue(args, "-d", "--dbname") ?? ops[0] ?? ctx.env.PGDATABASE ?? user;
  const host = optValue(args, "-h", "--host") ?? ctx.env.PGHOST;
  const port = Number(optValue(args, "-p", "--port") ?? 5432);
  const fail = (where: string, why: string): number => { io.err(`psql: error: ${where}${why}\n`); return 2; };
  const socket = host === undefined || host.startsWith("/");
  const r = socket ? (ctx.host.listening(port) ? "open" : "refused") : reach(ctx, host, port);
  if (r === "unresolved") return fail("", `could not translate host name "${host}" to address: ${noName(ctx)}`);
  const address = socket ? "" : ctx.host.connect?.(host!, port);
  const where = socket ? `connection to server on socket ${SOCKET} failed: `
    : `connection to server at "${host}" (${address && address.kind !== "unresolved" ? address.address : host}), port ${port} failed: `;
  const refused = (): number => fail(where, socket ? "No such file or directory\n\tIs the server running locally and accepting connections on that socket?"
    : r === "timeout" ? "Connection timed out\n\tIs the server running on that host and accepting TCP/IP connections?"
    : "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?");
  if (r === "timeout") return (function* (): Thread { yield { kind: "sleep", ms: TCP_CONNECT_TIMEOUT_MS }; return refused(); })();
  if (r !== "open") return refused();
  if (!socket && !ctx.env.PGPASSWORD) return fail(where, "fe_sendauth: no password supplied");
  const db = pgDatabases(ctx);
  if (socket) {
    const roles = [ctx.env.POSTGRES_USER || "postgres"];
    if (!roles.includes(user)) return fail(where, `FATAL:  role "${user}" does not exist`);
    if (!db.names.includes(database)) return fail(where, `FATAL:  database "${database}" does not exist`);
  }
  if (args.includes("-l") || args.includes("--list")) { io.out(listDatabases(ctx, db.names)); return 0; }
  const commands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-c" || args[i] === "--command") commands.push(args[++i] ?? "");
    else if (args[i]!.startsWith("--command=")) commands.push(args[i]!.slice(10));
  }
  if (commands.length === 0 && io.stdin) commands.push(io.stdin);
  return runPsql(commands, io, ctx, db);
};

function runPsql(commands: string[], io: Io, ctx: CommandContext, db: { file: string; names: string[] }): number {
  const save = () => { ctx.host.fs.mkdir(db.file.slice(0, db.file.lastIndexOf("/")), true); ctx.host.fs.write(db.file, db.names.join("\n") + "\n"); };
  for (const text of commands) {
    if (/^\s*\\l\+?\s*$/.test(text)) { io.out(listDatabases(ctx, db.names)); continue; }
    for (const stmt of statements(text)) {
      const m = /^(create|drop)\s+database\s+(if\s+exists\s+)?"?([\w$-]+)"?$/i.exec(stmt);
      if (m) {
        const [, verb, guard, name] = m as unknown as [string, string, string | undefined, string];
        const exists = db.names.includes(name.toLowerCase());
        if (verb.toLowerCase() === "create") {
          if (exists) { io.err(`ERROR:  database "${name.toLowerCase()}" already exists\n`); return 1; }
          db.names = [...db.names, name.toLowerCase()].sort();
          save();
          io.out("CREATE DATABASE\n");
        } else {
          if (!exists && !guard) { io.err(`ERROR:  database "${name.toLowerCase()}" does not exist\n`); return 1; }
          if (!exists) io.err(`NOTICE:  database "${name.toLowerCase()}" does not exist, skipping\n`);
          db.names = db.names.filter((n) => n !== name.toLowerCase());
          save();
          io.out("DROP DATABASE\n");
        }
        continue;
      }
      const select = /^select\s+(.+)$/i.exec(stmt)?.[1]?.trim();
      if (select !== undefined && /^\d+$/.test(select)) io.out(psqlTable(undefined, ["?column?"], [[select]], [true]));
      else if (select !== undefined && /^version\(\)$/i.test(select)) {
        const v = ctx.host.imageVersion ?? "16.4";
        const build = ctx.host.tools.has("apk") ? `on x86_64-pc-linux-musl, compiled by gcc (Alpine 13.2.1_git20240309) 13.2.1 20240309, 64-bit`
          : `(Debian ${v}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`;
        io.out(psqlTable(undefined, ["version"], [[`PostgreSQL ${v} ${build}`]]));
      }
    }
  }
  return 0;
}
