/**
 * The orders pages as a user without JavaScript meets them: the case page links to orders;
 * an investigator refers an SPO on the SPOR1 form (with the error summary when it is
 * incomplete); each stage is recorded on the SPO page by its proper role, the
 * superintendent's authority included; the grant leads to the order page showing the
 * initial visit; the orders due page lists it; the person's history panel shows the order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { apiClient, stalkingCase, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;
let caseId: string;
let victimId: string;
let suspectId: string;
const browsers = new Map<string, Browser>();

async function as(username: string): Promise<Browser> {
  if (!browsers.has(username)) browsers.set(username, await signInAs(vigil.app, username));
  return browsers.get(username)!;
}

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

function versionOf(html: string): string {
  const found = /name="version" value="(\d+)"/.exec(html);
  if (!found) throw new Error(`No version on the page: ${html.replace(/\s+/g, ' ').slice(-3000)}`);
  return found[1]!;
}

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-02-17T09:00:00Z');
  api = apiClient(vigil);
  const c = await stalkingCase(vigil, api);
  caseId = c.caseId;
  victimId = c.victimId;
  suspectId = c.suspectId!;
}, 120_000);
afterAll(async () => vigil?.close());

describe('SPO from referral to grant on the pages', () => {
  let spoUrl: string;

  it('the case page links to its orders, which offer the SPO referral to an investigator', async () => {
    const b = await as('investigator');
    expect((await b.get(`/cases/${caseId}`)).body).toContain(`href="/cases/${caseId}/orders"`);
    const page = await b.get(`/cases/${caseId}/orders`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Refer a Stalking Protection Order (SPOR1)');
    expect(page.body).not.toContain('Register an order');
  });

  it('an incomplete referral shows the error summary linked to each field, keeping what was typed', async () => {
    const b = await as('investigator');
    const r = await b.post(`/cases/${caseId}/orders/spo`, { subjectPersonId: suspectId, actsOfStalking: 'Texts and waiting outside her work.' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('There is a problem');
    expect(r.body).toContain('href="#referredOn-day"');
    expect(r.body).toContain('href="#protectedPersonIds"');
    expect(r.body).toContain('Texts and waiting outside her work.');
  });

  it('a complete referral opens the SPO page at the referral stage', async () => {
    const b = await as('investigator');
    const r = await b.post(`/cases/${caseId}/orders/spo`, {
      subjectPersonId: suspectId,
      protectedPersonIds: victimId,
      ...date('referredOn', '2025-02-17'),
      actsOfStalking: 'Texts and waiting outside her work.',
      riskToVictim: 'High.',
      whyNecessary: 'Nothing else stops him.',
      proposedProhibitions: 'No contact',
    });
    expect(r.statusCode).toBe(303);
    spoUrl = r.headers.location as string;
    const page = await b.get(spoUrl);
    expect(page.body).toContain('Referred to the SCU (SPOR1)');
    // The investigator cannot record the SCU's decision.
    expect(page.body).toContain('You cannot record the next stage');
  });

  it('each stage is recorded by its role; the SCU cannot authorise, the superintendent can', async () => {
    const scu = await as('stalking-coordination-unit');
    const post = async (who: Browser, form: Record<string, string>) => {
      const page = await who.get(`${spoUrl}?stage=${form.stage}`);
      if (page.statusCode !== 200) throw new Error(`GET ${spoUrl}: ${page.statusCode} ${String(page.headers.location)}`);
      // Someone who cannot record the stage gets no form; post the current version anyway to check the refusal.
      const version = page.body.includes('name="version"') ? versionOf(page.body) : String((await vigil.deps.db.selectFrom('spo_applications').select('version').executeTakeFirstOrThrow()).version);
      return who.post(`${spoUrl}/stages`, { version, ...form });
    };
    expect((await post(scu, { stage: 'scu-approved', ...date('stageOn', '2025-02-18'), reason: 'Meets the tests' })).statusCode).toBe(303);
    expect((await post(scu, { stage: 'application-prepared', ...date('stageOn', '2025-02-20'), statement: 'Statement', proposedProhibitions: 'No contact', termYears: '2' })).statusCode).toBe(303);
    const scuPage = await scu.get(spoUrl);
    const supt0 = async () => (await as('authorising-superintendent')).get(spoUrl);
    expect(scuPage.body).not.toContain('stage=authorised');
    expect((await supt0()).body).toContain('stage=authorised');
    expect((await post(scu, { stage: 'authorised', ...date('stageOn', '2025-02-21'), necessary: 'a', proportionate: 'b', justified: 'c', humanRightsSubject: 'd', humanRightsVictim: 'e' })).statusCode).toBe(403);
    const supt = await as('authorising-superintendent');
    const thin = await post(supt, { stage: 'authorised', ...date('stageOn', '2025-02-21'), necessary: 'Needed' });
    expect(thin.statusCode).toBe(422);
    expect(thin.body).toContain('href="#humanRightsVictim"');
    expect((await post(supt, { stage: 'authorised', ...date('stageOn', '2025-02-21'), necessary: 'a', proportionate: 'b', justified: 'c', humanRightsSubject: 'd', humanRightsVictim: 'e' })).statusCode).toBe(303);
    expect((await post(scu, { stage: 'hearing-listed', ...date('stageOn', '2025-02-24'), court: 'Corrowick Magistrates Court', ...date('hearingOn', '2025-03-03') })).statusCode).toBe(303);
    // Two weeks on, sessions have timed out: sign in again.
    vigil.clock.set('2025-03-03T15:00:00Z');
    browsers.clear();
    const granted = await post(await as('stalking-coordination-unit'), { stage: 'granted', ...date('stageOn', '2025-03-03'), court: 'Corrowick Magistrates Court', prohibitions: 'No contact', termYears: '2', ...date('servedOn', '2025-03-03') });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toMatch(/^\/orders\/[0-9a-f-]+\?done=granted$/);
    const scuAgain = await as('stalking-coordination-unit');
    const order = await scuAgain.get(granted.headers.location as string);
    expect(order.statusCode).toBe(200);
    expect(order.body).toContain('The order has been granted');
    expect(order.body).toContain('Initial visit');
    expect(order.body).toContain('10 March 2025');
    expect(order.body).toContain('3 December 2026');
    const history = await scuAgain.get(spoUrl);
    for (const stage of ['Referred to the SCU', 'SCU approved', 'Application prepared', 'Authorised by the superintendent', 'Court hearing listed', 'Full order granted']) expect(history.body).toContain(stage);
  });

  it('the orders due page lists the initial visit for the offender management team; the history panel shows the order', async () => {
    const om = await as('offender-manager');
    const due = await om.get('/orders/due?team=offender-management');
    expect(due.statusCode).toBe(200);
    expect(due.body).toContain('Initial visit');
    expect(due.body).toContain('Notification: names and home address after service');
    expect((await (await as('investigator')).get('/orders/due')).statusCode).toBe(403);
    const panel = await om.get(`/people/${suspectId}/history`);
    expect(panel.statusCode).toBe(200);
    expect(panel.body).toContain('Stalking Protection Order');
  });

  it('records a visit and a bad visit date on the order page with the error beside the field', async () => {
    const om = await as('offender-manager');
    const orderUrl = `/orders/${(await vigil.deps.db.selectFrom('orders').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id}`;
    const bad = await om.post(`${orderUrl}/visits`, { ...date('visitedOn', '2025-02-30'), notes: 'At home' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#visitedOn-day"');
    const good = await om.post(`${orderUrl}/visits`, { ...date('visitedOn', '2025-03-03'), notes: 'At home' });
    expect(good.statusCode).toBe(303);
    const page = await om.get(orderUrl);
    expect(page.body).toContain('31 March 2025');
  });
});

describe('restricted records', () => {
  it('an order on a restricted subject is refused to anyone not named on the record, and the refusal is audited', async () => {
    const restricted = await vigil.deps.db.selectFrom('people').select('id').where('restricted', '=', true).executeTakeFirstOrThrow();
    const made = await api.call('offender-manager', 'POST', '/api/v1/orders', { type: 'restraining-order', subjectPersonId: restricted.id, protectedPersonIds: [victimId], madeOn: '2025-01-01', untilFurtherOrder: true, prohibitions: 'No contact' });
    expect(made.status).toBe(201);
    const denied = await api.call('offender-manager', 'GET', `/api/v1/orders/${made.body.id}`);
    expect(denied.status).toBe(403);
    const audited = await vigil.deps.db.selectFrom('audit_log').select('action').where('record_type', '=', 'order').where('record_id', '=', made.body.id).where('action', '=', 'view-denied').execute();
    expect(audited).toHaveLength(1);
    const due = await api.call('offender-manager', 'GET', '/api/v1/orders/due');
    expect(due.body.items.some((i: { orderId: string }) => i.orderId === made.body.id)).toBe(false);
  });
});
