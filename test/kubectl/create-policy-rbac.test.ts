// `kubectl create priorityclass|poddisruptionbudget|role|clusterrole|rolebinding|clusterrolebinding
// |token` (checked byte for byte against the real kubectl 1.30 when installed, for everything it
// decides without a server), the API server's validation of those kinds, the disruption
// controller's PDB status and `kubectl drain` going through the Eviction API.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replayK8s } from "../k8s-controllers/replay";

const run = (script: string, files: Record<string, string> = {}) => replayK8s(script, files, "policy");

const K = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
/** Decided by the client alone (no discovery): the real binary runs them without a server. */
const ORACLE_CASES = [
  "pc hi --value=7 --global-default --description=d --preemption-policy=Never --dry-run=client -o json",
  "priorityclass hi --value=1000 --dry-run=client -o yaml",
  "pc hi --value=abc --dry-run=client",
  "pc hi --value=3000000000 --dry-run=client",
  "pc a b --dry-run=client",
  "pc hi --dry-run=client -o name",
  "pdb p --selector=app=web,tier=a --min-available=50% -n foo --dry-run=client -o json",
  "pdb p --selector=app=web --max-unavailable=1 --dry-run=client -o yaml",
  "pdb p --selector=app_in_(b,a),x,!y --max-unavailable=1 --dry-run=client -o json",
  "pdb --dry-run=client -o yaml",
  "pdb p --dry-run=client",
  "pdb p --selector=a=b --dry-run=client",
  "pdb p --selector=a=b --min-available=1 --max-unavailable=1 --dry-run=client",
  "pdb p --selector=a=b --min-available=1x --dry-run=client",
  "pdb p --selector=a!=b --min-available=1 --dry-run=client",
  "pdb p --selector=a>1 --min-available=1 --dry-run=client",
  "role r --verb=get,list,get --resource=* --resource-name=a --resource-name=a -n x --dry-run=client -o json",
  "role r --dry-run=client",
  "role r --verb=get --dry-run=client",
  "role r --verb=get --resource=.apps --dry-run=client",
  "clusterrole c --verb=get,foo --non-resource-url=/logs/* --dry-run=client -o yaml",
  "clusterrole c --aggregation-rule=a=b,c=d --dry-run=client -o yaml",
  "clusterrole c --aggregation-rule=ab --dry-run=client",
  "clusterrole c --verb=get --dry-run=client",
  "clusterrole c --aggregation-rule=a=b --verb=get --dry-run=client",
  "clusterrole c --verb=get --non-resource-url=/a*b --dry-run=client",
  "clusterrole c --verb=get --non-resource-url=* --non-resource-url=/h --non-resource-url=/h --dry-run=client -o json",
  "clusterrolebinding b --clusterrole=view --user=bob --group=g1 --serviceaccount=default:sa --dry-run=client -o yaml",
  "clusterrolebinding b --dry-run=client",
  "clusterrolebinding b --clusterrole=x --serviceaccount=:sa --dry-run=client",
  "rolebinding b --role=view --user=bob --serviceaccount=default:sa --dry-run=client -o json -n ns1",
  "rolebinding b --dry-run=client",
  "rolebinding b --role=a --clusterrole=b --dry-run=client",
  "token",
  "token sa --duration=1500ms",
  "token sa --bound-object-kind=Node",
  "token sa --bound-object-kind=Pod",
];

describe("kubectl create: the generators kubectl 1.30 has", () => {
  it.skipIf(!existsSync(K))("print and refuse what the real kubectl 1.30 prints", () => {
    for (const c of ORACLE_CASES) {
      const args = c.split(" ").map((a) => a.replace(/_/g, " "));
      let real: string;
      try {
        real = execFileSync(K, ["create", ...args], { env: { ...process.env, KUBECONFIG: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] }).toString();
      } catch (e) {
        real = String((e as { stderr?: Buffer }).stderr ?? "");
      }
      const quoted = args.map((a) => `'${a}'`).join(" ");
      const r = run(`kubectl create ${quoted}`);
      expect(r.out[0] + r.err[0], c).toBe(real);
    }
    // Dozens of real kubectl processes, one after the other: seconds on a busy machine.
  }, 60_000);

  it("resolves --resource against discovery and stores the rules", () => {
    const r = run([
      "kubectl create role reader --verb=get,list --resource=pods,deploy,deployments.apps,pods/log,sts.app",
      "kubectl get role reader -o jsonpath='{range .rules[*]}{.apiGroups[0]}:{.resources}{\"\\n\"}{end}'",
      "kubectl create role bad --verb=get --resource=rs.extensions",
      "kubectl create role bad --verb=get --resource=foo",
      "kubectl create role bad --verb=use --resource=pods",
      "kubectl create role odd --verb=fly --resource=pods --dry-run=client -o name",
      "kubectl get roles",
    ].join("\n"));
    expect(r.out[0]).toBe("role.rbac.authorization.k8s.io/reader created\n");
    expect(r.out[1]).toBe(':["pods","pods/log"]\napps:["deployments","statefulsets"]\n');
    expect(r.err[2]).toBe('the server doesn\'t have a resource type "rs" in group "extensions"\n');
    expect(r.err[3]).toBe('the server doesn\'t have a resource type "foo"\n');
    expect(r.err[4]).toBe("error: can not perform 'use' on 'pods' in group ''\n");
    expect(r.err[5]).toBe("Warning: 'fly' is not a standard resource verb\n");
    expect(r.out[5]).toBe("role.rbac.authorization.k8s.io/odd\n");
    expect(r.out[6]).toMatch(/^NAME +CREATED AT\nreader +20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
  });

  it("creates bindings, priority classes and tokens through the API server", () => {
    const r = run([
      "kubectl create rolebinding rb --clusterrole=view --user=jane --serviceaccount=default:default",
      "kubectl get rolebinding rb -o wide",
      "kubectl create pc high --value=1000 --global-default",
      "kubectl create pc other --value=5 --global-default",
      "kubectl create pc huge --value=2000000000",
      "kubectl get pc high -o jsonpath='{.preemptionPolicy}'",
      "kubectl create token default --duration=1h",
      "kubectl create token nobody",
      "kubectl create token default --duration=5m",
    ].join("\n"));
    expect(r.out[0]).toBe("rolebinding.rbac.authorization.k8s.io/rb created\n");
    expect(r.out[1]).toMatch(/^NAME +ROLE +AGE +USERS +GROUPS +SERVICEACCOUNTS\nrb +ClusterRole\/view +0s +jane +default\/default\n$/);
    expect(r.err[3]).toBe('error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass high is already marked as default. Only one default can exist\n');
    expect(r.err[4]).toBe('error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n');
    expect(r.out[5]).toBe("PreemptLowerPriority");
    const [head, claims, sig] = r.out[6]!.split(".");
    expect(JSON.parse(Buffer.from(head!, "base64url").toString())).toMatchObject({ alg: "RS256" });
    expect(JSON.parse(Buffer.from(claims!, "base64url").toString())).toMatchObject({ sub: "system:serviceaccount:default:default", aud: ["https://kubernetes.default.svc.cluster.local"] });
    expect(sig).toHaveLength(342);
    expect(r.err[7]).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    expect(r.err[8]).toBe('error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n');
  });

  it("aggregates the rules of the cluster roles an aggregation rule selects", () => {
    const labelled = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: mon-pods\n  labels:\n    agg: \"true\"\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get]\n";
    const r = run([
      "kubectl create clusterrole monitoring --aggregation-rule=agg=true",
      "kubectl apply -f labelled.yaml",
      "kubectl get clusterrole monitoring -o jsonpath='{.rules[0].resources} {.rules[0].verbs}'",
    ].join("\n"), { "labelled.yaml": labelled });
    expect(r.out[2]).toBe('["pods"] ["get"]');
  });

  it("validates budgets and RBAC objects on the server", () => {
    const pdb = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: bad\nspec:\n  minAvailable: 1\n  maxUnavailable: 150%\n";
    const rb = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: crb\nroleRef:\n  kind: Role\n  name: x\nsubjects:\n- kind: ServiceAccount\n  name: sa\n";
    const r = run("kubectl apply -f pdb.yaml\nkubectl apply -f rb.yaml", { "pdb.yaml": pdb, "rb.yaml": rb });
    expect(r.err[0]).toContain("* spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0x");
    expect(r.err[0]).toContain(": minAvailable and maxUnavailable cannot be both set\n* spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%\n");
    expect(r.err[1]).toBe('The ClusterRoleBinding "crb" is invalid: \n* roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"\n* subjects[0].namespace: Required value\n');
  });
});

describe("PodDisruptionBudgets: status and drain", () => {
  it("keeps the budget's status as pods come and go", () => {
    const r = run([
      "kubectl create deployment web --image=nginx --replicas=3",
      "kubectl create pdb web --selector=app=web --min-available=2",
      "kubectl create pdb half --selector=app=web --max-unavailable=50%",
      "kubectl create pdb none --selector=app=none --min-available=1",
      "kubectl get pdb",
      "kubectl get pdb web -o jsonpath='{.status.conditions[0].reason} {.status.observedGeneration}'",
      "kubectl scale deploy web --replicas=2",
      "kubectl get pdb web -o jsonpath='{.status.currentHealthy}/{.status.desiredHealthy} {.status.disruptionsAllowed} {.status.conditions[0].reason}'",
      "kubectl describe pdb none",
    ].join("\n"));
    expect(r.out[4]).toBe(
      "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n" +
      "half   N/A             50%               2                     0s\n" +
      "none   1               N/A               0                     0s\n" +
      "web    2               N/A               1                     0s\n",
    );
    expect(r.out[5]).toBe("SufficientPods 1");
    expect(r.out[7]).toBe("2/2 0 InsufficientPods");
    expect(r.out[8]).toContain("Normal  NoPods  0s    controllermanager  No matching pods found");
  });

  it("drain evicts what the budget allows and retries what it does not, until --timeout", () => {
    const r = run([
      "kubectl create deployment web --image=nginx --replicas=1",
      "kubectl create pdb web --selector=app=web --min-available=1",
      "kubectl drain node01 --ignore-daemonsets --timeout=12s",
      "kubectl get pods -l app=web --no-headers -o custom-columns=N:.spec.nodeName",
      "kubectl get pdb web -o jsonpath='{.status.disruptionsAllowed}'",
      "kubectl delete pdb web",
      "kubectl drain node01 --ignore-daemonsets --timeout=60s",
    ].join("\n"));
    const pod = /evicting pod default\/(web-\S+)/.exec(r.out[2]!)![1]!;
    const blocked = `error when evicting pods/"${pod}" -n "default"`;
    expect(r.code[2]).toBe(1);
    expect(r.out[2]).toBe(`node/node01 cordoned\n${`evicting pod default/${pod}\n`.repeat(4)}`);
    expect(r.err[2]).toBe(
      "Warning: ignoring DaemonSet-managed Pods: " + /kube-system\/kube-proxy-\S+/.exec(r.err[2]!)![0] + "\n" +
      `${blocked} (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`.repeat(3) +
      `There are pending pods in node "node01" when an error occurred: ${blocked}: global timeout reached: 12s\npod/${pod}\n` +
      `error: unable to drain node "node01" due to error:${blocked}: global timeout reached: 12s, continuing command...\n` +
      "There are pending nodes to be drained:\n node01\n" +
      `${blocked}: global timeout reached: 12s\n`,
    );
    expect(r.out[3]).toBe("node01\n");
    expect(r.out[4]).toBe("0");
    expect(r.code[6]).toBe(0);
    expect(r.out[6]).toBe(`node/node01 already cordoned\nevicting pod default/${pod}\npod/${pod} evicted\nnode/node01 drained\n`);
  });

  it("drain --disable-eviction deletes without asking the budget", () => {
    const r = run([
      "kubectl create deployment web --image=nginx --replicas=1",
      "kubectl create pdb web --selector=app=web --min-available=1",
      "kubectl drain node01 --ignore-daemonsets --disable-eviction --timeout=30s",
    ].join("\n"));
    expect(r.code[2]).toBe(0);
    expect(r.out[2]).toMatch(/^node\/node01 cordoned\npod\/web-\S+ deleted\nnode\/node01 drained\n$/);
  });
});
