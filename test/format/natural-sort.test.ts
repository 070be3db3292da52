import { describe, expect, it } from 'vitest';
import { naturalCompare, naturalLess, naturalSortBy } from '../../src/sim/cli/format/natural-sort';

describe('naturalLess (fvbommel/sortorder)', () => {
  it.each([
    ['node-2', 'node-10', true],
    ['node-10', 'node-2', false],
    ['a', 'b', true],
    ['a1', 'a01', true],
    ['a01', 'a1', false],
    ['a', 'a1', true],
    ['1', 'a', true],
    ['a', '1', false],
    ['web.1', 'web.10', true],
    ['web.9', 'web.10', true],
    ['x', 'x', false],
    ['B', 'a', true],
    ['abc', 'abd', true],
  ])('%s < %s = %s', (a, b, want) => {
    expect(naturalLess(a, b)).toBe(want);
  });

  it('sorts docker service names and task slots', () => {
    const names = ['web.10', 'web.2', 'web.1', 'api', 'web.9'];
    expect([...names].sort(naturalCompare)).toEqual(['api', 'web.1', 'web.2', 'web.9', 'web.10']);
    expect(naturalSortBy([{ h: 'worker10' }, { h: 'worker2' }, { h: 'manager1' }], (n) => n.h).map((n) => n.h)).toEqual([
      'manager1',
      'worker2',
      'worker10',
    ]);
  });
});
