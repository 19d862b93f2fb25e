import { describe, expect, it } from 'vitest';
import { INSPECTION_CRITERIA } from './criteria.ts';
import { INDICATORS, INDICATOR_GROUPS, TREND_INDICATORS, indicatorById } from './indicators.ts';

describe('indicator registry and inspection criteria', () => {
  it('indicator ids are unique and each belongs to a known group', () => {
    const ids = INDICATORS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of INDICATORS) expect(INDICATOR_GROUPS.map((g) => g.id)).toContain(i.group);
  });

  it('every indicator a criterion names exists, and every trend indicator exists', () => {
    for (const area of INSPECTION_CRITERIA) for (const c of area.criteria) for (const id of c.indicators) expect(indicatorById(id), `${c.id} ${id}`).toBeDefined();
    for (const id of TREND_INDICATORS) expect(indicatorById(id)).toBeDefined();
  });

  it('covers the six areas of 001 Annex A and the seventh of 002 Annex B', () => {
    expect(INSPECTION_CRITERIA.map((a) => a.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const sources = INSPECTION_CRITERIA.flatMap((a) => a.criteria.flatMap((c) => c.sources));
    expect(sources.some((s) => s.startsWith('001 A'))).toBe(true);
    expect(sources.some((s) => s.startsWith('002 B'))).toBe(true);
  });

  it('every measured indicator evidences at least one criterion', () => {
    const used = new Set(INSPECTION_CRITERIA.flatMap((a) => a.criteria.flatMap((c) => c.indicators)));
    for (const i of INDICATORS) expect(used.has(i.id), i.id).toBe(true);
  });
});
