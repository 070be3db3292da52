// Inputs that currently crash, hang or exhaust the memory of the simulator (found by the fuzzers
// here; details and stack traces in /tmp/perf-findings.md, routed to the owners). The fuzz tests
// ignore problems matching these so CI stays green; each one also has a skipped repro test in
// known-crashers.test.ts: once the owner has fixed it, delete its entry here and the test runs.

import type { KnownCrasher } from "./harness";

export const KNOWN_CRASHERS: KnownCrasher[] = [
  {
    title: "kubectl rollout status|history|undo -f with no objects: objs[0] undefined (src/sim/k8s/kubectl/rollout.ts target())",
    match: /internal simulator error in 'kubectl rollout [a-z]+': Cannot read properties of undefined \(reading 'kind'\)/,
    cluster: "k8s",
    script: "kubectl rollout status -f /",
  },
  {
    title: "docker service create --replicas 99999999999: the orchestrator creates every task (heap out of memory)",
    match: /^$/,
    cluster: "swarm",
    script: "docker service create --replicas 99999999999 nginx",
  },
  {
    title: "docker service scale web=99999999999: heap out of memory",
    match: /^$/,
    cluster: "swarm",
    script: "docker service scale web=99999999999",
  },
  {
    title: "kubectl scale deployment web --replicas=99999999999: runs for minutes (real API: int32 overflow is rejected)",
    match: /^$/,
    cluster: "k8s",
    script: "kubectl scale deployment web --replicas=99999999999",
  },
  {
    title: "kubectl create deployment huge --replicas=3000 on 3 nodes: > 40 s (2,670 unschedulable pods re-tried every pass)",
    match: /^$/,
    cluster: "k8s",
    script: "kubectl create deployment huge --image=nginx --replicas=3000",
  },
  {
    title: "docker run --rm busybox sh -c '…' (attached): startTask is not a function (src/sim/docker engine ↔ runtime import)",
    match: /internal simulator error in 'docker run': \(0 , import_task_runtime\.startTask\) is not a function/,
    cluster: "swarm",
    script: "docker run --rm busybox sh -c 'while true; do :; done'",
  },
];
