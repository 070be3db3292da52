// Timeline checks: reduce the events the simulators recorded (availability of a deployment,
// running tasks of a service, quorum, …) to one number, e.g. the fewest available replicas
// at any moment of a rolling update.

import type { SimEvent } from "../sim/world";

export interface TimelineSpec {
  source?: string;
  type: string;
  subject: string;
  field?: string;
  measure: "min" | "max" | "first" | "last" | "count";
}

/** The measure as text ("" when no event matched, so `expect` fails with "observed nothing"). */
export function measure(events: SimEvent[], spec: TimelineSpec): string {
  const picked = events.filter(
    (e) => e.type === spec.type && e.subject === spec.subject && (spec.source === undefined || e.source === spec.source),
  );
  if (spec.measure === "count") return String(picked.length);
  const values = picked
    .map((e) => (spec.field ? e.data?.[spec.field] : undefined))
    .filter((v): v is number => typeof v === "number");
  if (values.length === 0) return "";
  switch (spec.measure) {
    case "min": return String(Math.min(...values));
    case "max": return String(Math.max(...values));
    case "first": return String(values[0]);
    case "last": return String(values[values.length - 1]);
  }
}
