// Oracle tests: what the real kubectl client decides offline (generators with
// --dry-run=client, client-side argument errors) must match the simulator byte for byte.
// Skipped cleanly when no kubectl binary is installed.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { Session } from "../../src/sim";

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
    return true;
  } catch {
    return false;
  }
}

const FILES: Record<string, string> = {
  "app.properties": "color=blue\nmode=dark\n",
  "db.env": "# comment\nUSER=admin\nPASS=s3cret\n\n",
  "index.html": "<h1>hi</h1>\n",
};

/** Commands (argv after `kubectl`) that the real client answers without a server. */
const CASES: string[][] = [
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "yaml"],
  ["create", "deployment", "web", "--image=nginx:1.25", "--replicas=3", "--port=80", "--dry-run=client", "-o", "yaml"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "json"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "name"],
  ["create", "deployment", "web", "--image=busybox", "--dry-run=client", "-o", "yaml", "--", "sleep", "3600"],
  ["create", "deployment", "web", "--image=nginx", "--image=redis", "--dry-run=client", "-o", "yaml"],
  ["create", "deployment", "web", "--image=nginx", "--image=redis", "--dry-run=client", "-o", "yaml", "--", "sleep", "1"],
  ["create", "namespace", "dev", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--from-literal=user=admin", "--from-literal=pass=s3cr=t", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--from-env-file=db.env", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--from-file=app.properties", "--from-file=page=index.html", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--from-literal=a=1", "--from-literal=a=2", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--from-literal=novalue", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--from-literal=bad key=1", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "db", "--type=kubernetes.io/basic-auth", "--from-literal=username=u", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "generic", "--from-literal=a=b", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "docker-registry", "reg", "--docker-server=r.io", "--docker-username=u", "--docker-password=p", "--docker-email=e@x", "--dry-run=client", "-o", "yaml"],
  ["create", "secret", "docker-registry", "reg", "--docker-username=u", "--docker-password=p", "--dry-run=client", "-o", "yaml"],
  ["create", "configmap", "cfg", "--from-literal=mode=dark", "--from-file=app.properties", "--dry-run=client", "-o", "yaml"],
  ["create", "configmap", "cfg", "--from-env-file=db.env", "--dry-run=client", "-o", "yaml"],
  ["create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=a=2", "--dry-run=client", "-o", "yaml"],
  ["create", "configmap", "cfg", "--from-env-file=db.env", "--from-literal=a=1", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "clusterip", "web", "--tcp=80:8080", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "clusterip", "web", "--tcp=443", "--tcp=80:8080", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "clusterip", "web", "--clusterip=None", "--tcp=80", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "clusterip", "web", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "clusterip", "web", "--tcp=abc", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "nodeport", "web", "--tcp=80:8080", "--node-port=30080", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "loadbalancer", "web", "--tcp=80:8080", "--dry-run=client", "-o", "yaml"],
  ["create", "service", "externalname", "web", "--external-name=example.com", "--dry-run=client", "-o", "yaml"],
  ["create", "job", "once", "--image=busybox", "--dry-run=client", "-o", "yaml", "--", "echo", "hi"],
  ["create", "cronjob", "tick", "--image=busybox", "--schedule=*/1 * * * *", "--dry-run=client", "-o", "yaml", "--", "date"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=foo"],
  ["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "foo"],
  ["get"],
  ["apply"],
  ["delete"],
  ["cordon"],
  ["logs"],
  ["label", "pod", "nginx"],
  ["taint", "nodes", "node1", "dedicated=x:Foo"],
];

const available = hasKubectl();

describe.skipIf(!available)("kubectl oracle (real client, offline)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kubectl-oracle-"));
  for (const [n, c] of Object.entries(FILES)) writeFileSync(path.join(dir, n), c);

  test.each(CASES.map((c) => [c.join(" "), c] as const))("kubectl %s", (_name, argv) => {
    const real = spawnSync("kubectl", argv, { cwd: dir, encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent", HOME: dir } });
    const s = new Session({ seed: "oracle", files: FILES });
    const quoted = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const [step] = s.run(`kubectl ${quoted}`, { allowSim: true });
    expect(step!.stdout).toBe(real.stdout);
    expect(step!.stderr).toBe(real.stderr);
    expect(step!.exitCode).toBe(real.status);
  });
});
