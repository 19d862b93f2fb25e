import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';
import { pdfText } from './pdf-text.ts';

const PASSWORD = 'victims-demo-password';

/**
 * The victim care flow in a real browser: from the case page to victim care, name the
 * officer in the case, print the safety information pack, check what it says (and that
 * nothing about the suspect is in it), and record that it was given.
 */
describe.skipIf(!chromiumAvailable)('safety information pack in a real browser', () => {
  const data = temporaryDirectory('vigil-victims-');
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

  async function recordReport(): Promise<string> {
    const token = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'call-handler', password: PASSWORD }) });
    const { token: bearer } = (await token.json()) as { token: string };
    const today = new Date();
    const day = (ago: number) => new Date(today.getTime() - ago * 86_400_000).toISOString().slice(0, 10);
    const report = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({
        callerCapacity: 'victim',
        relationship: 'ex-intimate-partner',
        victim: { forenames: 'Wren', surname: 'Halloway' },
        suspectKnown: 'yes',
        suspect: { forenames: 'Caspian', surname: 'Vexley', approximateAge: 44 },
        account: 'He keeps texting me and waits outside my work.',
        occasions: [
          { date: day(6), endDate: day(3), times: 20, channels: ['text'], behaviours: ['contacting'] },
          { date: day(5), time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
          { date: day(3), time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
        ],
        effects: [],
        indicators: [],
        thrive: { threat: 'medium', harm: 'medium', risk: 'medium' },
        response: 'priority',
        responseRationale: 'Repeated contact and waiting at work: attend today.',
        evidenceAdvice: 'Keep every message.',
      }),
    });
    expect(report.status).toBe(201);
    return ((await report.json()) as { caseId: string }).caseId;
  }

  it('prints the pack with the named contact and safety advice, without the suspect, and records it as given', { timeout: 120_000 }, async () => {
    const caseId = await recordReport();
    const page: Page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('investigator');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');

    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Victim care' }).click();
    await page.waitForURL(/\/victims$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Victim care');
    expect(await page.getByText('Enhanced Victims’ Code service').count()).toBe(1);

    await page.getByRole('link', { name: /^Change\s+profile/ }).click();
    await page.waitForURL(/\/profile$/);
    await page.getByLabel('Who is the victim’s named contact?').selectOption({ label: 'Investigator (demo)' });
    await page.getByLabel('Officer in the case').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.waitForURL(/\/victims\?done=profile/);
    expect(await page.locator('.govuk-summary-list__value', { hasText: 'Investigator (demo) (Officer in the case)' }).count()).toBe(1);

    await page.getByRole('link', { name: /Print the safety information pack/ }).click();
    await page.waitForURL(/\/pack$/);
    const pack = page.locator('article.vigil-pack');
    expect(await pack.getByRole('heading', { level: 1 }).innerText()).toBe('Your safety information');
    const text = await pack.innerText();
    expect(text).toContain('Your named contact is Investigator (demo) (officer in the case)');
    expect(text).toContain('In danger now? Call 999.');
    expect(text).toMatch(/Keep a diary of every incident/);
    expect(text).toMatch(/Turn off location sharing/);
    expect(text).toContain('National Stalking Helpline');
    const whole = await page.content();
    expect(whole).not.toContain('Caspian');
    expect(whole).not.toContain('Vexley');

    // In print, only the pack is shown.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.vigil-no-print').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Primary navigation' }).isVisible()).toBe(false);
    expect(await page.locator('header.moj-header').isVisible()).toBe(false);
    expect(await pack.isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    // The same pack as a PDF, from the link on the page: served as application/pdf, with no personal data in the address.
    const pdfLink = page.getByRole('link', { name: 'download the pack as a PDF' });
    const href = await pdfLink.getAttribute('href');
    expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}\/victims\/[0-9a-f-]{36}\/pack\.pdf$/);
    const served = await page.request.get(`${server.url}${href}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
    const bytes = await served.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfWords = pdfText(bytes);
    expect(pdfWords).toContain('Your safety information');
    expect(pdfWords).toContain('Your named contact is Investigator (demo) (officer in the case)');
    expect(pdfWords).toContain('In danger now? Call 999.');
    expect(pdfWords).not.toMatch(/Caspian|Vexley/);
    expect(bytes.toString('latin1')).not.toMatch(/Caspian|Vexley/);

    await page.getByLabel('Handed over in person').check();
    await page.getByLabel('PDF', { exact: true }).check();
    await page.getByRole('button', { name: 'Record pack given' }).click();
    await page.waitForURL(/\/pack\?done=given$/);
    expect(await page.getByText('The pack was recorded as given, and added to the contact log.').count()).toBe(1);
    await page.goto(`${server.url}/cases/${caseId}/victims`);
    expect(await page.getByText(/Safety information pack \(PDF\) given \(handed over in person\)/).count()).toBe(1);
  });
});
