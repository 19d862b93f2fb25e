import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAddressLine, normaliseTown } from './address.ts';
import { looseEmailKey, normaliseEmail } from './email.ts';
import { normaliseHandle } from './handle.ts';
import { normaliseName, normaliseSurname, surnameVariantKey } from './name.ts';
import { normalisePhone } from './phone.ts';
import { normalisePostcode, postcodeSector } from './postcode.ts';
import type { Normalised } from './result.ts';
import { normaliseVehicle } from './vehicle.ts';

const valueOf = (result: Normalised): string | undefined => (result.ok ? result.value : undefined);

describe('normaliseName', () => {
  it.each([
    ['  JOHN   Smith ', 'john smith'],
    ['Zoë Brontë', 'zoe bronte'],
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['Smith-Jones', 'smith jones'],
    ['Jean-Luc  Picard', 'jean luc picard'],
    ['Strauß', 'strauss'],
    ['Łukasz Wójcik', 'lukasz wojcik'],
    ['J.R.R. Tolkien', 'j r r tolkien'],
    ['Renée', 'renee'],
    ['---', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (raw) => normaliseName(normaliseName(raw)) === normaliseName(raw)));
  });
});

describe('normaliseSurname and surnameVariantKey', () => {
  it.each([
    ['Mc Donald', 'mcdonald'],
    ["Mc'Donald", 'mcdonald'],
    ['Mac Donald', 'macdonald'],
    ['O Neill', 'oneill'],
    ["O'Neill", 'oneill'],
    ['Smith-Jones', 'smith jones'],
    ['Bonham Carter', 'bonham carter'],
  ])('surname %j -> %j', (raw, expected) => {
    expect(normaliseSurname(raw)).toBe(expected);
  });

  it.each([
    ['MacDonald', 'McDonald'],
    ['Mac Donald', 'Mcdonald'],
    ['Mackenzie', 'McKenzie'],
    ['Smith Jones', 'Smith-Jones'],
    ['Smithjones', 'Smith-Jones'],
  ])('%j and %j share a variant key', (a, b) => {
    expect(surnameVariantKey(a)).toBe(surnameVariantKey(b));
  });

  it.each([
    ['Mack', 'mack'],
    ['Macey', 'macey'],
    ['MacDonald', 'mcdonald'],
  ])('variant key of %j is %j (short names beginning "Mac" are not folded)', (raw, expected) => {
    expect(surnameVariantKey(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (raw) => normaliseSurname(normaliseSurname(raw)) === normaliseSurname(raw)));
  });
});

describe('normalisePhone', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['0044 (0)7700-900123', '+447700900123'],
    ['+44 (0) 7700 900 123', '+447700900123'],
    ['(07700) 900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['0113 496 0000', '+441134960000'],
    ['(0113) 496-0000', '+441134960000'],
    ['020 7946 0018', '+442079460018'],
    ['0800 123456', '+44800123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 612 345 678', '+33612345678'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'Enter a phone number.'],
    ['ring me', 'can only contain digits'],
    ['07700 9001', 'not a complete UK phone number'],
    ['07700 900123 4', 'not a complete UK phone number'],
    ['999', 'not a complete UK phone number'],
    ['06700 900123', 'not a complete UK phone number'],
    ['07700 900123 ext 4', 'can only contain digits'],
    ['+1 23', 'not a complete international phone number'],
  ])('rejects %j', (raw, message) => {
    const result = normalisePhone(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it('is idempotent on accepted numbers', () => {
    const ukMobile = fc.stringMatching(/^07\d{3} ?\d{6}$/);
    fc.assert(
      fc.property(ukMobile, (raw) => {
        const once = valueOf(normalisePhone(raw));
        return once !== undefined && valueOf(normalisePhone(once)) === once;
      }),
    );
  });
});

describe('normaliseEmail and looseEmailKey', () => {
  it.each([
    ['  John.Smith@Example.COM ', 'john.smith@example.com'],
    ['a@b.co.uk', 'a@b.co.uk'],
  ])('%j -> %j', (raw, expected) => {
    expect(valueOf(normaliseEmail(raw))).toBe(expected);
  });

  it.each(['john.smith', 'john@', '@example.com', 'john smith@example.com', 'john@example'])('rejects %j', (raw) => {
    expect(normaliseEmail(raw).ok).toBe(false);
  });

  it.each([
    ['J.Smith+work@googlemail.com', 'jsmith@gmail.com'],
    ['jsmith@gmail.com', 'jsmith@gmail.com'],
    ['j.smith+x@hotmail.co.uk', 'j.smith@hotmail.co.uk'],
    ['j.smith+x@example.com', 'j.smith+x@example.com'],
  ])('loose key of %j is %j', (raw, expected) => {
    expect(valueOf(looseEmailKey(raw))).toBe(expected);
  });

  it('keeps the exact key unfolded', () => {
    expect(valueOf(normaliseEmail('J.Smith+work@gmail.com'))).toBe('j.smith+work@gmail.com');
  });

  it('exact and loose keys are idempotent', () => {
    const email = fc.emailAddress();
    fc.assert(
      fc.property(email, (raw) => {
        const exact = valueOf(normaliseEmail(raw));
        const loose = valueOf(looseEmailKey(raw));
        return exact !== undefined && valueOf(normaliseEmail(exact)) === exact && loose !== undefined && valueOf(looseEmailKey(loose)) === loose;
      }),
    );
  });
});

describe('normaliseHandle', () => {
  it.each([
    [{ handle: 'https://www.facebook.com/John.Smyth.86' }],
    [{ handle: 'facebook.com/johnsmyth86/' }],
    [{ platform: 'Facebook', handle: '@JohnSmyth86' }],
    [{ platform: 'fb', handle: 'john.smyth.86' }],
    [{ handle: 'm.facebook.com/john.smyth.86?ref=bookmarks' }],
  ])('finds one Facebook account from four (and more) spellings: %j', (input) => {
    expect(normaliseHandle(input)).toEqual({ ok: true, value: 'facebook:johnsmyth86' });
  });

  it.each([
    [{ handle: 'https://www.instagram.com/Jon_Smyth/' }, 'instagram:jon_smyth'],
    [{ platform: 'insta', handle: '@jon_smyth' }, 'instagram:jon_smyth'],
    [{ handle: 'https://twitter.com/JonSmyth' }, 'x:jonsmyth'],
    [{ handle: 'x.com/jonsmyth?s=20' }, 'x:jonsmyth'],
    [{ platform: 'Twitter', handle: '@JonSmyth' }, 'x:jonsmyth'],
    [{ handle: 'https://www.tiktok.com/@jon.smyth' }, 'tiktok:jon.smyth'],
    [{ platform: 'TikTok', handle: 'Jon.Smyth' }, 'tiktok:jon.smyth'],
    [{ handle: 'snapchat.com/add/jonsmyth' }, 'snapchat:jonsmyth'],
    [{ handle: 'https://www.facebook.com/profile.php?id=100012345678' }, 'facebook:100012345678'],
    [{ platform: 'Instagram', handle: 'https://www.facebook.com/jon.smyth' }, 'facebook:jonsmyth'],
    [{ platform: 'Kik', handle: '@JonS' }, 'kik:jons'],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseHandle(input)).toEqual({ ok: true, value: expected });
  });

  it('keeps full stops for platforms where they matter', () => {
    expect(valueOf(normaliseHandle({ platform: 'Instagram', handle: 'jon.smyth' }))).not.toBe(
      valueOf(normaliseHandle({ platform: 'Instagram', handle: 'jonsmyth' })),
    );
  });

  it.each([
    [{ handle: '' }, 'Enter the account name'],
    [{ handle: 'jonsmyth' }, 'Say which platform'],
    [{ handle: 'https://example.com/jonsmyth' }, 'not the address of a profile on a recognised platform'],
    [{ handle: 'https://www.facebook.com/' }, 'not the address of a profile'],
    [{ platform: 'X', handle: 'jon smyth the third' }, 'not a valid X (Twitter) account name'],
  ])('rejects %j', (input, message) => {
    const result = normaliseHandle(input);
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it('is idempotent: the handle part of a key normalises to the same key', () => {
    const handle = fc.stringMatching(/^@?[A-Za-z0-9_]{1,15}$/);
    const platform = fc.constantFrom('Facebook', 'Instagram', 'X', 'TikTok', 'Snapchat');
    fc.assert(
      fc.property(platform, handle, (name, raw) => {
        const once = normaliseHandle({ platform: name, handle: raw });
        if (!once.ok) return true;
        const [id = '', part = ''] = once.value.split(':');
        return valueOf(normaliseHandle({ platform: id, handle: part })) === once.value;
      }),
    );
  });
});

describe('normaliseVehicle', () => {
  it.each([
    ['ab12 cde', 'AB12CDE'],
    [' AB12-CDE ', 'AB12CDE'],
    ['A1', 'A1'],
  ])('%j -> %j', (raw, expected) => {
    expect(valueOf(normaliseVehicle(raw))).toBe(expected);
  });

  it.each(['', 'AB12 CD£', 'A'])('rejects %j', (raw) => {
    expect(normaliseVehicle(raw).ok).toBe(false);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const once = normaliseVehicle(raw);
        return !once.ok || valueOf(normaliseVehicle(once.value)) === once.value;
      }),
    );
  });
});

describe('normalisePostcode', () => {
  it.each([
    ['ls14ap', 'LS1 4AP'],
    [' LS1  4AP ', 'LS1 4AP'],
    ['m601nw', 'M60 1NW'],
    ['ec1a1bb', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A 0AX'],
    ['BD18 3LA', 'BD18 3LA'],
    ['gir0aa', 'GIR 0AA'],
  ])('%j -> %j', (raw, expected) => {
    expect(valueOf(normalisePostcode(raw))).toBe(expected);
  });

  it.each(['', 'LS1', 'LS1 4A', 'QS1 4AP', 'LS1 4CP', 'LSS1 4AP', '12345'])('rejects %j', (raw) => {
    const result = normalisePostcode(raw);
    expect(result.ok).toBe(false);
  });

  it('explains how to write a postcode', () => {
    expect(normalisePostcode('LS1')).toEqual({ ok: false, error: '"LS1" is not a full UK postcode: enter it like LS1 4AP.' });
  });

  it('gives the sector', () => {
    expect(postcodeSector('LS1 4AP')).toBe('LS1 4');
  });

  it('is idempotent', () => {
    const postcode = fc.stringMatching(/^[A-PR-UWYZ][A-HK-Y]?[0-9]{1,2} ?[0-9][ABD-HJLNP-UW-Z]{2}$/);
    fc.assert(
      fc.property(postcode, (raw) => {
        const once = normalisePostcode(raw.toLowerCase());
        return once.ok && valueOf(normalisePostcode(once.value)) === once.value;
      }),
    );
  });
});

describe('address lines and towns', () => {
  it.each([
    ['12 Park Rd', '12 park road'],
    ['12, Park Road.', '12 park road'],
    ['3 St John’s St', '3 st johns street'],
    ['Flat 2, 5 Ave Gdns', 'flat 2 5 avenue gardens'],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseAddressLine(raw)).toBe(expected);
  });

  it('compares towns without case or punctuation', () => {
    expect(normaliseTown(' LEEDS. ')).toBe(normaliseTown('Leeds'));
  });
});
