// GNU Wget (Debian's and Ubuntu's wget: the full node/python images, or after `apt-get install
// wget`), which differs from busybox's where students notice: `-q` silences errors too, the exit
// status says why (4 network failure, 8 server error), and the log walks through resolving,
// connecting and the response (wget's main.c/retr.c messages, non-TTY "dot" progress).

import { formatTime } from "../template";
import type { NetResult } from "../types";
import type { CommandContext } from "./commands";
import { STATUS_TEXT } from "./commands-curl";
import type { Io, Thread } from "./types";
import { TCP_CONNECT_TIMEOUT_MS } from "../net-reach";

export interface GnuWgetRequest { url: string; output?: string; quiet: boolean; spider: boolean; timeoutS?: number }

const ts = (ctx: CommandContext): string => formatTime("gunicorn", ctx.host.now());

/** "web (web)|172.18.0.2|:80" — or "10.0.0.1:80" for an address. */
function peer(host: string, address: string, port: string): string {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) ? `${host}:${port}` : `${host} (${host})|${address}|:${port}`;
}

export function gnuWget(req: GnuWgetRequest, r: NetResult, io: Io, ctx: CommandContext): number | Thread {
  const full = /^[a-z]+:\/\//.test(req.url) ? req.url : `http://${req.url}`;
  const shown = /^[a-z]+:\/\/[^/]+$/.test(full) ? `${full}/` : full;
  const hostPort = full.replace(/^[a-z]+:\/\//, "").split("/")[0]!;
  const host = hostPort.split(":")[0]!;
  const port = hostPort.split(":")[1] ?? "80";
  const log = (text: string) => { if (!req.quiet) io.err(text); };
  // gettext's quotes: ASCII in the C locale, typographic under a UTF-8 LANG (the python images).
  const utf8 = /utf-?8/i.test(ctx.env.LANG ?? ctx.env.LC_ALL ?? "");
  const q = (s: string) => (utf8 ? `\u2018${s}\u2019` : `'${s}'`);
  log(`--${ts(ctx)}--  ${shown}\n`);
  const literal = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  if (r.kind === "unresolved") {
    log(`Resolving ${host} (${host})... failed: Name or service not known.\nwget: unable to resolve host address ${q(host)}\n`);
    return 4;
  }
  const address = r.address ?? (host === "localhost" ? "127.0.0.1" : host);
  if (!literal) log(`Resolving ${host} (${host})... ${host === "localhost" ? "127.0.0.1, ::1" : address}\n`);
  log(`Connecting to ${peer(host, address, port)}... `);
  if (r.kind === "timeout") {
    // wget's default read timeout is 900 s; connect() gives up first.
    return (function* (): Thread {
      yield { kind: "sleep", ms: req.timeoutS && req.timeoutS * 1000 < TCP_CONNECT_TIMEOUT_MS ? req.timeoutS * 1000 : TCP_CONNECT_TIMEOUT_MS };
      log("failed: Connection timed out.\nRetrying.\n\n");
      return 4;
    })();
  }
  if (r.kind === "refused") { log("failed: Connection refused.\n"); return 4; }
  log("connected.\nHTTP request sent, awaiting response... ");
  if (r.kind === "closed") { log("No data received.\nRetrying.\n\n"); return 4; }
  const reason = STATUS_TEXT[r.status] ?? "";
  log(`${r.status} ${reason}\n`);
  if (r.status >= 400) { log(`${ts(ctx)} ERROR ${r.status}: ${reason}.\n\n`); return 8; }
  const size = new TextEncoder().encode(r.body).length;
  const type = (r.headers["Content-Type"] ?? "text/html").split(";")[0];
  if (req.spider) { log(`Length: ${size} [${type}]\nRemote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n`); return 0; }
  const toStdout = req.output === "-";
  const name = req.output ?? (full.split("?")[0]!.replace(/\/$/, "").split("/").slice(3).pop() || "index.html");
  log(`Length: ${size} [${type}]\nSaving to: ${q(toStdout ? "STDOUT" : name)}\n\n`);
  if (toStdout) io.out(r.body);
  else ctx.host.fs.write(name.startsWith("/") ? name : `${ctx.cwd.replace(/\/$/, "")}/${name}`, r.body);
  log(`     0K ${" ".repeat(54)}100% 58.6M=0s\n\n${ts(ctx)} (58.6 MB/s) - ${toStdout ? "written to stdout" : `${q(name)} saved`} [${size}/${size}]\n\n`);
  return 0;
}
