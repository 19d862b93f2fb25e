import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFileName, parseCsv, toCsv } from './csv.ts';

describe('CSV', () => {
  it('writes headings then rows, quoting what needs it', () => {
    expect(toCsv({ headings: ['Indicator', 'Figure'], rows: [['Charge rate', '33.3%'], ['Outcome "16", victim', 2], ['Blank', null]] })).toBe(
      'Indicator,Figure\r\nCharge rate,33.3%\r\n"Outcome ""16"", victim",2\r\nBlank,\r\n',
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv({ headings: ['a'], rows: [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@x']] })).toBe(`a\r\n"'=HYPERLINK(""x"")"\r\n'+1\r\n'-2\r\n'@x\r\n`);
    expect(toCsv({ headings: ['n'], rows: [[-2]] })).toBe('n\r\n-2\r\n');
  });

  it('reads back what it writes (cells that do not start like a formula)', () => {
    const cell = fc.string({ maxLength: 12 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        const parsed = parseCsv(toCsv({ headings: ['a', 'b'], rows }));
        expect(parsed).toEqual([['a', 'b'], ...rows]);
      }),
    );
  });

  it('names files safely', () => {
    expect(csvFileName({ id: 'dashboard-risk' }, '2026-01-01', '2026-10-31')).toBe('vigil-dashboard-risk-2026-01-01-to-2026-10-31.csv');
  });
});
