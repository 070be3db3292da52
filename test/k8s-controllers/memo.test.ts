// The work-skipping pieces of the control plane: the store's per-kind revisions, SyncMemo
// (a per-object sync skipped while its inputs stand still), Store.view, and pods created by
// controllers without a defensive copy (a generateName collision still retries with a new name).
import { describe, expect, it } from "vitest";
import { kubeOf } from "../../src/sim/k8s/cluster";
import { SyncMemo } from "../../src/sim/k8s/controllers/memo";
import { createPod } from "../../src/sim/k8s/controllers";
import type { Pod } from "../../src/sim/k8s/controllers/model";
import { deployment, newCluster } from "./helpers";

describe("Store revisions per kind and namespace", () => {
  it("move with every write to that kind (and namespace) only", () => {
    const t = newCluster();
    const store = t.cluster.store;
    const pods = store.revisionOf("Pod", "default");
    const cms = store.revisionOf("ConfigMap");
    t.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } });
    expect(store.revisionOf("ConfigMap")).toBeGreaterThan(cms);
    expect(store.revisionOf("ConfigMap", "default")).toBe(store.revisionOf("ConfigMap"));
    expect(store.revisionOf("ConfigMap", "no-such-namespace")).toBe(0);
    expect(store.revisionOf("Pod", "default")).toBe(pods);
    t.apply(deployment("web", "nginx:1.25", 1));
    expect(store.revisionOf("Pod", "default")).toBeGreaterThan(pods);
  });

  it("view is the sorted list without a copy", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    const store = t.cluster.store;
    expect(store.view("Pod", "default")).toEqual(store.list("Pod", "default"));
    expect(store.view("Pod", "default")).toBe(store.view("Pod", "default"));
  });
});

describe("SyncMemo", () => {
  it("skips a sync that found nothing until its inputs change; a sync that acted runs again", () => {
    const t = newCluster();
    const memo = new SyncMemo();
    const obj = t.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } });
    let inputs = "a";
    let acts = true;
    let runs = 0;
    const run = () => memo.run(t.cluster, obj, () => inputs, () => (runs++, acts));
    expect(run()).toBe(true);
    expect(run()).toBe(true); // it acted: it looks again
    acts = false;
    expect(run()).toBe(false);
    expect(run()).toBe(false);
    expect(runs).toBe(3); // the last call was skipped
    inputs = "b";
    run();
    expect(runs).toBe(4);
  });

  it("keeps its records in a forked world", () => {
    const t = newCluster();
    const memo = new SyncMemo();
    const obj = t.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } });
    let runs = 0;
    memo.run(t.cluster, obj, () => "x", () => (runs++, false));
    const fork = t.session.fork();
    const cluster = kubeOf(fork.world)!;
    expect(cluster === t.cluster).toBe(false); // not .not.toBe: vitest would deep-compare two whole clusters
    memo.run(cluster, cluster.store.get("ConfigMap", "default", "c")!, () => "x", () => (runs++, false));
    expect(runs).toBe(1);
  });
});

describe("controller-created pods", () => {
  it("a generateName collision retries with a fresh name", () => {
    const t = newCluster();
    const mk = (): Pod => ({
      apiVersion: "v1", kind: "Pod",
      metadata: { generateName: "x-", namespace: "default" },
      spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
    }) as unknown as Pod;
    const names = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { pod, error } = createPod(t.cluster, mk());
      expect(error).toBeUndefined();
      names.add(pod!.metadata.name);
    }
    expect(names.size).toBe(50);
  });
});
