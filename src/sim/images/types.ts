// The shapes of the image catalogue. Everything a resolved image carries is plain data (JSON-safe),
// so engines can store it in their state; behaviour that depends on arguments or environment is
// expressed as small declarative rules that src/sim/runtime interprets.

export type Protocol = "tcp" | "udp";

export interface PortSpec {
  port: number;
  protocol: Protocol;
}

export type SignalName =
  | "SIGTERM" | "SIGKILL" | "SIGINT" | "SIGQUIT" | "SIGWINCH" | "SIGUSR1" | "SIGHUP";

export type LogStream = "stdout" | "stderr";

/**
 * One log line a program writes. `text` may hold placeholders rendered at emission time:
 * `{ts:nginx}` `{ts:redis}` `{ts:pg}` `{ts:mysql}` `{ts:iso}` `{ts:clf}` `{ts:go}` `{ts:gunicorn}` `{ts:gonano}`
 * `{ts:nanofixed}` `{ts:mongojson}` `{ts:rabbit}` … (template.ts; the virtual time in that program's format), `{ip}`, `{hostname}`, `{version}`, `{port}`,
 * `{uptime}` (seconds since start).
 */
export interface LogLine {
  /** Milliseconds after the program started (default 0). */
  atMs?: number;
  stream?: LogStream;
  text: string;
  /** Printed only when this holds for the full command line and environment (python's buffered banner). */
  when?: Condition;
  /** A REPL's banner: printed only when the program runs without arguments on a terminal (-t/-i). */
  replBanner?: true;
}

/** How the program reacts when a signal reaches it as PID 1 (absent = ignored, the PID 1 rule). */
export interface SignalReaction {
  exitCode: number;
  /** Time from the signal to the exit. */
  delayMs: number;
  logs?: LogLine[];
}

/** One HTTP answer. The first route whose path and time window match wins. */
export interface HttpRoute {
  /** Exact path, or a prefix when `prefix` is set; "*" matches every path. */
  path: string;
  prefix?: boolean;
  status: number;
  /** May use the log placeholders, plus `{path}` and `{text}` (see HttpSpec.textFromArg). */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Only when an argument contains `arg`, an env variable is set (`env`) or unset (`noEnv`). */
  when?: Condition;
  /** Active from this uptime (inclusive)… */
  fromMs?: number;
  /** …until this uptime (exclusive). */
  untilMs?: number;
}

export interface HttpSpec {
  routes: HttpRoute[];
  /** Serve files under this directory of the container filesystem (nginx, httpd). */
  staticRoot?: string;
  /** Index files tried for a path ending in "/". */
  index?: string[];
  /** How a directory under staticRoot is answered (redirect without its slash, listing without an index). */
  directories?: DirectoryAnswers;
  /** Answer when nothing matched (default 404, empty body); `log` is written before the access line. */
  notFound?: { status: number; body?: string; contentType?: string; log?: LogLine; /** Set by the handler (Go's http.Error). */ headers?: Record<string, string> };
  /**
   * A Go net/http server: the handler's headers (a route's or notFound's `headers`) sorted, then
   * Date and Content-Length, then `contentType` as sniffed content.
   */
  server?: "go";
  /** The server drops HTTP connections without answering (redis: `Host:` seen as an attack). */
  dropsHttp?: { log?: LogLine };
  /** An access-log line per request: `{client}` `{method}` `{path}` `{status}` `{bytes}` `{ua}`. */
  accessLog?: LogLine;
  /** The value of a flag (`-text=hello`, `-text hello`) or env variable that `{text}` renders to. */
  textFromArg?: { flag: string; orEnv?: string };
  /**
   * The headers this server sends on every response, in its own order (what `curl -I` shows).
   * Values may use the log placeholders plus `{contentType}` `{contentLength}` and, on `static`
   * lines (sent only for files served from staticRoot), `{lastModified}` `{mtimeHex}`
   * `{mtimeUsecHex}` `{lengthHex}`. A line whose value renders empty is left out. Absent: only
   * Content-Type and Content-Length.
   */
  responseHeaders?: { name: string; value: string; static?: boolean }[];
  /** The modification time of the image's static files (seconds since the epoch), for Last-Modified/ETag. */
  staticMtime?: number;
  /** Reason phrases that differ from the standard ones (nginx: 302 "Moved Temporarily"). */
  reasons?: Record<number, string>;
}

/**
 * A static server's answers for a directory: `redirect` a request without the trailing slash
 * (301: "absolute" http://Host/path/ as Apache's mod_dir, "relative" /path/ as python's
 * http.server), and list one without an index file in this server's format (absent: not found).
 */
export interface DirectoryAnswers {
  redirect: "absolute" | "relative";
  listing?: "apache" | "python" | "python-html4";
}

/** A condition on the program's arguments and environment. */
export interface Condition {
  arg?: string;
  /** A variable that is set ("NAME"), or has a value ("NAME=value"). */
  env?: string;
  noEnv?: string;
  /** "NAME=value": the variable is set to something else than value (not empty). */
  envNot?: string;
  /** Holds when any of these holds (checked after the fields above). */
  anyOf?: Condition[];
}

/** A condition under which the program exits at start instead of running. */
export type ExitCondition =
  /** None of these is set to a non-empty value ("NAME=value" requires that value). */
  | { kind: "envMissing"; anyOf: string[]; /** "${PGDATA}/PG_VERSION": env expanded */ unlessFile?: string }
  /** Both are set. */
  | { kind: "envConflict"; names: [string, string] }
  /** Exactly one of the two is set. */
  | { kind: "envPartial"; names: [string, string] }
  /** An env variable has this value. */
  | { kind: "envEquals"; name: string; value: string }
  /** One of these is set to a non-empty value: sets `{env}` to the first, in this order. */
  | { kind: "envSet"; anyOf: string[] }
  /** The flag (`-text`, given as `-text=x`, `--text=x` or `-text x`) is absent and the env fallback empty. */
  | { kind: "argMissing"; flag: string; orEnv?: string }
  /** An argument is one of these flags (`--docker`, `--docker.domain=x`): sets `{flag}` to its name without dashes. */
  | { kind: "flagAmong"; anyOf: string[] }
  /** The first argument is one of these (`node --version`, `nginx -t`): the program answers and exits. */
  | { kind: "firstArg"; anyOf: string[] }
  /** No argument contains this text (`nginx` without `-g 'daemon off;'`). */
  | { kind: "argAbsent"; contains: string }
  /** More positional (non-flag) arguments than allowed. */
  | { kind: "tooManyArgs"; max: number }
  /** getopt never sees this one-letter option (ProgramPlan.getopt): `httpd` without `-f` daemonizes, PID 1 exits 0. */
  | { kind: "shortFlagAbsent"; flag: string }
  /** A file is missing: a fixed path, or the program's Nth positional argument resolved against the working directory. */
  | { kind: "fileMissing"; path?: string; argIndex?: number;
      /** The file named by this env variable (entrypoints' `file_env`: `$(< "$X_FILE")`); never holds when it is empty. */
      fromEnv?: string }
  /** The name does not resolve (needs the caller's network hook; assumed resolvable without it). */
  | { kind: "hostUnresolvable"; host: string }
  /** The container is not privileged (docker:dind). */
  | { kind: "notPrivileged" }
  /**
   * The program cannot create what it needs at start — a directory (`mkdir()`), or a file such as
   * its pid file (`open()`) — as the kernel decides for its user: a read-only root filesystem
   * outside writable mounts (30: Read-only file system, checked first), or a directory its uid may
   * not write (13: Permission denied; root may). Sets `{errno}` ("30: Read-only file system").
   * `because` narrows it to one cause. When it holds not, the program has made it (as it would).
   */
  | { kind: "cannotCreate"; path: string; dir?: boolean; because?: "EROFS" | "EACCES";
      /** What the program writes into the file when it can ("1\n" for a pid file). */
      content?: string }
  /** A REPL (`node`, `python3`, `irb`) with no arguments and no stdin/TTY: it reads EOF. */
  | { kind: "replWithoutTty" }
  /**
   * The program's configuration (ProgramPlan.configuredBy) does not load: sets `{configError}` to
   * the program's message. With `firstArg`, only when the first argument is one of these (`nginx -t`).
   */
  | { kind: "configInvalid"; firstArg?: string[] }
  | { kind: "always" };

export interface ExitRule {
  when: ExitCondition;
  exitCode: number;
  /** When the exit happens (default 0: at once). */
  afterMs?: number;
  logs?: LogLine[];
  /** The entrypoint's lines when this rule holds, instead of the plan's (its scripts met the same cause). */
  wrapperLogs?: LogLine[];
}

/**
 * What a long-running program does, as stages on its own clock (kwok-style): logs at offsets,
 * listening from `listen.afterMs`, optional exit, reactions to signals, memory use.
 */
export interface ProgramPlan {
  /** argv prefix that selects this plan: argv[0] compared by basename, e.g. ["agnhost", "liveness"]. */
  match: string[];
  /**
   * Placeholders set from the program's flags at start (`{root}` from `-h DIR`): the flag's value,
   * else an env variable's, else another placeholder's (`cwd`); `path`: resolved against the
   * working directory.
   */
  argVars?: Record<string, { flag: string; orEnv?: string; orVar?: string; path?: boolean }>;
  /**
   * The program reads one-letter options as getopt does (`-vfh /www`, `-p8080`): these letters take
   * a value. Its one-letter flags (`-p`) are then read that way wherever a plan names them.
   */
  getopt?: string;
  /** Interpreter options allowed between argv[0] and the rest of `match` (`python -u -m http.server`). */
  interpreterFlags?: string[];
  /** Checked in order when the program starts; the first that holds decides the exit. */
  exitRules?: ExitRule[];
  logs?: LogLine[];
  /** Lines the image's entrypoint script prints, only when started through it (nginx's entrypoint.d). */
  wrapperLogs?: LogLine[];
  /** When this file exists at start (an initialised data directory), these replace logs and listen delay. */
  whenFileExists?: { path: string; logs: LogLine[]; listenAfterMs: number };
  /** Files the program creates once running (so a restart with the same volume finds them). */
  writes?: Record<string, string>;
  /** A line repeated every `everyMs` from `fromMs` (replicas retrying their master, apps waiting for a db). */
  repeatLog?: { everyMs: number; fromMs?: number; line: LogLine };
  listen?: {
    ports: PortSpec[];
    afterMs: number;
    /** Take the first port from a flag (`-listen=:8080`, `--http-port=8080`) or the Nth positional argument. */
    portFromArg?: { flag?: string; position?: number };
    /** Listen on the ports the container spec declares (`containerPort`, `-p`): generic images. */
    declared?: boolean;
    /** Ports read from a config file: the regex's first group (haproxy `bind *:80`). */
    portsFromConfig?: { path: string; pattern: string };
    /** More ports when a condition holds (traefik `--api.insecure=true` → 8080). */
    extra?: { when: Condition; ports: PortSpec[] }[];
  };
  http?: HttpSpec;
  /**
   * The program reads its own configuration from the container's files at start and serves by it
   * (src/sim/runtime/nginx): its entrypoint's lines, listen ports and HTTP answers come from there.
   */
  configuredBy?: "nginx";
  /** The program ends by itself (a crash or a batch job). */
  exit?: { afterMs: number; exitCode: number; logs?: LogLine[] };
  signals: Partial<Record<SignalName, SignalReaction>>;
  memory?: { bytes: number; growBytesPerSecond?: number; fromArg?: string };
  /** Readiness as the app sees it differs from listening (e.g. mysql listens after init). */
  readyAfterMs?: number;
}

export interface ImageReference {
  /** As written by the user. */
  written: string;
  registry: string;
  /** The path below the registry: "library/nginx", "bretfisher/examplevotingapp_vote". */
  repository: string;
  /** The explicit tag, or "latest" when neither tag nor digest was given. */
  tag?: string;
  digest?: string;
  /** registry + "/" + repository. */
  name: string;
  /** Docker's short name without tag: "nginx", "prom/prometheus", "registry.k8s.io/pause". */
  familiarName: string;
  /** Docker's familiar string with tag/digest: "nginx:latest", "nginx:1.25@sha256:…". */
  familiar: string;
  /** containerd's canonical string: "docker.io/library/nginx:1.25" (tag dropped when pinned). */
  full: string;
}

/**
 * An entrypoint script that ends in `exec "$@"` (docker-library's docker-entrypoint.sh): when the
 * first argument is a flag (or matches `alsoFor`), it first prepends `flagsTo` ("redis-server").
 */
export interface Wrapper {
  path: string;
  flagsTo?: string[];
  /** A regex on the first argument that also gets `flagsTo` ("\\.conf$" for redis). */
  alsoFor?: string;
  /** A first argument that is no command, or a file without x bits, also gets `flagsTo` (node's entrypoint). */
  unlessCommand?: true;
}

/** The facts of one pullable image at one tag: plain data. */
export interface ImageFacts {
  ref: ImageReference;
  /** Catalogue key of the repository ("docker.io/library/nginx"), or the custom image's name. */
  repository: string;
  /** The software version the tag stands for, for log lines ("1.27.4"). */
  version: string;
  digest: string;
  sizeBytes: number;
  /** How many layers `docker pull` lists (base images such as alpine and busybox are one); default 3–6 by digest. */
  layers?: number;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  user: string;
  exposedPorts: PortSpec[];
  /** The Dockerfile's VOLUME paths: a container gets an anonymous volume at each not mounted otherwise. */
  volumes?: string[];
  stopSignal: SignalName;
  /** tini/dumb-init as PID 1: signals are forwarded; a child without handler dies with 143. */
  init?: "tini" | "dumb-init";
  /** Entrypoint scripts that exec their arguments (see Wrapper). */
  wrappers: Wrapper[];
  /** Executables on $PATH, besides the programs below ("sh", "cat", "curl", "redis-cli"…). */
  tools: string[];
  /** Files in the image (paths absolute). */
  files: Record<string, string>;
  /**
   * The image's directories when they are not the usual distribution tree (runtime/fs.ts
   * STANDARD_DIRS): busybox's root holds only bin dev etc home lib lib64 proc root sys tmp usr var.
   */
  rootDirs?: string[];
  programs: ProgramPlan[];
  /** True for scenario-declared images. */
  custom?: boolean;
}

/** Why a reference cannot be pulled. */
export type PullFailure =
  | "repository-not-found"
  | "tag-not-found";
