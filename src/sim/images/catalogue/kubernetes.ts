// Images of the Kubernetes docs and examples (images.md §4 rows, §5.3 replicas, §5.17): the probe
// examples (liveness/agnhost, goproxy, busybox), pause, echoserver, test-webserver, guestbook, hello-app.

import { anyTag, onlyTags } from "../tags";
import type { HttpRoute, ProgramPlan } from "../types";
import { busyboxImage } from "./base";
import {
  BUSYBOX_TOOLS, DEBIAN_TOOLS, GO_404, GO_DEFAULT, NO_TOOLS, type CatalogueEntry, daemon, err, exits, image, out, tcp,
} from "./common";
import { redisImage } from "./nosql";


/** agnhost liveness / the old liveness image: /healthz is 200 while uptime ≤ 10 s, then 500 (§5.17). */
export const LIVENESS_ROUTES: HttpRoute[] = [
  // server.go: `if duration.Seconds() > 10 { 500 }`, so 200 up to and including 10 000 ms.
  { path: "/healthz", status: 200, body: "ok", untilMs: 10_001 },
  { path: "/healthz", status: 500, body: "error: {uptime}" },
  { path: "/started", status: 200, body: "{uptime:go}" },
];

const livenessPlan = (match: string[]): ProgramPlan => daemon(match, tcp(8080), {
  http: { routes: LIVENESS_ROUTES, notFound: GO_404, server: "go" }, signals: GO_DEFAULT,
});

const agnhost: CatalogueEntry = {
  names: ["registry.k8s.io/e2e-test-images/agnhost", "k8s.gcr.io/e2e-test-images/agnhost", "gcr.io/kubernetes-e2e-test-images/agnhost"],
  source: "images.md §5.17 agnhost",
  tags: (tag) => /^2\.(1[2-9]|[2-5]\d)$/.test(tag),
  image: (tag) => image({
    version: tag ?? "2.40",
    entrypoint: ["/agnhost"],
    cmd: ["pause"],
    exposedPorts: tcp(80, 8080, 8081, 9376),
    tools: [...BUSYBOX_TOOLS, "agnhost"],
    programs: [
      livenessPlan(["agnhost", "liveness"]),
      daemon(["agnhost", "pause"], [], { logs: [out("Paused")], signals: GO_DEFAULT }),
      daemon(["agnhost", "netexec"], tcp(8080), {
        listen: { ports: tcp(8080), afterMs: 0, portFromArg: { flag: "--http-port" } },
        http: { routes: [
          { path: "/hostname", status: 200, body: "{hostname}" },
          { path: "/healthz", status: 200, body: "" },
          { path: "/echo", status: 200, body: "{query:msg}" },
          { path: "/clientip", status: 200, body: "{client}:40000" },
          { path: "/", status: 200, body: "NOW: {ts:go}" },
        ], notFound: GO_404, server: "go" },
        logs: [err("{ts:go} Started HTTP server on port {port}"), err("{ts:go} Started UDP server on port  8081")],
        signals: GO_DEFAULT,
      }),
      daemon(["agnhost", "serve-hostname"], tcp(9376), {
        http: { routes: [{ path: "*", status: 200, body: "{hostname}" }] },
        logs: [err("{ts:go} Serving on port 9376.")], signals: GO_DEFAULT,
      }),
    ],
  }),
};

const liveness: CatalogueEntry = {
  names: ["registry.k8s.io/liveness", "k8s.gcr.io/liveness", "gcr.io/google_containers/liveness"],
  source: "images.md §4 liveness, §5.17",
  tags: onlyTags("latest"),
  image: () => image({ version: "latest", cmd: ["/server"], exposedPorts: tcp(8080), tools: NO_TOOLS,
    programs: [livenessPlan(["server"])] }),
};

const k8sBusybox: CatalogueEntry = {
  names: ["registry.k8s.io/busybox", "k8s.gcr.io/busybox", "gcr.io/google_containers/busybox"],
  source: "images.md §4 registry.k8s.io/busybox",
  tags: onlyTags("latest", "1.24", "1.27", "1.27.2"),
  image: (tag) => busyboxImage(tag === "latest" || tag === undefined ? "1.27.2" : tag),
};

const goproxy: CatalogueEntry = {
  names: ["registry.k8s.io/goproxy", "k8s.gcr.io/goproxy", "gcr.io/google_containers/goproxy"],
  source: "images.md §4 goproxy, §5.17",
  tags: onlyTags("0.1"),
  image: () => image({ version: "0.1", cmd: ["/goproxy"], exposedPorts: tcp(8080), tools: NO_TOOLS,
    programs: [daemon(["goproxy"], tcp(8080), {
      http: { routes: [{ path: "*", status: 500, body: "This is a proxy server. Does not respond to non-proxy requests.\n" }] },
      signals: GO_DEFAULT,
    })] }),
};

const PAUSE_TAGS = ["3.0", "3.1", "3.2", "3.3", "3.4.1", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "2.0", "1.0", "0.8.0", "latest"];
const pause: CatalogueEntry = {
  names: ["registry.k8s.io/pause", "k8s.gcr.io/pause", "gcr.io/google_containers/pause", "gcr.io/google_containers/pause-amd64"],
  source: "images.md §4 pause, §5.17",
  tags: onlyTags(...PAUSE_TAGS),
  // build/pause/Dockerfile: FROM scratch, USER 65535:65535, ENTRYPOINT ["/pause"] (no CMD); pause.c answers -v.
  image: (tag) => image({ version: tag ?? "3.9", sizeBytes: 300_000, entrypoint: ["/pause"], cmd: [], user: "65535:65535", tools: NO_TOOLS,
    programs: [daemon(["pause"], [], {
      exitRules: [{ when: { kind: "firstArg", anyOf: ["-v"] }, exitCode: 0, logs: [out(`pause.c v${tag && /^\d/.test(tag) ? tag : "3.9"}`)] }],
      signals: {
      SIGTERM: exits(0, 0, [err("Shutting down, got signal: Terminated")]),
      SIGINT: exits(0, 0, [err("Shutting down, got signal: Interrupt")]),
    }, memory: { bytes: 300 * 1024 } })] }),
};

const oldPause: CatalogueEntry = {
  names: ["docker.io/kubernetes/pause"],
  source: "images.md §4 kubernetes/pause",
  tags: onlyTags("latest", "go"),
  image: () => image({ version: "go", sizeBytes: 240_000, cmd: ["/pause"], tools: NO_TOOLS,
    programs: [daemon(["pause"], [], { signals: {} })] }),
};

const ECHO_BODY = `CLIENT VALUES:
client_address={client}
command={method}
real path={path}
query={query}
request_version=1.1
request_uri=http://{hostName}:8080{uri}

SERVER VALUES:
server_version=nginx: 1.10.0 - lua: 10001

HEADERS RECEIVED:
accept=*/*
host={host}
user-agent={ua}
BODY:
-no body in request-`;
const echoserver: CatalogueEntry = {
  names: ["registry.k8s.io/echoserver", "k8s.gcr.io/echoserver", "gcr.io/google_containers/echoserver"],
  source: "images.md §4 echoserver, §5.17",
  tags: onlyTags("1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10"),
  image: (tag) => {
    const ports = tag === "1.10" ? tcp(8080, 8443) : tcp(8080);
    const body = tag === "1.10" ? `\n\nHostname: {hostname}\n\nPod Information:\n\t-no pod information available-\n\n${ECHO_BODY}` : ECHO_BODY;
    return image({ version: tag ?? "1.4", cmd: ["/usr/sbin/nginx", "-g", "daemon off;"], exposedPorts: ports, tools: DEBIAN_TOOLS,
      programs: [daemon(["nginx"], ports, { http: { routes: [{ path: "*", status: 200, body, contentType: "text/plain" }] } })] });
  },
};

const testWebserver: CatalogueEntry = {
  names: ["registry.k8s.io/test-webserver", "k8s.gcr.io/test-webserver", "gcr.io/google_containers/test-webserver"],
  source: "images.md §5.17 test-webserver",
  tags: onlyTags("latest"),
  image: () => image({ version: "latest", cmd: ["/test-webserver"], exposedPorts: tcp(80), tools: NO_TOOLS,
    programs: [daemon(["test-webserver"], tcp(80), { http: { routes: [], staticRoot: "/", index: ["index.html"], notFound: GO_404 }, signals: GO_DEFAULT })] }),
};

const guestbook: CatalogueEntry = {
  // The tutorial moved its frontend to docker.io/corelab/gb-frontend (same image, v5).
  names: ["gcr.io/google-samples/gb-frontend", "gcr.io/google_samples/gb-frontend", "docker.io/corelab/gb-frontend"],
  source: "images.md §5.17 guestbook",
  tags: onlyTags("v3", "v4", "v5", "v6"),
  image: (tag) => image({ version: tag ?? "v5", cmd: ["apache2-foreground"], exposedPorts: tcp(80), stopSignal: "SIGWINCH",
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", GET_HOSTS_FROM: "dns" }, tools: [...DEBIAN_TOOLS, "curl", "php"],
    programs: [daemon(["apache2-foreground"], tcp(80), {
      http: { routes: [{ path: "/", status: 200, body: "<html ng-app=\"redis\">\n  <head>\n    <title>Guestbook</title>\n  </head>\n</html>\n", contentType: "text/html" }] },
      signals: { SIGWINCH: exits(0, 300), SIGTERM: exits(0, 100) },
    })] }),
};

/** The guestbook's redis images: redis on 6379; replicas connect to `redis-master` (§5.3). */
const guestbookRedis: CatalogueEntry[] = [
  { names: ["gcr.io/google_samples/gb-redisslave", "gcr.io/google_samples/gb-redissecondary", "gcr.io/google-samples/gb-redis-follower"],
    source: "images.md §5.3 replica images", tags: onlyTags("v1", "v2"),
    image: () => redisImage("3.0.3", false, { env: { GET_HOSTS_FROM: "dns" },
      repeatLog: out("1:S {ts:redis} * Connecting to MASTER redis-master:6379") }) },
  { names: ["registry.k8s.io/redis-slave", "k8s.gcr.io/redis-slave"], source: "images.md §5.3 replica images", tags: onlyTags("v2"),
    image: () => redisImage("3.0.3", false, { repeatLog: out("1:S {ts:redis} * Connecting to MASTER redis-master:6379") }) },
  { names: ["registry.k8s.io/redis", "k8s.gcr.io/redis", "docker.io/kubernetes/redis"], source: "images.md §5.3",
    tags: onlyTags("v1", "e2e"), image: () => redisImage("3.0.3", false) },
];

const helloApp: CatalogueEntry = {
  names: ["gcr.io/google-samples/hello-app", "us-docker.pkg.dev/google-samples/containers/gke/hello-app"],
  source: "images.md §6 hello-app",
  tags: onlyTags("1.0", "2.0"),
  image: (tag) => image({ version: tag ?? "1.0", cmd: ["./hello-app"], exposedPorts: tcp(8080), tools: NO_TOOLS,
    programs: [daemon(["hello-app"], tcp(8080), {
      logs: [err("{ts:go} Server listening on port 8080")],
      http: { routes: [{ path: "*", status: 200, body: `Hello, world!\nVersion: ${tag === "2.0" ? "2.0.0" : "1.0.0"}\nHostname: {hostname}\n` }], server: "go" },
      signals: GO_DEFAULT,
    })] }),
};

/** Memory hogs of the Kubernetes docs ("Assign Memory Resources"); corpus entries, not in images.md. */
const stress: CatalogueEntry[] = [
  { names: ["docker.io/polinux/stress"], source: "k8s docs memory-request-limit (corpus)", tags: anyTag,
    image: () => image({ version: "1.0.4", cmd: ["stress"], tools: [...BUSYBOX_TOOLS, "stress"],
      programs: [daemon(["stress"], [], { signals: {}, memory: { bytes: 1024 * 1024, fromArg: "--vm-bytes" },
        logs: [out("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd")] })] }) },
  { names: ["docker.io/vish/stress"], source: "k8s docs cpu-request-limit (corpus)", tags: anyTag,
    image: () => image({ version: "latest", entrypoint: ["/stress", "-logtostderr"], tools: NO_TOOLS,
      programs: [daemon(["stress"], [], { signals: GO_DEFAULT, memory: { bytes: 1024 * 1024, fromArg: "-mem-total" } })] }) },
];

export const kubernetesEntries: CatalogueEntry[] = [agnhost, liveness, k8sBusybox, goproxy, pause, oldPause, echoserver,
  testWebserver, guestbook, ...guestbookRedis, helloApp, ...stress];
