// Mirrors Go's text/tabwriter (and kubectl's fork github.com/liggitt/tabwriter with RememberWidths).
// Text is cut into lines and tab-terminated cells; the text after a line's last tab is not a cell
// and is never padded. A column block is a run of consecutive lines that have a cell in that
// column; each block is as wide as its widest cell + padding (at least minWidth), computed
// independently, exactly as Writer.format does. Widths count runes, not bytes.

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
  padChar?: string;
  /** kubectl's fork: a column never gets narrower than the same column was earlier in the output. */
  rememberWidths?: boolean;
}

/** docker/cli formatter: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). */
export const dockerTable: TabwriterOptions = { minWidth: 10, padding: 3, padChar: ' ' };

/** kubectl printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, ' ', RememberWidths. */
export const kubectlTable: TabwriterOptions = { minWidth: 6, padding: 3, padChar: ' ', rememberWidths: true };

interface Cell {
  text: string;
  width: number;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate completes a pair already counted
  }
  return n;
}

/** Formats text holding tabs and newlines the way a tabwriter flush does. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines: Cell[][] = text.split('\n').map((l) => l.split('\t').map((t) => ({ text: t, width: runeCount(t) })));
  const padChar = opts.padChar ?? ' ';
  const widths: number[] = [];
  const maxWidths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        if (j < widths.length && j < line.length - 1) s += padChar.repeat(Math.max(widths[j] - c.width, 0));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      // This line has a cell in this column: print the lines before it, then size the block.
      writeLines(line0, row);
      line0 = row;
      let width = opts.minWidth;
      for (; row < line1; row++) {
        const line = lines[row];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + opts.padding);
      }
      if (opts.rememberWidths) {
        if (maxWidths.length < widths.length) maxWidths.push(...widths.slice(maxWidths.length));
        if (maxWidths.length === widths.length) maxWidths.push(width);
        else if (maxWidths[widths.length] > width) width = maxWidths[widths.length];
        else maxWidths[widths.length] = width;
      }
      widths.push(width);
      format(line0, row);
      widths.pop();
      line0 = row; // the line that ended the block has no cell here; the loop skips it as Go's does
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

/** Rows of cells through a tabwriter; each row ends with a newline, as printers write them. */
export function renderTable(rows: string[][], opts: TabwriterOptions = dockerTable): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), opts);
}
