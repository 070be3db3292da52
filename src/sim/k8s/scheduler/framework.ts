// Mirrors k8s.io/kubernetes/pkg/scheduler/framework: the plugin interfaces, the typed Status a
// filter returns (reasons derived from structured data, formatted in one place by FitError),
// and NodeInfo, the scheduler's per-node aggregate of the pods bound to it.

import type { Node, Pod } from "../controllers/model";

export type StatusCode = "Success" | "Unschedulable" | "UnschedulableAndUnresolvable";

/** A filter rejection: the plugin, the code (decides preemption's verdict) and the reasons. */
export interface Status {
  code: Exclude<StatusCode, "Success">;
  plugin: string;
  reasons: string[];
}

/** Requested resources in scheduler units: milli-CPU, bytes, pod count, extended by name. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  scalar: Record<string, number>;
}

export const emptyResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: {} });

export interface NodeInfo {
  node: Node;
  name: string;
  allocatable: Resources;
  /** Σ requests of the non-terminal pods bound here. */
  requested: Resources;
  /** Σ requests with the scoring defaults (100m / 200Mi) for containers without requests. */
  nonZeroRequested: { milliCPU: number; memory: number };
  podCount: number;
  /** "proto/hostIP/port" of host ports in use. */
  usedPorts: Set<string>;
  /** Active pods per controller-owner uid (default topology spreading). */
  ownerCounts: Map<string, number>;
}

/** What a pod asks for, computed once per scheduling attempt. */
export interface PodInfo {
  pod: Pod;
  requests: Resources;
  nonZero: { milliCPU: number; memory: number };
  hostPorts: string[];
  ownerUid?: string;
}

export interface FilterPlugin {
  readonly name: string;
  filter(pod: PodInfo, node: NodeInfo): Status | undefined;
}

export interface ScoreContext {
  /** Per-plugin data computed over the feasible nodes (e.g. the max owner count). */
  readonly feasible: NodeInfo[];
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Raw scores for every feasible node, already normalized to 0–100 (NormalizeScore folded in). */
  score(pod: PodInfo, nodes: NodeInfo[]): number[];
}

export const MAX_NODE_SCORE = 100;

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: "Unschedulable", plugin, reasons };
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: "UnschedulableAndUnresolvable", plugin, reasons };
}
