import { describe, expect, it } from 'vitest';
import { OFFENCE_CODES } from './offences.ts';
import { isActionPermitted, validateSuspectAction } from './suspect.ts';
import { SUSPECT_ACTIONS, type SuspectAction } from './suspect-actions.ts';

const ACTIONS = Object.keys(SUSPECT_ACTIONS) as SuspectAction[];

describe('isActionPermitted', () => {
  it.each(OFFENCE_CODES)('P4: no harassment warning (PIN/HN1) can be issued for %s', (offence) => {
    const result = isActionPermitted('harassment-warning', offence);
    expect(result.permitted).toBe(false);
    if (!result.permitted) {
      expect(result.reason.code).toBe('suspect.harassment-warning-not-issued');
      expect(result.reason.text).toContain('history only');
    }
  });

  it.each(['s2A', 's4A'] as const)('refuses words of advice and mediation for %s, saying why', (offence) => {
    for (const action of ['words-of-advice', 'mediation'] as const) {
      const result = isActionPermitted(action, offence);
      expect(result.permitted).toBe(false);
      if (!result.permitted) {
        expect(result.reason.code).toBe(`suspect.${action}-refused-stalking`);
        expect(result.reason.text).toContain('even at the victim’s request');
      }
    }
  });

  it.each(['words-of-advice', 'mediation'] as const)('permits %s for harassment outside stalking', (action) => {
    expect(isActionPermitted(action, 's2')).toEqual({ permitted: true });
  });

  it.each(ACTIONS.filter((a) => !['words-of-advice', 'mediation', 'harassment-warning'].includes(a)))(
    'permits %s for stalking',
    (action) => {
      expect(isActionPermitted(action, 's4A')).toEqual({ permitted: true });
    },
  );
});

describe('validateSuspectAction', () => {
  it('refuses voluntary attendance without a rationale, saying arrest is preferred', () => {
    const result = validateSuspectAction({ action: 'voluntary-attendance', rationale: ' ' }, 's2A');
    expect(result.errors).toEqual([expect.objectContaining({ field: 'rationale' })]);
    expect(result.errors[0]?.message).toMatch(/^Arrest is the preferred option/);
  });

  it('accepts voluntary attendance with a rationale', () => {
    expect(
      validateSuspectAction({ action: 'voluntary-attendance', rationale: 'Suspect abroad; attends on return by agreement.' }, 's2A').ok,
    ).toBe(true);
  });

  it('refuses bail until the victim’s consultation is recorded', () => {
    const result = validateSuspectAction({ action: 'bail', conditions: ['No contact with the victim'] }, 's4A');
    expect(result.errors.map((e) => e.code)).toEqual(['suspect.bail-victim-consultation-required']);
  });

  it('accepts bail with the victim consulted, and warns when stalking bail has no conditions', () => {
    const consulted = { consulted: true, note: 'Victim asked for an exclusion zone around her workplace.' };
    expect(validateSuspectAction({ action: 'bail', conditions: ['No contact'], victimConsultation: consulted }, 's2A')).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
    const bare = validateSuspectAction({ action: 'bail', conditions: [], victimConsultation: consulted }, 's2A');
    expect(bare.ok).toBe(true);
    expect(bare.warnings.map((w) => w.code)).toEqual(['suspect.bail-without-conditions']);
  });

  it('needs a rationale to release a stalking suspect under investigation, but not for harassment', () => {
    expect(validateSuspectAction({ action: 'released-under-investigation' }, 's2A').errors.map((e) => e.code)).toEqual([
      'suspect.rui-rationale-required',
    ]);
    expect(validateSuspectAction({ action: 'released-under-investigation' }, 's2').ok).toBe(true);
  });

  it('refuses words of advice for stalking with the explanation', () => {
    const result = validateSuspectAction({ action: 'words-of-advice' }, 's2A');
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'suspect.words-of-advice-refused-stalking', field: 'action' }),
    ]);
  });
});
