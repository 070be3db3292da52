// A directory asked of a static file server, as each server answers it (HttpSpec.directories):
// the trailing-slash redirect — Apache's mod_dir (DirectorySlash On) and python's
// SimpleHTTPRequestHandler.send_head both send 301 before looking for an index file — and the
// listing of a directory without one: Apache's mod_autoindex in its plain (not FancyIndexing)
// form, which is what the httpd image's stock httpd.conf gives (`Options Indexes` on htdocs,
// conf/extra/httpd-autoindex.conf not included), and python's list_directory().

import type { DirectoryAnswers } from "../images/types";
import { normalizePath, type ContainerFs } from "./fs";

export interface DirAnswer {
  status: number;
  body: string;
  /** In the server's order. */
  headers: Record<string, string>;
}

const APACHE_301 = (location: string) => `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>301 Moved Permanently</title>
</head><body>
<h1>Moved Permanently</h1>
<p>The document has moved <a href="${escapeHtml(location, true)}">here</a>.</p>
</body></html>
`;

/** ap_escape_html / python's html.escape: & < > always, quotes when asked. */
function escapeHtml(s: string, quotes = false): string {
  const out = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return quotes ? out.replace(/"/g, "&quot;") : out;
}

/**
 * 301 to the path with its slash (the query kept). Apache builds an absolute URL from the Host
 * header (UseCanonicalName Off: the name and port the client used); python answers the request's
 * own path plus "/" with an empty body.
 */
export function directoryRedirect(kind: DirectoryAnswers, path: string, query: string, host: string): DirAnswer {
  const target = `${path}/${query ? `?${query}` : ""}`;
  if (kind.redirect === "relative") return { status: 301, body: "", headers: { Location: target, "Content-Length": "0" } };
  const location = `http://${host}${target}`;
  return { status: 301, body: APACHE_301(location), headers: { Location: location, "Content-Type": "text/html; charset=iso-8859-1" } };
}

/** A directory's entries as the listing shows them: the name, and whether it is a directory. */
function entries(fs: ContainerFs, dir: string): { name: string; dir: boolean; link: boolean }[] {
  return fs.list(dir).map((name) => {
    const full = normalizePath(`${dir}/${name}`);
    return { name, dir: fs.isDir(full), link: fs.symlink(full) !== undefined };
  });
}

/** RFC 3986 escaping as urllib.parse.quote does it (safe: letters, digits, `_.-~/`). */
const pyQuote = (s: string): string =>
  [...new TextEncoder().encode(s)].map((b) => (/[A-Za-z0-9_.\-~/]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");

/** ap_os_escape_path(…, partial=0) then ap_escape_html: what mod_autoindex puts in href. */
const apacheHref = (s: string): string =>
  escapeHtml([...new TextEncoder().encode(s)].map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9$\-_.+!*'(),:@&=~/]/.test(c) ? c : `%${b.toString(16).padStart(2, "0")}`;
  }).join(""));

/** mod_autoindex without FancyIndexing: a <ul>, the parent first (none at "/"), names sorted bytewise. */
function apacheListing(fs: ContainerFs, dir: string, uri: string): DirAnswer {
  const title = escapeHtml(uri === "/" ? uri : uri.replace(/\/+$/, ""));
  // The stock httpd.conf denies `.ht*` (<Files ".ht*"> Require all denied): the sub-request fails, so the entry is left out.
  const names = entries(fs, dir).filter((e) => !e.name.startsWith(".ht")).map((e) => (e.dir ? `${e.name}/` : e.name));
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const items: [string, string][] = names.map((n) => [apacheHref(n), escapeHtml(n)]);
  if (uri !== "/") items.unshift([apacheHref(normalizePath(`${uri}/..`) === "/" ? "/" : `${normalizePath(`${uri}/..`)}/`), "Parent Directory"]);
  const body = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of ${title}</title>\n </head>\n <body>\n` +
    `<h1>Index of ${title}</h1>\n<ul>${items.map(([href, text]) => `<li><a href="${href}"> ${text}</a></li>\n`).join("")}</ul>\n</body></html>\n`;
  return { status: 200, body, headers: { "Content-Type": "text/html;charset=ISO-8859-1" } };
}

/**
 * python's list_directory: case-insensitive order, "/" after directories, "@" after links; the
 * title is the request path as sent (query included). 3.12 rewrote the head as HTML5.
 */
function pythonListing(fs: ContainerFs, dir: string, requestPath: string, html5: boolean): DirAnswer {
  const list = entries(fs, dir).sort((a, b) => {
    const x = a.name.toLowerCase(), y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  let display: string;
  try { display = decodeURIComponent(requestPath); } catch { display = requestPath; }
  const title = `Directory listing for ${escapeHtml(display)}`;
  const r = html5
    ? ["<!DOCTYPE HTML>", '<html lang="en">', "<head>", '<meta charset="utf-8">', `<title>${title}</title>\n</head>`]
    : ['<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">', "<html>\n<head>",
      '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', `<title>${title}</title>\n</head>`];
  r.push(`<body>\n<h1>${title}</h1>`, "<hr>\n<ul>");
  for (const e of list) {
    const link = e.dir ? `${e.name}/` : e.name;
    const shown = e.link ? `${e.name}@` : link;
    r.push(`<li><a href="${pyQuote(link)}">${escapeHtml(shown)}</a></li>`);
  }
  r.push("</ul>\n<hr>\n</body>\n</html>\n");
  return { status: 200, body: r.join("\n"), headers: { "Content-Type": "text/html; charset=utf-8" } };
}

/** The listing of `dir` (a path of the container) for the request, in the server's format. */
export function directoryListing(kind: DirectoryAnswers, fs: ContainerFs, dir: string, path: string, query: string): DirAnswer | undefined {
  switch (kind.listing) {
    case "apache": return apacheListing(fs, dir, path);
    case "python": return pythonListing(fs, dir, query ? `${path}?${query}` : path, true);
    case "python-html4": return pythonListing(fs, dir, query ? `${path}?${query}` : path, false);
    default: return undefined;
  }
}
