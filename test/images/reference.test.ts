import { describe, expect, it } from "vitest";
import { ERR_REFERENCE_INVALID_FORMAT, parseImageReference } from "../../src/sim/images";

describe("parseImageReference: normalisation (images.md §1.1)", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest", "nginx:latest", "library/nginx"],
    ["nginx:1.25-alpine", "docker.io/library/nginx:1.25-alpine", "nginx:1.25-alpine", "library/nginx"],
    ["library/redis", "docker.io/library/redis:latest", "redis:latest", "library/redis"],
    ["docker.io/library/redis", "docker.io/library/redis:latest", "redis:latest", "library/redis"],
    ["index.docker.io/library/redis:7", "docker.io/library/redis:7", "redis:7", "library/redis"],
    ["bretfisher/examplevotingapp_vote", "docker.io/bretfisher/examplevotingapp_vote:latest", "bretfisher/examplevotingapp_vote:latest", "bretfisher/examplevotingapp_vote"],
    ["prom/prometheus", "docker.io/prom/prometheus:latest", "prom/prometheus:latest", "prom/prometheus"],
    ["registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9", "pause"],
    ["localhost:5000/myapp", "localhost:5000/myapp:latest", "localhost:5000/myapp:latest", "myapp"],
    ["localhost/myapp:1", "localhost/myapp:1", "localhost/myapp:1", "myapp"],
    ["registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.40", "e2e-test-images/agnhost"],
  ])("%s → %s", (written, full, familiar, repository) => {
    const r = parseImageReference(written);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ref.full).toBe(full);
    expect(r.ref.familiar).toBe(familiar);
    expect(r.ref.repository).toBe(repository);
    expect(r.ref.written).toBe(written);
  });

  it("an upper-case first component is a registry host, as splitDockerDomain decides", () => {
    const r = parseImageReference("myUser/app");
    expect(r.ok && r.ref).toMatchObject({ registry: "myUser", repository: "app", full: "myUser/app:latest" });
  });

  it("a digest pins the image; the tag is kept in the familiar form and dropped from containerd's", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const r = parseImageReference(`nginx:1.25@${digest}`);
    expect(r.ok && r.ref).toMatchObject({ tag: "1.25", digest, familiar: `nginx:1.25@${digest}`, full: `docker.io/library/nginx@${digest}` });
    const bare = parseImageReference(`nginx@${digest}`);
    expect(bare.ok && bare.ref.tag).toBeUndefined();
    expect(bare.ok && bare.ref.familiar).toBe(`nginx@${digest}`);
  });
});

describe("parseImageReference: invalid references (images.md §2.4)", () => {
  it.each([
    ["Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase"],
    ["bretfisher/Vote", "invalid reference format: repository name (bretfisher/Vote) must be lowercase"],
    ["docker.io/Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase"],
    ["nginx:", ERR_REFERENCE_INVALID_FORMAT],
    ["my_private.registry:5000/redis", ERR_REFERENCE_INVALID_FORMAT],
    ["nginx latest", ERR_REFERENCE_INVALID_FORMAT],
    ["nginx:1.25:alpine", ERR_REFERENCE_INVALID_FORMAT],
    ["nginx@sha256:abc", ERR_REFERENCE_INVALID_FORMAT],
    [`nginx@sha256:${"a".repeat(63)}0a`, "invalid checksum digest length"],
    ["", "repository name must have at least one component"],
    ["a".repeat(64).replace(/a/g, "f"), `invalid repository name (${"f".repeat(64)}), cannot specify 64-byte hexadecimal strings`],
  ])("%j → %s", (written, message) => {
    expect(parseImageReference(written)).toEqual({ ok: false, message });
  });
});
