import { describe, expect, it } from "vitest";
import {
  HTTP_ECHO_MISSING_TEXT, HTTP_ECHO_MISSING_TEXT_OLD, MONGO_PARTIAL_ROOT, NGINX_INDEX_HTML, POSTGRES_BOTH_PASSWORDS, POSTGRES_NO_PASSWORD,
} from "../../src/sim/images";
import { dockerStartErrorMessage } from "../../src/sim/runtime";
import { T0, at, run, texts } from "./helpers";

const exited = (exitCode: number, reason: string, finishedAt = T0) => ({ state: "exited", exitCode, reason, finishedAt });

describe("images whose default command exits at once (images.md §3.2)", () => {
  it.each(["busybox", "alpine", "ubuntu", "debian:bookworm-slim", "node:20", "python:3.12", "ruby", "golang", "registry.k8s.io/busybox"])(
    "%s exits 0 with no output (Completed)", (ref) => {
      const p = run(ref);
      expect(p.status(T0)).toMatchObject(exited(0, "Completed"));
      expect(p.logs()).toEqual([]);
    });

  it("with a TTY (docker run -it) the shell stays up", () => {
    expect(run("busybox", { tty: true }).status(at(60)).state).toBe("running");
    expect(run("node:20", { tty: true }).status(at(60)).state).toBe("running");
  });

  it("hello-world prints its message and exits 0", () => {
    const p = run("hello-world");
    expect(p.status(T0)).toMatchObject(exited(0, "Completed"));
    expect(texts(p)).toContain("Hello from Docker!");
  });

  it.each([
    ["sleep 3600", ["sleep", "3600"], 3600],
    ["sleep infinity", ["sleep", "infinity"], undefined],
    ["tail -f /dev/null", ["tail", "-f", "/dev/null"], undefined],
  ])("keep-alive idiom %s keeps running", (_name, command, ends) => {
    const p = run("busybox", { command });
    expect(p.status(at(1000)).state).toBe("running");
    expect(p.nextEventTime(at(1000))).toBe(ends === undefined ? undefined : at(ends));
  });
});

describe("required environment (images.md §5.7–5.10)", () => {
  it.each([
    ["postgres", {}, POSTGRES_NO_PASSWORD.split("\n")],
    ["postgres:9.6", {}, POSTGRES_NO_PASSWORD.split("\n")],
    ["postgres:15-alpine", { POSTGRES_PASSWORD: "a", POSTGRES_PASSWORD_FILE: "/run/secrets/pw" }, [POSTGRES_BOTH_PASSWORDS]],
    ["mongo", { MONGO_INITDB_ROOT_USERNAME: "root" }, MONGO_PARTIAL_ROOT],
  ])("%s with %j exits 1 with the entrypoint's message on stderr", (ref, env, lines) => {
    const p = run(ref, { env });
    expect(p.status(T0)).toMatchObject(exited(1, "Error"));
    expect(p.logs().map((l) => l.stream)).toEqual(lines.map(() => "stderr"));
    expect(texts(p)).toEqual(lines);
  });

  it("mysql without a root password option: the entrypoint's notes then the error, exit 1", () => {
    const lines = texts(run("mysql:8.0.39"));
    expect(lines.slice(0, 3)).toEqual([
      "2024-01-10 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.39-1.el9 started.",
      "2024-01-10 00:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
      "2024-01-10 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.39-1.el9 started.",
    ]);
    expect(lines.slice(3)).toEqual([
      "2024-01-10 00:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
      "    You need to specify one of the following as an environment variable:",
      "    - MYSQL_ROOT_PASSWORD", "    - MYSQL_ALLOW_EMPTY_PASSWORD", "    - MYSQL_RANDOM_ROOT_PASSWORD",
    ]);
    expect(run("mysql:5.7").status(T0)).toMatchObject(exited(1, "Error"));
    expect(texts(run("mysql", { env: { MYSQL_ROOT_PASSWORD: "x", MYSQL_USER: "root" } })).at(-1)).toContain('MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user');
  });

  it("mariadb names its own variables; 2021-era tags omit the _HASH option", () => {
    expect(texts(run("mariadb")).at(-1)).toBe("\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD");
    expect(texts(run("mariadb:10.6.4-focal")).at(-1)).toBe("\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD");
    expect(run("mariadb:10.6.4-focal", { env: { MYSQL_ROOT_PASSWORD: "x" } }).status(T0).state).toBe("running");
  });

  it.each([
    ["postgres", { POSTGRES_PASSWORD: "x" }, 5432, 3],
    ["postgres", { POSTGRES_HOST_AUTH_METHOD: "trust" }, 5432, 3],
    ["mysql:8", { MYSQL_ALLOW_EMPTY_PASSWORD: "yes" }, 3306, 15],
    ["mariadb:10.5", { MARIADB_RANDOM_ROOT_PASSWORD: "1" }, 3306, 15],
    ["mongo:4.2.0", {}, 27017, 1],
  ])("%s with %j listens on %i after %i s", (ref, env, port, seconds) => {
    const p = run(ref, { env });
    expect(p.tcpConnect(port)).toBe(false);
    p.advanceTo(at(seconds));
    expect(p.tcpConnect(port)).toBe(true);
  });

  it("postgres logs 'ready to accept connections' twice on a first start, and skips init when the data dir holds a database", () => {
    const first = run("postgres:16", { env: { POSTGRES_PASSWORD: "x" } });
    first.advanceTo(at(5));
    expect(texts(first).filter((t) => t.endsWith("database system is ready to accept connections"))).toHaveLength(2);
    expect(first.readFile("/var/lib/postgresql/data/PG_VERSION")).toBe("16\n");
    const again = run("postgres:16", { files: { "/var/lib/postgresql/data/PG_VERSION": "16\n" } });
    expect(texts(again)).toContain("PostgreSQL Database directory appears to contain a database; Skipping initialization");
    again.advanceTo(at(1));
    expect(again.exec(["pg_isready", "-U", "postgres"]).stdout).toBe("/var/run/postgresql:5432 - accepting connections\n");
  });
});

describe("web servers (images.md §5.1, §5.2, §5.16)", () => {
  it("nginx logs its entrypoint lines (stdout) and notices (stderr), serves / with 200 and other paths 404", () => {
    const p = run("nginx:1.27");
    const lines = p.logs();
    expect(lines[0]).toEqual({ time: T0, stream: "stdout", text: "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration" });
    expect(lines.find((l) => l.text.includes("[notice]"))!.stream).toBe("stderr");
    expect(texts(p)).toContain("2024/01/10 00:00:00 [notice] 1#1: nginx/1.27.5");
    const root = p.httpGet(80, "/");
    expect(root).toMatchObject({ kind: "response", status: 200, body: NGINX_INDEX_HTML });
    expect(root.kind === "response" && root.headers["Content-Length"]).toBe("615");
    const missing = p.httpGet(80, "/healthz");
    expect(missing.kind === "response" && [missing.status, missing.body.includes("<center>nginx/1.27.5</center>")]).toEqual([404, true]);
    expect(p.httpGet(80, "/50x.html")).toMatchObject({ status: 200 });
    expect(p.httpGet(443, "/")).toEqual({ kind: "refused" });
    expect(p.tcpConnect(8080)).toBe(false);
  });

  it("nginx serves mounted content and files written by exec; old tags print nothing at start", () => {
    const p = run("nginx:alpine", { files: { "/usr/share/nginx/html/index.html": "<h1>mine</h1>\n" } });
    expect(p.httpGet(80, "/")).toMatchObject({ status: 200, body: "<h1>mine</h1>\n" });
    p.exec(["sh", "-c", "echo ok > /usr/share/nginx/html/health.txt"]);
    expect(p.httpGet(80, "/health.txt")).toMatchObject({ status: 200, body: "ok\n" });
    expect(run("nginx:1.7.9").logs()).toEqual([]);
  });

  it("nginx run without 'daemon off;' forks away and the container exits 0", () => {
    expect(run("nginx", { command: ["nginx"] }).status(T0)).toMatchObject(exited(0, "Completed"));
  });

  it("httpd serves It works!", () => {
    expect(run("httpd:2.4").httpGet(80, "/")).toMatchObject({ status: 200, body: "<html><body><h1>It works!</h1></body></html>\n" });
  });

  it.each([
    ["hashicorp/http-echo", [], HTTP_ECHO_MISSING_TEXT],
    ["hashicorp/http-echo:0.2.3", [], HTTP_ECHO_MISSING_TEXT_OLD],
    ["hashicorp/http-echo", ["-text=hi", "extra"], "Too many arguments!"],
  ])("%s with args %j exits 127: %s", (ref, args, message) => {
    const p = run(ref, { args });
    expect(p.status(T0)).toMatchObject(exited(127, "Error"));
    expect(p.logs()).toEqual([{ time: T0, stream: "stderr", text: message }]);
  });

  it("http-echo answers its text on any path, on -listen's port; ECHO_TEXT works on 1.0", () => {
    const p = run("hashicorp/http-echo", { args: ["-text", "hello world", "-listen=:8080"] });
    expect(p.httpGet(8080, "/anything")).toMatchObject({ status: 200, body: "hello world\n" });
    expect(texts(p)[0]).toBe("2024/01/10 00:00:00 [INFO] server is listening on :8080");
    expect(run("hashicorp/http-echo", { env: { ECHO_TEXT: "env" } }).httpGet(5678, "/")).toMatchObject({ body: "env\n" });
  });

  it("redis logs its 7.x start lines and answers redis-cli ping", () => {
    const p = run("redis:7.2");
    expect(texts(p).at(-1)).toBe("1:M 10 Jan 2024 00:00:00.000 * Ready to accept connections tcp");
    expect(texts(run("redis:6.2")).at(-1)).toBe("1:M 10 Jan 2024 00:00:00.000 * Ready to accept connections");
    expect(p.exec(["redis-cli", "ping"]).stdout).toBe("PONG\n");
  });
});

describe("bad commands and missing binaries (images.md §3.3)", () => {
  it.each([
    ["alpine", ["bash"], 'exec: "bash": executable file not found in $PATH'],
    ["ubuntu", ["curl", "http://x"], 'exec: "curl": executable file not found in $PATH'],
    ["busybox", ["/app/start.sh"], 'exec: "/app/start.sh": stat /app/start.sh: no such file or directory'],
    ["hashicorp/http-echo", ["sh"], 'exec: "sh": executable file not found in $PATH'],
  ])("%s %j → StartError", (ref, command, message) => {
    const p = run(ref, { command });
    expect(p.status(T0)).toMatchObject({ state: "exited", exitCode: 127, reason: "StartError", message });
    expect(p.startError).toBe(message);
  });

  it("Docker's wrapping of the start error", () => {
    expect(dockerStartErrorMessage('exec: "bash": executable file not found in $PATH')).toBe(
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown');
  });

  it("node with a missing script prints MODULE_NOT_FOUND and exits 1", () => {
    const p = run("node:20", { args: ["node", "server.js"], workingDir: "/app" });
    expect(p.status(T0)).toMatchObject(exited(1, "Error"));
    expect(texts(p)).toContain("Error: Cannot find module '/app/server.js'");
  });

  it("haproxy without a config exits 1; with one it listens on its bind ports", () => {
    expect(run("haproxy:2.8").status(T0)).toMatchObject(exited(1, "Error"));
    const p = run("haproxy:2.8", { files: { "/usr/local/etc/haproxy/haproxy.cfg": "frontend web\n  bind *:8080\n" } });
    expect(p.tcpConnect(8080)).toBe(true);
  });

  it("docker:dind without --privileged fails; elasticsearch without single-node fails its bootstrap check with 78", () => {
    expect(run("docker:dind").status(at(2))).toMatchObject(exited(1, "Error", at(1)));
    expect(run("docker:dind", { privileged: true }).status(at(5)).state).toBe("running");
    expect(run("elasticsearch:7.17.10").status(at(30))).toMatchObject(exited(78, "Error", at(20)));
    const es = run("elasticsearch:7.17.10", { env: { "discovery.type": "single-node" }, memoryLimitBytes: 2 * 1024 ** 3 });
    es.advanceTo(at(30));
    expect(es.httpGet(9200, "/")).toMatchObject({ status: 200 });
    expect(run("elasticsearch:8.15.0", { env: { "discovery.type": "single-node" }, memoryLimitBytes: 512 * 1024 ** 2 }).status(T0)).toMatchObject({ reason: "OOMKilled" });
  });

  it("the voting app's worker exits 1 when redis does not resolve", () => {
    const p = run("dockersamples/examplevotingapp_worker", { network: { resolves: (h) => h !== "redis" } });
    expect(p.status(at(1))).toMatchObject(exited(1, "Error", at(1)));
    expect(run("dockersamples/examplevotingapp_worker").status(at(60)).state).toBe("running");
  });
});
