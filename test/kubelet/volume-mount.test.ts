// A volume whose ConfigMap/Secret is missing blocks the whole pod (volumemanager's
// WaitForAttachAndMount precedes the sandbox): no container starts, no pod IP, STATUS
// ContainerCreating, FailedMount events on the operation executor's back-off (0.5 s doubling to
// 2m2s); once the ConfigMap exists the next retry mounts it and the pod starts. A missing key
// for env stays CreateContainerConfigError of that container only.
import { describe, expect, it } from "vitest";
import { session } from "./helpers";

const pod = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
  - name: app
    image: nginx:1.25
    volumeMounts: [{ name: cfg, mountPath: /etc/app }]
  - { name: other, image: "busybox:1.36", command: ["sleep", "3600"] }
  volumes:
  - name: cfg
    configMap: { name: app-config }
`;

describe("a missing volume source", () => {
  it("blocks every container of the pod until the ConfigMap exists and the mount is retried", () => {
    const out = session([
      "kubectl apply -f web.yaml", "kubectl get pod web -o wide", "sleep 60",
      "kubectl get pod web -o jsonpath='{.status.podIP}|{.status.containerStatuses[*].state.waiting.reason}|{.status.conditions[0].type}={.status.conditions[0].status}'",
      "kubectl describe pod web | sed -n '/^Events:/,$p'",
      "kubectl create configmap app-config --from-literal=mode=prod", "sleep 3", "kubectl get pod web",
      "sleep 1", "kubectl get pod web -o wide", "kubectl exec web -c app -- cat /etc/app/mode",
    ], { "web.yaml": pod });
    expect(out(1)).toBe("NAME   READY   STATUS              RESTARTS   AGE   IP       NODE   NOMINATED NODE   READINESS GATES\n"
      + "web    0/2     ContainerCreating   0          0s    <none>   w1     <none>           <none>\n");
    expect(out(3)).toBe("|ContainerCreating ContainerCreating|PodReadyToStartContainers=False");
    // Attempts at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s; the next one is at 63.5 s.
    expect(out(4)).toBe([
      "Events:",
      "  Type     Reason       Age                From               Message",
      "  ----     ------       ----               ----               -------",
      "  Normal   Scheduled    60s                default-scheduler  Successfully assigned default/web to w1",
      '  Warning  FailedMount  29s (x7 over 60s)  kubelet            MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found',
      "",
    ].join("\n"));
    expect(out(7)).toBe("NAME   READY   STATUS              RESTARTS   AGE\nweb    0/2     ContainerCreating   0          63s\n");
    expect(out(9)).toMatch(/^NAME   READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES\nweb    2\/2     Running   0          64s   10\.244\.1\.\d+   w1     <none>           <none>\n$/);
    expect(out(10)).toBe("prod");
  });

  it("a missing Secret blocks the init containers too (Init:0/1), and the retries slow to 2m2s", () => {
    const init = pod.replace("  containers:", "  initContainers:\n  - { name: setup, image: \"busybox:1.36\", command: [\"true\"] }\n  containers:")
      .replace("configMap: { name: app-config }", "secret: { secretName: tls }");
    const out = session([
      "kubectl apply -f web.yaml", "sleep 600", "kubectl get pod web",
      "kubectl get events --field-selector reason=FailedMount -o custom-columns=COUNT:.count,MSG:.message --no-headers",
    ], { "web.yaml": init });
    expect(out(2)).toBe("NAME   READY   STATUS     RESTARTS   AGE\nweb    0/2     Init:0/1   0          10m\n");
    // 0.5 + 1 + … + 64 = 127.5 s for the first 8 retries, then every 122 s: 12 attempts by 600 s.
    expect(out(3)).toBe('12    MountVolume.SetUp failed for volume "cfg" : secret "tls" not found\n');
  });

  it("a volume no container mounts does not block the pod; an optional one mounts empty", () => {
    const unused = pod.replace("    volumeMounts: [{ name: cfg, mountPath: /etc/app }]\n", "");
    const optional = pod.replace("configMap: { name: app-config }", "configMap: { name: app-config, optional: true }");
    expect(session(["kubectl apply -f web.yaml", "kubectl get pod web"], { "web.yaml": unused })(1)).toMatch(/web    2\/2     Running /);
    expect(session(["kubectl apply -f web.yaml", "kubectl get pod web"], { "web.yaml": optional })(1)).toMatch(/web    2\/2     Running /);
  });

  it("a missing configMapKeyRef stays a CreateContainerConfigError of that container only", () => {
    const env = pod.replace("    volumeMounts: [{ name: cfg, mountPath: /etc/app }]\n",
      "    env: [{ name: MODE, valueFrom: { configMapKeyRef: { name: app-config, key: mode } } }]\n");
    const out = session(["kubectl apply -f web.yaml", "kubectl get pod web",
      "kubectl get pod web -o jsonpath='{range .status.containerStatuses[*]}{.name}:{.state}{\"\\n\"}{end}'"], { "web.yaml": env });
    expect(out(1)).toBe("NAME   READY   STATUS                       RESTARTS   AGE\nweb    1/2     CreateContainerConfigError   0          0s\n");
    expect(out(2)).toMatch(/^app:\{"waiting":\{"message":"configmap \\"app-config\\" not found","reason":"CreateContainerConfigError"\}\}\nother:\{"running":/);
  });
});

describe("a mounted ConfigMap that changes", () => {
  it("shows in the volume's files at the pod's next periodic sync, never in subPath mounts nor env", () => {
    const cmv = `apiVersion: v1
kind: Pod
metadata: { name: cmv }
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env: [{ name: MODE, valueFrom: { configMapKeyRef: { name: cfg, key: mode } } }]
    volumeMounts:
    - { name: v, mountPath: /etc/cfg }
    - { name: v, mountPath: /etc/mode.txt, subPath: mode }
  volumes:
  - name: v
    configMap: { name: cfg }
`;
    const out = session([
      "kubectl create configmap cfg --from-literal=mode=one", "kubectl apply -f cmv.yaml", "sleep 30",
      "kubectl create configmap cfg --from-literal=mode=two --dry-run=client -o yaml | kubectl replace -f -",
      "sleep 29", "kubectl exec cmv -- cat /etc/cfg/mode", "sleep 1", "kubectl exec cmv -- cat /etc/cfg/mode",
      "kubectl exec cmv -- cat /etc/mode.txt", "kubectl exec cmv -- printenv MODE",
    ], { "cmv.yaml": cmv });
    expect(out(3)).toBe("configmap/cfg replaced\n");
    expect(out(5)).toBe("one");
    expect(out(7)).toBe("two");
    expect(out(8)).toBe("one");
    expect(out(9)).toBe("one\n");
  });
});
