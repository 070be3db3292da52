// The captured CLI specs (src/sim/cli/specs): well-formed, complete for the families we simulate,
// spot-checked against facts of the real clients, and — where the real clients are installed —
// compared byte for byte with their current `--help` output.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  composeSpec,
  dockerSpec,
  findCommand,
  findFlag,
  kubectlSpec,
  resolveCommand,
  type CliSpec,
  type CommandSpec,
  type FlagSpec,
} from "../../src/sim/cli/specs";
import { Session } from "../../src/sim";

const specs: [string, CliSpec][] = [
  ["docker", dockerSpec],
  ["kubectl", kubectlSpec],
  ["compose", composeSpec],
];

// Commands whose `subcommands` list more than was captured (the capture is restricted to the
// families the simulator needs), with the subcommands that must have been captured.
const PARTIAL: Record<string, string[]> = {
  docker: [
    "swarm", "node", "service", "network", "secret", "config", "stack", "volume", "ps", "run", "rm",
    "stop", "start", "restart", "logs", "exec", "inspect", "info", "version", "pull", "images", "rmi",
    "kill", "create", "container", "image", "pause", "unpause", "system", "tag",
  ],
  "docker container": [
    "ls", "run", "create", "start", "stop", "restart", "kill", "rm", "logs", "exec", "inspect", "pause", "unpause", "prune",
  ],
  "docker image": ["ls", "rm", "pull", "inspect", "prune", "tag"],
  kubectl: [
    "get", "describe", "create", "apply", "delete", "run", "expose", "label", "annotate", "scale", "set",
    "rollout", "taint", "cordon", "uncordon", "drain", "logs", "exec", "edit", "explain", "api-resources",
    "version", "wait", "top", "patch", "replace", "config", "cluster-info",
  ],
  "kubectl create": [
    "deployment", "secret", "configmap", "service", "namespace", "job", "cronjob", "ingress",
  ],
  "kubectl set": ["image", "env", "resources"],
  "kubectl config": ["view", "current-context"],
  "docker compose": [
    "up", "down", "ps", "ls", "start", "stop", "restart", "rm", "logs", "config", "pull", "exec", "run",
    "scale", "top", "images", "version", "build", "create", "events", "kill", "pause", "unpause", "port",
  ],
};

const parentOf = (path: string) => path.slice(0, path.lastIndexOf(" "));

function flagOf(spec: CliSpec, path: string, name: string): FlagSpec {
  const cmd = findCommand(spec, path);
  expect(cmd, path).toBeDefined();
  const flag = findFlag(cmd!, name);
  expect(flag, `${path} --${name}`).toBeDefined();
  return flag!;
}

describe.each(specs)("%s spec is well-formed", (name, spec) => {
  const commands = Object.values(spec.commands);

  it("has a tool, a version and commands keyed by their path, in sorted order", () => {
    expect(["docker", "kubectl"]).toContain(spec.tool);
    expect(spec.version).toMatch(/^v?\d+\.\d+\.\d+/);
    expect(commands.length).toBeGreaterThan(10);
    const keys = Object.keys(spec.commands);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const [key, cmd] of Object.entries(spec.commands)) {
      expect(cmd.path).toBe(key);
      expect(key.startsWith(`${spec.tool}`)).toBe(true);
      expect(Object.keys(cmd)).toEqual(["path", "use", "aliases", "short", "flags", "subcommands", "help"]);
      expect(cmd.use.length, key).toBeGreaterThan(0);
      expect(cmd.short.length, key).toBeGreaterThan(0);
      expect(cmd.help.length, key).toBeGreaterThan(0);
      expect(cmd.help.endsWith("\n"), key).toBe(true);
    }
  });

  it("gives every flag a name, a type and a usage; names and shorthands are unique", () => {
    for (const cmd of [...commands, { path: "(global)", flags: spec.globalFlags } as CommandSpec]) {
      const names = new Set<string>();
      const shorts = new Set<string>();
      for (const f of cmd.flags) {
        expect(f.name, cmd.path).toMatch(/^[A-Za-z0-9][\w.-]*$/);
        expect(typeof f.type, `${cmd.path} --${f.name}`).toBe("string");
        expect(f.type.length, `${cmd.path} --${f.name}`).toBeGreaterThan(0);
        expect(typeof f.usage).toBe("string");
        expect(typeof f.repeated).toBe("boolean");
        if (f.short !== undefined) expect(f.short, `${cmd.path} --${f.name}`).toMatch(/^\S$/);
        if (f.default !== undefined) expect(typeof f.default).toBe("string");
        if (f.noOptDefault !== undefined) expect(f.type).not.toBe("bool");
        expect(names.has(f.name), `${cmd.path}: duplicate --${f.name}`).toBe(false);
        names.add(f.name);
        if (f.short) {
          expect(shorts.has(f.short), `${cmd.path}: duplicate -${f.short}`).toBe(false);
          shorts.add(f.short);
        }
        if (["stringArray", "stringSlice", "list", "filter"].includes(f.type)) expect(f.repeated).toBe(true);
        if (["bool", "string", "int", "uint", "duration"].includes(f.type)) expect(f.repeated).toBe(false);
      }
    }
  });

  it("has an entry for every subcommand listed (all of them, or the required ones of a partial command)", () => {
    for (const cmd of commands) {
      const mustHave = PARTIAL[cmd.path] ?? cmd.subcommands;
      for (const sub of mustHave) {
        expect(cmd.subcommands, `${cmd.path} lists ${sub}`).toContain(sub);
        expect(spec.commands[`${cmd.path} ${sub}`], `${cmd.path} ${sub}`).toBeDefined();
      }
    }
  });

  it("has each command listed by its parent", () => {
    for (const cmd of commands) {
      const parent = spec.commands[parentOf(cmd.path)];
      if (!parent || cmd.path === "kubectl options") continue;
      expect(parent.subcommands, cmd.path).toContain(cmd.path.slice(cmd.path.lastIndexOf(" ") + 1));
    }
  });

  it("is stored pretty-printed exactly as the capture script writes it", () => {
    const file = name === "compose" ? "docker-compose.json" : `${name}.json`;
    const text = readFileSync(fileURLToPath(new URL(`../../src/sim/cli/specs/${file}`, import.meta.url)), "utf8");
    expect(JSON.stringify(JSON.parse(text), null, 2) + "\n").toBe(text);
  });
});

describe("spot checks against the real clients", () => {
  it("docker service create", () => {
    expect(flagOf(dockerSpec, "service create", "replicas")).toMatchObject({ type: "uint", repeated: false });
    expect(flagOf(dockerSpec, "service create", "env")).toMatchObject({ short: "e", type: "list", repeated: true });
    expect(flagOf(dockerSpec, "service create", "-e").name).toBe("env");
    expect(flagOf(dockerSpec, "service create", "constraint")).toMatchObject({ type: "list", repeated: true });
    expect(flagOf(dockerSpec, "service create", "publish")).toMatchObject({ short: "p", type: "port", repeated: true });
    expect(flagOf(dockerSpec, "service create", "mode")).toMatchObject({ type: "string", default: "replicated" });
    expect(flagOf(dockerSpec, "service create", "mode").usage).toBe(
      'Service mode ("replicated", "global", "replicated-job", "global-job")',
    );
    expect(flagOf(dockerSpec, "service create", "detach")).toMatchObject({ short: "d", type: "bool" });
    expect(flagOf(dockerSpec, "service create", "restart-delay")).toMatchObject({ type: "duration", default: "5s" });
    expect(flagOf(dockerSpec, "service create", "limit-pids").default).toBeUndefined(); // "(default 0 = unlimited)" is prose
    expect(findCommand(dockerSpec, "service create")!.use).toBe("docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]");
  });

  it("docker aliases and subcommands", () => {
    const ls = findCommand(dockerSpec, "docker service ls")!;
    expect(ls.aliases).toEqual(["list"]);
    expect(findCommand(dockerSpec, "service list")).toBe(ls);
    expect(findCommand(dockerSpec, "stack rm")!.aliases).toEqual(["remove", "down"]);
    expect(findCommand(dockerSpec, "stack up")!.path).toBe("docker stack deploy");
    expect(findCommand(dockerSpec, "ps")!.aliases).toEqual([]);
    expect(findCommand(dockerSpec, "swarm")!.subcommands).toEqual([
      "ca", "init", "join", "join-token", "leave", "unlock", "unlock-key", "update",
    ]);
    expect(findCommand(dockerSpec, "")!.path).toBe("docker");
    expect(findCommand(dockerSpec, "attach")).toBeUndefined(); // listed, not captured
    expect(findCommand(dockerSpec, "service nope")).toBeUndefined();
    expect(dockerSpec.globalFlags.map((f) => f.name)).toContain("host");
    expect(dockerSpec.commands["docker"]!.help).toContain("Swarm Commands:\n  config      Manage Swarm configs\n");
  });

  it("kubectl get", () => {
    expect(flagOf(kubectlSpec, "get", "output")).toMatchObject({ short: "o", type: "string", default: "" });
    expect(flagOf(kubectlSpec, "get", "selector")).toMatchObject({ short: "l", type: "string" });
    expect(flagOf(kubectlSpec, "get", "all-namespaces")).toMatchObject({ short: "A", type: "bool", default: "false" });
    expect(flagOf(kubectlSpec, "get", "filename")).toMatchObject({ short: "f", type: "stringSlice", repeated: true });
    expect(flagOf(kubectlSpec, "get", "chunk-size")).toMatchObject({ type: "int", default: "500" });
    expect(findCommand(kubectlSpec, "get")!.aliases).toEqual([]);
  });

  it("kubectl rollout, create, flags with a no-option default", () => {
    expect(flagOf(kubectlSpec, "rollout undo", "to-revision")).toMatchObject({ type: "int", default: "0" });
    expect(findCommand(kubectlSpec, "rollout")!.subcommands).toEqual([
      "history", "pause", "restart", "resume", "status", "undo",
    ]);
    expect(flagOf(kubectlSpec, "create deployment", "dry-run")).toMatchObject({
      type: "string", default: "none", noOptDefault: "unchanged",
    });
    expect(flagOf(kubectlSpec, "create deployment", "replicas")).toMatchObject({ short: "r", type: "int32", default: "1" });
    expect(flagOf(kubectlSpec, "create configmap", "from-literal")).toMatchObject({ type: "stringArray", repeated: true });
    expect(flagOf(kubectlSpec, "create configmap", "from-file")).toMatchObject({ type: "stringSlice", repeated: true });
    expect(flagOf(kubectlSpec, "delete", "cascade")).toMatchObject({ default: "background", noOptDefault: "background" });
    expect(flagOf(kubectlSpec, "apply", "validate")).toMatchObject({ default: "strict", noOptDefault: "strict" });
    expect(flagOf(kubectlSpec, "get", "output").noOptDefault).toBeUndefined();
    expect(flagOf(kubectlSpec, "delete", "timeout")).toMatchObject({ type: "duration", default: "0s" });
    expect(findCommand(kubectlSpec, "create cm")!.path).toBe("kubectl create configmap");
    expect(findCommand(kubectlSpec, "create deploy")!.path).toBe("kubectl create deployment");
    expect(findCommand(kubectlSpec, "create secret generic")!.use).toMatch(/^kubectl create secret generic NAME/);
    const ns = kubectlSpec.globalFlags.find((f) => f.name === "namespace");
    expect(ns).toMatchObject({ short: "n", type: "string", default: "" });
    expect(findCommand(kubectlSpec, "options")!.help).toMatch(/^The following options can be passed to any command:/);
  });

  it("docker compose (hand-written)", () => {
    expect(composeSpec.source).toMatch(/hand-written from docs/);
    expect(findCommand(composeSpec, "compose up")).toBe(findCommand(composeSpec, "docker compose up"));
    expect(flagOf(composeSpec, "compose up", "detach")).toMatchObject({ short: "d", type: "bool" });
    expect(flagOf(composeSpec, "compose up", "scale")).toMatchObject({ type: "stringArray", repeated: true });
    expect(flagOf(composeSpec, "compose ps", "format")).toMatchObject({ type: "string", default: "table" });
    expect(composeSpec.globalFlags.find((f) => f.name === "file")).toMatchObject({ short: "f", type: "stringArray" });
    for (const cmd of Object.values(composeSpec.commands)) {
      expect(cmd.help.startsWith(`Usage:  ${cmd.use}\n\n`), cmd.path).toBe(true);
      for (const f of cmd.flags) expect(cmd.help, `${cmd.path} --${f.name}`).toContain(`--${f.name}`);
    }
  });

  it("resolveCommand walks subcommands and leaves the rest", () => {
    const r = resolveCommand(dockerSpec, ["service", "create", "--name", "web", "nginx"]);
    expect(r.command?.path).toBe("docker service create");
    expect(r.rest).toEqual(["--name", "web", "nginx"]);
    expect(resolveCommand(kubectlSpec, ["create", "secret", "generic", "s"]).command?.path).toBe(
      "kubectl create secret generic",
    );
    expect(resolveCommand(kubectlSpec, ["get", "pods"]).rest).toEqual(["pods"]);
    expect(resolveCommand(composeSpec, ["compose", "up", "-d"]).command?.path).toBe("docker compose up");
  });
});

// ---------------------------------------------------------------------------------------------
// Oracle: the stored help must equal what the installed client prints now (same environment as
// scripts/capture-cli-specs.mjs). Skipped when a client is missing or is another version.

const ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/root", KUBECONFIG: "/nonexistent", LANG: "C", LC_ALL: "C", TERM: "dumb" };

function run(bin: string, args: string[]): { code: number; stdout: string; stderr: string } | undefined {
  const r = spawnSync(bin, args, { env: ENV, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 30_000 });
  if (r.error) return undefined;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

// The design baseline is kubectl 1.30; gcloud's SDK installs it beside the default kubectl.
const KUBECTL = existsSync("/usr/lib/google-cloud-sdk/bin/kubectl.1.30") ? "/usr/lib/google-cloud-sdk/bin/kubectl.1.30" : "kubectl";

function installedVersion(tool: "docker" | "kubectl"): string | undefined {
  if (tool === "docker") return /^Docker version ([^,\s]+)/.exec(run("docker", ["--version"])?.stdout ?? "")?.[1];
  const out = run(KUBECTL, ["version", "--client", "-o", "json"])?.stdout;
  try {
    return (JSON.parse(out ?? "") as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion.replace(/-dispatcher$/, "");
  } catch {
    return undefined;
  }
}

const sameMinor = (a: string | undefined, b: string) => a !== undefined && a.replace(/^v/, "").split(".").slice(0, 2).join(".") === b.replace(/^v/, "").split(".").slice(0, 2).join(".");

const dockerOk = sameMinor(installedVersion("docker"), dockerSpec.version);
const kubectlOk = sameMinor(installedVersion("kubectl"), kubectlSpec.version);

describe.skipIf(!dockerOk)("oracle: docker --help (installed docker " + dockerSpec.version + ")", () => {
  it("prints the stored help for every captured docker command", () => {
    for (const cmd of Object.values(dockerSpec.commands)) {
      const args = [...cmd.path.split(" ").slice(1), "--help"];
      const r = run("docker", args)!;
      // The root help lists installed CLI plugins (compose*, buildx*): compare only without them.
      if (cmd.path === "docker" && /^ {2}\S+\*\s/m.test(r.stdout)) continue;
      expect(r.code, cmd.path).toBe(0);
      expect(r.stdout, cmd.path).toBe(cmd.help);
    }
  });
});

describe.skipIf(!kubectlOk)("oracle: kubectl --help (installed kubectl " + kubectlSpec.version + ")", () => {
  const sample = [
    "kubectl", "kubectl get", "kubectl describe", "kubectl create", "kubectl create deployment",
    "kubectl create secret generic", "kubectl create service nodeport", "kubectl apply", "kubectl delete",
    "kubectl run", "kubectl expose", "kubectl scale", "kubectl set image", "kubectl rollout",
    "kubectl rollout undo", "kubectl rollout status", "kubectl drain", "kubectl logs", "kubectl exec",
    "kubectl wait", "kubectl top pod", "kubectl config view", "kubectl cluster-info",
  ];
  it("prints the stored help for a sample of kubectl commands", () => {
    for (const path of sample) {
      const cmd = kubectlSpec.commands[path];
      expect(cmd, path).toBeDefined();
      const r = run(KUBECTL, [...path.split(" ").slice(1), "--help"])!;
      expect(r.code, path).toBe(0);
      expect(r.stdout, path).toBe(cmd!.help);
    }
  });
  it("prints the stored global options", () => {
    expect(run(KUBECTL, ["options"])!.stdout).toBe(kubectlSpec.commands["kubectl options"]!.help);
  });
});

describe("kubectl groups alone print their help", () => {
  const groups = ["kubectl rollout", "kubectl set", "kubectl config", "kubectl top", "kubectl create secret", "kubectl create service"];
  const sim = (path: string) => new Session({ seed: "groups" }).run(path, { allowSim: false })[0]!;
  it("rollout on stdout, the others on stderr, exit 1", () => {
    for (const path of groups) {
      const r = sim(path);
      const help = kubectlSpec.commands[path]!.help;
      expect(r.exitCode, path).toBe(1);
      expect(path === "kubectl rollout" ? r.stdout : r.stderr, path).toBe(help);
      expect(path === "kubectl rollout" ? r.stderr : r.stdout, path).toBe("");
    }
  });
  it.skipIf(!kubectlOk)("as the installed kubectl does", () => {
    for (const path of groups) {
      const real = run(KUBECTL, path.split(" ").slice(1))!;
      const r = sim(path);
      expect([r.exitCode, r.stdout, r.stderr], path).toEqual([real.code, real.stdout, real.stderr]);
    }
  });
});
