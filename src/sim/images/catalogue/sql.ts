// SQL databases (images.md §4 rows, §5.7–5.9): postgres, mysql, mariadb — each exits 1 with the
// entrypoint's real message when the root/superuser password is missing on an empty data dir.

import { range, tagRule } from "../tags";
import type { Condition, LogLine } from "../types";
import {
  ALPINE_TOOLS, DEBIAN_TOOLS, ORACLE_TOOLS, type CatalogueEntry, block, daemon, err, exits, image, isAlpine, out, tcp, versionOf,
} from "./common";

export const POSTGRES_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html`;
export const POSTGRES_TRUST_WARNING = `********************************************************************************
WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
         anyone with access to the Postgres port to access your database without
         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
         documentation about "trust":
         https://www.postgresql.org/docs/current/auth-trust.html
         In Docker's default configuration, this is effectively any other
         container on the same system.

         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
         it with "-e POSTGRES_PASSWORD=password" instead to set a password in
         "docker run".
********************************************************************************`;
/** file_env's `val="$(< "${!fileVar}")"` (line 21 of docker-entrypoint.sh) under `set -Eeo pipefail`: bash's error, exit 1. */
export const POSTGRES_SECRET_FILE_MISSING = "/usr/local/bin/docker-entrypoint.sh: line 21: {file}: No such file or directory";
export const POSTGRES_BOTH_PASSWORDS = "error: both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set (but are exclusive)";

const PG_LINES = { "9.0": 23, "9.1": 24, "9.2": 24, "9.3": 25, "9.4": 26, "9.5": 25, "9.6": 24,
  "10": 23, "11": 22, "12": 22, "13": 22, "14": 19, "15": 14, "16": 10, "17": 6, "18": 1 };

const pgServerLines = (at: number): LogLine[] => [
  "{ts:pg} [1] LOG:  starting PostgreSQL {version} (Debian {version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit",
  '{ts:pg} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432',
  '{ts:pg} [1] LOG:  listening on IPv6 address "::", port 5432',
  '{ts:pg} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
  "{ts:pg} [64] LOG:  database system was shut down at {ts:pg}",
  "{ts:pg} [1] LOG:  database system is ready to accept connections",
].map((t) => err(t, at));

/** initdb's report on a first start (stdout), as postgres 12–17 print it. */
const INITDB = `The files belonging to this database system will be owned by user "postgres".
This user must also own the server process.

The database cluster will be initialized with locale "en_US.utf8".
The default database encoding has accordingly been set to "UTF8".
The default text search configuration will be set to "english".

Data page checksums are disabled.

fixing permissions on existing directory {env:PGDATA} ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default max_connections ... 100
selecting default shared_buffers ... 128MB
selecting default time zone ... Etc/UTC
creating configuration files ... ok
running bootstrap script ... ok
performing post-bootstrap initialization ... ok
syncing data to disk ... ok


Success. You can now start the database server using:

    pg_ctl -D {env:PGDATA} -l logfile start
`;

/**
 * The entrypoint's first start: initdb, a temporary server on the Unix socket only (its log lines
 * follow pg_ctl's "waiting…" dots on the same terminal line), then the real server.
 */
const PG_FIRST_START: LogLine[] = [
  // docker_verify_minimum_env, on an empty data directory only.
  ...block("stderr", 0, POSTGRES_TRUST_WARNING).map((l) => ({ ...l, when: { env: "POSTGRES_HOST_AUTH_METHOD=trust" } })),
  ...block("stdout", 0, INITDB),
  err('initdb: warning: enabling "trust" authentication for local connections', 1000),
  err("initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.", 1000),
  out("waiting for server to start....{ts:pg} [48] LOG:  starting PostgreSQL {version} (Debian {version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit", 1500),
  err('{ts:pg} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"', 1500),
  err("{ts:pg} [51] LOG:  database system was shut down at {ts:pg}", 1500),
  err("{ts:pg} [48] LOG:  database system is ready to accept connections", 2000),
  out(" done", 2000), out("server started", 2000),
  // docker_setup_db: psql's CREATE DATABASE for a POSTGRES_DB (by default POSTGRES_USER) other than postgres, then a newline.
  ...[out("CREATE DATABASE", 2000), out("", 2000)].map((l) => ({ ...l,
    when: { anyOf: [{ envNot: "POSTGRES_DB=postgres" }, { noEnv: "POSTGRES_DB", envNot: "POSTGRES_USER=postgres" }] } })),
  out("", 2000),
  out("/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*", 2000), out("", 2000),
  out("waiting for server to shut down....{ts:pg} [48] LOG:  received fast shutdown request", 2500),
  err("{ts:pg} [48] LOG:  aborting any active transactions", 2500),
  err('{ts:pg} [48] LOG:  background worker "logical replication launcher" (PID 54) exited with exit code 1', 2500),
  err("{ts:pg} [49] LOG:  shutting down", 2500),
  err("{ts:pg} [48] LOG:  database system is shut down", 2500),
  out(" done", 2500), out("server stopped", 2500),
  out("", 2500), out("PostgreSQL init process complete; ready for start up.", 2500), out("", 2500),
  ...pgServerLines(3000),
];

const postgres: CatalogueEntry = {
  names: ["docker.io/library/postgres"],
  source: "images.md §4 postgres, §5.7",
  tags: tagRule({ aliases: ["latest", "alpine", "bookworm", "bullseye", "trixie"], versions: PG_LINES,
    suffixes: ["alpine", /^alpine3\.\d+$/, "bookworm", "bullseye", "trixie", "buster", "stretch"] }),
  image: (tag) => {
    const version = versionOf(tag, PG_LINES, "17.2");
    const major = Number(version.split(".")[0]);
    const pgdata = major >= 18 ? `/var/lib/postgresql/${major}/docker` : "/var/lib/postgresql/data";
    return image({
      version,
      sizeBytes: 150_000_000,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["postgres"],
      // The Dockerfile's ENVs in its order; Debian's PG_VERSION is the PGDG package version.
      env: { PATH: `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/${major}/bin`,
        ...(isAlpine(tag) ? {} : { GOSU_VERSION: "1.17" }), LANG: "en_US.utf8", PG_MAJOR: String(major),
        PG_VERSION: isAlpine(tag) ? version : `${version}-1.pgdg120+1`, PGDATA: pgdata },
      exposedPorts: tcp(5432),
      // The Dockerfile's VOLUME (18 moved it up to the parent of the versioned PGDATA).
      volumes: [major >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data"],
      stopSignal: "SIGINT",
      wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["postgres"] }],
      tools: [...(isAlpine(tag) ? ALPINE_TOOLS : DEBIAN_TOOLS), "postgres", "psql", "pg_isready", "gosu"],
      // The Dockerfiles' `useradd -r postgres` (Debian: 999; Alpine: 70, its reserved id).
      accounts: [{ name: "postgres", uid: isAlpine(tag) ? 70 : 999, gid: isAlpine(tag) ? 70 : 999, home: "/var/lib/postgresql", shell: isAlpine(tag) ? "/bin/sh" : "/bin/bash" }],
      programs: [daemon(["postgres"], tcp(5432), {
        exitRules: [
          // The entrypoint's _pg_want_help: -V/--version (and --help) skip the setup and exec postgres.
          { when: { kind: "firstArg", anyOf: ["--version", "-V"] }, exitCode: 0,
            logs: [out(`postgres (PostgreSQL) {version}${isAlpine(tag) ? "" : " (Debian {version}-1.pgdg120+1)"}`)] },
          { when: { kind: "envConflict", names: ["POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE"] }, exitCode: 1,
            logs: [err(POSTGRES_BOTH_PASSWORDS)] },
          // docker_setup_env: file_env POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB (even over an existing database).
          ...["POSTGRES_PASSWORD_FILE", "POSTGRES_USER_FILE", "POSTGRES_DB_FILE"].map((fromEnv) => (
            { when: { kind: "fileMissing" as const, fromEnv }, exitCode: 1, logs: [err(POSTGRES_SECRET_FILE_MISSING)] })),
          { when: { kind: "envMissing", anyOf: ["POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE", "POSTGRES_HOST_AUTH_METHOD=trust"],
            unlessFile: "${PGDATA}/PG_VERSION" }, exitCode: 1, logs: block("stderr", 0, POSTGRES_NO_PASSWORD) },
        ],
        logs: PG_FIRST_START,
        listen: { ports: tcp(5432), afterMs: 3000 },
        whenFileExists: { path: "${PGDATA}/PG_VERSION", listenAfterMs: 1000, logs: [
          out(""), out("PostgreSQL Database directory appears to contain a database; Skipping initialization"), out(""),
          ...pgServerLines(1000)] },
        writes: { "${PGDATA}/PG_VERSION": `${major}\n` },
        signals: {
          // The postmaster (1) as the temporary server logged it (48): its launcher worker ends, the checkpointer shuts down.
          SIGINT: exits(0, 500, ["[1] LOG:  received fast shutdown request", "[1] LOG:  aborting any active transactions",
            '[1] LOG:  background worker "logical replication launcher" (PID 67) exited with exit code 1', "[62] LOG:  shutting down",
            "[1] LOG:  database system is shut down"].map((t) => err(`{ts:pg} ${t}`))),
          SIGTERM: exits(0, 500, [err("{ts:pg} [1] LOG:  received smart shutdown request"), err("{ts:pg} [1] LOG:  database system is shut down")]),
        },
        memory: { bytes: 40 * 1024 * 1024 },
      })],
    });
  },
};

const MYSQL_LINES = { "5.5": 62, "5.6": 51, "5.7": 44, "8.0": 43, "8.1": 0, "8.2": 0, "8.3": 0, "8.4": 6, ...range("9.", 0, 4, 2) };
export const MYSQL_NO_PASSWORD = [
  "{ts:rfc3339s} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
  "    You need to specify one of the following as an environment variable:",
  "    - MYSQL_ROOT_PASSWORD",
  "    - MYSQL_ALLOW_EMPTY_PASSWORD",
  "    - MYSQL_RANDOM_ROOT_PASSWORD",
];
export const MYSQL_USER_ROOT = '{ts:rfc3339s} [ERROR] [Entrypoint]: MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user';

const mysqlStart = (flavour: "MySQL" | "MariaDB", pkg: string): LogLine[] => [
  out(`{ts:rfc3339s} [Note] [Entrypoint]: Entrypoint script for ${flavour} Server ${pkg} started.`),
  out("{ts:rfc3339s} [Note] [Entrypoint]: Switching to dedicated user 'mysql'"),
  out(`{ts:rfc3339s} [Note] [Entrypoint]: Entrypoint script for ${flavour} Server ${pkg} started.`),
];
/** docker_verify_minimum_env: a regular user needs both variables; one alone is a warning (stderr), and the start goes on. */
const MYSQL_USER_WARNINGS: LogLine[] = [
  { ...err("{ts:rfc3339s} [Warn] [Entrypoint]: MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created"), when: { env: "MYSQL_USER", noEnv: "MYSQL_PASSWORD" } },
  { ...err("{ts:rfc3339s} [Warn] [Entrypoint]: MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored"), when: { env: "MYSQL_PASSWORD", noEnv: "MYSQL_USER" } },
];

/**
 * docker_setup_db's notes: the database, the user (given a password too), its grant on the
 * database. MariaDB's entrypoint resolves each of MARIADB_X, else MYSQL_X, on its own.
 */
function setupLines(flavour: "MySQL" | "MariaDB"): LogLine[] {
  // The variable a value comes from: the first name set (the later names only when the earlier are not).
  const from = (v: string): Condition[] => (flavour === "MariaDB" ? [{ env: `MARIADB_${v}` }, { env: `MYSQL_${v}`, noEnv: `MARIADB_${v}` }] : [{ env: `MYSQL_${v}` }]);
  const lines: LogLine[] = [];
  for (const db of from("DATABASE")) lines.push({ ...out(`{ts:rfc3339s} [Note] [Entrypoint]: Creating database {env:${db.env}}`, 12000), when: db });
  for (const user of from("USER")) {
    // user AND a password (either name) — and, for the grant, a database (either name).
    lines.push({ ...out(`{ts:rfc3339s} [Note] [Entrypoint]: Creating user {env:${user.env}}`, 12000), when: { ...user, anyOf: from("PASSWORD") } });
    for (const db of from("DATABASE")) {
      lines.push({ ...out(`{ts:rfc3339s} [Note] [Entrypoint]: Giving user {env:${user.env}} access to schema {env:${db.env}}`, 12000),
        when: { ...user, anyOf: [{ ...db, anyOf: from("PASSWORD") }] } });
    }
  }
  return lines;
}

const mysqlInit = (flavour: "MySQL" | "MariaDB"): LogLine[] => [
  out("{ts:rfc3339s} [Note] [Entrypoint]: Initializing database files", 0),
  out("{ts:rfc3339s} [Note] [Entrypoint]: Database files initialized", 8000),
  out("{ts:rfc3339s} [Note] [Entrypoint]: Starting temporary server", 8000),
  out("{ts:rfc3339s} [Note] [Entrypoint]: Temporary server started.", 10000),
  ...setupLines(flavour),
  out("{ts:rfc3339s} [Note] [Entrypoint]: Stopping temporary server", 13000),
  out("{ts:rfc3339s} [Note] [Entrypoint]: Temporary server stopped", 14000),
  out("", 14000),
  out(`{ts:rfc3339s} [Note] [Entrypoint]: ${flavour} init process done. Ready for start up.`, 14000),
  out("", 14000),
];

const mysql: CatalogueEntry = {
  names: ["docker.io/library/mysql"],
  source: "images.md §4 mysql, §5.8",
  tags: tagRule({ aliases: ["latest", "lts", "innovation", "oracle", "debian"], versions: MYSQL_LINES,
    suffixes: ["oracle", "debian", /^oraclelinux[89]$/], suffixedAliases: ["lts", "innovation"],
    suffixOnlyOn: { debian: ["5.7", "8.0"] } }),
  image: (tag) => {
    // `lts` is the 8.4 LTS line; `latest` and `innovation` the 9.x innovation releases.
    const version = versionOf(/^lts(-|$)/.test(tag ?? "") ? "8.4" : tag, MYSQL_LINES, "9.1.0");
    const pkg = `${version}-1.el${version.startsWith("5.") ? 7 : version.startsWith("8.0") ? 9 : 9}`;
    const ready = err(`{ts:mysqld} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
    return image({
      version,
      sizeBytes: 600_000_000,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mysqld"],
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", GOSU_VERSION: "1.17",
        MYSQL_MAJOR: /^(8\.0|8\.4|5\.7)/.test(version) ? version.slice(0, 3) : "innovation", MYSQL_VERSION: pkg,
        MYSQL_SHELL_VERSION: version.startsWith("5.") ? "8.0.35-1.el7" : pkg },
      exposedPorts: tcp(3306, 33060),
      volumes: ["/var/lib/mysql"],
      wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["mysqld"] }],
      // The default variant is Oracle Linux slim; `-debian` tags are Debian.
      tools: [...(/debian/.test(tag ?? "") ? DEBIAN_TOOLS : ORACLE_TOOLS), "mysqld", "mysql", "mysqladmin"],
      accounts: [{ name: "mysql", uid: 999, gid: 999, home: "/var/lib/mysql", shell: "/bin/bash" }],
      programs: [daemon(["mysqld"], tcp(3306, 33060), {
        exitRules: [
          // _mysql_want_help: --version/-V go straight to mysqld, which names itself by its path from 8.0.
          { when: { kind: "firstArg", anyOf: ["--version", "-V"] }, exitCode: 0, logs: [out(version.startsWith("5.")
            ? `mysqld  Ver ${version} for Linux on x86_64 (MySQL Community Server (GPL))`
            : `/usr/sbin/mysqld  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)`)] },
          { when: { kind: "envEquals", name: "MYSQL_USER", value: "root" }, exitCode: 1,
            logs: [...mysqlStart("MySQL", pkg), err(MYSQL_USER_ROOT)] },
          { when: { kind: "envMissing", anyOf: ["MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"],
            unlessFile: "/var/lib/mysql/mysql/user.frm" }, exitCode: 1,
            logs: [...mysqlStart("MySQL", pkg), ...MYSQL_NO_PASSWORD.map((t) => err(t))] },
        ],
        logs: [...mysqlStart("MySQL", pkg), ...MYSQL_USER_WARNINGS, ...mysqlInit("MySQL"), { ...ready, atMs: 15000 }],
        listen: { ports: tcp(3306, 33060), afterMs: 15000 },
        whenFileExists: { path: "/var/lib/mysql/mysql/user.frm", listenAfterMs: 2000,
          logs: [...mysqlStart("MySQL", pkg), { ...ready, atMs: 2000 }] },
        writes: { "/var/lib/mysql/mysql/user.frm": "" },
        signals: { SIGTERM: exits(0, 2000), SIGINT: exits(0, 2000) },
        memory: { bytes: 400 * 1024 * 1024 },
      })],
    });
  },
};

const MARIADB_LINES = { ...range("10.", 0, 11, 25), ...range("11.", 0, 8, 6), ...range("12.", 0, 1, 2) };
export const mariadbNoPassword = (withHash: boolean): string[] => [
  "{ts:rfc3339s} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
  `\tYou need to specify one of MARIADB_ROOT_PASSWORD, ${withHash ? "MARIADB_ROOT_PASSWORD_HASH, " : ""}MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD`,
];

const mariadb: CatalogueEntry = {
  names: ["docker.io/library/mariadb"],
  source: "images.md §4 mariadb, §5.9",
  tags: tagRule({ aliases: ["latest", "lts", "focal", "jammy", "noble", "ubi"], versions: MARIADB_LINES,
    suffixes: ["focal", "jammy", "noble", "ubi", "ubi9", "bionic"], suffixedAliases: ["lts"] }),
  image: (tag) => {
    const version = versionOf(tag, MARIADB_LINES, "11.4.3");
    // 2021-era tags (explicit patch versions before the _HASH option, §5.9 [ver]): approximated as 10.x.y ≤ 10.10.
    const parts = version.split(".").map(Number);
    const old = /^\d+\.\d+\.\d+/.test(tag ?? "") && parts[0] === 10 && (parts[1] ?? 0) <= 10;
    const server = parts[0] === 10 ? "mysqld" : "mariadbd";
    // Packages were named after the Ubuntu codename until 2022 (`1:10.6.4+maria~focal`, and the
    // server's version string carried the whole package version), then `ubu2004`/`ubu2204`/`ubu2404`.
    const codename = /focal/.test(tag ?? "") || old ? "focal" : /jammy/.test(tag ?? "") ? "jammy" : "noble";
    const distro = old ? codename : { focal: "ubu2004", jammy: "ubu2204", noble: "ubu2404" }[codename];
    const pkg = `1:${version}+maria~${distro}`;
    const serverVersion = old ? `${version}-MariaDB-${pkg}` : `${version}-MariaDB-${distro}`;
    return image({
      version,
      sizeBytes: 400_000_000,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: [server],
      env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", GOSU_VERSION: "1.17", LANG: "C.UTF-8", MARIADB_VERSION: pkg },
      exposedPorts: tcp(3306),
      volumes: ["/var/lib/mysql"],
      wrappers: [{ path: "docker-entrypoint.sh", flagsTo: [server] }],
      tools: [...DEBIAN_TOOLS, "mariadbd", "mysqld", "mariadb", "mysql", "mysqladmin", "mariadb-admin", "healthcheck.sh"],
      accounts: [{ name: "mysql", uid: 999, gid: 999, home: "/home/mysql" }],
      programs: [server, server === "mysqld" ? "mariadbd" : "mysqld"].map((name) => daemon([name], tcp(3306), {
        exitRules: [{ when: { kind: "firstArg", anyOf: ["--version", "-V"] }, exitCode: 0,
          logs: [out(`${name}  Ver ${serverVersion} for debian-linux-gnu on x86_64 (mariadb.org binary distribution)`)] },
        { when: { kind: "envMissing", unlessFile: "/var/lib/mysql/mysql/user.frm", anyOf: [
          "MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE", "MYSQL_ROOT_PASSWORD_FILE",
          "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MARIADB_RANDOM_ROOT_PASSWORD",
          "MYSQL_RANDOM_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_HASH"] }, exitCode: 1,
        logs: [...mysqlStart("MariaDB", pkg), ...mariadbNoPassword(!old).map((t) => err(t))] }],
        logs: [...mysqlStart("MariaDB", pkg), ...mysqlInit("MariaDB"),
          err(`{ts:mysqld} 0 [Note] ${server}: ready for connections.`, 15000),
          err(`Version: '${serverVersion}'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution`, 15000)],
        listen: { ports: tcp(3306), afterMs: 15000 },
        whenFileExists: { path: "/var/lib/mysql/mysql/user.frm", listenAfterMs: 2000, logs: [
          ...mysqlStart("MariaDB", pkg), err(`{ts:mysqld} 0 [Note] ${server}: ready for connections.`, 2000)] },
        writes: { "/var/lib/mysql/mysql/user.frm": "" },
        memory: { bytes: 150 * 1024 * 1024 },
      })),
    });
  },
};

export const sqlEntries: CatalogueEntry[] = [postgres, mysql, mariadb];
