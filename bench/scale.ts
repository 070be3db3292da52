// Scale cases for `npm run bench`: a 50-node swarm with 100 services, and a large Kubernetes
// cluster with one big Deployment rolled to a new image. Each case runs in a child process
// (`tsx bench/scale.ts CASE [key=value…]`, printing one JSON line) so that bench/run.ts can put a
// wall-clock limit on it: the simulator is synchronous, a case that is too slow cannot be
// interrupted from inside. No assertions: numbers for humans.

import { Session } from "../src/sim";
import { costRows, instrument } from "./instrument";

export interface StepTiming {
  command: string;
  ms: number;
  exitCode: number;
  /** settle() calls and reconcile passes the command caused. */
  settles: number;
  passes: number;
}

export interface CaseResult {
  case: string;
  params: Record<string, number>;
  /** Building the world (cluster spec, hosts, swarm/k8s formed). */
  initMs: number;
  /** Replaying the commands (each run separately; sorted per run). */
  steps: StepTiming[];
  totalMs: number;
  cpuMs: number;
  commands: number;
  warnings: string[];
  /** Commands that did not exit 0 (first few), to show the case really ran. */
  failures: string[];
  /** Per subsystem: name, reconcile calls, reconcile ms, changed passes, nextWake calls, nextWake ms. */
  subsystems: string[][];
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function runCase(name: string, params: Record<string, number>, session: () => Session, commands: string[]): CaseResult {
  const cpu0 = cpuNow();
  const t0 = performance.now();
  const s = session();
  const initMs = performance.now() - t0;
  const cost = instrument(s.world);
  const steps: StepTiming[] = [];
  const failures: string[] = [];
  for (const command of commands) {
    const t = performance.now();
    const [settles, passes] = [cost.settles, cost.passes];
    const [step] = s.run(command, { allowSim: true });
    steps.push({ command, ms: performance.now() - t, exitCode: step?.exitCode ?? -1, settles: cost.settles - settles, passes: cost.passes - passes });
    if (step && step.exitCode !== 0 && failures.length < 5) failures.push(`${command} → ${step.exitCode}: ${step.stderr.trim().slice(0, 160)}`);
  }
  return {
    case: name, params, initMs, steps, totalMs: performance.now() - t0, cpuMs: cpuNow() - cpu0,
    commands: commands.length, warnings: [...s.world.warnings], failures, subsystems: costRows(cost),
  };
}

/** The swarm case: `nodes` machines (3 managers), node labels, `services` mixed services, `docker service ls`. */
export function swarmCommands(nodes: number, services: number): string[] {
  const out: string[] = [];
  for (let i = 1; i < nodes; i++) out.push(`docker node update --label-add zone=z${i % 3} node${i}`);
  for (let i = 0; i < services; i++) {
    if (i % 10 === 0) out.push(`docker service create -d --name agent${i} --mode global busybox:1.36 sleep 1d`);
    else if (i % 3 === 0) out.push(`docker service create -d --name zoned${i} --replicas ${(i % 7) + 1} --constraint node.labels.zone==z${i % 3} nginx:1.25`);
    else if (i % 3 === 1) out.push(`docker service create -d --name reserved${i} --replicas ${(i % 5) + 2} --reserve-cpu 0.1 --reserve-memory 64M nginx:1.25`);
    else out.push(`docker service create -d --name worker${i} --replicas 3 --constraint node.role==worker redis:7`);
  }
  out.push("docker service ls");
  return out;
}

export function swarmCase(nodes = 50, services = 100): CaseResult {
  // manager1 + node1…node{nodes-1}; managers: manager1, node1, node2.
  const workers = Array.from({ length: Math.max(0, nodes - 3) }, (_, i) => `node${i + 3}`);
  return runCase("swarm", { nodes, services }, () => new Session({
    seed: "bench-swarm",
    cluster: {
      hosts: [{ name: "manager1" }],
      generate: { prefix: "node", count: nodes - 1 },
      swarm: { managers: ["manager1", "node1", "node2"].slice(0, Math.min(3, nodes)), workers },
    },
  }), swarmCommands(nodes, services));
}

export function k8sCommands(replicas: number): string[] {
  return [
    `kubectl create deployment big --image=nginx:1.25 --replicas=${replicas}`,
    "kubectl get deploy",
    "kubectl set image deployment/big nginx=nginx:1.26",
    "kubectl rollout status deployment/big",
    "kubectl get deploy",
  ];
}

/** The Kubernetes case: cp1 + `nodes` workers, one Deployment of `replicas`, a rolling update. */
export function k8sCase(nodes = 1000, replicas = 10_000): CaseResult {
  const workers = Array.from({ length: nodes }, (_, i) => `node${i + 1}`);
  return runCase("k8s", { nodes, replicas }, () => new Session({
    seed: "bench-k8s",
    cluster: {
      hosts: [{ name: "cp1" }],
      generate: { prefix: "node", count: nodes },
      kubernetes: { controlPlane: ["cp1"], workers },
    },
  }), k8sCommands(replicas));
}

// Child-process entry: `tsx bench/scale.ts swarm nodes=50 services=100`.
if (process.argv[1]?.endsWith("scale.ts")) {
  const [which, ...rest] = process.argv.slice(2);
  const kv = Object.fromEntries(rest.map((a) => a.split("=")).map(([k, v]) => [k!, Number(v)]));
  const result = which === "swarm" ? swarmCase(kv.nodes, kv.services) : k8sCase(kv.nodes, kv.replicas);
  process.stdout.write(JSON.stringify(result) + "\n");
}
