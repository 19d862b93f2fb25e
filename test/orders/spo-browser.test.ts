import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { startServer, temporaryDirectory, type RunningServer } from '../support/server.ts';

const PASSWORD = 'orders-demo-password';

/**
 * The SPO flow in a real browser, each stage by its proper role: the investigator refers,
 * the SCU approves and prepares the application, the superintendent authorises, the SCU
 * lists the hearing and records the grant; the order page and the offender management
 * team's tasks then show the initial visit, due 7 days after the grant.
 */
describe.skipIf(!chromiumAvailable)('SPO from referral to grant in a real browser', () => {
  const data = temporaryDirectory('vigil-orders-');
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

  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

  async function recordReport(): Promise<string> {
    const token = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'call-handler', password: PASSWORD }) });
    const { token: bearer } = (await token.json()) as { token: string };
    const report = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({
        callerCapacity: 'victim',
        relationship: 'ex-intimate-partner',
        victim: { forenames: 'Wren', surname: 'Ashcombe' },
        suspectKnown: 'yes',
        suspect: { forenames: 'Corbin', surname: 'Valeway', approximateAge: 39 },
        account: 'He keeps texting me and waits outside my work.',
        occasions: [
          { date: day(-9), endDate: day(-6), times: 15, channels: ['text'], behaviours: ['contacting'] },
          { date: day(-7), time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
          { date: day(-6), time: '17:30', place: 'Outside her home', channels: ['in-person'], behaviours: ['loitering'] },
        ],
        effects: [],
        indicators: [],
        thrive: { threat: 'high', harm: 'high', risk: 'high' },
        response: 'priority',
        responseRationale: 'Escalating to her home.',
        evidenceAdvice: 'Keep every message.',
      }),
    });
    expect(report.status).toBe(201);
    return ((await report.json()) as { caseId: string }).caseId;
  }

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    return page;
  }

  async function fillDate(page: Page, name: string, iso: string) {
    const [y, m, d] = iso.split('-');
    await page.locator(`#${name}-day`).fill(d!);
    await page.locator(`#${name}-month`).fill(m!);
    await page.locator(`#${name}-year`).fill(y!);
  }

  async function stage(page: Page, url: string, link: string, fill: (page: Page) => Promise<void>, button: string) {
    await page.goto(url);
    await page.getByRole('link', { name: link }).click();
    await fillDate(page, 'stageOn', day(0));
    await fill(page);
    await page.getByRole('button', { name: button }).click();
    await page.waitForLoadState('load');
  }

  it('takes an SPO from referral to granted and shows the first visit task', { timeout: 150_000 }, async () => {
    const caseId = await recordReport();

    const investigator = await signedIn('investigator');
    // The case page links here (checked in pages.test.ts); go straight to the case's orders.
    await investigator.goto(`${server.url}/cases/${caseId}/orders`);
    await investigator.getByRole('button', { name: 'Refer a Stalking Protection Order (SPOR1)' }).click();
    await investigator.getByRole('button', { name: 'Send referral to the SCU' }).click();
    expect(await investigator.locator('.govuk-error-summary').innerText()).toContain('Enter the date of the referral');
    await investigator.getByLabel('Wren Ashcombe').check();
    await fillDate(investigator, 'referredOn', day(0));
    await investigator.getByLabel('Acts associated with stalking the subject has carried out').fill('Fifteen texts and waiting outside her work and home.');
    await investigator.getByLabel('Risk associated with stalking the subject poses').fill('Escalating from messages to her home.');
    await investigator.getByLabel('Why an order is necessary to protect the victim').fill('He ignores every request to stop.');
    await investigator.getByLabel('Proposed prohibitions').fill('Not to contact Wren Ashcombe');
    await investigator.getByRole('button', { name: 'Send referral to the SCU' }).click();
    await investigator.waitForURL(/\/orders\/spo\/[0-9a-f-]+$/);
    const spoUrl = investigator.url();
    expect(await investigator.locator('#current-stage').innerText()).toBe('Referred to the SCU (SPOR1)');

    const scu = await signedIn('stalking-coordination-unit');
    await stage(scu, spoUrl, 'Record: SCU approved the referral', (p) => p.getByLabel('Reasons').fill('Meets the SPO tests.'), 'Record: SCU approved the referral');
    await stage(scu, spoUrl, 'Record: Application prepared (SPO1) for authority', async (p) => {
      await p.getByLabel('Overarching statement (SPO1)').fill('Overarching statement.');
      await p.getByLabel('Term sought, in years (at least 2)').fill('2');
    }, 'Record: Application prepared (SPO1) for authority');
    expect(await scu.locator('#current-stage').innerText()).toBe('Application prepared (SPO1) for authority');
    expect(await scu.getByRole('link', { name: 'Record: Authorised by the superintendent' }).count()).toBe(0);

    const supt = await signedIn('authorising-superintendent');
    await stage(supt, spoUrl, 'Record: Authorised by the superintendent', async (p) => {
      await p.getByLabel('Why the order is necessary').fill('To protect her from further stalking.');
      await p.getByLabel('Why it is proportionate').fill('Limited to contact and two places.');
      await p.getByLabel('Why it is justified').fill('Acts and risk are evidenced.');
      await p.getByLabel('The subject’s human rights').fill('Interference limited to what protects her.');
      await p.getByLabel('The victim’s human rights').fill('Her right to a private life.');
    }, 'Record: Authorised by the superintendent');
    expect(await supt.locator('#current-stage').innerText()).toBe('Authorised by the superintendent');

    await stage(scu, spoUrl, 'Record: Court hearing listed', async (p) => {
      await p.getByLabel('Court').fill('Corrowick Magistrates Court');
      await fillDate(p, 'hearingOn', day(0));
    }, 'Record: Court hearing listed');
    await stage(scu, spoUrl, 'Record: Full order granted', async (p) => {
      await p.getByLabel('Term in years').fill('2');
    }, 'Record: Full order granted');
    await scu.waitForURL(/\/orders\/[0-9a-f-]+\?done=granted$/);
    expect(await scu.locator('.govuk-notification-banner').innerText()).toContain('The order has been granted');
    expect(await scu.getByRole('heading', { level: 1 }).innerText()).toBe('Stalking Protection Order');
    const visits = scu.locator('#visits + table');
    expect(await visits.innerText()).toContain('Initial visit');

    const om = await signedIn('offender-manager');
    await om.goto(`${server.url}/tasks/team`);
    const task = om.getByText(/Initial visit to the subject of the order \(due by /).first();
    expect(await task.count()).toBe(1);
    expect(await task.innerText()).toContain(day(7));
  });
});
