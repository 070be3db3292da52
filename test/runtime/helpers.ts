// Shared helpers for the runtime tests: images by reference, the virtual clock, and a minimal
// kubelet probe loop (initial delay, period, failure threshold) as kubernetes.md §13.5 describes.

import { type ImageFacts, resolveImage } from "../../src/sim/images";
import { type ContainerProcess, type ProbeHandler, runProbe, startContainer, type StartContainerOptions } from "../../src/sim/runtime";

export const T0 = Date.UTC(2024, 0, 10);
export const at = (seconds: number): number => T0 + seconds * 1000;

export function image(ref: string): ImageFacts {
  const r = resolveImage(ref);
  if (!r.ok) throw new Error(`${ref}: ${r.reason}`);
  return r.image;
}

export function run(ref: string, options: Partial<StartContainerOptions> = {}): ContainerProcess {
  return startContainer({ image: image(ref), startTime: T0, ...options });
}

export const texts = (p: ContainerProcess): string[] => p.logs().map((l) => l.text);

export interface ProbeSpec {
  initialDelaySeconds: number;
  periodSeconds: number;
  failureThreshold?: number;
}

/** Probes every period until the failure threshold is reached; returns each result and when it tripped. */
export function probeUntilFailure(proc: ContainerProcess, handler: ProbeHandler, spec: ProbeSpec, maxSeconds = 120) {
  const results: [number, boolean][] = [];
  let failures = 0;
  for (let t = spec.initialDelaySeconds; t <= maxSeconds; t += spec.periodSeconds) {
    proc.advanceTo(at(t));
    const r = runProbe(proc, handler, "10.244.1.5");
    results.push([t, r.success]);
    failures = r.success ? 0 : failures + 1;
    if (failures >= (spec.failureThreshold ?? 3)) return { trippedAt: t, message: r.message, results };
  }
  return { trippedAt: undefined, message: "", results };
}
