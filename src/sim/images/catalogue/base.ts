// Base and language images whose default command exits 0 at once without a TTY (images.md §3.2,
// §4 rows, §5.4–5.6): busybox, alpine, ubuntu, debian, node, python, golang, ruby, hello-world, docker.

import { range, tagRule } from "../tags";
import type { ExitRule } from "../types";
import type { ImageData } from "./common";
import {
  ALPINE_TOOLS, BUSYBOX_TOOLS, DEBIAN_TOOLS, type CatalogueEntry, alpineRelease, block, daemon, debianRelease, err, exits, image,
  isAlpine, languageTools, out, tcp, versionOf,
} from "./common";

/** A REPL started without stdin/TTY reads EOF and exits 0 (§3.2). */
const REPL_EOF: ExitRule = { when: { kind: "replWithoutTty" }, exitCode: 0 };

const BUSYBOX_LINES = { "1.24": 2, "1.25": 1, "1.26": 2, "1.27": 2, "1.28": 4, "1.29": 3, "1.30": 1, "1.31": 1,
  "1.32": 1, "1.33": 1, "1.34": 1, "1.35": 0, "1.36": 1, "1.37": 0, "1.38": 0 };

/**
 * busybox's rootfs (the `glibc` variant is `latest`): no media, mnt, opt, run, sbin or srv; /lib64
 * beside /lib except in the musl and uClibc builds; /var holds spool and www.
 */
const busyboxDirs = (tag: string | undefined): string[] => [
  "/", "/bin", "/dev", "/dev/shm", "/etc", "/home", "/lib", ...(/musl|uclibc/.test(tag ?? "") ? [] : ["/lib64"]), "/proc", "/root", "/sys", "/tmp",
  "/usr", "/usr/sbin", "/var", "/var/spool", "/var/spool/mail", "/var/www",
];

/**
 * busybox httpd (networking/httpd.c): without -f it daemonizes, so the process started exits 0 at
 * once; with -f it serves the files under -h DIR (default: the working directory) on -p [IP:]PORT
 * (default 80) — index.html for a directory, busybox's own 404 page for what is not there. It sets
 * no SIGTERM handler: as PID 1 the signal is ignored, `docker stop` ends it with SIGKILL.
 */
const busyboxHttpd = daemon(["httpd"], tcp(80), {
  getopt: "puhcrmde",
  exitRules: [{ when: { kind: "shortFlagAbsent", flag: "f" }, exitCode: 0 }],
  listen: { ports: tcp(80), afterMs: 0, portFromArg: { flag: "-p" } },
  argVars: { root: { flag: "-h", orVar: "cwd", path: true } },
  http: {
    routes: [], staticRoot: "{root}", index: ["index.html"],
    // send_headers(): the date, a closed connection, the type; a file adds its ranges and length (its
    // Last-Modified is left out: the simulator keeps no time for files a container writes).
    responseHeaders: [{ name: "Date", value: "{ts:http}" }, { name: "Connection", value: "close" }, { name: "Content-type", value: "{contentType}" },
      { name: "Accept-Ranges", value: "bytes", static: true }, { name: "Content-Length", value: "{contentLength}", static: true }],
    notFound: { status: 404, contentType: "text/html", body: "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n" },
  },
  signals: {},
});

export const busyboxImage = (version: string, tag?: string): ImageData =>
  image({ version, sizeBytes: 4_300_000, layers: 1, cmd: ["sh"], env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }, tools: BUSYBOX_TOOLS,
    rootDirs: busyboxDirs(tag), programs: [busyboxHttpd] });

const busybox: CatalogueEntry = {
  names: ["docker.io/library/busybox"],
  source: "images.md §4 busybox, §5.4",
  tags: tagRule({ aliases: ["latest", "musl", "glibc", "uclibc", "unstable", "stable"], versions: BUSYBOX_LINES,
    suffixes: ["musl", "glibc", "uclibc"], suffixedAliases: ["unstable", "stable"] }),
  image: (tag) => busyboxImage(versionOf(tag, BUSYBOX_LINES, "1.37.0"), tag),
};

/** Last patch per Alpine minor (3.X → 3.X.Y) for /etc/alpine-release. */
const ALPINE_LAST: Record<string, number> = { "3.12": 12, "3.13": 12, "3.14": 10, "3.15": 11, "3.16": 9, "3.17": 10, "3.18": 12,
  "3.19": 7, "3.20": 6, "3.21": 3, "3.22": 2 };
const alpineVersion = (tag: string | undefined): string => {
  if (tag && /^3\.\d+\.\d+$/.test(tag)) return tag;
  if (tag && /^3\.\d+$/.test(tag)) return `${tag}.${ALPINE_LAST[tag] ?? 0}`;
  return "3.21.3";
};

const alpine: CatalogueEntry = {
  names: ["docker.io/library/alpine"],
  source: "images.md §4 alpine, §5.4",
  tags: tagRule({ aliases: ["latest", "edge"], versions: range("3.", 1, 24, 20), patterns: [/^20\d{6}$/] }),
  image: (tag) => {
    const version = alpineVersion(tag);
    return image({ version, sizeBytes: 3_600_000, layers: 1, cmd: ["/bin/sh"], tools: ALPINE_TOOLS, files: alpineRelease(version) });
  },
};

const UBUNTU_CODENAMES = ["trusty", "xenial", "bionic", "focal", "jammy", "noble", "oracular", "plucky", "questing", "mantic", "lunar", "kinetic"];
const UBUNTU_RELEASES = ["12.04", "14.04", "16.04", "18.04", "20.04", "22.04", "24.04", "26.04", "20.10", "21.04", "21.10",
  "22.10", "23.04", "23.10", "24.10", "25.04", "25.10"];
const UBUNTU_ALIAS: Record<string, string> = { latest: "24.04", noble: "24.04", jammy: "22.04", focal: "20.04", bionic: "18.04",
  xenial: "16.04", trusty: "14.04", rolling: "25.04", plucky: "25.04", oracular: "24.10" };
const UBUNTU_NAMES: Record<string, [string, string]> = { "24.04": ["noble", "Noble Numbat"], "22.04": ["jammy", "Jammy Jellyfish"],
  "20.04": ["focal", "Focal Fossa"], "18.04": ["bionic", "Bionic Beaver"], "16.04": ["xenial", "Xenial Xerus"],
  "24.10": ["oracular", "Oracular Oriole"], "25.04": ["plucky", "Plucky Puffin"] };
const UBUNTU_POINT: Record<string, string> = { "24.04": "24.04.1 LTS", "22.04": "22.04.5 LTS", "20.04": "20.04.6 LTS", "18.04": "18.04.6 LTS", "16.04": "16.04.7 LTS" };
function ubuntuRelease(version: string): Record<string, string> {
  const [code, name] = UBUNTU_NAMES[version] ?? ["noble", "Noble Numbat"];
  const full = UBUNTU_POINT[version] ?? version;
  return {
    "/etc/os-release": `PRETTY_NAME="Ubuntu ${full}"\nNAME="Ubuntu"\nVERSION_ID="${version}"\nVERSION="${full} (${name})"\n` +
      `VERSION_CODENAME=${code}\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\n` +
      `BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n` +
      `UBUNTU_CODENAME=${code}\nLOGO=ubuntu-logo\n`,
    // base-files' lsb-release, which Debian's images do not have.
    "/etc/lsb-release": `DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=${version}\nDISTRIB_CODENAME=${code}\nDISTRIB_DESCRIPTION="Ubuntu ${full}"\n`,
  };
}

const ubuntu: CatalogueEntry = {
  names: ["docker.io/library/ubuntu"],
  source: "images.md §4 ubuntu, §5.4",
  tags: tagRule({ aliases: ["latest", "rolling", "devel", ...UBUNTU_CODENAMES, ...UBUNTU_RELEASES],
    suffixes: [/^\d{8}(\.\d)?$/], suffixedAliases: [...UBUNTU_CODENAMES, ...UBUNTU_RELEASES] }),
  image: (tag) => {
    const version = tag && /^\d/.test(tag) ? tag.split("-")[0]! : UBUNTU_ALIAS[tag ?? "latest"] ?? "24.04";
    return image({ version, sizeBytes: 29_000_000, layers: 1, cmd: ["/bin/bash"], tools: DEBIAN_TOOLS, files: ubuntuRelease(version) });
  },
};

const DEBIAN_CODENAMES = ["wheezy", "jessie", "stretch", "buster", "bullseye", "bookworm", "trixie", "forky"];
const DEBIAN_ALIASES = ["stable", "oldstable", "oldoldstable", "testing", "sid", "unstable", "experimental", ...DEBIAN_CODENAMES];
const DEBIAN_MAJOR: Record<string, string> = { buster: "10", bullseye: "11", bookworm: "12", trixie: "13", oldstable: "11", stable: "12" };
const debianMajor = (tag: string | undefined): string => {
  const head = (tag ?? "latest").split("-")[0]!;
  if (/^\d+/.test(head)) return head.split(".")[0]!;
  return DEBIAN_MAJOR[head] ?? "12";
};

const debian: CatalogueEntry = {
  names: ["docker.io/library/debian"],
  source: "images.md §4 debian, §5.4",
  tags: tagRule({ aliases: ["latest", ...DEBIAN_ALIASES], versions: { ...range("", 7, 13, 12) },
    suffixes: ["slim", /^\d{8}(-slim)?$/, "backports"], suffixedAliases: DEBIAN_ALIASES }),
  image: (tag) => {
    const major = debianMajor(tag);
    return image({ version: major, sizeBytes: 48_000_000, layers: 1, cmd: ["bash"], tools: DEBIAN_TOOLS, files: debianRelease(major) });
  },
};

const NODE_CODENAMES = ["argon", "boron", "carbon", "dubnium", "erbium", "fermium", "gallium", "hydrogen", "iron", "jod", "krypton"];
/** Last minor of each Node.js major; every X.Y.Z tag of those lines exists (patches bounded loosely). */
const NODE_MINORS: Record<number, number> = { 4: 9, 5: 12, 6: 17, 7: 10, 8: 17, 9: 11, 10: 24, 11: 15, 12: 22, 13: 14, 14: 21, 15: 14,
  16: 20, 17: 9, 18: 20, 19: 9, 20: 19, 21: 7, 22: 21, 23: 11, 24: 11, 25: 2, 26: 0 };
const NODE_LINES: Record<string, number> = { "0.10": 48, "0.12": 18 };
for (const [major, last] of Object.entries(NODE_MINORS)) for (let m = 0; m <= last; m++) NODE_LINES[`${major}.${m}`] = 30;
const NODE_SUFFIXES = ["alpine", /^alpine3\.\d+$/, "slim", "bookworm", "bookworm-slim", "bullseye", "bullseye-slim",
  "buster", "buster-slim", "stretch", "stretch-slim", "trixie", "trixie-slim", "jessie", "onbuild", "wheezy"];
export const nodeModuleNotFound = [
  "node:internal/modules/cjs/loader:1228", "  throw err;", "  ^", "", "Error: Cannot find module '{file}'",
  "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
  "    at Module._load (node:internal/modules/cjs/loader:1051:27)",
  "    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)",
  "    at node:internal/main/run_main_module:28:49 {", "  code: 'MODULE_NOT_FOUND',", "  requireStack: []", "}",
  "", "Node.js v{version}",
];
/** The newest release of each Node.js major line (a major or codename tag stands for it). */
const NODE_LATEST: Record<string, string> = { "24": "24.11.1", "23": "23.11.1", "22": "22.12.0", "21": "21.7.3", "20": "20.18.1",
  "19": "19.9.0", "18": "18.20.5", "16": "16.20.2", "14": "14.21.3", "12": "12.22.12", "10": "10.24.1", "8": "8.17.0" };
const NODE_CODENAME_MAJOR: Record<string, string> = { argon: "4", boron: "6", carbon: "8", dubnium: "10", erbium: "12", fermium: "14",
  gallium: "16", hydrogen: "18", iron: "20", jod: "22", krypton: "24", lts: "22", current: "23" };
function nodeVersion(tag: string | undefined): string {
  const head = (tag ?? "latest").split("-")[0]!;
  if (/^\d+\.\d+\.\d+$/.test(head)) return head;
  if (/^\d+\.\d+$/.test(head)) return `${head}.0`;
  const major = /^\d+$/.test(head) ? head : NODE_CODENAME_MAJOR[head];
  if (major && NODE_LATEST[major]) return NODE_LATEST[major]!;
  // A major newer than the table (or one it skips): its first release rather than another line's.
  return major && /^\d+$/.test(major) ? `${major}.0.0` : "22.12.0";
}

/**
 * `npm start` without package.json, as the npm the image bundles words it: npm 10 (node 18.20+,
 * 20, 22…) prefixes "npm error", older ones "npm ERR!"; both end with the debug log's path.
 */
function npmNoPackageJson(nodeVersion: string): string {
  const major = Number(nodeVersion.split(".")[0]);
  if (major >= 18 && major !== 19) {
    return "npm error code ENOENT\nnpm error syscall open\nnpm error path {file}\nnpm error errno -2\n" +
      "npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '{file}'\n" +
      "npm error enoent This is related to npm not being able to find a file.\nnpm error enoent\n" +
      "npm error A complete log of this run can be found in: /root/.npm/_logs/{ts:npmlog}-debug-0.log";
  }
  return "npm ERR! code ENOENT\nnpm ERR! syscall open\nnpm ERR! path {file}\nnpm ERR! errno -2\n" +
    "npm ERR! enoent ENOENT: no such file or directory, open '{file}'\nnpm ERR! enoent This is related to npm not being able to find a file.\n" +
    "npm ERR! enoent \n\nnpm ERR! A complete log of this run can be found in:\nnpm ERR!     /root/.npm/_logs/{ts:npmlog}-debug-0.log";
}

const node: CatalogueEntry = {
  names: ["docker.io/library/node"],
  source: "images.md §4 node, §5.5",
  tags: tagRule({ aliases: ["latest", "lts", "current", "alpine", "slim", "bookworm", "bookworm-slim", "bullseye", "bullseye-slim", ...NODE_CODENAMES],
    versions: NODE_LINES, suffixes: NODE_SUFFIXES, suffixedAliases: ["lts", "current", ...NODE_CODENAMES] }),
  image: (tag) => {
    const version = nodeVersion(tag);
    return image({
      version,
      sizeBytes: isAlpine(tag) ? 50_000_000 : 400_000_000,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["node"],
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", NODE_VERSION: version, YARN_VERSION: "1.22.22" },
      wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["node"], unlessCommand: true }],
      tools: [...languageTools(tag), "node", "npm", "npx", "yarn"],
      accounts: [{ name: "node", uid: 1000, gid: 1000, home: "/home/node", shell: isAlpine(tag) ? "/bin/sh" : "/bin/bash" }],
      programs: [
        daemon(["node", "-e"], [], { signals: {} }),
        daemon(["npm", "start"], [], { exitRules: [{ when: { kind: "fileMissing", path: "package.json" }, exitCode: 254,
          logs: block("stderr", 0, npmNoPackageJson(version)) }], signals: {} }),
        // The REPL on a terminal greets first (its "> " prompt is a line in progress).
        daemon(["node"], [], { logs: [{ ...out("Welcome to Node.js v{version}."), replBanner: true }, { ...out('Type ".help" for more information.'), replBanner: true }],
          exitRules: [REPL_EOF, { when: { kind: "firstArg", anyOf: ["--version", "-v"] }, exitCode: 0, logs: [out("v{version}")] }, { when: { kind: "fileMissing", argIndex: 0 }, exitCode: 1,
          logs: nodeModuleNotFound.map((t) => err(t)) }], signals: {} }),
      ],
    });
  },
};

const PY_LINES = { "2.7": 18, ...range("3.", 3, 14, 12) };
const python: CatalogueEntry = {
  names: ["docker.io/library/python"],
  source: "images.md §4 python, §5.6",
  tags: tagRule({ aliases: ["latest", "alpine", "slim", "bookworm", "bullseye", "slim-bookworm", "slim-bullseye"], versions: PY_LINES,
    suffixes: ["slim", "alpine", /^alpine3\.\d+$/, "bookworm", "bullseye", "buster", "slim-bookworm", "slim-bullseye", "slim-buster",
      /^windowsservercore(-\w+)?$/] }),
  image: (tag) => {
    const version = versionOf(tag, { "3.13": 1, "3.12": 8, "3.11": 11, "3.10": 16, "3.9": 21, "3.8": 20, "2.7": 18 }, "3.13.1");
    // stdout is block-buffered without a TTY: the banner shows only with -u or PYTHONUNBUFFERED (§5.6).
    const unbuffered = { anyOf: [{ env: "PYTHONUNBUFFERED" }, { arg: "-u" }] };
    const httpServer = daemon(["python", "-m", "http.server"], tcp(8000), {
      interpreterFlags: ["-u", "-B", "-O", "-OO", "-q", "-s", "-E", "-I"],
      logs: [{ ...out("Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ..."), when: unbuffered }],
      listen: { ports: tcp(8000), afterMs: 0, portFromArg: { position: 0 } },
      // SimpleHTTPRequestHandler: index.html/index.htm, else list_directory (an HTML5 head from 3.12).
      http: { routes: [], index: ["index.html", "index.htm"],
        directories: { redirect: "relative", listing: /^(2|3\.([0-9]|1[01]))\./.test(version) ? "python-html4" : "python" },
        staticRoot: "{cwd}", notFound: { status: 404, log: err("{client} - - [{ts:python}] code 404, message File not found"), body: "<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n    </body>\n</html>\n" },
        accessLog: err('{client} - - [{ts:python}] "{method} {path} HTTP/1.1" {status} -') },
      signals: {},
    });
    const script = (name: string) => daemon([name], [], { exitRules: [REPL_EOF,
      { when: { kind: "firstArg", anyOf: ["--version", "-V"] }, exitCode: 0, logs: [out(`Python {version}`)] }, { when: { kind: "fileMissing", argIndex: 0 }, exitCode: 2,
      logs: [err(`${name}: can't open file '{file}': [Errno 2] No such file or directory`)] }], signals: {} });
    return image({
      version,
      sizeBytes: isAlpine(tag) ? 50_000_000 : 1_000_000_000,
      cmd: ["python3"],
      // The release manager's key the Dockerfile verifies the tarball with (3.12/3.13 Thomas Wouters, 3.10/3.11 Pablo Galindo, 3.8/3.9 Łukasz Langa).
      env: { PATH: "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C.UTF-8",
        GPG_KEY: /^3\.(8|9)\./.test(version) ? "E3FF2839C048B25C084DEBE9B26995E310250568" : /^3\.1[01]\./.test(version)
          ? "A035C8C19219BA821ECEA86B64E628F8D684696D" : /^2\./.test(version) ? "C01E1CAD5EA2C4F0B8E3571504C367C218ADD4FF" : "7169605F62C751356D054A26A821E680E5FA6305",
        PYTHON_VERSION: version },
      tools: [...languageTools(tag), "python", "python3", "pip", "pip3"],
      programs: [httpServer, { ...httpServer, match: ["python3", "-m", "http.server"] }, script("python"), script("python3")],
    });
  },
};

const PERL_LINES = { "5.40": 1, "5.38": 3, "5.36": 3, "5.34": 3, "5.32": 1, "5.30": 3, "5.28": 3 };
/** perl (the Job example of the Kubernetes documentation): its CMD is the debugger REPL (`perl -de0`), which reads EOF without a TTY. */
const perl: CatalogueEntry = {
  names: ["docker.io/library/perl"],
  source: "docker-library perl: CMD [\"perl5.40.1\", \"-de0\"], debian-based",
  tags: tagRule({ aliases: ["latest", "slim", "threaded", "stable", "bookworm", "bullseye"], versions: PERL_LINES,
    suffixes: ["slim", "threaded", "bookworm", "bullseye", "slim-bookworm", "slim-bullseye", "threaded-bookworm", "threaded-bullseye"] }),
  image: (tag) => {
    const version = versionOf(tag, PERL_LINES, "5.40.1");
    return image({ version, sizeBytes: tag?.includes("slim") ? 50_000_000 : 340_000_000, cmd: [`perl${version}`, "-de0"],
      tools: [...languageTools(tag), "perl", `perl${version}`],
      programs: [daemon([`perl${version}`, "-de0"], [], { exitRules: [REPL_EOF], signals: {} })] });
  },
};

const golang: CatalogueEntry = {
  names: ["docker.io/library/golang"],
  source: "images.md §3.2",
  tags: tagRule({ aliases: ["latest", "alpine", "bookworm", "bullseye"], versions: { ...range("1.", 2, 24, 12) },
    suffixes: ["alpine", /^alpine3\.\d+$/, "bookworm", "bullseye", "buster"] }),
  image: (tag) => {
    const version = versionOf(tag, { "1.24": 0, "1.23": 4, "1.22": 12, "1.21": 13, "1.20": 14, "1.19": 13, "1.18": 10 }, "1.23.4");
    // The Dockerfile's ENVs (GOTOOLCHAIN from 1.21); no CMD of its own: the base image's shell.
    return image({ version, sizeBytes: 800_000_000, cmd: [isAlpine(tag) ? "/bin/sh" : "bash"],
      env: { PATH: "/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", GOLANG_VERSION: version,
        ...(Number(version.split(".")[1]) >= 21 ? { GOTOOLCHAIN: "local" } : {}), GOPATH: "/go" },
      tools: [...languageTools(tag), "go"], workingDir: "/go" });
  },
};

const ruby: CatalogueEntry = {
  names: ["docker.io/library/ruby"],
  source: "images.md §3.2",
  tags: tagRule({ aliases: ["latest", "alpine", "slim"], versions: { ...range("2.", 0, 7, 8), ...range("3.", 0, 4, 7) },
    suffixes: ["alpine", /^alpine3\.\d+$/, "slim", "bookworm", "bullseye", "slim-bookworm"] }),
  image: (tag) => image({ version: versionOf(tag, {}, "3.3.6"), sizeBytes: 900_000_000, cmd: ["irb"],
    tools: [...languageTools(tag), "ruby", "irb", "gem", "bundle"],
    programs: [daemon(["irb"], [], { exitRules: [REPL_EOF], signals: {} })] }),
};

export const HELLO_WORLD = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/
`;
const helloWorld: CatalogueEntry = {
  names: ["docker.io/library/hello-world"],
  source: "images.md §3.2",
  tags: tagRule({ aliases: ["latest", "linux"], patterns: [/^nanoserver(-\w+)?$/] }),
  image: () => image({ version: "latest", sizeBytes: 13_256, layers: 1, cmd: ["/hello"], tools: [],
    programs: [daemon(["/hello"], [], { logs: block("stdout", 0, HELLO_WORLD), exit: { afterMs: 0, exitCode: 0 } })] }),
};

const docker: CatalogueEntry = {
  names: ["docker.io/library/docker"],
  source: "images.md §6 docker",
  tags: tagRule({ aliases: ["latest", "dind", "cli", "dind-rootless", "git", "windowsservercore"],
    versions: { ...range("20.", 10, 10, 24), ...range("23.", 0, 0, 6), ...range("24.", 0, 0, 9), ...range("25.", 0, 0, 5),
      ...range("26.", 0, 1, 4), ...range("27.", 0, 5, 1), ...range("28.", 0, 5, 2) },
    suffixes: ["dind", "cli", "dind-rootless", "git", /^dind-alpine3\.\d+$/, /^cli-alpine3\.\d+$/, /^alpine3\.\d+$/] }),
  image: (tag) => {
    const cli = /(^|-)cli/.test(tag ?? "");
    return image({
      version: versionOf(tag, {}, "28.0.1"),
      sizeBytes: 130_000_000,
      entrypoint: cli ? ["docker-entrypoint.sh"] : ["dockerd-entrypoint.sh"],
      cmd: cli ? ["sh"] : [],
      exposedPorts: cli ? [] : tcp(2375, 2376),
      wrappers: [{ path: "docker-entrypoint.sh" }],
      tools: [...ALPINE_TOOLS, "docker", "dockerd"],
      programs: [daemon(["dockerd-entrypoint.sh"], tcp(2376), {
        exitRules: [{ when: { kind: "notPrivileged" }, exitCode: 1, afterMs: 1000,
          logs: [err("mount: permission denied (are you root?)"), err("Could not mount /sys/kernel/security."),
            err("AppArmor detection and --privileged mode might break.")] }],
        listen: { ports: tcp(2376), afterMs: 3000 },
        logs: [err('time="{ts:nanofixed}" level=info msg="API listen on [::]:2376"', 3000)],
        signals: { SIGTERM: exits(0, 1000) },
      })],
    });
  },
};

export const baseEntries: CatalogueEntry[] = [busybox, alpine, ubuntu, debian, node, python, perl, golang, ruby, helloWorld, docker];
