// kubectl create|run|expose print the server's answer as the typed client decodes it: JSON keys
// in Go struct order (kind first; a Deployment's strategy after its template; a projected
// volume's sources before defaultMode). Compared with kubectl 1.30 on a server dry run answered
// by the stub API server; what only a real dry run fills in (uid, creationTimestamp,
// generation) and the random names are normalised away.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

describe("typed answers", () => {
  test("create deployment -o json keeps struct order", () => {
    const [step] = new Session({ seed: "typed" }).run("kubectl create deployment web --image=nginx -o json", { allowSim: true });
    const keys = [...step!.stdout.matchAll(/^ {4}"(\w+)"/gm)].map((m) => m[1]);
    expect(keys).toEqual(["kind", "apiVersion", "metadata", "spec", "status"]);
    expect(step!.stdout.indexOf('"template"')).toBeLessThan(step!.stdout.indexOf('"strategy"'));
  });

  test.skipIf(!hasKubectl)("prints what kubectl 1.30 prints", async () => {
    const { session } = replayNow("kubectl create deployment existing --image=nginx");
    const norm = (s: string) =>
      s.replace(/^ *"(uid|generation|creationTimestamp)": [^\n]*\n/gm, "").replace(/^ *(uid|generation|creationTimestamp): [^\n]*\n/gm, "")
        .replace(/kube-api-access-[a-z0-9]{5}/g, "kube-api-access-X").replace(/10\.\d+\.\d+\.\d+/g, "IP").replace(/,(\n\s*[}\]])/g, "$1");
    for (const args of [
      ["create", "deployment", "web2", "--image=nginx", "--dry-run=server", "-o", "json"],
      ["run", "p", "--image=nginx", "--dry-run=server", "-o", "json"],
      ["create", "service", "clusterip", "s2", "--tcp=80", "--dry-run=server", "-o", "json"],
      ["create", "configmap", "c2", "--from-literal=a=1", "--dry-run=server", "-o", "json"],
      ["create", "namespace", "n2", "--dry-run=server", "-o", "json"],
    ]) {
      const r = await realKubectl(session, args, {}, { dryRunWrites: true });
      const [step] = session.run("kubectl " + args.map((a) => `'${a}'`).join(" "), { allowSim: true });
      expect({ args, stdout: norm(step!.stdout), exit: step!.exitCode }).toEqual({ args, stdout: norm(r.stdout), exit: r.status });
    }
  }, 60_000);
});
