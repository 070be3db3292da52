// The Kubernetes simulator's front door: initKubernetes(world, spec) builds the cluster (API
// server + store in the "kubernetes" slot, the kubeadm-like baseline, the control plane
// subsystems), and registerKubectl(reg) installs the `kubectl` program.
//
// Layout: api/ (kinds registry, strict decoding, defaulting, validation, admission, allocators,
// apply merge, events recorder, quantities, selectors, housekeeping: GC / namespaces / graceful
// deletion), kubectl/ (one file per verb family, printers/, describe/), bootstrap*.ts (nodes,
// namespaces, kube-system workloads), controllers/ scheduler/ kubelet/ (the control loops).
//
// Timeline events emitted by the API side (source "kubernetes"):
//   created / updated / deleted / terminating  subject "<ns>/<name>" (or "<name>"), data {kind, …}
//   node-registered                            subject node name, data {controlPlane}
//   event                                      subject "<ns>/<event name>", data {kind, object, reason, type, count}
// (the controllers, scheduler and kubelets document theirs in controllers/index.ts).

import type { ClusterSpec } from "../cluster-spec";
import type { ProgramRegistry } from "../programs/registry";
import type { World } from "../world";
import { ApiHousekeeping } from "./api/lifecycle";
import { bootstrapCluster, expireBootstrapEvents, joinWorkers, NodeRegistration } from "./bootstrap";
import { bootstrapSystemAccounts, bootstrapSystemWorkloads, declareSystemImages } from "./bootstrap-system";
import { KUBE } from "./cluster";
import { installControlPlane } from "./controllers";
import { kubectlProgram } from "./kubectl";

export function registerKubectl(reg: ProgramRegistry): void {
  reg.register("kubectl", kubectlProgram);
}

export function initKubernetes(world: World, spec: NonNullable<ClusterSpec["kubernetes"]>): void {
  const cluster = world.slot(KUBE);
  // kubeadm init: the control plane comes up with its add-ons (CoreDNS lands on the control-plane
  // node, the only one there is), then the workers join.
  declareSystemImages(world);
  bootstrapCluster(cluster, world, spec);
  bootstrapSystemAccounts(cluster);
  bootstrapSystemWorkloads(cluster, spec.controlPlane[0]!);
  world.addSubsystem(new NodeRegistration(cluster));
  world.addSubsystem(new ApiHousekeeping(cluster));
  const plane = installControlPlane(cluster);
  cluster.logSource = plane.kubelets;
  world.settle();
  joinWorkers(cluster, world, spec);
  world.settle();
  expireBootstrapEvents(cluster);
}

export { KUBE, kubeOf, KubeCluster } from "./cluster";
