// Probe ticks that cannot change anything are run late, in a batch (src/sim/k8s/kubelet/probe-deferral.ts).
// What a student sees must not depend on it: every sequence here, and every answer of the
// scenario library, gives the same bytes with every tick waking the world.
import { describe, expect, it } from "vitest";
import { grade, library, normalizeSubmission } from "../../src/grading";
import { replay, type Session } from "../../src/sim";
import { withoutProbeDeferral } from "../../src/sim/k8s/kubelet/probe-deferral";

const cluster = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

function both(commands: string[], files: Record<string, string> = {}): { deferred: string; eager: string; wakes: [number, number] } {
  const run = () => {
    const r = replay(commands.join("\n"), { seed: "deferral", files, cluster });
    return { text: JSON.stringify(r.transcript.steps), wakes: (r.session.world as unknown as { wakeupsUsed: number }).wakeupsUsed };
  };
  const d = run();
  const e = withoutProbeDeferral(run);
  return { deferred: d.text, eager: e.text, wakes: [d.wakes, e.wakes] };
}

const podYaml = (name: string, image: string, probes: string, extra = "") => `cat <<'Y' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: { name: ${name}, labels: { app: ${name} } }
spec:
  containers:
  - name: ${name}
    image: ${image}
${probes}${extra}
Y`;

const nginxProbes = `    readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 5 }
    livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 7 }`;

describe("steady probes run late give what every tick waking the world gives", () => {
  it("nginx's access log keeps one line per tick, at the tick's time", () => {
    const r = both([podYaml("web", "nginx:1.27", nginxProbes), "sleep 60", "kubectl logs web | grep -c kube-probe", "kubectl logs web | tail -3", "sleep 33", "kubectl logs web --tail=2"]);
    expect(r.deferred).toBe(r.eager);
    const steps = JSON.parse(r.deferred) as { stdout: string }[];
    expect(steps[2]!.stdout).toBe("13\n");
    expect(steps[3]!.stdout).toContain('[10/Jan/2024:00:01:00 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.30" "-"');
    // The world did not wake for them.
    expect(r.wakes[0]).toBeLessThan(r.wakes[1]);
  });

  it("a file removed by kubectl exec fails the next tick, not one run late", () => {
    const r = both([
      podYaml("web", "nginx:1.27", "    livenessProbe: { httpGet: { path: /index.html, port: 80 }, periodSeconds: 5, failureThreshold: 2 }"),
      "sleep 42", "kubectl exec web -- rm /usr/share/nginx/html/index.html", "sleep 13",
      "kubectl get pod web", "kubectl describe pod web | tail -4", "kubectl logs web --previous | grep kube-probe | tail -4",
    ]);
    expect(r.deferred).toBe(r.eager);
    expect(r.deferred).toContain("Liveness probe failed: HTTP probe failed with statuscode: 404");
  });

  it("requests from another pod interleave with the ticks in time order", () => {
    const r = both([
      podYaml("web", "nginx:1.27", nginxProbes),
      "kubectl expose pod web --port 80",
      "kubectl run client --image=busybox:1.36 -- sh -c 'while true; do wget -q -O /dev/null http://web; sleep 4; done'",
      "sleep 30", "kubectl logs web | grep GET | tail -8", "kubectl exec client -- wget -q -O - http://web | head -c 20", "kubectl logs web --tail=3",
    ]);
    expect(r.deferred).toBe(r.eager);
  });

  it("a node that goes down stops the ticks where it went down", () => {
    const r = both([
      podYaml("web", "nginx:1.27", nginxProbes, "\n  nodeName: w1"),
      "sleep 41", "sim node down w1", "sleep 30", "sim node up w1", "sleep 20",
      "kubectl get pod web", "kubectl logs web | grep -c kube-probe",
    ]);
    expect(r.deferred).toBe(r.eager);
  });

  it("system pods' probes and a pod whose readiness starts late", () => {
    const r = both([
      podYaml("web", "nginx:1.27", "    readinessProbe: { httpGet: { path: /, port: 80 }, initialDelaySeconds: 15, periodSeconds: 10, successThreshold: 2 }"),
      "kubectl get pod web", "sleep 20", "kubectl get pod web", "sleep 300",
      "kubectl get pods -A", "kubectl describe pod web | tail -3", "kubectl logs -n kube-system etcd-cp | tail -2",
    ]);
    expect(r.deferred).toBe(r.eager);
  });
});

describe("the scenario library grades the same with every tick waking the world", () => {
  const lib = library();
  for (const [id, s] of lib.byId) {
    if (!s.cluster.kubernetes) continue;
    it(id, () => {
      for (const x of [s.solution, ...s.solutions, ...s.wrong]) {
        const sub = normalizeSubmission(x as never);
        const deferred = JSON.stringify(grade(s, sub, { fresh: true }));
        expect(withoutProbeDeferral(() => JSON.stringify(grade(s, sub, { fresh: true })))).toBe(deferred);
      }
    });
  }
});

export type { Session };
