// kubectl -o json: json.MarshalIndent(obj, "", "    ") plus a newline. Objects read from the API
// server are unstructured maps, so keys come out sorted (`kubectl get -o json` starts with
// "apiVersion"); typed objects printed client-side (`create --dry-run=client -o json`) keep Go
// struct order (kind, apiVersion, metadata, spec, status): pass { structOrder: true } and build
// the object in that order. Strings are HTML-escaped (\u003c) as encoding/json does.
import { goJsonMarshal } from './go-json';

export interface KubeJsonOptions {
  /** Keep each object's own key order (typed objects) instead of sorting (unstructured). */
  structOrder?: boolean;
}

export function toKubeJson(obj: unknown, opts: KubeJsonOptions = {}): string {
  return goJsonMarshal(obj, { indent: '    ', objects: opts.structOrder ? 'struct' : 'map' }) + '\n';
}

/**
 * What `kubectl get` prints for -o yaml/json when the result is a list or several objects:
 * a v1 List with `metadata.resourceVersion: ""`.
 */
export function kubeList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
