import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';

const PASSWORD = 'insights-demo-password';

/**
 * The daily management meeting in a real browser, with JavaScript off (the page must work
 * without it): from the Insights navigation to the meeting page, each list with its count,
 * the 72-hour look-back, and from the dashboard a figure through to the cases behind it.
 */
describe.skipIf(!chromiumAvailable)('daily management meeting in a real browser', () => {
  const data = temporaryDirectory('vigil-insights-');
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: PASSWORD });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });

  it('a detective sergeant runs the meeting from the Insights pages', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page: Page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('detective-sergeant');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');

    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Insights', exact: true }).click();
    await page.waitForURL(/\/insights$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Force dashboard');

    await page.getByRole('link', { name: 'Daily management meeting' }).click();
    await page.waitForURL(/\/insights\/daily$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Daily management meeting');
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    for (const expected of [
      'New stalking and harassment crimes in the last 24 hours',
      'High-risk cases',
      'Overdue risk assessments and reviews',
      'Overdue victim updates',
      'Stalking protection order deadlines',
      'Breaches reported in the last 24 hours',
      'Serial perpetrator alerts',
    ]) {
      expect(headings.some((h) => h.startsWith(expected)), expected).toBe(true);
    }
    // Each list is a table with a header row; every case in it links to the case page.
    expect(await page.locator('table[data-table-id^="daily-"]').count()).toBe(7);
    const caseLinks = page.locator('table[data-table-id^="daily-"] a[href^="/cases/"]');
    const links = await caseLinks.count();
    if (links > 0) {
      await caseLinks.first().click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await page.goBack();
    }

    await page.getByRole('link', { name: /Look back 72 hours/ }).click();
    await page.waitForURL(/hours=72/);
    expect(await page.getByRole('heading', { name: /New stalking and harassment crimes in the last 72 hours/ }).count()).toBe(1);

    // The dashboard: the demo's recorded crimes link through to their cases.
    await page.getByRole('link', { name: 'Force dashboard' }).click();
    await page.waitForURL(/\/insights/);
    const stalking = page.locator('table[data-table-id="dashboard-recording"] tbody tr').first();
    expect(await stalking.locator('th').innerText()).toBe('Stalking crimes recorded');
    const counted = stalking.locator('a').first();
    if ((await counted.count()) > 0) {
      await counted.click();
      await page.waitForURL(/\/insights\/cases\?/);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Stalking crimes recorded/);
    }
    await context.close();
  });
});
