import { describe, expect, it } from 'vitest';
import { pageErrors, unflatten } from './forms.ts';

describe('unflatten', () => {
  it.each([
    [{ a: '1' }, { a: '1' }],
    [{ 'victim.surname': 'Grey', 'victim.forenames': 'Ada' }, { victim: { surname: 'Grey', forenames: 'Ada' } }],
    [{ 'occasions[0].date': '2026-01-02', 'occasions[1].date': '2026-01-03' }, { occasions: [{ date: '2026-01-02' }, { date: '2026-01-03' }] }],
    [{ 'occasions[0].channels': ['text', 'email'] }, { occasions: [{ channels: ['text', 'email'] }] }],
    [{ 'thrive.threat': 'high' }, { thrive: { threat: 'high' } }],
  ])('nests %j', (input, expected) => {
    expect(unflatten(input)).toEqual(expected);
  });

  it('drops keys that would reach the prototype', () => {
    const result = unflatten({ '__proto__.polluted': 'yes', 'a.constructor.prototype.x': 'y', ok: '1' });
    expect(result).toEqual({ ok: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores absurd indexes', () => {
    expect(unflatten({ 'occasions[99999].date': 'x' })).toEqual({});
  });
});

describe('pageErrors', () => {
  it('keeps the first message per field and links to it', () => {
    expect(
      pageErrors([
        { field: 'victim.surname', message: 'Enter the name' },
        { field: 'victim.surname', message: 'Second' },
        { field: 'account', message: 'Enter the account' },
      ]),
    ).toEqual([
      { text: 'Enter the name', href: '#victim.surname', field: 'victim.surname' },
      { text: 'Enter the account', href: '#account', field: 'account' },
    ]);
  });
});
