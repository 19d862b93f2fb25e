import { describe, expect, it } from 'vitest';
import { OUTCOME_GROUPS, OUTCOME_TYPES, outcomeType } from './outcomes.ts';

describe('Home Office outcome types', () => {
  it('has types 1 to 22, once each, in order', () => {
    expect(OUTCOME_TYPES.map((o) => o.code)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('puts every type in a known group', () => {
    expect(OUTCOME_TYPES.every((o) => o.group in OUTCOME_GROUPS)).toBe(true);
  });

  it('marks only 14 and 16 as the victim not supporting', () => {
    expect(OUTCOME_TYPES.filter((o) => o.victimDidNotSupport).map((o) => o.code)).toEqual([14, 16]);
  });

  it('looks types up by code', () => {
    expect(outcomeType(18)?.title).toBe('Investigation complete, no suspect identified');
    expect(outcomeType(23)).toBeUndefined();
  });
});
