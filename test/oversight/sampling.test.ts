import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, finishedCase, thirdsRequest, type Api, type FinishedCase } from './support.ts';

/**
 * Issue 10, "done when": the same criteria and seed always draw the same cases, and the
 * strata come out at the sizes asked for (equal thirds by outcome 1/16/18, one third DA).
 */
describe('dip sample builder', () => {
  let vigil: TestVigil;
  let api: Api;
  const cases: FinishedCase[] = [];

  beforeAll(async () => {
    vigil = await startTestVigil();
    api = apiClient(vigil);
    let n = 0;
    for (const code of [1, 16, 18]) {
      for (let i = 0; i < 6; i++) cases.push(await finishedCase(api, n++, code, i < 3));
    }
    // An open case with no outcome is never eligible.
    const open = await api.call('call-handler', 'POST', '/api/v1/reports', (await import('../intake/fixtures.ts')).baseAnswers({ victim: { forenames: 'Open', surname: 'Casevictim' }, suspect: { forenames: 'Open', surname: 'Casesuspect' }, occasions: [{ date: '2026-10-01', channels: ['text'], behaviours: ['contacting'] }] }));
    expect(open.status).toBe(201);
  }, 180_000);
  afterAll(async () => vigil?.close());

  it('draws the same cases for the same seed, different ones for another, and saves the request with the sample', async () => {
    const first = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Panel A', request: thirdsRequest('spring-2026') });
    const again = await api.call('auditor', 'POST', '/api/v1/oversight/samples', { title: 'Panel A again', request: thirdsRequest('spring-2026') });
    const other = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Panel B', request: thirdsRequest('autumn-2026') });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status).toBe(201);
    const ids = (r: typeof first) => (r.body.cases as Array<{ caseId: string }>).map((c) => c.caseId);
    expect(ids(first)).toHaveLength(9);
    expect(ids(again)).toEqual(ids(first));
    expect(ids(other)).not.toEqual(ids(first));
    expect(first.body.eligible).toBe(18);

    const saved = await api.call('force-lead', 'GET', `/api/v1/oversight/samples/${first.body.id}`);
    expect(saved.status).toBe(200);
    expect(saved.body.request).toMatchObject({ seed: 'spring-2026', size: 9, criteria: { finalisedFrom: '2026-11-01', finalisedTo: '2026-11-30' } });
    expect(saved.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual(ids(first));
    // Re-drawing from the saved request gives the same cases again.
    const redraw = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Redraw', request: saved.body.request });
    expect(ids(redraw)).toEqual(ids(first));
  });

  it('fills equal thirds by outcome with one third domestic abuse', async () => {
    const drawn = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Thirds', request: thirdsRequest('thirds', 9) });
    const byCase = new Map(cases.map((c) => [c.caseId, c]));
    const chosen = (drawn.body.cases as Array<{ caseId: string; stratum: string }>).map((c) => ({ ...byCase.get(c.caseId)!, stratum: c.stratum }));
    for (const code of [1, 16, 18]) {
      const inStratum = chosen.filter((c) => c.stratum === `Outcome ${code}`);
      expect(inStratum).toHaveLength(3);
      expect(inStratum.every((c) => c.outcomeCode === code)).toBe(true);
    }
    expect(chosen.filter((c) => c.domesticAbuse)).toHaveLength(3);
    expect(drawn.body.strata.map((s: { label: string; selected: number }) => [s.label, s.selected])).toEqual([
      ['Outcome 1', 3],
      ['Outcome 16', 3],
      ['Outcome 18', 3],
    ]);
    expect(drawn.body.warnings).toEqual([]);
  });

  it('reports a shortfall rather than padding a stratum, and filters by classification, DA and date', async () => {
    const request = { ...thirdsRequest('short', 30), quotas: [] };
    const drawn = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Short', request });
    expect(drawn.status).toBe(201);
    expect(drawn.body.strata.find((s: { label: string }) => s.label === 'Outcome 1')).toMatchObject({ target: 10, selected: 6, shortfall: 4 });
    expect(drawn.body.warnings.map((w: { message: string }) => w.message)).toContain('Asked for 10 "Outcome 1" cases, but only 6 eligible cases match.');

    const daOnly = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'DA', request: { criteria: { domesticAbuse: true }, size: 20, seed: 'x' } });
    expect(daOnly.body.eligible).toBe(9);
    const none = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Old', request: { criteria: { finalisedTo: '2026-01-01' }, size: 5, seed: 'x' } });
    expect(none.body.eligible).toBe(0);
  });

  it('refuses a bad request with the fields at fault, on the API and the page', async () => {
    const bad = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Bad', request: { criteria: { outcomeCodes: [40] }, size: 0, seed: '' } });
    expect(bad.status).toBe(422);
    const fields = (bad.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['request.size', 'request.seed', 'request.criteria.outcomeCodes.0']));

    const lead = await signInAs(vigil.app, 'force-lead');
    const form = await lead.post('/oversight/samples', { title: '', size: '9', seed: '', outcomeCodes: '1, x' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('govuk-error-summary');
    expect(form.body).toContain('href="#seed"');
    expect(form.body).toContain('href="#title"');
    expect(form.body).toContain('href="#outcomeCodes"');

    const ok = await lead.post('/oversight/samples', {
      title: 'From the form',
      size: '9',
      seed: 'spring-2026',
      finalisedFrom: '2026-11-01',
      finalisedTo: '2026-11-30',
      'strata-0-label': 'Outcome 1', 'strata-0-outcomeCodes': '1', 'strata-0-proportion': '1/3',
      'strata-1-label': 'Outcome 16', 'strata-1-outcomeCodes': '16', 'strata-1-proportion': '33.3333333%',
      'strata-2-label': 'Outcome 18', 'strata-2-outcomeCodes': '18', 'strata-2-proportion': '1/3',
      'quotas-0-label': 'Domestic abuse', 'quotas-0-domesticAbuse': 'yes', 'quotas-0-proportion': '1/3',
    });
    expect(ok.statusCode, ok.body.slice(0, 2000)).toBe(303);
    const page = await lead.get(ok.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('spring-2026');
    expect((page.body.match(/href="\/cases\//g) ?? []).length).toBe(9);
  });
});
