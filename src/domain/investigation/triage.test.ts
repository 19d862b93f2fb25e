import { describe, expect, it } from 'vitest';
import { validateTriage, type TriageRecord } from './triage.ts';

const COMPLETE: TriageRecord = {
  threat: { level: 'high', text: 'Threats to burn the house down.' },
  risk: { level: 'high', text: 'DASH graded high; separation is recent.' },
  harm: { level: 'medium', text: 'Victim has stopped going to work.' },
  complexity: { level: 'medium', text: 'Evidence across three phones and two social media accounts.' },
  rationale: 'DA s4A: allocated to the DA team, SCU informed because of high risk.',
};

describe('validateTriage', () => {
  it('accepts a complete triage', () => {
    expect(validateTriage(COMPLETE)).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it.each(['threat', 'risk', 'harm', 'complexity'] as const)('refuses %s without a level or text, naming both', (dimension) => {
    const result = validateTriage({ ...COMPLETE, [dimension]: { text: ' ' } });
    expect(result.errors.map((e) => e.field)).toEqual([`${dimension}.level`, `${dimension}.text`]);
    expect(result.errors[0]?.message).toBe(`Choose the level of ${dimension}: low, medium or high.`);
  });

  it('refuses a triage without a rationale', () => {
    expect(validateTriage({ ...COMPLETE, rationale: '' }).errors.map((e) => e.code)).toEqual(['triage.rationale-required']);
  });

  it('lists everything missing from an empty triage', () => {
    expect(validateTriage({}).errors).toHaveLength(9);
  });
});
