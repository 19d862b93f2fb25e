import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DASH_2009, DASH_STALKING_QUESTIONS, SDASH, type ToolDefinition } from '../../src/domain/risk/index.ts';
import { toActor } from '../../src/platform/auth/actor.ts';
import type { RequestContext } from '../../src/platform/auth/actor.ts';
import type { TestVigil } from '../support/app.ts';
import { baseAnswers } from '../intake/fixtures.ts';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions walk the JSON freely

/** Bearer-token JSON calls. */
export function api(vigil: TestVigil, token: string) {
  return async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const response = await vigil.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.json() as Json };
  };
}

/** One occasion: not enough incidents for the MARAC escalation criterion. */
export const ONE_OCCASION = [{ date: '2026-11-20', time: '18:00', channels: ['text'], behaviours: ['contacting'], times: 5 }];

/** P4: a stranger visits her at work, leaves gifts and follows her to the bus stop. */
export const P4_OCCASIONS = [
  { date: '2026-11-16', time: '12:30', place: 'Her workplace, a bank', channels: ['in-person'], behaviours: ['loitering'] },
  { date: '2026-11-18', time: '12:45', place: 'Her workplace, a bank', channels: ['in-person'], behaviours: ['unwanted-gifts'] },
  { date: '2026-11-20', time: '17:40', place: 'The bus stop near her work', channels: ['in-person'], behaviours: ['following'] },
];

let counter = 0;
/** A new case through the real intake API, with a victim of its own. */
export async function newCase(vigil: TestVigil, callHandlerToken: string, overrides: Record<string, unknown> = {}): Promise<{ caseId: string; reportId: string }> {
  counter += 1;
  const names = ['Ada', 'Bryony', 'Cerys', 'Delphine', 'Elowen', 'Fern', 'Gwen', 'Hazel', 'Ivy', 'Juno', 'Kit', 'Lark', 'Maris', 'Nell', 'Opal', 'Posy', 'Rue', 'Sorrel', 'Tansy', 'Wren'];
  const surnames = ['Ashcombe', 'Birchall', 'Coldwell', 'Dewhurst', 'Eastlake', 'Fairweather', 'Greenhalgh', 'Holloway'];
  const victim = { forenames: names[counter % names.length], surname: `${surnames[counter % surnames.length]}-${counter}`, town: 'Northtown' };
  const suspect = { forenames: 'Osric', surname: `Vane-${counter}`, approximateAge: 40 };
  const call = api(vigil, callHandlerToken);
  const created = await call('POST', '/api/v1/reports', baseAnswers({ victim, suspect, occasions: ONE_OCCASION, ...overrides }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { caseId: created.body.caseId as string, reportId: created.body.reportId as string };
}

type Value = 'yes' | 'no' | 'not-known';

/** Answers every question of the tool: the ids listed yes, the first `yes` questions yes, the rest no. */
export function answers(tool: ToolDefinition, yes: number | string[], rest: Value = 'no'): Record<string, { value: Value; note?: string }> {
  return Object.fromEntries(
    tool.questions.map((q, index) => [q.id, { value: (Array.isArray(yes) ? yes.includes(q.id) : index < yes) ? 'yes' : rest }]),
  );
}

/** A DASH with `yes` yes answers (question 8 among them once yes ≥ 8), with the stalking questions answered no. */
export function dash(yes: number | string[], extra: Record<string, unknown> = {}): Json {
  return { toolId: DASH_2009.id, stage: 'enhanced', answers: answers(DASH_2009, yes), supplementAnswers: answers(DASH_STALKING_QUESTIONS, 0), ...extra };
}

export function sdash(yes: number, extra: Record<string, unknown> = {}): Json {
  return { toolId: SDASH.id, stage: 'initial', answers: answers(SDASH, yes), ...extra };
}

export async function contextFor(vigil: TestVigil, username: string): Promise<RequestContext> {
  const user = await vigil.deps.db.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  const actor = toActor({ id: user.id, username, displayName: user.display_name, roles: [username], teams: ['cid'], isService: false });
  return { actor, requestId: randomUUID() };
}

export async function tasksOf(vigil: TestVigil, caseId: string, type: string) {
  return vigil.deps.db.selectFrom('tasks').select(['id', 'status', 'details', 'title', 'outcome']).where('case_id', '=', caseId).where('type', '=', type).execute();
}
