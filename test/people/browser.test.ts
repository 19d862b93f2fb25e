import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable as available, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';

const PASSWORD = 'people-browser-password';

describe.skipIf(!available)('people in a real browser', () => {
  const data = temporaryDirectory('vigil-people-browser-');
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

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    return page;
  }

  it('an officer records a person; a call handler then finds him from a misspelt name and an age, with reasons, and opens his history', { timeout: 120_000 }, async () => {
    const officer = await signIn('investigator');
    await officer.goto(`${server.url}/people/new`);
    await officer.getByLabel('Forenames', { exact: true }).fill('Jonathan');
    await officer.getByLabel('Surname', { exact: true }).fill('Pemberthy');
    await officer.getByLabel('Alias 1 forenames').fill('Jon');
    await officer.getByLabel('Alias 1 surname').fill('Pembathy');
    await officer.getByLabel('Day').fill('4');
    await officer.getByLabel('Month').fill('5');
    await officer.getByLabel('Year').fill('1986');
    await officer.getByLabel('Address 1: town').fill('Ashby Vale');
    await officer.getByRole('button', { name: 'Add person' }).click();
    await officer.waitForURL(/\/people\/[0-9a-f-]{36}\?saved=created$/);
    await expect(officer.locator('.govuk-notification-banner').textContent()).resolves.toContain('Person added.');

    const handler = await signIn('call-handler');
    await handler.goto(`${server.url}/people/search`);
    await handler.getByLabel('Forename', { exact: true }).fill('Jon');
    await handler.getByLabel('Surname', { exact: true }).fill('Pemberthey');
    await handler.getByLabel('Or about how old').fill('39');
    await handler.getByLabel('Town').fill('Ashby Vale');
    await handler.getByRole('button', { name: 'Search' }).click();
    // The search is a POST: nothing typed appears in the address bar.
    expect(handler.url()).toBe(`${server.url}/people/search`);
    const first = handler.locator('.vigil-card').first();
    await expect(first.locator('h3').textContent()).resolves.toContain('Jonathan Pemberthy');
    await expect(first.textContent()).resolves.toMatch(/Strong match: \d+ out of 100/);
    await expect(first.textContent()).resolves.toContain('Same town as a recorded address (Ashby Vale)');
    await first.getByRole('link', { name: 'History of Jonathan Pemberthy' }).click();
    await expect(handler.locator('h1').textContent()).resolves.toContain('Jonathan Pemberthy');
    await expect(handler.locator('main').textContent()).resolves.toContain('No orders recorded.');
  });
});
