import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable as available, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';

describe.skipIf(!available)('in a real browser', () => {
  const data = temporaryDirectory('vigil-browser-');
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: data.dir, VIGIL_DEMO_PASSWORD: 'browser-demo-password' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });

  it('signs in, shows the home page with navigation, and signs out', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await expect(page.title()).resolves.toBe('Sign in – Vigil');
    await page.getByLabel('Username').fill('detective-sergeant');
    await page.getByLabel('Password').fill('browser-demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Vigil');
    await expect(page.locator('.vigil-header__roles').textContent()).resolves.toContain('Detective sergeant');
    const nav = await page.locator('.moj-primary-navigation__link').allTextContents();
    expect(nav.map((t) => t.trim())).toEqual(expect.arrayContaining(['Home', 'People', 'Audit log']));
    await expect(page.evaluate(() => document.body.classList.contains('js-enabled'))).resolves.toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${server.url}/signed-out`);
    await expect(page.locator('h1').textContent()).resolves.toBe('You have signed out');
    await page.goto(`${server.url}/`);
    expect(page.url()).toBe(`${server.url}/sign-in`);
  });

  it('shows the error summary linked to the field when sign-in fails', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter your username');
    await expect(page.title()).resolves.toMatch(/^Error: /);
  });
});
