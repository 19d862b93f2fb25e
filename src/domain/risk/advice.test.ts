import { describe, expect, it } from 'vitest';
import { checkAdvice, type AdviceItem } from './advice.ts';
import { checkRiskDisclosures } from './disclosure.ts';
import { HOMICIDE_TIMELINE } from './escalation.ts';

const item = (text: string, extra: Partial<AdviceItem> = {}): AdviceItem => ({ text, method: 'in-person', givenOn: '2025-06-01', ...extra });

describe('checkAdvice', () => {
  it.each<[string, string]>([
    ['Advised her to change her phone number', 'unsafe-advice-change-number'],
    ['Get a new number so he cannot reach you', 'unsafe-advice-change-number'],
    ['Suggested she come off social media for a while', 'unsafe-advice-come-off-social-media'],
    ['Advised victim to deactivate her Facebook account', 'unsafe-advice-come-off-social-media'],
    ['Told to just block him', 'unsafe-advice-block'],
    ['Send a text to the suspect telling him to stop', 'unsafe-advice-text-suspect'],
    ['Message him and tell him to leave you alone', 'unsafe-advice-text-suspect'],
    ['Offered mediation between the parties', 'unsafe-advice-meet-or-mediate'],
    ['Suggested she meet the ex to sort things out', 'unsafe-advice-meet-or-mediate'],
  ])('warns on unsafe advice: "%s"', (text, code) => {
    expect(checkAdvice([item(text)]).warnings.map((w) => w.code)).toContain(code);
  });

  it('warns on unsafe advice chosen from the catalogue, with the reason', () => {
    const [warning] = checkAdvice([item('As discussed', { adviceId: 'change-number' })]).warnings;
    expect(warning?.message).toMatch(/^Advice 1 looks like "Change your phone number", which inspectors found unsafe\. It does not stop the behaviour/);
    expect(warning?.itemIndex).toBe(0);
  });

  it.each([
    'Keep a diary of every incident with dates and times',
    'Keep all messages, voicemails and gifts; do not delete them',
    'Report every incident, however small, on 101 or 999',
    'Online safety: check privacy settings and location sharing',
  ])('gives no warning for good advice: "%s"', (text) => {
    expect(checkAdvice([item(text)]).warnings).toEqual([]);
  });

  it('lists the good advice not yet given', () => {
    const result = checkAdvice([item('Keep a diary'), item('Report every incident')]);
    expect(result.goodAdviceNotGiven.map((a) => a.id)).toEqual(['keep-evidence', 'online-safety']);
  });

  it('warns when the record does not say how or when the advice was given', () => {
    const incomplete = item('Keep a diary', { method: '' as AdviceItem['method'], givenOn: '' });
    expect(checkAdvice([incomplete]).warnings.map((w) => w.code)).toEqual(['advice-method-missing', 'advice-date-missing']);
  });
});

describe('checkRiskDisclosures', () => {
  it.each<[string, Parameters<typeof checkRiskDisclosures>[0][number], string[]]>([
    ['told with a date', { information: 'The suspect knows her new address', told: true, toldOn: '2025-06-02' }, []],
    ['not told, with a reason', { information: 'Suspect released on bail', told: false, reasonNotTold: 'Victim in hospital; to be told on discharge' }, []],
    ['not told, no reason', { information: 'The suspect knows her new address', told: false }, ['disclosure-reason-missing']],
    ['told, no date', { information: 'The suspect knows her new address', told: true }, ['disclosure-date-missing']],
    ['no information', { information: '', told: true, toldOn: '2025-06-02' }, ['disclosure-information-missing']],
  ])('%s', (_case, disclosure, codes) => {
    expect(checkRiskDisclosures([disclosure]).map((r) => r.code)).toEqual(codes);
  });
});

describe('homicide timeline prompts', () => {
  it('has the eight stages in order, as prompts without scores', () => {
    expect(HOMICIDE_TIMELINE.map((s) => s.name)).toEqual([
      'History', 'Commitment', 'Relationship', 'Trigger', 'Escalation', 'Change in thinking', 'Planning', 'Homicide',
    ]);
    expect(HOMICIDE_TIMELINE.every((s) => s.prompt.endsWith('?') || s.prompt.endsWith('.'))).toBe(true);
    expect(HOMICIDE_TIMELINE.some((s) => 'score' in s || 'weight' in s)).toBe(false);
  });
});
