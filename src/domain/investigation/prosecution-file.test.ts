import { describe, expect, it } from 'vitest';
import { prosecutionFileGaps, type ProsecutionFile } from './prosecution-file.ts';

const COMPLETE: ProsecutionFile = {
  dashAttached: true,
  screeningToolAttached: true,
  victimPersonalStatement: 'taken',
  restrainingOrderWanted: true,
  restrainingOrderTerms: ['No contact directly or indirectly', 'Not to enter Leeds Road'],
  specialMeasuresAssessed: true,
  courseOfConductSummary: '14 incidents between March and June: following, messages, gifts left at work.',
  bailOrRemandRecommendation: 'Remand: breached bail twice.',
};

describe('prosecutionFileGaps (national stalking protocol)', () => {
  it('finds nothing missing in a complete file', () => {
    expect(prosecutionFileGaps(COMPLETE)).toEqual([]);
  });

  it.each<[string, Partial<ProsecutionFile>, string]>([
    ['DASH', { dashAttached: false }, 'dash'],
    ['screening tool', { screeningToolAttached: false }, 'screening-tool'],
    ['VPS not offered', { victimPersonalStatement: 'not-offered' }, 'victim-personal-statement'],
    ['restraining order wishes unknown', { restrainingOrderWanted: undefined }, 'restraining-order-wishes'],
    ['restraining order wanted without terms', { restrainingOrderTerms: [] }, 'restraining-order-terms'],
    ['special measures not assessed', { specialMeasuresAssessed: false }, 'special-measures'],
    ['no course of conduct summary', { courseOfConductSummary: ' ' }, 'course-of-conduct'],
    ['no bail or remand recommendation', { bailOrRemandRecommendation: undefined }, 'bail-remand'],
  ])('lists a missing %s', (_label, change, item) => {
    const gaps = prosecutionFileGaps({ ...COMPLETE, ...change });
    expect(gaps).toEqual([expect.objectContaining({ field: item, code: `prosecution-file.${item}-missing` })]);
  });

  it('accepts a declined VPS and a victim who does not want a restraining order', () => {
    expect(
      prosecutionFileGaps({ ...COMPLETE, victimPersonalStatement: 'offered-declined', restrainingOrderWanted: false, restrainingOrderTerms: [] }),
    ).toEqual([]);
  });
});
