import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, buildSample, matchesFilter } from './sampling.ts';
import type { CaseFilter, CaseSummary, Sample, SampleOutcome, SampleRequest } from './sampling.ts';

function summary(id: string, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    finalisedOn: '2025-03-01',
    classification: 'stalking',
    outcomeCode: 1,
    domesticAbuse: false,
    cyberEnabled: false,
    hasBreach: false,
    nonCrime: false,
    historicWarning: false,
    ...overrides,
  };
}

function sampleOf(outcome: SampleOutcome): Sample {
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('; '));
  return outcome.sample;
}

/** For each of outcomes 1, 16 and 18: `da` domestic abuse cases and `other` without. */
function outcomePopulation(da: number, other: number): CaseSummary[] {
  return [1, 16, 18].flatMap((outcomeCode) => [
    ...Array.from({ length: da }, (_, i) => summary(`o${outcomeCode}-da-${i}`, { outcomeCode, domesticAbuse: true })),
    ...Array.from({ length: other }, (_, i) => summary(`o${outcomeCode}-nd-${i}`, { outcomeCode, domesticAbuse: false })),
  ]);
}

const thirdsByOutcome = [1, 16, 18].map((code) => ({ label: `Outcome ${code}`, filter: { outcomeCodes: [code] }, proportion: 1 / 3 }));
const oneThirdDomesticAbuse = [{ label: 'Domestic abuse', filter: { domesticAbuse: true }, proportion: 1 / 3 }];

describe('stratified sample: equal thirds by outcome 1/16/18 with one third domestic abuse (002 Annex A)', () => {
  const population = outcomePopulation(10, 20);

  it.each([9, 12, 15, 45])('size %i: each outcome a third, a third of the sample DA, spread across outcomes', (size) => {
    const sample = sampleOf(
      buildSample(population, { criteria: {}, strata: thirdsByOutcome, quotas: oneThirdDomesticAbuse, size, seed: 'sussex-2018' }),
    );
    const byId = new Map(population.map((c) => [c.id, c]));
    const picked = sample.cases.map((c) => byId.get(c.caseId) as CaseSummary);
    expect(picked).toHaveLength(size);
    for (const code of [1, 16, 18]) {
      const inStratum = picked.filter((c) => c.outcomeCode === code);
      expect(inStratum).toHaveLength(size / 3);
      const da = inStratum.filter((c) => c.domesticAbuse).length;
      expect(Math.abs(da - size / 9)).toBeLessThanOrEqual(1);
    }
    expect(picked.filter((c) => c.domesticAbuse)).toHaveLength(size / 3);
    expect(sample.quotas).toEqual([
      { label: 'Domestic abuse', target: size / 3, targetProportion: 1 / 3, achieved: size / 3, achievedProportion: 1 / 3 },
    ]);
    expect(sample.warnings).toEqual([]);
  });

  it('labels each case with the stratum it was drawn for', () => {
    const sample = sampleOf(buildSample(population, { criteria: {}, strata: thirdsByOutcome, size: 9, seed: 's' }));
    for (const c of sample.cases) expect(c.caseId.startsWith(`o${c.stratum.replace('Outcome ', '')}-`)).toBe(true);
    expect(sample.strata.map((s) => [s.label, s.target, s.selected])).toEqual([
      ['Outcome 1', 3, 3],
      ['Outcome 16', 3, 3],
      ['Outcome 18', 3, 3],
    ]);
  });

  it('makes up a quota shortfall in one stratum from the others', () => {
    const noDaForOutcome18 = population.filter((c) => !(c.outcomeCode === 18 && c.domesticAbuse));
    const sample = sampleOf(
      buildSample(noDaForOutcome18, { criteria: {}, strata: thirdsByOutcome, quotas: oneThirdDomesticAbuse, size: 9, seed: 'x' }),
    );
    expect(sample.quotas[0]?.achieved).toBe(3);
    expect(sample.strata.every((s) => s.selected === 3)).toBe(true);
  });
});

describe('shortfalls', () => {
  it('reports a stratum that cannot be filled, in plain English, without padding it from elsewhere', () => {
    const population = [
      ...Array.from({ length: 6 }, (_, i) => summary(`a${i}`, { outcomeCode: 1 })),
      summary('b1', { outcomeCode: 18 }),
      summary('b2', { outcomeCode: 18 }),
    ];
    const sample = sampleOf(
      buildSample(population, {
        criteria: {},
        strata: [
          { label: 'Outcome 1', filter: { outcomeCodes: [1] }, count: 4 },
          { label: 'Outcome 18', filter: { outcomeCodes: [18] }, count: 4 },
        ],
        size: 8,
        seed: 'panel',
      }),
    );
    expect(sample.cases).toHaveLength(6);
    expect(sample.strata[1]).toEqual({ label: 'Outcome 18', target: 4, available: 2, selected: 2, shortfall: 2 });
    expect(sample.warnings).toEqual([
      { code: 'stratum-shortfall', message: 'Asked for 4 "Outcome 18" cases, but only 2 eligible cases match.' },
    ]);
  });

  it('reports a quota that cannot be met with the achieved share', () => {
    const population = Array.from({ length: 12 }, (_, i) => summary(`c${i}`, { domesticAbuse: i < 2 }));
    const sample = sampleOf(buildSample(population, { criteria: {}, quotas: oneThirdDomesticAbuse, size: 12, seed: 'q' }));
    expect(sample.quotas[0]).toMatchObject({ target: 4, achieved: 2 });
    expect(sample.warnings).toEqual([
      {
        code: 'quota-not-met',
        message: 'Aimed for 4 "Domestic abuse" cases (33% of the sample); the sample has 2 (17%).',
      },
    ]);
  });
});

describe('criteria', () => {
  it.each<[string, CaseFilter, Partial<CaseSummary>, boolean]>([
    ['finalised before the range', { finalisedFrom: '2025-01-01' }, { finalisedOn: '2024-12-31' }, false],
    ['finalised on the first day', { finalisedFrom: '2025-01-01' }, { finalisedOn: '2025-01-01' }, true],
    ['finalised after the range', { finalisedTo: '2025-06-30' }, { finalisedOn: '2025-07-01' }, false],
    ['classification listed', { classifications: ['harassment', 'stalking'] }, {}, true],
    ['classification not listed', { classifications: ['malicious_communications'] }, {}, false],
    ['outcome listed', { outcomeCodes: [1, 16] }, { outcomeCode: 16 }, true],
    ['non-crime has no outcome', { outcomeCodes: [1, 16, 18] }, { outcomeCode: null, nonCrime: true }, false],
    ['domestic abuse wanted', { domesticAbuse: true }, { domesticAbuse: false }, false],
    ['not domestic abuse wanted', { domesticAbuse: false }, { domesticAbuse: false }, true],
    ['cyber-enabled', { cyberEnabled: true }, { cyberEnabled: true }, true],
    ['breaches', { hasBreach: true }, { hasBreach: false }, false],
    ['non-crime incidents', { nonCrime: true }, { nonCrime: true, outcomeCode: null }, true],
    ['historic warnings', { historicWarning: true }, { historicWarning: true }, true],
  ])('%s', (_name, filter, overrides, expected) => {
    expect(matchesFilter(summary('x', overrides), filter)).toBe(expected);
  });

  it('samples only from cases meeting the criteria', () => {
    const population = [
      summary('in-1', { finalisedOn: '2025-02-01', cyberEnabled: true }),
      summary('in-2', { finalisedOn: '2025-03-01', cyberEnabled: true }),
      summary('old', { finalisedOn: '2024-02-01', cyberEnabled: true }),
      summary('not-cyber', { finalisedOn: '2025-02-01' }),
    ];
    const sample = sampleOf(
      buildSample(population, { criteria: { finalisedFrom: '2025-01-01', cyberEnabled: true }, size: 4, seed: 'c' }),
    );
    expect(sample.eligible).toBe(2);
    expect(sample.cases.map((c) => c.caseId)).toEqual(['in-1', 'in-2']);
    expect(sample.warnings[0]?.message).toBe('Asked for 4 "All eligible cases" cases, but only 2 eligible cases match.');
  });
});

describe('request checks', () => {
  it.each<[string, Partial<SampleRequest>, string]>([
    ['a missing seed', { seed: ' ' }, 'Give a seed so the sample can be reproduced'],
    ['a zero size', { size: 0 }, 'The sample needs at least one case'],
    ['a reversed date range', { criteria: { finalisedFrom: '2025-06-01', finalisedTo: '2025-01-01' } }, 'must not be after'],
    ['an impossible date', { criteria: { finalisedFrom: '2025-02-30' } }, 'real calendar date'],
    ['an unknown outcome code', { criteria: { outcomeCodes: [23] } }, 'Outcome codes run from 1 to 22'],
    [
      'a stratum with both a count and a proportion',
      { strata: [{ label: 'A', filter: {}, count: 2, proportion: 0.5 }] },
      'not both and not neither',
    ],
    ['strata bigger than the sample', { strata: [{ label: 'A', filter: {}, count: 11 }] }, 'more cases than the sample size'],
  ])('refuses %s with a message saying why', (_name, change, message) => {
    const outcome = buildSample([], { criteria: {}, size: 10, seed: 'ok', ...change });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.map((p) => p.message).join(' ')).toContain(message);
  });

  it('refuses a population listing a case twice', () => {
    const outcome = buildSample([summary('a'), summary('b'), summary('a')], { criteria: {}, size: 1, seed: 's' });
    expect(outcome).toEqual({ ok: false, problems: [{ code: 'duplicate-case', message: 'The population lists these cases more than once: a' }] });
  });
});

describe('apportion', () => {
  it.each([
    [10, [1, 1, 1], [4, 3, 3]],
    [12, [1, 1, 1], [4, 4, 4]],
    [4, [4, 4, 4], [2, 1, 1]],
    [5, [0.5, 0.3, 0.2], [3, 1, 1]],
    [0, [1, 2], [0, 0]],
  ])('splits %i by %j into %j', (total, weights, expected) => {
    expect(apportion(total, weights)).toEqual(expected);
  });
});

const caseSummary = (id: string): fc.Arbitrary<CaseSummary> =>
  fc.record({
    id: fc.constant(id),
    finalisedOn: fc.constantFrom('2024-11-30', '2025-01-15', '2025-04-02', '2025-06-30'),
    classification: fc.constantFrom('stalking', 'harassment', 'malicious_communications'),
    outcomeCode: fc.constantFrom(1, 16, 18, 8, null),
    domesticAbuse: fc.boolean(),
    cyberEnabled: fc.boolean(),
    hasBreach: fc.boolean(),
    nonCrime: fc.boolean(),
    historicWarning: fc.boolean(),
  });

const population = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 80 })
  .chain((ids) => fc.tuple(...ids.map(caseSummary)))
  .map((cases) => [...cases]);

const request: fc.Arbitrary<SampleRequest> = fc.record({
  criteria: fc.record({ domesticAbuse: fc.boolean(), finalisedFrom: fc.constant('2025-01-01') }, { requiredKeys: [] }),
  strata: fc.constantFrom([], thirdsByOutcome, [{ label: 'Breaches', filter: { hasBreach: true }, count: 3 }]),
  quotas: fc.constantFrom([], oneThirdDomesticAbuse, [{ label: 'Cyber', filter: { cyberEnabled: true }, proportion: 0.5 }]),
  size: fc.integer({ min: 3, max: 30 }),
  seed: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0),
});

describe('sample properties', () => {
  it('is the same for the same seed whatever the order of the population', () => {
    fc.assert(
      fc.property(population, request, fc.array(fc.nat()), (cases, req, keys) => {
        const reordered = cases
          .map((c, i) => ({ c, k: keys[i % Math.max(keys.length, 1)] ?? i }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.c)
          .reverse();
        expect(buildSample(reordered, req)).toEqual(buildSample(cases, req));
      }),
      { numRuns: 150 },
    );
  });

  it('is a subset of the eligible population, never above the size, with no duplicates', () => {
    fc.assert(
      fc.property(population, request, (cases, req) => {
        const sample = sampleOf(buildSample(cases, req));
        const ids = sample.cases.map((c) => c.caseId);
        const byId = new Map(cases.map((c) => [c.id, c]));
        expect(ids.length).toBeLessThanOrEqual(req.size);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) {
          const c = byId.get(id);
          expect(c).toBeDefined();
          expect(matchesFilter(c as CaseSummary, req.criteria)).toBe(true);
        }
        for (const s of sample.strata) expect(s.selected).toBeLessThanOrEqual(s.target);
      }),
      { numRuns: 200 },
    );
  });

  it('fills the whole sample when the population is large enough and there are no strata', () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 1, max: 30 }), fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (cases, size, seed) => {
        const sample = sampleOf(buildSample(cases, { criteria: {}, size, seed }));
        expect(sample.cases).toHaveLength(Math.min(size, cases.length));
      }),
    );
  });

  it('usually changes with the seed', () => {
    const cases = outcomePopulation(10, 20);
    const draws = new Set(
      ['a', 'b', 'c', 'd', 'e'].map((seed) => JSON.stringify(sampleOf(buildSample(cases, { criteria: {}, size: 5, seed })).cases)),
    );
    expect(draws.size).toBeGreaterThan(1);
  });
});
