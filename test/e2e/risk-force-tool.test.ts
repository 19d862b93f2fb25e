import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';
import { baseAnswers } from '../intake/fixtures.ts';

/**
 * Issue 6: an administrator loads a force's own tool from JSON, and an officer uses it
 * for a risk assessment on a case, end to end in a real browser.
 */
describe.skipIf(!chromiumAvailable)('a force-loaded risk tool in a real browser', () => {
  const data = temporaryDirectory('vigil-risk-');
  const password = 'risk-demo-password';
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: password });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
  }

  it('loads DIAL from pasted JSON and grades an assessment with it', { timeout: 120_000 }, async () => {
    const token = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'call-handler', password }) });
    const { token: bearer } = (await token.json()) as { token: string };
    const created = await fetch(`${server.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(baseAnswers({ occasions: [{ date: '2026-01-10', channels: ['text'], behaviours: ['contacting'] }] })) });
    expect(created.status).toBe(201);
    const { caseId } = (await created.json()) as { caseId: string };

    const admin = await browser.newPage();
    await signIn(admin, 'administrator');
    await admin.getByRole('link', { name: 'Risk tools' }).first().click();
    await admin.waitForURL(/\/admin\/risk-tools$/);
    await admin.getByLabel('Tool definition (JSON)').fill('{ "id": "dial-browser", "version": "1" }');
    await admin.getByRole('button', { name: 'Check and load' }).click();
    await expect(admin.locator('.govuk-error-summary').textContent()).resolves.toContain('name: is required');
    const dial = {
      id: 'dial-browser', version: '1', name: 'DIAL (browser test)', kind: 'full',
      questions: [
        { id: 'd1', number: 1, topic: 'very frightened', text: 'Are you very frightened of (name)?' },
        { id: 'd2', number: 2, topic: 'threats to kill', text: 'Has (name) threatened to kill you?', highRisk: true },
      ],
      scoring: { method: 'count-yes', bands: [{ grade: 'standard', min: 0, max: 0 }, { grade: 'medium', min: 1, max: 1 }, { grade: 'high', min: 2 }] },
    };
    await admin.getByLabel('Tool definition (JSON)').fill(JSON.stringify(dial, null, 2));
    await admin.getByRole('button', { name: 'Check and load' }).click();
    await expect(admin.locator('.govuk-notification-banner').textContent()).resolves.toContain('dial-browser 1');

    const page = await browser.newPage();
    await signIn(page, 'attending-officer');
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Risk assessments' }).click();
    await page.waitForURL(/\/risk$/);
    await page.getByLabel('Tool').selectOption('dial-browser');
    await page.getByLabel('Enhanced assessment (after speaking to the victim)').check();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('DIAL (browser test)');
    await expect(page.locator('body').textContent()).resolves.toContain('Are you very frightened of Orrin Dunmore?');
    await page.getByRole('group', { name: /1\. Are you very frightened/ }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Complete and grade' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('1 required question has not been answered: 2 (threats to kill)');
    await page.getByRole('group', { name: /2\. Has Orrin Dunmore threatened/ }).getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Complete and grade' }).click();
    await page.waitForURL(/\/risk\/assessments\/[0-9a-f-]+\?completed=1$/);
    const summary = await page.locator('#grading').textContent();
    expect(summary).toContain('DIAL (browser test), version 1');
    expect(summary).toContain('2 yes answers out of 2 questions');
    expect(summary).toContain('High');
  });
});
