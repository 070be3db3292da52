// Static pods: a manifest written to a node's /etc/kubernetes/manifests runs there as
// `<name>-<node>`, shown through a mirror pod owned by the Node; deleting the mirror pod brings it
// back; removing the file stops the pod.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const manifest = [
  "cat > /etc/kubernetes/manifests/static-web.yaml <<EOF",
  "apiVersion: v1", "kind: Pod", "metadata:", "  name: static-web", "  labels:", "    role: myrole", "spec:",
  "  containers:", "  - name: web", "    image: nginx:1.25", "EOF",
].join("\n");

describe("static pods", () => {
  it("run from the node's manifest directory, come back when deleted, stop when the file is removed", () => {
    const out = session([
      "ssh w1", manifest, "exit",
      "kubectl get pods -o wide",
      "kubectl get pod static-web-w1 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.kubernetes\\.io/config\\.source} {.spec.tolerations[-1:]}'",
      "kubectl delete pod static-web-w1", "kubectl get pods --no-headers",
      "ssh w1 rm /etc/kubernetes/manifests/static-web.yaml", "sleep 5", "kubectl get pods",
    ]);
    expect(out(3)).toMatch(/^NAME            READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES\nstatic-web-w1   1\/1     Running   0          0s    10\.244\.1\.\d+   w1     <none>           <none>\n$/);
    expect(out(4)).toBe('Node/w1 file {"effect":"NoExecute","operator":"Exists"}');
    expect(out(5)).toBe('pod "static-web-w1" deleted\n');
    expect(out(6)).toMatch(/^static-web-w1   1\/1   Running   0     0s\n$/);
    expect(out(9)).toBe("No resources found in default namespace.\n");
  });
});
