// Real corpus: every awesome-compose file loads for `docker compose`; the stack loader agrees
// with `docker stack config` (the real CLI, offline) on ok/error for the swarm-stacks corpus.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCompose, loadStack } from "../../src/sim/docker/compose/load";
import { printStackConfig } from "../../src/sim/docker/compose/print";

const repoRoot = path.resolve(__dirname, "../..");
const corpus = path.resolve(repoRoot, "../shared/corpus");
const have = existsSync(corpus);

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const awesome = walk(path.join(corpus, "awesome-compose"));
/** Build-only services (no image): `docker stack deploy` refuses these files. */
const BUILD_ONLY = (text: string) => /build:/.test(text);

describe.skipIf(!have)("awesome-compose", () => {
  it.each(awesome.map((p) => [path.relative(corpus, p), p]))("%s loads for docker compose", (_n, p) => {
    // plex mounts ${PLEX_MEDIA_PATH}: unset, the spec is ":/media/" and both loaders reject it (corpus-up.test.ts).
    const r = loadCompose([{ path: p, text: readFileSync(p, "utf8") }], { PLEX_MEDIA_PATH: "/srv/media" });
    expect(r.ok ? "ok" : r.error).toBe("ok");
    if (r.ok) {
      expect(r.model.services.length).toBeGreaterThan(0);
      for (const s of r.model.services) expect(!!s.image || s.hasBuild).toBe(true);
      if (r.model.services.some((s) => !s.image)) expect(BUILD_ONLY(readFileSync(p, "utf8"))).toBe(true);
    }
  });
});

let docker = false;
try {
  execFileSync("docker", ["--version"], { stdio: "ignore" });
  docker = true;
} catch { /* no docker client: oracle tests skip */ }

const expected = have && existsSync(path.join(corpus, "swarm-stacks/expected.json"))
  ? (JSON.parse(readFileSync(path.join(corpus, "swarm-stacks/expected.json"), "utf8")).files as Record<string, { docker_stack_config: string; services?: string[] }>)
  : {};

describe.skipIf(!have)("swarm-stacks against expected.json", () => {
  it.each(Object.entries(expected))("%s", (rel, facts) => {
    const p = path.join(corpus, "swarm-stacks", rel);
    const r = loadStack([{ path: p, text: readFileSync(p, "utf8") }], {});
    const wantOk = facts.docker_stack_config === "ok";
    expect(r.ok).toBe(wantOk);
    if (r.ok && facts.services) expect(r.model.services.map((s) => s.name).sort()).toEqual([...facts.services].sort());
  });
});

describe.skipIf(!have || !docker)("docker stack config oracle", () => {
  const files = [...walk(path.join(corpus, "swarm-stacks")), ...awesome].filter((p) => !p.endsWith("expected.json"));
  const readFile = (f: string) => (existsSync(f) && statSync(f).isFile() ? readFileSync(f, "utf8") : undefined);
  it.each(files.map((p) => [path.relative(corpus, p), p]))("%s prints what the real CLI prints", (_n, p) => {
    const dir = path.dirname(p);
    let real: string;
    try {
      real = execFileSync("docker", ["stack", "config", "-c", p], { cwd: dir, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] }).toString();
    } catch {
      return; // error texts may name a different service (Go map order): covered above
    }
    const r = loadStack([{ path: p, text: readFileSync(p, "utf8") }], {}, { readFile });
    expect(r.ok ? printStackConfig(r.model, dir) : r.error).toBe(real);
  });
});
