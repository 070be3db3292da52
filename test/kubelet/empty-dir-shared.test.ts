// An emptyDir is a directory of the node under the kubelet's (/var/lib/kubelet/pods/<uid>/volumes/
// kubernetes.io~empty-dir/<name>), as on a real node: the pod's containers that mount it share it
// (the docs' two-container pod: a debian container writes index.html, nginx serves it), it hides
// the image's files where it is mounted, it outlives a container's restart and goes with the pod.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const TWO_CONTAINERS = `apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
`;

function run(script: string, files: Record<string, string> = {}) {
  const s = new Session({
    seed: "empty-dir",
    files,
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  });
  return s.run(script, { allowSim: true });
}

describe("emptyDir shared by a pod's containers", () => {
  it("the docs' two-container pod: what debian writes, nginx serves", () => {
    const steps = run([
      "kubectl apply -f two-container-pod.yaml",
      "sleep 2",
      "kubectl exec two-containers -c nginx-container -- ls /usr/share/nginx/html",
      "kubectl exec two-containers -c nginx-container -- curl -s localhost",
    ].join("\n"), { "two-container-pod.yaml": TWO_CONTAINERS });
    expect(steps[2]!.stdout).toBe("index.html\n");
    expect(steps[3]!.stdout).toBe("Hello from the debian container\n");
  });

  it("hides the image's files, keeps what was written across a restart, and is removed with the pod", () => {
    const web = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n" +
      "    volumeMounts:\n    - {name: html, mountPath: /usr/share/nginx/html}\n  volumes:\n  - name: html\n    emptyDir: {}\n";
    const steps = run([
      "true", "true", "true",
      "kubectl apply -f web.yaml",
      "kubectl exec web -- curl -s -o /dev/null -w '%{http_code}' localhost/",
      "kubectl exec web -- sh -c 'echo kept > /usr/share/nginx/html/index.html'",
      "kubectl exec web -- nginx -s stop",
      "sleep 15",
      "kubectl get pod web -o jsonpath='{.status.containerStatuses[0].restartCount}'",
      "kubectl exec web -- curl -s localhost/",
      "UID=$(kubectl get pod web -o jsonpath='{.metadata.uid}')",
      "ssh w1 cat /var/lib/kubelet/pods/$UID/volumes/kubernetes.io~empty-dir/html/index.html",
      "kubectl delete pod web",
      "ssh w1 ls /var/lib/kubelet/pods/$UID",
    ].join("\n"), { "web.yaml": web });
    expect(steps[4]!.stdout).toBe("403");
    expect(steps[8]!.stdout).toBe("1");
    expect(steps[9]!.stdout).toBe("kept\n");
    expect(steps[11]!.stdout).toBe("kept\n");
    expect(steps[13]!.exitCode).not.toBe(0);
  });
});
