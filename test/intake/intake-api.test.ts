import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';
import { baseAnswers, P1_OCCASIONS } from './fixtures.ts';

let vigil: TestVigil;
let callHandler: string;
let registrar: string;
let sergeant: string;

beforeAll(async () => {
  vigil = await startTestVigil();
  callHandler = await apiToken(vigil.app, 'call-handler');
  registrar = await apiToken(vigil.app, 'crime-registrar');
  sergeant = await apiToken(vigil.app, 'detective-sergeant');
});
afterAll(async () => vigil.close());

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await vigil.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk the JSON freely
  return { status: response.statusCode, body: response.json() as Record<string, any> };
}

async function report(answers: Record<string, unknown>) {
  const created = await call(callHandler, 'POST', '/api/v1/reports', answers);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function partiesOf(reportId: string) {
  const read = await call(callHandler, 'GET', `/api/v1/reports/${reportId}`);
  return { victimId: read.body.answers.victim.personId as string, suspectId: read.body.answers.suspect?.personId as string | undefined, version: read.body.version as number };
}

async function count(table: 'reports' | 'people' | 'occasions' | 'cases' | 'tasks'): Promise<number> {
  const row = await vigil.deps.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

describe('P1: ex-partner stalking', () => {
  it('is a crime, suggested as stalking with reasons, flagged DA and cyber, allocated towards the DA team', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS }));
    const s = created.suggestion;
    expect(s.isCrime).toBe(true);
    expect(s.principal).toBe('stalking');
    const reasons = (s.reasons as Array<{ code: string; text: string }>).map((r) => r.text).join(' ');
    expect(reasons).toMatch(/ex-partner/i);
    expect(reasons).toMatch(/associated with stalking/i);
    expect(s.courseOfConduct.met).toBe(true);
    expect(s.flags).toEqual({ domesticAbuse: true, cyberEnabled: true });

    const kase = await call(callHandler, 'GET', `/api/v1/cases/${created.caseId}`);
    expect(kase.status).toBe(200);
    expect(kase.body.classification).toMatchObject({ offence: 'stalking', confirmed: false });
    expect(kase.body.flags).toEqual({ domesticAbuse: true, cyberEnabled: true });
    const tasks = kase.body.openTasks as Array<{ type: string; ownerTeam: string; dueAt: string }>;
    expect(tasks.map((t) => t.type)).toEqual(expect.arrayContaining(['crime-decision', 'initial-risk-assessment', 'victim-contact', 'evidence-capture', 'allocation-triage']));
    expect(tasks.find((t) => t.type === 'allocation-triage')?.ownerTeam).toBe('da-team');
    // Enhanced Victims' Code service: contact due by the end of the next working day (Thursday 26 November 2026).
    expect(tasks.find((t) => t.type === 'victim-contact')?.dueAt).toBe('2026-11-26T23:59:59.999Z');
    const triage = await vigil.deps.db.selectFrom('tasks').select('details').where('case_id', '=', created.caseId).where('type', '=', 'allocation-triage').executeTakeFirstOrThrow();
    expect(triage.details.recommendedTeam).toBe('da-team');
  });

  it('records stalking at the crime decision and confirms the classification with its history', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Nerys', surname: 'Foxglove' } }));
    const { version } = await partiesOf(created.reportId);
    const decided = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'crime', principal: 'stalking', alsoRecord: [] });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.findings).toEqual([]);
    const kase = await call(callHandler, 'GET', `/api/v1/cases/${created.caseId}`);
    expect(kase.body.classification).toMatchObject({ offence: 'stalking', confirmed: true, homeOfficeCode: '8Q' });
    expect((kase.body.openTasks as Array<{ type: string }>).some((t) => t.type === 'crime-decision')).toBe(false);
  });

  it('refuses harassment without saying why it is not stalking, and accepts it with a reason (sent to the registrar)', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Isolde', surname: 'Larkspur' } }));
    const { version } = await partiesOf(created.reportId);
    const refused = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'crime', principal: 'harassment' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'rationale', message: expect.stringMatching(/not stalking/i) })]);
    const accepted = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, {
      version,
      decision: 'crime',
      principal: 'harassment',
      rationale: 'The victim describes the contact as about shared property only.',
    });
    expect(accepted.status).toBe(200);
    expect((accepted.body.findings as Array<{ code: string }>).map((f) => f.code)).toContain('harassmentWithStalkingIndicators');
    const queue = await vigil.deps.db.selectFrom('registrar_findings').select('code').where('case_id', '=', created.caseId).where('status', '=', 'open').execute();
    expect(queue.map((q) => q.code)).toContain('harassmentWithStalkingIndicators');
  });

  it('needs a reason to correct a derived flag', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Saffron', surname: 'Greywater' } }));
    const { version } = await partiesOf(created.reportId);
    const refused = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'crime', principal: 'stalking', domesticAbuse: false });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('flagCorrectionReason');
    const ok = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, {
      version,
      decision: 'crime',
      principal: 'stalking',
      domesticAbuse: false,
      flagCorrectionReason: 'They were never in a relationship: the caller misdescribed it.',
    });
    expect(ok.status).toBe(200);
    const kase = await call(callHandler, 'GET', `/api/v1/cases/${created.caseId}`);
    expect(kase.body.flags.domesticAbuse).toBe(false);
  });
});

describe('P2: one email, then a second', () => {
  it('is not harassment on one email, says why, then prompts harassment when a second email links to it', async () => {
    const first = await report(
      baseAnswers({
        callerCapacity: 'employer',
        relationship: 'colleague-or-client',
        victim: { forenames: 'Ada', surname: 'Mossbank' },
        suspect: { forenames: 'Peregrine', surname: 'Oakhurst' },
        occasions: [{ date: '2026-11-10', channels: ['email'], behaviours: ['threats-of-violence'] }],
      }),
    );
    expect(first.suggestion.courseOfConduct.met).toBe(false);
    expect(['harassment', 'stalking']).not.toContain(first.suggestion.principal);
    expect((first.suggestion.reasons as Array<{ text: string }>).map((r) => r.text).join(' ')).toMatch(/one occasion|no course of conduct/i);

    const { victimId, suspectId } = await partiesOf(first.reportId);
    const second = await report(
      baseAnswers({
        callerCapacity: 'employer',
        relationship: 'colleague-or-client',
        victim: { personId: victimId },
        suspect: { personId: suspectId },
        occasions: [{ date: '2026-11-24', channels: ['email'], behaviours: ['threats-of-violence'] }],
      }),
    );
    expect(second.caseId).toBe(first.caseId);
    expect(second.joinedExistingCase).toBe(true);
    expect(second.suggestion.courseOfConduct.met).toBe(true);
    expect((second.suggestion.prompts as Array<{ code: string }>).map((p) => p.code)).toContain('reconsiderHarassment');
    const reconsider = await vigil.deps.db.selectFrom('tasks').select(['type', 'owner_team']).where('report_id', '=', second.reportId).where('type', '=', 'reconsider-classification').execute();
    expect(reconsider).toHaveLength(1);
  });
});

describe('P3: breaches of a restraining order', () => {
  it('records one breach alone, then on a second breach prompts stalking or harassment as well and a risk reassessment', async () => {
    const db = vigil.deps.db;
    const victim = await db.insertInto('people').values({ forenames: 'Elowen', surname: 'Cobblestone' }).returning('id').executeTakeFirstOrThrow();
    const suspect = await db.insertInto('people').values({ forenames: 'Bram', surname: 'Cobblestone' }).returning('id').executeTakeFirstOrThrow();
    const order = await db
      .insertInto('orders')
      .values({ type: 'restraining-order', subject_person_id: suspect.id, made_on: '2025-11-01', court: 'Northtown Magistrates' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('order_protected_persons').values({ order_id: order.id, person_id: victim.id }).execute();

    const parties = { victim: { personId: victim.id }, suspect: { personId: suspect.id } };
    const first = await report(baseAnswers({ ...parties, occasions: [{ date: '2026-11-05', channels: ['in-person'], behaviours: ['loitering'], breachedOrder: 'restraining-order' }] }));
    expect(first.suggestion.principal).toBe('breach-restraining-order');
    expect(first.suggestion.alsoRecord).toEqual([]);
    expect(first.suggestion.courseOfConduct.met).toBe(false);
    const breach = await db.selectFrom('occasions').select('breached_order_id').where('report_id', '=', first.reportId).executeTakeFirstOrThrow();
    expect(breach.breached_order_id).toBe(order.id);

    const second = await report(baseAnswers({ ...parties, occasions: [{ date: '2026-11-19', channels: ['text'], behaviours: ['contacting'], breachedOrder: 'restraining-order' }] }));
    expect(second.caseId).toBe(first.caseId);
    expect(second.suggestion.breaches.total).toBe(2);
    const alsoRecord = second.suggestion.alsoRecord as string[];
    expect(alsoRecord.some((code) => code === 'stalking' || code === 'harassment')).toBe(true);
    const prompts = (second.suggestion.prompts as Array<{ code: string }>).map((p) => p.code);
    expect(prompts).toEqual(expect.arrayContaining(['recordCourseOfConductWithBreach', 'reassessRisk']));
    const reassess = await db.selectFrom('tasks').select('id').where('report_id', '=', second.reportId).where('type', '=', 'risk-reassessment').execute();
    expect(reassess).toHaveLength(1);
  });
});

describe('P11: a series of malicious communications', () => {
  it('links the three reports and prompts harassment or stalking for the course of conduct', async () => {
    const messages = (date: string, who: Record<string, unknown>) =>
      baseAnswers({ relationship: 'acquaintance', ...who, occasions: [{ date, channels: ['social-media'], platform: 'Chirper', behaviours: ['threats-of-violence'] }] });
    const first = await report(messages('2026-11-02', { victim: { forenames: 'Lark', surname: 'Juniper' }, suspect: { forenames: 'Quill', surname: 'Rookwood' } }));
    const { victimId, suspectId, version } = await partiesOf(first.reportId);
    const decided = await call(registrar, 'POST', `/api/v1/reports/${first.reportId}/crime-decision`, { version, decision: 'crime', principal: 'malicious-communications' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const who = { victim: { personId: victimId }, suspect: { personId: suspectId } };
    const second = await report(messages('2026-11-09', who));
    const third = await report(messages('2026-11-16', who));
    expect(new Set([first.caseId, second.caseId, third.caseId]).size).toBe(1);
    expect((third.suggestion.prompts as Array<{ code: string }>).map((p) => p.code)).toContain('maliciousCommunicationsSeries');
    expect(third.suggestion.courseOfConduct.met).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    ['a date in the future', { occasions: [{ date: '2027-01-01', channels: ['text'], behaviours: ['contacting'] }] }, 'occasions.0.date'],
    ['an end before the start', { occasions: [{ date: '2026-11-10', endDate: '2026-11-01', channels: ['text'], behaviours: ['contacting'] }] }, 'occasions.0.endDate'],
    ['an occasion without a date', { occasions: [{ channels: ['text'], behaviours: ['contacting'] }] }, 'occasions.0.date'],
    ['a known suspect with no details', { suspect: {}, occasions: P1_OCCASIONS }, 'suspect.surname'],
    ['an unknown channel', { occasions: [{ date: '2026-11-10', channels: ['carrier-pigeon'], behaviours: ['contacting'] }] }, 'occasions.0.channels.0'],
    ['no occasions', { occasions: [] }, 'occasions'],
  ])('refuses %s, names the field, and saves nothing', async (_name, overrides, field) => {
    const before = await Promise.all([count('reports'), count('people'), count('occasions'), count('cases'), count('tasks')]);
    const response = await call(callHandler, 'POST', '/api/v1/reports', baseAnswers(overrides));
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const after = await Promise.all([count('reports'), count('people'), count('occasions'), count('cases'), count('tasks')]);
    expect(after).toEqual(before);
  });

  it('refuses an unknown classification code at the crime decision', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Gwendolyn', surname: 'Sorrelby' } }));
    const { version } = await partiesOf(created.reportId);
    const response = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'crime', principal: '8Z-made-up' });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('principal');
  });

  it('requires a rationale for a non-crime decision where the rules find a crime', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Rowan', surname: 'Thistledown' } }));
    const { version } = await partiesOf(created.reportId);
    const response = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'non-crime' });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('rationale');
  });

  it('detects a stale crime decision', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Marlowe', surname: 'Kettleby' } }));
    const { version } = await partiesOf(created.reportId);
    expect((await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'crime', principal: 'stalking' })).status).toBe(200);
    const stale = await call(registrar, 'POST', `/api/v1/reports/${created.reportId}/crime-decision`, { version, decision: 'crime', principal: 'harassment', rationale: 'Changed my mind here.' });
    expect(stale.status).toBe(409);
  });
});

describe('reclassification', () => {
  it('any officer may propose; a detective sergeant confirms; the history shows who and why', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Cerys', surname: 'Ironwood' } }));
    const officer = await apiToken(vigil.app, 'attending-officer');
    const proposed = await call(officer, 'POST', `/api/v1/cases/${created.caseId}/classifications`, {
      principal: 'stalking-fear-alarm-distress',
      alsoRecord: [],
      rationale: 'She has now moved home and changed her job because of him.',
    });
    expect(proposed.status).toBe(201);
    const forbidden = await call(officer, 'POST', `/api/v1/cases/${created.caseId}/classifications/${proposed.body.classificationId}/decision`, { decision: 'confirm' });
    expect(forbidden.status).toBe(403);
    const confirmed = await call(sergeant, 'POST', `/api/v1/cases/${created.caseId}/classifications/${proposed.body.classificationId}/decision`, { decision: 'confirm' });
    expect(confirmed.status).toBe(200);
    const kase = await call(callHandler, 'GET', `/api/v1/cases/${created.caseId}`);
    expect(kase.body.classification).toMatchObject({ offence: 'stalking-fear-alarm-distress', confirmed: true });
  });
});

describe('access', () => {
  it('keeps drafts private to their author and the API closed to the panel', async () => {
    const panel = await apiToken(vigil.app, 'scrutiny-panel-member');
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Hollis', surname: 'Pebblebrook' } }));
    expect((await call(panel, 'GET', `/api/v1/reports/${created.reportId}`)).status).toBe(403);
    expect((await call(panel, 'GET', `/api/v1/cases/${created.caseId}`)).status).toBe(403);
    expect((await call(panel, 'POST', '/api/v1/reports', baseAnswers())).status).toBe(403);
  });

  it('audits reading a report and a case', async () => {
    const created = await report(baseAnswers({ occasions: P1_OCCASIONS, victim: { forenames: 'Jasper', surname: 'Applewhite' } }));
    await call(sergeant, 'GET', `/api/v1/reports/${created.reportId}`);
    await call(sergeant, 'GET', `/api/v1/cases/${created.caseId}`);
    const rows = await vigil.deps.db.selectFrom('audit_log').select(['record_type', 'action']).where('actor_username', '=', 'detective-sergeant').where('record_id', 'in', [created.reportId, created.caseId]).execute();
    expect(rows).toEqual(expect.arrayContaining([{ record_type: 'report', action: 'view' }, { record_type: 'case', action: 'view' }]));
  });
});
