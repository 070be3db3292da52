// get --sort-by across several responses: the table printer (one server Table per type listed or
// name got) fails to find the field ("couldn't find any field with path …"), as kubectl 1.30 does
// (kubernetes#104318); the other printers sort every object together, whatever its kind.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const SETUP = "kubectl create deployment web --image=nginx\nkubectl expose deployment web --port=80\nsim advance 30s";

function replay(extra: string) {
  const steps = new Session({ seed: "sort" }).run(`${SETUP}\n${extra}`, { allowSim: true });
  const s = steps[steps.length - 1]!;
  return { stdout: s.stdout, stderr: s.stderr, exit: s.exitCode };
}

describe("get --sort-by with several kinds", () => {
  test("tables fail; -o name sorts across kinds", () => {
    expect(replay("kubectl get svc,deploy --sort-by=.metadata.name")).toEqual({ stdout: "", stderr: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n', exit: 1 });
    expect(replay("kubectl get svc,deploy --sort-by=.metadata.name -o name").stdout).toBe("service/kubernetes\nservice/web\ndeployment.apps/web\n");
    expect(replay("kubectl get svc --sort-by=.metadata.name --no-headers").exit).toBe(0);
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints (server-side tables)", async () => {
    const { session } = replayNow(SETUP);
    for (const args of [
      ["get", "svc,deploy", "--sort-by=.metadata.name"],
      ["get", "pods,ds", "--sort-by=.metadata.name"],
      ["get", "ns", "default", "kube-system", "--sort-by=.metadata.name"],
      ["get", "ns", "default", "--sort-by=.metadata.name"],
      ["get", "svc,deploy", "--sort-by=.metadata.name", "-o", "name"],
      ["get", "pods,deploy", "--sort-by=.metadata.name", "-o", "custom-columns=N:.metadata.name"],
    ]) {
      const r = await realKubectl(session, args, {}, { tables: true });
      const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stdout: step!.stdout, stderr: step!.stderr, exit: step!.exitCode }).toEqual({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
    }
  }, 60_000);
});
