// Mirrors pkg/kubelet/config/file.go + common.go and the mirror-pod client: each kubelet reads
// the manifests in its node's staticPodPath (kubeadm: /etc/kubernetes/manifests; inotify makes a
// change seen at once), runs each Pod as `<name>-<node>` and shows it through a mirror pod in the
// API (annotations kubernetes.io/config.hash, config.mirror, config.seen, config.source=file;
// owned by the Node; a toleration of every NoExecute taint). A deleted mirror pod is made again;
// a removed or changed file stops the pod (and starts the new one). Files whose name starts with
// a dot, or that do not hold a Pod, are ignored (the kubelet only logs them).

import { parse } from "yaml";
import { freezeData } from "../../clone";
import { TextCache } from "../../text-cache";
import type { KubeCluster } from "../cluster";
import type { Node, Pod } from "../controllers/model";
import { iso } from "../controllers/pods";
import type { Host } from "../../world";

export const STATIC_POD_PATH = "/etc/kubernetes/manifests";
const HASH_KEY = "kubernetes.io/config.hash";
const SEEN_KEY = "kubernetes.io/config.seen";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A 32-hex-digit digest of the manifest (the kubelet's config hash is an MD5 of the pod). */
export function configHash(text: string): string {
  let out = "";
  for (const seed of [0x811c9dc5, 0x01000193, 0x9747b28c, 0x5bd1e995]) {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * The Pod in a manifest's text, if it holds one: frozen (callers copy before changing) and
 * remembered by text — kubeadm's manifests are read at bootstrap and by every kubelet pass that
 * finds a file changed, the same texts in every cluster with the same addresses.
 */
export function readManifest(text: string): Readonly<Obj> | undefined {
  return manifests.get(text, (t) => {
    try {
      const doc = t.trim().startsWith("{") ? JSON.parse(t) : parse(t);
      return doc && typeof doc === "object" && doc.kind === "Pod" && doc.metadata?.name ? doc as Obj : undefined;
    } catch {
      return undefined;
    }
  });
}
const manifests = new TextCache<Obj | undefined>(2_000_000);

/** What the kubelets know of node manifests: mirror pods made ("<ns>/<name>" → config hash) and
 * each file's last reading ("<node>:<file>"), so an unchanged file is not parsed again. */
/** A manifest file as last read: its text, the pod in it, its hash and when the kubelet first saw it (frozen). */
type FileReading = { text: string; pod?: Obj; hash: string; seen: string };

export interface StaticPodTable {
  mirrors: Map<string, string>;
  files: Map<string, FileReading>;
  /** Mirror pods the API server refused ("<ns>/<name>" → store revision then): retried once the store moves. */
  refused: Map<string, number>;
  /** What the last pass looked at (machines and their files, pods, nodes): while it stands, a pass has nothing to do. */
  lastInputs?: readonly unknown[];
  /** The namespaces of the mirror pods (their pods' revisions are inputs), as of the last full pass. */
  mirrorNamespaces?: readonly string[];
}

export const newStaticPodTable = (): StaticPodTable => ({ mirrors: new Map(), files: new Map(), refused: new Map() });

/** One pass over every up node's manifests; true if the store changed. */
export function syncStaticPods(cluster: KubeCluster, hosts: readonly Host[], nodeList: readonly Node[], table: StaticPodTable): boolean {
  const store = cluster.store;
  // The pods that matter are the mirror pods (a deleted one is made again): their namespaces' revisions.
  // Compared value by value with the last pass's (this runs on every kubelet pass).
  table.mirrorNamespaces ??= mirrorNamespaces(table);
  const inputs: unknown[] = [store.revisionOf("Node"), table.refused.size ? store.resourceVersion : -1, table.mirrorNamespaces];
  for (const ns of table.mirrorNamespaces) inputs.push(store.revisionOf("Pod", ns));
  for (const h of hosts) inputs.push(h.name, h.up, h.fs.version);
  const last = table.lastInputs;
  if (last && last.length === inputs.length && inputs.every((v, i) => v === last[i])) return false;
  table.lastInputs = inputs;
  const nodes = new Map(nodeList.map((n) => [n.metadata.name, n]));
  const rv = store.resourceVersion;
  const wanted = new Map<string, { reading: FileReading; manifest: Obj; node: Node; fileKey: string }>();
  const scanned = new Set<string>();
  for (const host of hosts) {
    const node = nodes.get(host.name);
    if (!node || !host.up) continue;
    scanned.add(host.name);
    if (!host.fs.isDir(STATIC_POD_PATH)) continue;
    for (const file of host.fs.entries(STATIC_POD_PATH)) {
      if (file.startsWith(".")) continue;
      const text = host.fs.read(`${STATIC_POD_PATH}/${file}`);
      if (text === undefined) continue;
      const key = `${host.name}:${file}`;
      let reading = table.files.get(key);
      if (reading?.text !== text) {
        const manifest = readManifest(text);
        // Replaced when the file changes, never edited: frozen, so copies of the world share it.
        reading = freezeData({ text, hash: manifestHash(host.name, text), seen: iso(cluster.world), ...(manifest ? { pod: manifest } : {}) });
        table.files.set(key, reading);
      }
      if (!reading.pod) continue;
      const ns = reading.pod.metadata.namespace ?? "default";
      wanted.set(`${ns}/${reading.pod.metadata.name}-${host.name}`, { reading, manifest: reading.pod, node, fileKey: key });
    }
  }
  // Pods whose file went away (or changed): stopped, their mirror pod deleted.
  for (const [key, hash] of [...table.mirrors]) {
    const want = wanted.get(key);
    const [ns, name] = key.split("/") as [string, string];
    const existing = store.get<Pod>("Pod", ns, name);
    const nodeName = (existing?.spec as Obj | undefined)?.nodeName as string | undefined;
    if (want?.reading.hash === hash) continue;
    if (!want && nodeName && !scanned.has(nodeName)) continue; // its node is down: nothing is read
    table.mirrors.delete(key);
    if (existing && !existing.metadata.deletionTimestamp) cluster.api.deletePod(existing);
  }
  for (const [key, { reading, manifest, node, fileKey }] of wanted) {
    const hash = reading.hash;
    const [ns, name] = key.split("/") as [string, string];
    const existing = store.get<Pod>("Pod", ns, name);
    if (existing && (existing.metadata.annotations?.[HASH_KEY] === hash || existing.metadata.deletionTimestamp)) {
      // A mirror pod made before this kubelet read the file (kubeadm's, at bootstrap): it saw the file then.
      const seen = existing.metadata.annotations?.[SEEN_KEY];
      if (existing.metadata.annotations?.[HASH_KEY] === hash && seen && seen < reading.seen) table.files.set(fileKey, freezeData({ ...reading, seen }));
      table.mirrors.set(key, hash);
      continue;
    }
    if (existing) continue; // a pod of that name that is not this file's: left alone
    if (table.refused.get(`${key}@${hash}`) === store.resourceVersion) continue;
    try {
      // A mirror pod made again keeps the time the file was first seen: the pod itself never
      // stopped (its containers go on from when they started; container-driver.ts firstStartAt).
      cluster.api.create(mirrorPod(manifest, node, hash, reading.seen), ns);
      table.mirrors.set(key, hash);
    } catch {
      // The API server refused it (invalid, namespace missing): the kubelet tries again later.
      table.refused.set(`${key}@${hash}`, store.resourceVersion);
    }
  }
  // Replaced only when it changed: the next pass compares it by identity.
  const namespaces = mirrorNamespaces(table);
  if (namespaces.join("/") !== table.mirrorNamespaces.join("/")) table.mirrorNamespaces = namespaces;
  return store.resourceVersion !== rv;
}

const mirrorNamespaces = (table: StaticPodTable): string[] => [...new Set([...table.mirrors.keys()].map((k) => k.slice(0, k.indexOf("/"))))];

/** A manifest's config hash on a node (the mirror pod's kubernetes.io/config.hash). */
export const manifestHash = (node: string, text: string): string => configHash(`${node}\n${text}`);

/** The mirror pod of a manifest read on `node`: named `<name>-<node>`, with the kubelet's annotations, owned by the Node. */
export function mirrorPod(manifest: Obj, node: Node, hash: string, seen: string): Obj {
  const pod = structuredClone(manifest);
  pod.metadata = { ...pod.metadata, name: `${pod.metadata.name}-${node.metadata.name}`, namespace: pod.metadata.namespace ?? "default" };
  delete pod.metadata.creationTimestamp;
  return withMirrorFields(pod, node, hash, seen);
}

function withMirrorFields(pod: Obj, node: Node, hash: string, seen: string): Obj {
  pod.metadata.annotations = {
    ...(pod.metadata.annotations ?? {}),
    [HASH_KEY]: hash, "kubernetes.io/config.mirror": hash, [SEEN_KEY]: seen, "kubernetes.io/config.source": "file",
  };
  pod.metadata.ownerReferences = [{ apiVersion: "v1", kind: "Node", name: node.metadata.name, uid: node.metadata.uid, controller: true }];
  pod.spec = { ...(pod.spec ?? {}), nodeName: node.metadata.name };
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: "Exists", effect: "NoExecute" }];
  delete pod.status;
  return pod;
}
