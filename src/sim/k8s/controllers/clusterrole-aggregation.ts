// Mirrors pkg/controller/clusterroleaggregation (v1.30): a ClusterRole with an aggregationRule
// gets, as its rules, the rules of every other ClusterRole its selectors pick — selector by
// selector, roles in name order, each rule once. None picked leaves the rules as they are when
// they are empty (nil and [] are semantically equal). Reads nothing else while no ClusterRole
// aggregates.

import { labelSelectorMatches, type LabelSelector } from "../api/selectors";
import type { ControllerLoop } from "./controller";
import type { KObject } from "./model";
import { canonicalJson } from "./pods";

interface ClusterRole extends KObject {
  rules?: unknown[] | null;
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] } | null;
}

export const clusterRoleAggregationController: ControllerLoop = {
  name: "clusterrole-aggregation-controller",
  sync(cluster) {
    let changed = false;
    const roles = cluster.store.view<ClusterRole>("ClusterRole");
    for (const role of roles) {
      if (!role.aggregationRule) continue;
      const rules: unknown[] = [];
      const seen = new Set<string>();
      for (const sel of role.aggregationRule.clusterRoleSelectors ?? []) {
        // The store's view is in name order already.
        for (const other of roles) {
          if (other.metadata.name === role.metadata.name || !labelSelectorMatches(sel, other.metadata.labels)) continue;
          for (const rule of other.rules ?? []) {
            const key = canonicalJson(rule);
            if (seen.has(key)) continue;
            seen.add(key);
            rules.push(structuredClone(rule));
          }
        }
      }
      const current = role.rules ?? [];
      if (canonicalJson(current) === canonicalJson(rules)) continue;
      const stored = cluster.store.editable(role);
      stored.rules = rules;
      cluster.store.touch(stored);
      changed = true;
    }
    return changed;
  },
};
