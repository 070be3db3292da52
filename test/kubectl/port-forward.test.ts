// `kubectl port-forward` (kubectl/pkg/cmd/portforward, client-go tools/portforward), mostly as a
// background job the way tutorials use it: `kubectl port-forward svc/web 8080:80 &` then curl on
// the same machine. Messages from the kubectl 1.30 and client-go sources; the usage error from
// the real client (test/kubectl/client-errors-oracle covers the no-server forms).
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

function k8s(script: string) {
  const s = new Session({
    seed: "port-forward",
    cluster: {
      hosts: [{ name: "cp", ip: "10.0.0.10" }, { name: "w1", ip: "10.0.0.11" }, { name: "w2", ip: "10.0.0.12" }],
      kubernetes: { controlPlane: ["cp"], workers: ["w1", "w2"] },
    },
  });
  const steps = s.run(script, { allowSim: false });
  return { steps, session: s };
}

const WEB = "kubectl create deployment web --image=nginx:1.27 --port=80\nkubectl expose deployment web --port=8080 --target-port=80\n";

describe("kubectl port-forward", () => {
  it("forwards a Service's port to its target port on one of its pods, in the background", () => {
    const { steps } = k8s(`${WEB}kubectl port-forward svc/web 9000:8080 &\ncurl -s localhost:9000 | grep title\njobs\nkill %1\ncurl -s localhost:9000; echo $?\nsleep 1`);
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n", stderr: "[1] 4243\n" });
    // kubectl's own line reaches the terminal too (in this step's output, after curl's).
    expect(steps[3]!.stdout).toBe("<title>Welcome to nginx!</title>\nHandling connection for 9000\n");
    expect(steps[4]!.stdout).toBe("[1]+  Running                 kubectl port-forward svc/web 9000:8080 &\n");
    expect(steps[6]!.stdout).toBe("7\n");
    expect(steps[6]!.stderr).toBe("[1]+  Terminated              kubectl port-forward svc/web 9000:8080\n");
  });

  it("the request reaches the pod from its own localhost, with the client's Host header", () => {
    const { steps } = k8s("kubectl run echo --image=registry.k8s.io/echoserver:1.10 --port=8080\nkubectl port-forward pod/echo 8080 &\ncurl -s localhost:8080/hi | grep -E 'client_address|request_uri|host='");
    expect(steps[2]!.stdout).toBe("client_address=127.0.0.1\nrequest_uri=http://localhost:8080/hi\nhost=localhost:8080\nHandling connection for 8080\n");
  });

  it("a port nothing listens on in the pod: containerd's error, the connection to the pod is lost", () => {
    const { steps } = k8s(`${WEB}kubectl port-forward deploy/web 8081:81 &\ncurl localhost:8081\ncurl localhost:8081`);
    const s = steps[3]!;
    expect(s.exitCode).toBe(52);
    expect(s.stdout).toBe("Handling connection for 8081\n");
    expect(s.stderr).toMatch(/^curl: \(52\) Empty reply from server\nE0110 00:00:00\.000000 {4}4243 portforward\.go:413\] an error occurred forwarding 8081 -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]{36}": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused \nerror: lost connection to pod\n\[1\]\+  Exit 1 {18}kubectl port-forward deploy\/web 8081:81\n$/);
    expect(steps[4]!.exitCode).toBe(7);
  });

  it("ends with 'lost connection to pod' when its pod is deleted", () => {
    const { steps } = k8s("kubectl run p --image=nginx:1.27\nkubectl port-forward p 8080:80 &\nkubectl delete pod p\ncurl -s localhost:8080; echo $?");
    expect(steps[2]!.stderr).toBe("error: lost connection to pod\n[1]+  Exit 1                  kubectl port-forward p 8080:80\n");
    expect(steps[3]!.stdout).toBe("7\n");
  });

  it("refuses what the real client refuses", () => {
    const { steps } = k8s(`${WEB}kubectl port-forward web\nkubectl port-forward svc/web 9000:80\nkubectl port-forward svc/web 9000:http\nkubectl port-forward pod/nope 80\nkubectl port-forward deploy/web 70000\nkubectl port-forward deploy/web abc:80\nkubectl run pending --image=nginx:1.27 --overrides='{"spec":{"nodeSelector":{"x":"y"}}}'\nkubectl port-forward pending 80`);
    expect(steps.slice(2).map((s) => [s.exitCode, s.stderr])).toEqual([
      [1, "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"],
      [1, "error: Service web does not have a service port 80\n"],
      [1, "error: Service 'web' does not have a named port 'http'\n"],
      [1, "Error from server (NotFound): pods \"nope\" not found\n"],
      [1, "error: error parsing remote port '70000': strconv.ParseUint: parsing \"70000\": value out of range\n"],
      [1, "error: error parsing local port 'abc': strconv.ParseUint: parsing \"abc\": invalid syntax\n"],
      [0, ""],
      [1, "error: unable to forward port because pod is not running. Current status=Pending\n"],
    ]);
  });

  it("a local port already held: client-go's listener errors", () => {
    const { steps } = k8s(`${WEB}kubectl port-forward deploy/web 8080:80 &\nkubectl port-forward deploy/web 8080:80\nkubectl port-forward deploy/web 8080:80 8090:80 --address 127.0.0.1`);
    expect(steps[3]).toMatchObject({
      exitCode: 1, stdout: "",
      stderr: "Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n",
    });
    // One port free of two: it forwards that one.
    expect(steps[4]).toMatchObject({
      exitCode: 0, stdout: "Forwarding from 127.0.0.1:8090 -> 80\n",
      stderr: "Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use]\n",
    });
  });

  it("in the foreground it keeps forwarding for the rest of the session (another terminal)", () => {
    const { steps, session } = k8s(`${WEB}kubectl port-forward svc/web 8080 --address 0.0.0.0`);
    expect(steps[2]).toMatchObject({ exitCode: 0, stdout: "Forwarding from 0.0.0.0:8080 -> 80\n", stderr: "" });
    const later = session.run("curl -s -o /dev/null -w '%{http_code}\\n' cp:8080", { allowSim: false });
    expect(later[0]!.stdout).toBe("200\n");
  });
});
