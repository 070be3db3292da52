// Audit 11: commands students type, replayed in the simulator and, where the real kubectl 1.30
// is installed, through the stub API server (stub-apiserver.ts): same stdout, stderr and exit.
// Each case also pins the expected text, so it holds without a kubectl binary.

import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";
import { hasKubectl, realKubectl, replayNow } from "./stub-apiserver";

const SETUP = [
  "kubectl create deployment web --image=nginx:1.25 --replicas=3",
  "kubectl create namespace dev",
  "kubectl run p1 --image=busybox -n dev --labels=app=p1,env=dev -- sleep 3600",
  "kubectl run p2 --image=nginx --labels=env=test",
  "kubectl create configmap cfg --from-literal=a=1 --from-literal=b=two",
].join("\n");

/** [argv, exit code, stdout, stderr] after SETUP. */
const CASES: [string[], number, string, string][] = [
  // create role/clusterrole --resource: the mapper's NoMatch, in cmdutil.CheckErr's words.
  [["create", "role", "r", "--verb=get", "--resource=foo"], 1, "", 'the server doesn\'t have a resource type "foo"\n'],
  [["create", "role", "r", "--verb=get", "--resource=rs.extensions"], 1, "", 'the server doesn\'t have a resource type "rs" in group "extensions"\n'],
  [["create", "clusterrole", "r", "--verb=get", "--resource=foo.apps"], 1, "", 'the server doesn\'t have a resource type "foo" in group "apps"\n'],
  // docker-registry's Validate error has no usage line.
  [["create", "secret", "docker-registry", "r", "--docker-username=u", "--dry-run=client", "-o", "yaml"], 1, "",
    "error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n"],
];

function sim(session: Session, args: string[]) {
  return session.run("kubectl " + args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" "), { allowSim: true })[0]!;
}

describe("audit 11: kubectl as students type it", () => {
  test.each(CASES)("kubectl %j", (args, exitCode, stdout, stderr) => {
    const session = new Session({ seed: "audit11" });
    session.run(SETUP, { allowSim: true });
    expect(sim(session, args)).toMatchObject({ exitCode, stdout, stderr });
  });
});

describe.skipIf(!hasKubectl)("audit 11: the real kubectl 1.30 agrees", () => {
  test("every case", async () => {
    const { session } = replayNow(SETUP);
    for (const [args] of CASES) {
      const r = await realKubectl(session, args);
      const s = sim(session, args);
      expect({ args, stdout: s.stdout, stderr: s.stderr, exit: s.exitCode }).toEqual({ args, stdout: r.stdout, stderr: r.stderr.replace(/^[WEI]\d{4} .*\n/gm, ""), exit: r.status });
    }
  }, 120_000);
});
