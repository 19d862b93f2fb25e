import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toActor, type RequestContext } from '../../src/platform/auth/actor.ts';
import { dailyMeeting, inspectionCriteria, problemProfile, type DailyMeeting } from '../../src/features/insights/service.ts';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { assessment, buildCase, duty, insert, person, plan, task, userId, type BuiltCase } from './factory.ts';
import { buildDataset, PERIOD } from './dataset.ts';

let vigil: TestVigil;
let d: Record<string, BuiltCase>;

function ctx(roles: string[] = ['detective-sergeant']): RequestContext {
  return { actor: toActor({ id: '00000000-0000-4000-8000-000000000002', username: 'test-ds', displayName: 'Test', roles, teams: ['cid'], isService: false }), requestId: 'test' };
}

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2026-11-25T10:00:00Z');
  const db = vigil.deps.db;
  const by = await userId(db, 'investigator');
  await buildDataset(db);
  const serial = await person(db, 'Male', 'Serial');
  const roSubject = await person(db, 'Male', 'Subject');
  const ro = await insert(db, 'orders', { type: 'restraining-order', subject_person_id: roSubject, made_on: '2025-02-10', status: 'active' });
  const d1 = await buildCase(db, by, {
    createdAt: '2026-11-25T07:00:00Z',
    offence: 'stalking',
    suspectId: serial,
    reports: [{ reportedAt: '2026-11-25T07:00:00Z', decidedAt: '2026-11-25T08:00:00Z', occasions: [{ channels: ['in-person'], breachedOrderId: ro }] }],
  });
  const d2 = await buildCase(db, by, { createdAt: '2026-06-01T09:00:00Z', offence: 'harassment', suspectId: serial, team: 'cid' });
  await assessment(db, d2.id, 'initial', new Date('2026-06-01T12:00:00Z'), 'medium');
  await assessment(db, d2.id, 'enhanced', new Date('2026-06-02T12:00:00Z'), 'high');
  await plan(db, d2.id, '2026-11-01', 'high');
  await task(db, d2.id, { type: 'risk-reassessment', dueAt: '2026-11-20T10:00:00Z' });
  await insert(db, 'orders', { type: 'stalking-protection-order', subject_person_id: serial, case_id: d2.id, made_on: '2025-01-15', expires_on: '2027-01-15', status: 'active' });
  const d3 = await buildCase(db, by, { createdAt: '2026-09-01T09:00:00Z', offence: 'harassment' });
  await duty(db, d3.id, d3.victimIds[0]!, '2026-11-24T17:00:00Z', null);
  const d4 = await buildCase(db, by, { createdAt: '2026-11-23T07:00:00Z', offence: 'harassment', reports: [{ reportedAt: '2026-11-23T07:00:00Z', decidedAt: '2026-11-23T08:00:00Z' }] });
  // Graded high once, then lower at the latest assessment: no longer high risk.
  const d5 = await buildCase(db, by, { createdAt: '2026-05-01T09:00:00Z', offence: 'harassment' });
  await assessment(db, d5.id, 'initial', new Date('2026-05-01T12:00:00Z'), 'high');
  await assessment(db, d5.id, 'enhanced', new Date('2026-07-01T12:00:00Z'), 'medium');
  // No assessment recorded, but a plan graded high.
  const d6 = await buildCase(db, by, { createdAt: '2026-08-01T09:00:00Z', offence: 'stalking' });
  await plan(db, d6.id, '2027-02-01', 'high');
  d = { d1, d2, d3, d4, d5, d6 };
}, 120_000);

afterAll(async () => {
  await vigil?.close();
});

function refs(view: DailyMeeting, id: string): string[] {
  return view.sections.find((s) => s.id === id)!.items.map((i) => i.reference ?? '');
}

describe('daily management meeting', () => {
  it('lists each thing the meeting looks at, from a known dataset', async () => {
    const view = await dailyMeeting(vigil.deps, ctx(), 24);
    expect(refs(view, 'new-crimes')).toEqual([d.d1!.reference]);
    expect(refs(view, 'high-risk')).toContain(d.d2!.reference);
    expect(refs(view, 'high-risk')).not.toContain(d.d3!.reference);
    expect(refs(view, 'high-risk')).not.toContain(d.d5!.reference);
    expect(refs(view, 'high-risk')).toContain(d.d6!.reference);
    const overdueRisk = view.sections.find((s) => s.id === 'overdue-risk')!.items.filter((i) => i.reference === d.d2!.reference).map((i) => i.detail);
    expect(overdueRisk.sort()).toEqual(['Risk management plan review', 'Test task'].sort());
    expect(refs(view, 'overdue-victim-updates')).toContain(d.d3!.reference);
    const spo = view.sections.find((s) => s.id === 'spo-deadlines')!.items;
    expect(spo.map((i) => [i.reference, i.detail])).toEqual([[d.d2!.reference, 'Expires 2027-01-15; renewal to be submitted by 2026-10-15 (passed)']]);
    expect(refs(view, 'breaches')).toEqual([d.d1!.reference]);
    const serial = view.sections.find((s) => s.id === 'serial-perpetrators')!.items;
    expect(serial.map((i) => [i.reference, i.detail])).toEqual([[d.d1!.reference, 'Suspect has cases against 2 different victims (2 cases)']]);
  });

  it('looks back 72 hours after a weekend', async () => {
    const view = await dailyMeeting(vigil.deps, ctx(), 72);
    expect(refs(view, 'new-crimes').sort()).toEqual([d.d1!.reference, d.d4!.reference].sort());
  });

  it('renders the page with a section per list and the case links', async () => {
    const ds = await signInAs(vigil.app, 'detective-sergeant');
    const page = await ds.get('/insights/daily');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Daily management meeting</h1>');
    expect(page.body).toContain(`href="/cases/${d.d1!.id}"`);
    expect(page.body).toContain('Serial perpetrator alerts');
    expect((await ds.get('/insights/daily?hours=5')).statusCode).toBe(422);
    const csv = await ds.get('/insights/export?table=daily-new-crimes');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(d.d1!.reference);
  });
});

describe('problem profile and inspection criteria', () => {
  it('counts repeat victims and perpetrators, serial perpetrators, channels, relationships and teams', async () => {
    const view = await problemProfile(vigil.deps, ctx(), { period: { from: '2026-01-01', to: '2026-11-30' } });
    const table = (id: string) => view.tables.find((t) => t.id === id)!.rows;
    // The serial suspect has D1 and D2 (two victims); everyone else one report each.
    expect(table('serial-perpetrators')).toEqual([['2 victims', 1]]);
    expect(table('repeat-perpetrators')).toContainEqual(['2', 1]);
    expect(table('channels')).toContainEqual(['Email', 1]);
    expect(table('channels')).toContainEqual(['Social media', 1]);
    expect(table('relationships')).toContainEqual(['Neighbour', 1]);
    expect(table('relationships')).toContainEqual(['Stranger', 1]);
    expect(table('areas')).toContainEqual(['CID', 3]);
  });

  it('shows each criterion with the live figures that evidence it', async () => {
    const view = await inspectionCriteria(vigil.deps, ctx(), { period: PERIOD });
    const c31 = view.areas.flatMap((a) => a.criteria).find((c) => c.id === '3.1')!;
    expect(c31.figures.map((f) => [f.definition.id, f.figure])).toContainEqual(['initial-risk-non-da', '50%']);
    expect(view.table.rows).toContainEqual(['3.1', c31.text, '001 A 3.1; 002 B 3.1', 'Initial risk assessment: not domestic abuse', '50%']);
    const page = await (await signInAs(vigil.app, 'auditor')).get(`/insights/criteria?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Risk assessment tools are used effectively');
  });
});
