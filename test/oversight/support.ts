import { baseAnswers } from '../intake/fixtures.ts';
import { apiToken, type TestVigil } from '../support/app.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk the JSON freely
type Json = Record<string, any>;

export interface Api {
  call(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<{ status: number; body: Json }>;
}

/** An API client that signs each demo user in once. */
export function apiClient(vigil: TestVigil): Api {
  const tokens = new Map<string, string>();
  return {
    async call(username, method, url, payload) {
      if (!tokens.has(username)) tokens.set(username, await apiToken(vigil.app, username));
      const response = await vigil.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(username)!}` }, ...(payload ? { payload: payload as object } : {}) });
      return { status: response.statusCode, body: response.body ? (response.json() as Json) : {} };
    },
  };
}

const FORENAMES = ['Ada', 'Bram', 'Cerys', 'Dorian', 'Elowen', 'Fenwick', 'Gwendolyn', 'Hollis', 'Isolde', 'Jasper', 'Kestrel', 'Lark'];
const SURNAMES = ['Applewhite', 'Brackenridge', 'Cobblestone', 'Dunmore', 'Elderberry', 'Foxglove', 'Greywater', 'Hawthorne', 'Ironwood', 'Juniper'];

export interface FinishedCase {
  caseId: string;
  outcomeCode: number;
  domesticAbuse: boolean;
}

/** A rationale long enough for any outcome that takes no further action. */
const RATIONALE = 'The evidence was reviewed in full: there are no witnesses, no retained phone data and no footage, and the enquiries that remain would not change the outcome.';

/**
 * Records a report through the intake API (ex-partner for domestic abuse, a neighbour
 * otherwise), then finalises the case with the outcome as a detective sergeant would
 * (outcomes come only from finalisation). Outcome 18 means no suspect was identified, so
 * those cases are reported without one; outcome 16 gives the five items it needs.
 */
export async function finishedCase(api: Api, n: number, outcomeCode: number, domesticAbuse: boolean, overrides: Record<string, unknown> = {}): Promise<FinishedCase> {
  const answers = baseAnswers({
    relationship: domesticAbuse ? 'ex-intimate-partner' : 'neighbour',
    victim: { forenames: `${FORENAMES[n % FORENAMES.length]}`, surname: `${SURNAMES[Math.floor(n / FORENAMES.length) % SURNAMES.length]}-Victim${n}` },
    ...(outcomeCode === 18 ? { suspectKnown: 'no', suspect: undefined } : { suspect: { forenames: `Sus${n}`, surname: `Pect${n}`, approximateAge: 40 } }),
    occasions: [
      { date: '2026-10-01', time: '18:00', place: 'Outside her home', channels: ['in-person'], behaviours: ['loitering'] },
      { date: '2026-10-08', time: '18:00', place: 'Outside her home', channels: ['in-person'], behaviours: ['loitering'] },
    ],
    ...overrides,
  });
  const created = await api.call('call-handler', 'POST', '/api/v1/reports', answers);
  if (created.status !== 201) throw new Error(`Report failed: ${created.status} ${JSON.stringify(created.body)}`);
  const caseId = created.body.caseId as string;
  const read = await api.call('detective-sergeant', 'GET', `/api/v1/cases/${caseId}`);
  if (read.status !== 200) throw new Error(`Case read failed: ${read.status} ${JSON.stringify(read.body)}`);
  const outcome = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation`, {
    outcome: outcomeCode,
    rationale: RATIONALE,
    investigationDone: true,
    ...(outcomeCode === 16
      ? {
          outcome16: {
            victimReasons: 'She wants it to stop but does not want to go to court.',
            statementOfReasons: true,
            specialistSupportOffered: true,
            evidenceLedConsidered: true,
            followUpContactDate: '2026-12-09',
          },
        }
      : {}),
    version: read.body.version,
  });
  if (outcome.status !== 201) throw new Error(`Finalisation failed: ${outcome.status} ${JSON.stringify(outcome.body)}`);
  return { caseId, outcomeCode, domesticAbuse };
}

/** Equal thirds by outcome 1, 16 and 18, one third domestic abuse (002 Annex A). */
export function thirdsRequest(seed: string, size = 9) {
  return {
    criteria: { finalisedFrom: '2026-11-01', finalisedTo: '2026-11-30' },
    strata: [
      { label: 'Outcome 1', filter: { outcomeCodes: [1] }, proportion: 1 / 3 },
      { label: 'Outcome 16', filter: { outcomeCodes: [16] }, proportion: 1 / 3 },
      { label: 'Outcome 18', filter: { outcomeCodes: [18] }, proportion: 1 / 3 },
    ],
    quotas: [{ label: 'Domestic abuse', filter: { domesticAbuse: true }, proportion: 1 / 3 }],
    size,
    seed,
  };
}

export async function userIdOf(vigil: TestVigil, username: string): Promise<string> {
  const row = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}
