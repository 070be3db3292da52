// No manifest may crash, hang or loop the simulator: seeded mutations (deleted keys, wrong types,
// deep nesting, huge lists and numbers, raw-text damage) of the third-party corpus in
// ../shared/corpus, fed to `kubectl apply -f -` (Kubernetes manifests) and to `docker compose up -d`
// and `docker stack deploy` (compose files). Skipped when the corpus is not there.
//   FUZZ_MANIFESTS=N raises the number of mutants per target.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import { Rng } from "../../src/sim/rng";
import { describeProblems, K8S_CLUSTER, SWARM_CLUSTER, unknown, INTERNAL_ERROR, type Problem } from "./harness";
import { KNOWN_CRASHERS } from "./known-crashers";
import { mutateYaml } from "./mutate";

const corpus = path.resolve(__dirname, "../../../shared/corpus");
const have = existsSync(corpus);
const COUNT = Number(process.env.FUZZ_MANIFESTS) || 20;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.ya?ml$/.test(name) && statSync(p).size < 60_000) out.push(p);
  }
  return out;
}

const K8S_DIRS = ["kubernetes-website-examples", "kubernetes-examples", "microservices-demo", "example-voting-app/k8s-specifications", "kubeconform-fixtures"];
const COMPOSE_DIRS = ["awesome-compose", "swarm-stacks", "example-voting-app"];
const isCompose = (p: string) => /compose|stack|docker-/.test(path.basename(p));

/** Runs one script in a fresh session; problems if a step crashed or the world warned. */
function check(session: Session, script: string): Problem[] {
  let steps;
  try {
    steps = session.run(script, { allowSim: true });
  } catch (e) {
    return [{ script, command: script.split("\n")[0]!, message: `Session.run threw: ${(e as Error).stack ?? e}` }];
  }
  const out: Problem[] = [];
  for (const s of steps) if (s.stderr.includes(INTERNAL_ERROR)) out.push({ script, command: s.command, message: s.stderr.trim() });
  for (const w of session.world.warnings) if (!w.includes(INTERNAL_ERROR)) out.push({ script, command: script.split("\n")[0]!, message: `warning: ${w}` });
  return out;
}

describe.skipIf(!have)("manifest fuzzing (../shared/corpus mutants)", () => {
  const k8sFiles = K8S_DIRS.flatMap((d) => walk(path.join(corpus, d))).filter((p) => !isCompose(p));
  const composeFiles = COMPOSE_DIRS.flatMap((d) => walk(path.join(corpus, d))).filter(isCompose);

  it(`kubectl apply -f - of ${COUNT} mutated manifests never crashes`, { timeout: 60_000 }, () => {
    const rng = new Rng("manifest-k8s");
    const problems: Problem[] = [];
    let session = new Session({ seed: "mk", cluster: K8S_CLUSTER });
    for (let i = 0; i < COUNT; i++) {
      if (i % 10 === 0) session = new Session({ seed: `mk-${i}`, cluster: K8S_CLUSTER });
      const text = mutateYaml(rng, readFileSync(rng.pick(k8sFiles), "utf8"), rng.range(1, 3));
      problems.push(...check(session, `kubectl apply -f - <<'EOF_FUZZ'\n${text}\nEOF_FUZZ\nkubectl get all -A -o wide`));
    }
    const fresh = unknown(problems, KNOWN_CRASHERS);
    expect(fresh, describeProblems(fresh)).toEqual([]);
  });

  for (const target of ["compose", "stack"] as const) {
    it(`${target}: ${COUNT} mutated compose files never crash`, { timeout: 60_000 }, () => {
      const rng = new Rng(`manifest-${target}`);
      const problems: Problem[] = [];
      for (let i = 0; i < COUNT; i++) {
        const text = mutateYaml(rng, readFileSync(rng.pick(composeFiles), "utf8"), rng.range(1, 3));
        const session = new Session({ seed: `mc-${i}`, cluster: SWARM_CLUSTER, files: { "compose.yaml": text } });
        const script = target === "compose"
          ? "docker compose up -d\ndocker compose ps\ndocker compose down"
          : "docker stack deploy -c compose.yaml s\ndocker stack services s\ndocker stack ps s\ndocker stack rm s";
        problems.push(...check(session, script).map((p) => ({ ...p, script: `# compose.yaml:\n${text}\n${script}` })));
      }
      const fresh = unknown(problems, KNOWN_CRASHERS);
      expect(fresh, describeProblems(fresh)).toEqual([]);
    });
  }
});
