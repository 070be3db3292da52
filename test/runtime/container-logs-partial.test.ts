// A program whose last output has no newline (`printf abc` then exit): the log drivers keep it as
// a partial message, and `docker logs`, an attached `docker run` and `kubectl logs` print it
// without adding one.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function replay(script: string, kubernetes: boolean) {
  const s = new Session({
    seed: "partial-logs",
    cluster: kubernetes
      ? { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } }
      : { hosts: [{ name: "host1", ip: "10.0.0.10" }] },
  });
  return s.run(script, { allowSim: false });
}

describe("a last line without a newline", () => {
  it("docker logs and an attached docker run print it as written", () => {
    const steps = replay("docker run -d --name p busybox printf abc\ndocker logs p\ndocker run --rm busybox printf abc\ndocker run -d --name q busybox sh -c 'echo one; printf two'\ndocker logs q", false);
    expect(steps[1]!.stdout).toBe("abc");
    expect(steps[2]!.stdout).toBe("abc");
    expect(steps[4]!.stdout).toBe("one\ntwo");
  });

  it("kubectl logs prints it as written, on either stream", () => {
    const steps = replay("kubectl run p --image=busybox --restart=Never -- printf abc\nkubectl logs p\n" +
      "kubectl run q --image=busybox --restart=Never -- sh -c 'echo a; printf b >&2'\nkubectl logs q", true);
    expect(steps[1]!.stdout).toBe("abc");
    expect(steps[3]!.stdout).toBe("a\nb");
  });

  it("whole lines keep their newline", () => {
    const steps = replay("docker run -d --name p busybox echo abc\ndocker logs p", false);
    expect(steps[1]!.stdout).toBe("abc\n");
  });
});
