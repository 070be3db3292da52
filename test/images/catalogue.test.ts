import { describe, expect, it } from "vitest";
import { CATALOGUE, deriveImage, findEntry, resolveImage } from "../../src/sim/images";
import { startContainer } from "../../src/sim/runtime";

const T0 = Date.UTC(2024, 0, 10);
/** A tag each entry accepts, for building its image. */
const SAMPLE_TAGS = ["latest", "1.0", "v1", "0.1", "3.9", "1.4", "v0.10.6", "7.16.1", "v2.5.0", "5.3.4", "2.40", "v0.16.0", "v0.14.0",
  "v0.8.0", "1.15.4", "2022-latest", "v3", "v2"];

describe("the catalogue table", () => {
  it("lists each repository once, with a source", () => {
    const names = CATALOGUE.flatMap((e) => e.names);
    expect(new Set(names).size).toBe(names.length);
    for (const e of CATALOGUE) expect(e.source).not.toBe("");
  });

  it.each(CATALOGUE.map((e) => [e.names[0]!, e] as const))("%s builds plain-data facts and starts deterministically", (name, entry) => {
    const repo = name.endsWith("/*") ? name.replace("/*", "/anything") : name;
    const tag = SAMPLE_TAGS.find((t) => entry.tags(t)) ?? "latest";
    const r = resolveImage(`${repo}:${tag}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.parse(JSON.stringify(r.image))).toEqual(r.image);
    expect(r.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const run = () => {
      const p = startContainer({ image: r.image, startTime: T0, declaredPorts: [{ port: 8080, protocol: "tcp" }] });
      p.advanceTo(T0 + 120_000);
      return { status: p.status(T0 + 120_000), logs: p.logs() };
    };
    expect(run()).toEqual(run());
  });

  it("aliases share an entry (k8s.gcr.io and registry.k8s.io)", () => {
    expect(findEntry("k8s.gcr.io/pause")).toBe(findEntry("registry.k8s.io/pause"));
    expect(findEntry("docker.io/vitess/lite")).toBeDefined();
    expect(findEntry("docker.io/library/ngnix")).toBeUndefined();
  });

  it("images carry the facts engines need", () => {
    const nginx = resolveImage("nginx:1.25");
    expect(nginx.ok && nginx.image).toMatchObject({
      version: "1.25.5", entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"],
      exposedPorts: [{ port: 80, protocol: "tcp" }], stopSignal: "SIGQUIT",
    });
    const old = resolveImage("nginx:1.7.9");
    expect(old.ok && old.image).toMatchObject({ entrypoint: [], stopSignal: "SIGTERM" });
    const pg = resolveImage("postgres:15-alpine");
    expect(pg.ok && pg.image).toMatchObject({ version: "15.14", stopSignal: "SIGINT", exposedPorts: [{ port: 5432, protocol: "tcp" }] });
    expect(pg.ok && pg.image.tools).toContain("pg_isready");
    const fluentd = resolveImage("fluent/fluentd:v1.16-1");
    // The Dockerfile's `EXPOSE 24224 5140`: tcp only (docker history of fluent/fluentd); in_forward listens on udp too.
    expect(fluentd.ok && fluentd.image.exposedPorts).toEqual([{ port: 24224, protocol: "tcp" }, { port: 5140, protocol: "tcp" }]);
  });

  it("deriveImage builds a local image: ENTRYPOINT resets the inherited CMD", () => {
    const base = resolveImage("alpine:3.19");
    if (!base.ok) throw new Error("alpine");
    const app = deriveImage(base.image, { name: "myapp:1.0", entrypoint: ["/app/run.sh"], files: { "/app/run.sh": "echo hi" } });
    expect(app).toMatchObject({ entrypoint: ["/app/run.sh"], cmd: [], custom: true, repository: "docker.io/library/myapp" });
    expect(app.ref.familiar).toBe("myapp:1.0");
    expect(app.digest).not.toBe(base.image.digest);
    const p = startContainer({ image: app, startTime: T0 });
    expect(p.logs().map((l) => l.text)).toEqual(["hi"]);
  });
});
