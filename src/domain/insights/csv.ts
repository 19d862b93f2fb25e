/**
 * CSV (RFC 4180): every table on the insights pages can be downloaded with the same
 * headings and cells as shown. Cells that a spreadsheet would run as a formula are
 * prefixed with an apostrophe.
 */
export type Cell = string | number | null;

export interface Table {
  readonly id: string;
  readonly caption: string;
  readonly headings: readonly string[];
  readonly rows: ReadonlyArray<readonly Cell[]>;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Pick<Table, 'headings' | 'rows'>): string {
  const lines = [table.headings, ...table.rows].map((row) => row.map((c) => quote(cellText(c))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Reads CSV back into rows of strings (for tests and for checking a download). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A file name for a table's download: letters, digits and hyphens only. */
export function csvFileName(table: Pick<Table, 'id'>, from: string, to: string): string {
  return `vigil-${table.id}-${from}-to-${to}.csv`.replace(/[^a-z0-9.-]/gi, '-');
}
