// Applications of the course material (images.md §4 rows, §5.14–5.16, §5.18): the voting app,
// http-echo, the Elastic stack, grafana and prometheus (+ swarmprom), fluentd.

import { onlyTags, range, tagRule } from "../tags";
import type { ProgramPlan } from "../types";
import {
  ALPINE_TOOLS, BUSYBOX_TOOLS, DEBIAN_TOOLS, GO_404, GO_DEFAULT, JVM, NO_TOOLS, type CatalogueEntry, block, daemon, err, exits,
  image, out, tcp, udp, versionOf,
} from "./common";

export const HTTP_ECHO_MISSING_TEXT = "Missing -text option OR ENV var TEXT is empty!";
export const HTTP_ECHO_MISSING_TEXT_OLD = "Missing -text option!";
export const HTTP_ECHO_TOO_MANY_ARGS = "Too many arguments!";

const httpEcho: CatalogueEntry = {
  names: ["docker.io/hashicorp/http-echo"],
  source: "images.md §4 http-echo, §5.16",
  tags: onlyTags("latest", "0.2.3", "0.2.1", "0.2.0", "0.1.0", "1.0", "1.0.0"),
  image: (tag) => {
    const modern = tag === undefined || tag === "latest" || tag.startsWith("1");
    return image({
      version: modern ? "1.0.0" : (tag ?? "0.2.3"),
      sizeBytes: 3_900_000,
      entrypoint: ["/http-echo"],
      exposedPorts: tcp(5678),
      tools: NO_TOOLS,
      programs: [daemon(["http-echo"], tcp(5678), {
        exitRules: [
          { when: { kind: "tooManyArgs", max: 0 }, exitCode: 127, logs: [err(HTTP_ECHO_TOO_MANY_ARGS)] },
          { when: modern ? { kind: "argMissing", flag: "-text", orEnv: "ECHO_TEXT" } : { kind: "argMissing", flag: "-text" },
            exitCode: 127, logs: [err(modern ? HTTP_ECHO_MISSING_TEXT : HTTP_ECHO_MISSING_TEXT_OLD)] },
        ],
        logs: [err("{ts:go} [INFO] server is listening on :{port}")],
        listen: { ports: tcp(5678), afterMs: 0, portFromArg: { flag: "-listen" } },
        http: {
          routes: [{ path: "/health", status: 200, body: '{"status":"ok"}', contentType: "application/json" },
            { path: "*", status: 200, body: "{text}\n", contentType: "text/plain; charset=utf-8",
              headers: { "X-App-Name": "http-echo", "X-App-Version": modern ? "1.0.0" : "0.2.3" } }],
          textFromArg: { flag: "-text", orEnv: "ECHO_TEXT" },
          server: "go",
          // httpLog(os.Stdout, …): date, Host, RemoteAddr, request line, status, length, UA, Go duration.
          accessLog: out('{ts:go} {host} {client}:40000 "{method} {path} HTTP/1.1" {status} {bytes} "{ua}" 25.1µs'),
        },
        signals: { ...GO_DEFAULT, SIGINT: exits(2, 0, [err("{ts:go} [INFO] received interrupt, shutting down...")]) },
      })],
    });
  },
};

const VOTE_PAGE = "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Cats vs Dogs!</title>\n  </head>\n  <body>\n    <h3>Cats vs Dogs!</h3>\n" +
  "    <button id=\"a\" value=\"a\">Cats</button>\n    <button id=\"b\" value=\"b\">Dogs</button>\n" +
  "    Processed by container ID {hostname}\n  </body>\n</html>\n";
const votePlan = daemon(["gunicorn"], tcp(80), {
  logs: ["[{ts:gunicorn} +0000] [1] [INFO] Starting gunicorn 22.0.0", "[{ts:gunicorn} +0000] [1] [INFO] Listening at: http://0.0.0.0:80 (1)",
    "[{ts:gunicorn} +0000] [1] [INFO] Using worker: sync", ...[8, 9, 10, 11].map((p) => `[{ts:gunicorn} +0000] [${p}] [INFO] Booting worker with pid: ${p}`)]
    .map((t) => err(t)),
  http: { routes: [{ path: "/", status: 200, body: VOTE_PAGE, contentType: "text/html; charset=utf-8" }] },
  // gunicorn's graceful stop: the arbiter relays TERM to its workers, each says it exits, then the master.
  signals: { SIGTERM: exits(0, 500, ["[{ts:gunicorn} +0000] [1] [INFO] Handling signal: term",
    ...[8, 9, 10, 11].map((p) => `[{ts:gunicorn} +0000] [${p}] [INFO] Worker exiting (pid: ${p})`),
    "[{ts:gunicorn} +0000] [1] [INFO] Shutting down: Master"].map((t) => err(t))) },
});
const resultPlan = (signals: ProgramPlan["signals"]): ProgramPlan => daemon(["node", "server.js"], tcp(80), {
  logs: [out("App running on port 80"), out("Connected to db", 1000)],
  http: { routes: [{ path: "/", status: 200, body: "<!DOCTYPE html>\n<html>\n<head><title>Cats vs Dogs -- Result</title></head>\n</html>\n", contentType: "text/html; charset=UTF-8" }] },
  signals,
});
const workerPlan = (match: string[]): ProgramPlan => daemon(match, [], {
  exitRules: [{ when: { kind: "hostUnresolvable", host: "redis" }, exitCode: 1, afterMs: 1000,
    logs: [out("Connected to db"), err("Unhandled exception. System.Net.Sockets.SocketException (00000001, 11): Resource temporarily unavailable")] }],
  logs: [out("Connected to db"), out("Found redis at {ip}"), out("Connecting to redis")],
  signals: { SIGTERM: exits(0, 200) },
});
const votingApp = (ns: "dockersamples" | "bretfisher"): CatalogueEntry[] => {
  const tags = ns === "dockersamples" ? onlyTags("latest", "before", "after") : onlyTags("latest");
  return [
    { names: [`docker.io/${ns}/examplevotingapp_vote`], source: "images.md §5.18 vote", tags,
      image: () => image({ version: "latest", cmd: ["gunicorn", "app:app", "-b", "0.0.0.0:80", "--log-file", "-", "--access-logfile", "-", "--workers", "4", "--keep-alive", "0"],
        workingDir: "/usr/local/app", exposedPorts: tcp(80), tools: [...DEBIAN_TOOLS, "python", "gunicorn"], programs: [votePlan] }) },
    { names: [`docker.io/${ns}/examplevotingapp_result`], source: "images.md §5.18 result", tags,
      image: () => image({ version: "latest", entrypoint: ns === "dockersamples" ? ["/usr/bin/tini", "--"] : [], cmd: ["node", "server.js"],
        ...(ns === "dockersamples" ? { init: "tini" as const } : {}),
        workingDir: "/usr/local/app", exposedPorts: tcp(80), tools: [...DEBIAN_TOOLS, "node", "npm", "curl"],
        env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", PORT: "80" }, programs: [resultPlan({})] }) },
    { names: [`docker.io/${ns}/examplevotingapp_worker`], source: "images.md §5.18 worker",
      tags: ns === "dockersamples" ? tags : onlyTags("latest", "java"),
      image: (tag) => image({ version: tag ?? "latest", cmd: tag === "java" ? ["java", "-jar", "worker.jar"] : ["dotnet", "Worker.dll"],
        workingDir: "/app", tools: DEBIAN_TOOLS, programs: [workerPlan(["dotnet", "Worker.dll"]), workerPlan(["java", "-jar"])] }) },
  ];
};

const ES_LINES = { ...range("1.", 0, 7, 6), ...range("2.", 0, 4, 6), ...range("5.", 0, 6, 16), ...range("6.", 0, 8, 23),
  ...range("7.", 0, 16, 3), "7.17": 29, ...range("8.", 0, 17, 10), ...range("9.", 0, 2, 4) };
export const ES_BOOTSTRAP_FAILURE = [
  "bootstrap check failure [1] of [1]: the default discovery settings are unsuitable for production use; at least one of [discovery.seed_hosts, discovery.seed_providers, cluster.initial_master_nodes] must be configured",
  "ERROR: Elasticsearch did not exit normally - check the logs",
];
const elastic = (name: string, paths: string[], ports: number[], readyMs: number,
  extra: (major: number) => Partial<ProgramPlan> = () => ({})): CatalogueEntry => ({
  names: paths,
  source: "images.md §4 elasticsearch, §5.14",
  tags: tagRule({ versions: ES_LINES, exactParts: 3 }),
  image: (tag) => image({
    version: tag ?? "8.15.0",
    sizeBytes: 1_200_000_000,
    entrypoint: ["/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"],
    init: "tini",
    cmd: ["eswrapper"],
    exposedPorts: tcp(...ports),
    tools: [...DEBIAN_TOOLS, "curl", name],
    programs: [daemon(["docker-entrypoint.sh"], tcp(...ports), {
      listen: { ports: tcp(...ports), afterMs: readyMs },
      logs: [out(`{"@timestamp":"{ts:iso}", "log.level": "INFO", "message":"started", "ecs.version": "1.2.0","service.name":"ES_ECS"}`, readyMs)],
      signals: JVM,
      ...extra(Number((tag ?? "8").split(".")[0])),
    })],
  }),
});
const ES_ROOT = '{\n  "name" : "{hostname}",\n  "cluster_name" : "docker-cluster",\n  "version" : {\n    "number" : "{version}"\n  },\n  "tagline" : "You Know, for Search"\n}\n';
const elasticsearchEntry = elastic("elasticsearch", ["docker.io/library/elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch",
  "docker.elastic.co/elasticsearch/elasticsearch-oss"], [9200, 9300], 30_000, (major) => ({
  exitRules: [{ when: { kind: "envMissing", anyOf: ["discovery.type=single-node", "discovery.seed_hosts", "cluster.initial_master_nodes"] },
    exitCode: 78, afterMs: 20_000, logs: ES_BOOTSTRAP_FAILURE.map((t) => err(t, 20_000)) }],
  // 8.x+: security on, HTTPS only: plain HTTP gets an empty reply (§5.14).
  http: major >= 8
    ? { routes: [], dropsHttp: { log: out('{"@timestamp":"{ts:iso}", "log.level": "WARN", "message":"received plain HTTP traffic on an HTTPS channel, closing connection"}') } }
    : { routes: [
      { path: "/_cluster/health", status: 200, body: '{"cluster_name":"docker-cluster","status":"green","number_of_nodes":1}', contentType: "application/json" },
      { path: "/", status: 200, body: ES_ROOT, contentType: "application/json" },
    ] },
  memory: { bytes: 960 * 1024 * 1024 },
}));
const kibanaEntry = elastic("kibana", ["docker.io/library/kibana", "docker.elastic.co/kibana/kibana", "docker.elastic.co/kibana/kibana-oss"], [5601], 20_000,
  () => ({ http: { routes: [{ path: "/api/status", status: 200, body: '{"status":{"overall":{"level":"available"}}}' }, { path: "/", status: 302, headers: { Location: "/app/home" } }] } }));
const logstashEntry = elastic("logstash", ["docker.io/library/logstash", "docker.elastic.co/logstash/logstash", "docker.elastic.co/logstash/logstash-oss"], [5044, 9600], 20_000);

const grafana: CatalogueEntry = {
  names: ["docker.io/grafana/grafana", "docker.io/grafana/grafana-oss", "docker.io/grafana/grafana-enterprise"],
  source: "images.md §4 grafana, §5.15",
  tags: tagRule({ aliases: ["latest", "main", "latest-ubuntu", "main-ubuntu"], versions: { ...range("5.", 0, 4, 5), ...range("6.", 0, 7, 6),
    ...range("7.", 0, 5, 17), ...range("8.", 0, 5, 27), ...range("9.", 0, 5, 21), ...range("10.", 0, 4, 19), ...range("11.", 0, 6, 9), ...range("12.", 0, 3, 3) },
    exactParts: 3, suffixes: ["ubuntu"] }),
  image: (tag) => grafanaImage(versionOf(tag, {}, "11.2.2")),
};
export function grafanaImage(version: string) {
  return image({ version, sizeBytes: 450_000_000, entrypoint: ["/run.sh"], exposedPorts: tcp(3000), user: "472", tools: [...ALPINE_TOOLS, "grafana"],
    workingDir: "/usr/share/grafana",
    programs: [daemon(["/run.sh"], tcp(3000), {
      logs: [out(`logger=settings t={ts:gonano} level=info msg="Starting Grafana" version=${version} commit=00000000 branch=HEAD compiled={ts:rfc3339}`),
        out('logger=http.server t={ts:gonano} level=info msg="HTTP Server Listen" address=[::]:3000 protocol=http subUrl= socket=', 2000)],
      listen: { ports: tcp(3000), afterMs: 2000 },
      http: { routes: [{ path: "/api/health", status: 200, body: `{\n  "database": "ok",\n  "version": "${version}"\n}`, contentType: "application/json" },
        { path: "/login", status: 200, body: "<!DOCTYPE html>\n<title>Grafana</title>\n", contentType: "text/html" },
        { path: "/", status: 302, headers: { Location: "/login" } }] },
    })] });
}

const prometheus: CatalogueEntry = {
  names: ["docker.io/prom/prometheus", "quay.io/prometheus/prometheus"],
  source: "images.md §4 prometheus, §5.15",
  tags: tagRule({ aliases: ["latest", "main"], versions: { ...range("2.", 0, 55, 5), ...range("3.", 0, 5, 2) }, exactParts: 3, vPrefix: "required",
    patterns: [/^v\d+\.\d+\.\d+-rc\.\d+$/] }),
  image: (tag) => prometheusImage(versionOf(tag, {}, "2.54.1")),
};
export function prometheusImage(version: string) {
  const v3 = version.startsWith("3");
  const ready = v3 ? 'time={ts:iso} level=INFO source=main.go:1176 msg="Server is ready to receive web requests."'
    : 'ts={ts:iso} caller=main.go:1179 level=info msg="Server is ready to receive web requests."';
  return image({ version, sizeBytes: 280_000_000, entrypoint: ["/bin/prometheus"], user: "nobody", workingDir: "/prometheus",
    cmd: ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"], exposedPorts: tcp(9090), tools: BUSYBOX_TOOLS,
    files: { "/etc/prometheus/prometheus.yml": "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: \"prometheus\"\n    static_configs:\n      - targets: [\"localhost:9090\"]\n" },
    programs: [daemon(["prometheus"], tcp(9090), {
      logs: [err(ready, 1000)],
      http: { routes: [
        { path: "/-/healthy", status: 200, body: "Prometheus Server is Healthy.\n" },
        { path: "/-/ready", status: 503, body: "Service Unavailable", untilMs: 1000 },
        { path: "/-/ready", status: 200, body: "Prometheus Server is Ready.\n" },
        { path: "/metrics", status: 200, body: "# HELP up 1\n", contentType: "text/plain; version=0.0.4" },
        // http.Redirect: the handler's type and Location, and a short HTML body for a GET.
        { path: "/", status: 302, body: `<a href="${v3 ? "/query" : "/graph"}">Found</a>.\n\n`,
          headers: { "Content-Type": "text/html; charset=utf-8", Location: v3 ? "/query" : "/graph" } },
      ], notFound: GO_404, server: "go" },
      signals: { SIGTERM: exits(0, 300, [err(v3 ? 'time={ts:iso} level=WARN source=main.go:1023 msg="Received an OS signal, exiting gracefully..." signal=terminated'
        : 'ts={ts:iso} caller=main.go:1024 level=warn msg="Received SIGTERM, exiting gracefully..."')]), SIGINT: exits(0, 300) },
    })] });
}

const fluentdPlan = daemon(["/bin/entrypoint.sh"], [...tcp(24224), ...udp(24224)], {
  logs: block("stdout", 0, '{ts:fluentd} [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"\n' +
    '{ts:fluentd} [info]: #0 [input1] listening port port=24224 bind="0.0.0.0"\n{ts:fluentd} [info]: #0 fluentd worker is now running worker=0'),
});
const fluentd: CatalogueEntry = {
  names: ["docker.io/library/fluentd", "docker.io/fluent/fluentd"],
  source: "images.md §4 fluentd, §5.13",
  tags: (tag) => ["latest", "edge", "edge-debian"].includes(tag) || /^v1\.\d+(\.\d+)?-(debian-)?\d(\.\d)?$/.test(tag),
  image: () => image({ version: "1.17.1", entrypoint: ["tini", "--", "/bin/entrypoint.sh"], init: "tini", cmd: ["fluentd"],
    // The Dockerfile's `EXPOSE 24224 5140` (tcp only; in_forward also answers heartbeats on 24224/udp).
    exposedPorts: tcp(24224, 5140), user: "fluent", tools: [...ALPINE_TOOLS, "fluentd"], programs: [fluentdPlan] }),
};

export const appEntries: CatalogueEntry[] = [httpEcho, ...votingApp("dockersamples"), ...votingApp("bretfisher"),
  elasticsearchEntry, kibanaEntry, logstashEntry, grafana, prometheus, fluentd];
