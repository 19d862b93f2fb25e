import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, auditRows, reportCase, STALKING_AUGUST_2025, userId, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

describe('safety information pack', () => {
  it('is a printable page with the reference, named contact, emergency steps, evidence, online safety and services, and nothing about the suspect or the victim’s address', async () => {
    const { caseId, victimId, suspectId } = await reportCase(vigil, api, STALKING_AUGUST_2025({
      victim: { forenames: 'Tamsin', surname: 'Hawthorne', town: 'Northtown' },
      suspect: { forenames: 'Orrin', surname: 'Dunmore', approximateAge: 41, town: 'Southbridge', phone: '07700 900123' },
    }));
    expect(suspectId).toBeDefined();
    // The victim's address is on record; it must never appear in the pack.
    await vigil.deps.db.insertInto('person_addresses').values({ person_id: victimId, line: '14 Heron Walk', town: 'Corrowick', postcode: 'NS1 4HW', protected: true }).execute();
    const investigator = await userId(vigil, 'investigator');
    await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 1, contactUserId: investigator, contactRole: 'officer-in-case' });
    const reference = (await vigil.deps.db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()).reference;

    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get(`/cases/${caseId}/victims/${victimId}/pack`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('/assets/victim-pack.css');
    expect(html).toContain(reference);
    expect(html).toContain('Your named contact is Investigator (demo) (officer in the case)');
    expect(html).toContain('call 999');
    expect(html).toContain('press 55');
    expect(html).toMatch(/Keep a diary of every incident/);
    expect(html).toMatch(/Keep any gifts, letters or items/);
    expect(html).toMatch(/Turn off location sharing/);
    expect(html).toContain('National Stalking Helpline');
    expect(html).toContain('0808 802 0300');
    expect(html).toContain('within 1 working day');
    const pack = html.slice(html.indexOf('<article class="vigil-pack"'), html.indexOf('</article>'));
    expect(pack.length).toBeGreaterThan(1000);
    for (const unsafe of ['Orrin', 'Dunmore', 'Southbridge', '07700', 'Heron Walk', 'Corrowick', 'NS1 4HW', 'Northtown', 'Hawthorne']) {
      expect(html, `the page must not contain ${unsafe}`).not.toContain(unsafe);
    }
    expect(pack).toContain('For Tamsin.');

    const css = await vigil.app.inject({ method: 'GET', url: '/assets/victim-pack.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@media print');
  });

  it('records when and how it was given, on the contact log too, with audit rows', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Nerys', surname: 'Foxglove' } }));
    const browser = await signInAs(vigil.app, 'stalking-champion');
    const missing = await browser.post(`/cases/${caseId}/victims/${victimId}/pack`, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Choose how the pack was given');
    const given = await browser.post(`/cases/${caseId}/victims/${victimId}/pack`, { how: 'in-person', 'at-day': '1', 'at-month': '9', 'at-year': '2025', 'at-time': '09:45' });
    expect(given.statusCode).toBe(303);
    const packs = await vigil.deps.db.selectFrom('victim_safety_packs').selectAll().where('case_id', '=', caseId).execute();
    expect(packs).toHaveLength(1);
    expect(packs[0]!.given_how).toBe('in-person');
    expect(packs[0]!.given_at.toISOString()).toBe('2025-09-01T08:45:00.000Z');
    const contacts = await vigil.deps.db.selectFrom('victim_contacts').selectAll().where('id', '=', packs[0]!.contact_id!).execute();
    expect(contacts[0]).toMatchObject({ initiated_by: 'police', method: 'in-person', chasing_update: false });
    expect(contacts[0]!.discussed).toContain('Safety information pack given');
    expect((await auditRows(vigil, 'victim-safety-pack', packs[0]!.id))[0]).toMatchObject({ action: 'create', actor_username: 'stalking-champion' });
    expect((await auditRows(vigil, 'victim-safety-pack', caseId)).some((r) => r.action === 'view')).toBe(true);
    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.body.victims[0].safetyPacks).toHaveLength(1);
    expect(read.body.victims[0].contacts).toHaveLength(1);
  });
});

describe('pages', () => {
  it('render the victim care page, its forms and the case link, and save a contact through the form', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Rowan', surname: 'Cobblestone' } }));
    const browser = await signInAs(vigil.app, 'investigator');
    const kase = await browser.get(`/cases/${caseId}`);
    expect(kase.body).toContain(`href="/cases/${caseId}/victims"`);
    const care = await browser.get(`/cases/${caseId}/victims`);
    expect(care.statusCode).toBe(200);
    expect(care.body).toContain('Enhanced Victims’ Code service');
    expect(care.body).toContain('The victim of stalking is entitled to the enhanced service.');
    expect(care.body).toContain('No named contact');
    expect(care.body.match(/<h1/g)).toHaveLength(1);
    for (const url of [`/cases/${caseId}/victims/${victimId}/profile`, `/cases/${caseId}/victims/${victimId}/contacts`, `/cases/${caseId}/victims/events/new`, '/victims/overdue']) {
      const form = await browser.get(url);
      expect(form.statusCode, url).toBe(200);
      expect(form.body.match(/<h1/g), url).toHaveLength(1);
    }
    const event = await browser.post(`/cases/${caseId}/victims/events`, { event: 'arrest', 'at-day': '1', 'at-month': '9', 'at-year': '2025', 'at-time': '08:00' });
    expect(event.statusCode).toBe(303);
    const form = await browser.get(`/cases/${caseId}/victims/${victimId}/contacts`);
    const dutyId = /name="toldAbout" type="checkbox" value="([0-9a-f-]{36})"/.exec(form.body)?.[1];
    expect(dutyId).toBeDefined();
    const bad = await browser.post(`/cases/${caseId}/victims/${victimId}/contacts`, { initiatedBy: 'victim', method: 'phone', discussed: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#discussed"');
    const saved = await browser.post(`/cases/${caseId}/victims/${victimId}/contacts`, { initiatedBy: 'victim', chasingUpdate: 'yes', method: 'phone', discussed: 'She rang to ask about the arrest.', toldAbout: dutyId! });
    expect(saved.statusCode).toBe(303);
    const after = await browser.get(`/cases/${caseId}/victims`);
    expect(after.body).toContain('Chasing an update');
    expect(after.body).toMatch(/id="case-chases">1</);
    expect(after.body).toContain('Done');
  });
});

describe('access', () => {
  it('refuses the scrutiny panel on every victim page and API', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Saffron', surname: 'Cobblestone' } }));
    const panel = await signInAs(vigil.app, 'scrutiny-panel-member');
    for (const url of [`/cases/${caseId}/victims`, `/cases/${caseId}/victims/${victimId}/pack`, '/victims/overdue']) {
      const page = await panel.get(url);
      expect(page.statusCode, url).toBe(403);
      expect(page.body).not.toContain('Saffron');
    }
    const read = await api.call('scrutiny-panel-member', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.status).toBe(403);
    const write = await api.call('scrutiny-panel-member', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, { personId: victimId, at: '2025-09-01T09:00:00Z', initiatedBy: 'police', method: 'phone', discussed: 'Anything' });
    expect(write.status).toBe(403);
    // A call handler can read the case but not contact victims or record events.
    const handler = await api.call('call-handler', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'arrest', at: '2025-09-01T09:00:00Z' });
    expect(handler.status).toBe(403);
  });

  it('restricted cases: others are refused (and audited), named users must give a reason', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Quill', surname: 'Rookwood' }, indicators: ['victim-works-for-force'] }));
    const restricted = await vigil.deps.db.selectFrom('cases').select('restricted').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(restricted.restricted).toBe(true);

    const other = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(other.status).toBe(403);
    expect(other.body.contact).toBeDefined();
    expect(JSON.stringify(other.body)).not.toContain('Quill');
    const write = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, { personId: victimId, at: '2025-09-01T09:00:00Z', initiatedBy: 'police', method: 'phone', discussed: 'Anything at all' });
    expect(write.status).toBe(403);
    expect(await vigil.deps.db.selectFrom('victim_contacts').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
    const denied = await auditRows(vigil, 'case', caseId);
    expect(denied.filter((r) => r.action === 'view-denied' && r.actor_username === 'investigator')).toHaveLength(2);

    // The call handler who recorded it is named on the case: a reason is needed.
    const noReason = await api.call('call-handler', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(noReason.status).toBe(403);
    const withReason = await api.call('call-handler', 'GET', `/api/v1/cases/${caseId}/victims`, undefined, { 'vigil-access-reason': 'Checking the victim has a named contact.' });
    expect(withReason.status).toBe(200);
    const viewed = await auditRows(vigil, 'case-victims', caseId);
    expect(viewed.at(-1)).toMatchObject({ action: 'view', actor_username: 'call-handler', reason: 'Checking the victim has a named contact.' });

    const browser = await signInAs(vigil.app, 'call-handler');
    const page = await browser.get(`/cases/${caseId}/victims`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Why do you need to open this record?');
    const opened = await browser.post(`/cases/${caseId}/victims/open`, { reason: 'Checking the victim has a named contact.' });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Quill Rookwood');
  });
});
