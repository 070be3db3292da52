// for / while / until / if on the student's machine: one transcript step per compound command,
// bounded loops, bash's syntax errors.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const run = (script: string) =>
  new Session({
    seed: "t",
    cluster: {
      hosts: [{ name: "controlplane" }, { name: "node01" }, { name: "node02" }],
      kubernetes: { controlPlane: ["controlplane"], workers: ["node01", "node02"] },
    },
  }).run(script, { allowSim: false });

describe("compound commands", () => {
  it("a for loop over words, on one line or several, is one step", () => {
    const steps = run("for i in 1 2 3; do kubectl run pod$i --image=nginx:1.25; done\nfor n in node01 node02\ndo\n  kubectl label node $n disk=ssd\ndone\nkubectl get nodes -l disk=ssd --no-headers | wc -l");
    expect(steps).toHaveLength(3);
    expect(steps[0]!.stdout).toBe("pod/pod1 created\npod/pod2 created\npod/pod3 created\n");
    expect(steps[1]!.command).toBe("for n in node01 node02\ndo\n  kubectl label node $n disk=ssd\ndone");
    expect(steps[1]!.stdout).toBe("node/node01 labeled\nnode/node02 labeled\n");
    expect(steps[2]!.stdout).toBe("2\n");
  });

  it("until waits on the cluster as time passes; if/elif/else picks a branch", () => {
    const steps = run([
      "kubectl run web --image=nginx:1.25",
      "until kubectl get pod web -o jsonpath='{.status.phase}' | grep -q Running; do sleep 1; done",
      "if [ -f missing.yaml ]; then echo yes; elif kubectl get pod web >/dev/null; then echo pod; else echo no; fi",
      "for f in a b c; do echo $f; if [ $f = b ]; then break; fi; done",
      "for i in 1 2 3; do echo $i; done > out.txt; cat out.txt",
    ].join("\n"));
    expect(steps.map((s) => s.exitCode)).toEqual([0, 0, 0, 0, 0]);
    expect(steps[2]!.stdout).toBe("pod\n");
    expect(steps[3]!.stdout).toBe("a\nb\n");
    expect(steps[4]!.stdout).toBe("1\n2\n3\n");
  });

  it("a loop that never ends is stopped, and the script goes on", () => {
    const steps = run("while true; do sleep 1; done\necho after");
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toBe("clustergrade: loop stopped after 1000 iterations\n");
    expect(steps[1]!.stdout).toBe("after\n");
  });

  it("a loop of day-long sleeps beside a probe every second ends within the run's wake-up budget", () => {
    const steps = run([
      "cat <<'EOF' | kubectl apply -f -",
      "apiVersion: v1",
      "kind: Pod",
      "metadata: { name: p }",
      "spec:",
      "  containers:",
      "  - { name: c, image: 'nginx:1.25', readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 1 } }",
      "EOF",
      "while true; do sleep 86400; done",
      "kubectl get pod p --no-headers",
    ].join("\n"));
    expect(steps[1]!.stderr).toBe("clustergrade: loop stopped after 1000 iterations\n");
    expect(steps[2]!.stdout).toMatch(/^p +1\/1 +Running/);
  }, 60_000); // 50,000 wake-ups take a couple of seconds; slower on a busy machine (not a speed check)

  it("expands a leading ~ to $HOME, unquoted only", () => {
    const steps = run("echo ~ ~/x \"~\" a~b\nls ~/.kube");
    expect(steps[0]!.stdout).toBe("/root /root/x ~ a~b\n");
    expect(steps[1]!.stderr).toBe("ls: cannot access '/root/.kube': No such file or directory\n");
  });

  it("aliases, completion setup and sourced files work as in a lab terminal", () => {
    const steps = run([
      "source <(kubectl completion bash)",
      "alias k=kubectl",
      "complete -o default -F __start_kubectl k",
      "echo 'alias kgn=\"k get nodes --no-headers\"' >> ~/.bashrc",
      "source ~/.bashrc",
      "kgn | wc -l",
      "alias",
      "unalias kgn; kgn",
    ].join("\n"));
    expect(steps.map((s) => s.exitCode)).toEqual([0, 0, 0, 0, 0, 0, 0, 127]);
    expect(steps[5]!.stdout).toBe("3\n");
    expect(steps[6]!.stdout).toBe("alias k='kubectl'\nalias kgn='k get nodes --no-headers'\n");
    expect(steps[7]!.stderr).toBe("bash: kgn: command not found\n");
  });

  it("misplaced or missing keywords are bash's syntax errors", () => {
    const steps = run("done\nif true then echo x; fi\nfor i in 1 2; do echo $i\nbreak");
    expect(steps.map((s) => [s.exitCode, s.stderr])).toEqual([
      [2, "bash: syntax error near unexpected token `done'\n"],
      [2, "bash: syntax error near unexpected token `fi'\n"],
      [2, "bash: syntax error: unexpected end of file\n"],
    ]);
  });
});
