// ping resolves names the way the container's resolver does: on a user-defined network Docker's
// embedded DNS gives the peer's address (ttl 64, same segment); on the default bridge other
// containers' names do not resolve (`ping: bad address`); names of the outside world are not
// simulated and still answer (the swarm tutorial's `ping docker.com`). In a pod, CoreDNS answers.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";
import type { ClusterSpecInput } from "../../src/sim/cluster-spec";

function run(script: string, cluster: ClusterSpecInput) {
  return new Session({ seed: "ping", cluster }).run(script, { allowSim: false });
}
const DOCKER = { hosts: [{ name: "m1", ip: "10.0.0.1" }] };

describe("ping by name", () => {
  it("fails on the default bridge", () => {
    const steps = run("docker run -d --name a nginx:1.25\ndocker run --rm busybox:1.36 ping -c 1 a", DOCKER);
    expect(steps[1]!.stderr.endsWith("ping: bad address 'a'\n")).toBe(true);
    expect(steps[1]!.exitCode).toBe(1);
  });

  it("reaches the container on a user-defined network", () => {
    const steps = run(`docker network create appnet
docker run -d --name b --network appnet nginx:1.25
docker inspect -f '{{.NetworkSettings.Networks.appnet.IPAddress}}' b
docker run --rm --network appnet busybox:1.36 ping -c 1 b
docker run --rm --network appnet busybox:1.36 ping -c 1 nope`, DOCKER);
    const ip = steps[2]!.stdout.trim();
    expect(steps[3]!.stdout).toMatch(new RegExp(`^PING b \\(${ip.replace(/\./g, "\\.")}\\): 56 data bytes\\n64 bytes from ${ip.replace(/\./g, "\\.")}: seq=0 ttl=64 time=0\\.\\d{3} ms\\n`));
    expect(steps[4]!.stderr).toBe("ping: bad address 'nope'\n");
  });

  it("still answers for names of the outside world", () => {
    const steps = run("docker run --rm busybox:1.36 ping -c 1 docker.com", DOCKER);
    expect(steps[0]!.exitCode).toBe(0);
    expect(steps[0]!.stdout).toContain("1 packets transmitted, 1 packets received, 0% packet loss");
  });

  it("in a pod, resolves a Service through CoreDNS", () => {
    const steps = run(`kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port=80 --cluster-ip=10.96.100.100
kubectl run c --image=busybox:1.36 -- sleep 3600
kubectl wait --for=condition=Ready pod/c
kubectl exec c -- ping -c 1 web
kubectl exec c -- ping -c 1 nope`, { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } });
    expect(steps[4]!.stdout.split("\n")[0]).toBe("PING web (10.96.100.100): 56 data bytes");
    expect(steps[5]!.stderr).toBe("ping: bad address 'nope'\ncommand terminated with exit code 1\n");
  });
});

describe("ping a Service's ClusterIP", () => {
  it("gets no answer: the address is kube-proxy's rules, not an interface", () => {
    const steps = run(`kubectl create deployment web --image=nginx:1.25
kubectl expose deployment web --port=80 --cluster-ip=10.96.100.100
kubectl run c --image=busybox:1.36 -- sleep 3600
kubectl wait --for=condition=Ready pod/c
kubectl exec c -- ping -c 2 web`, { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } });
    expect(steps[4]!.stdout).toBe("PING web (10.96.100.100): 56 data bytes\n\n--- web ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n");
    expect(steps[4]!.exitCode).toBe(1);
  });
});
