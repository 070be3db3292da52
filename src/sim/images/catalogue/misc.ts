// The other images of the corpus (images.md §6, §5.15 swarmprom): consul, cadvisor, visualizer,
// portainer, mssql, microservices-demo, swarmprom, and the "treat generically" list — pullable at
// any tag, long-running, listening on the ports the manifest declares.

import { anyTag, onlyTags, range, tagRule } from "../tags";
import type { ProgramPlan } from "../types";
import { grafanaImage, prometheusImage } from "./apps";
import {
  ALPINE_TOOLS, BUSYBOX_TOOLS, DEBIAN_TOOLS, GO_DEFAULT, NO_TOOLS, type CatalogueEntry, block, daemon, err, exits, image, out,
  tcp, udp,
} from "./common";

/** Long-running, ports as declared by the container spec (`containerPort`, `-p`), any path 200. */
export const GENERIC_PLAN: ProgramPlan = {
  match: [],
  listen: { ports: [], afterMs: 0, declared: true },
  http: { routes: [{ path: "*", status: 200, body: "" }] },
  signals: { SIGTERM: exits(0, 500), SIGINT: exits(0, 500) },
};
const generic = (names: string[], source: string): CatalogueEntry => ({
  names, source, tags: anyTag,
  image: (tag) => image({ version: tag ?? "latest", tools: DEBIAN_TOOLS, programs: [GENERIC_PLAN] }),
});

export const MSSQL_EULA = `The SQL Server End-User License Agreement (EULA) must be accepted before SQL
Server can start. The license terms for this product can be downloaded from
http://go.microsoft.com/fwlink/?LinkId=746388.

You can accept the EULA by specifying the --accept-eula command line option,
setting the ACCEPT_EULA environment variable, or using the mssql-conf tool.`;
const mssql: CatalogueEntry = {
  names: ["mcr.microsoft.com/mssql/server"],
  source: "images.md §6 mssql (approx.)",
  tags: (tag) => /^(latest|20(17|19|22|25)-(latest|CU\d+(-\w+)*|GA-\w+(-\w+)*))$/.test(tag),
  image: (tag) => image({ version: tag ?? "2022-latest", sizeBytes: 1_500_000_000, cmd: ["/opt/mssql/bin/sqlservr"], user: "mssql",
    exposedPorts: tcp(1433), tools: DEBIAN_TOOLS,
    programs: [daemon(["sqlservr"], tcp(1433), {
      exitRules: [
        { when: { kind: "envMissing", anyOf: ["ACCEPT_EULA=Y", "ACCEPT_EULA=y", "ACCEPT_EULA=yes"] }, exitCode: 1, logs: block("stdout", 0, MSSQL_EULA) },
        { when: { kind: "envMissing", anyOf: ["MSSQL_SA_PASSWORD", "SA_PASSWORD"] }, exitCode: 1,
          logs: [out("ERROR: The SA password must be set when using the Developer, Express, Standard or Enterprise edition.")] },
      ],
      listen: { ports: tcp(1433), afterMs: 10_000 },
      logs: [out("{ts:mssql} Server      SQL Server is now ready for client connections. This is an informational message; no user action is required.", 10_000)],
      memory: { bytes: 800 * 1024 * 1024 },
    })] }),
};

const CONSUL_PORTS = [...tcp(8500, 8300, 8301, 8302, 8600), ...udp(8301, 8302, 8600)];
const consulImage = (version: string) => image({ version, entrypoint: ["docker-entrypoint.sh"], cmd: ["agent", "-dev", "-client", "0.0.0.0"],
  init: "dumb-init", exposedPorts: CONSUL_PORTS, tools: [...ALPINE_TOOLS, "consul"],
  wrappers: [{ path: "docker-entrypoint.sh", flagsTo: ["consul"], alsoFor: "^(agent|members|version)$" }],
  programs: [daemon(["consul", "agent"], CONSUL_PORTS, {
    logs: [out("==> Starting Consul agent..."), out(`               Version: '${version}'`), out("==> Consul agent running!")],
    http: { routes: [{ path: "/v1/status/leader", status: 200, body: '"{ip}:8300"', contentType: "application/json" },
      { path: "/ui/", prefix: true, status: 200, body: "<!DOCTYPE html>\n<title>Consul by HashiCorp</title>\n" },
      { path: "/", status: 301, headers: { Location: "/ui/" } }] },
  })] });
const consul: CatalogueEntry[] = [
  { names: ["docker.io/library/consul"], source: "images.md §6 consul (no latest)",
    tags: tagRule({ versions: { ...range("0.", 6, 9, 4), ...range("1.", 0, 15, 10) } }),
    image: (tag) => consulImage(tag ?? "1.15.4") },
  { names: ["docker.io/hashicorp/consul"], source: "images.md §6 hashicorp/consul",
    tags: tagRule({ aliases: ["latest"], versions: range("1.", 0, 20, 10), suffixes: ["ubi"] }), image: (tag) => consulImage(tag ?? "1.20.1") },
];

const httpApp = (names: string[], source: string, tags: (t: string) => boolean, ports: number[], routes: ProgramPlan["http"], tools = NO_TOOLS): CatalogueEntry => ({
  names, source, tags,
  image: (tag) => image({ version: tag ?? "latest", exposedPorts: tcp(...ports), tools,
    programs: [{ ...daemon([], tcp(...ports)), ...(routes ? { http: routes } : {}) }] }),
});

const vTag = (tag: string): boolean => tag === "latest" || /^v?\d+\.\d+\.\d+(-[\w.]+)?$/.test(tag);
const misc: CatalogueEntry[] = [
  httpApp(["docker.io/google/cadvisor", "gcr.io/cadvisor/cadvisor", "gcr.io/google-containers/cadvisor"], "images.md §6 cadvisor", vTag, [8080],
    { routes: [{ path: "/healthz", status: 200, body: "ok" }, { path: "/containers/", prefix: true, status: 200, body: "<title>cAdvisor - /</title>" },
      { path: "/", status: 307, headers: { Location: "/containers/" } }] }),
  httpApp(["docker.io/dockersamples/visualizer"], "images.md §6 visualizer", onlyTags("latest", "stable"), [8080],
    { routes: [{ path: "/", status: 200, body: "<!DOCTYPE html>\n<title>Visualizer</title>\n" }] }, BUSYBOX_TOOLS),
  httpApp(["docker.io/bretfisher/visualizer"], "images.md §6 visualizer", onlyTags("latest"), [8080],
    { routes: [{ path: "/", status: 200, body: "<!DOCTYPE html>\n<title>Visualizer</title>\n" }] }, BUSYBOX_TOOLS),
  httpApp(["docker.io/portainer/portainer", "docker.io/portainer/portainer-ce"], "images.md §6 portainer",
    (t) => vTag(t) || ["alpine", "linux-amd64", "lts", "sts"].includes(t), [9000, 9443, 8000],
    { routes: [{ path: "/", status: 200, body: "<!DOCTYPE html>\n<title>Portainer</title>\n" }] }),
  httpApp(["docker.io/portainer/agent"], "images.md §6 portainer", (t) => vTag(t) || t === "lts", [9001], undefined),
  // swarmprom (§5.15): the same programs as their upstream images.
  { names: ["docker.io/stefanprodan/swarmprom-prometheus"], source: "images.md §5.15 swarmprom", tags: onlyTags("v2.5.0", "v2.2.0-rc.0"),
    image: (tag) => prometheusImage((tag ?? "v2.5.0").slice(1)) },
  { names: ["docker.io/stefanprodan/swarmprom-grafana"], source: "images.md §5.15 swarmprom", tags: onlyTags("5.3.4", "4.6.3"),
    image: (tag) => grafanaImage(tag ?? "5.3.4") },
  httpApp(["docker.io/stefanprodan/swarmprom-node-exporter"], "images.md §5.15 swarmprom", onlyTags("v0.16.0", "v0.15.2"), [9100],
    { routes: [{ path: "/metrics", status: 200, body: "# HELP node_exporter_build_info\n" }] }),
  httpApp(["docker.io/stefanprodan/swarmprom-alertmanager"], "images.md §5.15 swarmprom", onlyTags("v0.14.0", "v0.15.0"), [9093],
    { routes: [{ path: "/", status: 200, body: "<title>Alertmanager</title>" }] }),
  httpApp(["docker.io/cloudflare/unsee"], "images.md §5.15 swarmprom", onlyTags("v0.8.0", "latest"), [8080],
    { routes: [{ path: "/", status: 200, body: "<title>unsee</title>" }] }),
  httpApp(["docker.io/stefanprodan/caddy"], "images.md §5.15 swarmprom", onlyTags("latest"), [3000, 9090, 9093, 9094],
    { routes: [{ path: "*", status: 401, body: "401 Unauthorized\n", when: { noEnv: "ADMIN_USER" } }, { path: "*", status: 502, body: "502 Bad Gateway\n" }] }),
  {
    names: ["docker.io/mongodb/mongodb-community-server"], source: "images.md §2.5 (exists)", tags: anyTag,
    image: (tag) => image({ version: tag ?? "latest", cmd: ["mongod"], exposedPorts: tcp(27017), tools: DEBIAN_TOOLS,
      programs: [daemon(["mongod"], tcp(27017), { logs: [out('{"t":{"$date":"{ts:mongojson}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}', 1000)] })] }),
  },
  {
    names: ["us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend", "gcr.io/google-samples/microservices-demo/frontend"],
    source: "images.md §6 microservices-demo", tags: (t) => /^v0\.\d+\.\d+$/.test(t),
    image: (tag) => image({ version: tag ?? "v0.10.6", exposedPorts: tcp(8080), tools: NO_TOOLS,
      programs: [daemon([], tcp(8080), { http: { routes: [{ path: "/_healthz", status: 200, body: "ok" }, { path: "/", status: 200, body: "<title>Online Boutique</title>" }] }, signals: GO_DEFAULT })] }),
  },
  {
    names: ["us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/*", "gcr.io/google-samples/microservices-demo/*"],
    source: "images.md §6 microservices-demo (gRPC on containerPort)", tags: (t) => /^v0\.\d+\.\d+$/.test(t),
    image: (tag) => image({ version: tag ?? "v0.10.6", tools: NO_TOOLS, programs: [{ ...GENERIC_PLAN, http: { routes: [] } }] }),
  },
  generic(["k8s.gcr.io/fluentd-elasticsearch", "registry.k8s.io/fluentd-elasticsearch", "quay.io/fluentd_elasticsearch/fluentd"], "images.md §5.13 fluentd DaemonSet examples"),
];

/** images.md §6 "treat generically: pullable at the pinned tag". */
const genericList: CatalogueEntry[] = [
  generic(["quay.io/connordoyle/cpuset-visualizer"], "images.md §6 generic"),
  generic(["docker.io/vitess/*"], "images.md §6 generic"),
  generic(["registry.k8s.io/spark", "k8s.gcr.io/spark"], "images.md §6 generic"),
  generic(["docker.io/library/rethinkdb", "registry.k8s.io/rethinkdb", "k8s.gcr.io/rethinkdb"], "images.md §6 generic"),
  generic(["docker.io/percona/*", "docker.io/capttofu/*", "docker.io/selenium/*"], "images.md §6 generic"),
  generic(["docker.io/minio/minio", "docker.io/itzg/minecraft-server", "docker.io/linuxserver/*", "docker.io/pihole/pihole"], "images.md §6 generic"),
  generic(["docker.io/tensorflow/serving", "docker.io/vllm/vllm-openai"], "images.md §6 generic"),
];

export const miscEntries: CatalogueEntry[] = [mssql, ...consul, ...misc, ...genericList];
