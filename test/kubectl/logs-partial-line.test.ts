// kubectl logs --tail, --timestamps and --prefix over a log whose last line has no newline
// (`printf abc`): the kubelet's reader (kuberuntime/logs) counts the partial "P" entry as a line
// for --tail and prefixes it with its RFC3339NanoFixed timestamp without adding a newline;
// kubectl's prefixingWriter prefixes every chunk it reads, empty lines included, as written.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function k8s(script: string) {
  const s = new Session({
    seed: "logs-partial",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  });
  return s.run(script, { allowSim: false });
}

describe("kubectl logs over a partial last line", () => {
  const steps = k8s("kubectl run p --image=busybox --restart=Never -- sh -c 'echo a; echo; printf abc'\nkubectl wait --for=jsonpath='{.status.phase}'=Succeeded pod/p\n"
    + "kubectl logs p --tail=1\nkubectl logs p --tail=2\nkubectl logs p --tail=0\nkubectl logs p --timestamps\nkubectl logs p --prefix\nkubectl logs p --tail=1 --prefix --timestamps");

  it("--tail counts it as a line and adds no newline", () => {
    expect(steps[2]!.stdout).toBe("abc");
    expect(steps[3]!.stdout).toBe("\nabc");
    expect(steps[4]!.stdout).toBe("");
  });

  it("--timestamps stamps every line, the empty and the partial one, in fixed nanoseconds", () => {
    expect(steps[5]!.stdout).toMatch(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) a\n\1 \n\1 abc$/);
  });

  it("--prefix prefixes every line as kubectl reads it", () => {
    expect(steps[6]!.stdout).toBe("[pod/p/p] a\n[pod/p/p] \n[pod/p/p] abc");
    expect(steps[7]!.stdout).toMatch(/^\[pod\/p\/p\] \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z abc$/);
  });
});
