import { describe, expect, it } from 'vitest';
import { kubectlCustomColumns, parseCustomColumns, relaxedJsonPath } from '../../src/sim/cli/format/custom-columns';
import { hasKubectl, kubectlGet } from './oracle';

const pod = (name: string, containers: { name: string; image: string }[], labels: Record<string, string>, n: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { containers },
  status: { phase: 'Running', n },
});

const pods = [
  pod('a', [{ name: 'c1', image: 'nginx' }, { name: 'c2', image: 'redis' }], { app: 'web', 'a.b/c': 'dotted' }, 3),
  pod('b-with-a-longer-name', [{ name: 'c3', image: 'pg' }], { app: 'db' }, 1),
];
const list = { apiVersion: 'v1', kind: 'List', items: pods };

describe('custom-columns', () => {
  it('prints a header, comma-joins values, <none> when missing, %v for maps (recorded from kubectl 1.32)', () => {
    const spec = 'NAME:.metadata.name,IMAGES:.spec.containers[*].image,X:.spec.nope,L:.metadata.labels,N:.status.n,C:.spec.containers[0]';
    expect(kubectlCustomColumns(spec, list)).toEqual({
      ok: true,
      stdout:
        'NAME                   IMAGES        X        L                           N     C\n' +
        'a                      nginx,redis   <none>   map[a.b/c:dotted app:web]   3     map[image:nginx name:c1]\n' +
        'b-with-a-longer-name   pg            <none>   map[app:db]                 1     map[image:pg name:c3]\n',
    });
  });

  it('accepts relaxed paths', () => {
    expect(relaxedJsonPath('metadata.name')).toEqual({ ok: true, expr: '{.metadata.name}' });
    expect(relaxedJsonPath('.metadata.name')).toEqual({ ok: true, expr: '{.metadata.name}' });
    expect(relaxedJsonPath('{metadata.name}')).toEqual({ ok: true, expr: '{.metadata.name}' });
    expect(relaxedJsonPath('{.metadata.name}')).toEqual({ ok: true, expr: '{.metadata.name}' });
    expect(relaxedJsonPath('{.a}{.b}').ok).toBe(false);
  });

  it.each([
    ['', 'error: custom-columns format specified but no custom columns given\n'],
    ['NAME', 'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n'],
    ['A:{.a', "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
  ])('spec %j is rejected', (spec, stderr) => {
    expect(kubectlCustomColumns(spec, list)).toEqual({ ok: false, stdout: '', stderr });
  });

  it('evaluation errors keep what was printed (the header) and report the jsonpath error', () => {
    expect(kubectlCustomColumns('A:.spec.containers[1].name', list)).toEqual({
      ok: false,
      stdout: 'A\nc2\n',
      stderr: 'error: array index out of bounds: index 1, length 1\n',
    });
    expect(kubectlCustomColumns('A:.spec.containers[x', list)).toEqual({ ok: false, stdout: 'A\n', stderr: 'error: unterminated array\n' });
  });

  it('--no-headers and a single object', () => {
    expect(kubectlCustomColumns('N:.metadata.name', pods[0], { noHeaders: true })).toEqual({ ok: true, stdout: 'a\n' });
    expect(parseCustomColumns('A:x,B:y')).toEqual({
      ok: true,
      columns: [
        { header: 'A', fieldSpec: '{.x}' },
        { header: 'B', fieldSpec: '{.y}' },
      ],
    });
  });
});

describe.skipIf(!hasKubectl)('oracle: kubectl get against a stub API server', () => {
  it.each([
    'NAME:.metadata.name,IMAGES:.spec.containers[*].image,X:.spec.nope,L:.metadata.labels,N:.status.n,C:.spec.containers[0]',
    'N:metadata.name,P:{.status.phase},FIRST:.spec.containers[0].name,ESC:.metadata.labels.a\\.b/c',
    'A:.spec.containers[1].name',
    'A:.spec.containers[x',
    'A:{.a',
    'ONLY:.spec.containers[?(@.image=="pg")].name',
  ])('%s', async (spec) => {
    const real = await kubectlGet(pods, ['get', 'pods', '-o', `custom-columns=${spec}`]);
    const ours = kubectlCustomColumns(spec, list);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.ok ? '' : ours.stderr).toBe(real.stderr);
  });
});
