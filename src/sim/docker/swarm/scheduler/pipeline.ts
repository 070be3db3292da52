// Mirrors swarmkit's manager/scheduler/pipeline.go: runs a node through the enabled filters,
// counts each rejection under the first filter that failed, and explains the counts as the
// "no suitable node (…)" text: most failures first, pipeline order on ties.

import type { Task } from "../types";
import { DEFAULT_FILTERS, type Filter, type NodeInfo } from "./filters";

export const NO_SUITABLE_NODE = "no suitable node";

export class Pipeline {
  private active: Filter[] = [];
  private failures = new Map<Filter, number>();

  constructor(private readonly filters: readonly Filter[] = DEFAULT_FILTERS) {}

  setTask(task: Task): void {
    this.active = this.filters.filter((f) => f.enabled(task));
    this.failures = new Map();
  }

  process(task: Task, node: NodeInfo): boolean {
    for (const f of this.active) {
      if (!f.check(task, node)) {
        this.failures.set(f, (this.failures.get(f) ?? 0) + 1);
        return false;
      }
    }
    return true;
  }

  /** Structured reasons: filter name → rejected node count (pipeline order). */
  reasons(): { filter: string; nodes: number; text: string }[] {
    return this.active
      .filter((f) => (this.failures.get(f) ?? 0) > 0)
      .map((f) => ({ filter: f.name, nodes: this.failures.get(f)!, text: f.explain(this.failures.get(f)!) }));
  }

  explain(): string {
    return this.reasons()
      .map((r, i) => ({ ...r, i }))
      .sort((a, b) => b.nodes - a.nodes || a.i - b.i)
      .map((r) => r.text)
      .join("; ");
  }

  noSuitableNode(): string {
    const e = this.explain();
    return e ? `${NO_SUITABLE_NODE} (${e})` : NO_SUITABLE_NODE;
  }
}
