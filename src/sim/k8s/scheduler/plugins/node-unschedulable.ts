// Mirrors pkg/scheduler/framework/plugins/nodeunschedulable.

import { UNSCHEDULABLE_TAINT } from "../../controllers/client";
import { unresolvable, type FilterPlugin } from "../framework";
import { tolerates } from "./taint-toleration";

export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

export const nodeUnschedulable: FilterPlugin = {
  name: "NodeUnschedulable",
  filter(pod, node) {
    if (!node.node.spec?.unschedulable) return undefined;
    const taint = { key: UNSCHEDULABLE_TAINT, effect: "NoSchedule" as const };
    if ((pod.pod.spec.tolerations ?? []).some((t) => tolerates(t, taint))) return undefined;
    return unresolvable("NodeUnschedulable", ERR_REASON_UNSCHEDULABLE);
  },
};
