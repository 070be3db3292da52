import { afterAll, describe, expect, it } from 'vitest';
import { dockerFormat, dockerInspectFormat, dockerPreFormat } from '../../src/sim/cli/format/docker-format';
import { compileGoTemplate, goTemplate, renderGoTemplate } from '../../src/sim/cli/format/gotemplate';
import { goMap, goStruct } from '../../src/sim/cli/format/go-value';
import golden from './fixtures/gotemplate-docker.json';
import { dockerContextLs, dockerContexts, hasDocker, removeDir } from './oracle';

type Case = { format: string; stdout: string; stderr: string; status: number };
const opts = { headers: golden.headers, rootType: golden.rootType };

function asRun(format: string, items: unknown[]) {
  const r = dockerFormat(format, items, opts);
  return { stdout: r.stdout, stderr: r.ok ? '' : r.stderr, status: r.ok ? 0 : 1 };
}

describe('docker --format (golden outputs recorded from docker 28.2.2 `context ls`)', () => {
  it.each(golden.cases as Case[])('$format', (c) => {
    expect(asRun(c.format, golden.items)).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
  });
});

describe.skipIf(!hasDocker)('oracle: real docker', () => {
  const dir = hasDocker ? dockerContexts(golden.contexts) : '';
  afterAll(() => removeDir(dir));
  it.each((golden.cases as Case[]).map((c) => c.format))('%s', (format) => {
    const real = dockerContextLs(dir, format);
    expect(asRun(format, golden.items)).toEqual(real);
  });
});

describe('Go template semantics beyond docker contexts', () => {
  const service = goStruct(
    {
      ID: 'abc123',
      Name: 'web',
      Replicas: 3,
      Spec: goStruct({ Labels: goMap({ tier: 'front', 'com.docker.stack.namespace': 'app' }), Mode: 'replicated' }, 'swarm.ServiceSpec'),
      Ports: ['*:8080->80/tcp', '*:443->443/tcp'],
      Env: null,
      Label: (k: string) => (k === 'tier' ? 'front' : ''),
    },
    '*formatter.serviceContext',
  );
  it.each([
    ['{{.Name}} {{.Replicas}}', 'web 3'],
    ['{{.Spec.Labels.tier}}|{{.Spec.Labels.nope}}', 'front|<no value>'],
    ['{{index .Spec.Labels "nope"}}|', '|'],
    ['{{range $k, $v := .Spec.Labels}}{{$k}}={{$v}};{{end}}', 'com.docker.stack.namespace=app;tier=front;'],
    ['{{.Spec.Labels}}', 'map[com.docker.stack.namespace:app tier:front]'],
    ['{{.Spec}}', '{map[com.docker.stack.namespace:app tier:front] replicated}'],
    ['{{printf "%+v" .Spec}}', '{Labels:map[com.docker.stack.namespace:app tier:front] Mode:replicated}'],
    ['{{json .Spec}}', '{"Labels":{"com.docker.stack.namespace":"app","tier":"front"},"Mode":"replicated"}'],
    ['{{.Ports}} {{len .Ports}} {{index .Ports 1}}', '[*:8080->80/tcp *:443->443/tcp] 2 *:443->443/tcp'],
    ['{{join .Ports ", "}}', '*:8080->80/tcp, *:443->443/tcp'],
    ['{{.Env}}', '<nil>'],
    ['{{.Label "tier"}}', 'front'],
    ['{{if eq .Replicas 3}}three{{end}}', 'three'],
    ['{{range .Ports}}{{. | upper}} {{end}}', '*:8080->80/TCP *:443->443/TCP '],
  ])('%s', (src, want) => {
    expect(goTemplate(src, service)).toEqual({ ok: true, text: want });
  });

  it.each([
    ['{{.Foo}}', 'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.serviceContext'],
    ['{{.Spec.Foo}}', 'template: :1:7: executing "" at <.Spec.Foo>: can\'t evaluate field Foo in type swarm.ServiceSpec'],
    ['{{.Env.X}}', 'template: :1:6: executing "" at <.Env.X>: nil pointer evaluating interface {}.X'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
  ])('%s fails like Go', (src, error) => {
    expect(goTemplate(src, service)).toMatchObject({ ok: false, error });
  });

  it('missingkey=error on maps, as docker inspect falls back to', () => {
    const raw = { Spec: { Name: 'web' } };
    expect(goTemplate('{{.Spec.Foo}}', raw, { objects: 'map', missingKey: 'error' })).toMatchObject({
      ok: false,
      error: 'template: :1:7: executing "" at <.Spec.Foo>: map has no entry for key "Foo"',
    });
    expect(goTemplate('{{.Spec.Foo}}', raw, { objects: 'map' })).toEqual({ ok: true, text: '<no value>' });
  });

  it('compiles once, renders many times', () => {
    const c = compileGoTemplate('{{.Name}}:{{.Replicas}}');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect([1, 2].map((n) => renderGoTemplate(c.tpl, { Name: 'x', Replicas: n }))).toEqual([
      { ok: true, text: 'x:1' },
      { ok: true, text: 'x:2' },
    ]);
  });

  it('no input can run away', () => {
    expect(goTemplate('{{range 100000000}}x{{end}}', {})).toMatchObject({ ok: false });
    expect(goTemplate('{{range 100000}}{{printf "%1000d" 1}}{{end}}', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('size limit'),
    });
    expect(goTemplate('{{define "r"}}{{template "r" .}}{{end}}{{template "r"}}', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('exceeded maximum template depth'),
    });
  });
});

describe('docker formatter', () => {
  it('preFormat trims spaces and expands \\t and \\n', () => {
    expect(dockerPreFormat('table {{.ID}}\\t{{.Name}}')).toEqual({ table: true, text: '{{.ID}}\t{{.Name}}' });
    expect(dockerPreFormat('json')).toEqual({ table: false, text: '{{json .}}' });
    expect(dockerPreFormat('  {{.ID}}\\n ')).toEqual({ table: false, text: '{{.ID}}\n' });
  });

  it('a table with no rows still prints its header', () => {
    expect(dockerFormat('table {{.ID}}\t{{.Name}}', [], { headers: { ID: 'ID', Name: 'NAME' } })).toEqual({ ok: true, stdout: 'ID        NAME\n' });
  });

  it('inspect -f: typed first, raw map with missingkey=error second, errors collected', () => {
    const svc = { ID: 'x1', Spec: { Name: 'web', Labels: goMap({ a: 'b' }) } };
    expect(dockerInspectFormat('{{.Spec.Name}} {{.Spec.Labels.zz}}', [{ value: svc }, { error: 'Error: No such service: nope' }])).toEqual({
      ok: false,
      stdout: 'web <no value>\n',
      stderr: 'Error: No such service: nope\n',
    });
    expect(dockerInspectFormat('{{.Spec.Foo}}', [{ value: svc }])).toEqual({
      ok: false,
      stdout: '\n',
      stderr: 'template parsing error: template: :1:7: executing "" at <.Spec.Foo>: map has no entry for key "Foo"\n',
    });
    expect(dockerInspectFormat('{{json .Spec}}', [{ value: svc }])).toEqual({ ok: true, stdout: '{"Name":"web","Labels":{"a":"b"}}\n' });
  });
});
