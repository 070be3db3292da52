// A directory asked of a static server (runtime/http-dirs.ts): the trailing-slash 301 and the
// listing of a directory without an index file, as httpd's stock httpd.conf (Options Indexes,
// plain mod_autoindex) and python's http.server answer them.

import { describe, expect, it } from "vitest";
import { docker, one } from "./replay-helpers";

const HTDOCS = "/usr/local/apache2/htdocs";

describe("httpd: a directory without index.html", () => {
  const steps = docker("", [
    "docker run -d --name h -p 8080:80 httpd:2.4",
    `docker exec h sh -c "mkdir -p ${HTDOCS}/files/sub && echo x > ${HTDOCS}/files/a.txt && echo y > ${HTDOCS}/files/.htaccess && echo z > '${HTDOCS}/files/b c.txt'"`,
    "curl -s localhost:8080/files/",
    "curl -si localhost:8080/files",
    "curl -s localhost:8080/files/sub/",
    `docker exec h rm ${HTDOCS}/index.html`,
    "curl -si localhost:8080/",
    "docker logs h 2>/dev/null",
  ].join("\n"));

  it("is listed by mod_autoindex: the parent first, names sorted, dirs with a slash, .ht* denied", () => {
    expect(one(steps[2]!)).toEqual({ exitCode: 0, stderr: "", stdout: [
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">', "<html>", " <head>", "  <title>Index of /files</title>", " </head>", " <body>",
      "<h1>Index of /files</h1>", '<ul><li><a href="/"> Parent Directory</a></li>', '<li><a href="a.txt"> a.txt</a></li>',
      '<li><a href="b%20c.txt"> b c.txt</a></li>', '<li><a href="sub/"> sub/</a></li>', "</ul>", "</body></html>", ""].join("\n") });
    expect(steps[4]!.stdout).toContain('<ul><li><a href="/files/"> Parent Directory</a></li>\n</ul>\n');
  });

  it("without its slash is redirected (mod_dir) to the URL the client used", () => {
    expect(steps[3]!.stdout.split("\r\n").slice(0, 6)).toEqual([
      "HTTP/1.1 301 Moved Permanently", "Date: Wed, 10 Jan 2024 00:00:00 GMT", "Server: Apache/2.4.62 (Unix)",
      "Location: http://localhost:8080/files/", "Content-Length: 236", "Content-Type: text/html; charset=iso-8859-1"]);
    expect(steps[3]!.stdout).toContain('<p>The document has moved <a href="http://localhost:8080/files/">here</a>.</p>\n');
  });

  it("at the root has no parent entry; the listing's own content type", () => {
    const [head, body] = steps[6]!.stdout.split("\r\n\r\n");
    expect(head).toContain("Content-Type: text/html;charset=ISO-8859-1");
    expect(body).toContain("<title>Index of /</title>");
    expect(body).toContain('<ul><li><a href="files/"> files/</a></li>\n</ul>\n');
  });

  it("shows in the access log with its status and body size", () => {
    expect(steps[7]!.stdout).toContain('"GET /files HTTP/1.1" 301 236\n');
    expect(steps[7]!.stdout).toMatch(/"GET \/files\/ HTTP\/1\.1" 200 \d+\n/);
  });
});

describe("python -m http.server", () => {
  const steps = docker("", [
    "mkdir site && echo hi > site/index.html && mkdir site/d site/d/Sub && echo a > site/d/b.txt && echo a > site/d/A.txt",
    "docker run -d --name py -p 8000:8000 -v $PWD/site:/srv -w /srv python:3.13 python -m http.server",
    "curl -si localhost:8000/d",
    "curl -s localhost:8000/d/",
    "curl -s localhost:8000/",
    "docker run -d --name old -p 8001:8000 -v $PWD/site:/srv -w /srv python:3.11-slim python -m http.server",
    "curl -s localhost:8001/d/",
  ].join("\n"));

  it("redirects a directory without its slash with an empty 301", () => {
    expect(steps[2]!.stdout).toBe("HTTP/1.1 301 Moved Permanently\r\nLocation: /d/\r\nContent-Length: 0\r\n\r\n");
  });

  it("lists a directory (case-insensitive order, dirs with a slash) and serves index.html", () => {
    expect(steps[3]!.stdout).toBe(['<!DOCTYPE HTML>', '<html lang="en">', "<head>", '<meta charset="utf-8">', "<title>Directory listing for /d/</title>",
      "</head>", "<body>", "<h1>Directory listing for /d/</h1>", "<hr>", "<ul>", '<li><a href="A.txt">A.txt</a></li>',
      '<li><a href="b.txt">b.txt</a></li>', '<li><a href="Sub/">Sub/</a></li>', "</ul>", "<hr>", "</body>", "</html>", ""].join("\n"));
    expect(steps[4]!.stdout).toBe("hi\n");
  });

  it("before 3.12 the head is HTML 4.01", () => {
    expect(steps[6]!.stdout.split("\n").slice(0, 4)).toEqual([
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">', "<html>", "<head>",
      '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">']);
  });
});
