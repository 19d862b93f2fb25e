import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSafetyPack } from '../../src/domain/victims/index.ts';
import { renderSafetyPackPdf } from '../../src/features/victims/pack-pdf.ts';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { pdfText } from './pdf-text.ts';
import { apiClient, auditRows, reportCase, STALKING_AUGUST_2025, userId, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

describe('safety information pack as a PDF', () => {
  it('draws the same model as the page: every heading, the emergency line and the services, in plain text when not compressed', async () => {
    const pack = buildSafetyPack({ caseReference: 'CC-2025-000777', victimForenames: 'Tamsin', contact: { name: 'DC Ada Greywater', role: 'officer in the case' }, entitlement: 'enhanced', producedOn: '1 September 2025' });
    const pdf = await renderSafetyPackPdf(pack, { compress: false });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).not.toContain('/FlateDecode');
    const text = pdfText(pdf);
    for (const heading of [pack.title, ...pack.sections.map((s) => s.heading), pack.servicesHeading]) expect(text).toContain(heading);
    expect(text).toContain(pack.marking);
    expect(text).toContain(pack.introduction);
    expect(text).toContain(`${pack.urgent.headline} ${pack.urgent.detail}`);
    for (const s of pack.services) expect(text).toContain(s.contact);
    expect(text).toContain('Produced 1 September 2025.');
    // The compressed PDF says the same.
    expect(pdfText(await renderSafetyPackPdf(pack))).toBe(text);
  });

  it('is served as application/pdf for the victim, audited, with nothing about the suspect, another victim or an address', async () => {
    const { caseId, victimId, suspectId } = await reportCase(vigil, api, STALKING_AUGUST_2025({
      victim: { forenames: 'Tamsin', surname: 'Hawthorne', town: 'Northtown' },
      suspect: { forenames: 'Orrin', surname: 'Dunmore', approximateAge: 41, town: 'Southbridge', phone: '07700 900123' },
    }));
    expect(suspectId).toBeDefined();
    await vigil.deps.db.insertInto('person_addresses').values({ person_id: victimId, line: '14 Heron Walk', town: 'Corrowick', postcode: 'NS1 4HW', protected: true }).execute();
    // A second victim on the same case: never in the first victim's pack.
    const other = await api.call('investigator', 'POST', '/api/v1/people', { forenames: 'Philippa', surname: 'Ashcombe' });
    expect(other.status).toBe(201);
    await vigil.deps.db.insertInto('case_victims').values({ case_id: caseId, person_id: other.body.id }).execute();
    const investigator = await userId(vigil, 'investigator');
    await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 1, contactUserId: investigator, contactRole: 'officer-in-case' });
    const reference = (await vigil.deps.db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()).reference;

    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get(`/cases/${caseId}/victims/${victimId}/pack`);
    expect(page.body).toContain(`href="/cases/${caseId}/victims/${victimId}/pack.pdf"`);
    const response = await browser.get(`/cases/${caseId}/victims/${victimId}/pack.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('no-store');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Your safety information');
    expect(text).toContain(reference);
    expect(text).toContain('Your named contact is Investigator (demo) (officer in the case)');
    expect(text).toContain('Keep a diary of every incident');
    expect(text).toContain('Staying safe online');
    expect(text).toContain('For Tamsin.');
    for (const unsafe of ['Orrin', 'Dunmore', 'Southbridge', '07700', 'Heron Walk', 'Corrowick', 'NS1 4HW', 'Northtown', 'Hawthorne', 'Philippa', 'Ashcombe']) {
      expect(text, `the PDF must not contain ${unsafe}`).not.toContain(unsafe);
      expect(pdf.toString('latin1')).not.toContain(unsafe);
    }
    // The page and the PDF come from one model: every heading on the page is in the PDF.
    const headings = [...page.body.matchAll(/<h2 class="govuk-heading-m" id="pack-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]!.replace(/&rsquo;|&#39;/g, '’'));
    expect(headings.length).toBeGreaterThan(6);
    for (const h of headings) expect(text).toContain(h);

    const views = await auditRows(vigil, 'victim-safety-pack', caseId);
    expect(views.some((r) => r.action === 'view' && (r.details as Record<string, unknown>).format === 'pdf')).toBe(true);
  });

  it('is recorded on the contact log when the PDF is given, and refused to roles that do not contact victims', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Lowenna', surname: 'Trevithick' } }));
    const given = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/safety-packs`, { personId: victimId, how: 'email', format: 'pdf' });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.body.victims[0].safetyPacks[0]).toMatchObject({ givenHow: 'email', format: 'pdf' });
    expect(read.body.victims[0].contacts[0].discussed).toBe('Safety information pack (PDF) given (sent by email).');

    const handler = await signInAs(vigil.app, 'call-handler');
    const refused = await handler.get(`/cases/${caseId}/victims/${victimId}/pack.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).not.toBe('application/pdf');
  });
});
