import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConduct } from '../../src/demo/conduct.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { startTestVigil, TEST_PASSWORD, type TestVigil } from '../support/app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

describe.skipIf(!available)('the timeline in a real browser', () => {
  let vigil: TestVigil;
  let browser: Browser;
  let base: string;
  let caseId: string;

  beforeAll(async () => {
    vigil = await startTestVigil();
    const rows = await vigil.deps.db.selectFrom('users').select(['id', 'username']).execute();
    const users = new Map(rows.map((r) => [r.username, r.id]));
    caseId = (await vigil.deps.db.transaction().execute((tx) => seedConduct(tx, { random: seededRandom(3), users }))).caseIds[0]!;
    await vigil.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(vigil.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await vigil?.close();
  });

  it('shows the SVG and a table with one row per event, filters without reloading, zooms, and has no script errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('investigator');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);

    await page.goto(`${base}/cases/${caseId}/timeline`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Timeline');
    const svg = page.locator('svg.vigil-timeline__svg');
    await expect(svg.count()).resolves.toBe(1);
    const marks = await page.locator('svg.vigil-timeline__svg a[data-row]').count();
    const rows = await page.locator('#timeline-table tbody tr.vigil-timeline__row').count();
    expect(rows).toBeGreaterThan(30);
    expect(marks).toBe(rows);
    await expect(page.locator('.vigil-callout').count()).resolves.toBeGreaterThan(3);

    // Filters apply at once with the script: untick everything but breaches.
    for (const name of ['orders', 'occasions', 'reports', 'recording', 'risk', 'police', 'contacts', 'referrals', 'tasks']) {
      await page.locator(`input[name="show"][value="${name}"]`).uncheck();
    }
    const visible = await page.locator('#timeline-table tbody tr.vigil-timeline__row:not(.vigil-timeline__hidden)').count();
    expect(visible).toBe(2);
    expect(page.url()).toContain('show=breaches');

    // Zoom widens the drawing inside its frame.
    const before = await svg.boundingBox();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const after = await svg.boundingBox();
    expect(after!.width).toBeGreaterThan(before!.width * 1.5);

    // A mark takes you to its row.
    await page.locator('svg.vigil-timeline__svg g[data-kind="breach"] a').first().click();
    expect(page.url()).toMatch(/#row-breach-/);
    await expect(page.locator('tr.vigil-timeline__row--highlight').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  }, 90_000);
});
