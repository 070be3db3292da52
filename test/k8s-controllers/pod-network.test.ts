// What a pod's own processes see, PID 1 and init containers included (not only `kubectl exec`):
// the cluster DNS with the pod's search path, Services through kube-proxy, the kubelet-managed
// /etc/hosts and /etc/resolv.conf, and the service account files admission mounts.
import { describe, expect, it } from "vitest";
import { replay } from "../../src/sim";

const CLUSTER = { hosts: [{ name: "cp" }, { name: "w1" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };

function run(script: string, files: Record<string, string> = {}) {
  return replay(script, { seed: "pod-network", cluster: CLUSTER, files }).transcript.steps;
}

// The Kubernetes documentation's init containers example (concepts/workloads/pods/init-containers).
const MYAPP = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
`;

describe("a pod's network and kubelet-managed files", () => {
  it("PID 1 reaches Services by name: `kubectl run --restart=Never -- wget` logs the page and completes", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25",
      "kubectl expose deployment web --port=80",
      "kubectl run t --image=busybox:1.36 --restart=Never -- wget -qO- http://web",
      "sleep 5",
      "kubectl logs t | grep title",
      "kubectl get pod t --no-headers",
      "kubectl run n --image=busybox:1.36 --restart=Never -- nslookup web.default",
      "sleep 2",
      "kubectl logs n",
    ].join("\n"));
    expect(steps[4]!.stdout).toBe("<title>Welcome to nginx!</title>\n");
    expect(steps[5]!.stdout).toMatch(/^t\s+0\/1\s+Completed\s+0\s+5s\n$/);
    expect(steps[8]!.stdout).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n[\s\S]*Name:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n/);
  });

  it("/etc/hosts, /etc/resolv.conf and the service account files are there, as the kubelet writes them", () => {
    const steps = run([
      "kubectl run c --image=busybox:1.36 -- sleep 3600",
      "kubectl exec c -- cat /etc/resolv.conf",
      "kubectl exec c -- cat /etc/hosts",
      "kubectl exec c -- ls /var/run/secrets/kubernetes.io/serviceaccount",
      "kubectl exec c -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace",
      "kubectl get pod c -o jsonpath='{.status.podIP}'",
      "kubectl exec c -- cut -d. -f1 /var/run/secrets/kubernetes.io/serviceaccount/token",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
    expect(steps[2]!.stdout).toBe("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
      + `fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${steps[5]!.stdout}\tc\n`);
    expect(steps[3]!.stdout).toBe("ca.crt\nnamespace\ntoken\n");
    expect(steps[4]!.stdout).toBe("default");
    expect(atob(steps[6]!.stdout.trim().replace(/-/g, "+").replace(/_/g, "/"))).toMatch(/^\{"alg":"RS256","kid":"/);
  });

  it("the documentation's init containers wait for their Services, then the app starts (Init:0/2 → Init:1/2 → Running)", () => {
    const steps = run([
      "kubectl apply -f myapp.yaml",
      "sleep 10",
      "kubectl get pod myapp-pod --no-headers",
      "kubectl logs myapp-pod -c init-myservice | tail -1",
      "kubectl create service clusterip myservice --tcp=80:9376",
      "sleep 5",
      "kubectl get pod myapp-pod --no-headers",
      "kubectl create service clusterip mydb --tcp=80:9377",
      "sleep 5",
      "kubectl get pod myapp-pod --no-headers",
      "kubectl logs myapp-pod",
    ].join("\n"), { "myapp.yaml": MYAPP });
    expect(steps[2]!.stdout).toMatch(/^myapp-pod\s+0\/1\s+Init:0\/2\s+0\s+10s\n$/);
    expect(steps[3]!.stdout).toBe("waiting for myservice\n");
    expect(steps[6]!.stdout).toMatch(/Init:1\/2/);
    expect(steps[9]!.stdout).toMatch(/^myapp-pod\s+1\/1\s+Running\s+0\s+20s\n$/);
    expect(steps[10]!.stdout).toBe("The app is running!\n");
  });

  it("a hostAliases entry and a pod hostname/subdomain show in /etc/hosts", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: h }
spec:
  hostname: box
  subdomain: grp
  hostAliases: [{ ip: "10.1.2.3", hostnames: ["foo.local", "bar.local"] }]
  containers: [{ name: c, image: "busybox:1.36", command: ["sleep", "3600"] }]
`;
    const steps = run("kubectl apply -f h.yaml\nkubectl exec h -- tail -4 /etc/hosts", { "h.yaml": pod });
    expect(steps[1]!.stdout).toMatch(/^10\.244\.\d+\.\d+\tbox\.grp\.default\.svc\.cluster\.local\tbox\n\n# Entries added by HostAliases\.\n10\.1\.2\.3\tfoo\.local\tbar\.local\n$/);
  });
});
