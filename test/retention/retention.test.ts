/**
 * Retention under MoPI: the review queue, keeping a record with a next review date, and
 * deleting a case's personal data while its statistics and the audit trail stay.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, newCase, STALKING_AUGUST_2025, TRIAGE, type Api } from '../investigation/support.ts';
import { tableCounts } from '../reliability/table-counts.ts';

let vigil: TestVigil;
let api: Api;

/** Words typed into the case that is deleted: none may survive anywhere but the audit log. */
const MARKERS = ['Zephyrine', 'Quillfeather', 'Vexwhistle', '07700 900123', '07700900123', 'zephyrine@example.org', 'Marrowby', 'Thistlegate', 'bluebell kiosk', 'lantern marker'];

const DELETED = '[deleted under MoPI review]';

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil?.close());

async function finalisedCase(answers: Record<string, unknown>, notes = { discussed: 'Explained what happens next.', safetyAdvice: 'Keep a diary.' }): Promise<{ caseId: string; victimId: string }> {
  const { caseId, victimId } = await newCase(vigil, api, answers);
  const allocated = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/allocation`, { triage: TRIAGE, rationale: 'Allocated as the policy says.', investigatingTeam: 'da-team' });
  expect(allocated.status, JSON.stringify(allocated.body)).toBe(201);
  const contact = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, {
    personId: victimId,
    at: '2025-09-01T09:30:00+01:00',
    initiatedBy: 'police',
    method: 'phone',
    ...notes,
  });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  const finalised = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/finalisation`, { outcome: 1 });
  expect(finalised.status, JSON.stringify(finalised.body)).toBe(201);
  return { caseId, victimId };
}

/** Every row of every table but the audit log, as text, holding any of the markers. */
async function markersLeft(): Promise<string[]> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(vigil.deps.db);
  const found: string[] = [];
  for (const { name } of tables.rows) {
    if (name === 'audit_log' || name.startsWith('kysely_')) continue;
    const rows = await sql<{ t: string }>`select row_to_json(x)::text as t from ${sql.table(name)} x`.execute(vigil.deps.db);
    for (const row of rows.rows) {
      for (const marker of MARKERS) if (row.t.toLowerCase().includes(marker.toLowerCase())) found.push(`${name}: ${marker}`);
    }
  }
  return [...new Set(found)];
}

async function statistics() {
  const db = vigil.deps.db;
  const byOffence = await sql<{ offence: string | null; n: number }>`select offence, count(*)::int as n from cases group by offence order by offence`.execute(db);
  const byOutcome = await sql<{ code: number; n: number }>`select outcome_code as code, count(*)::int as n from investigation_finalisations group by outcome_code order by outcome_code`.execute(db);
  const flags = await sql<{ da: number; cyber: number }>`select count(*) filter (where domestic_abuse)::int as da, count(*) filter (where cyber_enabled)::int as cyber from cases`.execute(db);
  return { byOffence: byOffence.rows, byOutcome: byOutcome.rows, flags: flags.rows[0] };
}

describe('retention review (MoPI)', () => {
  let doomed: { caseId: string; victimId: string };
  let kept: { caseId: string; victimId: string };

  beforeAll(async () => {
    doomed = await finalisedCase(
      STALKING_AUGUST_2025({
        victim: { forenames: 'Zephyrine', surname: 'Quillfeather', town: 'Marrowby', phone: '07700 900123', email: 'zephyrine@example.org', dateOfBirth: '1990-04-04' },
        suspect: { forenames: 'Orvald', surname: 'Vexwhistle', approximateAge: 44 },
        account: 'He waits by the Thistlegate steps every evening.',
        occasions: [
          { date: '2025-08-11', endDate: '2025-08-14', times: 30, channels: ['text'], behaviours: ['contacting'] },
          { date: '2025-08-12', time: '17:30', place: 'Thistlegate steps', channels: ['in-person'], behaviours: ['loitering'] },
          { date: '2025-08-14', time: '17:30', place: 'The bluebell kiosk', channels: ['in-person'], behaviours: ['loitering'] },
        ],
      }),
      { discussed: 'She described the bluebell kiosk where he waits.', safetyAdvice: 'Avoid the lantern marker route home.' },
    );
    kept = await finalisedCase(STALKING_AUGUST_2025({ victim: { forenames: 'Perpetua', surname: 'Ashcombe' }, suspect: { forenames: 'Hadrian', surname: 'Fellgate' } }));
  }, 120_000);

  it('lists nothing while the review dates are years away, then lists the cases once due', async () => {
    const registrar = await signInAs(vigil.app, 'crime-registrar');
    const early = await registrar.get('/retention');
    expect(early.statusCode).toBe(200);
    expect(early.body).toContain('<h1 class="govuk-heading-l">Retention reviews</h1>');
    expect(early.body).not.toContain(`/retention/cases/${doomed.caseId}`);

    // Stalking (s2A) is group 2: reviewed 10 years after finalisation.
    vigil.clock.set('2035-09-02T09:00:00Z');
    const registrarLater = await signInAs(vigil.app, 'crime-registrar');
    const due = await registrarLater.get('/retention');
    expect(due.body).toContain(`/retention/cases/${doomed.caseId}`);
    expect(due.body).toContain(`/retention/cases/${kept.caseId}`);
    expect(due.body).toContain('Group 2');
    // The queue shows references and codes, never names.
    expect(due.body).not.toContain('Zephyrine');

    const api2 = await api.call('force-lead', 'GET', '/api/v1/retention/queue');
    expect(api2.status).toBe(200);
    const item = api2.body.items.find((i: { id: string }) => i.id === doomed.caseId);
    expect(item).toMatchObject({ group: 2, reviewOn: '2035-09-01', status: 'overdue' });
  });

  it('keeps a record with a reason and a next review date, refusing a date beyond the group interval', async () => {
    const registrar = await signInAs(vigil.app, 'crime-registrar');
    const casePage = await registrar.get(`/cases/${kept.caseId}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain(`href="/retention/cases/${kept.caseId}"`);
    const investigatorPage = await (await signInAs(vigil.app, 'investigator')).get(`/cases/${kept.caseId}`);
    expect(investigatorPage.statusCode).toBe(200);
    expect(investigatorPage.body).not.toContain('/retention/cases/');
    const page = await registrar.get(`/retention/cases/${kept.caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Group 2: other sexual, violent or serious offences');

    const tooFar = await registrar.post(`/retention/cases/${kept.caseId}`, {
      decision: 'retain',
      reason: 'The suspect was reported again elsewhere last year.',
      'nextReview-day': '1',
      'nextReview-month': '1',
      'nextReview-year': '2050',
    });
    expect(tooFar.statusCode).toBe(422);
    expect(tooFar.body).toContain('govuk-error-summary');
    expect(tooFar.body).toContain('Next review date must be no later than');
    expect(tooFar.body).toContain('href="#nextReview-day"');

    const missing = await registrar.post(`/retention/cases/${kept.caseId}`, { decision: 'retain', reason: 'short' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Enter the date of the next review');
    expect(missing.body).toContain('Enter the reason for your decision');

    const ok = await registrar.post(`/retention/cases/${kept.caseId}`, {
      decision: 'retain',
      reason: 'The suspect was reported again elsewhere last year.',
      'nextReview-day': '2',
      'nextReview-month': '9',
      'nextReview-year': '2040',
    });
    expect(ok.statusCode).toBe(303);
    const after = await registrar.get(ok.headers.location as string);
    expect(after.body).toContain('Decision recorded');
    expect(after.body).toContain('Kept');
    const queue = await registrar.get('/retention');
    expect(queue.body).not.toContain(`/retention/cases/${kept.caseId}`);
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['action', 'reason', 'details']).where('record_id', '=', kept.caseId).where('action', '=', 'update').execute();
    expect(audit.some((a) => (a.details as { nextReviewOn?: string }).nextReviewOn === '2040-09-02')).toBe(true);
  });

  it('deletes the personal data of a case: names, identifiers and text gone; statistics and the audit trail kept', async () => {
    const db = vigil.deps.db;
    expect(await markersLeft()).not.toEqual([]);
    const countsBefore = await tableCounts(db);
    const statsBefore = await statistics();
    const auditBefore = countsBefore.audit_log!;
    const caseBefore = await db.selectFrom('cases').select(['reference', 'offence', 'domestic_abuse', 'cyber_enabled', 'status', 'finalised_at']).where('id', '=', doomed.caseId).executeTakeFirstOrThrow();
    const otherVictim = await db.selectFrom('people').select(['forenames', 'surname']).where('id', '=', kept.victimId).executeTakeFirstOrThrow();

    const registrar = await signInAs(vigil.app, 'crime-registrar');
    const page = await registrar.get(`/retention/cases/${doomed.caseId}`);
    expect(page.body).toContain('cannot be undone');
    const unconfirmed = await registrar.post(`/retention/cases/${doomed.caseId}`, { decision: 'delete', reason: 'No further reports in the 10-year clear period.' });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Confirm that you understand the personal data cannot be recovered');
    expect(await markersLeft()).not.toEqual([]);

    const deleted = await registrar.post(`/retention/cases/${doomed.caseId}`, { decision: 'delete', reason: 'No further reports in the 10-year clear period.', confirm: 'yes' });
    expect(deleted.statusCode).toBe(303);

    // Nothing typed about the case survives anywhere but the audit log.
    expect(await markersLeft()).toEqual([]);
    const victim = await db.selectFrom('people').selectAll().where('id', '=', doomed.victimId).executeTakeFirstOrThrow();
    expect([victim.forenames, victim.surname, victim.date_of_birth]).toEqual(['[deleted]', '[deleted]', null]);
    expect(await db.selectFrom('person_identifiers').select('id').where('person_id', '=', doomed.victimId).execute()).toEqual([]);
    expect(await db.selectFrom('person_addresses').select('id').where('person_id', '=', doomed.victimId).execute()).toEqual([]);
    const report = await sql<{ account: string }>`select r.account from reports r join case_reports cr on cr.report_id = r.id where cr.case_id = ${doomed.caseId}`.execute(db);
    expect(report.rows.map((r) => r.account)).toEqual([DELETED]);
    const contacts = await db.selectFrom('victim_contacts').select(['discussed', 'safety_advice']).where('case_id', '=', doomed.caseId).execute();
    expect(contacts).toEqual([{ discussed: DELETED, safety_advice: DELETED }]);

    // The other case is untouched.
    const stillThere = await db.selectFrom('people').select(['forenames', 'surname']).where('id', '=', kept.victimId).executeTakeFirstOrThrow();
    expect(stillThere).toEqual(otherVictim);

    // Statistics: the same cases by offence, flags and outcomes; no case, report, occasion or finalisation row removed.
    expect(await statistics()).toEqual(statsBefore);
    const countsAfter = await tableCounts(db);
    for (const table of ['cases', 'reports', 'occasions', 'case_reports', 'case_victims', 'report_parties', 'classifications', 'investigation_finalisations', 'victim_contacts', 'tasks', 'people']) {
      expect(countsAfter[table], table).toBe(countsBefore[table]);
    }
    const caseRow = await db.selectFrom('cases').select(['reference', 'offence', 'domestic_abuse', 'cyber_enabled', 'status', 'finalised_at']).where('id', '=', doomed.caseId).executeTakeFirstOrThrow();
    expect(caseRow).toEqual(caseBefore);
    expect(caseRow).toMatchObject({ domestic_abuse: true, status: 'finalised' });
    expect(countsAfter.retention_reviews).toBe(countsBefore.retention_reviews! + 1);

    // The audit trail: nothing removed, and the deletion itself recorded with who, why and what.
    expect(countsAfter.audit_log!).toBeGreaterThan(auditBefore);
    const entry = await db
      .selectFrom('audit_log')
      .select(['actor_username', 'reason', 'details'])
      .where('action', '=', 'delete')
      .where('record_type', '=', 'case')
      .where('record_id', '=', doomed.caseId)
      .executeTakeFirstOrThrow();
    expect(entry.actor_username).toBe('crime-registrar');
    expect(entry.reason).toBe('No further reports in the 10-year clear period.');
    const details = entry.details as { decision: string; mopiGroup: number; peopleDeleted: string[]; scrubbed: Record<string, number> };
    expect(details).toMatchObject({ decision: 'delete', mopiGroup: 2 });
    expect(details.peopleDeleted).toContain(doomed.victimId);
    expect(details.scrubbed.reports).toBe(1);

    // Done once: the page says so and a second deletion is refused.
    const after = await registrar.get(`/retention/cases/${doomed.caseId}`);
    expect(after.body).toContain('has already been deleted under MoPI review');
    const again = await api.call('force-lead', 'POST', `/api/v1/cases/${doomed.caseId}/retention-decisions`, { decision: 'delete', reason: 'Trying to delete it twice over.', confirm: 'yes' });
    expect(again.status).toBe(422);
  });

  it('a restricted case: a reviewer not named on it is refused, and the refusal is audited', async () => {
    const restricted = await finalisedCase(STALKING_AUGUST_2025({ victim: { forenames: 'Winifred', surname: 'Saltmarsh' }, suspect: { forenames: 'Ansel', surname: 'Crowther' } }));
    await vigil.deps.db.updateTable('cases').set({ restricted: true, restricted_contact: 'Professional Standards' }).where('id', '=', restricted.caseId).execute();
    const refused = await api.call('crime-registrar', 'POST', `/api/v1/cases/${restricted.caseId}/retention-decisions`, { decision: 'delete', reason: 'No further reports in the clear period.', confirm: 'yes' });
    expect(refused.status).toBe(403);
    const denial = await vigil.deps.db.selectFrom('audit_log').select('action').where('record_id', '=', restricted.caseId).where('action', '=', 'view-denied').execute();
    expect(denial).toHaveLength(1);
    const victim = await vigil.deps.db.selectFrom('people').select('surname').where('id', '=', restricted.victimId).executeTakeFirstOrThrow();
    expect(victim.surname).toBe('Saltmarsh');
    expect(await vigil.deps.db.selectFrom('retention_reviews').select('id').where('case_id', '=', restricted.caseId).execute()).toEqual([]);
  });

  it('refuses an open case, and anyone without the retention permission', async () => {
    const { caseId } = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Odile', surname: 'Brightwater' } }));
    const open = await api.call('force-lead', 'POST', `/api/v1/cases/${caseId}/retention-decisions`, { decision: 'delete', reason: 'Attempt on an open case.', confirm: 'yes' });
    expect(open.status).toBe(422);
    expect(JSON.stringify(open.body)).toContain('This case is open');
    const malformed = await api.call('force-lead', 'POST', `/api/v1/cases/${caseId}/retention-decisions`, { decision: 'maybe', reason: 123, nextReviewOn: { day: 1 } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['decision', 'reason']));
    const retainWithoutDate = await api.call('force-lead', 'POST', `/api/v1/cases/${caseId}/retention-decisions`, { decision: 'retain', reason: 'Keeping it for now, no date given.' });
    expect(retainWithoutDate.status).toBe(422);
    expect(retainWithoutDate.body.errors[0]).toMatchObject({ field: 'nextReviewOn', message: 'Enter the date of the next review' });
    const investigator = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/retention-decisions`, { decision: 'delete', reason: 'Not my decision to make.', confirm: 'yes' });
    expect(investigator.status).toBe(403);
  });
});
