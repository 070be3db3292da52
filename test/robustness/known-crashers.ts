// Inputs that currently crash, hang or exhaust the memory of the simulator (found by the fuzzers
// here; details and stack traces in /tmp/perf-findings.md, routed to the owners). The fuzz tests
// ignore problems matching these so CI stays green; each one also has a skipped repro test in
// known-crashers.test.ts: once the owner has fixed it, move its script into the hand-picked list
// of argv-fuzz.test.ts (so it stays covered) and delete its entry here.

import type { KnownCrasher } from "./harness";

export const KNOWN_CRASHERS: KnownCrasher[] = [
  {
    title: "kubectl wait --timeout=99999999h while a pod is in ImagePullBackOff: minutes of wake-ups (BUDGET.wakeups 200k × a settle each)",
    match: /^$/,
    cluster: "k8s",
    script: "kubectl set image deployment/web nginx=nginx:no-such-tag && kubectl wait --for=condition=Ready pod --all --timeout=99999999h",
  },
  {
    title: "kubectl apply -f - with `metadata:` a scalar (0, \"x\"): sets a property on a non-object (src/sim/k8s/kubectl/apply.ts runApplyOrCreate)",
    match: /internal simulator error in 'kubectl (apply|create)': Cannot create property '[A-Za-z]+' on (string|number|boolean)/,
    cluster: "k8s",
    script: "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata: 0\nEOF",
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
];
