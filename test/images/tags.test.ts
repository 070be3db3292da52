import { describe, expect, it } from "vitest";
import { resolveImage } from "../../src/sim/images";

const outcome = (ref: string): string => {
  const r = resolveImage(ref);
  return r.ok ? "ok" : r.reason;
};

describe("tag existence per repository (images.md §4, §5)", () => {
  it.each([
    // nginx: §5.1 corpus tags exist; 2, 1.25.9, latets, apline do not
    ...["nginx", "nginx:latest", "nginx:1.7.9", "nginx:1.14.2", "nginx:1.15", "nginx:1.16.1", "nginx:1.23", "nginx:alpine",
      "nginx:1.25-alpine", "nginx:1.25.5", "nginx:stable-alpine", "nginx:mainline", "nginx:1.27-bookworm", "nginx:1.25-alpine3.18",
      "nginx:1.24-alpine-slim", "nginx:1", "nginx:alpine-slim"].map((t) => [t, "ok"]),
    ...["nginx:2", "nginx:1.25.9", "nginx:latets", "nginx:apline", "nginx:1.22-otel", "nginx:1.22.1-alpine-slim", "nginx:1.8"].map((t) => [t, "tag-not-found"]),
    // redis, postgres, mysql, mariadb, mongo
    ...["redis", "redis:alpine", "redis:7.2", "redis:5", "redis:latest", "redis:7.2.5-alpine", "redis:6.2-bookworm"].map((t) => [t, "ok"]),
    ["redis:9", "tag-not-found"],
    ...["postgres", "postgres:9.6", "postgres:9.4", "postgres:14", "postgres:15-alpine", "postgres:12-alpine", "postgres:alpine",
      "postgres:15.8", "postgres:16-bookworm", "postgres:13"].map((t) => [t, "ok"]),
    ...["postgres:15.99", "postgres:19", "postgres:9.7"].map((t) => [t, "tag-not-found"]),
    ...["mysql:5.7", "mysql:8", "mysql:8.0.27", "mysql:latest", "mysql:lts", "mysql:8.0-debian"].map((t) => [t, "ok"]),
    ...["mysql:alpine", "mysql:8.4-debian"].map((t) => [t, "tag-not-found"]),
    ...["mariadb:10.6.4-focal", "mariadb:10-focal", "mariadb:10.5", "mariadb:10.9", "mariadb"].map((t) => [t, "ok"]),
    ...["mongo", "mongo:4.2.0", "mongo:7.0"].map((t) => [t, "ok"]),
    // base images
    ...["busybox", "busybox:1.28", "busybox:1.36.1", "busybox:1.38.0", "busybox:musl", "busybox:1.36-glibc", "alpine", "alpine:3.19",
      "alpine:latest", "alpine:edge", "ubuntu:22.04", "ubuntu:jammy", "ubuntu:noble-20240429", "debian:bookworm-slim", "debian:12",
      "node:20-alpine", "node:0.10.40", "node:lts-alpine", "node:iron", "python:3.12-slim", "python:2.7.18", "python:3.11-slim-bookworm"].map((t) => [t, "ok"]),
    ...["busybox:1.99", "alpine:4", "ubuntu:ubunto", "node:27", "python:3.99"].map((t) => [t, "tag-not-found"]),
    // full-version-only and v-prefixed tags
    ...["elasticsearch:7.16.1", "kibana:7.16.1", "logstash:7.16.1", "docker.elastic.co/elasticsearch/elasticsearch:8.15.0"].map((t) => [t, "ok"]),
    ...["elasticsearch", "elasticsearch:latest", "elasticsearch:8", "kibana:latest", "logstash:latest"].map((t) => [t, "tag-not-found"]),
    ...["prom/prometheus", "prom/prometheus:v2.45.0", "grafana/grafana:10.4.2", "traefik:v2.2", "traefik:v1.7", "traefik:1.7-alpine",
      "traefik:v3.0", "traefik:2.6", "traefik:mimolette"].map((t) => [t, "ok"]),
    ...["prom/prometheus:2.45.0", "grafana/grafana:v10.4.2", "traefik:v4"].map((t) => [t, "tag-not-found"]),
    // Kubernetes example images
    ...["registry.k8s.io/goproxy:0.1", "registry.k8s.io/pause:3.9", "k8s.gcr.io/pause", "registry.k8s.io/busybox:1.27.2",
      "registry.k8s.io/busybox", "registry.k8s.io/liveness", "k8s.gcr.io/liveness", "registry.k8s.io/e2e-test-images/agnhost:2.40",
      "k8s.gcr.io/echoserver:1.4", "registry.k8s.io/test-webserver", "gcr.io/google_samples/gb-redisslave:v1", "kubernetes/pause",
      "gcr.io/google-samples/hello-app:1.0", "hashicorp/http-echo", "hashicorp/http-echo:0.2.3"].map((t) => [t, "ok"]),
    ...["registry.k8s.io/goproxy", "k8s.gcr.io/echoserver:latest", "registry.k8s.io/pause:4.0", "registry.k8s.io/e2e-test-images/agnhost:3.0"].map((t) => [t, "tag-not-found"]),
    // §6: consul has no latest; the voting apps; generic images at any tag
    ...["consul", "consul:latest"].map((t) => [t, "tag-not-found"]),
    ...["consul:1.15", "hashicorp/consul", "dockersamples/examplevotingapp_vote:before", "bretfisher/examplevotingapp_worker:java",
      "vitess/lite:v2.0.0-alpha5", "selenium/hub:4.0", "minio/minio:latest", "quay.io/connordoyle/cpuset-visualizer",
      "us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/cartservice:v0.10.6", "stefanprodan/swarmprom-grafana:5.3.4",
      "polinux/stress", "mcr.microsoft.com/mssql/server:2022-latest"].map((t) => [t, "ok"]),
  ] as [string, string][])("%s → %s", (ref, want) => {
    expect(outcome(ref)).toBe(want);
  });
});

describe("the typo table (images.md §2.5) and placeholders (§6) do not exist", () => {
  it.each([
    "ngnix", "nignx", "ngix", "nginix", "engine-x", "apache", "postgresql", "postgress", "mongodb", "mysql-server", "redis-server",
    "busy-box", "bussybox", "ubunto", "example/webapp", "example/database", "myapp", "my-image:latest", "another-image:latest", "app",
    "foo", "frontend", "custom-drupal", "atsea_app", "nginx-custom", "bretfisher/examplevotingapp_vot", "redis-server:latest",
  ])("%s → repository does not exist", (ref) => {
    expect(outcome(ref)).toBe("repository-not-found");
  });

  it.each(["elasticsearch:latest", "kibana:latest", "logstash:latest", "consul:latest", "k8s.gcr.io/echoserver:latest", "registry.k8s.io/goproxy"])(
    "%s → manifest unknown (known repository, no such tag)", (ref) => {
      expect(outcome(ref)).toBe("tag-not-found");
    });

  it("an unknown registry host is unreachable, not 'does not exist'", () => {
    expect(outcome("myregistry.local/app:1.0")).toBe("registry-unreachable");
  });

  it("a digest-pinned reference of a known repository resolves (tag ignored for pulling)", () => {
    const r = resolveImage(`busybox:1.38.0@sha256:${"fd".repeat(32)}`);
    expect(r.ok && r.image.digest).toBe(`sha256:${"fd".repeat(32)}`);
  });
});
