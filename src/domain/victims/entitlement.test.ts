import { describe, expect, it } from 'vitest';
import { ageOn, deriveEntitlement, effectiveEntitlement, type EntitlementFacts } from './entitlement.ts';

const none: EntitlementFacts = { offence: 'harassment', alsoRecord: [], domesticAbuse: false, indicators: [], ageAtReport: 30, reportsAsVictim: 1 };

describe('deriveEntitlement', () => {
  it.each<[string, Partial<EntitlementFacts>, 'enhanced' | 'standard', string[]]>([
    ['harassment, nothing else', {}, 'standard', []],
    ['no classification yet', { offence: null }, 'standard', []],
    ['stalking (s2A)', { offence: 'stalking' }, 'enhanced', ['stalking']],
    ['stalking involving fear of violence (s4A)', { offence: 'stalking-fear-alarm-distress' }, 'enhanced', ['stalking']],
    ['stalking recorded as well as the principal', { offence: 'malicious-communications', alsoRecord: ['stalking'] }, 'enhanced', ['stalking']],
    ['breach of a stalking protection order', { offence: 'breach-stalking-protection-order' }, 'enhanced', ['stalking']],
    ['breach of a restraining order alone', { offence: 'breach-restraining-order' }, 'standard', []],
    ['domestic abuse flag', { domesticAbuse: true }, 'enhanced', ['domestic-abuse']],
    ['controlling or coercive behaviour', { offence: 'controlling-or-coercive-behaviour' }, 'enhanced', ['domestic-abuse']],
    ['adult at risk', { indicators: ['adult-at-risk'] }, 'enhanced', ['vulnerable']],
    ['disability', { indicators: ['disability'] }, 'enhanced', ['vulnerable']],
    ['mental health', { indicators: ['mental-health'] }, 'enhanced', ['vulnerable']],
    ['language needs alone', { indicators: ['language-needs'] }, 'standard', []],
    ['child in the household (not the victim)', { indicators: ['child-in-household'] }, 'standard', []],
    ['victim aged 17', { ageAtReport: 17 }, 'enhanced', ['child']],
    ['victim aged 18', { ageAtReport: 18 }, 'standard', []],
    ['age unknown', { ageAtReport: null }, 'standard', []],
    ['honour-based abuse', { indicators: ['honour-based-abuse'] }, 'enhanced', ['intimidated']],
    ['racially aggravated harassment', { offence: 'racially-or-religiously-aggravated-harassment' }, 'enhanced', ['intimidated']],
    ['named in 2 reports', { reportsAsVictim: 2 }, 'standard', []],
    ['named in 3 reports', { reportsAsVictim: 3 }, 'enhanced', ['persistently-targeted']],
    [
      'stalking, domestic abuse, vulnerable and persistently targeted',
      { offence: 'stalking', domesticAbuse: true, indicators: ['mental-health'], reportsAsVictim: 4 },
      'enhanced',
      ['stalking', 'domestic-abuse', 'vulnerable', 'persistently-targeted'],
    ],
  ])('%s → %s', (_name, facts, level, codes) => {
    const derived = deriveEntitlement({ ...none, ...facts });
    expect(derived.level).toBe(level);
    expect(derived.reasons.map((r) => r.code)).toEqual(codes);
    for (const r of derived.reasons) expect(r.text.length).toBeGreaterThan(10);
  });
});

describe('effectiveEntitlement', () => {
  it('raises a standard victim by hand, with the reason shown', () => {
    const e = effectiveEntitlement(deriveEntitlement(none), { reason: 'Intimidated witness' });
    expect(e).toMatchObject({ level: 'enhanced', raisedByHand: true });
    expect(e.derived.level).toBe('standard');
    expect(e.reasons[0]!.text).toContain('Intimidated witness');
  });

  it('never goes below the derived level', () => {
    const derived = deriveEntitlement({ ...none, offence: 'stalking' });
    expect(effectiveEntitlement(derived, null).level).toBe('enhanced');
    expect(effectiveEntitlement(derived, { reason: 'also raised' })).toMatchObject({ level: 'enhanced', raisedByHand: false });
  });

  it('without a raise, a standard victim stays standard', () => {
    expect(effectiveEntitlement(deriveEntitlement(none), null)).toMatchObject({ level: 'standard', raisedByHand: false });
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-03-01', '2025-02-28', 16],
    ['2008-03-01', '2025-03-01', 17],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
  ])('born %s is %s years old on %s', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});
