// Runs generated commands through real Sessions and collects what must never happen: a thrown
// exception (the shell turns it into "internal simulator error"), a budget warning (the world
// did not settle, too many events), or a crash of Session.run itself.

import { Session } from "../../src/sim";
import type { ClusterSpecInput } from "../../src/sim/cluster-spec";

export interface Problem {
  /** The script that shows it (setup + the command), ready for /tmp/perf-findings.md. */
  script: string;
  command: string;
  message: string;
}

export interface KnownCrasher {
  /** Why it crashes, where (file/function), as far as known. */
  title: string;
  /** Matches Problem.message (the thrown error's message, or a warning). */
  match: RegExp;
  cluster: "swarm" | "k8s";
  /** Minimal reproducing script (after the cluster's setup). */
  script: string;
}

export const INTERNAL_ERROR = "internal simulator error";

export const SWARM_CLUSTER: ClusterSpecInput = {
  hosts: [
    { name: "manager1", ip: "10.0.0.11" },
    { name: "worker1", ip: "10.0.0.12", labels: { zone: "a" } },
    { name: "worker2", ip: "10.0.0.13", labels: { zone: "b" } },
  ],
  swarm: { managers: ["manager1"], workers: ["worker1", "worker2"] },
};

export const K8S_CLUSTER: ClusterSpecInput = {
  hosts: [{ name: "cp1", ip: "10.0.0.11" }, { name: "worker1", ip: "10.0.0.12" }, { name: "worker2", ip: "10.0.0.13" }],
  kubernetes: { controlPlane: ["cp1"], workers: ["worker1", "worker2"] },
};

export const COMPOSE_YAML = `services:
  web:
    image: nginx:1.25
    ports: ["8080:80"]
    depends_on: [cache]
  cache:
    image: redis:7
`;

export const DEPLOY_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          ports: [{ containerPort: 80 }]
`;

export const FILES = { "compose.yaml": COMPOSE_YAML, "stack.yml": COMPOSE_YAML, "deploy.yaml": DEPLOY_YAML };

export const SWARM_SETUP = [
  "docker service create -d --name web --replicas 2 -p 8080:80 nginx:1.25",
  "docker service create -d --name agent --mode global busybox sleep 1d",
  "docker network create -d overlay --attachable backend",
  "echo s3cret | docker secret create db_pass -",
  "docker node update --label-add zone=a worker1",
  "docker stack deploy -c stack.yml app",
  "docker run -d --name solo nginx:1.25",
].join("\n");

export const K8S_SETUP = [
  "kubectl create deployment web --image=nginx:1.25 --replicas=2",
  "kubectl expose deployment web --port 80",
  "kubectl create configmap cfg --from-literal=a=b",
  "kubectl create secret generic sec --from-literal=p=q",
  "kubectl run solo --image=busybox -- sleep 3600",
  "kubectl label node worker1 zone=a",
].join("\n");

export function newSession(kind: "swarm" | "k8s", seed: string): Session {
  const s = new Session({ seed, cluster: kind === "swarm" ? SWARM_CLUSTER : K8S_CLUSTER, files: FILES });
  s.run(kind === "swarm" ? SWARM_SETUP : K8S_SETUP, { allowSim: true });
  return s;
}

/**
 * Runs `commands` one by one in `session` (the history of a fuzz run), recording problems with the
 * script that led to them. `setup` is what ran before (for the repro).
 */
export function runAll(session: Session, setup: string, commands: string[], stdin?: string): Problem[] {
  const problems: Problem[] = [];
  const history: string[] = [];
  const warned = new Set(session.world.warnings);
  for (const command of commands) {
    const script = stdin === undefined ? command : `${command} <<'EOF_FUZZ'\n${stdin}\nEOF_FUZZ`;
    history.push(script);
    let steps;
    try {
      steps = session.run(script, { allowSim: true });
    } catch (e) {
      problems.push({ script: [setup, ...history].join("\n"), command, message: `Session.run threw: ${(e as Error).stack ?? e}` });
      continue;
    }
    for (const step of steps) {
      if (step.stderr.includes(INTERNAL_ERROR)) {
        problems.push({ script: [setup, ...history].join("\n"), command, message: step.stderr.trim() });
      }
    }
    for (const w of session.world.warnings) {
      if (warned.has(w)) continue;
      warned.add(w);
      if (!w.includes(INTERNAL_ERROR)) problems.push({ script: [setup, ...history].join("\n"), command, message: `warning: ${w}` });
    }
  }
  return problems;
}

/** Problems not explained by a known crasher. */
export function unknown(problems: Problem[], known: KnownCrasher[]): Problem[] {
  return problems.filter((p) => !known.some((k) => k.match.test(p.message)));
}

export function describeProblems(problems: Problem[]): string {
  return problems.slice(0, 5).map((p) => `--- ${p.message}\n${p.command}`).join("\n");
}
