import { describe, expect, it } from 'vitest';
import { dockerTable, kubectlTable, renderTable, tabwrite } from '../../src/sim/cli/format/tabwriter';
import { hasKubectl, kubectlGet } from './oracle';

describe('renderTable', () => {
  const cases: { name: string; rows: string[][]; opts?: typeof dockerTable; want: string }[] = [
    {
      name: 'docker: min width 10, padding 3, last column unpadded',
      rows: [['ID', 'NAME', 'MODE'], ['abc', 'web', 'replicated']],
      want: 'ID        NAME      MODE\nabc       web       replicated\n',
    },
    {
      name: 'docker: wide cell widens the whole column',
      rows: [['NAME', 'IMAGE'], ['averyveryverylongname', 'nginx:latest']],
      want: 'NAME                    IMAGE\naveryveryverylongname   nginx:latest\n',
    },
    {
      name: 'kubectl: min width 6',
      rows: [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['web-1', '1/1', 'Running', '0', '5s']],
      opts: kubectlTable,
      want: 'NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5s\n',
    },
    {
      name: 'empty cells in non-last columns are still padded',
      rows: [['A', 'B', 'C'], ['', '', '']],
      opts: kubectlTable,
      want: 'A     B     C\n            \n',
    },
    {
      name: 'widths count runes, not bytes',
      rows: [['NAME', 'X'], ['héllo', '1']],
      opts: kubectlTable,
      want: 'NAME    X\nhéllo   1\n',
    },
    { name: 'no rows', rows: [], want: '' },
    { name: 'single column is never padded', rows: [['NAME'], ['x']], want: 'NAME\nx\n' },
  ];
  it.each(cases)('$name', ({ rows, opts, want }) => {
    expect(renderTable(rows, opts ?? dockerTable)).toBe(want);
  });
});

describe('tabwrite (Go column blocks)', () => {
  const cases: { name: string; text: string; want: string }[] = [
    {
      name: 'a line with fewer cells ends the column block',
      text: 'a\tb\tc\naaaa\tb\nx\tyyyyyyyyyyyy\tz\n',
      want: 'a      b     c\naaaa   b\nx      yyyyyyyyyyyy   z\n',
    },
    { name: 'text without newline at the end', text: 'a\tb', want: 'a     b' },
    { name: 'trailing tab makes an empty last cell', text: 'a\t\nbb\t\n', want: 'a     \nbb    \n' },
    { name: 'blank line separates blocks', text: 'a\tb\n\nlonger-cell\tc\n', want: 'a     b\n\nlonger-cell   c\n' },
  ];
  it.each(cases)('$name', ({ text, want }) => {
    expect(tabwrite(text, { minWidth: 6, padding: 3 })).toBe(want);
  });

  it('RememberWidths keeps a column at least as wide as before', () => {
    const text = 'aaaaaaaaaa\tb\n\nc\td\n';
    expect(tabwrite(text, { minWidth: 6, padding: 3 })).toBe('aaaaaaaaaa   b\n\nc     d\n');
    expect(tabwrite(text, kubectlTable)).toBe(`aaaaaaaaaa   b\n\nc${' '.repeat(12)}d\n`);
  });
});

describe.skipIf(!hasKubectl)('oracle: kubectl get prints server-side tables with the same tabwriter', () => {
  const tables = [
    {
      columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
      rows: [
        ['web-7d4b9c8f5-abcde', '1/1', 'Running', '0', '5s'],
        ['x', '0/1', 'CrashLoopBackOff', '12 (3m ago)', '2d3h'],
      ],
    },
    { columns: ['Name', 'Type', 'Data', 'Age', 'Note'], rows: [['ünïcode-name', 'Opaque', '2', '10m', ''], ['s', '', '0', '<invalid>', 'x']] },
    { columns: ['Name'], rows: [['only-one-column']] },
  ];
  it.each(tables)('$columns', async (table) => {
    const real = await kubectlGet([], ['get', 'pods'], table);
    expect(renderTable([table.columns.map((c) => c.toUpperCase()), ...table.rows], kubectlTable)).toBe(real.stdout);
  });
});
