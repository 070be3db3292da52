// Mirrors describeHorizontalPodAutoscalerV2 in describe.go (kubectl 1.30): kubectl reads the
// autoscaling/v2 form (an autoscaling/v1 CPU target reads as a cpu Resource metric), one line per
// metric under `Metrics: ( current / target )`, the behavior when set, the target's pods and the
// conditions. Spread into kinds.ts's registry.

import { canonicalQuantity } from "../../api/quantity";
import { hpaMetrics } from "../printers/cluster-tables";
import { events, header, type Describer } from "./common";
import { rfc1123z, writeAnnotations, writeMap, type DescribeWriter, type Obj } from "./writer";

/** A *Quantity's String(): `<nil>` for an unset one. */
const q = (v: unknown) => (v === undefined || v === null ? "<nil>" : canonicalQuantity(v as string));

function writeMetric(w: DescribeWriter, m: Obj, st: Obj | undefined): void {
  switch (m.type) {
    case "External": {
      const t = m.external?.target ?? {};
      const name = JSON.stringify(m.external?.metric?.name ?? "");
      if (t.averageValue !== undefined) {
        const cur = st?.external?.current?.averageValue !== undefined ? q(st.external.current.averageValue) : "<unknown>";
        w.write(1, `${name} (target average value):\t${cur} / ${q(t.averageValue)}`);
      } else {
        const cur = st?.external ? q(st.external.current?.value) : "<unknown>";
        w.write(1, `${name} (target value):\t${cur} / ${q(t.value)}`);
      }
      return;
    }
    case "Pods": {
      const cur = st?.pods ? q(st.pods.current?.averageValue) : "<unknown>";
      w.write(1, `${JSON.stringify(m.pods?.metric?.name ?? "")} on pods:\t${cur} / ${q(m.pods?.target?.averageValue)}`);
      return;
    }
    case "Object": {
      const o = m.object ?? {};
      const head = `"${o.metric?.name ?? ""}" on ${o.describedObject?.kind ?? ""}/${o.describedObject?.name ?? ""} `;
      if (o.target?.type === "AverageValue") {
        w.write(1, `${head}(target average value):\t${st?.object ? q(st.object.current?.averageValue) : "<unknown>"} / ${q(o.target.averageValue)}`);
      } else {
        w.write(1, `${head}(target value):\t${st?.object ? q(st.object.current?.value) : "<unknown>"} / ${q(o.target?.value)}`);
      }
      return;
    }
    case "Resource":
    case "ContainerResource": {
      const key = m.type === "Resource" ? "resource" : "containerResource";
      const r = m[key] ?? {};
      const cur = st?.[key];
      const head = m.type === "Resource" ? `resource ${r.name} on pods` : `resource ${r.name} of container "${r.container ?? ""}" on pods`;
      if (r.target?.averageValue !== undefined) {
        w.write(1, `${head}:\t${cur ? q(cur.current?.averageValue) : "<unknown>"} / ${q(r.target.averageValue)}`);
      } else {
        // Two writes at LEVEL_1: the second's two-space prefix lands mid-line.
        const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}% (${q(cur.current.averageValue)})` : "<unknown>";
        const target = r.target?.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : "<auto>";
        w.write(1, `${head}  (as a percentage of request):\t${current} / ${target}`);
      }
      return;
    }
  }
  w.write(1, `<unknown metric type ${JSON.stringify(m.type ?? "")}>`);
}

function writeBehavior(w: DescribeWriter, direction: string, rules: Obj | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds`);
  const policies = (rules.policies ?? []) as Obj[];
  if (policies.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? "Max"}`);
    w.write(2, "Policies:");
    for (const p of policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds`);
  }
}

const describeHPA: Describer = (cluster, o, w) => {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  header(w, o);
  writeMap(w, 0, "Labels:", o.metadata.labels);
  writeAnnotations(w, 0, o.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`);
  w.write(0, `Reference:\t${spec.scaleTargetRef?.kind ?? ""}/${spec.scaleTargetRef?.name ?? ""}`);
  w.write(0, "Metrics:\t( current / target )");
  const { specs, statuses } = hpaMetrics(o);
  specs.forEach((m, i) => writeMetric(w, m, statuses[i]));
  w.write(0, `Min replicas:\t${spec.minReplicas === undefined || spec.minReplicas === null ? "<unset>" : spec.minReplicas}`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}`);
  if (spec.behavior) {
    w.write(0, "Behavior:");
    writeBehavior(w, "Scale Up", spec.behavior.scaleUp);
    writeBehavior(w, "Scale Down", spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind ?? ""} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired`);
  const conds = (st.conditions ?? []) as Obj[];
  if (conds.length) {
    w.write(0, "Conditions:");
    w.write(1, "Type\tStatus\tReason\tMessage");
    w.write(1, "----\t------\t------\t-------");
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ""}\t${c.message ?? ""}`);
  }
  events(cluster, o, w);
};

export const AUTOSCALING_DESCRIBERS: Record<string, Describer> = { HorizontalPodAutoscaler: describeHPA };
