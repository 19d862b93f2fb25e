import { describe, expect, it } from 'vitest';
import { linesOfEnquiry, type EnquiryFacts } from './lines-of-enquiry.ts';
import type { LineOfEnquiryCode } from './lines-of-enquiry-catalogue.ts';
import type { InvestigationPolicy } from './policy.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

const NONE: EnquiryFacts = {
  offence: 's2',
  domesticAbuse: false,
  digitalContact: false,
  socialMedia: false,
  recordedCalls: false,
  incidentsInPublicPlaces: false,
  thirdPartiesHoldMaterial: false,
  suspectIdentified: false,
  suspectDescribed: false,
  witnesses: false,
  childProtectionConcern: false,
};

const codes = (facts: Partial<EnquiryFacts>, policy?: InvestigationPolicy) =>
  linesOfEnquiry({ ...NONE, ...facts }, policy).map((line) => line.code);

const ALWAYS: LineOfEnquiryCode[] = ['victim-personal-statement', 'special-measures'];

describe('linesOfEnquiry', () => {
  it('always offers a victim personal statement and special measures', () => {
    expect(codes({})).toEqual(ALWAYS);
  });

  it.each<[string, Partial<EnquiryFacts>, LineOfEnquiryCode[]]>([
    ['digital contact', { digitalContact: true }, ['digital-evidence']],
    ['social media', { socialMedia: true }, ['digital-evidence', 'social-media']],
    ['recorded calls', { recordedCalls: true }, ['call-recordings']],
    ['incidents in public places', { incidentsInPublicPlaces: true }, ['cctv']],
    ['third parties hold material', { thirdPartiesHoldMaterial: true }, ['third-party-material']],
    ['suspect identified (harassment)', { suspectIdentified: true }, ['pnd-check']],
    ['witnesses', { witnesses: true }, ['witness-statements']],
    ['domestic abuse, suspect identified', { domesticAbuse: true, suspectIdentified: true }, ['pnd-check', 'disclosure-dvds']],
    ['domestic abuse, suspect unknown', { domesticAbuse: true }, []],
    ['child protection concern', { childProtectionConcern: true }, ['disclosure-csods']],
    ['stalking, suspect described', { offence: 's2A', suspectDescribed: true }, ['intelligence-submission', 's2b-warrant']],
    ['stalking (s4A), nothing else known', { offence: 's4A' }, ['s2b-warrant']],
    ['harassment, suspect described', { suspectDescribed: true }, []],
  ])('%s', (_label, facts, extra) => {
    const result = codes(facts);
    expect(result).toEqual(expect.arrayContaining([...ALWAYS, ...extra]));
    expect(result).toHaveLength(ALWAYS.length + extra.length);
  });

  it('P4: stranger stalking at work with gifts and following gets the full set of relevant lines', () => {
    const lines = linesOfEnquiry({
      ...NONE,
      offence: 's2A',
      incidentsInPublicPlaces: true,
      thirdPartiesHoldMaterial: true,
      suspectDescribed: true,
      witnesses: true,
    });
    expect(lines.map((l) => l.code)).toEqual([
      'cctv',
      'third-party-material',
      'witness-statements',
      'victim-personal-statement',
      'special-measures',
      'intelligence-submission',
      's2b-warrant',
    ]);
    expect(lines[0]).toEqual({
      code: 'cctv',
      title: 'Identify and seize CCTV',
      why: expect.stringContaining('overwritten'),
      defaultDueDays: 1,
    });
  });

  it('takes due days and s2B offences from the force policy', () => {
    const policy: InvestigationPolicy = {
      ...westYorkshireInvestigationPolicy,
      enquiries: {
        s2bOffences: ['s2A'],
        dueDays: { ...westYorkshireInvestigationPolicy.enquiries.dueDays, 'special-measures': 5 },
      },
    };
    expect(codes({ offence: 's4A' }, policy)).not.toContain('s2b-warrant');
    expect(linesOfEnquiry({ ...NONE }, policy).find((l) => l.code === 'special-measures')?.defaultDueDays).toBe(5);
  });
});
