// Query checks: kubectl-style JSONPath over the state snapshot, printed as `kubectl get -o
// jsonpath` prints (several results joined by spaces; a missing key prints nothing).

import { jsonPathText } from "../sim/cli/format/jsonpath-text";

export function queryState(expr: string, snapshot: unknown): { ok: true; text: string } | { ok: false; error: string } {
  return jsonPathText(expr, snapshot, { allowMissingKeys: true, maxSteps: 1_000_000 });
}
