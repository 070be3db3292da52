// `kubectl exec` blocks while its command runs — a `sleep`, a wget waiting out the kernel's 127 s
// connect timeout — so the cluster's clock moves by that much; nothing caps it at a minute. HTTP
// through kube-proxy follows its iptables rules (pkg/proxy/iptables/proxier.go): a ClusterIP port
// the Service lacks has no rule (the SYN is unanswered: timeout), a Service port without endpoints
// is REJECTed (refused at once), a Local traffic policy without an endpoint on the node that
// applies it is DROPped — except pod and node-local traffic to a NodePort, which goes cluster-wide.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function k8s(script: string) {
  const s = new Session({
    seed: "exec-kube-proxy",
    cluster: {
      hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }, { name: "w2", ip: "10.0.0.12" }],
      kubernetes: { controlPlane: ["cp"], workers: ["w1", "w2"] },
    },
  });
  return s.run(script, { allowSim: false });
}

describe("kubectl exec takes the time its command takes", () => {
  it("a wget to an address nobody has waits the full 127 s and fails as busybox does (not exit 124)", () => {
    const steps = k8s("kubectl run b --image=busybox -- sleep 1d\ndate\nkubectl exec b -- wget -qO- 10.9.9.9\ndate");
    expect([steps[2]!.exitCode, steps[2]!.stderr]).toEqual([1, "wget: can't connect to remote host (10.9.9.9): Connection timed out\ncommand terminated with exit code 1\n"]);
    expect([steps[1]!.stdout, steps[3]!.stdout]).toEqual(["Wed Jan 10 00:00:00 UTC 2024\n", "Wed Jan 10 00:02:07 UTC 2024\n"]);
  });

  it("sleep inside the command moves the clock; an instant command does not", () => {
    const steps = k8s("kubectl run b --image=busybox -- sleep 1d\nkubectl exec b -- sh -c 'sleep 30; echo done'\ndate\nkubectl exec b -- true\ndate");
    expect(steps[1]!.stdout).toBe("done\n");
    expect([steps[2]!.stdout, steps[4]!.stdout]).toEqual(["Wed Jan 10 00:00:30 UTC 2024\n", "Wed Jan 10 00:00:30 UTC 2024\n"]);
  });
});

describe("HTTP through kube-proxy", () => {
  it("a port the Service lacks times out at the ClusterIP; one without endpoints is refused at once", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.25\nkubectl expose deployment web --port=80 --cluster-ip=10.96.80.80\n"
      + "kubectl create service clusterip empty --tcp=80 --clusterip=10.96.50.50\nkubectl run b --image=busybox -- sleep 1d\n"
      + "kubectl exec b -- wget -O- -T 3 http://web:8080/\nkubectl exec b -- wget -O- http://empty/\ndate\n"
      + "kubectl exec b -- wget -O /dev/null http://web/");
    expect(steps[4]!.stderr).toBe("Connecting to web (10.96.80.80:8080)\nwget: download timed out\ncommand terminated with exit code 1\n");
    expect(steps[5]!.stderr).toBe("Connecting to empty (10.96.50.50:80)\nwget: can't connect to remote host (10.96.50.50): Connection refused\ncommand terminated with exit code 1\n");
    expect(steps[6]!.stdout).toBe("Wed Jan 10 00:00:03 UTC 2024\n");
    // busybox names the address it connected to, the Service's ClusterIP.
    expect(steps[7]!.stderr).toMatch(/^Connecting to web \(10\.96\.80\.80:80\)\n/);
  });

  it("a machine's curl to a ClusterIP port without a rule waits for its -m", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.25\nkubectl expose deployment web --port=80 --cluster-ip=10.96.80.80\n"
      + "curl -sS -m 4 10.96.80.80:81\ncurl -s 10.96.80.80 | grep -c nginx");
    expect([steps[2]!.exitCode, steps[2]!.stderr]).toEqual([28, "curl: (28) Failed to connect to 10.96.80.80 port 81 after 4001 ms: Timeout was reached\n"]);
    expect(steps[3]!.stdout).not.toBe("0\n");
  });

  it("internalTrafficPolicy Local: only clients on an endpoint's node reach the ClusterIP", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.25\n"
      + "kubectl patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"w1\"}}}}}'\n"
      + "kubectl expose deployment web --port=80 --cluster-ip=10.96.80.80\nkubectl patch svc web -p '{\"spec\":{\"internalTrafficPolicy\":\"Local\"}}'\n"
      + "kubectl run a --image=busybox --overrides='{\"spec\":{\"nodeName\":\"w1\"}}' -- sleep 1d\n"
      + "kubectl run b --image=busybox --overrides='{\"spec\":{\"nodeName\":\"w2\"}}' -- sleep 1d\n"
      + "kubectl rollout status deployment/web\nkubectl exec a -- wget -qO- -T 3 web\nkubectl exec b -- wget -qO- -T 3 web");
    expect(steps[7]!.stdout).toContain("Welcome to nginx!");
    expect(steps[8]!.stderr).toBe("wget: download timed out\ncommand terminated with exit code 1\n");
  });

  it("externalTrafficPolicy Local: another machine gets no answer from a node without an endpoint; pods and the node itself do", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.25\n"
      + "kubectl patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"w1\"}}}}}'\n"
      + "kubectl expose deployment web --type=NodePort --port=80\nkubectl patch svc web -p '{\"spec\":{\"externalTrafficPolicy\":\"Local\"}}'\n"
      + "kubectl rollout status deployment/web\nNP=$(kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}')\n"
      + "kubectl run b --image=busybox --overrides='{\"spec\":{\"nodeName\":\"w2\"}}' -- sleep 1d\n"
      + "curl -s -m 5 -o /dev/null -w '%{http_code}' 10.0.0.12:$NP\nssh w2 curl -s -o /dev/null -w '%{http_code}' 10.0.0.12:$NP\n"
      + "curl -s -o /dev/null -w '%{http_code}' 10.0.0.11:$NP\nkubectl exec b -- wget -qO- -T 3 10.0.0.12:$NP");
    expect([steps[7]!.exitCode, steps[7]!.stdout]).toEqual([28, "000"]);
    expect(steps[8]!.stdout).toBe("200");
    expect(steps[9]!.stdout).toBe("200");
    expect(steps[10]!.stdout).toContain("Welcome to nginx!");
  });

  it("a headless Service's name is its ready pods' addresses: the port is the pod's own", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.25\nkubectl expose deployment web --port=8080 --target-port=80 --cluster-ip=None\n"
      + "kubectl run b --image=busybox -- sleep 1d\nkubectl rollout status deployment/web\n"
      + "kubectl exec b -- wget -qO- -T 3 web 2>&1 | grep -c nginx\nkubectl exec b -- wget -qO- web:8080");
    expect(steps[4]!.stdout).not.toBe("0\n");
    expect(steps[5]!.stderr).toMatch(/^wget: can't connect to remote host \(10\.244\.\d+\.\d+\): Connection refused\n/);
  });
});
