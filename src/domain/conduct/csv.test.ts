import fc from 'fast-check';
import { defaultConductPolicy } from './policy.ts';
import { describe, expect, it } from 'vitest';
import { batchToSave, occasionKey, parseDiaryDate, parseDiaryTime, parseOccasionBatch, splitCsv } from './csv.ts';

const now = new Date('2026-11-25T10:00:00Z');

describe('splitting CSV', () => {
  it('handles quotes, doubled quotes, commas in quotes and CRLF', () => {
    expect(splitCsv('a,"b, c","say ""hi"""\r\nd,e,f\n').rows).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['d', 'e', 'f'],
    ]);
  });
  it('reports a quote that is never closed', () => {
    expect(splitCsv('a,"b\nc').unclosedQuote).toBe(true);
  });
  it('drops a byte order mark', () => {
    expect(splitCsv('\ufeffdate,time').rows).toEqual([['date', 'time']]);
  });
});

describe('dates and times as people write them', () => {
  it.each([
    ['2026-03-03', '2026-03-03'],
    ['03/03/2026', '2026-03-03'],
    ['3/3/26', '2026-03-03'],
    ['3.3.2026', '2026-03-03'],
    ['3 March 2026', '2026-03-03'],
    ['3rd Mar 2026', '2026-03-03'],
    ['31/02/2026', null],
    ['13/13/2026', null],
    ['next Tuesday', null],
    ['3 Marchy 2026', null],
  ])('date %s → %s', (raw, expected) => expect(parseDiaryDate(raw)).toBe(expected));

  it.each([
    ['14:30', [14, 30]],
    ['1430', [14, 30]],
    ['14.30', [14, 30]],
    ['2pm', [14, 0]],
    ['2:30 pm', [14, 30]],
    ['12am', [0, 0]],
    ['12pm', [12, 0]],
    ['2.30 p.m.', [14, 30]],
    ['25:00', null],
    ['13pm', null],
    ['later', null],
  ])('time %s → %j', (raw, expected) => expect(parseDiaryTime(raw)).toEqual(expected));
});

describe('parsing a batch of occasions', () => {
  const header = 'Date,Time,Channel,What happened,Place,Behaviours';

  it('reads good rows into occasions at London time', () => {
    const result = parseOccasionBatch(`${header}\n03/03/2026,14:30,text,"Texted 12 times, asking where she was",,contacting\n01/07/2026,09:00,In person,Waited outside her work,Outside her work,loitering; following`, { now });
    expect(result.fileErrors).toEqual([]);
    expect(result.invalidCount).toBe(0);
    expect(result.valid).toHaveLength(2);
    expect(result.valid[0]).toMatchObject({ row: 2, channel: 'text', description: 'Texted 12 times, asking where she was', behaviours: ['contacting'] });
    expect(result.valid[0]!.at.toISOString()).toBe('2026-03-03T14:30:00.000Z');
    expect(result.valid[1]!.at.toISOString()).toBe('2026-07-01T08:00:00.000Z'); // BST
    expect(result.valid[1]).toMatchObject({ channel: 'in-person', behaviours: ['loitering', 'following'], place: 'Outside her work' });
  });

  it('works without a header row, in the default column order', () => {
    const result = parseOccasionBatch('2026-03-03,10:00,email,Sent an email', { now });
    expect(result.valid).toHaveLength(1);
    expect(result.valid[0]!.row).toBe(1);
  });

  const bad: Array<[string, string, string]> = [
    ['missing date', ',10:00,text,Hello', 'Row 2: enter the date'],
    ['impossible date', '31/02/2026,10:00,text,Hello', 'is not a real date'],
    ['bad time', '03/03/2026,25:99,text,Hello', 'is not a time'],
    ['unknown channel', '03/03/2026,10:00,carrier pigeon,Hello', 'is not a channel Vigil knows'],
    ['nothing said', '03/03/2026,10:00,text,', 'say what happened'],
    ['in the future', '03/03/2027,10:00,text,Hello', 'is in the future'],
    ['unknown behaviour', '03/03/2026,10:00,text,Hello,,juggling', 'is not a behaviour'],
    ['too many cells', '03/03/2026,10:00,text,Hello,home,contacting,extra', 'more cells than columns'],
  ];
  it.each(bad)('%s is an error on that row', (_name, line, message) => {
    const result = parseOccasionBatch(`${header}\n${line}`, { now });
    expect(result.invalidCount).toBe(1);
    expect(result.rows[0]!.row).toBe(2);
    expect(result.rows[0]!.errors.map((e) => e.message).join(' ')).toContain(message);
    expect(result.valid).toEqual([]);
  });

  it('finds duplicates within the batch and against what is already recorded', () => {
    const existing = new Set([occasionKey(new Date('2026-03-04T10:00:00Z'), 'text', 'Old message')]);
    const result = parseOccasionBatch(`${header}\n03/03/2026,10:00,text,Hello\n03/03/2026,10:00,text,  hello \n04/03/2026,10:00,text,Old message`, { now, existing });
    expect(result.rows.map((r) => r.errors.map((e) => e.message))).toEqual([[], ['Row 3 repeats row 2: the same date, time, channel and what happened.'], ['Row 4 is already recorded on this case: the same date, time, channel and what happened.']]);
  });

  it('warns about dates outside the case window', () => {
    const window = { from: new Date('2026-03-01T00:00:00Z'), to: now };
    const result = parseOccasionBatch(`${header}\n01/01/2026,10:00,text,Early`, { now, window });
    expect(result.rows[0]!.errors).toEqual([]);
    expect(result.rows[0]!.warnings[0]!.message).toContain('outside this case’s dates');
  });

  it('file problems: empty, missing column, too many rows', () => {
    expect(parseOccasionBatch('  \n', { now }).fileErrors[0]).toContain('at least one row');
    expect(parseOccasionBatch('Date,Time,What happened\n03/03/2026,10:00,x', { now }).fileErrors).toContain('The first row names the columns but has no “Channel” column.');
    const many = Array.from({ length: 3 }, (_, i) => `0${i + 1}/03/2026,10:00,text,m${i}`).join('\n');
    expect(parseOccasionBatch(many, { now, policy: { ...defaultConductPolicy, batch: { maximumRows: 2, maximumDescriptionLength: 100 } } }).fileErrors[0]).toContain('at most 2');
  });
});

describe('what may be saved', () => {
  const header = 'Date,Time,Channel,What happened';
  const mixed = parseOccasionBatch(`${header}\n03/03/2026,10:00,text,Good\nbad,10:00,text,Bad`, { now });
  it('nothing is saved while any row has a problem…', () => {
    const decision = batchToSave(mixed, { validRowsOnly: false, confirmOutsideWindow: false });
    expect(decision).toMatchObject({ ok: false });
    if (!decision.ok) expect(decision.reason).toContain('Nothing has been saved');
  });
  it('…unless the user chooses to save only the rows without problems', () => {
    const decision = batchToSave(mixed, { validRowsOnly: true, confirmOutsideWindow: false });
    expect(decision).toMatchObject({ ok: true, skippedRows: [3] });
  });
  it('dates outside the window need confirming', () => {
    const result = parseOccasionBatch(`${header}\n03/03/2026,10:00,text,Good`, { now, window: { from: new Date('2026-06-01'), to: now } });
    expect(batchToSave(result, { validRowsOnly: false, confirmOutsideWindow: false }).ok).toBe(false);
    expect(batchToSave(result, { validRowsOnly: false, confirmOutsideWindow: true }).ok).toBe(true);
  });
});

describe('properties', () => {
  it('parsing never throws, and every row is either an occasion or has errors', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = parseOccasionBatch(text, { now });
        for (const row of result.rows) expect(row.occasion === null).toBe(row.errors.length > 0);
        expect(result.validCount + result.invalidCount).toBe(result.rows.length);
      }),
      { numRuns: 500 },
    );
  });

  it('parsing never throws on CSV-shaped noise either', () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('03/03/2026', '14:30', 'text', '"a,b"', '""', 'in person', '2pm'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 15 }), (rows) => {
        const text = rows.map((r) => r.join(',')).join('\n');
        expect(() => parseOccasionBatch(text, { now })).not.toThrow();
      }),
    );
  });

  it('a written-out valid row parses back to the same date, time and text', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2026-11-01'), noInvalidDate: true }),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0 && !/[\r\n]/.test(s)),
        (at, words) => {
          const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
          const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(minute);
          const [date, time] = local.split(', ');
          const text = `"${words.replace(/"/g, '""')}"`;
          const result = parseOccasionBatch(`Date,Time,Channel,What happened\n${date},${time},email,${text}`, { now });
          expect(result.invalidCount).toBe(0);
          expect(result.valid[0]!.description).toBe(words.replace(/\s+/g, ' ').trim());
          // In the repeated hour when the clocks go back, the first (BST) reading is taken.
          expect(Math.abs(result.valid[0]!.at.getTime() - minute.getTime()) % 3_600_000).toBe(0);
        },
      ),
    );
  });
});
