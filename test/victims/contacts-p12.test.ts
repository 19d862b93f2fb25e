import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { COMPLETE_16, THOROUGH } from '../investigation/support.ts';
import { apiClient, auditRows, reportCase, STALKING_AUGUST_2025, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

/** Finalises the case as a detective sergeant would, with the outcome given, on 28 August 2025 (before the contacts). */
async function finalise(caseId: string, outcome: number) {
  const now = vigil.clock.now();
  vigil.clock.set('2025-08-28T14:00:00Z');
  const read = await api.call('detective-sergeant', 'GET', `/api/v1/cases/${caseId}`);
  const done = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation`, {
    outcome,
    rationale: THOROUGH,
    investigationDone: true,
    ...(outcome === 16 ? { outcome16: COMPLETE_16 } : {}),
    version: read.body.version,
  });
  vigil.clock.set(now.toISOString());
  expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
}

function contact(personId: string, overrides: Record<string, unknown> = {}) {
  return { personId, at: '2025-09-01T09:30:00+01:00', initiatedBy: 'police', method: 'phone', discussed: 'Explained what happens next.', ...overrides };
}

describe('contact log', () => {
  it('counts the contacts the victim had to start to chase an update, per case', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Cerys', surname: 'Kettleby' } }));
    const other = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Hollis', surname: 'Rookwood' }, suspect: { forenames: 'Jasper', surname: 'Ironwood' } }));
    const entries = [
      contact(victimId, { initiatedBy: 'victim', chasingUpdate: true, method: 'phone', discussed: 'Asked whether he had been arrested yet.' }),
      contact(victimId, { initiatedBy: 'victim', chasingUpdate: false, method: 'email', discussed: 'Sent new screenshots.' }),
      contact(victimId, { initiatedBy: 'police', method: 'in-person', discussed: 'Statement taken.', safetyAdvice: 'Keep a diary; vary routes.' }),
      contact(victimId, { initiatedBy: 'victim', chasingUpdate: true, method: 'text', discussed: 'Chased again: no one had called back.' }),
    ];
    let last: Record<string, unknown> = {};
    for (const entry of entries) {
      const saved = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, entry);
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
      last = saved.body;
    }
    expect(last.chases).toBe(2);
    await api.call('investigator', 'POST', `/api/v1/cases/${other.caseId}/victims/contacts`, contact(other.victimId, { initiatedBy: 'victim', chasingUpdate: true }));

    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.status).toBe(200);
    expect(read.body.chases).toBe(2);
    const victim = read.body.victims[0];
    expect(victim.chases).toBe(2);
    expect(victim.contacts).toHaveLength(4);
    expect(victim.contacts.find((c: { method: string }) => c.method === 'in-person').safetyAdvice).toBe('Keep a diary; vary routes.');
    const otherRead = await api.call('investigator', 'GET', `/api/v1/cases/${other.caseId}/victims`);
    expect(otherRead.body.chases).toBe(1);
  });

  it('refuses a chase that the victim did not start, and a contact with nothing discussed', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Rowan', surname: 'Sorrelby' } }));
    const refused = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, contact(victimId, { initiatedBy: 'police', chasingUpdate: true, discussed: '' }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['chasingUpdate', 'discussed']);
    const rows = await vigil.deps.db.selectFrom('victim_contacts').select('id').where('case_id', '=', caseId).execute();
    expect(rows).toHaveLength(0);
  });

  it('telling the victim about an event completes the matching task and duty, and is audited', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Saffron', surname: 'Pebblebrook' } }));
    const arrest = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'arrest', at: '2025-09-01T08:00:00+01:00' });
    const charge = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'charge', at: '2025-09-01T09:00:00+01:00' });
    const arrestDuty = arrest.body.duties[0];
    const chargeDuty = charge.body.duties[0];
    const saved = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, contact(victimId, { toldAbout: [arrestDuty.dutyId], discussed: 'Told her he was arrested this morning.' }));
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.completedDuties).toEqual([arrestDuty.dutyId]);

    const tasks = await vigil.deps.db.selectFrom('tasks').select(['id', 'status', 'outcome']).where('id', 'in', [arrestDuty.taskId, chargeDuty.taskId]).execute();
    expect(tasks.find((t) => t.id === arrestDuty.taskId)).toMatchObject({ status: 'done' });
    expect(tasks.find((t) => t.id === chargeDuty.taskId)).toMatchObject({ status: 'open' });
    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    const duties = read.body.victims[0].duties as Array<{ id: string; open: boolean }>;
    expect(duties.find((d) => d.id === arrestDuty.dutyId)?.open).toBe(false);
    expect(duties.find((d) => d.id === chargeDuty.dutyId)?.open).toBe(true);

    const audit = await auditRows(vigil, 'victim-contact', saved.body.contactId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_username: 'investigator' });
    expect(audit[0]!.details).toMatchObject({ caseId, completedDuties: 1 });
    const events = await auditRows(vigil, 'victim-event', arrest.body.eventId);
    expect(events[0]).toMatchObject({ action: 'create' });
    const views = await auditRows(vigil, 'case-victims', caseId);
    expect(views.some((r) => r.action === 'view' && r.actor_username === 'investigator')).toBe(true);
  });

  it('refuses to mark another victim’s update as told', async () => {
    const a = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Quill', surname: 'Nettlefold' } }));
    const b = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Marlowe', surname: 'Thistledown' }, suspect: { forenames: 'Dorian', surname: 'Cobblestone' } }));
    const event = await api.call('investigator', 'POST', `/api/v1/cases/${b.caseId}/victims/events`, { event: 'arrest', at: '2025-09-01T08:00:00+01:00' });
    const refused = await api.call('investigator', 'POST', `/api/v1/cases/${a.caseId}/victims/contacts`, contact(a.victimId, { toldAbout: [event.body.duties[0].dutyId] }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('toldAbout');
  });
});

describe('P12: the victim re-engages after outcome 16', () => {
  it('flags the outcome as inconsistent with the victim’s wishes and asks a supervisor to reopen or justify, once', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Gwendolyn', surname: 'Applewhite' } }));
    await finalise(caseId, 16);
    const byHand = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'outcome', at: '2025-08-28T15:00:00+01:00', outcomeCode: 16 });
    expect(byHand.status).toBe(422);
    expect(JSON.stringify(byHand.body)).toContain('finalising the case');

    const before = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(before.body.outcome).toMatchObject({ code: 16, inconsistentWithVictimWishes: false });

    const saved = await api.call('stalking-champion', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, contact(victimId, {
      initiatedBy: 'victim',
      discussed: 'She called to say she now wants him prosecuted.',
      victimWish: 'supports-prosecution',
    }));
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.inconsistency.reason).toContain('outcome 16');

    const tasks = await vigil.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('type', '=', 'reopen-or-justify').execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'open', title: 'Reopen the investigation or justify keeping the outcome', owner_team: 'cid', id: saved.body.inconsistency.taskId });
    expect(tasks[0]!.details).toMatchObject({ assignTo: 'supervisor', outcomeCode: 16 });

    const after = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(after.body.outcome).toMatchObject({ code: 16, inconsistentWithVictimWishes: true });
    expect(after.body.outcome.reason).toContain('now says they support a prosecution');

    const flagged = await auditRows(vigil, 'case', caseId);
    expect(flagged.some((r) => r.action === 'update' && (r.details as Record<string, unknown>).flag === 'outcome.inconsistent-with-victim-wishes')).toBe(true);

    const again = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, contact(victimId, { discussed: 'Confirmed she still supports a prosecution.', victimWish: 'supports-prosecution' }));
    expect(again.body.inconsistency).toBeNull();
    const still = await vigil.deps.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('type', '=', 'reopen-or-justify').execute();
    expect(still).toHaveLength(1);
  });

  it('does not flag when the victim still does not support a prosecution, or when the outcome was a charge', async () => {
    const a = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Peregrine', surname: 'Elderberry' } }));
    await finalise(a.caseId, 16);
    const unchanged = await api.call('investigator', 'POST', `/api/v1/cases/${a.caseId}/victims/contacts`, contact(a.victimId, { victimWish: 'does-not-support' }));
    expect(unchanged.body.inconsistency).toBeNull();

    const b = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Kestrel', surname: 'Brackenridge' }, suspect: { forenames: 'Orrin', surname: 'Quarrington' } }));
    await finalise(b.caseId, 1);
    const charged = await api.call('investigator', 'POST', `/api/v1/cases/${b.caseId}/victims/contacts`, contact(b.victimId, { victimWish: 'supports-prosecution' }));
    expect(charged.body.inconsistency).toBeNull();
    const tasks = await vigil.deps.db.selectFrom('tasks').select('id').where('case_id', 'in', [a.caseId, b.caseId]).where('type', '=', 'reopen-or-justify').execute();
    expect(tasks).toHaveLength(0);
  });
});
