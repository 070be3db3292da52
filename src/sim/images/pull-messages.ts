// The real texts of pulling, by client (images.md §2): the Docker daemon's errors and how
// `docker run|create|pull` print them, Swarm's digest warning and task error, and the kubelet's
// image events (containerd CRI). Structure first: a PullFailure kind in, exact strings out.

import { layerIds } from "./digest";
import type { ResolveFailure } from "./resolve";
import type { ImageFacts, ImageReference } from "./types";

// ---- Docker daemon (classic image store, Engine 20.10–28) -----------------------------------

/** The daemon's error text for a failed pull (no "Error response from daemon: " prefix). */
export function dockerPullErrorMessage(ref: ImageReference, failure: ResolveFailure): string {
  switch (failure) {
    case "repository-not-found":
      return `pull access denied for ${ref.familiarName}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
    case "tag-not-found":
      return `manifest for ${ref.familiar} not found: manifest unknown: manifest unknown`;
    case "registry-unreachable": {
      // A loopback registry is insecure by default (127.0.0.0/8): the daemon falls back to plain
      // HTTP, and nothing listens there — the last endpoint's error, from the first address tried.
      const loop = loopback(ref.registry);
      if (loop) return `Get "http://${ref.registry}/v2/": dial tcp ${loop}: connect: connection refused`;
      return `Get "https://${ref.registry}/v2/": dial tcp: lookup ${ref.registry.replace(/:\d+$/, "")} on 127.0.0.53:53: no such host`;
    }
    case "invalid-reference":
      return "invalid reference format";
  }
}

/** The address a dial to a loopback registry host fails at ("[::1]:5000" for localhost:5000); undefined for other hosts. */
function loopback(registry: string): string | undefined {
  const m = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::(\d+))?$/.exec(registry);
  if (!m) return undefined;
  const port = m[2] ?? "443";
  return `${m[1] === "localhost" ? "[::1]" : m[1]}:${port}`;
}

export type DockerCliStyle = "classic" | "v28";

/**
 * How `docker run|create` prints a daemon or parse error (docker/cli reportError): classic is
 * `docker: <err>.` + `See 'docker run --help'.`; CLI 28 is `docker: <err>`, a blank line and
 * `Run 'docker run --help' for more information` (images.md §2.1 [ver]).
 */
export function formatDockerCliError(command: string, message: string, style: DockerCliStyle = "v28"): string {
  if (style === "classic") return `docker: ${message.replace(/\.$/, "")}.\nSee 'docker ${command} --help'.\n`;
  return `docker: ${message}\n\nRun 'docker ${command} --help' for more information\n`;
}

export const unableToFindLocally = (ref: ImageReference): string => `Unable to find image '${ref.familiar}' locally\n`;

/** `docker run|create IMAGE` when the pull fails: stderr and exit code 125. */
export function dockerRunPullFailure(
  ref: ImageReference, failure: ResolveFailure, command: "run" | "create" = "run", style: DockerCliStyle = "v28",
): { stderr: string; exitCode: number } {
  const daemon = `Error response from daemon: ${dockerPullErrorMessage(ref, failure)}`;
  return { stderr: unableToFindLocally(ref) + formatDockerCliError(command, daemon, style), exitCode: 125 };
}

/** `docker pull IMAGE` when the pull fails: stdout, stderr, exit 1. */
export function dockerPullFailure(ref: ImageReference, failure: ResolveFailure): { stdout: string; stderr: string; exitCode: number } {
  return {
    stdout: defaultTagNotice(ref),
    stderr: `Error response from daemon: ${dockerPullErrorMessage(ref, failure)}\n`,
    exitCode: 1,
  };
}

/** "Using default tag: latest" when the user gave neither tag nor digest. */
export function defaultTagNotice(ref: ImageReference): string {
  const written = ref.written.slice(ref.written.lastIndexOf("/") + 1);
  return written.includes(":") || written.includes("@") ? "" : "Using default tag: latest\n";
}

/**
 * The progress lines of a pull: `latest: Pulling from library/nginx`, one `<id>: Pull complete`
 * per layer, `Digest:`, `Status:`; `docker pull` adds the full reference as last line.
 */
export function dockerPullProgress(image: ImageFacts, alreadyPresent: boolean, withFullRef: boolean): string {
  const { ref } = image;
  const path = ref.registry === "docker.io" ? ref.repository : ref.name;
  const lines = [`${ref.tag ?? ref.digest}: Pulling from ${path}`];
  if (!alreadyPresent) for (const id of layerIds(image.digest, image.layers)) lines.push(`${id}: Pull complete`);
  lines.push(`Digest: ${image.digest}`);
  lines.push(alreadyPresent ? `Status: Image is up to date for ${ref.familiar}` : `Status: Downloaded newer image for ${ref.familiar}`);
  if (withFullRef) lines.push(ref.full);
  return lines.join("\n") + "\n";
}

// ---- Swarm ------------------------------------------------------------------------------------

/** stderr of `docker service create|update` when the CLI cannot resolve the digest (the service is still created). */
export function swarmDigestWarning(ref: ImageReference): string {
  const image = ref.familiar;
  return `image ${image} could not be accessed on a registry to record\n` +
    `its digest. Each node will access ${image} independently,\n` +
    `possibly leading to different nodes running different\n` +
    `versions of the image.\n`;
}

/** A task's error when its node cannot get the image (task state Rejected): image as in the spec. */
export const swarmNoSuchImage = (specImage: string): string => `No such image: ${specImage}`;

/** `docker service create Nginx` *(approx.)*. */
export const swarmInvalidImage = (written: string): string =>
  `Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "${written}" is not a valid repository/tag`;

// ---- Kubernetes (kubelet events, containerd CRI) ---------------------------------------------

export const K8S_ERR_IMAGE_PULL = "ErrImagePull";
export const K8S_IMAGE_PULL_BACKOFF = "ImagePullBackOff";
export const K8S_INVALID_IMAGE_NAME = "InvalidImageName";
export const K8S_ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";

export const k8sPullingMessage = (image: string): string => `Pulling image "${image}"`;
export const k8sAlreadyPresentMessage = (image: string): string => `Container image "${image}" already present on machine`;
export const k8sBackOffMessage = (image: string): string => `Back-off pulling image "${image}"`;
export const k8sErrorMessage = (reason: string): string => `Error: ${reason}`;
export const k8sNeverPullMessage = (image: string): string =>
  `Container image "${image}" is not present with pull policy of Never`;

/** `Successfully pulled image "nginx:1.25" in 2.345s (2.345s including waiting). Image size: 71011801 bytes.` */
export function k8sPulledMessage(image: string, pullMs: number, sizeBytes: number): string {
  const d = `${(pullMs / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;
  return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${sizeBytes} bytes.`;
}

/** The `Failed` event (and container message) when containerd cannot pull `image` as written in the spec. */
export function k8sPullFailedMessage(image: string, ref: ImageReference, failure: ResolveFailure): string {
  const full = ref.full;
  const prefix = `Failed to pull image "${image}": rpc error: code =`;
  const unpack = `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
  switch (failure) {
    case "tag-not-found":
      return `${prefix} NotFound desc = ${unpack}: ${full}: not found`;
    case "registry-unreachable": {
      const host = ref.registry.replace(/:\d+$/, "");
      // containerd speaks plain HTTP to localhost registries by default; the node's own loopback refuses.
      const loop = loopback(ref.registry);
      if (loop) return `${prefix} Unknown desc = ${unpack}: failed to do request: Head "http://${ref.registry}/v2/${ref.repository}/manifests/${ref.digest ?? ref.tag}": dial tcp ${loop.replace(/:443$/, ":80")}: connect: connection refused`;
      return `${prefix} Unknown desc = ${unpack}: failed to do request: Head "https://${ref.registry}/v2/${ref.repository}/manifests/${ref.digest ?? ref.tag}": dial tcp: lookup ${host} on 10.96.0.10:53: no such host`;
    }
    default:
      return `${prefix} Unknown desc = ${unpack}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
}

/** The InspectFailed event / container message for an unparsable image (state Waiting InvalidImageName). */
export const k8sInvalidImageNameMessage = (image: string, parseError: string): string =>
  `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${parseError}`;
