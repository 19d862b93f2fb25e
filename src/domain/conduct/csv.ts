/**
 * Batch occasions from a victim's diary (issue 5 §3): CSV text with a date, a time,
 * a channel and what happened (optionally the place and behaviours), checked row by
 * row before anything is saved. Never throws: every problem becomes a message with
 * the row number it belongs to.
 */
import {
  behaviours as behaviourOptions,
  channels as channelOptions,
  type BehaviourCode,
  type ChannelCode,
} from '../classification/index.ts';
import { isLocalDate, type LocalDate } from '../calendar/index.ts';
import { defaultConductPolicy, type ConductPolicy } from './policy.ts';
import { londonInstant, sayDate } from './time.ts';

/** Splits CSV text into rows of cells (RFC 4180: quoted cells, doubled quotes, CRLF or LF). */
export function splitCsv(text: string): { rows: string[][]; unclosedQuote: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return { rows, unclosedQuote: quoted };
}

export type BatchColumn = 'date' | 'time' | 'channel' | 'description' | 'place' | 'behaviours';

const HEADER_NAMES: Readonly<Record<string, BatchColumn>> = {
  date: 'date',
  day: 'date',
  time: 'time',
  channel: 'channel',
  how: 'channel',
  'how contact was made': 'channel',
  'what happened': 'description',
  description: 'description',
  details: 'description',
  what: 'description',
  place: 'place',
  where: 'place',
  location: 'place',
  behaviours: 'behaviours',
  behaviour: 'behaviours',
  behaviors: 'behaviours',
};

const DEFAULT_ORDER: readonly BatchColumn[] = ['date', 'time', 'channel', 'description', 'place', 'behaviours'];

const COLUMN_LABELS: Readonly<Record<BatchColumn, string>> = {
  date: 'Date',
  time: 'Time',
  channel: 'Channel',
  description: 'What happened',
  place: 'Place',
  behaviours: 'Behaviours',
};

const CHANNEL_ALIASES: Readonly<Record<string, ChannelCode>> = {
  sms: 'text',
  text: 'text',
  texts: 'text',
  'text message': 'text',
  whatsapp: 'social-media',
  facebook: 'social-media',
  instagram: 'social-media',
  snapchat: 'social-media',
  tiktok: 'social-media',
  x: 'social-media',
  twitter: 'social-media',
  'social media': 'social-media',
  phone: 'phone-call',
  call: 'phone-call',
  'phone call': 'phone-call',
  voicemail: 'phone-call',
  'in person': 'in-person',
  'face to face': 'in-person',
  email: 'email',
  'e-mail': 'email',
  letter: 'other',
  'third party': 'through-third-parties',
  'third parties': 'through-third-parties',
  tracker: 'tracking-device-or-app',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function key(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_]+/g, ' ').replace(/[’']/g, '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A diary date: 2026-03-03, 03/03/2026, 3/3/26, 3-3-2026, 3.3.2026 or 3 March 2026 (day first, as in the UK). */
export function parseDiaryDate(raw: string): LocalDate | null {
  const value = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3]!.length === 2) y += 2000;
  } else if ((match = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(value))) {
    const month = MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase());
    if (month < 0 || (match[2]!.length > 3 && !/^(january|february|march|april|may|june|july|august|september|sept|october|november|december)$/i.test(match[2]!))) return null;
    [d, m, y] = [Number(match[1]), month + 1, Number(match[3])];
  } else return null;
  const iso = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  return isLocalDate(iso) ? iso : null;
}

/** A diary time: 14:30, 14.30, 1430, 2pm, 2:30pm, 2.30 p.m. Returns [hour, minute] or null. */
export function parseDiaryTime(raw: string): [number, number] | null {
  const value = raw.trim().toLowerCase().replace(/\s+/g, '').replace(/\./g, (_m, offset: number, s: string) => (/\d/.test(s[offset + 1] ?? '') ? ':' : ''));
  let match = /^(\d{1,2}):?(\d{2})$/.exec(value);
  if (match) {
    const [h, m] = [Number(match[1]), Number(match[2])];
    return h <= 23 && m <= 59 ? [h, m] : null;
  }
  match = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/.exec(value);
  if (match) {
    let h = Number(match[1]);
    const m = Number(match[2] ?? '0');
    if (h < 1 || h > 12 || m > 59) return null;
    if (match[3] === 'pm' && h !== 12) h += 12;
    if (match[3] === 'am' && h === 12) h = 0;
    return [h, m];
  }
  if (value === 'noon' || value === 'midday') return [12, 0];
  if (value === 'midnight') return [0, 0];
  return null;
}

export function parseChannel(raw: string): ChannelCode | null {
  const k = key(raw);
  if (!k) return null;
  const direct = channelOptions.find((c) => c.code === k.replace(/ /g, '-') || key(c.label) === k);
  if (direct) return direct.code;
  return CHANNEL_ALIASES[k] ?? null;
}

export function parseBehaviour(raw: string): BehaviourCode | null {
  const k = key(raw);
  const found = behaviourOptions.find((b) => b.code === k.replace(/ /g, '-') || key(b.label) === k);
  if (found) return found.code;
  if (k === 'threats' || k === 'threat' || k === 'threatening') return 'threats-of-violence';
  if (k === 'gifts') return 'unwanted-gifts';
  if (k === 'watching' || k === 'spying') return 'watching-or-spying';
  if (k === 'damage') return 'damage-to-property';
  return null;
}

/** One row ready to save. */
export interface BatchOccasion {
  readonly row: number;
  readonly date: LocalDate;
  readonly time: string;
  readonly at: Date;
  readonly channel: ChannelCode;
  readonly behaviours: readonly BehaviourCode[];
  readonly place: string | null;
  readonly description: string;
}

export interface RowMessage {
  readonly field: BatchColumn | 'row';
  readonly message: string;
}

export interface BatchRowResult {
  /** The row number as a spreadsheet shows it (the header, if any, is row 1). */
  readonly row: number;
  readonly cells: Readonly<Partial<Record<BatchColumn, string>>>;
  readonly occasion: BatchOccasion | null;
  readonly errors: readonly RowMessage[];
  /** Problems that need the user to confirm, such as a date outside the case's window. */
  readonly warnings: readonly RowMessage[];
}

export interface BatchParseResult {
  readonly rows: readonly BatchRowResult[];
  /** Problems with the whole text (empty, too many rows, a missing column, an unclosed quote). */
  readonly fileErrors: readonly string[];
  readonly validCount: number;
  readonly invalidCount: number;
  readonly warningCount: number;
  /** The rows that can be saved (no errors), in the order given. */
  readonly valid: readonly BatchOccasion[];
}

export interface BatchOptions {
  /** Now, from the injected clock: occasions cannot be in the future. */
  readonly now: Date;
  /** The case's window: dates outside it are warned about and need confirming. */
  readonly window?: { readonly from: Date; readonly to: Date } | null;
  /** Keys (see `occasionKey`) of occasions already recorded, to find duplicates. */
  readonly existing?: ReadonlySet<string>;
  readonly policy?: ConductPolicy;
}

/** What makes two occasions the same: the minute, the channel and what happened. */
export function occasionKey(at: Date, channel: string, description: string): string {
  const minute = Math.floor(at.getTime() / 60_000);
  return `${minute}|${channel}|${description.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

function headerOf(cells: readonly string[]): BatchColumn[] | null {
  const mapped = cells.map((c) => HEADER_NAMES[key(c)]);
  if (!mapped.includes('date')) return null;
  return mapped.map((m, i) => m ?? (`unknown-${i}` as BatchColumn));
}

/** Parses and checks a batch of occasions. Never throws. */
export function parseOccasionBatch(text: string, options: BatchOptions): BatchParseResult {
  const policy = options.policy ?? defaultConductPolicy;
  const fileErrors: string[] = [];
  const source = typeof text === 'string' ? text : '';
  const { rows: raw, unclosedQuote } = splitCsv(source);
  if (unclosedQuote) fileErrors.push('A quoted cell is not closed: check for a missing " in the last row.');
  const numbered = raw.map((cells, i) => ({ cells, row: i + 1 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (numbered.length === 0) {
    return { rows: [], fileErrors: ['Paste or upload at least one row: date, time, channel and what happened.'], validCount: 0, invalidCount: 0, warningCount: 0, valid: [] };
  }
  const header = headerOf(numbered[0]!.cells);
  const columns = header ?? [...DEFAULT_ORDER];
  const dataRows = header ? numbered.slice(1) : numbered;
  if (header) {
    for (const needed of ['time', 'channel', 'description'] as const) {
      if (!columns.includes(needed)) fileErrors.push(`The first row names the columns but has no “${COLUMN_LABELS[needed]}” column.`);
    }
  }
  if (dataRows.length > policy.batch.maximumRows) {
    fileErrors.push(`There are ${dataRows.length} rows; add at most ${policy.batch.maximumRows} at a time.`);
  }
  if (header && dataRows.length === 0) fileErrors.push('There is a header row but no occasions under it.');

  const seen = new Map<string, number>();
  const results: BatchRowResult[] = [];
  for (const { cells: rawCells, row } of dataRows.slice(0, policy.batch.maximumRows)) {
    const cells: Partial<Record<BatchColumn, string>> = {};
    columns.forEach((col, i) => {
      if (col in COLUMN_LABELS && rawCells[i] !== undefined) cells[col] = rawCells[i]!.trim();
    });
    const errors: RowMessage[] = [];
    const warnings: RowMessage[] = [];
    if (rawCells.length > columns.length && rawCells.slice(columns.length).some((c) => c.trim() !== '')) {
      errors.push({ field: 'row', message: `Row ${row} has more cells than columns: put quotes round text that contains commas.` });
    }
    const date = cells.date ? parseDiaryDate(cells.date) : null;
    if (!cells.date) errors.push({ field: 'date', message: `Row ${row}: enter the date, for example 03/03/2026.` });
    else if (!date) errors.push({ field: 'date', message: `Row ${row}: “${cells.date}” is not a real date. Use day/month/year, for example 03/03/2026.` });
    const time = cells.time ? parseDiaryTime(cells.time) : null;
    if (!cells.time) errors.push({ field: 'time', message: `Row ${row}: enter the time, for example 14:30.` });
    else if (!time) errors.push({ field: 'time', message: `Row ${row}: “${cells.time}” is not a time. Use the 24-hour clock, for example 14:30.` });
    const channel = cells.channel ? parseChannel(cells.channel) : null;
    if (!cells.channel) errors.push({ field: 'channel', message: `Row ${row}: enter the channel, for example text, phone call or in person.` });
    else if (!channel) {
      errors.push({
        field: 'channel',
        message: `Row ${row}: “${cells.channel}” is not a channel Vigil knows. Use one of: ${channelOptions.map((c) => c.label.toLowerCase()).join(', ')}.`,
      });
    }
    const description = (cells.description ?? '').replace(/\s+/g, ' ').trim();
    if (!description) errors.push({ field: 'description', message: `Row ${row}: say what happened.` });
    else if (description.length > policy.batch.maximumDescriptionLength) {
      errors.push({ field: 'description', message: `Row ${row}: what happened must be ${policy.batch.maximumDescriptionLength.toLocaleString('en-GB')} characters or fewer.` });
    }
    const behaviourCodes: BehaviourCode[] = [];
    for (const part of (cells.behaviours ?? '').split(/[;|]/).map((p) => p.trim()).filter(Boolean)) {
      const code = parseBehaviour(part);
      if (code) {
        if (!behaviourCodes.includes(code)) behaviourCodes.push(code);
      } else errors.push({ field: 'behaviours', message: `Row ${row}: “${part}” is not a behaviour Vigil knows. Separate behaviours with semicolons.` });
    }
    const place = cells.place ? cells.place.slice(0, 500) : null;

    let occasion: BatchOccasion | null = null;
    if (date && time && channel && description && errors.length === 0) {
      const at = londonInstant(date, time[0], time[1]);
      const timeText = `${pad2(time[0])}:${pad2(time[1])}`;
      if (at.getTime() > options.now.getTime()) {
        errors.push({ field: 'date', message: `Row ${row}: ${sayDate(at)} at ${timeText} is in the future.` });
      } else {
        const k = occasionKey(at, channel, description);
        const earlier = seen.get(k);
        if (earlier !== undefined) {
          errors.push({ field: 'row', message: `Row ${row} repeats row ${earlier}: the same date, time, channel and what happened.` });
        } else if (options.existing?.has(k)) {
          errors.push({ field: 'row', message: `Row ${row} is already recorded on this case: the same date, time, channel and what happened.` });
        } else {
          seen.set(k, row);
          occasion = { row, date, time: timeText, at, channel, behaviours: behaviourCodes, place, description };
          const window = options.window;
          if (window && (at.getTime() < window.from.getTime() || at.getTime() > window.to.getTime())) {
            warnings.push({
              field: 'date',
              message: `Row ${row}: ${sayDate(at)} is outside this case’s dates (${sayDate(window.from)} to ${sayDate(window.to)}). Check it, or confirm that it is right.`,
            });
          }
        }
      }
    }
    results.push({ row, cells, occasion: errors.length === 0 ? occasion : null, errors, warnings });
  }
  const valid = results.flatMap((r) => (r.occasion ? [r.occasion] : []));
  return {
    rows: results,
    fileErrors,
    validCount: valid.length,
    invalidCount: results.filter((r) => r.errors.length > 0).length,
    warningCount: results.filter((r) => r.warnings.length > 0).length,
    valid,
  };
}

/** Whether a parsed batch may be saved, and what to save, under the user's choices. */
export function batchToSave(
  result: BatchParseResult,
  choice: { validRowsOnly: boolean; confirmOutsideWindow: boolean },
): { ok: true; occasions: readonly BatchOccasion[]; skippedRows: readonly number[] } | { ok: false; reason: string } {
  if (result.fileErrors.length > 0) return { ok: false, reason: result.fileErrors[0]! };
  if (result.valid.length === 0) return { ok: false, reason: 'There are no rows that can be saved. Correct the rows with problems.' };
  if (result.invalidCount > 0 && !choice.validRowsOnly) {
    return {
      ok: false,
      reason: `${result.invalidCount === 1 ? '1 row has a problem' : `${result.invalidCount} rows have problems`}. Nothing has been saved: correct ${result.invalidCount === 1 ? 'it' : 'them'}, or choose to save only the rows without problems.`,
    };
  }
  const unconfirmed = result.rows.filter((r) => r.occasion && r.warnings.length > 0);
  if (unconfirmed.length > 0 && !choice.confirmOutsideWindow) {
    return {
      ok: false,
      reason: `${unconfirmed.length === 1 ? '1 row has a date' : `${unconfirmed.length} rows have dates`} outside this case’s dates. Nothing has been saved: check the dates, then confirm they are right.`,
    };
  }
  return { ok: true, occasions: result.valid, skippedRows: result.rows.filter((r) => !r.occasion).map((r) => r.row) };
}
