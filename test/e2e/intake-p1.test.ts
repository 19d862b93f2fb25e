import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';

/**
 * Scenario P1 recorded end to end by a call handler in a real browser, counting the
 * pages and the fields they had to fill in.
 */
describe.skipIf(!chromiumAvailable)('P1 in a real browser', () => {
  const data = temporaryDirectory('vigil-p1-');
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: 'p1-demo-password' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });

  it('records ex-partner stalking in six pages and shows stalking, the flags and the tasks', { timeout: 120_000 }, async () => {
    const page: Page = await browser.newPage();
    let pagesVisited = 0;
    let fieldsFilled = 0;
    const fill = async (label: string, value: string, nth = 0) => {
      await page.getByLabel(label, { exact: true }).nth(nth).fill(value);
      fieldsFilled++;
    };
    const check = async (label: string, nth = 0) => {
      await page.getByLabel(label, { exact: true }).nth(nth).check();
      fieldsFilled++;
    };
    const next = async () => {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForLoadState('load');
      pagesVisited++;
    };

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('call-handler');
    await page.getByLabel('Password').fill('p1-demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${server.url}/reports`);
    await page.getByRole('button', { name: 'Record a new report' }).click();
    await page.waitForURL(/\/caller$/);

    await check('The victim');
    await check('Ex-intimate partner');
    await next();

    await fill('Forenames', 'Tamsin');
    await fill('Surname', 'Hawthorne');
    await check('Yes');
    await fill('Forenames', 'Orrin', 1);
    await fill('Surname', 'Dunmore', 1);
    await next();

    await fill("What happened, in the caller's words", 'He has texted me 30 times since Monday and waited outside my work on Tuesday and Thursday.');
    await fill('Date', '2026-11-16');
    await fill('Until (optional)', '2026-11-19');
    await fill('How many times', '30');
    await check('Text message');
    await check('Contacting or attempting to contact');
    for (const [date] of [['2026-11-17'], ['2026-11-19']]) {
      await page.getByRole('button', { name: 'Add another occasion' }).click();
      await page.waitForLoadState('load');
      const last = (await page.locator('.vigil-occasion').count()) - 1;
      await fill('Date', date!, last);
      await check('In person', last);
      await check('Loitering', last);
    }
    await next();

    await check('Changed route');
    await next();

    await check('Medium', 0);
    await check('Medium', 1);
    await check('High', 2);
    await check('Priority response');
    await fill('Why this response?', 'Waiting at her workplace twice this week.');
    await fill('Advice given on keeping evidence', 'Keep a diary and every message; do not reply.');
    await next();

    await expect(page.locator('h1').textContent()).resolves.toBe('Check the report before submitting');
    await expect(page.locator('#suggested-offence').textContent()).resolves.toContain('Stalking');
    await expect(page.locator('#suggestion-reasons').textContent()).resolves.toMatch(/ex-partner/i);
    await expect(page.locator('.vigil-suggestion').textContent()).resolves.toContain('Domestic abuse');
    await page.getByRole('button', { name: 'Submit report' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}\?submitted=1$/);
    pagesVisited++;
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Report submitted');
    await page.getByRole('link', { name: 'Open the course of conduct' }).click();
    await expect(page.locator('#classification').textContent()).resolves.toContain('Stalking');
    await expect(page.locator('body').textContent()).resolves.toContain('Triage and allocate the investigation');

    console.log(`P1 took ${pagesVisited} pages and ${fieldsFilled} answers`);
    expect(pagesVisited).toBeLessThanOrEqual(6);
  });
});
