// A PersistentVolumeClaim's spec is decoded strictly, like every typed kind: a wrong JSON type or an
// unknown field is the API server's BadRequest, before any defaulting.
import { describe, expect, it } from "vitest";
import { session } from "../kubelet/helpers";

const pvc = (spec: string) => `kubectl apply -f - <<'E'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec: ${spec}
E`;
const prefix = 'Error from server (BadRequest): error when creating "STDIN": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: ';

describe("PersistentVolumeClaim decoding", () => {
  it.each([
    ["a string spec", "node.role!=worker", "json: cannot unmarshal string into Go struct field PersistentVolumeClaim.spec of type v1.PersistentVolumeClaimSpec"],
    ["accessModes as a string", "{accessModes: ReadWriteOnce, resources: {requests: {storage: 1Gi}}}", "json: cannot unmarshal string into Go struct field PersistentVolumeClaimSpec.spec.accessModes of type []string"],
    ["an unknown field", "{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, size: 1Gi}", 'strict decoding error: unknown field "spec.size"'],
  ])("%s", (_what, spec, message) => {
    const out = session([pvc(spec), "kubectl get pvc 2>&1"]);
    expect(out(0)).toBe(prefix + message + "\n");
    expect(out(1)).toBe("No resources found in default namespace.\n");
  });

  it("a valid claim is stored with its defaults", () => {
    const out = session([pvc("{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}"), "kubectl get pvc data -o jsonpath='{.spec.volumeMode} {.status.phase}'"]);
    expect(out(0)).toBe("persistentvolumeclaim/data created\n");
    expect(out(1)).toMatch(/^Filesystem (Pending|Bound)$/);
  });
});
