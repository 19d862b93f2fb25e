import { apiToken, type TestVigil } from '../support/app.ts';
import { apiClient, baseAnswers, reportCase, STALKING_AUGUST_2025, type Api, type Json } from '../victims/support.ts';

export { apiClient, reportCase, STALKING_AUGUST_2025, type Api, type Json };

/** P4: a stranger keeps visiting a bank worker at work, leaves gifts and follows her to the bus stop. */
export const STRANGER_P4 = (overrides: Record<string, unknown> = {}) =>
  baseAnswers({
    relationship: 'stranger',
    victim: { forenames: 'Imogen', surname: 'Fairweather', town: 'Northtown' },
    suspect: { forenames: 'Lucan', surname: 'Marchbank', approximateAge: 35 },
    account: 'A man I do not know keeps coming to the bank, leaves gifts and follows me to the bus stop.',
    occasions: [
      { date: '2025-08-11', time: '12:00', place: 'At her workplace, a bank', channels: ['in-person'], behaviours: ['loitering', 'unwanted-gifts'] },
      { date: '2025-08-13', time: '17:10', place: 'The bus stop', channels: ['in-person'], behaviours: ['following'] },
    ],
    ...overrides,
  });

export const THOROUGH =
  'The victim has moved abroad and the only evidence was on her phone, which she has taken with her. Enquiries with the network found no retained data, and no witnesses saw the incidents.';

export const COMPLETE_16 = {
  victimReasons: 'She fears his family will retaliate if she gives evidence.',
  statementOfReasons: true,
  specialistSupportOffered: true,
  evidenceLedConsidered: true,
  followUpContactDate: '2025-10-01',
};

export const TRIAGE = {
  threat: { level: 'medium', text: 'Repeated attendance at her workplace.' },
  risk: { level: 'medium', text: 'DASH medium; no threats of violence yet.' },
  harm: { level: 'high', text: 'She has changed her route home.' },
  complexity: { level: 'low', text: 'One suspect, two occasions.' },
};

/** A case recorded through intake and read back, with its current version. */
export async function newCase(vigil: TestVigil, api: Api, answers: Record<string, unknown>): Promise<{ caseId: string; victimId: string; version: number }> {
  const { caseId, victimId } = await reportCase(vigil, api, answers);
  const read = await api.call('detective-sergeant', 'GET', `/api/v1/cases/${caseId}/investigation`);
  if (read.status !== 200) throw new Error(`Investigation read failed: ${read.status} ${JSON.stringify(read.body)}`);
  return { caseId, victimId, version: read.body.version };
}

export function fields(body: Json): string[] {
  return (body.errors as Array<{ field: string }>).map((e) => e.field);
}

/** A PUT through the API (the shared client only does GET and POST). */
export async function put(vigil: TestVigil, username: string, url: string, payload: unknown): Promise<{ status: number; body: Json }> {
  const token = await apiToken(vigil.app, username);
  const response = await vigil.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload: payload as object });
  return { status: response.statusCode, body: response.json() as Json };
}
