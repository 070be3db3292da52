// The Job controller and TTL-after-finished (src/sim/k8s/controllers/job.ts), replayed through
// kubectl: pods to completion, backoff between failed pods, deadlines, suspension, Indexed jobs,
// the server-generated selector and labels, and the Job validation a v1.30 API server applies.
import { describe, expect, it } from "vitest";
import { replayK8s } from "./replay";

const run = (script: string, files: Record<string, string> = {}) => replayK8s(script, files, "jobs");



const failing = `apiVersion: batch/v1
kind: Job
metadata:
  name: failing-job
spec:
  backoffLimit: 2
  template:
    spec:
      containers:
      - name: fail
        image: busybox
        command: ['sh', '-c', 'echo "Attempt failed"; exit 1']
      restartPolicy: Never
`;

describe("Job controller", () => {
  it("runs a pod to completion: Complete, 1/1, the pod Completed, logs through job/NAME", () => {
    const r = run("kubectl create job hello --image=busybox -- echo hi\nsleep 5\nkubectl get jobs,pods\nkubectl logs job/hello\nkubectl describe job hello");
    expect(r.out[2]).toMatch(/^NAME +STATUS +COMPLETIONS +DURATION +AGE\njob\.batch\/hello +Complete +1\/1 +0s +5s\n\nNAME +READY +STATUS +RESTARTS +AGE\npod\/hello-[a-z0-9]{5} +0\/1 +Completed +0 +5s\n$/);
    expect(r.out[3]).toBe("hi\n");
    expect(r.out[4]).toContain("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed");
    expect(r.out[4]).toMatch(/Normal  SuccessfulCreate  5s    job-controller  Created pod: hello-[a-z0-9]{5}\n  Normal  Completed         5s    job-controller  Job completed\n/);
  });

  it("generates the selector from the uid and labels the template, the Job and its pods", () => {
    const r = run("kubectl create job hello --image=busybox -- echo hi\nkubectl get job hello -o jsonpath='{.metadata.uid} {.spec.selector.matchLabels} {.metadata.labels.job-name}'\nkubectl get pods -l job-name=hello -o name\nkubectl get job hello -o jsonpath='{.status}'");
    const [uid, sel, name] = r.out[1]!.split(" ");
    expect(sel).toBe(`{"batch.kubernetes.io/controller-uid":"${uid}"}`);
    expect(name).toBe("hello");
    expect(r.out[2]).toMatch(/^pod\/hello-[a-z0-9]{5}\n$/);
    expect(JSON.parse(r.out[3]!)).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}, conditions: [{ type: "Complete", status: "True" }] });
    expect(JSON.parse(r.out[3]!).conditions[0].reason).toBeUndefined();
  });

  it("retries failed pods after 10 s, then 20 s, and fails past backoffLimit", () => {
    const r = run("kubectl apply -f fail.yaml\nsleep 9\nkubectl get pods --no-headers\nsleep 1\nkubectl get pods --no-headers\nsleep 20\nkubectl get job failing-job\nkubectl get events --field-selector involvedObject.kind=Job", { "fail.yaml": failing });
    expect(r.out[2]!.trim().split("\n")).toHaveLength(1);
    expect(r.out[4]!.trim().split("\n")).toHaveLength(2);
    expect(r.out[6]).toMatch(/failing-job +Failed +0\/1 +30s +30s\n/);
    expect(r.out[7]).toContain("Warning   BackoffLimitExceeded   job/failing-job   Job has reached the specified backoff limit");
  });

  it("keeps parallelism pods running until completions succeed, then a TTL deletes the Job and its pods", () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: par}
spec:
  completions: 5
  parallelism: 2
  ttlSecondsAfterFinished: 30
  template:
    spec:
      containers: [{name: w, image: busybox, command: ['sh', '-c', 'sleep 10']}]
      restartPolicy: OnFailure
`;
    const r = run("kubectl apply -f par.yaml\nkubectl get pods --no-headers\nsleep 12\nkubectl get job par --no-headers\nsleep 20\nkubectl get job par --no-headers\nsleep 30\nkubectl get jobs,pods", { "par.yaml": job });
    expect(r.out[1]!.trim().split("\n").map((l) => l.split(/ +/)[2])).toEqual(["Running", "Running"]);
    expect(r.out[3]).toMatch(/^par +Running +2\/5 +12s +12s\n$/);
    expect(r.out[5]).toMatch(/^par +Complete +5\/5 +30s +32s\n$/);
    expect(r.err[7]).toBe("No resources found in default namespace.\n");
  });

  it("suspends (deleting the active pod), fails at activeDeadlineSeconds, and runs Indexed pods with their index", () => {
    const r = run([
      "kubectl create job s --image=busybox -- sleep 100",
      "kubectl patch job s -p '{\"spec\":{\"suspend\":true}}'",
      "kubectl get job s --no-headers",
      "kubectl create job dl --image=busybox -- sleep 100",
      "kubectl patch job dl -p '{\"spec\":{\"activeDeadlineSeconds\":5}}'",
      "sleep 6",
      "kubectl get job dl -o jsonpath='{.status.conditions[0].reason} {.status.failed}'",
      "kubectl apply -f idx.yaml",
      "kubectl logs -l batch.kubernetes.io/job-completion-index=2",
      "kubectl get job idx -o jsonpath='{.status.completedIndexes}'",
    ].join("\n"), { "idx.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: idx}\nspec:\n  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n  template:\n    spec:\n      containers: [{name: w, image: busybox, command: [sh, -c, 'echo index $JOB_COMPLETION_INDEX on $(hostname)']}]\n      restartPolicy: Never\n" });
    expect(r.out[2]).toMatch(/^s +Suspended +0\/1 /);
    expect(r.out[6]).toBe("DeadlineExceeded 1");
    expect(r.out[8]).toBe("index 2 on idx-2\n");
    expect(r.out[9]).toBe("0-2");
  });

  it("a parallelism without completions is a work queue: done when one pod succeeded and none is active", () => {
    const wq = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: wq}\nspec:\n  parallelism: 3\n  template:\n    spec:\n      containers: [{name: c, image: busybox, command: [echo, hi]}]\n      restartPolicy: OnFailure\n";
    const r = run("kubectl apply -f wq.yaml\nkubectl get job wq --no-headers\nkubectl get job wq -o jsonpath='{.spec.completions}|{.spec.parallelism}'", { "wq.yaml": wq });
    expect(r.out[1]).toMatch(/^wq +Complete +3\/1 of 3 /);
    expect(r.out[2]).toBe("|3");
  });

  it("refuses what a v1.30 API server refuses", () => {
    const r = run([
      "kubectl create job bad --image=busybox --dry-run=client -o yaml > j.yaml",
      "sed -i 's/Never/Always/' j.yaml",
      "kubectl apply -f j.yaml",
      "kubectl apply -f sel.yaml",
    ].join("\n"), { "sel.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: sel}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: w, image: busybox}]\n      restartPolicy: Never\n" });
    expect(r.err[2]).toBe('The Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n');
    expect(r.err[3]).toMatch(/^The Job "sel" is invalid: spec\.selector: Invalid value: .*`selector` not auto-generated\n$/);
  });
});
