import { describe, expect, it } from "vitest";
import { type CustomImageInput, customImageSchema, parseBytes, resolveImage } from "../../src/sim/images";
import { startContainer } from "../../src/sim/runtime";

const T0 = Date.UTC(2024, 0, 10);
const at = (s: number) => T0 + s * 1000;

function start(decl: CustomImageInput, extra: Partial<Parameters<typeof startContainer>[0]> = {}) {
  const image = customImageSchema.parse(decl);
  const r = resolveImage(decl.name, [image]);
  if (!r.ok) throw new Error(r.reason);
  return startContainer({ image: r.image, startTime: T0, ...extra });
}

const status = (res: ReturnType<ReturnType<typeof start>["httpGet"]>) => (res.kind === "response" ? res.status : res.kind);

describe("customImageSchema", () => {
  it("fills defaults and validates durations and quantities", () => {
    expect(customImageSchema.parse({ name: "example/app" })).toMatchObject({ base: "alpine", ports: [], readyAfter: 0, exitCode: 1, ignoresSigterm: false });
    expect(customImageSchema.safeParse({ name: "x", readyAfter: "ten seconds" }).success).toBe(false);
    expect(customImageSchema.safeParse({ name: "x", memory: "lots" }).success).toBe(false);
    expect(customImageSchema.safeParse({ name: "x", ports: ["53/udp", 8080] }).success).toBe(true);
    expect([parseBytes("64Mi"), parseBytes("1Gi"), parseBytes("100M"), parseBytes(512), parseBytes("x")])
      .toEqual([64 * 1024 ** 2, 1024 ** 3, 100e6, 512, undefined]);
  });

  it("a declared image resolves at its tag only; other tags are not found", () => {
    const image = customImageSchema.parse({ name: "example/app:1.0" });
    expect(resolveImage("example/app:1.0", [image]).ok).toBe(true);
    const other = resolveImage("example/app:2.0", [image]);
    expect(!other.ok && other.reason).toBe("tag-not-found");
    const none = resolveImage("example/app:1.0");
    expect(!none.ok && none.reason).toBe("repository-not-found");
  });
});

describe("custom image behaviour on the virtual clock", () => {
  it("is ready after N s, a health path fails after M s, and it crashes with its exit code", () => {
    const p = start({ name: "example/app:1.0", ports: [8080], readyAfter: "10s", crashAfter: "60s", exitCode: 3,
      http: { "/": 200, "/healthz": { failAfter: "30s" } }, logs: ["starting", { after: "10s", line: "ready" }] });
    const table: [number, string | number, string][] = [
      [0, "refused", "running"], [9, "refused", "running"], [10, 200, "running"], [29, 200, "running"],
      [30, 500, "running"], [59, 500, "running"], [60, "refused", "exited"],
    ];
    for (const [s, http, state] of table) {
      p.advanceTo(at(s));
      expect([s, status(p.httpGet(8080, "/healthz")), p.status(at(s)).state]).toEqual([s, http, state]);
    }
    expect(p.status(at(60))).toMatchObject({ exitCode: 3, reason: "Error", finishedAt: at(60) });
    expect(p.logs()).toEqual([{ time: at(0), stream: "stdout", text: "starting" }, { time: at(10), stream: "stdout", text: "ready" }]);
  });

  it("answers paths as declared: always failing, ready from N s, unknown paths 404", () => {
    const p = start({ name: "example/web", ports: [80], http: { "/bad": 503, "/ready": { from: "20s" }, "/": { status: 200, body: "hi" } } });
    expect(status(p.httpGet(80, "/bad"))).toBe(503);
    expect(status(p.httpGet(80, "/ready"))).toBe(503);
    expect(status(p.httpGet(80, "/nope"))).toBe(404);
    const root = p.httpGet(80, "/");
    expect(root.kind === "response" && root.body).toBe("hi");
    p.advanceTo(at(20));
    expect(status(p.httpGet(80, "/ready"))).toBe(200);
    expect(p.tcpConnect(80)).toBe(true);
  });

  it("exits with the declared log and code when a required variable is missing", () => {
    const decl = { name: "example/database", requiredEnv: { names: ["DB_PASSWORD"], log: "fatal: DB_PASSWORD is not set", exitCode: 2 } };
    expect(start(decl).status(T0)).toMatchObject({ state: "exited", exitCode: 2 });
    expect(start(decl).logs()).toEqual([{ time: T0, stream: "stderr", text: "fatal: DB_PASSWORD is not set" }]);
    expect(start(decl, { env: { DB_PASSWORD: "x" } }).status(T0).state).toBe("running");
  });

  it("grows its memory and is OOMKilled when it passes the limit", () => {
    const p = start({ name: "example/leaky", memory: { start: "50Mi", growPerSecond: "10Mi" } }, { memoryLimitBytes: 100 * 1024 ** 2 });
    expect(p.status(at(4)).state).toBe("running");
    expect(p.memoryBytes()).toBe(90 * 1024 ** 2);
    expect(p.status(at(6))).toMatchObject({ state: "exited", exitCode: 137, reason: "OOMKilled" });
    expect(p.status(at(6)).state === "exited" && p.status(at(6))).toMatchObject({ finishedAt: at(5) + 1 });
    expect(start({ name: "example/big", memory: "300Mi" }, { memoryLimitBytes: 256 * 1024 ** 2 }).status(T0).state).toBe("exited");
  });

  it("handles SIGTERM (exits 0 after stopTime) unless it ignores it", () => {
    const nice = start({ name: "example/nice", stopTime: "2s" });
    expect(nice.signal("SIGTERM")).toEqual({ outcome: "exits", exitAt: at(2), exitCode: 0 });
    const stubborn = start({ name: "example/stubborn", ignoresSigterm: true });
    expect(stubborn.signal("SIGTERM")).toEqual({ outcome: "ignored" });
    stubborn.advanceTo(at(30));
    stubborn.kill();
    expect(stubborn.status(at(30))).toMatchObject({ exitCode: 137, finishedAt: at(30) });
  });

  it("scratch-based custom images have no shell for exec", () => {
    const p = start({ name: "example/static", base: "scratch" });
    expect(p.exec(["sh"])).toMatchObject({ exitCode: 126, error: 'exec: "sh": executable file not found in $PATH' });
    const alpine = start({ name: "example/tools", files: { "/etc/app.conf": "debug=true\n" } });
    expect(alpine.exec(["cat", "/etc/app.conf"]).stdout).toBe("debug=true\n");
  });
});
