import { describe, expect, it } from 'vitest';
import { toRecord, type Assessment } from './assessment.ts';
import { DASH_2009, DEFAULT_TOOLS, STALKING_QUESTIONS_TOOL_ID } from './default-tools.ts';
import { gradeAssessment } from './grading.ts';
import { checkRiskPolicy, westYorkshireRiskPolicy } from './policy.ts';
import { answersFrom } from './test-support.ts';
import { snapshotTool } from './tool.ts';

describe('westYorkshireRiskPolicy', () => {
  it('is consistent with the default tools', () => {
    expect(checkRiskPolicy(westYorkshireRiskPolicy, DEFAULT_TOOLS)).toEqual([]);
  });

  it('uses the national MARAC threshold of 14 and 3 incidents in 12 months', () => {
    expect(westYorkshireRiskPolicy.marac).toMatchObject({ visibleHighRiskScore: 14, escalationIncidents: 3, escalationWindowMonths: 12 });
  });

  it.each<[string, Record<string, { grade: 'standard' | 'medium' | 'high'; min: number; max?: number }[]>, string]>([
    ['bands for an unknown tool', { scarf: [{ grade: 'standard', min: 0 }] }, 'bands.scarf: no tool with id "scarf" is loaded'],
    ['overlapping bands', { 'dash-2009': [{ grade: 'standard', min: 0, max: 10 }, { grade: 'high', min: 10 }] }, 'bands.dash-2009[1].min: overlaps the previous band, which ends at 10'],
  ])('reports %s', (_case, bands, message) => {
    expect(checkRiskPolicy({ ...westYorkshireRiskPolicy, bands }, DEFAULT_TOOLS).map((e) => e.message)).toEqual([message]);
  });
});

describe('toRecord', () => {
  it('summarises a completed assessment for the requirement rules, keeping what DASH question 8 opened', () => {
    const answers = answersFrom(DASH_2009, { q8: 'yes' });
    const grading = gradeAssessment(DASH_2009, answers);
    if (!grading.ok) throw new Error('grading refused');
    const completedAt = new Date('2025-03-03T12:00:00Z');
    const assessment: Assessment = {
      tool: snapshotTool(DASH_2009), stage: 'initial', source: 'police-information-and-observation', answers, grading: grading.value, completedAt,
    };
    expect(toRecord(assessment)).toEqual({ toolId: DASH_2009.id, stage: 'initial', completedAt, openedToolIds: [STALKING_QUESTIONS_TOOL_ID] });
  });
});
