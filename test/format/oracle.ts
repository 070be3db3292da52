// Real kubectl / docker clients as oracles for the format library. Every helper works offline:
// `kubectl label --local -f - -o FORMAT` prints any object through kubectl's real printers,
// `kubectl get` talks to a stub API server started here, and `docker context ls --format` runs
// docker's formatter on contexts kept in a throw-away DOCKER_CONFIG. Tests skip when a client is
// missing.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The design baseline is kubectl 1.30; gcloud's SDK installs it beside the default kubectl.
const BASELINE = '/usr/lib/google-cloud-sdk/bin/kubectl.1.30';
export const KUBECTL = existsSync(BASELINE) ? BASELINE : 'kubectl';

function has(cmd: string, args: string[]): boolean {
  try {
    return spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 }).status === 0;
  } catch {
    return false;
  }
}

export const hasKubectl = has(KUBECTL, ['version', '--client']);
export const hasDocker = has('docker', ['--version']);

export interface Run {
  stdout: string;
  stderr: string;
  status: number;
}

/** The label every oracle object carries, so `label --overwrite` leaves it unchanged. */
export const ORACLE_LABEL = { oracle: 'yes' };

/** Prints obj (which must have metadata.labels.oracle = "yes") with `kubectl … -o OUTPUT`. */
export function kubectlPrint(obj: unknown, output: string, extra: string[] = []): Run {
  const r = spawnSync(
    KUBECTL,
    ['label', '--local', '-f', '-', 'oracle=yes', '--overwrite', '-o', output, ...extra],
    { input: JSON.stringify(obj), encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent' }, timeout: 20_000 },
  );
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** Any offline kubectl command (e.g. `create deployment … --dry-run=client -o yaml`). */
export function kubectl(args: string[]): Run {
  const r = spawnSync(KUBECTL, args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent' }, timeout: 20_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/**
 * Runs `kubectl get` against a stub API server that serves the given pods and configmaps from the
 * default namespace (discovery answered, nothing else).
 */
export async function kubectlGet(
  objects: { kind: string; metadata: { name: string } }[],
  args: string[],
  /** Served instead when kubectl asks for a server-side Table (human-readable output). */
  table?: { columns: string[]; rows: string[][] },
): Promise<Run> {
  const kinds: Record<string, string> = { pods: 'Pod', configmaps: 'ConfigMap' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    const send = (code: number, body: unknown) => {
      res.statusCode = code;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (path === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (path === '/apis') return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (path === '/api/v1') {
      return send(200, {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: Object.entries(kinds).map(([name, kind]) => ({ name, singularName: kind.toLowerCase(), namespaced: true, kind, verbs: ['get', 'list'] })),
      });
    }
    if (table && (req.headers.accept ?? '').includes('as=Table')) {
      return send(200, {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { resourceVersion: '1' },
        columnDefinitions: table.columns.map((name) => ({ name, type: 'string' })),
        rows: table.rows.map((cells) => ({
          cells,
          object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: cells[0], namespace: 'default' } },
        })),
      });
    }
    const m = /^\/api\/v1\/namespaces\/default\/(pods|configmaps)(?:\/(.+))?$/.exec(path);
    if (!m) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    const items = objects.filter((o) => o.kind === kinds[m[1]]);
    if (!m[2]) return send(200, { kind: `${kinds[m[1]]}List`, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items });
    const one = items.find((o) => o.metadata.name === m[2]);
    return one ? send(200, one) : send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'cg-kube-'));
  const config = join(dir, 'config');
  writeFileSync(
    config,
    `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${port}"}}]\n` +
      'contexts: [{name: s, context: {cluster: s, namespace: default}}]\ncurrent-context: s\nusers: []\n',
  );
  try {
    return await new Promise<Run>((ok) => {
      execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: config }, timeout: 30_000 }, (err, stdout, stderr) => {
        const status = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        ok({ stdout, stderr, status });
      });
    });
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A DOCKER_CONFIG holding the given contexts (name → description), for `docker context ls`. */
export function dockerContexts(contexts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-docker-'));
  for (const [name, description] of Object.entries(contexts)) {
    spawnSync('docker', ['context', 'create', name, '--description', description, '--docker', `host=tcp://${name}.example:2376`], {
      env: { ...process.env, DOCKER_CONFIG: dir },
      encoding: 'utf8',
      timeout: 20_000,
    });
  }
  return dir;
}

export function removeDir(dir: string): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export function dockerContextLs(configDir: string, format: string): Run {
  const r = spawnSync('docker', ['context', 'ls', '--format', format], {
    env: { ...process.env, DOCKER_CONFIG: configDir },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}
