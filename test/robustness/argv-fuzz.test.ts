// No argv may crash, hang or loop the simulator: seeded random `docker …` / `docker compose …` /
// `kubectl …` command lines built from the real command trees (src/sim/cli/specs) — random
// subcommand paths, known and unknown flags with hostile values, random positionals (empty,
// huge and negative numbers, unicode, very long names) — replayed in a formed swarm and in a
// Kubernetes cluster that already hold objects. A step must never carry the shell's "internal
// simulator error" and the world must never warn about a budget.
//   FUZZ_SEEDS=N raises the number of sessions per cluster (default keeps the file under ~10 s).

import { describe, expect, it } from "vitest";
import { composeSpec, dockerSpec, kubectlSpec } from "../../src/sim/cli/specs";
import { Rng } from "../../src/sim/rng";
import { commandPaths, randomArgv, shellQuote } from "./gen";
import { describeProblems, K8S_SETUP, newSession, runAll, SWARM_SETUP, unknown, type Problem } from "./harness";
import { KNOWN_CRASHERS } from "./known-crashers";

const SEEDS = Number(process.env.FUZZ_SEEDS) || 6;
const PER_SESSION = 40;

const SWARM_NAMES = ["web", "agent", "backend", "db_pass", "app", "app_web", "solo", "manager1", "worker1", "nginx:1.25", "compose.yaml", "stack.yml", "web=3"];
const K8S_NAMES = ["web", "cfg", "sec", "solo", "worker1", "cp1", "deployment/web", "svc/web", "pods", "deploy.yaml", "nginx=nginx:1.26", "app=web", "deploy"];

const DOCKER_PATHS = [...commandPaths(dockerSpec), ...commandPaths(composeSpec)];
const KUBECTL_PATHS = commandPaths(kubectlSpec);

function commandLine(rng: Rng, docker: boolean, names: readonly string[]): string {
  const argv = docker
    ? randomArgv(rng, DOCKER_PATHS, { names, globalFlags: dockerSpec.globalFlags, globalBeforeSubcommand: true })
    : randomArgv(rng, KUBECTL_PATHS, { names, globalFlags: kubectlSpec.globalFlags });
  return [docker ? "docker" : "kubectl", ...argv].map(shellQuote).join(" ");
}

function fuzz(kind: "swarm" | "k8s", seed: number): Problem[] {
  const rng = new Rng(`argv-${kind}-${seed}`);
  const names = kind === "swarm" ? SWARM_NAMES : K8S_NAMES;
  // Mostly the cluster's own tool, sometimes the other one (which must fail cleanly).
  const commands = Array.from({ length: PER_SESSION }, () =>
    commandLine(rng, kind === "swarm" ? rng.int(6) > 0 : rng.int(6) === 0, names));
  return runAll(newSession(kind, `argv-${seed}`), kind === "swarm" ? SWARM_SETUP : K8S_SETUP, commands);
}

describe("argv fuzzing", () => {
  for (const kind of ["swarm", "k8s"] as const) {
    it(`${kind}: ${SEEDS}×${PER_SESSION} random command lines never crash`, { timeout: 60_000 }, () => {
      const problems: Problem[] = [];
      for (let seed = 0; seed < SEEDS; seed++) problems.push(...fuzz(kind, seed));
      const fresh = unknown(problems, KNOWN_CRASHERS);
      expect(fresh, describeProblems(fresh)).toEqual([]);
    });
  }

  it("hand-picked hostile command lines never crash", { timeout: 30_000 }, () => {
    // Known crashers (huge replica counts, …) are in known-crashers.ts, not here.
    const swarm = [
      "docker service create -d --name big --replicas 300 nginx",
      "docker run -d busybox sh -c 'while true; do :; done'",
      "docker service scale web=-1 web=0 =3 web",
      "docker service update --replicas -5 web",
      "docker service create -d --name x --reserve-cpu 1e9 --reserve-memory 99999999999999999999G nginx",
      "docker service create -d --name '' nginx",
      `docker service create -d --name ${"a".repeat(500)} nginx`,
      "docker service create -d --name ñ☃ nginx",
      "docker service create -d --name p --publish 65536:80 --publish -1:80 --publish 0:0 nginx",
      "docker service create -d --name q --update-delay 99999999999h --update-parallelism 99999999999 nginx",
      "docker service update --image busybox:99 --update-failure-action rollback web",
      "docker service logs --tail 99999999999 web",
      "docker service ps --filter desired-state=nope --format '{{range .}}{{end}}' web",
      "docker node update --availability drain manager1 && docker node update --availability drain worker1 && docker node update --availability drain worker2",
      "docker node demote manager1",
      "docker swarm leave --force && docker service ls",
      "docker swarm init --force-new-cluster --advertise-addr 999.1.1.1",
      "docker run -d --restart always busybox false",
      "docker stack deploy -c missing.yaml s",
      "docker compose -f compose.yaml up -d --scale web=99999999999",
      "docker compose up -d --scale web=-1",
      "docker network create -d overlay --subnet 10.0.0.0/33 bad",
      "docker inspect --format '{{index .Nope 99}}' web",
      "docker run --rm busybox sh -c 'while true; do :; done'",
      "docker run --rm busybox sh -c 'echo hi; exit 3'",
    ];
    const k8s = [
      "kubectl rollout status -f /", "kubectl rollout history -f /", "kubectl rollout undo -f /",
      "kubectl create deployment huge --image=nginx --replicas=300",
      "kubectl scale deployment web --replicas=-1",
      "kubectl create deployment '' --image=nginx",
      `kubectl create deployment ${"a".repeat(300)} --image=nginx`,
      "kubectl set image deployment/web nginx=nginx:no-such-tag && kubectl rollout status deployment/web --timeout=99999999999s",
      "kubectl rollout status deployment/web --timeout=-1s",
      "kubectl wait --for=condition=Ready pod --all --timeout=5s",
      "kubectl wait --for=delete pod/solo --timeout=0",
      "kubectl get pods -o jsonpath='{range .items[*]}{range .items[*]}{.x}{end}{end}'",
      "kubectl get pods -o jsonpath='{.items[99999999999]}'",
      "kubectl get pods -o custom-columns=" + "A:.a,".repeat(200) + "B:.b",
      "kubectl get pods -o go-template='{{range .items}}{{range .items}}{{end}}{{end}}'",
      "kubectl logs solo --tail=-5 --since=99999999999h",
      "kubectl exec solo -- sh -c 'while :; do :; done'",
      "kubectl run loop --image=busybox --restart=Always -- sh -c 'exit 1' && sleep 300",
      "kubectl taint node worker1 a=b:NoExecute && kubectl taint node worker2 a=b:NoExecute && kubectl taint node cp1 a=b:NoExecute",
      "kubectl delete node worker1 worker2 cp1",
      "kubectl delete ns default",
      "kubectl delete all --all -A",
      "kubectl label pods --all a=b --overwrite && kubectl label pods --all a-",
      "kubectl expose deployment web --port 99999999999",
      "kubectl create service nodeport np --tcp=80:80 --node-port=1",
      "kubectl autoscale deployment web --min=5 --max=1",
      "kubectl patch deployment web -p '{\"spec\":{\"replicas\":\"x\"}}'",
      "kubectl patch deployment web --type=json -p '[{\"op\":\"remove\",\"path\":\"/spec\"}]'",
      "kubectl patch deployment web -p '{\"spec\":{\"template\":null}}'",
      "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata: 0\nEOF",
      "kubectl scale deployment web --replicas=99999999999",
      "kubectl create deployment x --image=nginx --replicas=99999999999",
      "kubectl create deployment huge --image=nginx --replicas=3000",
    ];
    const problems = [
      ...runAll(newSession("swarm", "hand-swarm"), SWARM_SETUP, swarm),
      ...runAll(newSession("k8s", "hand-k8s"), K8S_SETUP, k8s),
    ];
    const fresh = unknown(problems, KNOWN_CRASHERS);
    expect(fresh, describeProblems(fresh)).toEqual([]);
  });
});
