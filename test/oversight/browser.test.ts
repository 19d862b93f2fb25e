import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOversight } from '../../src/demo/oversight.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { standardReviewForm } from '../../src/domain/oversight/index.ts';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startTestVigil, TEST_PASSWORD, type TestVigil } from '../support/app.ts';
import { baseAnswers } from '../intake/fixtures.ts';
import { apiClient, finishedCase } from './support.ts';

/**
 * Issue 10 in a real browser: the force lead draws a sample with the builder, a panel
 * member reviews a redacted case and makes an observation, the force lead responds, and
 * the exported report (printable, anonymised) carries the response. Then the demo seed.
 */
describe.skipIf(!chromiumAvailable)('panel review from sample to exported report', () => {
  let vigil: TestVigil;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    vigil = await startTestVigil();
    const api = apiClient(vigil);
    for (let n = 0; n < 6; n++) await finishedCase(api, n, [1, 16, 18][n % 3]!, n < 2, n === 0 ? { account: 'Ada Applewhite-Victim0 says he waits outside 14 Larch Avenue.' } : {});
    await vigil.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(vigil.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await vigil?.close();
  });

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
  }

  it('draws a sample, reviews a case, responds to an observation and exports the report', { timeout: 180_000 }, async () => {
    const problems: string[] = [];
    const lead = await (await browser.newContext()).newPage();
    lead.on('pageerror', (e) => problems.push(e.message));
    await signIn(lead, 'force-lead');
    await lead.getByRole('link', { name: 'Oversight' }).first().click();
    await lead.getByRole('button', { name: 'Build a new sample' }).click();
    await lead.getByLabel('Title').fill('Browser panel');
    await lead.getByLabel('How many cases?').fill('6');
    await lead.getByLabel('Seed').fill('browser-seed');
    await lead.getByRole('button', { name: 'Draw and save the sample' }).click();
    await lead.waitForURL(/\/oversight\/samples\/[0-9a-f-]+\?done=created/);
    expect(await lead.getByRole('heading', { level: 1 }).innerText()).toBe('Browser panel');
    expect(await lead.locator('a[href^="/cases/"]').count()).toBe(6);
    const sampleUrl = new URL(lead.url());
    const sampleId = sampleUrl.pathname.split('/').pop()!;
    const caseHref = (await lead.locator('a[href^="/cases/"]').first().getAttribute('href'))!;

    const panel = await (await browser.newContext()).newPage();
    panel.on('pageerror', (e) => problems.push(e.message));
    await signIn(panel, 'scrutiny-panel-member');
    await panel.getByRole('link', { name: 'Panel workspace' }).first().click();
    await panel.getByRole('link', { name: 'Browser panel' }).click();
    await panel.getByRole('link', { name: 'Case 1', exact: true }).click();
    expect(await panel.getByRole('heading', { level: 1 }).innerText()).toBe('Case 1');
    const content = await panel.content();
    expect(content).not.toMatch(/Applewhite|Larch Avenue|Sus\d|Pect\d/);
    for (const q of standardReviewForm.questions) {
      await panel.getByRole('group', { name: q.title, exact: true }).getByLabel(q.title === standardReviewForm.questions[0]!.title ? 'Not met' : 'Met', { exact: true }).check();
    }
    await panel.getByLabel(`Comment on ${standardReviewForm.questions[0]!.title}`).fill('Nobody attended for two days.');
    await panel.getByLabel('Summary of the case for the report').fill('Slow start, good investigation.');
    await panel.getByRole('button', { name: 'Save review' }).click();
    await panel.waitForURL(/done=saved/);
    await panel.getByRole('link', { name: 'Back to the sample' }).click();
    await panel.getByLabel('Add an observation for the force').fill('Initial attendance was slow in one case.');
    await panel.getByRole('button', { name: 'Add observation' }).click();
    await panel.waitForURL(/done=observation/);

    await lead.goto(`${base}/panel/samples/${sampleId}/report`);
    await lead.getByLabel('The force’s response to observation 1').fill('Attendance targets for stalking reports are now checked daily.');
    await lead.getByRole('button', { name: 'Save response to observation 1' }).click();
    await lead.waitForURL(/done=response/);

    await panel.goto(`${base}/panel/samples/${sampleId}/report`);
    await panel.getByRole('link', { name: 'Export for publication' }).click();
    await panel.waitForURL(/print=yes/);
    const report = panel.locator('article.vigil-report');
    expect(await report.getByRole('heading', { level: 1 }).innerText()).toBe('Browser panel: scrutiny panel report');
    const text = await report.innerText();
    expect(text).toContain('Attendance targets for stalking reports are now checked daily.');
    expect(text).toContain('Slow start, good investigation.');
    expect(text).toContain('Timeliness of the initial response');
    expect(text).not.toMatch(/Applewhite|Larch Avenue/);
    await panel.emulateMedia({ media: 'print' });
    expect(await panel.getByRole('navigation', { name: 'Primary navigation' }).isVisible()).toBe(false);
    expect(await report.isVisible()).toBe(true);
    const pdf = await panel.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(problems).toEqual([]);

    // The panel member cannot open the case itself.
    const denied = await panel.goto(`${base}${caseHref}`);
    expect(denied?.status()).toBe(403);
  });

  it('seeds the demo: outcomes, a sample with a review and an observation, and the register with one overdue', async () => {
    const rows = await vigil.deps.db.selectFrom('users').select(['id', 'username']).execute();
    const users = new Map(rows.map((r) => [r.username, r.id]));
    const api = apiClient(vigil);
    for (const n of [1, 2]) {
      const open = await api.call('call-handler', 'POST', '/api/v1/reports', baseAnswers({ victim: { forenames: 'Demo', surname: `Openvictim${n}` }, suspect: { forenames: 'Demo', surname: `Opensuspect${n}` }, occasions: [{ date: '2026-10-01', channels: ['text'], behaviours: ['contacting'] }] }));
      expect(open.status).toBe(201);
    }
    const before = await vigil.deps.db.selectFrom('oversight_samples').select('id').execute();
    await vigil.deps.db.transaction().execute((tx) => seedOversight(tx, { random: seededRandom(1), users }));
    const samples = await vigil.deps.db.selectFrom('oversight_samples').select(['id', 'title']).execute();
    expect(samples.length).toBe(before.length + 1);
    const demo = samples.find((s) => s.title === 'Northshire scrutiny panel (demo)')!;
    expect(await vigil.deps.db.selectFrom('oversight_observations').select('id').where('sample_id', '=', demo.id).execute()).toHaveLength(1);
    const register = await api.call('force-lead', 'GET', '/api/v1/oversight/recommendations');
    expect(register.body.recommendations).toHaveLength(2);
    expect(register.body.overdue).toHaveLength(1);
    const panelView = await api.call('scrutiny-panel-member', 'GET', `/api/v1/oversight/samples/${demo.id}/report`);
    expect(panelView.status).toBe(200);
    expect(panelView.body.reviewCount).toBe(1);
  });
});
