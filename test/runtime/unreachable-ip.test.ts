// A request to an IP address needs no name resolution: where nothing owns the address the SYN goes
// unanswered and the client waits — busybox wget until the kernel gives up (127 s: "Connection
// timed out") or its -T alarm ("download timed out"), curl until its --connect-timeout / -m
// ("Timeout was reached", exit 28). An address that exists without a listener refuses at once,
// as does a Service without endpoints (kube-proxy's REJECT).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function k8s(script: string) {
  const s = new Session({
    seed: "unreachable-ip",
    cluster: { hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }], kubernetes: { controlPlane: ["cp"], workers: ["w1"] } },
  });
  return s.run(script, { allowSim: false });
}

describe("an address nobody owns", () => {
  it("busybox wget -T times out; a name that does not resolve is still a bad address", () => {
    const steps = k8s("kubectl run b --image=busybox -- sleep 1d\nkubectl exec b -- wget -T 5 10.1.2.3\nkubectl exec b -- wget -qO- http://nosuch");
    expect(steps[1]!.stderr).toBe("Connecting to 10.1.2.3 (10.1.2.3:80)\nwget: download timed out\ncommand terminated with exit code 1\n");
    expect(steps[2]!.stderr).toBe("wget: bad address 'nosuch'\ncommand terminated with exit code 1\n");
  });

  it("without -T, PID 1's wget fails when the kernel's connect timeout ends, 127 s later", () => {
    const steps = k8s("kubectl run w --image=busybox --restart=Never -- wget -qO- 10.9.9.9\nsleep 120\nkubectl get pod w --no-headers\nsleep 10\nkubectl logs w\nkubectl get pod w --no-headers");
    expect(steps[2]!.stdout).toMatch(/^w\s+1\/1\s+Running\s/);
    expect(steps[4]!.stdout).toBe("wget: can't connect to remote host (10.9.9.9): Connection timed out\n");
    expect(steps[5]!.stdout).toMatch(/^w\s+0\/1\s+Error\s/);
  });

  it("curl --connect-timeout and -m: exit 28 after the limit; -w still prints 000", () => {
    const steps = k8s("kubectl run c --image=curlimages/curl -- sleep 1d\n"
      + "kubectl exec c -- curl -sS --connect-timeout 3 10.1.2.3\nkubectl exec c -- curl -s -m 2 -w '%{http_code}' http://10.1.2.3:8080/");
    expect([steps[1]!.exitCode, steps[1]!.stderr]).toEqual([28, "curl: (28) Failed to connect to 10.1.2.3 port 80 after 3001 ms: Timeout was reached\ncommand terminated with exit code 28\n"]);
    expect([steps[2]!.exitCode, steps[2]!.stdout]).toEqual([28, "000"]);
  });

  it("a Service without endpoints and a pod IP without a listener refuse at once", () => {
    const steps = k8s("kubectl create service clusterip empty --tcp=80 --clusterip=10.96.50.50\nkubectl run b --image=busybox -- sleep 1d\n"
      + "kubectl exec b -- wget -qO- -T 5 10.96.50.50\nkubectl run n --image=nginx:1.25\nkubectl wait --for=condition=Ready pod/n\n"
      + "IP=$(kubectl get pod n -o jsonpath='{.status.podIP}')\nkubectl exec b -- wget -qO- -T 5 $IP:8080\nkubectl exec b -- wget -qO- $IP");
    expect(steps[2]!.stderr).toBe("wget: can't connect to remote host (10.96.50.50): Connection refused\ncommand terminated with exit code 1\n");
    expect(steps[6]!.stderr).toMatch(/^wget: can't connect to remote host \(10\.244\.\d+\.\d+\): Connection refused\n/);
    expect(steps[7]!.stdout).toContain("Welcome to nginx!");
  });
});

describe("busybox nc -z", () => {
  it("open, refused (said only with -vv), no kube-proxy rule for the port, an address nobody has, a bad name", () => {
    const steps = k8s("kubectl create deployment web --image=nginx:1.25\nkubectl expose deployment web --port=80 --cluster-ip=10.96.80.80\n"
      + "kubectl create service clusterip empty --tcp=80 --clusterip=10.96.50.50\nkubectl run b --image=busybox -- sleep 1d\n"
      + "kubectl wait --for=condition=Available deployment/web\n"
      + "kubectl exec b -- nc -zv web 80\nkubectl exec b -- nc -zv empty 80\nkubectl exec b -- nc -zvv empty 80\n"
      + "kubectl exec b -- nc -zv -w 3 web 81\nkubectl exec b -- nc -zv -w 2 10.1.2.3 80\nkubectl exec b -- nc -zv nosuch 80\n"
      + "kubectl exec b -- sh -c 'nc -z web 80 && echo up'\nkubectl logs deploy/web --tail=1");
    const err = (i: number) => steps[i]!.stderr;
    expect([steps[5]!.exitCode, err(5)]).toEqual([0, "web (10.96.80.80:80) open\n"]);
    expect([steps[6]!.exitCode, err(6)]).toEqual([1, "command terminated with exit code 1\n"]);
    expect(err(7)).toBe("nc: empty (10.96.50.50:80): Connection refused\ncommand terminated with exit code 1\n");
    expect(err(8)).toBe("nc: web (10.96.80.80:81): Connection timed out\ncommand terminated with exit code 1\n");
    expect(err(9)).toBe("nc: 10.1.2.3 (10.1.2.3:80): Connection timed out\ncommand terminated with exit code 1\n");
    expect(err(10)).toBe("nc: bad address 'nosuch'\ncommand terminated with exit code 1\n");
    expect(steps[11]!.stdout).toBe("up\n");
    // A connect sends no request: the server's access log has nothing from nc.
    expect(steps[12]!.stdout).not.toMatch(/GET/);
  });
});

describe("ping", () => {
  it("a private address nobody owns answers nothing; a pod's address and the outside world answer", () => {
    const steps = k8s("kubectl run b --image=busybox -- sleep 1d\nkubectl run c --image=busybox -- sleep 1d\n"
      + "kubectl exec b -- ping -c 2 10.9.9.9\nIP=$(kubectl get pod c -o jsonpath={.status.podIP})\nkubectl exec b -- ping -c 1 $IP\nkubectl exec b -- ping -c 1 8.8.8.8");
    expect(steps[2]!.stdout).toBe("PING 10.9.9.9 (10.9.9.9): 56 data bytes\n\n--- 10.9.9.9 ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n");
    expect(steps[2]!.exitCode).toBe(1);
    expect(steps[4]!.stdout).toContain("1 packets received, 0% packet loss");
    expect(steps[5]!.stdout).toContain("1 packets received, 0% packet loss");
  });
});
