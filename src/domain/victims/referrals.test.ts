import { describe, expect, it } from 'vitest';
import { checkReferralChange, DEFAULT_SUPPORT_SERVICES, needsConsent, requiredOffers, type ReferralChange } from './referrals.ts';

describe('checkReferralChange: consent', () => {
  it.each<[string, Partial<ReferralChange>, string[]]>([
    ['Victim Support made for a domestic abuse victim without consent', { serviceCode: 'victim-support', to: 'made', domesticAbuse: true }, ['consent']],
    ['Victim Support made for a domestic abuse victim with consent', { serviceCode: 'victim-support', to: 'made', domesticAbuse: true, consent: true }, []],
    ['Victim Support offered to a domestic abuse victim (no consent yet)', { serviceCode: 'victim-support', to: 'offered', domesticAbuse: true }, []],
    ['Victim Support made for a victim of other crime', { serviceCode: 'victim-support', to: 'made', domesticAbuse: false }, []],
    ['Paladin made without consent', { serviceCode: 'paladin', to: 'made' }, ['consent']],
    ['Paladin declined without consent', { serviceCode: 'paladin', to: 'declined' }, []],
    ['IDVA taken up without consent', { serviceCode: 'idva', from: 'made', to: 'taken-up' }, ['consent']],
    ['MARAC made without consent (police-led)', { serviceCode: 'marac', to: 'made', domesticAbuse: true }, []],
    ['MASH adult referral made without consent', { serviceCode: 'mash-adult', to: 'made' }, []],
    ['an unknown service', { serviceCode: 'nobody', to: 'offered' }, ['service']],
    ['a new referral already taken up', { serviceCode: 'marac', to: 'taken-up' }, ['status']],
    ['taken up straight from offered', { serviceCode: 'marac', from: 'offered', to: 'taken-up' }, ['status']],
    ['declined then offered again', { serviceCode: 'paladin', from: 'declined', to: 'offered' }, []],
    ['taken up then declined', { serviceCode: 'marac', from: 'taken-up', to: 'declined' }, ['status']],
  ])('%s', (_name, change, fields) => {
    const problems = checkReferralChange({ serviceCode: 'paladin', from: null, to: 'offered', consent: false, domesticAbuse: false, ...change });
    expect(problems.map((p) => p.field)).toEqual(fields);
  });

  it('multi-agency referrals never need consent; Victim Support only for domestic abuse; every other service always', () => {
    for (const service of DEFAULT_SUPPORT_SERVICES) {
      for (const domesticAbuse of [true, false]) {
        const expected = service.kind === 'multi-agency' ? false : service.kind === 'victim-support' ? domesticAbuse : true;
        expect(needsConsent(service, domesticAbuse), `${service.code} ${domesticAbuse}`).toBe(expected);
      }
    }
  });
});

describe('requiredOffers', () => {
  it('asks for specialist stalking advocacy for every stalking victim until any stalking advocacy referral exists', () => {
    expect(requiredOffers({ stalking: true, referrals: [] }).map((o) => [o.code, o.met])).toEqual([
      ['stalking-advocacy', false],
      ['victim-support', false],
    ]);
    for (const code of ['paladin', 'national-stalking-helpline', 'northshire-isas']) {
      expect(requiredOffers({ stalking: true, referrals: [{ serviceCode: code }] })[0]).toMatchObject({ code: 'stalking-advocacy', met: true });
    }
    expect(requiredOffers({ stalking: true, referrals: [{ serviceCode: 'idva' }] })[0]!.met).toBe(false);
  });

  it('does not ask for stalking advocacy when the case is not stalking', () => {
    expect(requiredOffers({ stalking: false, referrals: [{ serviceCode: 'victim-support' }] })).toEqual([expect.objectContaining({ code: 'victim-support', met: true })]);
  });

  it('lists Paladin, the National Stalking Helpline and a local service as stalking advocacy', () => {
    expect(DEFAULT_SUPPORT_SERVICES.filter((s) => s.kind === 'stalking-advocacy').map((s) => s.code)).toEqual(['paladin', 'national-stalking-helpline', 'northshire-isas']);
  });
});
