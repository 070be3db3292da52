// Oracle for what `kubectl get` decorates client-side around the server's Table: the real kubectl
// 1.30 asks the stub API server (stub-apiserver.ts, `tables`) for tables, which answers with the
// simulator's own cells (printers/tables.ts), and must lay them out as the simulator does — the
// NAMESPACE column under -A, kind prefixes when several kinds print (`get all`), the blank line
// between groups, -o wide's priority columns, --show-labels, -L, --no-headers, --show-kind,
// --sort-by (Go's unstable sort, natural string order, a field no row has), "No resources found". The cells themselves are checked against printers.go in
// printers-source.test.ts. Skipped cleanly when no kubectl binary is installed.

import { describe, expect, test } from "vitest";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const CLUSTER = `kubectl run web --image=nginx --labels=app=web,tier=fe
kubectl run bad --image=nginx:nonexist
kubectl create deployment d --image=nginx --replicas=2
kubectl expose deployment d --port=80 --type=NodePort
kubectl create service loadbalancer lb --tcp=80:8080
kubectl create ingress ing --rule="foo.com/=d:80" --rule="bar.com/x=lb:80,tls=sec"
kubectl run s --image=busybox -- sleep 3600
sleep 20
kubectl delete pod s --wait=false`;

const CASES = [
  "get pods",
  "get pods -o wide",
  "get all",
  "get all -A",
  "get all -o wide",
  "get all -l app=d",
  "get all -n nope",
  "get pods,svc --show-labels",
  "get pods -L run -L app",
  "get pods -A --no-headers",
  "get svc -o wide",
  "get ep,endpointslices",
  "get ingress -o wide",
  "get events",
  "get events -o wide",
  "get events,pods -o wide",
  "get nodes -o wide",
  "get deploy,rs -o wide",
  "get pods --sort-by=.metadata.name",
  "get pods -n nope",
  "get ns --show-kind",
  "get pod web bad -o wide",
  "get deploy/d svc/d",
  "get all --no-headers",
  "get pods,svc --no-headers -A",
  "get events --show-labels",
  "get all -o wide --show-labels",
  "get pods,svc -l run=web",
  "get all -l run=web",
  "get pods,nodes web",
  "get pod/web node/web",
  "get pods,svc web",
  "get pv,pvc -A",
  "get nodes,pods -A",
  "get svc --sort-by=.spec.clusterIP",
  "get pods --sort-by=.status.nope",
  "get pods --sort-by=.status.nope -o name",
  "get events --sort-by=.lastTimestamp",
  "get events --sort-by=.count -o wide",
  "get pods -A --sort-by=.metadata.name",
  "get pods --sort-by=.status.podIP -o wide",
];

describe.skipIf(!hasKubectl)("kubectl 1.30 decorates the simulator's tables as the simulator does", () => {
  test.each(CASES)("%s", { timeout: 60_000, retry: 2 }, async (command) => {
    const { session, steps } = replayNow(CLUSTER);
    for (const s of steps) expect(s.exitCode, `${s.command}\n${s.stderr}`).toBe(0);
    const sim = session.run(`kubectl ${command}`, { allowSim: true })[0]!;
    const real = await realKubectl(session, command.split(" "), {}, { tables: true });
    expect({ exit: sim.exitCode, stdout: sim.stdout, stderr: sim.stderr }).toEqual({ exit: real.status, stdout: real.stdout, stderr: real.stderr });
  });
});
