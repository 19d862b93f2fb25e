import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/insights/index.ts';
import { toActor } from '../../src/platform/auth/actor.ts';
import type { RequestContext } from '../../src/platform/auth/actor.ts';
import { forceDashboard, trends, type Dashboard } from '../../src/features/insights/service.ts';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { buildDataset, PERIOD, type Dataset } from './dataset.ts';

let vigil: TestVigil;
let data: Dataset;
let lead: Browser;

function ctx(roles: string[] = ['force-lead']): RequestContext {
  return { actor: toActor({ id: '00000000-0000-4000-8000-000000000001', username: 'test-lead', displayName: 'Test', roles, teams: ['scu'], isService: false }), requestId: 'test' };
}

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2026-11-25T10:00:00Z');
  data = await buildDataset(vigil.deps.db);
  lead = await signInAs(vigil.app, 'force-lead');
}, 120_000);

afterAll(async () => {
  await vigil?.close();
});

async function dashboard(extra: Partial<{ team: string; da: 'yes' | 'no'; gender: 'Female' | 'Male' | 'Other' | 'not-recorded' }> = {}): Promise<Dashboard> {
  return forceDashboard(vigil.deps, ctx(), { period: PERIOD, ...extra });
}

function fig(d: Dashboard, id: string) {
  const f = d.figures.find((x) => x.definition.id === id);
  if (!f) throw new Error(`no figure ${id}`);
  return { figure: f.figure, n: f.numerator, d: f.denominator, notMet: f.notMet };
}

describe('force dashboard on a hand-built dataset', () => {
  // Every indicator with the answer worked out by hand from dataset.ts.
  const EXPECTED: Array<[string, { figure: string; n: number | null; d: number | null }]> = [
    ['recorded-stalking', { figure: '2', n: 2, d: null }],
    ['recorded-harassment', { figure: '1', n: 1, d: null }],
    ['recorded-malicious-communications', { figure: '1', n: 1, d: null }],
    ['harassment-to-stalking', { figure: '0.5 : 1', n: 1, d: 2 }],
    ['recorded-on-time', { figure: '80%', n: 4, d: 5 }],
    ['initial-risk-da', { figure: '50%', n: 1, d: 2 }],
    ['initial-risk-non-da', { figure: '50%', n: 2, d: 4 }],
    ['enhanced-risk-da', { figure: '50%', n: 1, d: 2 }],
    ['enhanced-risk-non-da', { figure: '0%', n: 0, d: 4 }],
    ['median-hours-to-initial', { figure: '4 hours', n: 3, d: null }],
    ['median-hours-to-enhanced', { figure: '10 hours', n: 1, d: null }],
    ['risk-plan-present', { figure: '66.7%', n: 2, d: 3 }],
    ['risk-plan-reviewed', { figure: '50%', n: 1, d: 2 }],
    ['specialist-allocation', { figure: '60%', n: 3, d: 5 }],
    ['avoidable-delay', { figure: '33.3%', n: 2, d: 6 }],
    ['s2b-considered', { figure: '100%', n: 2, d: 2 }],
    ['s2b-used', { figure: '50%', n: 1, d: 2 }],
    ['prosecution-file-complete', { figure: '50%', n: 1, d: 2 }],
    ['referral-offered', { figure: '50%', n: 3, d: 6 }],
    ['referral-made', { figure: '66.7%', n: 2, d: 3 }],
    ['referral-taken-up', { figure: '50%', n: 1, d: 2 }],
    ['victim-updates-on-time', { figure: '50%', n: 1, d: 2 }],
    ['victim-chases', { figure: '3', n: 3, d: null }],
    ['spo-considered', { figure: '100%', n: 2, d: 2 }],
    ['spo-applied', { figure: '1', n: 1, d: null }],
    ['spo-granted', { figure: '100%', n: 1, d: 1 }],
    ['spo-breached', { figure: '1', n: 1, d: null }],
    ['restraining-order-requested', { figure: '50%', n: 1, d: 2 }],
    ['breach-course-of-conduct', { figure: '50%', n: 1, d: 2 }],
    ['historic-warnings', { figure: '1', n: 1, d: null }],
    ['charge-rate', { figure: '33.3%', n: 1, d: 3 }],
    ['outcome-16-rate', { figure: '33.3%', n: 1, d: 3 }],
    ['outcome-18-rate', { figure: '33.3%', n: 1, d: 3 }],
  ];

  it('counts the cohort: cases first recorded in the period', async () => {
    expect((await dashboard()).cases).toBe(6);
  });

  it.each(EXPECTED)('%s', async (id, expected) => {
    const d = await dashboard();
    const f = fig(d, id);
    expect({ figure: f.figure, n: f.n, d: f.d }).toEqual(expected);
  });

  it('measures every indicator in the registry (none is left unmeasured or untested)', async () => {
    const d = await dashboard();
    expect(d.notYetMeasured).toEqual([]);
    expect(d.figures.map((f) => f.definition.id).sort()).toEqual(EXPECTED.map(([id]) => id).sort());
  });

  it('gives the outcome mix and outcomes by victim gender', async () => {
    const d = await dashboard();
    expect(d.outcomeMix.rows.map((r) => [String(r[0]).split(':')[0], r[1], r[2]])).toEqual([
      ['1', 1, '33.3%'],
      ['16', 1, '33.3%'],
      ['18', 1, '33.3%'],
    ]);
    expect(d.outcomeMix.rows[0]![0]).toBe('1: Charged or summonsed');
    const female = d.outcomesByGender.rows.find((r) => r[0] === 'Female')!;
    const male = d.outcomesByGender.rows.find((r) => r[0] === 'Male')!;
    expect(female.slice(0, 8)).toEqual(['Female', 2, 1, '50%', 0, '0%', 1, '50%']);
    expect(male.slice(0, 8)).toEqual(['Male', 1, 0, '0%', 1, '100%', 0, '0%']);
  });

  it('filters by domestic abuse, team and victim gender', async () => {
    const da = await dashboard({ da: 'yes' });
    expect(da.cases).toBe(2);
    expect(fig(da, 'recorded-stalking').n).toBe(1);
    expect(fig(da, 'recorded-harassment').n).toBe(0);
    const cid = await dashboard({ team: 'cid' });
    expect(cid.cases).toBe(2);
    expect(fig(cid, 'recorded-stalking').n).toBe(1);
    expect(fig(cid, 'charge-rate')).toMatchObject({ n: 0, d: 1 });
    const male = await dashboard({ gender: 'Male' });
    expect(male.cases).toBe(1);
    expect(fig(male, 'outcome-16-rate').figure).toBe('100%');
    const unknown = await dashboard({ gender: 'not-recorded' });
    expect(unknown.cases).toBe(1);
    expect(fig(unknown, 'recorded-malicious-communications').n).toBe(1);
    const response = await dashboard({ team: 'response' });
    expect(fig(response, 'historic-warnings').n).toBe(1);
    expect(fig(await dashboard({ team: 'cid' }), 'historic-warnings').n).toBe(0);
  });

  it('a later period moves the cohort: the December 2025 case counts, the others do not', async () => {
    const d = await forceDashboard(vigil.deps, ctx(), { period: { from: '2025-12-01', to: '2025-12-31' } });
    expect(d.cases).toBe(1);
    expect(fig(d, 'recorded-stalking').n).toBe(1);
    expect(fig(d, 'charge-rate').figure).toBe('100%');
  });

  it('trends put each case in the month it was first recorded', async () => {
    const t = await trends(vigil.deps, ctx(), { period: PERIOD });
    const stalking = t.trends.find((x) => x.definition.id === 'recorded-stalking')!;
    expect(stalking.table.rows.length).toBe(10);
    expect(stalking.table.rows.map((r) => r[1])).toEqual(['0', '0', '1', '1', '0', '0', '0', '0', '0', '0']);
    expect(stalking.table.rows[2]![0]).toBe('Mar 2026');
    expect(stalking.chart.bars.filter((b) => b.height > 0).map((b) => b.label)).toEqual(['Mar 2026', 'Apr 2026']);
  });

  it('refuses users without insights:view, and the panel', async () => {
    await expect(forceDashboard(vigil.deps, ctx(['investigator']), { period: PERIOD })).rejects.toMatchObject({ status: 403 });
    await expect(forceDashboard(vigil.deps, ctx(['scrutiny-panel-member']), { period: PERIOD })).rejects.toMatchObject({ status: 403 });
  });
});

describe('dashboard pages, drill-down and CSV', () => {
  const q = `from=${PERIOD.from}&to=${PERIOD.to}`;

  it('shows the figures with links to the cases behind them', async () => {
    const page = await lead.get(`/insights?${q}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Force dashboard</h1>');
    expect(page.body).toContain(`href="/insights/cases?from=2026-01-01&amp;to=2026-10-31&amp;indicator=recorded-stalking&amp;side=numerator"`);
  });

  it('lists the cases behind a figure and the cases that missed it', async () => {
    const list = await lead.get(`/insights/cases?${q}&indicator=recorded-stalking&side=numerator`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(data.c.c1.reference);
    expect(list.body).toContain(data.c.c2.reference);
    expect(list.body).not.toContain(data.c.c3.reference);
    expect(list.body).not.toContain(data.c.c6.reference);
    const gap = await lead.get(`/insights/cases?${q}&indicator=initial-risk-non-da&side=gap`);
    expect(gap.body).toContain(data.c.c4.reference);
    expect(gap.body).toContain(data.c.c5.reference);
    expect(gap.body).not.toContain(data.c.c2.reference);
    const outcome = await lead.get(`/insights/cases?${q}&indicator=outcome-16&side=numerator`);
    expect(outcome.body).toContain(data.c.c2.reference);
    expect(outcome.body).not.toContain(data.c.c1.reference);
    const warnings = await lead.get(`/insights/cases?${q}&indicator=historic-warnings`);
    expect(warnings.body).toContain(data.c.c4.reference);
    expect((await lead.get(`/insights/cases?${q}&indicator=no-such-thing`)).statusCode).toBe(404);
  });

  it('audits the dashboard and the case list as views', async () => {
    const rows = await vigil.deps.db.selectFrom('audit_log').select(['record_type', 'details']).where('record_type', 'in', ['insights-dashboard', 'insights-case-list']).execute();
    expect(rows.some((r) => r.record_type === 'insights-dashboard')).toBe(true);
    expect(rows.some((r) => r.record_type === 'insights-case-list' && (r.details as { indicator?: string }).indicator === 'recorded-stalking')).toBe(true);
  });

  it('every dashboard table downloads as CSV with the same cells as the page', async () => {
    const page = await lead.get(`/insights?${q}`);
    const ids = [...page.body.matchAll(/data-table-id="([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(ids).toContain('dashboard-risk');
    expect(ids).toContain('outcome-mix');
    for (const id of ids) {
      const csv = await lead.get(`/insights/export?${q}&table=${id}`);
      expect(csv.statusCode, id).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(parseCsv(csv.body), id).toEqual(htmlTable(page.body, id));
    }
  });

  it('trend tables download as CSV with the same cells as the page, beside an SVG chart', async () => {
    const page = await lead.get(`/insights/trends?${q}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg class="vigil-insights-chart"');
    const ids = [...page.body.matchAll(/data-table-id="([a-z0-9-]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      const csv = await lead.get(`/insights/export?${q}&table=${id}`);
      expect(parseCsv(csv.body), id).toEqual(htmlTable(page.body, id));
    }
  });

  it('shows a bad period in the error summary and falls back to the last 12 months', async () => {
    const page = await lead.get('/insights?from=2026-13-01&to=2026-10-31');
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toContain('Enter the start of the period as a real date');
  });

  it('the panel member and users without the permission get nothing', async () => {
    const panel = await signInAs(vigil.app, 'scrutiny-panel-member');
    expect((await panel.get(`/insights?${q}`)).statusCode).toBe(403);
    expect((await panel.get(`/insights/cases?${q}&indicator=recorded-stalking`)).statusCode).toBe(403);
    expect((await panel.get(`/insights/export?${q}&table=dashboard-risk`)).statusCode).toBe(403);
    const investigator = await signInAs(vigil.app, 'investigator');
    expect((await investigator.get(`/insights?${q}`)).statusCode).toBe(403);
  });

  it('the API gives the same figures as JSON', async () => {
    const token = await apiToken(vigil.app, 'intelligence-analyst');
    const res = await vigil.app.inject({ method: 'GET', url: `/api/v1/insights/dashboard?${q}`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { cases: number; indicators: Array<{ id: string; figure: string; numerator: number; denominator: number }> };
    expect(body.cases).toBe(6);
    const service = await dashboard();
    for (const f of service.figures) expect(body.indicators.find((i) => i.id === f.definition.id)?.figure, f.definition.id).toBe(f.figure);
    const cases = await vigil.app.inject({ method: 'GET', url: `/api/v1/insights/cases?${q}&indicator=recorded-stalking`, headers: { authorization: `Bearer ${token}` } });
    expect((cases.json() as { cases: Array<{ reference: string }> }).cases.map((c) => c.reference).sort()).toEqual([data.c.c1.reference, data.c.c2.reference].sort());
    const bad = await vigil.app.inject({ method: 'GET', url: `/api/v1/insights/dashboard?from=yesterday`, headers: { authorization: `Bearer ${token}` } });
    expect(bad.statusCode).toBe(422);
    const panelToken = await apiToken(vigil.app, 'scrutiny-panel-member');
    expect((await vigil.app.inject({ method: 'GET', url: `/api/v1/insights/dashboard`, headers: { authorization: `Bearer ${panelToken}` } })).statusCode).toBe(403);
  });
});

/** The cells of the table with data-table-id, as text, headings first. */
function htmlTable(html: string, id: string): string[][] {
  const start = html.indexOf(`data-table-id="${id}"`);
  const end = html.indexOf('</table>', start);
  const body = html.slice(start, end);
  const rows: string[][] = [];
  for (const tr of body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)) {
    const cells = [...tr[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '').trim()));
    if (cells.length === 1 && /^(Nothing in this period\.)$/.test(cells[0]!)) continue;
    rows.push(cells);
  }
  return rows;
}

function decode(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
