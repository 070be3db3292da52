// Mirrors pkg/apis/autoscaling/v2 defaults.go (v1.30): every HorizontalPodAutoscaler is stored as
// autoscaling/v2 (one written as autoscaling/v1 was converted first, conversion.ts); v2's
// defaults apply (minReplicas 1, cpu at 80% when no metric is given, and the scaling rules'
// defaults when a behavior is given).

type Obj = Record<string, any>;

/** autoscaling.DefaultCPUUtilization. */
const DEFAULT_CPU_UTILIZATION = 80;

const cpuUtilization = (pct: number): Obj => ({ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: pct } } });

/** defaultHPAScaleUpRules / defaultHPAScaleDownRules (scale-down leaves the window to the controller's flag). */
const scaleUpRules = (): Obj => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }],
});
const scaleDownRules = (): Obj => ({ selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });

/** copyHPAScalingRules: the set fields of `from` over the defaults. */
function scalingRules(from: Obj | undefined | null, defaults: Obj): Obj {
  if (!from || typeof from !== "object") return defaults;
  for (const k of ["selectPolicy", "stabilizationWindowSeconds", "policies"]) if (from[k] !== undefined && from[k] !== null) defaults[k] = from[k];
  return defaults;
}

export function defaultHorizontalPodAutoscaler(o: Obj): void {
  const s = (o.spec ??= {}) as Obj;
  if (s.minReplicas === undefined || s.minReplicas === null) s.minReplicas = 1;
  if (!Array.isArray(s.metrics) || s.metrics.length === 0) s.metrics = [cpuUtilization(DEFAULT_CPU_UTILIZATION)];
  if (s.behavior && typeof s.behavior === "object") {
    s.behavior.scaleUp = scalingRules(s.behavior.scaleUp, scaleUpRules());
    s.behavior.scaleDown = scalingRules(s.behavior.scaleDown, scaleDownRules());
  }
  // The registry strategy's PrepareForCreate empties the status; desiredReplicas and
  // currentMetrics have no omitempty, so a new HPA reads back with both.
  if (!o.status || typeof o.status !== "object") o.status = { currentMetrics: null, desiredReplicas: 0 };
}
