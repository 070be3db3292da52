import { describe, expect, it } from "vitest";
import { resolveFenceposts } from "../../src/sim/k8s/controllers/deployment/util";
import type { Deployment } from "../../src/sim/k8s/controllers/model";
import { deployment, newCluster, podStatus } from "./helpers";

const d = (replicas: number, maxSurge?: number | string, maxUnavailable?: number | string) =>
  ({ spec: { replicas, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } } } }) as unknown as Deployment;

describe("maxSurge / maxUnavailable resolution (kubernetes.md §4.2)", () => {
  it.each([
    [1, undefined, undefined, 1, 0],
    [2, undefined, undefined, 1, 0],
    [3, undefined, undefined, 1, 0],
    [4, undefined, undefined, 1, 1],
    [5, undefined, undefined, 2, 1],
    [10, undefined, undefined, 3, 2],
    [10, "1%", "1%", 1, 0],
    [3, "1%", "1%", 1, 0],
    [10, 0, "34%", 0, 3],
    [3, 0, 0, 0, 1],
    [4, "50%", 0, 2, 0],
  ])("R=%i surge=%s unavailable=%s → %i / %i", (r, s, u, surge, unavail) => {
    expect(resolveFenceposts(d(r, s, u))).toEqual([surge, unavail]);
  });
});

function imageOf(t: ReturnType<typeof newCluster>, rsName: string): string | undefined {
  return t.rs().find((r) => r.metadata.name === rsName)?.spec.template.spec.containers[0]?.image;
}

describe("Deployment controller", () => {
  it("names the ReplicaSet <deploy>-<pod-template-hash> and its pods <rs>-<5 chars>", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 3));
    const [rs] = t.rs();
    expect(rs!.metadata.name).toMatch(/^web-[4-9bcdf]{9,10}$/);
    const hash = rs!.metadata.name.slice(4);
    expect(rs!.metadata.labels?.["pod-template-hash"]).toBe(hash);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs!.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4",
    });
    for (const p of t.pods()) expect(p.metadata.name).toMatch(new RegExp(`^${rs!.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(t.pods().map(podStatus)).toEqual(["Running", "Running", "Running"]);
    expect(t.deploy("web").status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(t.events("ScalingReplicaSet").map((e) => e.message)).toEqual([`Scaled up replica set ${rs!.metadata.name} to 3 from 0`]);
  });

  it("the same template always gives the same hash (deterministic across runs)", () => {
    const a = newCluster(undefined, "seed-a");
    const b = newCluster(undefined, "seed-b");
    a.apply(deployment("web", "nginx:1.25", 1));
    b.apply(deployment("web", "nginx:1.25", 1));
    expect(a.rs()[0]!.metadata.name).toBe(b.rs()[0]!.metadata.name);
  });

  it("rolls R=3 with 25%/25% one step at a time, never below 3 available (§4.3 worked example)", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 3));
    const oldRs = t.rs()[0]!.metadata.name;
    const start = t.session.world.events.length;
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:1.25"; });
    const newRs = t.rs().find((r) => r.metadata.name !== oldRs)!.metadata.name;
    expect(t.events("ScalingReplicaSet").map((e) => e.message)).toEqual([
      `Scaled up replica set ${oldRs} to 3 from 0`,
      `Scaled up replica set ${newRs} to 1 from 0`,
      `Scaled down replica set ${oldRs} to 2 from 3`,
      `Scaled up replica set ${newRs} to 2 from 1`,
      `Scaled down replica set ${oldRs} to 1 from 2`,
      `Scaled up replica set ${newRs} to 3 from 2`,
      `Scaled down replica set ${oldRs} to 0 from 1`,
    ]);
    const statuses = t.session.world.events.slice(start).filter((e) => e.type === "deployment-status");
    const minAvailable = Math.min(...statuses.map((e) => e.data!["available"] as number));
    const maxPods = Math.max(...statuses.map((e) => e.data!["replicas"] as number));
    expect(minAvailable).toBe(3);
    expect(maxPods).toBe(4);
    expect(t.deploy("web").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(imageOf(t, newRs)).toBe("nginx:1.25");
    const d2 = t.deploy("web");
    expect(d2.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(d2.status?.conditions?.find((c) => c.type === "Progressing")?.reason).toBe("NewReplicaSetAvailable");
    // Old pods are Terminating until nginx has handled SIGTERM.
    expect(t.pods().filter((p) => p.metadata.name.startsWith(oldRs)).map(podStatus)).toContain("Terminating");
    t.advance(1_000);
    expect(t.pods().every((p) => p.metadata.name.startsWith(newRs) && podStatus(p) === "Running")).toBe(true);
  });

  it("maxUnavailable 1 + maxSurge 0 goes down one pod at a time", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 4, { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }));
    const start = t.session.world.events.length;
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:1.25"; });
    const statuses = t.session.world.events.slice(start).filter((e) => e.type === "deployment-status");
    expect(Math.min(...statuses.map((e) => e.data!["available"] as number))).toBe(3);
    expect(Math.max(...statuses.map((e) => e.data!["replicas"] as number))).toBe(4);
  });

  it("a broken image leaves the rollout stuck at old 3 / new 1 with ImagePullBackOff (R=3)", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 3));
    const oldRs = t.rs()[0]!.metadata.name;
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:latets"; });
    const newRs = t.rs().find((r) => r.metadata.name !== oldRs)!;
    expect(newRs.spec.replicas).toBe(1);
    expect(t.rs().find((r) => r.metadata.name === oldRs)!.spec.replicas).toBe(3);
    const bad = t.pods().filter((p) => p.metadata.name.startsWith(newRs.metadata.name));
    expect(bad.map(podStatus)).toEqual(["ErrImagePull"]);
    t.advance(1000);
    expect(t.pods().filter((p) => p.metadata.name.startsWith(newRs.metadata.name)).map(podStatus)).toEqual(["ImagePullBackOff"]);
    expect(t.events("Failed").map((e) => e.message)).toContain(
      'Failed to pull image "nginx:latets": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:latets": failed to resolve reference "docker.io/library/nginx:latets": docker.io/library/nginx:latets: not found');
    expect(t.events("BackOff").map((e) => e.message)).toContain('Back-off pulling image "nginx:latets"');
    expect(t.deploy("web").status).toMatchObject({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 });
    // Old pods keep serving; after the progress deadline the condition reports it.
    t.advance(601_000);
    const progressing = t.deploy("web").status?.conditions?.find((c) => c.type === "Progressing");
    expect(progressing).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${newRs.metadata.name}" has timed out progressing.` });
    expect(t.pods().filter((p) => p.metadata.name.startsWith(oldRs)).map(podStatus)).toEqual(["Running", "Running", "Running"]);
  });

  it("a broken image with R=4 stops at old 3 / new 2", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 4));
    const oldRs = t.rs()[0]!.metadata.name;
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:nope"; });
    const rs = Object.fromEntries(t.rs().map((r) => [r.metadata.name === oldRs ? "old" : "new", r.spec.replicas]));
    expect(rs).toEqual({ old: 3, new: 2 });
    expect(t.deploy("web").status).toMatchObject({ replicas: 5, updatedReplicas: 2, availableReplicas: 3 });
  });

  it("Recreate scales the old ReplicaSet to 0 before creating the new one", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 3, { strategy: { type: "Recreate" } }));
    const oldRs = t.rs()[0]!.metadata.name;
    const start = t.session.world.events.length;
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:1.25"; });
    t.advance(5_000);
    const newRs = t.rs().find((r) => r.metadata.name !== oldRs)!.metadata.name;
    expect(t.events("ScalingReplicaSet").map((e) => e.message)).toEqual([
      `Scaled up replica set ${oldRs} to 3 from 0`,
      `Scaled down replica set ${oldRs} to 0 from 3`,
      `Scaled up replica set ${newRs} to 3 from 0`,
    ]);
    const statuses = t.session.world.events.slice(start).filter((e) => e.type === "deployment-status");
    expect(Math.min(...statuses.map((e) => e.data!["available"] as number))).toBe(0);
    expect(t.pods().map(podStatus)).toEqual(["Running", "Running", "Running"]);
  });

  it("rollback re-uses the old ReplicaSet and gives it the next revision (§4.6)", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 2));
    const image = (img: string) => t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = img; });
    image("nginx:1.25");
    image("nginx:1.26");
    const rev = () => Object.fromEntries(t.rs().map((r) => [r.spec.template.spec.containers[0]!.image, r.metadata.annotations?.["deployment.kubernetes.io/revision"]]));
    expect(rev()).toEqual({ "nginx:1.24": "1", "nginx:1.25": "2", "nginx:1.26": "3" });
    image("nginx:1.25"); // what `kubectl rollout undo` writes into the Deployment
    expect(rev()).toEqual({ "nginx:1.24": "1", "nginx:1.25": "4", "nginx:1.26": "3" });
    const rs25 = t.rs().find((r) => r.spec.template.spec.containers[0]!.image === "nginx:1.25")!;
    expect(rs25.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("2");
    expect(t.rs().length).toBe(3);
    expect(t.deploy("web").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("4");
    t.advance(1_000);
    expect(t.pods().every((p) => p.metadata.name.startsWith(rs25.metadata.name))).toBe(true);
  });

  it("copies the change-cause annotation onto the new ReplicaSet", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 1));
    t.update("Deployment", "web", (o) => {
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), "kubernetes.io/change-cause": "image 1.25" };
      o.spec.template.spec.containers[0].image = "nginx:1.25";
    });
    const rs = t.rs().find((r) => r.spec.template.spec.containers[0]!.image === "nginx:1.25")!;
    expect(rs.metadata.annotations?.["kubernetes.io/change-cause"]).toBe("image 1.25");
  });

  it("scaling changes only the active ReplicaSet and keeps the pod names", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.25", 2));
    t.update("Deployment", "web", (o) => { o.spec.replicas = 5; });
    expect(t.rs().length).toBe(1);
    expect(t.pods().length).toBe(5);
    t.update("Deployment", "web", (o) => { o.spec.replicas = 1; });
    t.advance(2_000);
    expect(t.pods().length).toBe(1);
    expect(t.events("ScalingReplicaSet").map((e) => e.message.replace(/web-\w+/, "RS"))).toEqual([
      "Scaled up replica set RS to 2 from 0", "Scaled up replica set RS to 5 from 2", "Scaled down replica set RS to 1 from 5",
    ]);
  });

  it("paused deployments do not roll out until resumed", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.24", 2));
    t.update("Deployment", "web", (o) => { o.spec.paused = true; });
    t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = "nginx:1.25"; });
    expect(t.rs().length).toBe(1);
    expect(t.deploy("web").status?.conditions?.find((c) => c.type === "Progressing")?.reason).toBe("DeploymentPaused");
    t.update("Deployment", "web", (o) => { o.spec.paused = false; });
    expect(t.rs().length).toBe(2);
    expect(t.deploy("web").status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2 });
  });

  it("cleans up old ReplicaSets beyond revisionHistoryLimit", () => {
    const t = newCluster();
    t.apply(deployment("web", "nginx:1.20", 1, { revisionHistoryLimit: 2 }));
    for (const v of ["1.21", "1.22", "1.23", "1.24"]) t.update("Deployment", "web", (o) => { o.spec.template.spec.containers[0].image = `nginx:${v}`; });
    expect(t.rs().map((r) => r.spec.template.spec.containers[0]!.image).sort()).toEqual(["nginx:1.22", "nginx:1.23", "nginx:1.24"]);
  });
});
