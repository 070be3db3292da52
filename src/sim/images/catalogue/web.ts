// Web servers and proxies (images.md §4 rows, §5.2, §5.12, §5.13): httpd, traefik, haproxy,
// registry, wordpress, adminer.

import { range, tagRule } from "../tags";
import type { ExitRule } from "../types";
import {
  ALPINE_TOOLS, DEBIAN_TOOLS, type CatalogueEntry, daemon, err, exits, image, isAlpine,
  out, tcp, versionOf,
} from "./common";

const HTTPD_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;
const AH00558 = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message";

/** Apache's header order for a static file (core + mod_headers defaults). */
const HTTPD_HEADERS = [
  { name: "Date", value: "{ts:http}" },
  { name: "Server", value: "Apache/{version} (Unix)" },
  { name: "Location", value: "{location}" },
  { name: "Last-Modified", value: "{lastModified}", static: true },
  { name: "ETag", value: '"{lengthHex}-{mtimeUsecHex}"', static: true },
  { name: "Accept-Ranges", value: "bytes", static: true },
  { name: "Content-Length", value: "{contentLength}" },
  { name: "Content-Type", value: "{contentType}" },
];

const httpd: CatalogueEntry = {
  names: ["docker.io/library/httpd"],
  source: "images.md §4 httpd, §5.2",
  tags: tagRule({ aliases: ["latest", "alpine"], versions: { "2.4": 68, "2.2": 34 }, suffixes: ["alpine", /^alpine3\.\d+$/, "bookworm"] }),
  image: (tag) => {
    const version = versionOf(tag, { "2.4": 62, "2.2": 34 }, "2.4.62");
    return image({
      version,
      cmd: ["httpd-foreground"],
      env: { PATH: "/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HTTPD_PREFIX: "/usr/local/apache2" },
      workingDir: "/usr/local/apache2",
      exposedPorts: tcp(80),
      stopSignal: "SIGWINCH",
      tools: isAlpine(tag) ? [...ALPINE_TOOLS, "httpd-foreground"] : [...DEBIAN_TOOLS, "httpd-foreground"],
      files: { "/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n" },
      programs: [daemon(["httpd-foreground"], tcp(80), {
        logs: [err(AH00558), err(AH00558),
          err("[{ts:httpd}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{version} (Unix) configured -- resuming normal operations"),
          err("[{ts:httpd}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'")],
        // The stock httpd.conf: `Options Indexes FollowSymLinks` on htdocs, mod_dir and mod_autoindex loaded.
        http: { routes: [], staticRoot: "/usr/local/apache2/htdocs", index: ["index.html"], directories: { redirect: "absolute", listing: "apache" },
          notFound: { status: 404, body: HTTPD_404, contentType: "text/html; charset=iso-8859-1" },
          accessLog: out('{client} - - [{ts:clf}] "{method} {path} HTTP/1.1" {status} {bytes}'),
          responseHeaders: HTTPD_HEADERS,
          // htdocs/index.html has shipped with the same mtime since 2007 (ETag "2d-432a5e4a73a80").
          staticMtime: 1181587994 },
        signals: {
          SIGWINCH: exits(0, 300, [err("[{ts:httpd}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully")]),
          SIGTERM: exits(0, 100, [err("[{ts:httpd}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down")]),
        },
      })],
    });
  },
};

const TRAEFIK_LINES = { ...range("3.", 0, 5, 9), ...range("2.", 0, 11, 30), "1.7": 34 };
/** The last release of each line (what v2.10 or 3.1 stands for). */
const TRAEFIK_LAST = { "3.0": 4, "3.1": 7, "3.2": 5, "3.3": 7, "3.4": 5, "3.5": 3, "2.0": 7, "2.1": 9, "2.2": 11, "2.3": 7, "2.4": 14,
  "2.5": 7, "2.6": 7, "2.7": 3, "2.8": 8, "2.9": 10, "2.10": 7, "2.11": 24, "1.7": 34 };
const traefik: CatalogueEntry = {
  names: ["docker.io/library/traefik"],
  source: "images.md §4 traefik, §5.13",
  tags: tagRule({
    aliases: ["latest", "maroilles", "montdor", "cantal", "chevrotin", "picodon", "livarot", "brie",
      "mimolette", "langres", "saintnectaire", "beaufort", "comte", "munster", "ramequin"],
    versions: TRAEFIK_LINES, vPrefix: "optional", suffixes: ["alpine", "windowsservercore-1809", "nanoserver-ltsc2022"],
  }),
  image: (tag) => {
    const version = versionOf(tag, TRAEFIK_LAST, "3.1.2");
    const major = version.split(".")[0];
    const ready = major === "1"
      ? out('time="{ts:rfc3339}" level=info msg="Traefik version v{version} built on 2024-01-01_00:00:00AM"')
      : major === "2"
        ? out('time="{ts:rfc3339}" level=info msg="Configuration loaded from flags."')
        : out("{ts:rfc3339} INF Traefik version {version} built on 2024-09-04T08:53:23Z version={version}");
    // Traefik 1.x flags (`--docker`, `--web`, `--logLevel`…) are unknown to v2+: the flag decoder stops at once.
    const v1Flags: ExitRule[] = major === "1" ? [] : [{
      when: { kind: "flagAmong", anyOf: ["--docker", "--web", "--logLevel", "--defaultentrypoints", "--consul", "--file", "--acme", "--kubernetes"] },
      exitCode: 1,
      // v2 prints paerser's error with the standard logger (stderr); v3 logs it through zerolog.
      logs: [major === "2"
        ? err("{ts:go} command traefik error: failed to decode configuration from flags: field not found, node: {flag}")
        : out('{ts:rfc3339} ERR Command error error="command traefik error: failed to decode configuration from flags: field not found, node: {flag}"')],
    }];
    return image({
      version,
      entrypoint: ["/entrypoint.sh"],
      cmd: ["traefik"],
      exposedPorts: tcp(80),
      wrappers: [{ path: "/entrypoint.sh", flagsTo: ["traefik"] }],
      tools: [...ALPINE_TOOLS, "traefik"],
      programs: [daemon(["traefik"], tcp(80), {
        exitRules: v1Flags,
        logs: [ready],
        listen: { ports: tcp(80), afterMs: 0, extra: [{ when: { arg: "--api.insecure" }, ports: tcp(8080) }] },
        http: {
          routes: [
            { path: "/ping", status: 200, body: "OK", when: { arg: "--ping" } },
            { path: "/dashboard/", status: 200, body: "<!DOCTYPE html><title>Traefik</title>", when: { arg: "--api.insecure" } },
          ],
          notFound: { status: 404, body: "404 page not found\n", contentType: "text/plain; charset=utf-8" },
        },
        signals: { SIGTERM: exits(0, 1000), SIGINT: exits(0, 1000) },
      })],
    });
  },
};

const HAPROXY_CFG = "/usr/local/etc/haproxy/haproxy.cfg";
const haproxy: CatalogueEntry = {
  names: ["docker.io/library/haproxy"],
  source: "images.md §4 haproxy, §5.13",
  tags: tagRule({ aliases: ["latest", "lts", "alpine"], versions: { ...range("1.", 5, 9, 20), ...range("2.", 0, 9, 15), ...range("3.", 0, 2, 12) },
    suffixes: ["alpine", "dev", "bookworm", /^alpine3\.\d+$/], suffixedAliases: ["lts"] }),
  image: (tag) => image({
    version: versionOf(tag, { "3.0": 5, "2.8": 10 }, "3.0.5"),
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["haproxy", "-f", HAPROXY_CFG],
    stopSignal: "SIGUSR1",
    user: "haproxy",
    wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["haproxy"] }],
    tools: isAlpine(tag) ? [...ALPINE_TOOLS, "haproxy"] : [...DEBIAN_TOOLS, "haproxy"],
    programs: [daemon(["haproxy"], [], {
      exitRules: [{ when: { kind: "fileMissing", path: HAPROXY_CFG }, exitCode: 1,
        logs: [err(`[ALERT]    (1) : config : Cannot open configuration file/directory ${HAPROXY_CFG} : No such file or directory`)] }],
      listen: { ports: [], afterMs: 0, portsFromConfig: { path: HAPROXY_CFG, pattern: "bind\\s+[^\\s:]*:(\\d+)" } },
      logs: [err("[NOTICE]   (1) : New worker (8) forked"), err("[NOTICE]   (1) : Loading success.")],
      signals: { SIGUSR1: exits(0, 200), SIGTERM: exits(0, 100) },
    })],
  }),
};

const registry: CatalogueEntry = {
  names: ["docker.io/library/registry"],
  source: "images.md §4 registry, §5.13",
  tags: tagRule({ aliases: ["latest"], versions: { "2.0": 1, "2.1": 1, "2.2": 1, "2.3": 1, "2.4": 1, "2.5": 2, "2.6": 2, "2.7": 1, "2.8": 3, "3.0": 0 } }),
  image: (tag) => image({
    version: versionOf(tag, { "2.8": 3, "3.0": 0 }, "2.8.3"),
    entrypoint: ["/entrypoint.sh"],
    cmd: ["/etc/docker/registry/config.yml"],
    exposedPorts: tcp(5000),
    volumes: ["/var/lib/registry"],
    tools: [...ALPINE_TOOLS, "registry"],
    wrappers: [{ path: "/entrypoint.sh", flagsTo: ["registry", "serve"], alsoFor: "\\.ya?ml$" }],
    programs: [daemon(["registry", "serve"], tcp(5000), {
      // registry 2.8's start (logrus, RFC3339Nano times): no http.secret in the image's config.yml, no redis, the purge timer.
      logs: [
        "level=warning msg=\"No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.\"",
        'level=info msg="redis not configured"', 'level=info msg="Starting upload purge in 20m0s"',
        'level=info msg="using inmemory blob descriptor cache"', 'level=info msg="listening on [::]:5000"',
      ].map((l) => err(`time="{ts:gonano}" ${l} go.version=go1.20.8 instance.id=1 service=registry version={version}`)),
      http: { routes: [
        { path: "/v2/", status: 200, body: "{}", contentType: "application/json; charset=utf-8", headers: { "Docker-Distribution-Api-Version": "registry/2.0" } },
        { path: "/v2/_catalog", status: 200, body: '{"repositories":[]}\n', contentType: "application/json; charset=utf-8" },
        { path: "/", status: 200, body: "" },
      ] },
    })],
  }),
};

const wordpress: CatalogueEntry = {
  names: ["docker.io/library/wordpress"],
  source: "images.md §4 wordpress, §5.12",
  tags: tagRule({
    aliases: ["latest", "apache", "fpm", "fpm-alpine", "cli", "beta"],
    versions: { ...range("4.", 0, 9, 30), ...range("5.", 0, 9, 20), ...range("6.", 0, 8, 9) },
    suffixes: ["apache", "fpm", "fpm-alpine", "cli", /^php(7\.[0-4]|8\.[0-4])(-apache|-fpm|-fpm-alpine)?$/],
    suffixedAliases: ["cli", "beta"],
    patterns: [/^php(7\.[0-4]|8\.[0-4])(-apache|-fpm|-fpm-alpine)?$/],
  }),
  image: (tag) => /(^|-)fpm(-|$)/.test(tag ?? "") ? wordpressFpm(tag) : image({
    version: versionOf(tag, {}, "6.6.2"),
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["apache2-foreground"],
    exposedPorts: tcp(80),
    stopSignal: "SIGWINCH",
    workingDir: "/var/www/html",
    wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["apache2-foreground"] }],
    tools: [...DEBIAN_TOOLS, "apache2-foreground", "curl"],
    programs: [daemon(["apache2-foreground"], tcp(80), {
      logs: [...WORDPRESS_COPY, err(AH00558), err(AH00558),
        err("[{ts:httpd}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.24 configured -- resuming normal operations"),
        err("[{ts:httpd}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'"),
      ],
      // wp-load.php / wp_redirect send absolute URLs built from the Host header (wp_guess_url); PHP's
      // own headers; Debian's apache2 logs `combined` with %O (the bytes sent, headers included).
      http: { routes: [
        { path: "/", status: 302, headers: { Location: "http://{host}/wp-admin/setup-config.php" }, contentType: "text/html; charset=UTF-8", when: { noEnv: "WORDPRESS_DB_HOST" } },
        { path: "/", status: 302, headers: { Location: "http://{host}/wp-admin/install.php" }, contentType: "text/html; charset=UTF-8" },
      ],
      responseHeaders: [{ name: "Date", value: "{ts:http}" }, { name: "Server", value: "Apache/2.4.62 (Debian)" }, { name: "X-Powered-By", value: "PHP/8.2.24" },
        { name: "Location", value: "{location}" }, { name: "Content-Length", value: "{contentLength}" }, { name: "Content-Type", value: "{contentType}" }],
      accessLog: out('{client} - - [{ts:clf}] "{method} {path} HTTP/1.1" {status} {sent} "-" "{ua}"') },
      signals: { SIGWINCH: exits(0, 300), SIGTERM: exits(0, 100) },
    })],
  }),
};

const WORDPRESS_COPY = [
  err("WordPress not found in /var/www/html - copying now..."),
  err("Complete! WordPress has been successfully copied to /var/www/html"),
];

/**
 * The `fpm` variants (`fpm`, `6.4-fpm`, `php8.2-fpm-alpine`): php-fpm as PID 1 on 9000 (FastCGI,
 * for an nginx in front; no HTTP of its own), the php images' STOPSIGNAL SIGQUIT (graceful).
 */
function wordpressFpm(tag: string | undefined) {
  return image({
    version: versionOf(tag, {}, "6.6.2"),
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["php-fpm"],
    exposedPorts: tcp(9000),
    stopSignal: "SIGQUIT",
    workingDir: "/var/www/html",
    wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["php-fpm"] }],
    tools: [...(isAlpine(tag) ? ALPINE_TOOLS : DEBIAN_TOOLS), "php-fpm", "php"],
    programs: [daemon(["php-fpm"], tcp(9000), {
      logs: [...WORDPRESS_COPY, err("[{ts:phpfpm}] NOTICE: fpm is running, pid 1"), err("[{ts:phpfpm}] NOTICE: ready to handle connections")],
      signals: { SIGQUIT: exits(0, 100, [err("[{ts:phpfpm}] NOTICE: Terminating ..."), err("[{ts:phpfpm}] NOTICE: exiting, bye-bye!")]),
        SIGTERM: exits(0, 100, [err("[{ts:phpfpm}] NOTICE: Terminating ..."), err("[{ts:phpfpm}] NOTICE: exiting, bye-bye!")]) },
    })],
  });
}

const adminer: CatalogueEntry = {
  names: ["docker.io/library/adminer"],
  source: "images.md §4 adminer, §5.13",
  tags: tagRule({ aliases: ["latest", "standalone", "fastcgi"], versions: { "4.6": 3, "4.7": 9, "4.8": 1, "5.0": 6, "5.1": 0 },
    noShortTags: [], suffixes: ["standalone", "fastcgi"] }),
  image: (tag) => image({
    version: versionOf(tag, { "4.8": 1, "5.0": 6 }, "4.8.1"),
    entrypoint: ["entrypoint.sh", "docker-php-entrypoint"],
    cmd: ["php", "-S", "[::]:8080", "-t", "/var/www/html"],
    exposedPorts: tcp(8080),
    stopSignal: "SIGINT",
    user: "adminer",
    wrappers: [{ path: "entrypoint.sh" }, { path: "docker-php-entrypoint" }],
    tools: [...ALPINE_TOOLS, "php"],
    programs: [daemon(["php", "-S"], tcp(8080), {
      logs: [err("[{ts:ctime}] PHP 8.3.12 Development Server (http://[::]:8080) started")],
      http: { routes: [{ path: "/", status: 200, body: "<!DOCTYPE html>\n<title>Login - Adminer</title>\n", contentType: "text/html; charset=utf-8" }] },
      signals: { SIGINT: exits(0, 50), SIGTERM: exits(0, 50) },
    })],
  }),
};

export const webEntries: CatalogueEntry[] = [httpd, traefik, haproxy, registry, wordpress, adminer];
