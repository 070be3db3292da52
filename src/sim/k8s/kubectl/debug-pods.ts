// Mirrors the object-building half of kubectl 1.30 pkg/cmd/debug (debug.go, profiles.go): the node
// debugging pod, the ephemeral debug container, the pod copy, and the profiles that adjust them
// (legacy — 1.30's default — general, baseline, restricted, netadmin, sysadmin).

import { deepClone } from "../api/json";

type Obj = Record<string, any>;

export const PROFILES = ["legacy", "general", "baseline", "restricted", "netadmin", "sysadmin"] as const;
export type Profile = (typeof PROFILES)[number];

/** What the three debugging journeys are to a profile (getDebugStyle). */
export type DebugStyle = "node" | "ephemeral" | "podCopy";

export interface DebugSpec {
  image: string;
  container: string;
  args: string[];
  argsOnly: boolean;
  env: { name: string; value: string }[];
  pullPolicy: string;
  interactive: boolean;
  tty: boolean;
  target: string;
  profile: Profile;
}

/** The container fields every journey sets the same way (command or args, env, stdin/tty). */
function commonFields(d: DebugSpec): Obj {
  return {
    ...(d.env.length ? { env: d.env } : {}),
    image: d.image,
    ...(d.pullPolicy ? { imagePullPolicy: d.pullPolicy } : {}),
    ...(d.args.length ? (d.argsOnly ? { args: d.args } : { command: d.args }) : {}),
    ...(d.interactive ? { stdin: true } : {}),
    terminationMessagePolicy: "File",
    ...(d.tty ? { tty: true } : {}),
  };
}

/** generateNodeDebugPod: a pod pinned to the node, tolerating everything, restartPolicy Never. */
export function nodeDebugPod(d: DebugSpec, node: string, podName: string): Obj {
  const containerName = d.container || "debugger";
  const pod: Obj = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: podName },
    spec: {
      containers: [{ name: containerName, ...commonFields(d) }],
      nodeName: node,
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
    },
  };
  applyProfile(d.profile, "node", pod, containerName);
  return pod;
}

/** generateDebugContainer: the ephemeral container appended to the pod's list. */
export function debugContainer(d: DebugSpec, name: string): Obj {
  const pod: Obj = { spec: { ephemeralContainers: [{ name, ...commonFields(d), ...(d.target ? { targetContainerName: d.target } : {}) }] } };
  applyProfile(d.profile, "ephemeral", pod, name);
  return pod.spec.ephemeralContainers[0];
}

/**
 * generatePodCopyWithDebugContainer: a copy named `copyTo` (annotations kept; 1.30 copies no
 * labels, so the copy is not matched by the original's Services and ReplicaSets), without its
 * ephemeral containers, unscheduled unless --same-node, images changed by --set-image, and a new
 * debug container (or the named existing one) set up as asked.
 */
export function podCopy(
  d: DebugSpec, pod: Obj, copyTo: string, opts: { sameNode: boolean; shareProcesses?: boolean; setImages: Record<string, string>; newName: () => string },
): { pod: Obj; container: string } | { error: string } {
  const spec = deepClone(pod.spec) as Obj;
  delete spec.ephemeralContainers;
  if (opts.shareProcesses !== undefined) spec.shareProcessNamespace = opts.shareProcesses;
  if (!opts.sameNode) delete spec.nodeName;
  for (const c of spec.containers as Obj[]) {
    const image = opts.setImages[c.name] ?? opts.setImages["*"];
    if (image) c.image = image;
  }
  const copy: Obj = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: copyTo, namespace: pod.metadata.namespace, ...(pod.metadata.annotations ? { annotations: deepClone(pod.metadata.annotations) } : {}) },
    spec,
  };
  let c = (spec.containers as Obj[]).find((x) => x.name === d.container);
  let name = d.container;
  if (!c) {
    if (!d.image) {
      if (Object.keys(opts.setImages).length) return { pod: copy, container: "" };
      return { error: "you must specify image when creating new container" };
    }
    name ||= opts.newName();
    c = { name, terminationMessagePolicy: "File" };
    spec.containers.push(c);
  }
  if (d.args.length) {
    if (d.argsOnly) c.args = d.args;
    else {
      c.command = d.args;
      delete c.args;
    }
  }
  if (d.env.length) c.env = d.env;
  if (d.image) c.image = d.image;
  if (d.pullPolicy) c.imagePullPolicy = d.pullPolicy;
  if (d.interactive) c.stdin = true;
  else delete c.stdin;
  if (d.tty) c.tty = true;
  else delete c.tty;
  applyProfile(d.profile, "podCopy", copy, c.name);
  return { pod: copy, container: name };
}

/** ProfileApplier.Apply for one profile and journey. */
function applyProfile(profile: Profile, style: DebugStyle, pod: Obj, name: string): void {
  const c = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].find((x: Obj) => x.name === name) as Obj | undefined;
  const sc = () => (c ? (c.securityContext ??= {}) : {});
  const addCap = (cap: string) => ((sc().capabilities ??= {}).add ??= []).push(cap);
  const clearSc = () => c && delete c.securityContext;
  const hostNamespaces = () => Object.assign(pod.spec, { hostNetwork: true, hostPID: true, hostIPC: true });
  const shareProcesses = () => (pod.spec.shareProcessNamespace ??= true);
  switch (profile) {
    case "legacy":
      if (style === "node") {
        mountRootPartition(pod, c);
        hostNamespaces();
      }
      return;
    case "general":
      if (style === "node") {
        mountRootPartition(pod, c);
        clearSc();
        hostNamespaces();
      } else {
        if (style === "podCopy") {
          removeLabelsAndProbes(pod);
          shareProcesses();
        }
        addCap("SYS_PTRACE");
      }
      return;
    case "baseline":
    case "restricted":
      clearSc();
      if (profile === "restricted") {
        sc().runAsNonRoot = true;
        sc().capabilities = { drop: ["ALL"] };
        sc().allowPrivilegeEscalation = false;
        sc().seccompProfile = { type: "RuntimeDefault" };
      }
      if (style === "podCopy") {
        removeLabelsAndProbes(pod);
        shareProcesses();
      }
      return;
    case "netadmin":
      addCap("NET_ADMIN");
      addCap("NET_RAW");
      if (style === "node") hostNamespaces();
      if (style === "podCopy") shareProcesses();
      return;
    case "sysadmin":
      sc().privileged = true;
      if (style === "node") {
        hostNamespaces();
        mountRootPartition(pod, c);
      }
      if (style === "podCopy") shareProcesses();
      return;
  }
}

/** mountRootPartition: the host's / as volume host-root, mounted at /host in the debug container. */
function mountRootPartition(pod: Obj, c: Obj | undefined): void {
  (pod.spec.volumes ??= []).push({ name: "host-root", hostPath: { path: "/" } });
  if (c) (c.volumeMounts ??= []).push({ mountPath: "/host", name: "host-root" });
}

function removeLabelsAndProbes(pod: Obj): void {
  delete pod.metadata.labels;
  for (const c of pod.spec.containers ?? []) {
    delete c.livenessProbe;
    delete c.readinessProbe;
    delete c.startupProbe;
  }
}
