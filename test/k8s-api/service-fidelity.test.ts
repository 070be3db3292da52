// Service fidelity found by scenario writers: dropTypeDependentFields on type changes, named
// target ports in `kubectl create service`, Service env vars (enableServiceLinks), and node ports
// answered by kube-proxy on every node's IP.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

const CLUSTER = {
  hosts: [
    { name: "controlplane", ip: "10.0.0.10" },
    { name: "node01", ip: "10.0.0.11" },
    { name: "node02", ip: "10.0.0.12" },
  ],
  kubernetes: { controlPlane: ["controlplane"], workers: ["node01", "node02"] },
};

function run(script: string, files: Record<string, string> = {}) {
  const s = new Session({ seed: "svc-fidelity", files, cluster: CLUSTER } as never);
  const steps = s.run(script, { allowSim: true });
  return { steps, last: steps[steps.length - 1]! };
}

const NODEPORT_SETUP = `kubectl create deployment shop --image=hashicorp/http-echo:1.0 --replicas=2 --port=5678 -- /http-echo -text=v1
kubectl create service nodeport shop --tcp=80:5678 --node-port=30080`;

describe("Service type change wipes type-dependent fields (dropTypeDependentFields)", () => {
  test.each([
    ["merge patch", `kubectl patch service shop -p '{"spec":{"type":"ClusterIP"}}'`, "service/shop patched\n"],
    ["json patch", `kubectl patch service shop --type=json -p '[{"op":"replace","path":"/spec/type","value":"ClusterIP"}]'`, "service/shop patched\n"],
    ["apply", "kubectl apply -f svc.yaml", "service/shop configured\n"],
  ])("NodePort → ClusterIP by %s keeps the cluster IP and drops nodePort", (_n, cmd, out) => {
    const svc = "apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  type: ClusterIP\n  selector: {app: shop}\n  ports:\n  - {name: 80-5678, port: 80, targetPort: 5678}\n";
    const { steps } = run(`${NODEPORT_SETUP}
kubectl get svc shop -o jsonpath='{.spec.clusterIP}'
${cmd}
kubectl get svc shop -o jsonpath='{.spec.type} {.spec.clusterIP} [{.spec.ports[0].nodePort}] [{.spec.externalTrafficPolicy}]'`, { "svc.yaml": svc });
    const ip = steps[2]!.stdout;
    expect(steps[3]!.exitCode).toBe(0); // apply also warns about the missing last-applied annotation
    expect(steps[3]!.stdout).toBe(out);
    expect(steps[4]!.stdout).toBe(`ClusterIP ${ip} [] []`);
  });

  test("a new nodePort on a ClusterIP Service is still rejected", () => {
    const { last } = run(`${NODEPORT_SETUP}
kubectl patch svc shop -p '{"spec":{"type":"ClusterIP","ports":[{"port":80,"nodePort":31999}]}}'`);
    expect(last.exitCode).toBe(1);
    expect(last.stderr).toBe("The Service \"shop\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\n");
  });

  test.each([
    ["ClusterIP → ExternalName drops the cluster IP", `kubectl create service clusterip web --tcp=80:80
kubectl patch svc web -p '{"spec":{"type":"ExternalName","externalName":"example.com"}}'
kubectl get svc web -o jsonpath='{.spec.type} [{.spec.clusterIP}] [{.spec.ipFamilies}]'`, "ExternalName [] []"],
    ["LoadBalancer → NodePort keeps node port and policy, drops allocateLoadBalancerNodePorts", `kubectl create service loadbalancer lb --tcp=80:80
kubectl patch svc lb -p '{"spec":{"type":"NodePort"}}'
kubectl get svc lb -o jsonpath='{.spec.type} {.spec.externalTrafficPolicy} [{.spec.allocateLoadBalancerNodePorts}]'`, "NodePort Cluster []"],
  ])("%s", (_n, script, out) => {
    const { last } = run(script);
    expect(last.stdout).toBe(out);
  });

  test("the freed node port can be reused at once", () => {
    const { last } = run(`${NODEPORT_SETUP}
kubectl patch service shop -p '{"spec":{"type":"ClusterIP"}}'
kubectl create service nodeport shop-v2 --tcp=80:5678 --node-port=30080`);
    expect(last.stdout).toBe("service/shop-v2 created\n");
  });
});

describe("kubectl create service --tcp parsing (create_service.go parsePorts)", () => {
  test("named target ports", () => {
    const { last } = run(`kubectl create service clusterip shop --tcp=80:http,9102:metrics
kubectl get svc shop -o jsonpath='{range .spec.ports[*]}{.name} {.port} {.targetPort};{end}'`);
    expect(last.stdout).toBe("80-http 80 http;9102-metrics 9102 metrics;");
  });
  test.each([
    ["80:HTTP", "error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-),must contain at least one letter (a-z)\n"],
    ["80:0", "error: must be between 1 and 65535, inclusive\n"],
    ["x:80", 'error: strconv.ParseUint: parsing "x": invalid syntax\n'],
    ["70000", 'error: strconv.ParseUint: parsing "70000": value out of range\n'],
  ])("--tcp=%s", (tcp, err) => {
    const { last } = run(`kubectl create service clusterip s --tcp=${tcp}`);
    expect(last.stderr).toBe(err);
    expect(last.exitCode).toBe(1);
  });
});

describe("Service environment variables (enableServiceLinks)", () => {
  const script = `kubectl create service clusterip dashboard --tcp=80:8080
kubectl run client --image=busybox:1.36 -- sleep 86400
kubectl create service clusterip later --tcp=80:80
kubectl run nolinks --image=busybox:1.36 --overrides='{"spec":{"enableServiceLinks":false}}' -- sleep 86400
kubectl get svc dashboard -o jsonpath='{.spec.clusterIP}'
kubectl exec client -- env
kubectl exec nolinks -- env`;
  test("services of the namespace that existed at start, plus kubernetes", () => {
    const { steps } = run(script);
    const ip = steps[4]!.stdout;
    const env = steps[5]!.stdout.split("\n");
    for (const line of [
      `DASHBOARD_SERVICE_HOST=${ip}`, "DASHBOARD_SERVICE_PORT=80", "DASHBOARD_SERVICE_PORT_80_8080=80",
      `DASHBOARD_PORT=tcp://${ip}:80`, `DASHBOARD_PORT_80_TCP=tcp://${ip}:80`, "DASHBOARD_PORT_80_TCP_PROTO=tcp",
      "DASHBOARD_PORT_80_TCP_PORT=80", `DASHBOARD_PORT_80_TCP_ADDR=${ip}`,
      "KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443", "KUBERNETES_SERVICE_PORT_HTTPS=443",
      "KUBERNETES_PORT=tcp://10.96.0.1:443", "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
    ]) expect(env).toContain(line);
    expect(env.some((l) => l.startsWith("LATER_"))).toBe(false);
    const nolinks = steps[6]!.stdout;
    expect(nolinks).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1");
    expect(nolinks).not.toContain("DASHBOARD_");
  });
  test("container env wins and may reference service variables", () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, "86400"]\n    env:\n    - {name: KUBERNETES_SERVICE_PORT, value: "1"}\n    - {name: API, value: "https://$(KUBERNETES_SERVICE_HOST)"}\n`;
    const { last } = run("kubectl apply -f p.yaml\nkubectl exec p -- sh -c 'echo $KUBERNETES_SERVICE_PORT $API'", { "p.yaml": pod });
    expect(last.stdout).toBe("1 https://10.96.0.1\n");
  });
});

describe("node ports answer on every node's IP (kube-proxy)", () => {
  test.each(["10.0.0.10", "10.0.0.11", "10.0.0.12"])("wget %s:30080 from a pod", (ip) => {
    const { last } = run(`${NODEPORT_SETUP}
kubectl run client --image=busybox:1.36 -- sleep 86400
kubectl exec client -- wget -qO- -T 2 http://${ip}:30080`);
    expect(last.stdout).toBe("v1\n");
    expect(last.exitCode).toBe(0);
  });
  test("a port no Service uses is refused; after the type change the node port is gone", () => {
    const { steps } = run(`${NODEPORT_SETUP}
kubectl run client --image=busybox:1.36 -- sleep 86400
kubectl exec client -- wget -qO- -T 2 http://10.0.0.11:30081
kubectl patch service shop -p '{"spec":{"type":"ClusterIP"}}'
kubectl exec client -- wget -qO- -T 2 http://10.0.0.11:30080`);
    expect(steps[3]!.stderr).toBe("wget: can't connect to remote host (10.0.0.11): Connection refused\ncommand terminated with exit code 1\n");
    expect(steps[5]!.stderr).toBe("wget: can't connect to remote host (10.0.0.11): Connection refused\ncommand terminated with exit code 1\n");
  });
});
