// The table of commands the container shell implements, by executable name (the database
// clients mysql/mariadb/psql in commands-sql.ts). A command is
// available only if the image has it on $PATH (ImageFacts.tools); present but unlisted commands
// succeed silently (apk, apt-get, chmod…). Error texts follow busybox or GNU coreutils, by image.

import { chmod } from "./commands-chmod";
import { curl } from "./commands-curl";
import * as e from "./commands-edit";
import * as x from "./commands-filters";
import * as f from "./commands-fs";
import * as ht from "./commands-headtail";
import * as n from "./commands-net";
import { apk, apt, aptGet } from "./commands-pkg";
import { perl } from "./commands-perl";
import { readlink, stat } from "./commands-stat";
import { mysqlClient, psql } from "./commands-sql";
import { ifconfig, ip } from "./commands-ifaces";
import * as p from "./commands-proc";
import * as t from "./commands-text";
import * as u from "./commands-user";
import type { ShellFlavour } from "./environ";
import type { ErrorContext } from "./messages";
import type { Io, ShellHost, Thread } from "./types";

export interface CommandContext {
  host: ShellHost;
  cwd: string;
  /** Exported variables plus the command's own assignments. */
  env: Record<string, string>;
  /** GNU coreutils wording (debian/ubuntu based images) instead of busybox. */
  gnu: boolean;
  /** The shell running the command (its builtins differ: dash's echo has no -e). */
  shell?: ShellFlavour;
  /** $0 and the script line, for the error lines of shell builtins (test, [). */
  errorContext?: ErrorContext;
}

export type CommandFn = (args: string[], io: Io, ctx: CommandContext) => number | Thread;

/** `busybox APPLET ARGS…` runs the applet; an unknown one is `APPLET: applet not found` (127). */
const busybox: CommandFn = (args, io, ctx) => {
  const [applet, ...rest] = args;
  if (applet === undefined) return 0;
  const impl = BUILTIN_COMMANDS[applet];
  if (!ctx.host.tools.has(applet)) { io.err(`${applet}: applet not found\n`); return 127; }
  return impl ? impl(rest, io, ctx) : 0;
};

export const BUILTIN_COMMANDS: Readonly<Record<string, CommandFn>> = {
  busybox,
  chmod,
  cat: f.cat, touch: f.touch, rm: f.rm, mkdir: f.mkdir, rmdir: f.rmdir, ls: f.ls, cp: f.cp, mv: f.mv, find: f.find,
  stat, readlink,
  echo: t.echo, printf: t.printf, head: ht.head, tail: ht.tail, wc: x.wc, tr: x.tr, cut: x.cut, sort: x.sort, uniq: x.uniq,
  "apt-get": aptGet, apt, apk, tee: e.tee, base64: e.base64, sed: e.sed, awk: e.awk, expr: e.expr, grep: t.grep, seq: t.seq,
  basename: t.basename, dirname: t.dirname, yes: t.yes, env: t.env, printenv: t.printenv, hostname: t.hostname, which: t.which, date: t.date,
  pwd: t.pwd, id: u.id, whoami: u.whoami, uname: t.uname, sleep: t.sleep, true: t.trueCmd, false: t.falseCmd,
  test: t.test, "[": t.bracket,
  wget: n.wget, nc: n.nc, nslookup: n.nslookup, ip, ifconfig, curl, perl, ping: p.ping, top: p.top, ps: p.ps, kill: p.kill,
  "redis-cli": n.redisCli, pg_isready: n.pgIsready, psql, mysql: mysqlClient, mariadb: mysqlClient, mysqladmin: n.mysqladmin, "mariadb-admin": n.mysqladmin,
  "healthcheck.sh": n.portProbe(3306, "", "healthcheck connect failed"),
  "rabbitmq-diagnostics": n.portProbe(5672, "Ping succeeded", "Error:\nUnable to perform an operation on node 'rabbit@localhost'.", 69),
  mongosh: n.portProbe(27017, "{ ok: 1 }", "MongoNetworkError: connect ECONNREFUSED 127.0.0.1:27017"),
  mongo: n.portProbe(27017, "{ \"ok\" : 1 }", "Error: couldn't connect to server 127.0.0.1:27017, connection attempt failed: SocketException: Error connecting to 127.0.0.1:27017 :: caused by :: Connection refused"),
};
