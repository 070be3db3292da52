// The DaemonSet registry strategy's template generation (pkg/registry/apps/daemonset/strategy.go):
// 1 on create, the old one on update — one more when the pod template changed — whatever the
// request said. apps/v1 has no field for it: the conversion writes it to the
// `deprecated.daemonset.template.generation` annotation, which `kubectl get ds -o yaml` shows and
// the controller stamps on its pods as the `pod-template-generation` label.

import { sameJsonUnordered } from "./json";

export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

type Obj = Record<string, any>;

/** PrepareForCreate / PrepareForUpdate's TemplateGeneration, for a DaemonSet (other kinds untouched). */
export function prepareTemplateGeneration(kind: string, obj: Obj, old?: Obj): void {
  if (kind !== "DaemonSet") return;
  let generation = 1;
  if (old) {
    generation = Number(old.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? 1);
    if (!sameJsonUnordered(old.spec?.template, obj.spec?.template)) generation++;
  }
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

/** A stored DaemonSet's template generation. */
export function templateGeneration(ds: Obj): number {
  return Number(ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? ds.metadata?.generation ?? 1);
}
