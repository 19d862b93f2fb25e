/**
 * Renewal on the pages, as a user without JavaScript meets them: the order page offers the
 * application; an incomplete renewal shows the error summary linked to each evidence prompt;
 * each stage is recorded on the application page by its role (only the superintendent sees
 * and records the decision); the grant returns to the order showing its new end date and
 * history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { apiClient, stalkingCase } from './support.ts';

let vigil: TestVigil;
let orderId: string;
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
  if (!found) throw new Error('No version on the page');
  return found[1]!;
}

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-03-03T10:00:00Z');
  const api = apiClient(vigil);
  const c = await stalkingCase(vigil, api, { victim: ['Eulalie', 'Wintergreen'], suspect: ['Osric', 'Pemberton'] });
  const created = await api.call('offender-manager', 'POST', '/api/v1/orders', {
    type: 'stalking-protection-order',
    subjectPersonId: c.suspectId,
    protectedPersonIds: [c.victimId],
    caseId: c.caseId,
    court: 'Corrowick Magistrates Court',
    madeOn: '2025-03-03',
    expiresOn: '2027-03-03',
    prohibitions: 'Not to contact Eulalie Wintergreen',
  });
  orderId = created.body.id;
  vigil.clock.set('2026-11-20T10:00:00Z');
}, 120_000);
afterAll(async () => vigil?.close());

describe('renewal on the pages', () => {
  let applicationUrl: string;

  it('the order page offers the application to the SCU, not to an investigator', async () => {
    const scu = await as('stalking-coordination-unit');
    const page = await scu.get(`/orders/${orderId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Renewal, variation and discharge');
    expect(page.body).toContain(`href="/orders/${orderId}/applications/new"`);
    expect((await (await as('investigator')).get(`/orders/${orderId}`)).body).not.toContain('/applications/new');
    const form = await scu.get(`/orders/${orderId}/applications/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('A renewal must be submitted by 3 December 2026');
    expect(form.body).toContain('New acts associated with stalking since the order was made');
  });

  it('an incomplete renewal shows the error summary linked to each missing field, keeping what was typed', async () => {
    const scu = await as('stalking-coordination-unit');
    const r = await scu.post(`/orders/${orderId}/applications`, { kind: 'renewal', applicant: 'police', grounds: 'Continuing risk to her.', 'evidence.newActs': 'Seen near her home twice.' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('There is a problem');
    expect(r.body).toContain('href="#appliedOn-day"');
    expect(r.body).toContain('href="#evidence.currentRisk"');
    expect(r.body).toContain('href="#evidence.compliance"');
    expect(r.body).not.toContain('href="#evidence.newActs"');
    expect(r.body).toContain('Seen near her home twice.');
  });

  it('a complete renewal opens its page at the first stage', async () => {
    const scu = await as('stalking-coordination-unit');
    const r = await scu.post(`/orders/${orderId}/applications`, {
      kind: 'renewal',
      applicant: 'police',
      ...date('appliedOn', '2026-11-20'),
      grounds: 'Continuing risk to her.',
      'evidence.newActs': 'Seen near her home twice.',
      'evidence.currentRisk': 'High.',
      'evidence.stillNecessary': 'Still fixated.',
      'evidence.compliance': 'Notified on time.',
    });
    expect(r.statusCode).toBe(303);
    applicationUrl = (r.headers.location as string).replace(/\?.*$/, '');
    const page = await scu.get(r.headers.location as string);
    expect(page.body).toContain('Application recorded and sent to the SCU');
    expect(page.body).toContain('Seen near her home twice.');
    expect(page.body).toContain('stage=scu-report');
  });

  it('each stage by its role: the SCU reports, only the superintendent decides', async () => {
    const post = async (who: Browser, form: Record<string, string>) => {
      const page = await who.get(`${applicationUrl}?stage=${form.stage}`);
      const version = page.body.includes('name="version"') ? versionOf(page.body) : String((await vigil.deps.db.selectFrom('order_applications').select('version').executeTakeFirstOrThrow()).version);
      return who.post(`${applicationUrl}/stages`, { version, ...form });
    };
    const scu = await as('stalking-coordination-unit');
    expect((await post(scu, { stage: 'scu-report', ...date('stageOn', '2026-11-20'), report: 'Supported', offenderManagerViews: 'Agrees' })).statusCode).toBe(303);
    const scuPage = (await scu.get(applicationUrl)).body;
    expect(scuPage).toContain('stage=legal-advice');
    expect(scuPage).not.toContain('stage=decided');
    expect((await post(scu, { stage: 'decided', ...date('stageOn', '2026-11-20'), decision: 'apply', reasons: 'r' })).statusCode).toBe(403);
    const supt = await as('authorising-superintendent');
    expect((await supt.get(applicationUrl)).body).toContain('stage=decided');
    const thin = await post(supt, { stage: 'decided', ...date('stageOn', '2026-11-20'), decision: 'apply', reasons: 'Needed' });
    expect(thin.statusCode).toBe(422);
    expect(thin.body).toContain('href="#humanRightsVictim"');
    expect((await post(supt, { stage: 'decided', ...date('stageOn', '2026-11-20'), decision: 'apply', reasons: 'Needed', necessary: 'a', proportionate: 'b', justified: 'c', humanRightsSubject: 'd', humanRightsVictim: 'e' })).statusCode).toBe(303);
    expect((await post(scu, { stage: 'hearing-listed', ...date('stageOn', '2026-11-20'), court: 'Corrowick Magistrates Court', ...date('hearingOn', '2026-12-10') })).statusCode).toBe(303);
    vigil.clock.set('2026-12-10T15:00:00Z');
    browsers.clear();
    const granted = await post(await as('stalking-coordination-unit'), { stage: 'granted', ...date('stageOn', '2026-12-10'), court: 'Corrowick Magistrates Court', ...date('newExpiresOn', '2029-03-03') });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe(`/orders/${orderId}?done=application-granted#applications`);
    const order = await (await as('stalking-coordination-unit')).get(`/orders/${orderId}?done=application-granted`);
    expect(order.body).toContain('The court’s decision is recorded and the order updated');
    expect(order.body).toContain('Order history');
    expect(order.body).toContain('Ends 3 March 2027');
    expect(order.body).toContain('Ends 3 March 2029');
    expect(order.body).toContain('Granted by the court');
    const history = await (await as('stalking-coordination-unit')).get(applicationUrl);
    for (const label of ['Application recorded', 'SCU report (with the offender manager)', 'Detective superintendent’s decision', 'Court hearing listed', 'Granted by the court']) expect(history.body).toContain(label);
    expect(history.body).toContain('The application is closed.');
  });
});
