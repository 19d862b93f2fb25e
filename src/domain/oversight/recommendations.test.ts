import { describe, expect, it } from 'vitest';
import {
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_TRANSITIONS,
  newRecommendationSchema,
  openRecommendation,
  overdueRecommendations,
  transitionRecommendation,
} from './recommendations.ts';
import type { Evidence, Recommendation, RecommendationStatus, TransitionProblemCode, TransitionRequest } from './recommendations.ts';

const evidence: Evidence = { description: 'Stalking checklist revised and published', addedBy: 'lead-1', addedOn: '2025-05-01' };

function recommendation(status: RecommendationStatus = 'open', withEvidence = false): Recommendation {
  return {
    ...openRecommendation('rec-11', {
      source: { kind: 'inspection', title: 'Living in fear (HMIC and HMCPSI, 2017)', reference: 'Recommendation 11' },
      text: 'Monitor compliance with the national stalking protocol.',
      owner: 'Head of Crime',
      due: '2025-06-30',
    }),
    status,
    evidence: withEvidence ? [evidence] : [],
  };
}

const move = (to: RecommendationStatus, extra: Partial<TransitionRequest> = {}): TransitionRequest => ({
  to,
  by: 'lead-1',
  on: '2025-07-01',
  ...extra,
});

describe('transitionRecommendation', () => {
  it.each<[string, RecommendationStatus, boolean, TransitionRequest]>([
    ['open to in progress', 'open', false, move('in_progress')],
    ['in progress to implemented with evidence held', 'in_progress', true, move('implemented')],
    ['in progress to implemented with evidence given now', 'in_progress', false, move('implemented', { evidence: [evidence] })],
    ['implemented to reality tested with a note', 'implemented', true, move('reality_tested', { note: 'Spoke to 6 officers; all used the checklist.' })],
    ['reality tested to closed', 'reality_tested', true, move('closed')],
    ['open to closed with a reason', 'open', false, move('closed', { note: 'Superseded by the 2019 inspection.' })],
    ['reality tested back to in progress with a reason', 'reality_tested', true, move('in_progress', { note: 'Not embedded in two teams.' })],
  ])('allows %s', (_name, from, withEvidence, request) => {
    const result = transitionRecommendation(recommendation(from, withEvidence), request);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.recommendation.status).toBe(request.to);
      expect(result.recommendation.history.at(-1)).toMatchObject({ from, to: request.to, by: 'lead-1', on: '2025-07-01' });
    }
  });

  it.each<[string, RecommendationStatus, boolean, TransitionRequest, TransitionProblemCode, string]>([
    ['implemented without evidence', 'in_progress', false, move('implemented'), 'evidence-required', 'Add evidence that the recommendation has been implemented.'],
    [
      'reality tested without a note',
      'implemented',
      true,
      move('reality_tested', { note: ' ' }),
      'reality-testing-note-required',
      'Record how the change was reality tested (for example who was spoken to or which cases were checked) and what was found.',
    ],
    ['reality tested straight from open', 'open', false, move('reality_tested', { note: 'x' }), 'not-allowed', 'A recommendation that is open cannot be moved to reality tested.'],
    ['anything after closed', 'closed', true, move('open', { note: 'x' }), 'not-allowed', 'A recommendation that is closed cannot be moved to open.'],
    ['closing early without a reason', 'in_progress', false, move('closed'), 'reason-required', 'Give a reason for closing a recommendation that has not been reality tested.'],
    ['going back without a reason', 'implemented', true, move('in_progress'), 'reason-required', 'Give a reason for moving the recommendation back to in progress.'],
  ])('refuses %s', (_name, from, withEvidence, request, code, message) => {
    expect(transitionRecommendation(recommendation(from, withEvidence), request)).toEqual({ ok: false, problems: [{ code, message }] });
  });

  it('records the reality-testing note and keeps the original unchanged', () => {
    const original = recommendation('implemented', true);
    const result = transitionRecommendation(original, move('reality_tested', { note: 'Dip-checked 10 files.' }));
    expect(result.ok && result.recommendation.realityTestingNotes).toEqual([{ note: 'Dip-checked 10 files.', by: 'lead-1', on: '2025-07-01' }]);
    expect(original.status).toBe('implemented');
    expect(original.history).toEqual([]);
  });

  it('keeps the transition table consistent: every target is a known status and closed is final', () => {
    for (const status of RECOMMENDATION_STATUSES) {
      for (const to of RECOMMENDATION_TRANSITIONS[status]) expect(RECOMMENDATION_STATUSES).toContain(to);
    }
    expect(RECOMMENDATION_TRANSITIONS.closed).toEqual([]);
  });
});

describe('overdue recommendations', () => {
  it('lists open and in-progress recommendations past their due date, longest overdue first', () => {
    const recs: Recommendation[] = [
      { ...recommendation('open'), id: 'a', due: '2025-06-30' },
      { ...recommendation('in_progress'), id: 'b', due: '2025-03-31' },
      { ...recommendation('implemented', true), id: 'c', due: '2025-01-31' },
      { ...recommendation('open'), id: 'd', due: '2025-07-01' },
    ];
    expect(overdueRecommendations(recs, '2025-07-01').map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('newRecommendationSchema', () => {
  it('requires the text, an owner and a real due date', () => {
    const result = newRecommendationSchema.safeParse({
      source: { kind: 'scrutiny_panel', title: 'Quality Assurance Panel, May 2022' },
      text: '',
      owner: '',
      due: '2025-13-01',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['Enter the recommendation', 'Name who owns the recommendation']),
    );
  });
});
