// `kubectl debug (POD | TYPE/NAME) [--image=I] [-it] [--target=C] [--copy-to=NAME] [-- CMD…]`
// (kubectl 1.30 pkg/cmd/debug): Complete and Validate in kubectl's order and wording, then per
// target a node debugging pod (`node-debugger-<node>-<5>`, host namespaces, the node's / at
// /host), an ephemeral container added through pods/ephemeralcontainers (`debugger-<5>`), or a
// copy of the pod. With -i (or --attach) it waits for the container and attaches: a command's
// output is streamed as `kubectl run -i` does; an interactive shell waiting for typing cannot be
// replayed, so it is refused after the objects exist (as the real pod would).

import type { Invocation } from "../../cli/command";
import type { ExecResult } from "../../programs/registry";
import { renderStatusError, StatusError, notFoundError } from "../api/errors";
import { updateEphemeralContainers } from "../api/ephemeral-containers";
import { kindInfo, resolveResource, type KindInfo } from "../api/kinds";
import type { KObject } from "../store";
import { fail, namespaceOf, server, type KubectlContext } from "./common";
import { debugContainer, nodeDebugPod, podCopy, PROFILES, type DebugSpec, type Profile } from "./debug-pods";
import { isInteractiveShell } from "./run-attach";
import { readManifests } from "./manifests";
import { attachDebugContainer } from "./debug-attach";

type Obj = Record<string, any>;

/** distribution/reference.ReferenceRegexp (anchored): what --image and --set-image must match. */
const PATH = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN = "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
export const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH}(?:/${PATH})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

const usage = (msg: string): never => fail(`${msg}\nSee 'kubectl debug --help' for usage.`);

/** pflag's stringToString: one `k=v` as is, several CSV-split; sorted (Go's map order is random). */
function stringToString(inv: Invocation, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const val of inv.flags.list(flag)) {
    const n = (val.match(/=/g) ?? []).length;
    const pairs = n === 0 ? [val] : n === 1 ? [val.replace(/^"|"$/g, "")] : val.split(",");
    for (const p of pairs) {
      const i = p.indexOf("=");
      if (i < 0) usage(`error: invalid argument "${val}" for "--${flag}" flag: ${p} must be formatted as key=value`);
      out[p.slice(0, i)] = p.slice(i + 1);
    }
  }
  return out;
}

export function runDebug(ctx: KubectlContext, inv: Invocation): ExecResult {
  // Complete.
  const env = stringToString(inv, "env");
  const setImages = stringToString(inv, "set-image");
  const dash = inv.argsLenAtDash;
  const targets = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
  const args = dash >= 0 ? inv.args.slice(dash) : [];
  const interactive = inv.flags.bool("stdin");
  const attachChanged = inv.flags.changed("attach");
  const attach = attachChanged ? inv.flags.bool("attach") : interactive;
  const profile = inv.flags.str("profile") as Profile;
  if (!PROFILES.includes(profile)) fail(`error: unknown profile: ${profile}`);
  const d: DebugSpec = {
    image: inv.flags.str("image"), container: inv.flags.str("container"), args, argsOnly: inv.flags.bool("arguments-only"),
    env: Object.keys(env).sort().map((name) => ({ name, value: env[name]! })), pullPolicy: inv.flags.str("image-pull-policy"),
    interactive, tty: inv.flags.bool("tty"), target: inv.flags.str("target"), profile,
  };
  const copyTo = inv.flags.str("copy-to");
  const quiet = inv.flags.bool("quiet");
  // Validate.
  if (attach && attachChanged && !d.image && !d.container) fail("error: you must specify --container or create a new container using --image in order to attach.");
  if (copyTo) {
    if (!d.image && !Object.keys(setImages).length && !args.length) fail("error: you must specify --image, --set-image or command arguments.");
    if (args.length && !d.container && !d.image) fail("error: you must specify an existing container or a new image when specifying args.");
  } else if (inv.flags.bool("replace")) fail("error: --replace may only be used with --copy-to.");
  else if (inv.flags.bool("same-node")) fail("error: --same-node may only be used with --copy-to.");
  else if (Object.keys(setImages).length) fail("error: --set-image may only be used with --copy-to.");
  else if (!d.image) fail("error: you must specify --image when not using --copy-to.");
  if (d.image && !REFERENCE.test(d.image)) fail(`error: invalid image name "${d.image}": invalid reference format`);
  if (!targets.length && !inv.flags.list("filename").length) fail("error: NAME or filename is required for debug");
  if (!["", "Always", "IfNotPresent", "Never"].includes(d.pullPolicy)) fail(`error: invalid image pull policy: ${d.pullPolicy}`);
  for (const name of Object.keys(setImages).sort()) {
    if (!REFERENCE.test(setImages[name]!)) fail(`error: invalid image name "${setImages[name]}" for container "${name}": invalid reference format`);
  }
  let stdout = "";
  if (d.target) {
    if (copyTo) fail("error: --target is incompatible with --copy-to. Use --share-processes instead.");
    if (!quiet) stdout += `Targeting container "${d.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`;
  }
  if (d.tty && !interactive) fail("error: -i/--stdin is required for containers with -t/--tty=true", stdout);

  // Run: the builder (pods by default), then each target in turn; the first error ends it.
  const cluster = server(ctx);
  const ns = namespaceOf(inv);
  let stderr = "";
  const exit = (e: unknown): never => {
    if (e instanceof StatusError) fail(stderr + renderStatusError(e), stdout);
    throw e;
  };
  for (const t of resolveTargets(ctx, inv, targets, stdout)) {
    const obj = cluster.store.get(t.info.kind, t.info.namespaced ? t.namespace ?? ns : undefined, t.name);
    if (!obj) exit(notFoundError(t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource, t.name));
    let pod: KObject;
    let container: string;
    try {
      if (obj!.kind === "Node") {
        const name = `node-debugger-${obj!.metadata.name}-${cluster.rng.k8sSuffix(5)}`;
        const spec = nodeDebugPod(d, obj!.metadata.name, name);
        if (!quiet) stdout += `Creating debugging pod ${name} with container ${spec.spec.containers[0].name} on node ${obj!.metadata.name}.\n`;
        pod = cluster.api.create(spec, ns).obj;
        container = spec.spec.containers[0].name;
      } else if (obj!.kind === "Pod") {
        const taken = (p: Obj) => new Set([...(p.spec.containers ?? []), ...(p.spec.initContainers ?? []), ...(p.spec.ephemeralContainers ?? [])].map((c: Obj) => c.name));
        // computeDebugContainerName: debugger-<5>, drawn until free, announced unless -q.
        const newName = (p: Obj) => {
          let n = "";
          while (!n || taken(p).has(n)) n = `debugger-${cluster.rng.k8sSuffix(5)}`;
          if (!quiet) stdout += `Defaulting debug container name to ${n}.\n`;
          return n;
        };
        if (copyTo) {
          const share = inv.flags.changed("share-processes") ? inv.flags.bool("share-processes") : undefined;
          const made = podCopy(d, obj!, copyTo, { sameNode: inv.flags.bool("same-node"), shareProcesses: share, setImages, newName: () => newName(obj!) });
          if ("error" in made) fail(`${stderr}error: ${made.error}`, stdout);
          pod = cluster.api.create(made.pod, ns).obj;
          container = made.container;
          if (inv.flags.bool("replace")) cluster.api.deletePod(obj!, 0);
        } else {
          container = d.container || newName(obj!);
          const ec = debugContainer(d, container);
          pod = updateEphemeralContainers(cluster, obj!, [...((obj!.spec as Obj).ephemeralContainers ?? []), ec]);
        }
      } else {
        fail(`${stderr}error: "${t.info.group ? `${t.info.group}/` : ""}${t.info.version}, Kind=${obj!.kind}" not supported by debug`, stdout);
      }
    } catch (e) {
      exit(e);
    }
    cluster.world.settle();
    if (!attach || !container!) continue;
    const r = attachDebugContainer(ctx, pod!, container!, isInteractiveShell(d.args, interactive) && !d.args.length ? "shell" : "stream", { interactive, tty: d.tty });
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.exitCode !== 0) return { exitCode: r.exitCode, stdout, stderr };
  }
  return { exitCode: 0, stdout, stderr };
}

/**
 * The builder's FilenameParam + ResourceNames("pods", …): the files' objects first (by name, in
 * their own namespace), then each argument — a bare NAME is a pod, TYPE/NAME any kind.
 */
function resolveTargets(ctx: KubectlContext, inv: Invocation, targets: string[], stdout: string): { info: KindInfo; name: string; namespace?: string }[] {
  const out: { info: KindInfo; name: string; namespace?: string }[] = [];
  const files = inv.flags.list("filename");
  if (files.length) {
    const read = readManifests(ctx, files, false);
    if (read.errors.length) fail(`error: ${read.errors[0]}`, stdout);
    for (const m of read.objects) out.push({ info: m.info, name: String(m.obj.metadata?.name ?? ""), namespace: m.obj.metadata?.namespace });
  }
  for (const t of targets) {
    const slash = t.indexOf("/");
    if (slash < 0) {
      out.push({ info: kindInfo("Pod")!, name: t });
      continue;
    }
    const [type, name, ...more] = t.split("/");
    if (more.length) fail("error: arguments in resource/name form may not have more than one slash", stdout);
    if (!type || !name) fail("error: arguments in resource/name form must have a single resource and name", stdout);
    const info = resolveResource(t.slice(0, slash));
    if (!info) fail(`error: the server doesn't have a resource type "${t.slice(0, slash)}"`, stdout);
    out.push({ info: info!, name: t.slice(slash + 1) });
  }
  return out;
}
