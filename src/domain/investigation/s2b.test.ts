import { describe, expect, it } from 'vitest';
import {
  S2B_TRANSITIONS,
  s2bState,
  transitionS2b,
  validateS2bDecision,
  type S2bDecision,
  type S2bEvent,
  type S2bState,
} from './s2b.ts';

const EVENTS: Record<S2bState, S2bEvent> = {
  considered: { state: 'considered', on: '2025-05-02' },
  applied: { state: 'applied', on: '2025-05-03', grounds: 'Suspect keeps photographs and a diary of the victim’s movements.' },
  granted: { state: 'granted', on: '2025-05-03' },
  refused: { state: 'refused', on: '2025-05-03', reason: 'Insufficient grounds that evidence is on the premises.' },
  executed: { state: 'executed', on: '2025-05-04' },
  result: { state: 'result', on: '2025-05-04', evidenceFound: true, summary: 'Diary and camera seized.' },
  'not-used': { state: 'not-used', on: '2025-05-04', reason: 'All evidence is on the victim’s phone; nothing to search for.' },
};

const STATES = Object.keys(EVENTS) as S2bState[];

function decisionAt(...states: S2bState[]): S2bDecision {
  return { events: states.map((state) => EVENTS[state]) };
}

/** Paths that reach each state legally, used to test every transition from it. */
const PATHS: Record<S2bState | 'none', S2bState[]> = {
  none: [],
  considered: ['considered'],
  applied: ['considered', 'applied'],
  granted: ['considered', 'applied', 'granted'],
  refused: ['considered', 'applied', 'refused'],
  executed: ['considered', 'applied', 'granted', 'executed'],
  result: ['considered', 'applied', 'granted', 'executed', 'result'],
  'not-used': ['considered', 'not-used'],
};

const ALL_PAIRS = (Object.keys(PATHS) as (S2bState | 'none')[]).flatMap((from) =>
  STATES.map((to) => [from, to, S2B_TRANSITIONS[from].includes(to)] as const),
);

describe('s2B decision transitions', () => {
  it.each(ALL_PAIRS)('from %s to %s: allowed %s', (from, to, allowed) => {
    const before = decisionAt(...PATHS[from]);
    expect(s2bState(before)).toBe(from);
    const result = transitionS2b(before, { ...EVENTS[to], on: '2025-05-10' });
    expect(result.ok).toBe(allowed);
    if (result.ok) {
      expect(s2bState(result.decision)).toBe(to);
      expect(result.decision.events).toHaveLength(before.events.length + 1);
    } else {
      expect(result.errors.map((e) => e.code)).toEqual(['s2b.illegal-transition']);
    }
  });

  it('explains an illegal step in plain English', () => {
    const result = transitionS2b(decisionAt('considered'), EVENTS.executed);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          message: 'The warrant cannot be executed when its status is "considered". Next it can be: applied for or not used.',
        }),
      ],
    });
  });

  it('says a completed decision can go no further', () => {
    const result = transitionS2b(decisionAt(...PATHS.result), { ...EVENTS['not-used'], on: '2025-06-01' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toContain('nothing, the decision is complete');
  });

  it.each([
    ['not used without a reason', 'considered', { state: 'not-used', on: '2025-05-05', reason: ' ' }, 's2b.reason-required'],
    ['applied without grounds', 'considered', { state: 'applied', on: '2025-05-05', grounds: '' }, 's2b.grounds-required'],
    ['refused without a reason', 'applied', { state: 'refused', on: '2025-05-05', reason: '' }, 's2b.reason-required'],
    ['result without a summary', 'executed', { state: 'result', on: '2025-05-05', evidenceFound: false, summary: '' }, 's2b.summary-required'],
    ['a date before the previous step', 'applied', { state: 'granted', on: '2025-05-01' }, 's2b.date-before-previous'],
    ['an impossible date', 'applied', { state: 'granted', on: '2025-02-30' }, 's2b.date-invalid'],
  ] as const)('refuses %s', (_label, from, event, code) => {
    const result = transitionS2b(decisionAt(...PATHS[from]), event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([code]);
  });
});

describe('validateS2bDecision', () => {
  it.each([
    ['nothing recorded', [], ['s2b.decision-required']],
    ['only considered', ['considered'], ['s2b.decision-required']],
    ['not used with a reason', PATHS['not-used'], []],
    ['applied, awaiting the magistrate', PATHS.applied, []],
    ['refused', PATHS.refused, []],
    ['executed with a result', PATHS.result, []],
    ['skipped straight to granted', ['granted'], ['s2b.illegal-transition']],
  ] as const)('stalking, %s', (_label, states, expected) => {
    expect(validateS2bDecision(decisionAt(...states), 's2A').errors.map((e) => e.code)).toEqual(expected);
  });

  it('asks for the decision in plain English', () => {
    expect(validateS2bDecision(decisionAt(), 's4A').errors[0]?.message).toBe(
      'Record whether a search warrant under s2B will be applied for, or why it will not be used.',
    );
  });

  it('does not require a decision for harassment, and refuses an application for it', () => {
    expect(validateS2bDecision(decisionAt(), 's2').ok).toBe(true);
    expect(validateS2bDecision(decisionAt(...PATHS.applied), 's2').errors.map((e) => e.code)).toEqual([
      's2b.offence-not-eligible',
    ]);
  });
});
