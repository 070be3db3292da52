// nginx (images.md §4 row, §5.1): tag tree, entrypoint.d lines by version, the default site,
// SIGQUIT graceful stop. Also nginxinc/nginx-unprivileged (same, on 8080).

import { NGINX_MIME_TYPES, NGINX_PARAMS_FILES } from "./nginx-mime";
import { compareVersions, lines, tagRule, versionParts } from "../tags";
import type { ExitRule, LogLine, ProgramPlan } from "../types";
import {
  ALPINE_ACCOUNTS, ALPINE_TOOLS, DEBIAN_ACCOUNTS, DEBIAN_TOOLS, type CatalogueEntry, err, exits, image, isAlpine, out, tcp, versionOf,
} from "./common";

/** Last patch per minor (§5.1). 1.28/1.29 patch ranges are not in the reference: approximated. */
export const NGINX_LINES = lines(
  "1.7:12 1.9:15 1.10:3 1.11:13 1.12:2 1.13:12 1.14:2 1.15:12 1.16:1 1.17:10 1.18:0 1.19:10 " +
  "1.20:2 1.21:6 1.22:1 1.23:4 1.24:0 1.25:5 1.26:3 1.27:5 1.28:1 1.29:3 1.30:4 1.31:4",
);
const NGINX_MAINLINE = "1.27.4";
const NGINX_STABLE = "1.26.3";

const SUFFIXES = ["alpine", "perl", "alpine-perl", "alpine-slim", "otel", "alpine-otel", "bookworm",
  "bullseye", "trixie", "bookworm-perl", "bookworm-otel", "bullseye-perl", "trixie-perl", "trixie-otel",
  /^alpine3\.\d+(-perl|-slim|-otel)?$/];

export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/**
 * /etc/nginx/nginx.conf of the nginx.org packages the image installs. The pid file moved from
 * /var/run to /run in the 2024 packages (1.25.4 / 1.26) *(approx. boundary)*.
 */
export function nginxConf(v: number[]): string {
  const pid = compareVersions(v, [1, 25, 4]) >= 0 ? "/run/nginx.pid" : "/var/run/nginx.pid";
  return `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        ${pid};


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;
}

/**
 * /etc/nginx/conf.d/default.conf as a running container has it: since 1.19 the entrypoint's
 * 10-listen-on-ipv6-by-default.sh has added the `listen  [::]:80;` line; before, the package's
 * file still had `#charset koi8-r;` *(approx.)*.
 */
export function nginxDefaultConf(v: number[], port: number): string {
  const entrypoint = compareVersions(v, [1, 19]) >= 0;
  return `server {
    listen       ${port};
${entrypoint ? `    listen  [::]:${port};\n` : ""}    server_name  localhost;

${entrypoint ? "" : "    #charset koi8-r;\n"}    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}
`;
}

export const nginxNotFoundPage = (version: string): string =>
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n" +
  `<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;

const EP = "/docker-entrypoint.sh";
const ENTRYPOINT_HEAD = [
  `${EP}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
  `${EP}: Looking for shell scripts in /docker-entrypoint.d/`,
  `${EP}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
  "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
  "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
];

/** The entrypoint's lines by version (§5.1 [ver]): none before 1.19. */
function entrypointLines(v: number[]): LogLine[] {
  if (compareVersions(v, [1, 19]) < 0) return [];
  const texts = [...ENTRYPOINT_HEAD];
  if (compareVersions(v, [1, 25]) >= 0) texts.push(`${EP}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`);
  texts.push(`${EP}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`);
  if (compareVersions(v, [1, 19, 6]) >= 0) texts.push(`${EP}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`);
  texts.push(`${EP}: Configuration complete; ready for start up`);
  return texts.map((t) => out(t));
}

/**
 * NGX_COMPILER: the builder's `gcc -v` version, which on Debian ends in a space (kept in the
 * notice line and `nginx -V`); each tag line's base release (bullseye, bookworm, trixie; Alpine 3.x).
 */
function compilerOf(v: number[], alpine: boolean): string {
  if (alpine) return compareVersions(v, [1, 27]) >= 0 ? "gcc 14.2.0 (Alpine 14.2.0)" : compareVersions(v, [1, 25]) >= 0
    ? "gcc 13.2.1 20231014 (Alpine 13.2.1_git20231014)" : "gcc 11.2.1 20220219 (Alpine 11.2.1_git20220219)";
  return compareVersions(v, [1, 29]) >= 0 ? "gcc 14.2.0 (Debian 14.2.0-19) " : compareVersions(v, [1, 25]) >= 0
    ? "gcc 12.2.0 (Debian 12.2.0-14) " : "gcc 10.2.1 20210110 (Debian 10.2.1-6) ";
}

/** master's [notice] lines on stderr (≥ 1.21; approx. for the OS line). */
function noticeLines(v: number[], compiler: string): LogLine[] {
  if (compareVersions(v, [1, 21]) < 0) return [];
  return [
    "{ts:nginx} [notice] 1#1: using the \"epoll\" event method",
    "{ts:nginx} [notice] 1#1: nginx/{version}",
    `{ts:nginx} [notice] 1#1: built by ${compiler}`,
    "{ts:nginx} [notice] 1#1: OS: Linux 6.8.0-1015-gcp",
    "{ts:nginx} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
    "{ts:nginx} [notice] 1#1: start worker processes",
    "{ts:nginx} [notice] 1#1: start worker process 29",
    "{ts:nginx} [notice] 1#1: start worker process 30",
  ].map((t) => err(t));
}

/** Both workers started above shut down; the master reaps each (signals from outside the PID namespace carry no sender). */
const QUIT_LOGS = [
  "{ts:nginx} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down",
  "{ts:nginx} [notice] 29#29: gracefully shutting down",
  "{ts:nginx} [notice] 30#30: gracefully shutting down",
  "{ts:nginx} [notice] 29#29: exiting",
  "{ts:nginx} [notice] 30#30: exiting",
  "{ts:nginx} [notice] 29#29: exit",
  "{ts:nginx} [notice] 30#30: exit",
  "{ts:nginx} [notice] 1#1: signal 17 (SIGCHLD) received from 29",
  "{ts:nginx} [notice] 1#1: worker process 29 exited with code 0",
  "{ts:nginx} [notice] 1#1: worker process 30 exited with code 0",
  "{ts:nginx} [notice] 1#1: exit",
].map((t) => err(t));
const TERM_LOGS = [
  "{ts:nginx} [notice] 1#1: signal 15 (SIGTERM) received, exiting",
  "{ts:nginx} [notice] 1#1: exit",
].map((t) => err(t));

/** nginx's header order (ngx_http_header_filter): Server, Date, type, length, Last-Modified, Connection, ETag. */
const NGINX_HEADERS = [
  { name: "Server", value: "nginx/{version}" },
  { name: "Date", value: "{ts:http}" },
  { name: "Content-Type", value: "{contentType}" },
  { name: "Content-Length", value: "{contentLength}" },
  { name: "Last-Modified", value: "{lastModified}", static: true },
  { name: "Connection", value: "keep-alive" },
  { name: "ETag", value: '"{mtimeHex}-{lengthHex}"', static: true },
  { name: "Accept-Ranges", value: "bytes", static: true },
];

/** nginx's error log line (to /var/log/nginx/error.log = /dev/stderr) and its own stderr copy, as ngx_log_error_core writes both at start. */
const startLog = (level: string, text: string): LogLine[] => [err(`{ts:nginx} [${level}] 1#1: ${text}`), err(`nginx: [${level}] ${text}`)];

/** The same from an `nginx -t` / `nginx -s` run beside the master (`docker exec`: pid 35, as the signaller's notice). */
const execLog = (level: string, text: string): LogLine[] => [err(`{ts:nginx} [${level}] 35#35: ${text}`), err(`nginx: [${level}] ${text}`)];

/** ngx_set_user: a master that is not root ignores `user nginx;` (line 2 of the image's nginx.conf) and says so. */
const USER_IGNORED = startLog("warn", 'the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2');

/** The entrypoint when 10-listen-on-ipv6-by-default.sh cannot `touch` default.conf (read-only root, or not root). */
function entrypointUnwritable(v: number[]): LogLine[] {
  const lines = entrypointLines(v);
  const at = lines.findIndex((l) => l.text.includes("Getting the checksum"));
  if (at < 0) return lines;
  return [...lines.slice(0, at), out("10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)"), ...lines.slice(at + 2)];
}

/**
 * What nginx must create at start (images.md §5.1 failures): ngx_create_paths makes the temp
 * directories (client_temp first), then main() writes the pid file; a read-only root or a uid that
 * may not write there stops it with exit 1. nginx-unprivileged keeps both under /tmp.
 */
function startFailures(v: number[], tempRoot: string, pidFile: string): ExitRule[] {
  const wrapperLogs = entrypointUnwritable(v);
  const rules = (when: ExitRule["when"], text: string): ExitRule[] => [
    // Permission denied: the master is not root, so it also warned about `user` while reading its config.
    { when: { ...when, because: "EACCES" } as ExitRule["when"], exitCode: 1, wrapperLogs, logs: [...USER_IGNORED, ...startLog("emerg", text)] },
    { when, exitCode: 1, wrapperLogs, logs: startLog("emerg", text) },
  ];
  return [
    ...rules({ kind: "cannotCreate", path: `${tempRoot}/client_temp`, dir: true }, `mkdir() "${tempRoot}/client_temp" failed ({errno})`),
    ...rules({ kind: "cannotCreate", path: pidFile, content: "1\n" }, `open() "${pidFile}" failed ({errno})`),
  ];
}

function nginxPlan(v: number[], port: number, unprivileged: boolean, alpine: boolean): ProgramPlan {
  const pidFile = unprivileged ? "/tmp/nginx.pid" : compareVersions(v, [1, 25, 4]) >= 0 ? "/run/nginx.pid" : "/var/run/nginx.pid";
  return {
    match: ["nginx"],
    exitRules: [
      { when: { kind: "firstArg", anyOf: ["-v"] }, exitCode: 0, logs: [err("nginx version: nginx/{version}")] },
      // -V: the build too (nginx.c ngx_show_version_info; the OpenSSL line and configure arguments approx.).
      { when: { kind: "firstArg", anyOf: ["-V"] }, exitCode: 0, logs: ["nginx version: nginx/{version}", `built by ${compilerOf(v, alpine)}`,
        alpine ? "built with OpenSSL 3.3.3 11 Feb 2025" : "built with OpenSSL 3.0.15 3 Sep 2024", "TLS SNI support enabled",
        `configure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=${pidFile} --lock-path=/run/nginx.lock --http-client-body-temp-path=/var/cache/nginx/client_temp --http-proxy-temp-path=/var/cache/nginx/proxy_temp --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp --http-uwsgi-temp-path=/var/cache/nginx/uwsgi_temp --http-scgi-temp-path=/var/cache/nginx/scgi_temp --user=nginx --group=nginx --with-compat --with-file-aio --with-threads --with-http_addition_module --with-http_auth_request_module --with-http_dav_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_realip_module --with-http_secure_link_module --with-http_slice_module --with-http_ssl_module --with-http_stub_status_module --with-http_sub_module --with-http_v2_module --with-http_v3_module --with-mail --with-mail_ssl_module --with-stream --with-stream_realip_module --with-stream_ssl_module --with-stream_ssl_preread_module`,
      ].map((t) => err(t)) },
      // `nginx -t` reads the configuration as a start would, and says whether it loads.
      { when: { kind: "configInvalid", firstArg: ["-t", "-T"] }, exitCode: 1, logs: [...execLog("emerg", "{configError}"),
        err("nginx: configuration file /etc/nginx/nginx.conf test failed")] },
      { when: { kind: "firstArg", anyOf: ["-t", "-T"] }, exitCode: 0, logs: [
        err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok"),
        err("nginx: configuration file /etc/nginx/nginx.conf test is successful")] },
      // `nginx -s reload|stop|quit`: a helper process signals the master and says so.
      // The signaller reads the whole configuration first (ngx_init_cycle): a broken one stops it.
      { when: { kind: "configInvalid", firstArg: ["-s"] }, exitCode: 1, logs: execLog("emerg", "{configError}") },
      { when: { kind: "firstArg", anyOf: ["-s"] }, exitCode: 0, logs: [err("{ts:nginx} [notice] 35#35: signal process started")] },
      // The configuration is read before anything is created (src/sim/runtime/nginx).
      { when: { kind: "configInvalid" }, exitCode: 1, logs: startLog("emerg", "{configError}") },
      ...startFailures(v, unprivileged ? "/tmp" : "/var/cache/nginx", pidFile),
      // Without `daemon off;` nginx forks into the background and PID 1 exits 0 at once.
      { when: { kind: "argAbsent", contains: "daemon off;" }, exitCode: 0 },
    ],
    configuredBy: "nginx",
    wrapperLogs: entrypointLines(v),
    logs: noticeLines(v, compilerOf(v, alpine)),
    listen: { ports: tcp(port), afterMs: 0 },
    http: {
      routes: [],
      staticRoot: "/usr/share/nginx/html",
      index: ["index.html", "index.htm"],
      notFound: { status: 404, body: nginxNotFoundPage(v.join(".")), contentType: "text/html" },
      accessLog: out('{client} - - [{ts:clf}] "{method} {path} HTTP/1.1" {status} {bytes} "-" "{ua}" "-"'),
      responseHeaders: NGINX_HEADERS,
      // The default site's files carry the image build's mtime (1.27.4: ETag "67a34638-267").
      staticMtime: 1738753592,
      reasons: { 302: "Moved Temporarily" },
    },
    signals: { SIGQUIT: exits(0, 300, QUIT_LOGS), SIGTERM: exits(0, 100, TERM_LOGS), SIGINT: exits(0, 100, TERM_LOGS) },
    memory: { bytes: 8 * 1024 * 1024 },
  };
}

export function nginxImage(tag: string | undefined, port: number, unprivileged = false) {
  const latest = tag?.startsWith("stable") ? NGINX_STABLE : NGINX_MAINLINE;
  const version = versionOf(tag, NGINX_LINES, latest);
  const v = versionParts(version) ?? [1, 27, 4];
  const alpine = isAlpine(tag);
  return image({
    version,
    sizeBytes: alpine ? 20_000_000 : 70_000_000,
    layers: alpine ? 8 : 7, // the base image's one, then the Dockerfile's RUN/COPY steps
    entrypoint: compareVersions(v, [1, 19]) >= 0 ? ["/docker-entrypoint.sh"] : [],
    cmd: ["nginx", "-g", "daemon off;"],
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", NGINX_VERSION: version },
    exposedPorts: tcp(port),
    stopSignal: compareVersions(v, [1, 19, 6]) >= 0 ? "SIGQUIT" : "SIGTERM",
    wrappers: [{ path: "/docker-entrypoint.sh" }],
    tools: alpine ? [...ALPINE_TOOLS, "curl", "nginx"] : [...DEBIAN_TOOLS, "curl", "nginx"],
    files: {
      "/usr/share/nginx/html/index.html": NGINX_INDEX_HTML,
      "/usr/share/nginx/html/50x.html": NGINX_50X_HTML,
      "/etc/nginx/nginx.conf": nginxConf(v),
      "/etc/nginx/mime.types": NGINX_MIME_TYPES,
      ...NGINX_PARAMS_FILES,
      "/etc/nginx/conf.d/default.conf": nginxDefaultConf(v, port),
      // The Dockerfile's `adduser … nginx` (uid 101) on Debian; the worker processes run as it.
      ...(alpine ? { "/etc/passwd": `${ALPINE_ACCOUNTS["/etc/passwd"]}nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n`,
        "/etc/group": `${ALPINE_ACCOUNTS["/etc/group"]}nginx:x:101:nginx\n` }
        : { "/etc/passwd": `${DEBIAN_ACCOUNTS["/etc/passwd"]}nginx:x:101:101:nginx user:/nonexistent:/bin/false\n`,
          "/etc/group": `${DEBIAN_ACCOUNTS["/etc/group"]}nginx:x:101:\n` }),
    },
    programs: [nginxPlan(v, port, unprivileged, alpine)],
  });
}

export const nginxEntries: CatalogueEntry[] = [
  {
    names: ["docker.io/library/nginx"],
    source: "images.md §4 nginx, §5.1",
    tags: tagRule({
      aliases: ["latest", "mainline", "stable", "alpine", "alpine-slim", "alpine-perl", "perl", "otel",
        "alpine-otel", "bookworm", "trixie", "bullseye"],
      versions: NGINX_LINES,
      suffixes: SUFFIXES,
      suffixedAliases: ["mainline", "stable"],
      suffixMinVersion: { "alpine-slim": "1.23.2", otel: "1.25", "alpine-otel": "1.25", bookworm: "1.25", trixie: "1.29" },
    }),
    image: (tag) => nginxImage(tag, 80),
  },
  {
    names: ["docker.io/nginxinc/nginx-unprivileged"],
    source: "images.md §5.1 (listens on 8080)",
    tags: tagRule({ aliases: ["latest", "mainline", "stable", "alpine", "alpine-slim", "alpine-perl", "perl"],
      versions: NGINX_LINES, suffixes: SUFFIXES, suffixedAliases: ["mainline", "stable"] }),
    image: (tag) => ({ ...nginxImage(tag, 8080, true), user: "101", stopSignal: "SIGQUIT" }),
  },
];
