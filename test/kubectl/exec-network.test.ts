// kubectl exec runs on the container runtime's own shell (its environment order, programs, PID 1,
// ps, hostname -i) and reaches the cluster for that command: CoreDNS answers nslookup (the layout
// of busybox 1.28 the Kubernetes DNS docs show, bind's layout on later busybox), Services and pods
// answer HTTP, and the server's access log records the calling pod.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function cluster(script: string): { out: (i: number) => string; err: (i: number) => string; code: (i: number) => number } {
  const s = new Session({
    seed: "exec-network",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  });
  const steps = s.run(script, { allowSim: false });
  const at = (i: number) => steps[i < 0 ? steps.length + i : i]!;
  return { out: (i) => at(i).stdout, err: (i) => at(i).stderr, code: (i) => at(i).exitCode };
}

const SETUP = `kubectl create deployment web --image=nginx:1.25 --port=80
kubectl expose deployment web --port=80 --cluster-ip=10.96.100.100
kubectl create service clusterip db --clusterip=None --tcp=5432:5432
kubectl run b --image=busybox:1.28 -- sleep 3600
kubectl run n --image=busybox:1.36 -- sleep 3600
kubectl wait --for=condition=Ready pod/b pod/n`;

describe("kubectl exec reaches the cluster", () => {
  it("nslookup of a Service: busybox 1.28's layout, with the search path", () => {
    const r = cluster(`${SETUP}\nkubectl exec b -- nslookup web`);
    expect(r.out(-1)).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n" +
      "Name:      web\nAddress 1: 10.96.100.100 web.default.svc.cluster.local\n");
  });

  it("nslookup kubernetes.default and an unknown name", () => {
    const r = cluster(`${SETUP}\nkubectl exec b -- nslookup kubernetes.default\nkubectl exec b -- nslookup nope`);
    expect(r.out(-2)).toContain("Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n");
    expect(r.err(-1)).toBe("nslookup: can't resolve 'nope'\ncommand terminated with exit code 1\n");
    expect(r.code(-1)).toBe(1);
  });

  it("nslookup on later busybox prints bind's layout; a headless Service without ready pods is NXDOMAIN", () => {
    const r = cluster(`${SETUP}\nkubectl exec n -- nslookup web.default.svc.cluster.local\nkubectl exec n -- nslookup db`);
    expect(r.out(-2)).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.100.100\n\n");
    expect(r.out(-1)).toMatch(/NXDOMAIN/);
  });

  it("wget to a Service is logged by nginx with the calling pod's address", () => {
    const r = cluster(`${SETUP}\nkubectl exec b -- wget -qO- http://web\nkubectl get pod b -o jsonpath='{.status.podIP}'\nkubectl logs deploy/web | tail -1`);
    expect(r.out(-3)).toContain("<title>Welcome to nginx!</title>");
    expect(r.out(-1)).toMatch(new RegExp(`^${r.out(-2).replace(/\./g, "\\.")} - - \\[10/Jan/2024:00:00:\\d\\d \\+0000\\] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"\\n$`));
  });

  it("the container's own environment, address and processes", () => {
    const r = cluster(`${SETUP}\nkubectl exec b -- env\nkubectl exec b -- hostname -i\nkubectl get pod b -o jsonpath='{.status.podIP}'\nkubectl exec b -- ps`);
    const env = r.out(-4).split("\n");
    expect(env.slice(0, 2)).toEqual(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=b"]);
    expect(env).toContain("WEB_SERVICE_HOST=10.96.100.100");
    expect(r.out(-3).trim()).toBe(r.out(-2));
    expect(r.out(-1)).toBe("PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n");
  });

  it("localhost is shared by the containers of a pod", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: duo}
spec:
  containers:
  - {name: web, image: nginx:1.25}
  - {name: side, image: busybox:1.36, command: [sleep, "3600"]}`;
    const r = cluster(`cat <<'EOF' | kubectl apply -f -\n${pod}\nEOF\nkubectl wait --for=condition=Ready pod/duo\nkubectl exec duo -c side -- wget -qO- http://localhost`);
    expect(r.out(-1)).toContain("<title>Welcome to nginx!</title>");
  });
});
