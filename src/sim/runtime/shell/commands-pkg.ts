// Package managers inside containers: `apt-get update` / `apt-get install -y curl` (Debian,
// Ubuntu) and `apk add curl` (Alpine). Installing puts the package's programs on $PATH for the
// rest of the container's life, as students expect after `apt-get install curl`. A fresh Debian
// image has no package lists: installing before `apt-get update` fails with "Unable to locate
// package" (exit 100), the classic first attempt. Download sizes and versions are representative.

import type { CommandFn, CommandContext } from "./commands";

/** The programs each package provides (apt and apk names). */
const PACKAGE_BINARIES: Record<string, string[]> = {
  curl: ["curl"], wget: ["wget"], "iputils-ping": ["ping"], iputils: ["ping"], procps: ["ps", "top", "free"], "procps-ng": ["ps", "top", "free"],
  iproute2: ["ip"], "net-tools": ["ifconfig", "netstat"], dnsutils: ["nslookup", "dig", "host"], "bind-tools": ["nslookup", "dig", "host"],
  "bind9-dnsutils": ["nslookup", "dig", "host"], vim: ["vim", "vi"], nano: ["nano"], "netcat-openbsd": ["nc"], "netcat-traditional": ["nc"],
  bash: ["bash"], jq: ["jq"], git: ["git"], python3: ["python3"], telnet: ["telnet"], "redis-tools": ["redis-cli"], redis: ["redis-cli"],
  "postgresql-client": ["psql", "pg_isready"], "default-mysql-client": ["mysql", "mysqladmin"], "mysql-client": ["mysql", "mysqladmin"],
  "mariadb-client": ["mysql", "mysqladmin", "mariadb"], htop: ["htop"], less: ["less"], "ca-certificates": [], openssl: ["openssl"],
};

const APT_LISTS = "/var/lib/apt/lists/lock";

/** Debian or Ubuntu, from the image's /etc/os-release. */
function distro(ctx: CommandContext): { ubuntu: boolean; codename: string } {
  const osr = ctx.host.fs.read("/etc/os-release");
  const text = typeof osr === "string" && !["ENOENT", "EISDIR", "ENOTDIR"].includes(osr) ? osr : "";
  return { ubuntu: /^ID=ubuntu$/m.test(text), codename: /^VERSION_CODENAME=(\w+)$/m.exec(text)?.[1] ?? "bookworm" };
}

function aptUpdate(ctx: CommandContext): string {
  const { ubuntu, codename } = distro(ctx);
  ctx.host.fs.mkdir("/var/lib/apt/lists", true);
  ctx.host.fs.write(APT_LISTS, "");
  const lines = ubuntu
    ? [`Get:1 http://archive.ubuntu.com/ubuntu ${codename} InRelease [256 kB]`, `Get:2 http://security.ubuntu.com/ubuntu ${codename}-security InRelease [126 kB]`,
      `Get:3 http://archive.ubuntu.com/ubuntu ${codename}-updates InRelease [126 kB]`, `Get:4 http://archive.ubuntu.com/ubuntu ${codename}/main amd64 Packages [1808 kB]`,
      "Fetched 2316 kB in 1s (2104 kB/s)"]
    : [`Get:1 http://deb.debian.org/debian ${codename} InRelease [151 kB]`, `Get:2 http://deb.debian.org/debian ${codename}-updates InRelease [55.4 kB]`,
      `Get:3 http://deb.debian.org/debian-security ${codename}-security InRelease [48.0 kB]`, `Get:4 http://deb.debian.org/debian ${codename}/main amd64 Packages [8792 kB]`,
      "Fetched 9047 kB in 1s (7153 kB/s)"];
  return [...lines, "Reading package lists..."].join("\n") + "\n";
}

const HEADER = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";

export const aptGet: CommandFn = (args, io, ctx) => {
  const [verb, ...rest] = args.filter((a) => !a.startsWith("-"));
  if (verb === "update") { io.out(aptUpdate(ctx)); return 0; }
  if (verb !== "install") return 0;
  const packages = rest.map((p) => p.split("=")[0]!);
  if (!ctx.host.fs.exists(APT_LISTS)) {
    io.out(HEADER);
    io.err(`E: Unable to locate package ${packages[0] ?? ""}\n`);
    return 100;
  }
  const assumeYes = args.some((a) => a === "-y" || a === "--yes" || a === "--assume-yes" || a === "-qy" || a === "-yq");
  const { ubuntu, codename } = distro(ctx);
  const mirror = ubuntu ? `http://archive.ubuntu.com/ubuntu ${codename}/main` : `http://deb.debian.org/debian ${codename}/main`;
  let out = `${HEADER}The following NEW packages will be installed:\n  ${packages.join(" ")}\n` +
    `0 upgraded, ${packages.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get ${315 * packages.length} kB of archives.\n` +
    `After this operation, ${512 * packages.length} kB of additional disk space will be used.\n`;
  if (!assumeYes) {
    // No terminal to ask: apt reads EOF at the prompt and aborts.
    io.out(out + "Do you want to continue? [Y/n] Abort.\n");
    return 1;
  }
  packages.forEach((p, i) => { out += `Get:${i + 1} ${mirror} amd64 ${p} amd64 1.0 [315 kB]\n`; });
  out += `Fetched ${315 * packages.length} kB in 0s (1024 kB/s)\n`;
  for (const p of packages) out += `Selecting previously unselected package ${p}.\nUnpacking ${p} (1.0) ...\n`;
  for (const p of packages) out += `Setting up ${p} (1.0) ...\n`;
  io.out(out);
  io.err("debconf: delaying package configuration, since apt-utils is not installed\n");
  ctx.host.install?.(packages.flatMap((p) => PACKAGE_BINARIES[p] ?? [p]));
  return 0;
};

/** apt (not apt-get) warns when its output is not a terminal (apt-private/private-cmndline.cc). */
export const apt: CommandFn = (args, io, ctx) => {
  if (args.some((a) => !a.startsWith("-"))) io.err("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
  const status = aptGet(args, io, ctx);
  // apt update goes on to say what could be upgraded (none in a fresh image of the day).
  if (status === 0 && args.find((a) => !a.startsWith("-")) === "update") io.out("Building dependency tree...\nReading state information...\nAll packages are up to date.\n");
  return status;
};

/** The busybox package each Alpine release ships (its trigger runs after any install). */
const ALPINE_BUSYBOX: Record<string, string> = { "3.21": "1.37.0-r12", "3.20": "1.36.1-r29", "3.19": "1.36.1-r15", "3.18": "1.36.1-r5",
  "3.17": "1.35.0-r29", "3.16": "1.35.0-r17", "3.15": "1.34.1-r7" };

/** The release the image is (its /etc/alpine-release), as the repositories in /etc/apk/repositories name it. */
function alpineBranch(ctx: CommandContext): { branch: string; release: string } {
  const rel = ctx.host.fs.read("/etc/alpine-release");
  const release = typeof rel === "string" && /^\d+\.\d+/.test(rel) ? rel.trim() : "3.21.3";
  const mm = release.split(".").slice(0, 2).join(".");
  return { branch: `v${mm}`, release };
}

export const apk: CommandFn = (args, io, ctx) => {
  const [verb, ...rest] = args.filter((a) => !a.startsWith("-"));
  const { branch, release } = alpineBranch(ctx);
  const fetch = `fetch https://dl-cdn.alpinelinux.org/alpine/${branch}/main/x86_64/APKINDEX.tar.gz\n` +
    `fetch https://dl-cdn.alpinelinux.org/alpine/${branch}/community/x86_64/APKINDEX.tar.gz\n`;
  if (verb === "update") {
    io.out(fetch + `v${release}-0-g1ad1b5bc5b [https://dl-cdn.alpinelinux.org/alpine/${branch}/main]\n` +
      `v${release}-0-g1ad1b5bc5b [https://dl-cdn.alpinelinux.org/alpine/${branch}/community]\nOK: 25396 distinct packages available\n`);
    return 0;
  }
  if (verb !== "add") return 0;
  let out = fetch;
  rest.forEach((p, i) => { out += `(${i + 1}/${rest.length}) Installing ${p} (1.0-r0)\n`; });
  out += `Executing busybox-${ALPINE_BUSYBOX[branch.slice(1)] ?? "1.37.0-r12"}.trigger\n`;
  out += `OK: ${8 + 2 * rest.length} MiB in ${15 + rest.length} packages\n`;
  io.out(out);
  ctx.host.install?.(rest.flatMap((p) => PACKAGE_BINARIES[p] ?? [p]));
  return 0;
};
