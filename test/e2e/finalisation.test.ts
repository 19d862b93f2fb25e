import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';
import { STALKING_AUGUST_2025 } from '../victims/support.ts';

/**
 * Scenario P5 in a real browser: an officer tries to finalise a stalking crime with words
 * of advice, then with outcome 16 missing the victim's reasons and the support offer; each
 * is refused with the error summary linked to the field; the third attempt is right.
 */
describe.skipIf(!chromiumAvailable)('finalisation in a real browser', () => {
  const data = temporaryDirectory('vigil-finalise-');
  const password = 'finalise-demo-password';
  let server: RunningServer;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: password });
    browser = await launchChromium();
    const token = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'call-handler', password }) });
    const { token: bearer } = (await token.json()) as { token: string };
    const report = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(STALKING_AUGUST_2025({ victim: { forenames: 'Elowen', surname: 'Brightwater' }, suspect: { forenames: 'Caspian', surname: 'Thornbury' } })),
    });
    expect(report.status).toBe(201);
    caseId = ((await report.json()) as { caseId: string }).caseId;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });

  async function errorSummary(page: Page): Promise<string> {
    await page.locator('.govuk-error-summary').waitFor();
    return (await page.locator('.govuk-error-summary').textContent()) ?? '';
  }

  it('refuses words of advice, then outcome 16 without the victim’s reasons and support, then finalises', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('detective-sergeant');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Finalisation' }).first().click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Finalisation');

    await page.getByLabel('Outcome', { exact: true }).selectOption('words-of-advice');
    await page.getByRole('button', { name: 'Finalise the case' }).click();
    expect(await errorSummary(page)).toContain('Words of advice are never an outcome for a stalking crime');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('#outcome-error').textContent()).resolves.toContain('never an outcome');

    await page.getByLabel('Outcome', { exact: true }).selectOption('16');
    await page.getByLabel('Rationale').fill('The victim has withdrawn her support because she fears retaliation from his family; the evidence without her is too weak to charge.');
    await page.getByLabel('A full statement of the victim\'s reasons has been taken').check();
    await page.getByLabel('An evidence-led prosecution was considered').check();
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('10');
    await page.getByLabel('Year').fill('2027');
    await page.getByRole('button', { name: 'Finalise the case' }).click();
    const second = await errorSummary(page);
    expect(second).toContain('Record the victim’s reasons');
    expect(second).toContain('Offer the victim specialist support');
    await page.locator('.govuk-error-summary a[href="#outcome16.victimReasons"]').click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('outcome16.victimReasons');

    await page.getByLabel('The victim\'s reasons, recorded sensitively').fill('She fears his family will retaliate if she gives evidence.');
    await page.getByLabel('Specialist support was offered, with contact details').check();
    await page.getByRole('button', { name: 'Finalise the case' }).click();
    await page.waitForURL(`${server.url}/cases/${caseId}/finalisation?done=finalised`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The case is finalised');
    await expect(page.locator('#current').textContent()).resolves.toContain('16: Evidential difficulties');
  });
});
