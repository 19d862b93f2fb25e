import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';
import { assessment, buildCase, chase, duty, hoursAfter, insert, outcome, person, plan, referral, task, userId, type BuiltCase } from './factory.ts';

/**
 * The dashboard dataset. The period under test is 1 January to 31 October 2026 and the
 * clock stands at 25 November 2026, 10:00 UTC. Cases (first recorded):
 *
 * C1 10 Mar stalking, DA, DA team; female victim; crime recorded on time; initial 2h and
 *    enhanced 10h after the report (graded high); plan up to date; charged (outcome 1);
 *    referral taken up; one update on time; s2B considered and applied; SPO granted;
 *    complete prosecution file asking for a restraining order; allocated to the DA team.
 * C2 5 Apr stalking, not DA, CID; male victim; recorded late; initial 4h; plan overdue
 *    for review; outcome 16; referral offered only; one update overdue; one chase; an
 *    overdue task; s2B considered, not used; SPO consideration task done.
 * C3 20 May harassment, not DA, Response; female victim; on time; initial 6h; no plan;
 *    outcome 18; referral made; a task done late; a report breaching an SPO.
 * C4 15 Jun breach of a restraining order, not DA, Response; female victim; on time; a
 *    PIN on its suspect dated 1 Jul 2026 (and one from 2025).
 * C5 1 Jul malicious communications, not DA, no team; victim gender not recorded; on
 *    time; charged (police action) with no prosecution file; two chases.
 * C6 15 Dec 2025 stalking, DA: outside the period.
 * C7 1 Aug harassment, DA, CID; female victim; recorded as a non-crime.
 */
export interface Dataset {
  c: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7', BuiltCase>;
}

export const PERIOD = { from: '2026-01-01', to: '2026-10-31' };

export async function buildDataset(db: Kysely<Database>): Promise<Dataset> {
  const by = await userId(db, 'investigator');
  const c1 = await buildCase(db, by, { createdAt: '2026-03-10T09:00:00Z', offence: 'stalking', da: true, team: 'da-team', victimGenders: ['Female'] });
  await assessment(db, c1.id, 'initial', hoursAfter('2026-03-10T09:00:00Z', 2));
  await assessment(db, c1.id, 'enhanced', hoursAfter('2026-03-10T09:00:00Z', 10), 'high');
  await plan(db, c1.id, '2026-12-31', 'high');
  await outcome(db, c1.id, 1, '2026-06-01T10:00:00Z');
  await referral(db, c1.id, c1.victimIds[0]!, 'taken-up');
  await duty(db, c1.id, c1.victimIds[0]!, '2026-03-12T17:00:00Z', '2026-03-12T12:00:00Z');
  await insert(db, 'investigation_s2b_events', { case_id: c1.id, state: 'considered', on_date: '2026-03-11', recorded_at: new Date('2026-03-11T10:00:00Z') });
  await insert(db, 'investigation_s2b_events', { case_id: c1.id, state: 'applied', on_date: '2026-03-12', recorded_at: new Date('2026-03-12T10:00:00Z') });
  await insert(db, 'spo_applications', { case_id: c1.id, subject_person_id: c1.suspectId, stage: 'granted' });
  await insert(db, 'investigation_prosecution_files', {
    case_id: c1.id,
    dash_attached: true,
    screening_tool_attached: true,
    victim_personal_statement: 'taken',
    restraining_order_wanted: true,
    restraining_order_terms: ['No contact'],
    special_measures_assessed: true,
    course_of_conduct_summary: 'Twelve occasions since January.',
    bail_or_remand_recommendation: 'Remand',
    updated_at: new Date('2026-05-01T10:00:00Z'),
  });
  await insert(db, 'investigation_allocations', { case_id: c1.id, facts: {}, recommendation: {}, triage: {}, rationale: 'DA stalking', investigating_team: 'da-team', decided_by: by, decided_at: new Date('2026-03-10T12:00:00Z') });

  const c2 = await buildCase(db, by, {
    createdAt: '2026-04-05T09:00:00Z',
    offence: 'stalking-fear-alarm-distress',
    team: 'cid',
    victimGenders: ['Male'],
    reports: [{ reportedAt: '2026-04-05T09:00:00Z', crime: 'crime', decidedAt: '2026-04-07T09:00:00Z', relationship: 'acquaintance' }],
  });
  await assessment(db, c2.id, 'initial', hoursAfter('2026-04-05T09:00:00Z', 4));
  await plan(db, c2.id, '2026-06-01');
  await outcome(db, c2.id, 16, '2026-07-01T10:00:00Z');
  await referral(db, c2.id, c2.victimIds[0]!, 'offered');
  await duty(db, c2.id, c2.victimIds[0]!, '2026-04-10T17:00:00Z', null);
  await chase(db, c2.id, c2.victimIds[0]!, '2026-04-12T10:00:00Z');
  await task(db, c2.id, { dueAt: '2026-05-01T10:00:00Z' });
  await insert(db, 'investigation_s2b_events', { case_id: c2.id, state: 'not-used', on_date: '2026-04-06', recorded_at: new Date('2026-04-06T10:00:00Z') });
  await task(db, c2.id, { type: 'spo-consideration', dueAt: '2026-04-20T10:00:00Z', status: 'done', completedAt: '2026-04-19T10:00:00Z' });

  const spoSubject = await person(db, 'Male', 'Subject');
  const spoOrder = await insert(db, 'orders', { type: 'stalking-protection-order', subject_person_id: spoSubject, made_on: '2025-01-10', status: 'active' });
  const c3 = await buildCase(db, by, {
    createdAt: '2026-05-20T09:00:00Z',
    offence: 'harassment',
    team: 'response',
    suspectId: spoSubject,
    reports: [{ reportedAt: '2026-05-20T09:00:00Z', relationship: 'neighbour', occasions: [{ channels: ['in-person'], breachedOrderId: spoOrder }, { channels: ['text', 'social-media'] }] }],
  });
  await assessment(db, c3.id, 'initial', hoursAfter('2026-05-20T09:00:00Z', 6));
  await outcome(db, c3.id, 18, '2026-08-01T10:00:00Z');
  await referral(db, c3.id, c3.victimIds[0]!, 'made');
  await task(db, c3.id, { dueAt: '2026-05-25T10:00:00Z', status: 'done', completedAt: '2026-05-27T10:00:00Z' });
  await duty(db, c3.id, c3.victimIds[0]!, '2026-12-01T10:00:00Z', null);

  const roSubject = await person(db, 'Male', 'Subject');
  const roOrder = await insert(db, 'orders', { type: 'restraining-order', subject_person_id: roSubject, made_on: '2025-02-10', status: 'active' });
  const c4 = await buildCase(db, by, {
    createdAt: '2026-06-15T09:00:00Z',
    offence: 'breach-restraining-order',
    team: 'response',
    suspectId: roSubject,
    reports: [{ reportedAt: '2026-06-15T09:00:00Z', occasions: [{ channels: ['in-person'], breachedOrderId: roOrder }] }],
  });
  await insert(db, 'warning_notices', { person_id: roSubject, kind: 'PIN', issued_on: '2026-07-01' });
  await insert(db, 'warning_notices', { person_id: roSubject, kind: 'HN1', issued_on: '2025-01-01' });

  const c5 = await buildCase(db, by, { createdAt: '2026-07-01T09:00:00Z', offence: 'malicious-communications', victimGenders: [null], reports: [{ reportedAt: '2026-07-01T09:00:00Z', relationship: 'stranger', occasions: [{ channels: ['email'] }] }] });
  await chase(db, c5.id, c5.victimIds[0]!, '2026-07-10T10:00:00Z');
  await chase(db, c5.id, c5.victimIds[0]!, '2026-07-20T10:00:00Z');
  await insert(db, 'police_actions', { case_id: c5.id, kind: 'charge', occurred_at: new Date('2026-08-01T10:00:00Z') });

  const c6 = await buildCase(db, by, { createdAt: '2025-12-15T09:00:00Z', offence: 'stalking', da: true, team: 'da-team' });
  await outcome(db, c6.id, 1, '2026-02-01T10:00:00Z');

  const c7 = await buildCase(db, by, { createdAt: '2026-08-01T09:00:00Z', offence: 'harassment', da: true, team: 'cid', reports: [{ reportedAt: '2026-08-01T09:00:00Z', crime: 'non-crime' }] });

  return { c: { c1, c2, c3, c4, c5, c6, c7 } };
}
