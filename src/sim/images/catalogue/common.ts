// Building blocks shared by the catalogue tables: toolsets, signal reactions, defaults, and the
// entry shape (a repository's names, its tag rule, and its image data at a tag).

import type { TagRule } from "../tags";
import type { ImageFacts, LogLine, PortSpec, ProgramPlan, SignalReaction } from "../types";

/** Image data before the reference, digest and repository are filled in. */
export type ImageData = Omit<ImageFacts, "ref" | "repository" | "digest">;

export interface CatalogueEntry {
  /** Full repository names ("docker.io/library/nginx"); "docker.io/vitess/*" matches a namespace. */
  names: string[];
  tags: TagRule;
  /** The image at a tag (undefined when pinned by digest only). */
  image: (tag: string | undefined) => ImageData;
  /** Where the facts come from (images.md section). */
  source: string;
}

export const PATH_ENV = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const COMMON_TOOLS = [
  "sh", "echo", "printf", "cat", "touch", "rm", "rmdir", "mkdir", "sleep", "true", "false", "test", "[",
  "ls", "env", "printenv", "hostname", "date", "pwd", "head", "tail", "grep", "wc", "kill", "id",
  "whoami", "uname", "cp", "mv", "chmod", "chown", "ln", "seq", "sort", "uniq", "cut", "tr", "sed",
  "awk", "basename", "dirname", "expr", "find", "xargs", "tee", "yes", "base64", "md5sum",
  "sha256sum", "stat", "readlink", "df", "du", "mount", "timeout", "which", "nohup", "nice",
];

/** busybox applets (also alpine's base). No bash, no curl. */
export const BUSYBOX_TOOLS = [...COMMON_TOOLS, "busybox", "ash", "wget", "nc", "nslookup", "ps", "ping", "ip",
  "ifconfig", "netstat", "top", "free", "vi", "httpd", "telnet", "traceroute"];
export const ALPINE_TOOLS = [...BUSYBOX_TOOLS, "apk"];
/** debian/ubuntu base: bash and coreutils; no curl, wget, ping, ps, ip, vim. */
export const DEBIAN_TOOLS = [...COMMON_TOOLS, "bash", "dash", "apt", "apt-get", "dpkg"];
/**
 * buildpack-deps:bookworm (the full node, python, golang, ruby and perl images): its `curl` layer
 * adds curl and wget, its `scm` layer git and procps (ps, top, free). The `-slim` variants are
 * plain debian-slim plus the language: none of these.
 */
export const BUILDPACK_TOOLS = [...DEBIAN_TOOLS, "curl", "wget", "ps", "top", "free", "git"];
/** The language images' tools by variant: alpine, slim (debian-slim), else buildpack-deps. */
export const languageTools = (tag: string | undefined): string[] =>
  isAlpine(tag) ? ALPINE_TOOLS : /(^|-)slim(-|$)/.test(tag ?? "") ? DEBIAN_TOOLS : BUILDPACK_TOOLS;
/** Oracle Linux slim (mysql's default variant): bash as /bin/sh, microdnf; no dash, no apt-get, no ps. */
export const ORACLE_TOOLS = [...COMMON_TOOLS, "bash", "microdnf", "rpm"];
/** scratch / distroless: nothing but the program. */
export const NO_TOOLS: string[] = [];

export const tcp = (...ports: number[]): PortSpec[] => ports.map((port) => ({ port, protocol: "tcp" }));
export const udp = (...ports: number[]): PortSpec[] => ports.map((port) => ({ port, protocol: "udp" }));

/** A handler that exits with `exitCode` after `delayMs`, logging `logs`. */
export const exits = (exitCode: number, delayMs: number, logs?: LogLine[]): SignalReaction =>
  logs ? { exitCode, delayMs, logs } : { exitCode, delayMs };

/** Daemons that handle SIGTERM/SIGINT gracefully and exit 0. */
export const GRACEFUL = { SIGTERM: exits(0, 200), SIGINT: exits(0, 200) };
/** Go binaries without signal.Notify: the runtime dies at once with status 2 (images.md §3.1). */
/** http.NotFound → http.Error: the handler sets the type and nosniff (a Go server's 404). */
export const GO_404 = { status: 404, body: "404 page not found\n", headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } };
export const GO_DEFAULT = { SIGTERM: exits(2, 0), SIGINT: exits(2, 0), SIGQUIT: exits(2, 0), SIGHUP: exits(2, 0) };
/** JVM: shutdown hooks run, exit 143. */
export const JVM = { SIGTERM: exits(143, 1000), SIGINT: exits(130, 1000) };

export const out = (text: string, atMs = 0): LogLine => ({ atMs, stream: "stdout", text });
export const err = (text: string, atMs = 0): LogLine => ({ atMs, stream: "stderr", text });
/** Several lines at the same offset on one stream. */
export const block = (stream: "stdout" | "stderr", atMs: number, text: string): LogLine[] =>
  text.split("\n").map((t) => ({ atMs, stream, text: t }));

/** /etc/os-release of Alpine `version` ("3.21.0"), plus /etc/alpine-release. */
export function alpineRelease(version: string): Record<string, string> {
  const minor = version.split(".").slice(0, 2).join(".");
  return {
    "/etc/os-release": `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${minor}"\n` +
      `HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
    "/etc/alpine-release": `${version}\n`,
    ...ALPINE_ACCOUNTS,
  };
}

/** Alpine's /etc/passwd and /etc/group (alpine-baselayout since 3.17; images built on it add their own users). */
export const ALPINE_ACCOUNTS = {
  "/etc/passwd": ["root:x:0:0:root:/root:/bin/sh", "bin:x:1:1:bin:/bin:/sbin/nologin", "daemon:x:2:2:daemon:/sbin:/sbin/nologin",
    "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin", "sync:x:5:0:sync:/sbin:/bin/sync", "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown",
    "halt:x:7:0:halt:/sbin:/sbin/halt", "mail:x:8:12:mail:/var/mail:/sbin/nologin", "news:x:9:13:news:/usr/lib/news:/sbin/nologin",
    "uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin", "cron:x:16:16:cron:/var/spool/cron:/sbin/nologin",
    "ftp:x:21:21::/var/lib/ftp:/sbin/nologin", "sshd:x:22:22:sshd:/dev/null:/sbin/nologin", "games:x:35:35:games:/usr/games:/sbin/nologin",
    "ntp:x:123:123:NTP:/var/empty:/sbin/nologin", "guest:x:405:100:guest:/dev/null:/sbin/nologin",
    "nobody:x:65534:65534:nobody:/:/sbin/nologin"].join("\n") + "\n",
  // root is a member of bin, daemon, sys, adm, disk, wheel, floppy, dialout, tape and video:
  // `docker run alpine id` lists them.
  "/etc/group": ["root:x:0:root", "bin:x:1:root,bin,daemon", "daemon:x:2:root,bin,daemon", "sys:x:3:root,bin", "adm:x:4:root,daemon",
    "tty:x:5:", "disk:x:6:root", "lp:x:7:lp", "kmem:x:9:", "wheel:x:10:root", "floppy:x:11:root", "mail:x:12:mail", "news:x:13:news",
    "uucp:x:14:uucp", "cron:x:16:cron", "console:x:19:", "audio:x:18:", "dialout:x:20:root", "ftp:x:21:", "sshd:x:22:", "input:x:23:",
    "tape:x:26:root", "video:x:27:root", "netdev:x:28:", "kvm:x:34:kvm", "games:x:35:", "shadow:x:42:", "www-data:x:82:",
    "users:x:100:games", "ntp:x:123:", "abuild:x:300:", "utmp:x:406:", "ping:x:999:", "nogroup:x:65533:", "nobody:x:65534:"].join("\n") + "\n",
};

const DEBIAN_CODENAME: Record<string, string> = { "10": "buster", "11": "bullseye", "12": "bookworm", "13": "trixie" };
/** /etc/os-release and /etc/debian_version of Debian `major` (the base of most official images). */
export function debianRelease(major: string): Record<string, string> {
  const code = DEBIAN_CODENAME[major] ?? "bookworm";
  const point: Record<string, string> = { "10": "10.13", "11": "11.11", "12": "12.8", "13": "13.0" };
  return {
    "/etc/os-release": `PRETTY_NAME="Debian GNU/Linux ${major} (${code})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${major}"\n` +
      `VERSION="${major} (${code})"\nVERSION_CODENAME=${code}\nID=debian\nHOME_URL="https://www.debian.org/"\n` +
      `SUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
    "/etc/debian_version": `${point[major] ?? major}\n`,
  };
}

/** The busybox image's /etc/passwd and /etc/group. */
const BUSYBOX_ACCOUNTS = {
  "/etc/passwd": "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\n" +
    "sys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\n" +
    "www-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
  "/etc/group": "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nwheel:x:10:root\nmail:x:12:\n" +
    "www-data:x:33:\nusers:x:100:\nnogroup:x:65533:\nnobody:x:65534:\n",
};
/** Debian 12's base /etc/passwd and /etc/group (images built on it add their own service users). */
export const DEBIAN_ACCOUNTS = {
  "/etc/passwd": ["root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin", "bin:x:2:2:bin:/bin:/usr/sbin/nologin",
    "sys:x:3:3:sys:/dev:/usr/sbin/nologin", "sync:x:4:65534:sync:/bin:/bin/sync", "games:x:5:60:games:/usr/games:/usr/sbin/nologin",
    "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin", "lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin", "mail:x:8:8:mail:/var/mail:/usr/sbin/nologin",
    "news:x:9:9:news:/var/spool/news:/usr/sbin/nologin", "uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin", "proxy:x:13:13:proxy:/bin:/usr/sbin/nologin",
    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin", "backup:x:34:34:backup:/var/backups:/usr/sbin/nologin",
    "list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin", "irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin",
    "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin", "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"].join("\n") + "\n",
  "/etc/group": ["root:x:0:", "daemon:x:1:", "bin:x:2:", "sys:x:3:", "adm:x:4:", "tty:x:5:", "disk:x:6:", "lp:x:7:", "mail:x:8:",
    "news:x:9:", "uucp:x:10:", "man:x:12:", "proxy:x:13:", "kmem:x:15:", "dialout:x:20:", "fax:x:21:", "voice:x:22:", "cdrom:x:24:",
    "floppy:x:25:", "tape:x:26:", "sudo:x:27:", "audio:x:29:", "dip:x:30:", "www-data:x:33:", "backup:x:34:", "operator:x:37:",
    "list:x:38:", "irc:x:39:", "src:x:40:", "shadow:x:42:", "utmp:x:43:", "video:x:44:", "sasl:x:45:", "plugdev:x:46:", "staff:x:50:",
    "games:x:60:", "users:x:100:", "nogroup:x:65534:"].join("\n") + "\n",
};

/** Oracle Linux 9's /etc/os-release and base accounts (mysql's images). */
const ORACLE_RELEASE = {
  "/etc/os-release": 'NAME="Oracle Linux Server"\nVERSION="9.5"\nID="ol"\nID_LIKE="fedora"\nVARIANT="Server"\nVARIANT_ID="server"\n' +
    'VERSION_ID="9.5"\nPLATFORM_ID="platform:el9"\nPRETTY_NAME="Oracle Linux Server 9.5"\nANSI_COLOR="0;31"\n' +
    'CPE_NAME="cpe:/o:oracle:linux:9:5:server"\nHOME_URL="https://linux.oracle.com/"\nBUG_REPORT_URL="https://github.com/oracle/oracle-linux"\n\n' +
    'ORACLE_BUGZILLA_PRODUCT="Oracle Linux 9"\nORACLE_BUGZILLA_PRODUCT_VERSION="9.5"\nORACLE_SUPPORT_PRODUCT="Oracle Linux"\nORACLE_SUPPORT_PRODUCT_VERSION="9.5"\n',
  "/etc/oracle-release": "Oracle Linux Server release 9.5\n",
};
const ORACLE_ACCOUNTS = {
  "/etc/passwd": ["root:x:0:0:root:/root:/bin/bash", "bin:x:1:1:bin:/bin:/sbin/nologin", "daemon:x:2:2:daemon:/sbin:/sbin/nologin",
    "adm:x:3:4:adm:/var/adm:/sbin/nologin", "lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin", "sync:x:5:0:sync:/sbin:/bin/sync",
    "shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown", "halt:x:7:0:halt:/sbin:/sbin/halt", "mail:x:8:12:mail:/var/spool/mail:/sbin/nologin",
    "operator:x:11:0:operator:/root:/sbin/nologin", "games:x:12:100:games:/usr/games:/sbin/nologin", "ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin",
    "nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin"].join("\n") + "\n",
  "/etc/group": ["root:x:0:", "bin:x:1:", "daemon:x:2:", "sys:x:3:", "adm:x:4:", "tty:x:5:", "disk:x:6:", "lp:x:7:", "mem:x:8:", "kmem:x:9:",
    "wheel:x:10:", "cdrom:x:11:", "mail:x:12:", "man:x:15:", "dialout:x:18:", "floppy:x:19:", "games:x:20:", "tape:x:33:", "video:x:39:",
    "ftp:x:50:", "lock:x:54:", "audio:x:63:", "users:x:100:", "nobody:x:65534:"].join("\n") + "\n",
};

/** The distribution files an image's base gives it: Alpine for apk images, Debian 12 for apt ones, busybox's accounts. */
function baseReleaseFiles(tools: readonly string[]): Record<string, string> {
  if (tools.includes("apk")) return alpineRelease("3.21.0");
  if (tools.includes("apt-get")) return { ...debianRelease("12"), ...DEBIAN_ACCOUNTS };
  if (tools.includes("microdnf")) return { ...ORACLE_RELEASE, ...ORACLE_ACCOUNTS };
  if (tools.includes("ash")) return BUSYBOX_ACCOUNTS;
  return {};
}

/** A service account an image's Dockerfile adds (`useradd -r postgres`): its passwd and group lines. */
export interface ServiceAccount { name: string; uid: number; gid: number; home: string; shell?: string }

/** The base's /etc/passwd and /etc/group with the image's own accounts appended. */
function withAccounts(base: Record<string, string>, accounts: readonly ServiceAccount[]): Record<string, string> {
  if (!accounts.length || base["/etc/passwd"] === undefined) return {};
  const passwd = accounts.map((a) => `${a.name}:x:${a.uid}:${a.gid}::${a.home}:${a.shell ?? "/bin/sh"}\n`).join("");
  const groups = accounts.map((a) => `${a.name}:x:${a.gid}:\n`).join("");
  return { "/etc/passwd": base["/etc/passwd"] + passwd, "/etc/group": (base["/etc/group"] ?? "") + groups };
}

/** Defaults for an image; each table entry overrides what differs. */
export function image(data: Partial<ImageData> & { version: string; accounts?: ServiceAccount[] }): ImageData {
  const tools = data.tools ?? DEBIAN_TOOLS;
  const { accounts, ...rest } = data;
  const base = baseReleaseFiles(tools);
  return {
    sizeBytes: 50_000_000,
    entrypoint: [],
    cmd: [],
    env: { PATH: PATH_ENV },
    workingDir: "/",
    user: "",
    exposedPorts: [],
    stopSignal: "SIGTERM",
    wrappers: [],
    tools: DEBIAN_TOOLS,
    programs: [],
    ...rest,
    files: { ...base, ...withAccounts(base, accounts ?? []), ...data.files },
  };
}

/** A long-running program: listening on `ports` after `afterMs`, graceful stop by default. */
export function daemon(match: string[], ports: PortSpec[], rest: Partial<ProgramPlan> = {}): ProgramPlan {
  return {
    match,
    ...(ports.length > 0 ? { listen: { ports, afterMs: 0 } } : {}),
    signals: GRACEFUL,
    ...rest,
  };
}

/**
 * The version a tag stands for: an explicit "X.Y.Z" as is; a line ("1.25", or postgres-style "15")
 * → its last patch; a minor of a one-part line ("15.8") as is; a major → its newest line; a line
 * or major the table does not list (tag rules accept more lines than the table dates) → its first
 * release ("2.4" → "2.4.0"), never the newest image's version; else (aliases) `latest`.
 */
export function versionOf(tag: string | undefined, lineLast: Record<string, number>, latest: string): string {
  const core = (tag ?? "").replace(/^v/, "").split("-")[0]!;
  if (/^\d+\.\d+\.\d+/.test(core)) return core;
  const last = lineLast[core];
  if (last !== undefined) return last >= 0 ? `${core}.${last}` : core;
  const parts = core.split(".");
  if (parts.length === 2 && /^\d+\.\d+$/.test(core)) return lineLast[parts[0]!] !== undefined ? core : `${core}.0`;
  if (/^\d+$/.test(core) && latest.split(".")[0] !== core) {
    const best = Object.keys(lineLast).filter((l) => l.split(".")[0] === core)
      .sort((a, b) => Number(b.split(".")[1] ?? 0) - Number(a.split(".")[1] ?? 0))[0];
    if (best !== undefined) {
      const l = lineLast[best]!;
      return l >= 0 ? `${best}.${l}` : best;
    }
    return `${core}.0.0`;
  }
  return latest;
}

/** True for alpine-based variants of a tag ("alpine", "1.25-alpine", "7-alpine3.19"). */
export const isAlpine = (tag: string | undefined): boolean => /(^|-)alpine/.test(tag ?? "");
