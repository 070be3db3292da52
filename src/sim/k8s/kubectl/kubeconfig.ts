// The kubeconfig of each machine (kubeadm's admin.conf as ~/.kube/config): its contexts and the
// current context, as client-go's clientcmd reads them. The current context's namespace is the
// default namespace of every namespaced command (ClientConfig.Namespace()); a context naming a
// cluster other than "kubernetes" reaches no API server (localhost:8080 is refused).
// State: the "kubeconfig" slot, created only when a command changes a kubeconfig; snapshot
// { [host]: { currentContext, contexts: [{ name, cluster, user, namespace? }] } }.

import { deepClone } from "../api/json";
import type { Invocation } from "../../cli/command";
import type { Flags } from "../../cli/flags";
import { defineSlot } from "../../world";
import { kubeOf } from "../cluster";
import type { KubectlContext } from "./common";

export const CLUSTER_NAME = "kubernetes";
export const USER_NAME = "kubernetes-admin";
export const CONTEXT_NAME = "kubernetes-admin@kubernetes";

export interface KubeContextEntry {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface Kubeconfig {
  currentContext: string;
  /** Sorted by name, as clientcmd's map prints. */
  contexts: KubeContextEntry[];
}

const MAX_CONTEXTS = 200;

export const KUBECONFIG = defineSlot("kubeconfig", () => new Map<string, Kubeconfig>(), (m) =>
  Object.fromEntries([...m.keys()].sort().map((h) => [h, m.get(h)])));

function initial(ctx: KubectlContext): Kubeconfig {
  if (!kubeOf(ctx.world)) return { currentContext: "", contexts: [] };
  return { currentContext: CONTEXT_NAME, contexts: [{ name: CONTEXT_NAME, cluster: CLUSTER_NAME, user: USER_NAME }] };
}

/** This machine's kubeconfig (read-only view; the default when never changed). */
export function kubeconfigOfHost(ctx: KubectlContext): Kubeconfig {
  return ctx.world.peekSlot(KUBECONFIG)?.get(ctx.host.name) ?? initial(ctx);
}

/** Changes this machine's kubeconfig. */
export function updateKubeconfig(ctx: KubectlContext, change: (c: Kubeconfig) => void): void {
  const all = ctx.world.slot(KUBECONFIG);
  const c = deepClone(all.get(ctx.host.name) ?? initial(ctx));
  change(c);
  c.contexts = c.contexts.slice(0, MAX_CONTEXTS).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  all.set(ctx.host.name, c);
}

export function currentContextEntry(c: Kubeconfig): KubeContextEntry | undefined {
  return c.contexts.find((x) => x.name === c.currentContext);
}

/** The namespace commands default to (the current context's, else "default"). */
export function contextNamespace(ctx: KubectlContext): string | undefined {
  return currentContextEntry(kubeconfigOfHost(ctx))?.namespace || undefined;
}

/** Whether the current context leads to the simulated cluster's API server. */
export function contextReachesCluster(ctx: KubectlContext): boolean {
  return currentContextEntry(kubeconfigOfHost(ctx))?.cluster === CLUSTER_NAME;
}

/**
 * The invocation as the command sees it: without an explicit -n, --namespace reads as the
 * context's namespace (flags.changed stays false, so nothing is "enforced"). `kubectl config`
 * commands keep their own --namespace flag.
 */
export function withContextNamespace(ctx: KubectlContext, inv: Invocation): Invocation {
  if (inv.path.startsWith("kubectl config") || inv.flags.changed("namespace")) return inv;
  const ns = contextNamespace(ctx);
  if (!ns) return inv;
  const base = inv.flags;
  const flags = Object.create(base) as Flags;
  flags.str = (name: string) => (name === "namespace" ? ns : base.str(name));
  return { ...inv, flags };
}
