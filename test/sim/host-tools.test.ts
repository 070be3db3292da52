// Text tools on the student's machine: the container shell's implementations with GNU wording,
// over the machine's working files (src/sim/programs/host-tools.ts).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const session = () =>
  new Session({
    seed: "t",
    cluster: {
      hosts: [{ name: "controlplane" }, { name: "node01" }, { name: "node02" }],
      kubernetes: { controlPlane: ["controlplane"], workers: ["node01", "node02"] },
    },
  });

const run = (script: string) => session().run(script, { allowSim: false });

describe("text tools on the student's machine", () => {
  it("filter kubectl output in pipelines (awk, sort, uniq -c, cut, tr)", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25 --replicas=3",
      "kubectl get pods --no-headers -o wide | awk '{print $7}' | sort | uniq -c",
      "kubectl get pods | cut -d' ' -f1 | head -1",
      "echo hello | tr a-z A-Z",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("      2 node01\n      1 node02\n");
    expect(steps[2]!.stdout).toBe("NAME\n");
    expect(steps[3]!.stdout).toBe("HELLO\n");
  });

  it("edit manifests in place with sed -i, copy and move them", () => {
    const steps = run([
      "kubectl create deployment web --image=nginx:1.25 --dry-run=client -o yaml > web.yaml",
      "sed -i 's/nginx:1.25/nginx:1.26/' web.yaml",
      "cp web.yaml copy.yaml && mv copy.yaml moved.yaml",
      "grep image: moved.yaml",
      "kubectl apply -f moved.yaml",
      "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'",
      "ls",
    ].join("\n"));
    expect(steps.map((s) => s.exitCode)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(steps[3]!.stdout).toBe("      - image: nginx:1.26\n");
    expect(steps[5]!.stdout).toBe("nginx:1.26");
    expect(steps[6]!.stdout).toBe("moved.yaml\nweb.yaml\n");
  });

  it("fail on missing files as GNU coreutils do", () => {
    const steps = run("sed -n 1p nofile.yaml\ncut -d: -f1 missing\nmv nothere x\ntee /nodir/x < /dev/null");
    expect(steps.map((s) => [s.exitCode, s.stderr])).toEqual([
      [2, "sed: can't read nofile.yaml: No such file or directory\n"],
      [1, "cut: missing: No such file or directory\n"],
      [1, "mv: cannot stat 'nothere': No such file or directory\n"],
      [1, "tee: /nodir/x: No such file or directory\n"],
    ]);
  });
});
