import { describe, expect, it } from 'vitest';
import { evalJsonPath } from '../../src/sim/cli/format/jsonpath';
import { parseJsonPath } from '../../src/sim/cli/format/jsonpath-parse';
import { jsonPathText, kubectlJsonPath } from '../../src/sim/cli/format/jsonpath-text';
import golden from './fixtures/jsonpath-kubectl.json';
import { hasKubectl, kubectlPrint } from './oracle';

type Case = { template: string; stdout: string | null; stderrFirstLine: string | null };

function check(c: Case, allowMissingKeys: boolean) {
  const r = kubectlJsonPath(c.template, golden.object, { allowMissingKeys });
  if (c.stdout !== null) expect(r).toEqual({ ok: true, stdout: c.stdout });
  else {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.stderr.split('\n')[0]).toBe(c.stderrFirstLine);
  }
}

describe('kubectl -o jsonpath (golden outputs recorded from kubectl 1.32, same under 1.30)', () => {
  it.each(golden.allowMissingKeys as Case[])('$template', (c) => check(c, true));
  it.each(golden.strict as Case[])('--allow-missing-template-keys=false $template', (c) => check(c, false));

  it('prints the full debugging dump on execution errors', () => {
    const r = kubectlJsonPath(golden.fullError.template, golden.object);
    expect(r).toEqual({ ok: false, stderr: golden.fullError.stderr });
  });
});

describe('jsonpath behaviours', () => {
  const pods = {
    kind: 'List',
    items: [
      { metadata: { name: 'web-1', labels: { app: 'web' } }, status: { phase: 'Running', restarts: 2 } },
      { metadata: { name: 'web-2', labels: { app: 'web' } }, status: { phase: 'Pending', restarts: 0 } },
      { metadata: { name: 'db-1', labels: { app: 'db' } }, status: { phase: 'Running', restarts: 5 } },
    ],
  };
  it.each([
    ['{.items[*].metadata.name}', 'web-1 web-2 db-1'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'web-1 db-1'],
    ['{.items[?(@.status.restarts>1)].metadata.name}', 'web-1 db-1'],
    ['{.items[?(@.status.restarts<=0)].metadata.name}', 'web-2'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'web-1\tRunning\nweb-2\tPending\ndb-1\tRunning\n'],
    ['{.items[-1:].metadata.name}', 'db-1'],
    ['{.items[0].metadata.labels.app}', 'web'],
    ['{.items[*].metadata.labels}', '{"app":"web"} {"app":"web"} {"app":"db"}'],
    ['{..phase}', 'Running Pending Running'],
    ['names: {.items[0:2].metadata.name}!', 'names: web-1 web-2!'],
    ['{range .items[*]}{range .metadata.labels.*}<{@}>{end}{end}', '<web><web><db>'],
  ])('%s', (template, want) => {
    expect(jsonPathText(template, pods)).toEqual({ ok: true, text: want });
  });

  it('evalJsonPath returns the selected values', () => {
    expect(evalJsonPath('{.items[*].status.restarts}', pods)).toEqual({ ok: true, values: [2, 0, 5] });
    expect(evalJsonPath('{.items[0].metadata}', pods)).toEqual({ ok: true, values: [pods.items[0].metadata] });
    expect(evalJsonPath('{.items[', pods)).toEqual({ ok: false, error: 'unterminated array' });
    expect(evalJsonPath('{.nope}', pods, { allowMissingKeys: false })).toEqual({ ok: false, error: 'nope is not found' });
  });

  it('describes errors on one line for query checks', () => {
    expect(jsonPathText('{.items[', pods)).toEqual({ ok: false, error: 'error parsing jsonpath {.items[, unterminated array' });
    expect(jsonPathText('{.items[7]}', pods)).toEqual({
      ok: false,
      error: 'error executing jsonpath "{.items[7]}": array index out of bounds: index 7, length 3',
    });
  });

  it('jsonpath-as-json prints a JSON array per expression', () => {
    expect(kubectlJsonPath('{.items[*].metadata.name}', pods, { asJson: true })).toEqual({
      ok: true,
      stdout: '[\n    "web-1",\n    "web-2",\n    "db-1"\n]\n',
    });
  });

  it('long templates parse without deep recursion, and evaluation has a budget', () => {
    expect(parseJsonPath('{.a}'.repeat(50_000)).ok).toBe(true);
    const wide = { items: Array.from({ length: 20_000 }, (_, i) => ({ i })) };
    expect(jsonPathText('{..}'.repeat(100), wide)).toEqual({ ok: false, error: expect.stringContaining('budget') });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 400; i++) deep = { a: deep, pad: 'x'.repeat(100) };
    expect(jsonPathText('{..}', deep, { maxOutput: 1 << 20 })).toEqual({ ok: false, error: 'jsonpath output too large' });
  });
});

describe.skipIf(!hasKubectl)('oracle: real kubectl', () => {
  const all = [...(golden.allowMissingKeys as Case[])].map((c) => c.template);
  it.each(all)('%s', (template) => {
    const real = kubectlPrint(golden.object, `jsonpath=${template}`);
    const ours = kubectlJsonPath(template, golden.object);
    if (real.status === 0) expect(ours.ok && ours.stdout).toBe(real.stdout);
    else expect(ours.ok ? ours.stdout : ours.stderr).toBe(real.stderr);
  });
});
