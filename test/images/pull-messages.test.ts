import { describe, expect, it } from "vitest";
import {
  type ResolveFailure, dockerPullFailure, dockerPullProgress, dockerRunPullFailure, formatDockerCliError, k8sBackOffMessage,
  k8sInvalidImageNameMessage, k8sNeverPullMessage, k8sPulledMessage, k8sPullFailedMessage, mustParse, parseImageReference,
  resolveImage, swarmDigestWarning, swarmInvalidImage, swarmNoSuchImage,
} from "../../src/sim/images";

const failure = (ref: string): ResolveFailure => {
  const r = resolveImage(ref);
  if (r.ok) throw new Error(`${ref} resolves`);
  return r.reason;
};

describe("Docker CLI pull failures (images.md §2.1)", () => {
  it.each([
    ["ngnix", "classic", "Unable to find image 'ngnix:latest' locally\ndocker: Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied.\nSee 'docker run --help'.\n"],
    ["nginx:nope", "classic", "Unable to find image 'nginx:nope' locally\ndocker: Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown.\nSee 'docker run --help'.\n"],
    ["ngnix", "v28", "Unable to find image 'ngnix:latest' locally\ndocker: Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n"],
  ] as const)("docker run %s (%s)", (ref, style, stderr) => {
    expect(dockerRunPullFailure(mustParse(ref), failure(ref), "run", style)).toEqual({ stderr, exitCode: 125 });
  });

  it.each([
    ["ngnix", "Using default tag: latest\n", "Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n"],
    ["nginx:nope", "", "Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown\n"],
    ["bretfisher/examplevotingapp_vot", "Using default tag: latest\n", "Error response from daemon: pull access denied for bretfisher/examplevotingapp_vot, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n"],
  ])("docker pull %s", (ref, stdout, stderr) => {
    expect(dockerPullFailure(mustParse(ref), failure(ref))).toEqual({ stdout, stderr, exitCode: 1 });
  });

  it("invalid reference formats print through the same CLI error formatter", () => {
    const r = parseImageReference("Nginx");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatDockerCliError("run", r.message, "classic"))
      .toBe("docker: invalid reference format: repository name (library/Nginx) must be lowercase.\nSee 'docker run --help'.\n");
  });

  it("a successful pull lists layers, digest and status, and docker pull ends with the full reference", () => {
    const r = resolveImage("nginx");
    if (!r.ok) throw new Error("nginx");
    const out = dockerPullProgress(r.image, false, true).split("\n");
    expect(out[0]).toBe("latest: Pulling from library/nginx");
    expect(out.filter((l) => / Pull complete$/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(out).toContain(`Digest: ${r.image.digest}`);
    expect(out).toContain("Status: Downloaded newer image for nginx:latest");
    expect(out.at(-2)).toBe("docker.io/library/nginx:latest");
    expect(dockerPullProgress(r.image, true, false)).toBe(`latest: Pulling from library/nginx\nDigest: ${r.image.digest}\nStatus: Image is up to date for nginx:latest\n`);
    expect(dockerPullProgress(r.image, false, false)).toBe(dockerPullProgress(resolveImage("nginx:latest").ok ? r.image : r.image, false, false));
  });
});

describe("Swarm (images.md §2.2)", () => {
  it("service create warns that the digest could not be recorded", () => {
    expect(swarmDigestWarning(mustParse("ngnix"))).toBe(
      "image ngnix:latest could not be accessed on a registry to record\n" +
      "its digest. Each node will access ngnix:latest independently,\n" +
      "possibly leading to different nodes running different\n" +
      "versions of the image.\n");
  });
  it("tasks are rejected with No such image, as the spec names the image", () => {
    expect(swarmNoSuchImage("ngnix:latest")).toBe("No such image: ngnix:latest");
    expect(swarmNoSuchImage("nginx:1.25@sha256:abc")).toBe("No such image: nginx:1.25@sha256:abc");
  });
  it("an invalid image is refused by the manager", () => {
    expect(swarmInvalidImage("Nginx")).toBe('Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "Nginx" is not a valid repository/tag');
  });
});

describe("Kubernetes kubelet events (images.md §2.3, kubernetes.md §13.3)", () => {
  it.each([
    ["ngnix", 'Failed to pull image "ngnix": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'],
    ["nginx:1.99", 'Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found'],
    ["nginx:latets", 'Failed to pull image "nginx:latets": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:latets": failed to resolve reference "docker.io/library/nginx:latets": docker.io/library/nginx:latets: not found'],
    ["registry.k8s.io/goproxy", 'Failed to pull image "registry.k8s.io/goproxy": rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/goproxy:latest": failed to resolve reference "registry.k8s.io/goproxy:latest": registry.k8s.io/goproxy:latest: not found'],
    ["myregistry.local/app:1.0", 'Failed to pull image "myregistry.local/app:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "myregistry.local/app:1.0": failed to resolve reference "myregistry.local/app:1.0": failed to do request: Head "https://myregistry.local/v2/app/manifests/1.0": dial tcp: lookup myregistry.local on 10.96.0.10:53: no such host'],
  ])("Failed event for %s", (image, message) => {
    expect(k8sPullFailedMessage(image, mustParse(image), failure(image))).toBe(message);
  });

  it("back-off, never-pull, pulled and invalid-name messages", () => {
    expect(k8sBackOffMessage("ngnix")).toBe('Back-off pulling image "ngnix"');
    expect(k8sNeverPullMessage("x")).toBe('Container image "x" is not present with pull policy of Never');
    expect(k8sPulledMessage("nginx:1.25", 2345, 71011801)).toBe('Successfully pulled image "nginx:1.25" in 2.345s (2.345s including waiting). Image size: 71011801 bytes.');
    const r = parseImageReference("Nginx");
    expect(!r.ok && k8sInvalidImageNameMessage("Nginx", r.message)).toBe(
      'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase');
  });
});
