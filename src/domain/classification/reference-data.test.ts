import { describe, expect, it } from 'vitest';
import {
  behaviours,
  callerCapacities,
  channels,
  effects,
  indicators,
  orderTypes,
  otherCrimeKinds,
  relationships,
} from './intake-options.ts';
import { byCode, isCodeIn, joinAsList } from './lookup.ts';
import { byPrincipalRank, offence, offenceCodes, offences } from './offences.ts';

const lists = {
  callerCapacities,
  relationships,
  channels,
  behaviours,
  effects,
  indicators,
  orderTypes,
  otherCrimeKinds,
};

describe('intake options', () => {
  it.each(Object.entries(lists))('%s have unique kebab-case codes and plain labels', (_name, list) => {
    const codes = list.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of list) {
      expect(entry.code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(entry.label).toMatch(/^[A-Z]/);
    }
  });

  it('lists every act in PHA 1997 s2A(3), once each', () => {
    const paragraphs = behaviours.flatMap((b) => (b.stalkingAct?.startsWith('s2A') ? [b.stalkingAct] : []));
    expect(paragraphs).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((p) => `s2A(3)(${p})`));
  });

  it('has the form options the intake flow asks for', () => {
    expect(callerCapacities.map((c) => c.code)).toEqual(['victim', 'relative', 'friend', 'support-agency', 'employer', 'other']);
    expect(relationships).toHaveLength(8);
    expect(channels.map((c) => c.code)).toContain('social-media');
    expect(byCode(channels, 'social-media').details).toEqual(['platform', 'accountName']);
    expect(effects.filter((e) => e.kind === 'day-to-day-change').map((e) => e.code)).toEqual([
      'moved-home',
      'changed-job',
      'changed-route',
      'stopped-going-out',
      'changed-phone',
      'other-change',
    ]);
    expect(indicators).toHaveLength(8);
  });

  it('links each order type to its breach offence', () => {
    for (const order of orderTypes) expect(offence(order.breachOffence).family).toBe('breach');
  });
});

describe('offences', () => {
  it('have unique codes and unique principal ranks', () => {
    expect(new Set(offenceCodes).size).toBe(offences.length);
    expect(new Set(offences.map((o) => o.principalRank)).size).toBe(offences.length);
  });

  it.each([
    ['stalking', '8Q', true],
    ['stalking-fear-alarm-distress', '8Q', true],
    ['harassment', '8L', true],
    ['malicious-communications', '8L', true],
    ['racially-or-religiously-aggravated-harassment', '8M', true],
    ['controlling-or-coercive-behaviour', '8U', false],
    ['breach-restraining-order', '8L', false],
  ] as const)('%s is Home Office %s (verified: %s)', (code, homeOffice, verified) => {
    expect(offence(code).homeOffice).toMatchObject({ code: homeOffice, verified });
  });

  it('record venue and maximum for the either-way stalking offence (10 years since 2017)', () => {
    expect(offence('stalking-fear-alarm-distress')).toMatchObject({ venue: 'either way', maximum: '10 years’ imprisonment' });
    expect(offence('stalking').venue).toBe('summary only');
  });

  it('rank the most serious first', () => {
    expect(byPrincipalRank(['stalking', 'breach-restraining-order', 'stalking-fear-alarm-distress'])).toEqual([
      'stalking-fear-alarm-distress',
      'breach-restraining-order',
      'stalking',
    ]);
  });
});

describe('lookup helpers', () => {
  it('checks untrusted codes', () => {
    expect(isCodeIn(offences, 'stalking')).toBe(true);
    expect(isCodeIn(offences, 'STALKING')).toBe(false);
    expect(isCodeIn(offences, 42)).toBe(false);
  });

  it('throws for a code missing from a list', () => {
    expect(() => byCode(relationships, 'cousin' as never)).toThrow('No entry with code "cousin"');
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('joins %j as "%s"', (items, expected) => {
    expect(joinAsList(items)).toBe(expected);
  });
});
