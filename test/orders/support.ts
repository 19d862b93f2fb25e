import { baseAnswers } from '../intake/fixtures.ts';
import { apiClient, reportCase, type Api, type Json } from '../victims/support.ts';
import type { TestVigil } from '../support/app.ts';

export { apiClient, type Api, type Json };

/** A stalking report in February 2025 between an ex-partner and the victim: a stalking case with both on record. */
export async function stalkingCase(vigil: TestVigil, api: Api, names: { victim: [string, string]; suspect: [string, string] } = { victim: ['Elowen', 'Brackenridge'], suspect: ['Kestrel', 'Dunmore'] }) {
  return reportCase(
    vigil,
    api,
    baseAnswers({
      victim: { forenames: names.victim[0], surname: names.victim[1], town: 'Corrowick' },
      suspect: { forenames: names.suspect[0], surname: names.suspect[1], approximateAge: 40 },
      occasions: [
        { date: '2025-02-10', endDate: '2025-02-14', times: 20, channels: ['text'], behaviours: ['contacting'] },
        { date: '2025-02-12', time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
        { date: '2025-02-14', time: '17:30', place: 'Outside her home', channels: ['in-person'], behaviours: ['loitering'] },
      ],
    }),
  );
}

export const REFERRAL = (subjectPersonId: string, victimId: string) => ({
  subjectPersonId,
  protectedPersonIds: [victimId],
  referredOn: '2025-02-17',
  actsOfStalking: 'Texted her twenty times in a week and waited outside her workplace and home.',
  riskToVictim: 'S-DASH high: fixated, escalating to her home.',
  whyNecessary: 'He has ignored warnings; nothing else stops him contacting her.',
  proposedProhibitions: 'Not to contact Elowen Brackenridge; not to go within 200 metres of her home or workplace',
  proposedRequirements: 'Attend a stalking perpetrator programme',
});

export const AUTHORITY = {
  necessary: 'Needed to protect her from further stalking.',
  proportionate: 'Terms limited to contact and two places.',
  justified: 'Acts associated with stalking and a high risk are evidenced.',
  humanRightsSubject: 'Article 8 and 10 interference is limited to what protects her.',
  humanRightsVictim: 'Article 8: her right to a private life free of stalking.',
};

/** The stages of an SPO from SCU approval to a full grant on a date, each by its proper role. */
export function stagesToGrant(grantedOn: string, servedOn?: string): Array<{ who: string; body: Record<string, unknown> }> {
  return [
    { who: 'stalking-coordination-unit', body: { stage: 'scu-approved', stageOn: '2025-02-18', reason: 'Meets the SPO tests.' } },
    { who: 'stalking-coordination-unit', body: { stage: 'application-prepared', stageOn: '2025-02-20', statement: 'Overarching statement.', proposedProhibitions: 'Not to contact Elowen Brackenridge', termYears: 2 } },
    { who: 'authorising-superintendent', body: { stage: 'authorised', stageOn: '2025-02-21', ...AUTHORITY } },
    { who: 'stalking-coordination-unit', body: { stage: 'hearing-listed', stageOn: '2025-02-24', court: 'Corrowick Magistrates Court', hearingOn: grantedOn } },
    {
      who: 'stalking-coordination-unit',
      body: { stage: 'granted', stageOn: grantedOn, court: 'Corrowick Magistrates Court', prohibitions: 'Not to contact Elowen Brackenridge; not to go within 200 metres of her home', requirements: 'Attend a stalking perpetrator programme', termYears: 2, ...(servedOn ? { servedOn } : {}) },
    },
  ];
}

/** Runs each stage through the API, threading the version. Returns the last response. */
export async function runStages(api: Api, spoId: string, stages: Array<{ who: string; body: Record<string, unknown> }>): Promise<{ status: number; body: Json }> {
  let last = { status: 0, body: {} as Json };
  for (const s of stages) {
    const current = await api.call(s.who, 'GET', `/api/v1/spo-applications/${spoId}`);
    last = await api.call(s.who, 'POST', `/api/v1/spo-applications/${spoId}/stages`, { ...s.body, version: current.body.application.version });
    if (last.status !== 201) throw new Error(`Stage ${String(s.body.stage)} failed: ${last.status} ${JSON.stringify(last.body)}`);
  }
  return last;
}
