/** Turning the risk pages' form posts into service inputs, and service errors back into form fields. */
import type { ToolDefinition } from '../../domain/risk/index.ts';
import type { FieldError } from '../../platform/errors.ts';
import { unflatten } from '../../platform/http/forms.ts';

export type FormBody = Record<string, unknown>;

export function text(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/**
 * A date typed as 24/12/2026, 24 12 2026 or 2026-12-24, as 'YYYY-MM-DD'. Anything else is
 * returned as typed so the rules can say the date is missing or not real.
 */
export function dateFromText(input: string): string {
  const value = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const match = /^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$/.exec(value);
  if (!match) return value;
  return `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
}

function answersFrom(body: FormBody, tool: ToolDefinition, prefix: string): Record<string, { value: string; note?: string }> {
  const answers: Record<string, { value: string; note?: string }> = {};
  for (const q of tool.questions) {
    const value = text(body, `${prefix}answer-${q.id}`);
    const note = text(body, `${prefix}note-${q.id}`).trim();
    if (value) answers[q.id] = { value, ...(note ? { note } : {}) };
  }
  return answers;
}

/** The questionnaire form as the assessment input: one radio group and note per question. */
export function assessmentFromForm(body: FormBody, tool: ToolDefinition, supplement: ToolDefinition | null): Record<string, unknown> {
  const supplementAnswers = supplement ? answersFrom(body, supplement, 'supp-') : {};
  const grade = text(body, 'judgementGrade');
  return {
    toolId: tool.id,
    toolVersion: tool.version,
    stage: text(body, 'stage'),
    ...(text(body, 'victimPersonId') ? { victimPersonId: text(body, 'victimPersonId') } : {}),
    source: text(body, 'source') || 'victim',
    ...(text(body, 'sourceNote').trim() ? { sourceNote: text(body, 'sourceNote') } : {}),
    answers: answersFrom(body, tool, ''),
    ...(Object.keys(supplementAnswers).length > 0 ? { supplementAnswers } : {}),
    ...(grade && grade !== 'none' ? { judgement: { grade, rationale: text(body, 'judgementRationale') } } : {}),
  };
}

export interface RowForm {
  /** What goes to the service. */
  input: Record<string, unknown>;
  /** Form row index of each item sent, to put errors back on the right row. */
  actionRows: number[];
  disclosureRows: number[];
}

function isBlankRow(row: Record<string, unknown>, fields: readonly string[]): boolean {
  return fields.every((f) => typeof row[f] !== 'string' || (row[f] as string).trim() === '');
}

/** The plan form: rows of actions and of risk information, blank rows left out. */
export function planFromForm(body: FormBody): RowForm {
  const nested = unflatten(body) as { actions?: unknown; disclosures?: unknown };
  const rows = (value: unknown) => (Array.isArray(value) ? value : []).map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>) : {}));
  const actionRows: number[] = [];
  const actions = rows(nested.actions).flatMap((row, index) => {
    if (isBlankRow(row, ['category', 'description', 'owner', 'reviewDate', 'dueDate'])) return [];
    actionRows.push(index);
    return [{ ...row, reviewDate: dateFromText(String(row.reviewDate ?? '')), dueDate: dateFromText(String(row.dueDate ?? '')) }];
  });
  const disclosureRows: number[] = [];
  const disclosures = rows(nested.disclosures).flatMap((row, index) => {
    if (isBlankRow(row, ['information', 'toldOn', 'reasonNotTold'])) return [];
    disclosureRows.push(index);
    return [{ ...row, told: row.told === 'yes', toldOn: dateFromText(String(row.toldOn ?? '')) }];
  });
  const version = text(body, 'version');
  const victimPersonId = text(body, 'victimPersonId');
  return {
    input: {
      ...(victimPersonId ? { victimPersonId } : {}),
      ...(version ? { version } : {}),
      reviewedOn: dateFromText(text(body, 'reviewedOn')),
      reviewDate: dateFromText(text(body, 'reviewDate')),
      actions,
      disclosures,
    },
    actionRows,
    disclosureRows,
  };
}

/** Moves errors on sent items (actions.0.owner) to their form rows (actions.2.owner). */
export function errorsOnRows(errors: FieldError[], form: RowForm): FieldError[] {
  return errors.map((e) => {
    const match = /^(actions|disclosures)\.(\d+)(\..*)?$/.exec(e.field);
    if (!match) return e;
    const rows = match[1] === 'actions' ? form.actionRows : form.disclosureRows;
    return { ...e, field: `${match[1]}.${rows[Number(match[2])] ?? match[2]}${match[3] ?? ''}` };
  });
}

/** The plan form's values to show again: the rows as typed. */
export function planValues(body: FormBody): Record<string, unknown> {
  return { ...body, ...unflatten(body) };
}
