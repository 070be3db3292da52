// Mirrors pkg/apis/autoscaling/validation validateHorizontalPodAutoscalerSpec for the fields a
// student writes: the replica bounds (minReplicas ≥ 1 without the HPAScaleToZero gate) and the
// scale target reference.

import { invalid, required, type FieldError } from "../errors";
import { isValidPathSegmentName } from "./names";

type Obj = Record<string, any>;

export function validateHorizontalPodAutoscaler(o: Obj): FieldError[] {
  const s = (o.spec ?? {}) as Obj;
  const out: FieldError[] = [];
  const min = typeof s.minReplicas === "number" ? s.minReplicas : undefined;
  const max = typeof s.maxReplicas === "number" ? s.maxReplicas : 0;
  if (min !== undefined && min < 1) out.push(invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
  if (max < 1) out.push(invalid("spec.maxReplicas", max, "must be greater than 0"));
  if (min !== undefined && max < min) out.push(invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
  const ref = (s.scaleTargetRef ?? {}) as Obj;
  for (const k of ["kind", "name"]) {
    const v = ref[k];
    if (!v) out.push(required(`spec.scaleTargetRef.${k}`, ""));
    else for (const m of isValidPathSegmentName(String(v))) out.push(invalid(`spec.scaleTargetRef.${k}`, v, m));
  }
  return out;
}
