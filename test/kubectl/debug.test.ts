// `kubectl debug` (kubectl 1.30 pkg/cmd/debug): the node debugging pod (node-debugger-<node>-<5>,
// host namespaces, the node's / at /host), the ephemeral debug container (debugger-<5>, added
// through pods/ephemeralcontainers and validated there), --copy-to, and the client-side checks in
// kubectl's order and wording (compared with the real kubectl when installed), and the kubelet
// running the ephemeral containers (kubelet/ephemeral.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const K = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
const WEB = "kubectl run web --image=nginx\n";
const jp = (path: string) => `kubectl get pod web -o jsonpath='${path}'`;

describe("kubectl debug node/NAME", () => {
  it("creates a privileged pod on the node, announced on stdout", () => {
    const r = replayK8s([
      "kubectl debug node/node01 --image=busybox",
      "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName} {.spec.hostPID} {.spec.hostNetwork} {.spec.hostIPC} {.spec.restartPolicy} {.spec.tolerations[0].operator} {.spec.volumes[0].hostPath.path} {.spec.containers[0].volumeMounts[0].mountPath}{end}'",
    ].join("\n"));
    expect(r.out[0]).toMatch(/^Creating debugging pod node-debugger-node01-[bcdfghjklmnpqrstvwxz2456789]{5} with container debugger on node node01\.\n$/);
    expect(r.code[0]).toBe(0);
    const name = /pod (\S+) with/.exec(r.out[0]!)![1];
    expect(r.out[1]).toBe(`${name} node01 true true true Never Exists / /host`);
  });

  it("-it with nothing to run creates the pod, then refuses the interactive shell", () => {
    const r = replayK8s(["kubectl debug node/node01 -it --image=busybox -c dbg", "kubectl get pods --no-headers -o custom-columns=C:.spec.containers[0].name,S:.spec.containers[0].stdin,T:.spec.containers[0].tty"].join("\n"));
    expect(r.out[0]).toMatch(/^Creating debugging pod node-debugger-node01-\w{5} with container dbg on node node01\.\n$/);
    expect(r.err[0]).toContain("clustergrade: an interactive debugging shell");
    expect(r.code[0]).toBe(1);
    expect(r.out[1]).toBe("dbg   true   true\n");
  });

  it("a command runs in the pod and its output is streamed (-i)", () => {
    const r = replayK8s("kubectl debug node/node01 -q -i --image=busybox -- sh -c 'echo hello from node'");
    expect(r.out[0]).toBe("hello from node\n");
    expect(r.code[0]).toBe(0);
  });

  it("fails as the server does for a missing node or an unsupported kind", () => {
    const r = replayK8s("kubectl debug node/nope --image=busybox\nkubectl create deploy d --image=nginx\nkubectl debug deploy/d --image=busybox");
    expect(r.err[0]).toBe('Error from server (NotFound): nodes "nope" not found\n');
    expect(r.err[2]).toBe('error: "apps/v1, Kind=Deployment" not supported by debug\n');
  });
});

describe("kubectl debug POD (ephemeral containers)", () => {
  it("adds a defaulted ephemeral container and says which name it picked", () => {
    const r = replayK8s(WEB + [
      "kubectl debug web --image=busybox --target=web -- sleep 3600",
      jp("{.spec.ephemeralContainers}"),
    ].join("\n"));
    expect(r.out[1]).toMatch(/^Targeting container "web"\. If you don't see processes from this container it may be because the container runtime doesn't support this feature\.\nDefaulting debug container name to debugger-\w{5}\.\n$/);
    const name = /(debugger-\w{5})/.exec(r.out[1]!)![1];
    expect(JSON.parse(r.out[2]!)).toEqual([{
      command: ["sleep", "3600"], image: "busybox", imagePullPolicy: "Always", name, resources: {}, targetContainerName: "web",
      terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File",
    }]);
  });

  it("the server refuses a taken name, an unknown target and a missing pod", () => {
    const r = replayK8s(WEB + [
      "kubectl debug web --image=busybox -c web",
      "kubectl debug web --image=busybox -q --target=nope",
      "kubectl debug nope --image=busybox",
    ].join("\n"));
    expect(r.err[1]).toBe('The Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"\n');
    expect(r.err[2]).toBe('The Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n');
    expect(r.out[2]).toBe("");
    expect(r.err[3]).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it("-f names the pod from a file", () => {
    const r = replayK8s(WEB + ["kubectl get pod web -o yaml > pod.yaml", "kubectl debug -f pod.yaml --image=busybox -c x -- sleep 10", jp("{.spec.ephemeralContainers[*].name}")].join("\n"));
    expect(r.code[2]).toBe(0);
    expect(r.out[3]).toBe("x");
  });

  it("--copy-to makes an unlabelled copy with the debug container; --replace deletes the original", () => {
    const r = replayK8s(WEB + [
      "kubectl debug web --image=busybox -c dbg --copy-to=web-dbg --replace -- sleep 3600",
      "kubectl get pods -o custom-columns=N:.metadata.name,C:.spec.containers[*].name,L:.metadata.labels --no-headers",
    ].join("\n"));
    expect(r.out[1]).toBe("");
    expect(r.code[1]).toBe(0);
    expect(r.out[2]).toBe("web-dbg   web,dbg   <none>\n");
  });
});

// The kubelet part: only once kubelet/index.ts runs EphemeralWorker (see kubelet/ephemeral.ts).
describe("ephemeral containers on the kubelet", () => {
  it("runs them once, reports them, streams and keeps their logs, and describes them", () => {
    const r = replayK8s(WEB + [
      "kubectl debug web --image=busybox -c dbg -- sh -c 'echo from-debug; sleep 5'",
      jp("{.status.ephemeralContainerStatuses[0].state.running.startedAt} {.status.ephemeralContainerStatuses[0].ready}"),
      "sleep 10",
      jp("{.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.ephemeralContainerStatuses[0].restartCount}"),
      "kubectl logs web -c dbg",
      "kubectl debug web -q -i --image=busybox -- echo attached",
      "kubectl describe pod web",
    ].join("\n"));
    expect(r.out[2]).toMatch(/^\S+Z false$/);
    expect(r.out[4]).toBe("Completed 0");
    expect(r.out[5]).toBe("from-debug\n");
    expect(r.out[6]).toBe("attached\n");
    expect(r.out[7]).toMatch(/\nEphemeral Containers:\n  dbg:\n/);
  });
});

const CLIENT_CASES = [
  "debug node/n1 -it",
  "debug mypod -it --image=busybox --copy-to=x --target=c",
  "debug -it --image=busybox",
  "debug mypod -t --image=busybox",
  "debug mypod --image=Bad:Image",
  "debug mypod --image=busybox --profile=foo",
  "debug mypod --image=busybox --image-pull-policy=x",
  "debug mypod --replace --image=b",
  "debug p --image=busybox --env=a",
  "debug p --attach",
  "debug p --copy-to=x",
  "debug p --copy-to=x -- sh",
  "debug p --same-node --image=b",
  "debug p --set-image=a=b --image=b",
  "debug --help",
  "debug node/ --image=busybox",
  "debug /x --image=busybox",
  "debug a/b/c --image=busybox",
];
describe.skipIf(!existsSync(K))("kubectl debug's client-side checks", () => {
  it("match the real kubectl 1.30", () => {
    for (const args of CLIENT_CASES) {
      let real: string;
      try {
        real = execFileSync(K, args.split(" "), { env: { ...process.env, KUBECONFIG: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] }).toString();
      } catch (e) {
        real = String((e as { stderr?: Buffer }).stderr ?? "");
      }
      const r = replayK8s(`kubectl ${args}`);
      expect(r.out[0] + r.err[0], args).toBe(real);
    }
  });
});
