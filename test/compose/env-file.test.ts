// env_file and environment reaching containers (compose) and services (stack), with the real errors.
import { describe, expect, it } from "vitest";
import { Session } from "../../src/sim";

const ENV_FMT = "docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' root-web-1";

function replay(script: string, files: Record<string, string>, cluster?: object) {
  const session = new Session({ seed: "env-test", files, ...(cluster ? { cluster: cluster as never } : {}) });
  const steps = session.run(script, { allowSim: true });
  return { session, steps };
}

const env = (files: Record<string, string>) => {
  const { steps } = replay(`docker compose up -d\n${ENV_FMT}`, files);
  return { up: steps[0]!, vars: steps[1]!.stdout.split("\n").filter(Boolean) };
};

describe("compose env_file", () => {
  const cases: { name: string; compose: string; files: Record<string, string>; has: string[]; lacks?: string[] }[] = [
    { name: "short form .env", compose: "services:\n  web:\n    image: nginx:1.25\n    env_file: .env\n", files: { ".env": "SHOP_ENV=production\n" }, has: ["SHOP_ENV=production"] },
    {
      name: "list, later file wins, environment overrides both",
      compose: "services:\n  web:\n    image: nginx:1.25\n    env_file: [a.env, b.env]\n    environment:\n      C: from-environment\n",
      files: { "a.env": "A=1\nB=from-a\nC=from-a\n", "b.env": "# comment\nB=from-b\nexport D='quoted value'\nE=\"x ${A}\"\n" },
      has: ["A=1", "B=from-b", "C=from-environment", "D=quoted value", "E=x 1"],
    },
    {
      name: "long form, required: false missing file is skipped",
      compose: "services:\n  web:\n    image: nginx:1.25\n    env_file:\n      - path: ./missing.env\n        required: false\n      - path: ./app.env\n",
      files: { "app.env": "APP=1\n" }, has: ["APP=1"],
    },
    {
      name: "environment key without value takes the .env value",
      compose: "services:\n  web:\n    image: nginx:1.25\n    environment: [SHOP_ENV, UNSET_ONE]\n",
      files: { ".env": "SHOP_ENV=production\n" }, has: ["SHOP_ENV=production"], lacks: ["UNSET_ONE"],
    },
    {
      name: ".env alone only feeds interpolation",
      compose: "services:\n  web:\n    image: nginx:1.25\n",
      files: { ".env": "SHOP_ENV=production\n" }, has: ["NGINX_VERSION=1.25.5"], lacks: ["SHOP_ENV=production"],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { up, vars } = env({ "compose.yaml": c.compose, ...c.files });
      expect(up.exitCode, up.stderr).toBe(0);
      for (const h of c.has) expect(vars).toContain(h);
      for (const l of c.lacks ?? []) expect(vars.some((v) => v.startsWith(l))).toBe(false);
    });
  }

  it("a missing required env file fails with compose's error", () => {
    const { steps } = replay("docker compose up -d", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    env_file: prod.env\n" });
    expect(steps[0]!.exitCode).toBe(1);
    expect(steps[0]!.stderr).toBe("env file /root/prod.env not found: stat /root/prod.env: no such file or directory\n");
  });

  it("config shows the merged environment and no env_file", () => {
    const { steps } = replay("docker compose config", { "compose.yaml": "services:\n  web:\n    image: nginx:1.25\n    env_file: .env\n    environment:\n      B: two\n", ".env": "A=one\n" });
    expect(steps[0]!.stdout).toContain("    environment:\n      A: one\n      B: two\n");
    expect(steps[0]!.stdout).not.toContain("env_file");
  });
});

describe("stack env_file", () => {
  const CLUSTER = { hosts: [{ name: "manager1", ip: "10.0.0.11" }], swarm: { managers: ["manager1"], workers: [] } };
  it("merges env files into the service spec (values verbatim) with environment on top", () => {
    const files = { "stack.yml": "services:\n  web:\n    image: nginx:1.25\n    env_file: app.env\n    environment:\n      A: over\n", "app.env": "A=1\nB=\"q\"\n" };
    const { steps } = replay("docker stack deploy -c stack.yml shop\ndocker service inspect --format '{{json .Spec.TaskTemplate.ContainerSpec.Env}}' shop_web\ndocker stack config -c stack.yml", files, CLUSTER);
    expect(steps[0]!.exitCode, steps[0]!.stderr).toBe(0);
    expect(steps[1]!.stdout).toBe('["A=over","B=\\"q\\""]\n');
    expect(steps[2]!.stdout).toContain("    environment:\n      A: over\n      B: '\"q\"'\n    env_file:\n      - app.env\n");
  });
  it("a missing env file is the loader's open error; a key with spaces is rejected", () => {
    const { steps } = replay("docker stack config -c s.yml\ndocker stack config -c t.yml", {
      "s.yml": "services:\n  web:\n    image: nginx\n    env_file: [nope.env]\n",
      "t.yml": "services:\n  web:\n    image: nginx\n    env_file: bad.env\n", "bad.env": "A B=1\n",
    }, CLUSTER);
    expect(steps[0]!.stderr).toBe("open /root/nope.env: no such file or directory\n");
    expect(steps[1]!.stderr).toBe("invalid env file (/root/bad.env): variable 'A B' contains whitespaces\n");
  });
});
