import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMatchingPolicy } from '../../src/domain/people/index.ts';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { api, userId } from './support.ts';

let vigil: TestVigil;
let accountId: string;
let katherineId: string;
let restrictedId: string;

beforeAll(async () => {
  vigil = await startTestVigil();
  accountId = await createPerson({ forenames: 'Dylan', surname: 'Ashcombe', handles: [{ platform: 'Facebook', handle: 'dylan.ashcombe.91' }] });
  await createPerson({ forenames: 'Dylan', surname: 'Ashcombe', handles: [{ platform: 'Instagram', handle: 'dylanashcombe91' }] });
  katherineId = await createPerson({ forenames: 'Katherine', surname: 'Hughes', dateOfBirth: '1992-02-17', phones: ['+44 7700 900777'], emails: ['k.hughes@gmail.com'] });
  // A restricted suspect who works for the force; only the detective sergeant is named on it.
  restrictedId = (
    await vigil.deps.db
      .insertInto('people')
      .values({ forenames: 'Teodor', surname: 'Vashti', date_of_birth: '1983-06-09', restricted: true, restricted_contact: 'Professional standards, extension 4417' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const { nameKeys } = await import('../../src/features/people/repository.ts');
  const keys = nameKeys({ forenames: 'Teodor', surname: 'Vashti' });
  await vigil.deps.db
    .insertInto('person_names')
    .values({ person_id: restrictedId, kind: 'primary', forenames: 'Teodor', surname: 'Vashti', full_key: keys.fullKey, forename_phonetic: keys.forenamePhonetic, surname_phonetic: keys.surnamePhonetic })
    .execute();
  await vigil.deps.db.insertInto('person_identifiers').values({ person_id: restrictedId, kind: 'phone', value: '07700 900999', normalised: '+447700900999' }).execute();
  await vigil.deps.db.insertInto('record_access').values({ record_type: 'person', record_id: restrictedId, user_id: await userId(vigil, 'detective-sergeant'), granted_by: null }).execute();
});
afterAll(async () => vigil.close());

async function createPerson(body: Record<string, unknown>): Promise<string> {
  const response = await api(vigil, await apiToken(vigil.app, 'investigator')).post('/api/v1/people', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** pg_trgm's similarity of two normalised names. */
async function similarity(a: string, b: string): Promise<number> {
  const row = await sql<{ s: number }>`select similarity(${a}, ${b}) as s`.execute(vigil.deps.db);
  return Number(row.rows[0]!.s);
}

async function match(username: string, query: Record<string, unknown>) {
  const response = await api(vigil, await apiToken(vigil.app, username)).post('/api/v1/people/match', query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { candidates: Array<Record<string, unknown> & { personId: string; reasons?: Array<{ code: string; text: string }> }> };
}

describe('matching', () => {
  it.each([
    ['Facebook', 'dylan.ashcombe.91'],
    ['fb', '@Dylan.Ashcombe.91'],
    ['', 'https://www.facebook.com/DylanAshcombe91/'],
    ['Facebook', 'm.facebook.com/dylanashcombe91?ref=bookmarks'],
  ])('finds one account from the spelling %s %s of its handle', async (platform, handle) => {
    const { candidates } = await match('call-handler', { handles: [{ platform: platform || undefined, handle }] });
    const withHandle = candidates.filter((c) => c.reasons?.some((r) => r.code === 'handle-match'));
    expect(withHandle.map((c) => c.personId)).toEqual([accountId]);
  });

  it('Kate finds Katherine through the forename table, and a phone typed another way matches after normalisation', async () => {
    const { candidates } = await match('call-handler', { forename: 'Kate', surname: 'Hughes', phones: ['07700900777'] });
    expect(candidates[0]).toMatchObject({ personId: katherineId, band: 'strong' });
    expect(candidates[0]!.reasons!.map((r) => r.code)).toEqual(expect.arrayContaining(['forename-nickname', 'phone-match']));
  });

  it('an email with Gmail dots removed still matches (loose key), as weaker evidence than the exact address', async () => {
    const { candidates } = await match('call-handler', { surname: 'Hughes', emails: ['khughes@gmail.com'] });
    const found = candidates.find((c) => c.personId === katherineId);
    expect(found?.reasons?.map((r) => r.code)).toContain('email-loose-match');
  });

  it('offers someone born on the date given even when the surname has changed since', async () => {
    const lornaId = await createPerson({ forenames: 'Lorna', surname: 'Pickersgill', dateOfBirth: '1979-04-03' });
    const { candidateNameSimilarity } = defaultMatchingPolicy;
    expect(await similarity('lorna abernethy', 'lorna pickersgill')).toBeLessThan(candidateNameSimilarity);
    const withDate = await match('call-handler', { forename: 'Lorna', surname: 'Abernethy', dateOfBirth: '1979-04-03' });
    const found = withDate.candidates.find((c) => c.personId === lornaId);
    expect(found?.reasons?.map((r) => r.code)).toEqual(expect.arrayContaining(['dob-exact']));
    const withoutDate = await match('call-handler', { forename: 'Lorna', surname: 'Abernethy' });
    expect(withoutDate.candidates.map((c) => c.personId)).not.toContain(lornaId);
  });

  it('offers a name that sounds the same in both parts however far apart the spellings are', async () => {
    const caitlinId = await createPerson({ forenames: 'Caitlin', surname: 'Macquade' });
    const { candidateNameSimilarity } = defaultMatchingPolicy;
    expect(await similarity('kaitlynne mcquaide', 'caitlin macquade')).toBeLessThan(candidateNameSimilarity);
    const { candidates } = await match('call-handler', { forename: 'Kaitlynne', surname: 'Mcquaide' });
    const found = candidates.find((c) => c.personId === caitlinId);
    expect(found?.reasons?.map((r) => r.code)).toEqual(expect.arrayContaining(['forename-phonetic', 'surname-phonetic']));
  });

  it('needs something to search for', async () => {
    const response = await api(vigil, await apiToken(vigil.app, 'call-handler')).post('/api/v1/people/match', { dateOfBirth: '1990-01-01' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].field).toBe('surname');
  });
});

describe('restricted people in matching and history', () => {
  it.each(['call-handler', 'investigator'])('%s, not named, sees only that a restricted record exists and whom to contact (API)', async (role) => {
    const result = await match(role, { forename: 'Teodor', surname: 'Vashti', phones: ['07700 900999'] });
    const found = result.candidates.find((c) => c.personId === restrictedId);
    expect(found).toEqual({ personId: restrictedId, restricted: true, contact: 'Professional standards, extension 4417', band: 'strong' });
    const text = JSON.stringify(result);
    for (const secret of ['Teodor', 'Vashti', '1983', '900999']) expect(text).not.toContain(secret);
    const history = await api(vigil, await apiToken(vigil.app, role)).get(`/api/v1/people/${restrictedId}/history`);
    expect(history.json()).toEqual({ personId: restrictedId, restricted: true, contact: 'Professional standards, extension 4417' });
  });

  it('the search page and history page show no personal data of a restricted record to an unnamed user', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const page = await browser.post('/people/search', { phone: '07700 900999' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A restricted record may match. Contact Professional standards, extension 4417');
    expect(page.body).not.toContain('Teodor');
    expect(page.body).not.toContain('1983');
    const history = await browser.get(`/people/${restrictedId}/history`);
    expect(history.body).toContain('A restricted record exists for this person');
    expect(history.body).not.toContain('Teodor');
    const denied = await vigil.deps.db.selectFrom('audit_log').select('details').where('record_id', '=', restrictedId).where('action', '=', 'view-denied').where('actor_username', '=', 'call-handler').execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('a user named on the record sees the candidate', async () => {
    const result = await match('detective-sergeant', { forename: 'Teodor', surname: 'Vashti' });
    expect(result.candidates[0]).toMatchObject({ personId: restrictedId, restricted: false, namedOnRestricted: true, name: 'Teodor Vashti' });
  });

  it('panel members cannot match or read histories', async () => {
    const token = await apiToken(vigil.app, 'scrutiny-panel-member');
    expect((await api(vigil, token).post('/api/v1/people/match', { surname: 'Hughes' })).statusCode).toBe(403);
    expect((await api(vigil, token).get(`/api/v1/people/${katherineId}/history`)).statusCode).toBe(403);
    const browser = await signInAs(vigil.app, 'scrutiny-panel-member');
    expect((await browser.post('/people/search', { surname: 'Hughes' })).statusCode).toBe(403);
  });
});

describe('the search page', () => {
  it('keeps names out of the URL: the form posts, and an empty search is refused with an error summary', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const form = await browser.get('/people/search');
    expect(form.body).toContain('<form method="post" action="/people/search"');
    const empty = await browser.post('/people/search', {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#surname"');
  });

  it('offers to add a new person with what was typed, without saving anything', async () => {
    const browser = await signInAs(vigil.app, 'call-handler');
    const before = await vigil.deps.db.selectFrom('people').select('id').execute();
    const results = await browser.post('/people/search', { forename: 'Zebedee', surname: 'Quillfeather' });
    expect(results.body).toContain('None of these: add a new person');
    const form = await browser.post('/people/new', { from: 'search', forename: 'Zebedee', surname: 'Quillfeather', ageAbout: '30' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Quillfeather"');
    expect(form.body).toContain('value="28"');
    expect(await vigil.deps.db.selectFrom('people').select('id').execute()).toHaveLength(before.length);
  });
});
