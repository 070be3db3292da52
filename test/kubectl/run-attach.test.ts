// `kubectl run … -i/-t/--rm -- CMD` (src/sim/k8s/kubectl/run-attach.ts): the attached run
// students use to test a Service from inside the cluster — output, `pod "x" deleted`, the exit
// code of a failed pod, RunOptions' client-side checks (also checked against the real kubectl
// when it is installed) — and the debug images it is usually done with.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const run = (script: string, files: Record<string, string> = {}) => replayK8s(script, files, "attach");



const SETUP = "kubectl create deployment web --image=nginx\nkubectl expose deployment web --port=80\n";

describe("kubectl run attached", () => {
  it("prints the pod's output, then deletes it with --rm", () => {
    const r = run(SETUP + [
      "kubectl run tmp --image=busybox --rm -it --restart=Never -- wget -qO- http://web",
      "kubectl get pods -o name",
      "kubectl run c --image=curlimages/curl -it --rm --restart=Never -- curl -s -o /dev/null -w '%{http_code}' web.default.svc.cluster.local",
      "kubectl run c2 --image=curlimages/curl -it --rm --restart=Never -- http://web/nope",
      "kubectl run later --image=busybox -i --rm --restart=Never -- sh -c 'sleep 5; echo later'",
    ].join("\n"));
    expect(r.out[2]).toMatch(/<h1>Welcome to nginx!<\/h1>[\s\S]*<\/html>\npod "tmp" deleted\n$/);
    expect(r.code[2]).toBe(0);
    expect(r.err[2]).toBe("");
    expect(r.out[3]).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    // curl's -w output has no newline, and kubectl prints its notice right after it (`200pod "c" deleted`).
    expect(r.out[4]).toBe('200pod "c" deleted\n');
    expect(r.out[5]).toMatch(/<title>404 Not Found<\/title>[\s\S]*pod "c2" deleted\n$/);
    expect(r.out[6]).toBe('later\npod "later" deleted\n');
  });

  it("a failed pod sets the exit code; a pod that never runs times out", () => {
    const r = run([
      "kubectl run oops --image=busybox --rm -it --restart=Never -- sh -c 'echo oops; exit 3'",
      "kubectl run typo --image=nginx:latets -it --rm --restart=Never -- echo x",
      "kubectl run keep --image=busybox -i --restart=Never -- echo kept",
      "kubectl get pod keep --no-headers",
    ].join("\n"));
    expect(r.out[0]).toBe('oops\npod "oops" deleted\n');
    expect(r.err[0]).toBe("pod default/oops terminated (Error)\n");
    expect(r.code[0]).toBe(3);
    expect(r.out[1]).toBe('pod "typo" deleted\n');
    expect(r.err[1]).toBe("error: timed out waiting for the condition\n");
    expect(r.out[2]).toBe("kept\n");
    expect(r.out[3]).toMatch(/^keep +0\/1 +Completed /);
  });

  const K = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
  const usage = [
    ["kubectl run tmp5 --image=busybox --rm -- echo x", "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"],
    ["kubectl run tmp6 --image=busybox -t -- echo x", "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n"],
    ["kubectl run tmp7 --image=busybox -it --rm --dry-run=client -- echo x", "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n"],
  ];
  it("refuses what RunOptions refuses before any request", () => {
    for (const [cmd, want] of usage) {
      const r = run(cmd!);
      expect(r.err[0]).toBe(want);
      expect(r.code[0]).toBe(1);
    }
  });
  it.skipIf(!existsSync(K))("matches the real kubectl 1.30 on those checks", () => {
    for (const [cmd] of usage) {
      let stderr = "";
      try {
        execFileSync(K, cmd!.split(" ").slice(1), { env: { ...process.env, KUBECONFIG: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] });
      } catch (e) {
        stderr = String((e as { stderr?: Buffer }).stderr ?? "");
      }
      expect(run(cmd!).err[0]).toBe(stderr.split("\n").filter((l) => !/memcache\.go|couldn't get current server/.test(l)).join("\n"));
    }
  });
});

describe("kubectl logs picks the first container", () => {
  it("and says so when the pod has init containers too", () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: setup, image: busybox, command: [echo, ready]}]\n  containers: [{name: app, image: busybox, command: [sh, -c, 'echo up; sleep 3600']}]\n";
    const r = run("kubectl apply -f p.yaml\nkubectl logs p\nkubectl logs p -c setup", { "p.yaml": pod });
    expect(r.out[1]).toBe("up\n");
    expect(r.err[1]).toBe('Defaulted container "app" out of: app, setup (init)\n');
    expect(r.out[2]).toBe("ready\n");
    expect(r.err[2]).toBe("");
  });
});
