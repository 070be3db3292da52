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

  it("grep shows context as GNU grep does (-A/-B/-C, -n, -- between groups, -q)", () => {
    const steps = run([
      "printf 'a\\nb\\nc\\nd\\ne\\nf\\ng\\nc\\n' > f.txt",
      "grep -A1 c f.txt",
      "grep -B1 -n e f.txt",
      "grep -q zzz f.txt",
      "kubectl run p --image=nginx:1.25",
      "kubectl describe pod p | grep -A1 'State:'",
    ].join("\n"));
    expect(steps[1]!.stdout).toBe("c\nd\n--\nc\n");
    expect(steps[2]!.stdout).toBe("4-d\n5:e\n");
    expect([steps[3]!.exitCode, steps[3]!.stdout]).toEqual([1, ""]);
    expect(steps[5]!.stdout).toBe("    State:          Running\n      Started:      Wed, 10 Jan 2024 00:00:00 +0000\n");
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
