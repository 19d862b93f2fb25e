import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';

let vigil: TestVigil;
beforeAll(async () => {
  vigil = await startTestVigil();
});
afterAll(async () => vigil.close());

async function anyPerson() {
  return vigil.deps.db.selectFrom('people').select('id').where('restricted', '=', false).executeTakeFirstOrThrow();
}

describe('the audit log', () => {
  it('records every view of a person, with who and when', async () => {
    const person = await anyPerson();
    const browser = await signInAs(vigil.app, 'investigator');
    expect((await browser.get(`/people/${person.id}`)).statusCode).toBe(200);
    const rows = await vigil.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_type', '=', 'person')
      .where('record_id', '=', person.id)
      .where('action', '=', 'view')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_username).toBe('investigator');
    expect(rows[0]!.request_id).toBeTruthy();
  });

  it.each([
    ['update', sql`update audit_log set action = 'tampered'`],
    ['delete', sql`delete from audit_log`],
    ['truncate', sql`truncate audit_log`],
  ])('cannot be changed by %s through the connection the application uses', async (_name, statement) => {
    const before = await vigil.deps.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    await expect(statement.execute(vigil.deps.db)).rejects.toThrow(/append-only/);
    const after = await vigil.deps.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const tampered = await vigil.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'tampered').execute();
    expect(tampered).toHaveLength(0);
  });

  it('shows supervisors and auditors who has accessed a record, and audits that look too', async () => {
    const person = await anyPerson();
    await (await signInAs(vigil.app, 'call-handler')).get(`/people/${person.id}`);
    for (const role of ['detective-sergeant', 'auditor']) {
      const page = await (await signInAs(vigil.app, role)).get(`/audit/person/${person.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('call-handler');
    }
    const looks = await vigil.deps.db.selectFrom('audit_log').select('id').where('record_type', '=', 'audit-trail').where('record_id', '=', `person:${person.id}`).execute();
    expect(looks).toHaveLength(2);
  });

  it('is not open to roles without audit access', async () => {
    const person = await anyPerson();
    const page = await (await signInAs(vigil.app, 'call-handler')).get(`/audit/person/${person.id}`);
    expect(page.statusCode).toBe(403);
  });
});
