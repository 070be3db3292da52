// ReplicaSets as the real API server returns them (apps/v1 omitempty tags): spec.minReadySeconds
// and status.fullyLabeledReplicas / readyReplicas / availableReplicas / observedGeneration are left
// out at zero; status.replicas has no omitempty and is always there, `replicas: 0` included
// (likewise a new DaemonSet's or StatefulSet's counts without omitempty).

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = { hosts: [{ name: "cp", ip: "10.0.0.1" }, { name: "w1", ip: "10.0.0.2" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } };
const RS = "cat > rs.yaml <<'Y'\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: fe\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: fe}\n  template:\n    metadata:\n      labels: {app: fe}\n    spec:\n      containers:\n      - name: c\n        image: nginx\nY\n";

function run(script: string) {
  return new Session({ seed: "rs0", cluster: CLUSTER } as never).run(script, { allowSim: true });
}

const tail = (yaml: string, from: string) => yaml.slice(yaml.indexOf(from));

describe("ReplicaSet zero fields", () => {
  test("a deployment's sets: no minReadySeconds: 0; a scaled-down set shows replicas: 0 alone", () => {
    const steps = run(
      "kubectl create deployment web --image=nginx --replicas=2\nkubectl get rs -o yaml\n" +
        "kubectl scale deploy web --replicas=0\nkubectl get rs -o yaml\nkubectl get deploy web -o yaml",
    );
    const [up, down, deploy] = [steps[1]!.stdout, steps[3]!.stdout, steps[4]!.stdout];
    expect(up).not.toContain("minReadySeconds");
    expect(tail(up, "  status:")).toBe(
      "  status:\n    availableReplicas: 2\n    fullyLabeledReplicas: 2\n    observedGeneration: 1\n    readyReplicas: 2\n    replicas: 2\nkind: List\nmetadata:\n  resourceVersion: \"\"\n",
    );
    expect(tail(down, "  status:")).toBe("  status:\n    observedGeneration: 2\n    replicas: 0\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
    // DeploymentStatus: every count is omitempty.
    expect(deploy).not.toMatch(/\n {2}minReadySeconds|Replicas: 0\n/);
  });

  test("a non-zero minReadySeconds reaches the set; a new set's status is replicas: 0", () => {
    const steps = run(
      "kubectl create deployment web --image=nginx\nkubectl patch deploy web -p '{\"spec\":{\"minReadySeconds\":5}}'\n" +
        "kubectl get rs -o jsonpath='{.items[*].spec.minReadySeconds}'\n" +
        `${RS}kubectl create -f rs.yaml --dry-run=server -o yaml`,
    );
    expect(steps[2]!.stdout).toBe("5");
    expect(steps.at(-1)!.stdout).toMatch(/\nstatus:\n {2}replicas: 0\n$/);
  });

  test("new DaemonSets and StatefulSets answer with their counts that have no omitempty", () => {
    const ds = RS.replace(/ReplicaSet/g, "DaemonSet").replace("  replicas: 1\n", "");
    const sts = RS.replace(/ReplicaSet/g, "StatefulSet").replace("  replicas: 1\n", "  serviceName: fe\n");
    const status = "-o jsonpath='{.status}'";
    const steps = run(`${ds}kubectl create -f rs.yaml --dry-run=server ${status}\n${sts}kubectl create -f rs.yaml --dry-run=server ${status}`);
    expect(steps[1]!.stdout).toBe('{"currentNumberScheduled":0,"desiredNumberScheduled":0,"numberMisscheduled":0,"numberReady":0}');
    expect(steps[3]!.stdout).toBe('{"availableReplicas":0,"replicas":0}');
  });
});
