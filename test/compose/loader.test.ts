// The Compose loaders: compose-go wording for `docker compose`, docker/cli v3 wording for stacks.
import { describe, expect, it } from "vitest";
import { loadCompose, loadStack } from "../../src/sim/docker/compose/load";

const f = (text: string) => [{ path: "/root/compose.yaml", text }];

describe("docker compose loader", () => {
  it.each([
    ["services:\n  web:\n    imag: nginx\n", "validating /root/compose.yaml: services.web additional properties 'imag' not allowed"],
    ["servics:\n  web:\n    image: nginx\n", "validating /root/compose.yaml: (root) additional properties 'servics' not allowed"],
    ["services:\n  web:\n    image: nginx\n    ports: \"80\"\n", "validating /root/compose.yaml: services.web.ports must be a array"],
    ["services:\n  web:\n    ports: [\"80\"]\n", "service \"web\" has neither an image nor a build context specified: invalid compose project"],
    ["services:\n  web:\n    image: nginx\n    depends_on: [db]\n", "service \"web\" depends on undefined service \"db\": invalid compose project"],
    ["services:\n  web:\n    image: nginx:${TAG:?TAG must be set}\n", "error while interpolating services.web.image: required variable TAG is missing a value: TAG must be set"],
  ])("rejects %j", (text, error) => {
    const r = loadCompose(f(text), {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(error);
  });

  it("interpolates from the environment with defaults, anchors and merge keys", () => {
    const r = loadCompose(f("x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:${TAG:-1.25}\n    ports: [\"${PORT}:80\"]\n"), { PORT: "8080" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const web = r.model.services[0]!;
    expect(web.image).toBe("nginx:1.25");
    expect(web.restart).toBe("always");
    expect(web.ports).toEqual([{ mode: "ingress", target: 80, published: "8080", protocol: "tcp" }]);
  });

  it("warns about unset variables and the obsolete version attribute", () => {
    const r = loadCompose(f("version: '3.8'\nservices:\n  web:\n    image: nginx:${TAG}\n"), {});
    expect(r.warnings).toContain('The "TAG" variable is not set. Defaulting to a blank string.');
    expect(r.warnings.some((w) => w.includes("the attribute `version` is obsolete"))).toBe(true);
  });
});

describe("docker stack loader (docker/cli v3)", () => {
  it.each([
    ["services:\n  web:\n    image: nginx\n    ports: \"80\"\n", "services.web.ports must be a list"],
    ["services:\n  web:\n    image: nginx\n    environment: 5\n", "services.web.environment must be a mapping"],
    ["services:\n  web:\n    image: nginx\n    deploy: {replicas: x}\n", "services.web.deploy.replicas must be a integer"],
    ["name: x\nservices:\n  web:\n    image: nginx\n", "(root) Additional property name is not allowed"],
    ["services:\n  web:\n    image: nginx\n    mem_limit: 5m\n", "Configuration contains forbidden properties"],
    ["version: '2.4'\nservices:\n  web:\n    image: nginx\n", "unsupported Compose file version: 2.4"],
    ["services:\n  web:\n    image: nginx:${TAG:?TAG must be set}\n", 'invalid interpolation format for services.web.image: "required variable TAG is missing a value: TAG must be set"; you may need to escape any $ with another $'],
  ])("rejects %j", (text, error) => {
    const r = loadStack(f(text), {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(error);
  });

  it("collects unsupported and deprecated keys", () => {
    const r = loadStack(f("services:\n  web:\n    build: .\n    image: x\n    restart: always\n    container_name: w\n"), {});
    expect(r.ok && r.unsupported).toEqual(["build", "restart"]);
    expect(r.ok && r.deprecated).toEqual(["container_name"]);
  });
});
