// Mirrors describeNodeResource in kubectl's describe.go and podRequests / podLimits in
// k8s.io/kubectl/pkg/util/resource (v1.30): the `Non-terminated Pods` and `Allocated resources`
// tables of `kubectl describe node`. Sums are Quantities, so a total keeps the format of its
// first non-zero term ("128M" stays decimal, "64Mi" binary), and percentages are Go's
// int64(float64(part) / float64(allocatable) * 100) — floating point, so 580m of 2 CPUs is 28%.

import { compareQuantities, formatQuantity, milliValue, parseQuantity, unitValue, type Quantity } from "../../api/quantity";
import type { DescribeWriter, Obj } from "./writer";

type ResourceList = Map<string, Quantity>;

/** Quantity.Add: the receiver keeps its format unless it was zero. */
function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

function parsed(list: Obj | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      out.set(k, parseQuantity(v as string));
    } catch {
      // An unparsable quantity never passed validation; nothing to add.
    }
  }
  return out;
}

function addResourceList(list: ResourceList, more: ResourceList): void {
  for (const [k, q] of more) list.set(k, list.has(k) ? add(list.get(k)!, q) : q);
}

function maxResourceList(list: ResourceList, more: ResourceList): void {
  for (const [k, q] of more) if (!list.has(k) || compareQuantities(q, list.get(k)!) > 0) list.set(k, q);
}

/**
 * podRequests / podLimits: the containers' sum, restartable init containers (sidecars) added
 * to it, then the maximum with what any init container needs alongside the sidecars started
 * before it; limits add overhead only to resources already limited.
 */
export function podResources(pod: Obj, part: "requests" | "limits"): ResourceList {
  const spec = pod.spec ?? {};
  const total: ResourceList = new Map();
  for (const c of (spec.containers ?? []) as Obj[]) addResourceList(total, parsed(c.resources?.[part]));
  const sidecars: ResourceList = new Map();
  const inits: ResourceList = new Map();
  for (const c of (spec.initContainers ?? []) as Obj[]) {
    const own = parsed(c.resources?.[part]);
    let need: ResourceList;
    if (c.restartPolicy === "Always") {
      addResourceList(total, own);
      addResourceList(sidecars, own);
      need = sidecars;
    } else {
      need = new Map(own);
      addResourceList(need, sidecars);
    }
    maxResourceList(inits, need);
  }
  maxResourceList(total, inits);
  const overhead = parsed(spec.overhead);
  if (part === "requests") addResourceList(total, overhead);
  else for (const [k, q] of overhead) if (total.has(k)) total.set(k, add(total.get(k)!, q));
  return total;
}

const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };
const get = (list: ResourceList, k: string) => list.get(k) ?? ZERO;

/** int64(float64(part) / float64(total) * 100), in the same double arithmetic Go uses. */
function percent(part: number, total: number): string {
  return total !== 0 ? String(Math.trunc((part / total) * 100)) : "0";
}

const cell = (q: Quantity, alloc: number, value: (q: Quantity) => number) => `${formatQuantity(q)} (${percent(value(q), alloc)}%)`;

/** The `Non-terminated Pods:` table and `Allocated resources:` of `kubectl describe node`. */
export function writeNodeResources(w: DescribeWriter, node: Obj, pods: Obj[], age: (p: Obj) => string): void {
  const st = node.status ?? {};
  const allocatable = parsed(Object.keys(st.allocatable ?? {}).length ? st.allocatable : st.capacity);
  const cpu = milliValue(get(allocatable, "cpu"));
  const memory = unitValue(get(allocatable, "memory"));
  const storage = unitValue(get(allocatable, "ephemeral-storage"));
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  // kubectl writes an empty column after Name (`Name\t\tCPU Requests`): two more spaces there.
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---");
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const p of pods) {
    const r = podResources(p, "requests");
    const l = podResources(p, "limits");
    addResourceList(reqs, r);
    addResourceList(limits, l);
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell(get(r, "cpu"), cpu, milliValue)}\t${cell(get(l, "cpu"), cpu, milliValue)}\t` +
      `${cell(get(r, "memory"), memory, unitValue)}\t${cell(get(l, "memory"), memory, unitValue)}\t${age(p)}`);
  }
  w.write(0, "Allocated resources:");
  w.write(1, "(Total limits may be over 100 percent, i.e., overcommitted.)");
  w.write(1, "Resource\tRequests\tLimits");
  w.write(1, "--------\t--------\t------");
  const row = (name: string, alloc: number, value: (q: Quantity) => number) =>
    w.write(1, `${name}\t${cell(get(reqs, name), alloc, value)}\t${cell(get(limits, name), alloc, value)}`);
  row("cpu", cpu, milliValue);
  row("memory", memory, unitValue);
  row("ephemeral-storage", storage, unitValue);
  // Then the huge pages, then extended resources, each sorted by name.
  const names = [...allocatable.keys()];
  const huge = names.filter((n) => n.startsWith("hugepages-")).sort();
  // IsStandardContainerResourceName: cpu, memory, ephemeral-storage (and huge pages); pods is skipped.
  const standard = new Set(["cpu", "memory", "ephemeral-storage", "pods"]);
  const extended = names.filter((n) => !n.startsWith("hugepages-") && !standard.has(n)).sort();
  for (const n of huge) row(n, unitValue(get(allocatable, n)), unitValue);
  for (const n of extended) w.write(1, `${n}\t${formatQuantity(get(reqs, n))}\t${formatQuantity(get(limits, n))}`);
}
