// `kubectl autoscale (-f FILE | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS
// [--cpu-percent=CPU] [--name=NAME]` (kubectl/pkg/cmd/autoscale, v1.30): an autoscaling/v1
// HorizontalPodAutoscaler per target that has a scale subresource (the API server stores it as
// v2, converting --cpu-percent into a cpu Utilization metric). Prints
// `horizontalpodautoscaler.autoscaling/web autoscaled`.

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { StatusError, renderStatusError } from "../api/errors";
import { kindInfo } from "../api/kinds";
import { toVersion } from "../api/conversion";
import type { KObject } from "../store";
import { dryRunMode, dryRunSuffix } from "./apply";
import { fail, namespaceOf, server, type KubectlContext } from "./common";
import { forServer } from "./generators";
import { objectsFor } from "./label";
import { outputRequested, parseOutput, templateSource, printStructured } from "./output";
import { SCALABLE } from "./workload-verbs";


export function runAutoscale(ctx: KubectlContext, inv: Invocation): ExecResult {
  // kubectl 1.30 marks --max required: cobra refuses the command before it runs.
  if (!inv.flags.changed("max")) fail('error: required flag(s) "max" not set');
  const max = inv.flags.int("max");
  const min = inv.flags.int("min");
  if (max < 1) fail(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) fail(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  let targets: KObject[];
  try {
    targets = objectsFor(ctx, inv, inv.args);
  } catch (e) {
    if (e instanceof StatusError) fail(renderStatusError(e));
    throw e;
  }
  const mode = dryRunMode(inv);
  const fmt = outputRequested(inv) ? parseOutput(inv.flags.str("output"), false, templateSource(ctx, inv)) : undefined;
  const cpu = inv.flags.int("cpu-percent");
  let stdout = "";
  for (const t of targets) {
    const info = kindInfo(t.kind)!;
    if (!SCALABLE.has(t.kind)) {
      fail(`error: cannot autoscale a ${t.kind}: could not find scale subresource for ${info.group}/${info.version}, Resource=${info.resource} in discovery information`, stdout);
    }
    const hpa: Record<string, any> = {
      kind: "HorizontalPodAutoscaler", apiVersion: "autoscaling/v1",
      metadata: { name: inv.flags.str("name") || t.metadata.name, creationTimestamp: null },
      spec: {
        scaleTargetRef: { kind: t.kind, name: t.metadata.name, apiVersion: info.group ? `${info.group}/${info.version}` : info.version },
        ...(min > 0 ? { minReplicas: min } : {}),
        maxReplicas: max,
        ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    };
    if (mode === "client") {
      stdout += fmt ? printStructured([hpa as KObject], fmt, true) : `horizontalpodautoscaler.autoscaling/${hpa.metadata.name} autoscaled (dry run)\n`;
      continue;
    }
    try {
      const r = server(ctx).api.create(forServer(hpa), namespaceOf(inv), { dryRun: mode === "server" });
      // The request was autoscaling/v1: the server answers in that version.
      stdout += fmt ? printStructured([toVersion(r.obj, hpa.apiVersion)], fmt, true) : `horizontalpodautoscaler.autoscaling/${r.obj.metadata.name} autoscaled${dryRunSuffix(mode)}\n`;
    } catch (e) {
      if (e instanceof StatusError) fail(renderStatusError(e), stdout);
      throw e;
    }
  }
  if (!targets.length) fail("error: no objects passed to autoscale", stdout);
  return { exitCode: 0, stdout, stderr: "" };
}
