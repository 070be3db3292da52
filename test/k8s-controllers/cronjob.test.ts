// The CronJob controller and its schedule parser (src/sim/k8s/controllers/cronjob.ts,
// cron-schedule.ts), replayed through kubectl: a Job per scheduled minute named after it,
// history limits, Forbid, time zones, `create job --from=cronjob/…`, and robfig/cron's errors.
import { describe, expect, it } from "vitest";
import { replayK8s } from "./replay";

const run = (script: string, files: Record<string, string> = {}) => replayK8s(script, files, "cron");
import { parseCron } from "../../src/sim/k8s/controllers/cron-schedule";



const at = (iso: string) => Date.parse(iso);
const next = (spec: string, from: string, tz?: string) => new Date(parseCron(spec, tz).next(at(from))!).toISOString();

describe("cron schedules (robfig/cron ParseStandard)", () => {
  it("computes the next run like cron", () => {
    expect(next("*/15 * * * *", "2024-01-10T00:07:00Z")).toBe("2024-01-10T00:15:00.000Z");
    expect(next("0 9 * * 1-5", "2024-01-12T10:00:00Z")).toBe("2024-01-15T09:00:00.000Z"); // Friday → Monday
    expect(next("@monthly", "2024-01-10T00:00:00Z")).toBe("2024-02-01T00:00:00.000Z");
    expect(next("30 2 1 * mon", "2024-01-10T00:00:00Z")).toBe("2024-01-15T02:30:00.000Z"); // either day field matches
    expect(next("5/20 * * * *", "2024-01-10T00:06:00Z")).toBe("2024-01-10T00:25:00.000Z");
    expect(next("0 9 * * *", "2024-07-01T00:00:00Z", "Europe/Paris")).toBe("2024-07-01T07:00:00.000Z");
  });
  it("refuses what the parser refuses, with its messages", () => {
    const err = (spec: string) => { try { parseCron(spec); return ""; } catch (e) { return (e as Error).message; } };
    expect(err("* * *")).toBe("expected exactly 5 fields, found 3: [* * *]");
    expect(err("61 * * * *")).toBe("end of range (61) above maximum (59): 61");
    expect(err("* * * * 7")).toBe("end of range (7) above maximum (6): 7");
    expect(err("5-1 * * * *")).toBe("beginning of range (5) beyond end of range (1): 5-1");
    expect(err("x * * * *")).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(err("*/0 * * * *")).toBe("step of range should be a positive number: */0");
    expect(err("@fortnightly")).toBe("unrecognized descriptor: @fortnightly");
  });
});

describe("CronJob controller", () => {
  it("creates <name>-<minutes> jobs on schedule and keeps three successful ones", () => {
    const r = run([
      'kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" -- echo hello',
      "sleep 60",
      "kubectl get cronjob,jobs",
      "sleep 240",
      "kubectl get jobs -o name",
      "kubectl logs job/hello-28414085",
      "kubectl describe cronjob hello | grep -E 'SawCompletedJob|SuccessfulDelete' | tail -2",
      "kubectl get job hello-28414085 -o jsonpath='{.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}'",
    ].join("\n"));
    expect(r.out[2]).toMatch(/^NAME +SCHEDULE +TIMEZONE +SUSPEND +ACTIVE +LAST SCHEDULE +AGE\ncronjob\.batch\/hello +\*\/1 \* \* \* \* +<none> +False +0 +0s +60s\n\nNAME +STATUS +COMPLETIONS +DURATION +AGE\njob\.batch\/hello-28414081 +Complete +1\/1 /);
    expect(r.out[4]).toBe("job.batch/hello-28414083\njob.batch/hello-28414084\njob.batch/hello-28414085\n");
    expect(r.out[5]).toBe("hello\n");
    expect(r.out[6]).toMatch(/Saw completed job: hello-28414085, status: Complete\n.*Deleted job hello-28414082\n$/);
    expect(r.out[7]).toBe("2024-01-10T00:05:00Z");
  });

  it("Forbid skips a run while one is active; create job --from copies the template", () => {
    const r = run([
      'kubectl create cronjob slow --image=busybox --schedule="*/1 * * * *" -- sleep 90',
      "kubectl patch cj slow -p '{\"spec\":{\"concurrencyPolicy\":\"Forbid\"}}'",
      "sleep 120",
      "kubectl get jobs -o name",
      "kubectl get events --field-selector reason=JobAlreadyActive -o custom-columns=M:.message --no-headers",
      "kubectl create job manual --from=cronjob/slow",
      "kubectl get job manual -o jsonpath='{.metadata.annotations} {.metadata.ownerReferences[0].kind}'",
      "kubectl create job m2 --from=deploy/x",
      "kubectl create job m3 --from=cronjob/slow --image=busybox",
    ].join("\n"));
    expect(r.out[3]).toBe("job.batch/slow-28414081\n");
    expect(r.out[4]).toBe("Not starting job because prior execution is running and concurrency policy is Forbid\n");
    expect(r.out[6]).toBe('{"cronjob.kubernetes.io/instantiate":"manual"} CronJob');
    expect(r.err[7]).toBe("error: unknown object type Deployment\n");
    expect(r.err[8]).toBe("error: either --image or --from must be specified\n");
  });

  it("validates schedule and time zone as a v1.30 API server does", () => {
    const r = run([
      'kubectl create cronjob bad --image=busybox --schedule="* * *"',
      'kubectl create cronjob tz --image=busybox --schedule="TZ=UTC 0 * * * *"',
      'kubectl create cronjob ok --image=busybox --schedule="0 9 * * *"',
      "kubectl patch cj ok -p '{\"spec\":{\"timeZone\":\"Mars/Olympus\"}}'",
    ].join("\n"));
    expect(r.err[0]).toBe('error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]\n');
    expect(r.err[1]).toContain('spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    expect(r.err[3]).toBe('The CronJob "ok" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus\n');
  });
});
