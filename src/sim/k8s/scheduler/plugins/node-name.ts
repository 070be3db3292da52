// Mirrors pkg/scheduler/framework/plugins/nodename.

import { unresolvable, type FilterPlugin } from "../framework";

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeName: FilterPlugin = {
  name: "NodeName",
  filter(pod, node) {
    const want = pod.pod.spec.nodeName;
    return want && want !== node.name ? unresolvable("NodeName", ERR_REASON_NODE_NAME) : undefined;
  },
};
