// Key-value stores, document stores and brokers (images.md §4 rows, §5.3, §5.10, §5.11, §5.13):
// redis, mongo, rabbitmq, memcached.

import { range, tagRule } from "../tags";
import type { LogLine } from "../types";
import {
  ALPINE_TOOLS, DEBIAN_TOOLS, type CatalogueEntry, daemon, err, exits, image, isAlpine, out, tcp, versionOf,
} from "./common";

const REDIS_LINES = { "2.6": 17, "2.8": 23, "3.0": 7, "3.2": 13, "4.0": 14, "5.0": 14, "6.0": 20, "6.2": 17,
  "7.0": 15, "7.2": 7, "7.4": 2, "8.0": 2, "8.2": 1 };

/** redis-server's start lines; ≤ 6 uses "#" on the first line and no " tcp" at the end (§5.3 [ver]). */
function redisStartLines(major: number): LogLine[] {
  const modern = major >= 7;
  return [
    `1:C {ts:redis} ${modern ? "*" : "#"} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    "1:C {ts:redis} " + (modern ? "*" : "#") + " Redis version={version}, bits=64, commit=00000000, modified=0, pid=1, just started",
    "1:C {ts:redis} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf",
    "1:M {ts:redis} * monotonic clock: POSIX clock_gettime",
    "1:M {ts:redis} * Running mode=standalone, port=6379.",
    "1:M {ts:redis} * Server initialized",
    `1:M {ts:redis} * Ready to accept connections${modern ? " tcp" : ""}`,
  ].map((t) => out(t));
}

export const REDIS_SECURITY_ATTACK = "1:M {ts:redis} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.";

const REDIS_STOP = ["1:signal-handler ({epoch}) Received SIGTERM scheduling shutdown...",
  "1:M {ts:redis} * User requested shutdown...", "1:M {ts:redis} * Saving the final RDB snapshot before exiting.",
  "1:M {ts:redis} * DB saved on disk", "1:M {ts:redis} # Redis is now ready to exit, bye bye..."].map((t) => out(t));

export function redisImage(version: string, alpine: boolean, extra: { repeatLog?: LogLine; env?: Record<string, string> } = {}) {
  const major = Number(version.split(".")[0]) || 7;
  return image({
    version,
    sizeBytes: alpine ? 17_000_000 : 45_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["redis-server"],
    exposedPorts: tcp(6379),
    volumes: ["/data"],
    workingDir: "/data",
    // The Dockerfile's ENVs (gosu on Debian only; Alpine uses su-exec); the download's SHA is left out.
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ...(alpine ? {} : { GOSU_VERSION: "1.17" }), REDIS_VERSION: version,
      REDIS_DOWNLOAD_URL: `http://download.redis.io/releases/redis-${version}.tar.gz`, ...extra.env },
    wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["redis-server"], alsoFor: "\\.conf$" }],
    tools: [...(alpine ? ALPINE_TOOLS : DEBIAN_TOOLS), "redis-server", "redis-cli"],
    accounts: [{ name: "redis", uid: 999, gid: alpine ? 1000 : 999, home: "/home/redis" }],
    programs: [daemon(["redis-server"], tcp(6379), {
      // redis-server -v / --version answers before reading any configuration (the bundled jemalloc of each line).
      exitRules: [{ when: { kind: "firstArg", anyOf: ["--version", "-v"] }, exitCode: 0, logs: [out(`Redis server v=${version} sha=00000000:0 malloc=jemalloc-${
        major >= 8 || /^7\.[24]/.test(version) ? "5.3.0" : major === 7 ? "5.2.1" : "5.1.0"} bits=64 build=${major >= 7 ? "c8e2a7ad4e2b2d5f" : "7ca4fbd3a13b1f62"}`)] }],
      logs: redisStartLines(major),
      ...(extra.repeatLog ? { repeatLog: { everyMs: 1000, fromMs: 1000, line: extra.repeatLog } } : {}),
      http: { routes: [], dropsHttp: { log: out(REDIS_SECURITY_ATTACK) } },
      signals: { SIGTERM: exits(0, 100, REDIS_STOP), SIGINT: exits(0, 100, REDIS_STOP) },
      memory: { bytes: 4 * 1024 * 1024 },
    })],
  });
}

const redis: CatalogueEntry = {
  names: ["docker.io/library/redis"],
  source: "images.md §4 redis, §5.3",
  tags: tagRule({ aliases: ["latest", "alpine", "bookworm", "bullseye"], versions: REDIS_LINES,
    suffixes: ["alpine", /^alpine3\.\d+$/, "bookworm", "bullseye", "buster", "32bit"] }),
  image: (tag) => redisImage(versionOf(tag, REDIS_LINES, "7.4.2"), isAlpine(tag)),
};

const MONGO_LINES = { "3.0": 15, "3.2": 22, "3.4": 24, "3.6": 23, "4.0": 28, "4.2": 24, "4.4": 29,
  "5.0": 30, "6.0": 20, "7.0": 16, "8.0": 4 };
export const MONGO_PARTIAL_ROOT = [
  "error: missing 'MONGO_INITDB_ROOT_USERNAME' or 'MONGO_INITDB_ROOT_PASSWORD'",
  "       both must be specified for a user to be created",
];

const mongo: CatalogueEntry = {
  names: ["docker.io/library/mongo"],
  source: "images.md §4 mongo, §5.10",
  tags: tagRule({ aliases: ["latest", "jammy", "noble", "focal"], versions: MONGO_LINES,
    suffixes: ["jammy", "focal", "noble", "bionic", "xenial", /^windowsservercore(-\w+)?$/, /^nanoserver(-\w+)?$/] }),
  image: (tag) => {
    const version = versionOf(tag, MONGO_LINES, "8.0.4");
    const [maj, min] = version.split(".").map(Number) as [number, number];
    const json = maj > 4 || (maj === 4 && min >= 4);
    const ready = json
      ? out('{"t":{"$date":"{ts:mongojson}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}', 1000)
      : out("{ts:mongo} I  NETWORK  [initandlisten] waiting for connections on port 27017", 1000);
    return image({
      version,
      sizeBytes: 250_000_000,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mongod"],
      exposedPorts: tcp(27017),
      volumes: ["/data/configdb", "/data/db"],
      wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["mongod"] }],
      tools: [...DEBIAN_TOOLS, "mongod", maj >= 6 ? "mongosh" : "mongo"],
      accounts: [{ name: "mongodb", uid: 999, gid: 999, home: "/data/db" }],
      programs: [daemon(["mongod"], tcp(27017), {
        exitRules: [{ when: { kind: "envPartial", names: ["MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"] },
          exitCode: 1, logs: MONGO_PARTIAL_ROOT.map((t) => err(t)) }],
        logs: [ready],
        listen: { ports: tcp(27017), afterMs: 1000 },
        http: { routes: [{ path: "*", status: 200, body: "It looks like you are trying to access MongoDB over HTTP on the native driver port.\n", contentType: "text/plain" }] },
        signals: { SIGTERM: exits(0, 500), SIGINT: exits(0, 500) },
        memory: { bytes: 100 * 1024 * 1024 },
      })],
    });
  },
};

const RABBIT_LINES = { ...range("3.", 5, 13, 20), ...range("4.", 0, 1, 5) };
/** The last release of each line, which a minor tag stands for. */
const RABBIT_LAST = { "3.8": 34, "3.9": 29, "3.10": 25, "3.11": 28, "3.12": 14, "3.13": 7, "4.0": 9, "4.1": 4 };
/** docker-entrypoint.sh (3.9+) refuses the variables it used to turn into configuration. */
const RABBIT_DEPRECATED = ["RABBITMQ_DEFAULT_PASS_FILE", "RABBITMQ_DEFAULT_USER_FILE", "RABBITMQ_MANAGEMENT_SSL_CACERTFILE",
  "RABBITMQ_MANAGEMENT_SSL_CERTFILE", "RABBITMQ_MANAGEMENT_SSL_DEPTH", "RABBITMQ_MANAGEMENT_SSL_FAIL_IF_NO_PEER_CERT",
  "RABBITMQ_MANAGEMENT_SSL_KEYFILE", "RABBITMQ_MANAGEMENT_SSL_VERIFY", "RABBITMQ_SSL_CACERTFILE", "RABBITMQ_SSL_CERTFILE",
  "RABBITMQ_SSL_DEPTH", "RABBITMQ_SSL_FAIL_IF_NO_PEER_CERT", "RABBITMQ_SSL_KEYFILE", "RABBITMQ_SSL_VERIFY", "RABBITMQ_VM_MEMORY_HIGH_WATERMARK"];
const rabbitmq: CatalogueEntry = {
  names: ["docker.io/library/rabbitmq"],
  source: "images.md §4 rabbitmq, §5.11",
  tags: tagRule({ aliases: ["latest", "management", "alpine", "management-alpine"], versions: RABBIT_LINES,
    suffixes: ["management", "alpine", "management-alpine"] }),
  image: (tag) => {
    const management = (tag ?? "").includes("management");
    // What listens by default; the Dockerfile also EXPOSEs the TLS ports (5671, 15691; 15671 with management).
    const ports = [...tcp(5672, 4369, 25672, 15692), ...(management ? tcp(15672) : [])];
    const exposed = [...tcp(4369, 5671, 5672, 15691, 15692, 25672), ...(management ? tcp(15671, 15672) : [])];
    const version = versionOf(tag, RABBIT_LAST, "3.13.7");
    return image({
      version,
      sizeBytes: 150_000_000,
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["rabbitmq-server"],
      exposedPorts: exposed,
      volumes: ["/var/lib/rabbitmq"],
      wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["rabbitmq-server"] }],
      tools: [...(isAlpine(tag) ? ALPINE_TOOLS : DEBIAN_TOOLS), "rabbitmq-server", "rabbitmq-diagnostics", "rabbitmqctl"],
      accounts: [{ name: "rabbitmq", uid: 999, gid: 999, home: "/var/lib/rabbitmq" }],
      programs: [daemon(["rabbitmq-server"], ports, {
        exitRules: /^3\.[5-8]\./.test(version) ? [] : [{ when: { kind: "envSet", anyOf: RABBIT_DEPRECATED }, exitCode: 1, logs: [err("error: {env} is set but deprecated"),
          err("error: deprecated environment variables detected"), err(""),
          err("Please use a configuration file instead; visit https://www.rabbitmq.com/configure.html to learn more"), err("")] }],
        logs: [out("{ts:rabbit} [info] <0.230.0> Starting RabbitMQ {version} on Erlang 26.2.5 [jit]"),
          out("{ts:rabbit} [info] <0.230.0> Server startup complete; 4 plugins started.", 10000)],
        listen: { ports, afterMs: 10000 },
        http: { routes: [
          { path: "/api/", prefix: true, status: 401, body: '{"error":"not_authorized","reason":"Not_Authorized"}' },
          { path: "/", status: 200, body: "<!DOCTYPE html>\n<title>RabbitMQ Management</title>\n", contentType: "text/html" },
        ] },
        memory: { bytes: 120 * 1024 * 1024 },
      })],
    });
  },
};

const memcached: CatalogueEntry = {
  names: ["docker.io/library/memcached"],
  source: "images.md §4 memcached, §5.13",
  tags: tagRule({ aliases: ["latest", "alpine", "bookworm"], versions: { "1.6": 34, "1.5": 22, "1.4": 39 },
    suffixes: ["alpine", /^alpine3\.\d+$/, "bookworm"] }),
  image: (tag) => image({
    version: versionOf(tag, { "1.6": 34 }, "1.6.34"),
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["memcached"],
    exposedPorts: tcp(11211),
    user: "memcache",
    wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["memcached"] }],
    tools: [...(isAlpine(tag) ? ALPINE_TOOLS : DEBIAN_TOOLS), "memcached"],
    accounts: [{ name: "memcache", uid: 11211, gid: 11211, home: "/home/memcache" }],
    programs: [daemon(["memcached"], tcp(11211), { memory: { bytes: 2 * 1024 * 1024 } })],
  }),
};

export const nosqlEntries: CatalogueEntry[] = [redis, mongo, rabbitmq, memcached];
