import { toActor, type Actor } from '../../src/platform/auth/actor.ts';
import type { RequestContext } from '../../src/platform/auth/actor.ts';
import { apiToken, type TestVigil } from '../support/app.ts';
import { baseAnswers, P1_OCCASIONS } from '../intake/fixtures.ts';

export { baseAnswers, P1_OCCASIONS };

/** Harassment by a neighbour: no stalking, no domestic abuse, no vulnerability, so the standard service. */
export const NEIGHBOUR_HARASSMENT = (overrides: Record<string, unknown> = {}) =>
  baseAnswers({
    relationship: 'neighbour',
    victim: { forenames: 'Bram', surname: 'Oakhurst' },
    suspect: { forenames: 'Fenwick', surname: 'Greywater', approximateAge: 55 },
    occasions: [
      { date: '2025-08-04', time: '19:00', place: 'Outside his house', channels: ['in-person'], behaviours: ['threats-of-violence'] },
      { date: '2025-08-11', time: '19:30', place: 'Outside his house', channels: ['in-person'], behaviours: ['damage-to-property'] },
    ],
    ...overrides,
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk the JSON freely
export type Json = Record<string, any>;

export interface Api {
  call(username: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }>;
}

/** An API client that signs in each demo user once. */
export function apiClient(vigil: TestVigil): Api {
  const tokens = new Map<string, { token: string; at: number }>();
  return {
    async call(username, method, url, payload, headers = {}) {
      // Tokens last 12 hours of the test clock: sign in again when the clock has moved on.
      const now = vigil.clock.now().getTime();
      const held = tokens.get(username);
      if (!held || Math.abs(now - held.at) > 6 * 3_600_000) tokens.set(username, { token: await apiToken(vigil.app, username), at: now });
      const response = await vigil.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tokens.get(username)!.token}`, ...headers },
        ...(payload ? { payload: payload as object } : {}),
      });
      return { status: response.statusCode, body: response.body ? (response.json() as Json) : {} };
    },
  };
}

/** Records a report through the intake API and returns its case and victim. */
export async function reportCase(vigil: TestVigil, api: Api, answers: Record<string, unknown>): Promise<{ caseId: string; reportId: string; victimId: string; suspectId: string | undefined }> {
  const created = await api.call('call-handler', 'POST', '/api/v1/reports', answers);
  if (created.status !== 201) throw new Error(`Report failed: ${created.status} ${JSON.stringify(created.body)}`);
  const read = await api.call('call-handler', 'GET', `/api/v1/reports/${created.body.reportId}`);
  return { caseId: created.body.caseId, reportId: created.body.reportId, victimId: read.body.answers.victim.personId, suspectId: read.body.answers.suspect?.personId };
}

/** A service context for a demo user, as the HTTP layer would build it. */
export async function contextFor(vigil: TestVigil, username: string): Promise<RequestContext> {
  const user = await vigil.deps.db.selectFrom('users').select(['id', 'username', 'display_name', 'is_service']).where('username', '=', username).executeTakeFirstOrThrow();
  const roles = await vigil.deps.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  const teams = await vigil.deps.db.selectFrom('user_teams').select('team_code').where('user_id', '=', user.id).execute();
  const actor: Actor = toActor({ id: user.id, username: user.username, displayName: user.display_name, roles: roles.map((r) => r.role), teams: teams.map((t) => t.team_code), isService: user.is_service });
  return { actor, requestId: `test-${username}` };
}

export async function userId(vigil: TestVigil, username: string): Promise<string> {
  const row = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

export async function auditRows(vigil: TestVigil, recordType: string, recordId?: string) {
  let query = vigil.deps.db.selectFrom('audit_log').select(['action', 'record_type', 'record_id', 'actor_username', 'reason', 'details']).where('record_type', '=', recordType);
  if (recordId) query = query.where('record_id', '=', recordId);
  return query.orderBy('id').execute();
}

/** P1 in August 2025: an ex-partner texting and waiting outside her workplace (stalking, domestic abuse: enhanced). */
export const STALKING_AUGUST_2025 = (overrides: Record<string, unknown> = {}) =>
  baseAnswers({
    victim: { forenames: 'Tamsin', surname: 'Hawthorne', town: 'Northtown' },
    occasions: [
      { date: '2025-08-11', endDate: '2025-08-14', times: 30, channels: ['text'], behaviours: ['contacting'] },
      { date: '2025-08-12', time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
      { date: '2025-08-14', time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
    ],
    ...overrides,
  });
